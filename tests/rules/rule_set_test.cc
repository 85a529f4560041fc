#include <algorithm>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "polygraph/rules.h"
#include "rules/builtin_rules_data.h"
#include "rules/check_registry.h"
#include "tests/rules/rules_testing.h"
#include "tests/testing.h"

namespace polygraph::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::vector<std::string> Ids(const RuleSet& rules) {
  std::vector<std::string> ids;
  for (const RuleInfo& rule : rules.rules()) ids.push_back(rule.id);
  return ids;
}

TEST(RuleSetTest, BuiltinRulesAreSortedAndComplete) {
  ASSERT_OK_AND_ASSIGN(RuleSet rules, RuleSet::Builtin());
  // Every domain of the guide that configuration can show.
  EXPECT_THAT(
      Ids(rules),
      ElementsAreArray(std::vector<std::string>{
          "PG-CF-001",     "PG-CF-002",     "PG-CF-003",   "PG-CF-004",
          "PG-CF-005",     "PG-CF-006",     "PG-CF-007",   "PG-CF-008",
          "PG-CF-009",     "PG-CIDR-001",   "PG-CIDR-002", "PG-CIDR-003",
          "PG-CIDR-004",   "PG-CIDR-005",   "PG-CIDR-006", "PG-CIDR-007",
          "PG-COST-001",   "PG-COST-002",   "PG-COST-003", "PG-CT-001",
          "PG-CT-002",     "PG-CW-001",     "PG-CW-002",   "PG-ECS-001",
          "PG-ECS-002",    "PG-ECS-003",    "PG-ECS-004",  "PG-ECS-005",
          "PG-EKS-001",    "PG-EKS-002",    "PG-EKS-003",  "PG-IAM-001",
          "PG-IAM-002",    "PG-IAM-003",    "PG-IAM-004",  "PG-IAM-005",
          "PG-IAM-006",    "PG-IAM-007",    "PG-IAM-008",  "PG-IAM-009",
          "PG-IAM-010",    "PG-IAM-011",    "PG-IAM-012",  "PG-LAMBDA-001",
          "PG-LAMBDA-002", "PG-LAMBDA-003", "PG-LOG-001",  "PG-NET-001",
          "PG-NET-002",    "PG-NET-003",    "PG-NET-004",  "PG-NET-005",
          "PG-NET-006",    "PG-NET-007",    "PG-NET-008",  "PG-NET-009",
          "PG-NET-010",    "PG-NET-011",    "PG-RDS-001",  "PG-RDS-002",
          "PG-RDS-003",    "PG-RDS-004",    "PG-RDS-005",  "PG-RDS-006",
          "PG-RDS-007",    "PG-S3-001",     "PG-S3-002",   "PG-S3-003",
          "PG-S3-004",     "PG-S3-005",     "PG-S3-006",   "PG-S3-007",
          "PG-S3-008",     "PG-S3-009",     "PG-S3-010",   "PG-SM-001"}));
  EXPECT_GE(rules.rules().size(), 60u);
  for (const RuleInfo& rule : rules.rules()) {
    SCOPED_TRACE(rule.id);
    EXPECT_FALSE(rule.title.empty());
    EXPECT_FALSE(rule.category.empty());
    EXPECT_FALSE(rule.rationale.empty());
    EXPECT_FALSE(rule.remediation.empty());
    // A C++ check that is registered, or a declarative predicate.
    if (!rule.check.empty()) {
      EXPECT_NE(rules::internal::FindCheck(rule.check), nullptr);
    }
    ASSERT_FALSE(rule.references.empty());
    EXPECT_THAT(rule.references[0], HasSubstr("guide §"));
    EXPECT_TRUE(rule.location.file.starts_with("rules/")) << rule.location.file;
    EXPECT_TRUE(rule.location.file.ends_with("/" + rule.id + ".yaml"))
        << rule.location.file;
  }
}

TEST(RuleSetTest, BuiltinSeverities) {
  ASSERT_OK_AND_ASSIGN(RuleSet rules, RuleSet::Builtin());
  for (const char* id : {"PG-IAM-001", "PG-NET-001", "PG-S3-001"}) {
    ASSERT_NE(rules.Find(id), nullptr) << id;
    EXPECT_EQ(rules.Find(id)->severity, Severity::kHigh) << id;
  }
}

TEST(RuleSetTest, EveryRuleFileIsEmbedded) {
  EXPECT_EQ(rules::internal::BuiltinRuleFiles().size(), 76u);
  ASSERT_OK_AND_ASSIGN(RuleSet rules, RuleSet::Builtin());
  EXPECT_EQ(rules.rules().size(), rules::internal::BuiltinRuleFiles().size());
}

TEST(RuleSetTest, EveryRegisteredCheckIsUsed) {
  ASSERT_OK_AND_ASSIGN(RuleSet rules, RuleSet::Builtin());
  for (const rules::internal::NamedCheck& check :
       rules::internal::BuiltinChecks()) {
    bool used = std::any_of(
        rules.rules().begin(), rules.rules().end(),
        [&](const RuleInfo& rule) { return rule.check == check.name; });
    EXPECT_TRUE(used) << check.name;
  }
}

TEST(RuleSetTest, FindUnknownId) {
  ASSERT_OK_AND_ASSIGN(RuleSet rules, RuleSet::Builtin());
  EXPECT_EQ(rules.Find("PG-XYZ-999"), nullptr);
  EXPECT_EQ(rules.Find(""), nullptr);
}

TEST(RuleSetTest, SelectOnlyAndSkip) {
  ASSERT_OK_AND_ASSIGN(RuleSet rules, RuleSet::Builtin());
  ASSERT_OK_AND_ASSIGN(RuleSet all, rules.Select({}, {}));
  EXPECT_EQ(Ids(all), Ids(rules));
  ASSERT_OK_AND_ASSIGN(RuleSet only,
                       rules.Select({"PG-S3-001", "PG-IAM-001"}, {}));
  EXPECT_THAT(Ids(only), ElementsAre("PG-IAM-001", "PG-S3-001"));
  ASSERT_OK_AND_ASSIGN(RuleSet skipped, rules.Select({}, {"PG-NET-001"}));
  std::vector<std::string> expected = Ids(rules);
  expected.erase(std::find(expected.begin(), expected.end(), "PG-NET-001"));
  EXPECT_EQ(Ids(skipped), expected);
  ASSERT_OK_AND_ASSIGN(RuleSet none,
                       rules.Select({"PG-NET-001"}, {"PG-NET-001"}));
  EXPECT_THAT(Ids(none), IsEmpty());
}

TEST(RuleSetTest, SelectRejectsUnknownIds) {
  ASSERT_OK_AND_ASSIGN(RuleSet rules, RuleSet::Builtin());
  EXPECT_THAT(rules.Select({"PG-NET-999"}, {}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "unknown rule id \"PG-NET-999\""));
  EXPECT_THAT(
      rules.Select({}, {"pg-net-001"}),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("pg-net-001")));
}

TEST(RuleSetTest, RunSortsFindingsOfAllRulesByPlace) {
  ModelBuilder builder;
  size_t group = builder.AddResource(MakeResource(
      "AppSG", ResourceKind::kSecurityGroup, "AWS::EC2::SecurityGroup", 2));
  builder.AddSecurityGroupRule(
      IngressRule(group, "tcp", 22, 22, "0.0.0.0/0", /*line=*/40));
  Bucket bucket;
  bucket.resource = builder.AddResource(
      MakeResource("Assets", ResourceKind::kBucket, "AWS::S3::Bucket", 20));
  builder.AddBucket(bucket);
  builder.AddPolicy(
      MakePolicy("Admin", {MakeStatement({"*"}, {"*"}, /*line=*/5)}));
  Model model = std::move(builder).Build();
  ASSERT_OK_AND_ASSIGN(RuleSet rules, RuleSet::Builtin());
  std::vector<Finding> findings = rules.Run(model);
  // The bucket breaks PG-S3-001 and the guide's PG-S3-006..010 ("Assets" is
  // an asset bucket), all at its declaration: then sorted by id.
  ASSERT_EQ(findings.size(), 8u);
  // "*" on "*" is administrator access (PG-IAM-002, not also PG-IAM-001).
  EXPECT_EQ(findings[0].rule_id, "PG-IAM-002");
  EXPECT_EQ(findings[0].location.line, 5);
  EXPECT_EQ(findings[1].rule_id, "PG-S3-001");
  EXPECT_EQ(findings[2].rule_id, "PG-S3-006");
  EXPECT_EQ(findings[6].rule_id, "PG-S3-010");
  EXPECT_EQ(findings[6].location.line, 20);
  EXPECT_EQ(findings[7].rule_id, "PG-NET-001");
  EXPECT_EQ(findings[7].location.line, 43);
}

TEST(RuleSetTest, RunOnAnEmptyModel) {
  ASSERT_OK_AND_ASSIGN(RuleSet rules, RuleSet::Builtin());
  EXPECT_THAT(rules.Run(Model()), IsEmpty());
}

TEST(CheckRegistryTest, ChecksAreSortedAndFound) {
  std::span<const rules::internal::NamedCheck> checks =
      rules::internal::BuiltinChecks();
  ASSERT_FALSE(checks.empty());
  for (size_t i = 1; i < checks.size(); ++i)
    EXPECT_LT(checks[i - 1].name, checks[i].name);
  for (const rules::internal::NamedCheck& check : checks) {
    EXPECT_EQ(rules::internal::FindCheck(check.name), check.function);
  }
  EXPECT_EQ(rules::internal::FindCheck("no_such_check"), nullptr);
}

TEST(CheckRegistryTest, NewFindingCopiesTheRule) {
  RuleInfo rule;
  rule.id = "PG-T-001";
  rule.title = "T";
  rule.severity = Severity::kLow;
  Finding finding = rules::internal::NewFinding(rule);
  EXPECT_EQ(finding.rule_id, "PG-T-001");
  EXPECT_EQ(finding.title, "T");
  EXPECT_EQ(finding.severity, Severity::kLow);
}

}  // namespace
}  // namespace polygraph::testing
