#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/rules/declarative_testing.h"

namespace polygraph::testing {
namespace {

constexpr char kCheck[] =
    "  resources: [db_instance, \"AWS::RDS::DBCluster\"]\n"
    "  where: {attribute: Engine, regex: \"^postgres\"}\n"
    "  require: {attribute: StorageEncrypted, equals: true}\n"
    "  message: \"{resource} ({type}): {attribute} is {value}, not "
    "{expected}\"\n"
    "  fix: \"Set {attribute}: true on {resource}.\"\n"
    "  fix_terraform: \"Set storage_encrypted = true in {resource}.\"\n";

TEST(DeclarativeCheckTest, FindingLocatedAtTheValueWithPlaceholders) {
  Model model = ModelOf(
      {YamlResource("Db", "Engine: postgres\nStorageEncrypted: false\n")});
  std::vector<Finding> findings = RunRuleText(RuleFile(kCheck), model);
  ASSERT_EQ(findings.size(), 1u);
  const Finding& finding = findings[0];
  EXPECT_EQ(finding.rule_id, "TEST-DB-001");
  EXPECT_EQ(finding.severity, Severity::kHigh);
  EXPECT_EQ(finding.title, "Test rule");
  EXPECT_EQ(finding.resource, "Db");
  EXPECT_EQ(finding.location, (SourceLocation{"t.yaml", 2, 19}));
  EXPECT_EQ(finding.message,
            "Db (AWS::RDS::DBInstance): StorageEncrypted is false, not true");
  EXPECT_EQ(finding.fix, "Set StorageEncrypted: true on Db.");
}

TEST(DeclarativeCheckTest, AbsentValueLocatedAtParentKeyOrResource) {
  std::string check =
      "  resources: [db_instance]\n"
      "  require: {attribute: A.B.C, equals: 1}\n"
      "  message: \"{attribute} is {value}\"\n";
  Model model = ModelOf({YamlResource("Db", "X: 1\nA:\n  B:\n    D: 2\n"),
                         YamlResource("Other", "X: 1\n")});
  std::vector<Finding> findings = RunRuleText(RuleFile(check), model);
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].location, (SourceLocation{"t.yaml", 3, 3}));  // B:
  EXPECT_EQ(findings[0].message, "A.B.C is absent");
  EXPECT_EQ(findings[0].fix, "Fix it.");  // the remediation
  EXPECT_EQ(findings[1].location, (SourceLocation{"t.yaml", 1, 3}));
}

TEST(DeclarativeCheckTest, WhereAndSelectionFilterResources) {
  Model model = ModelOf(
      {YamlResource("Mysql", "Engine: mysql\nStorageEncrypted: false\n"),
       YamlResource("Cluster", "Engine: postgres\n", ResourceKind::kDbCluster,
                    "AWS::RDS::DBCluster"),
       YamlResource("Bucket", "Engine: postgres\n", ResourceKind::kBucket,
                    "AWS::S3::Bucket")});
  std::vector<Finding> findings = RunRuleText(RuleFile(kCheck), model);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].resource, "Cluster");
  EXPECT_EQ(findings[0].message,
            "Cluster (AWS::RDS::DBCluster): StorageEncrypted is absent, not "
            "true");
}

TEST(DeclarativeCheckTest, TerraformFix) {
  Resource resource = YamlResource(
      "aws_db_instance.main", "Engine: postgres\nStorageEncrypted: false\n");
  resource.format = SourceFormat::kTerraform;
  std::vector<Finding> findings =
      RunRuleText(RuleFile(kCheck), ModelOf({std::move(resource)}));
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].fix,
            "Set storage_encrypted = true in aws_db_instance.main.");
}

TEST(DeclarativeCheckTest, ForEachLocatesTheFailingElementsLeaf) {
  std::string check =
      "  resources: [security_group]\n"
      "  require:\n"
      "    for_each: Ingress\n"
      "    require: {attribute: CidrIp, not_equals: 0.0.0.0/0}\n"
      "  message: \"{resource}: {attribute} is {value}\"\n";
  Model model = ModelOf({YamlResource(
      "Web", "Ingress:\n  - CidrIp: 10.0.0.0/8\n  - CidrIp: 0.0.0.0/0\n",
      ResourceKind::kSecurityGroup, "AWS::EC2::SecurityGroup")});
  std::vector<Finding> findings = RunRuleText(RuleFile(check), model);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].message, "Web: Ingress[1].CidrIp is 0.0.0.0/0");
  EXPECT_EQ(findings[0].location, (SourceLocation{"t.yaml", 3, 13}));
}

TEST(DeclarativeCheckTest, BracesEscape) {
  std::string check =
      "  resources: [db_instance]\n"
      "  require: {attribute: A, exists: true}\n"
      "  message: \"{{literal}} {resource}\"\n";
  std::vector<Finding> findings =
      RunRuleText(RuleFile(check), ModelOf({YamlResource("Db", "B: 1")}));
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].message, "{literal} Db");
}

TEST(DeclarativeCheckTest, ElementNameLocatesAtTheMembersValue) {
  std::string check =
      "  resources: [db_instance]\n"
      "  require:\n"
      "    not:\n"
      "      for_some: \"Env.*\"\n"
      "      require:\n"
      "        all:\n"
      "          - {attribute: \"@key\", regex: \"(?i)secret\"}\n"
      "          - {attribute: \"@\", literal: true}\n"
      "  message: \"{resource}: {attribute} is {value}\"\n";
  Model model = ModelOf(
      {YamlResource("Db", "Env:\n  MODE: prod\n  APP_SECRET: s3cr3t\n")});
  std::vector<Finding> findings = RunRuleText(RuleFile(check), model);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].message, "Db: Env.APP_SECRET is s3cr3t");
  EXPECT_EQ(findings[0].location, (SourceLocation{"t.yaml", 3, 15}));
}

TEST(DeclarativeCheckTest, ReferencesAreNamedInTheirShortForm) {
  std::string check =
      "  resources: [db_instance]\n"
      "  require: {attribute: A, not_equals_attribute: B}\n"
      "  message: \"{attribute} is {value}\"\n";
  Model model =
      ModelOf({YamlResource("Db",
                            "A: {\"Fn::GetAtt\": [Role, Arn]}\n"
                            "B: {\"Fn::GetAtt\": [Role, Arn]}\n"),
               YamlResource("Other", "A: {Ref: Role}\nB: {Ref: Role}\n")});
  std::vector<Finding> findings = RunRuleText(RuleFile(check), model);
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].message, "A is !GetAtt Role.Arn");
  EXPECT_EQ(findings[1].message, "A is !Ref Role");
}

}  // namespace
}  // namespace polygraph::testing
