// RuleSet::WithRuleFiles and RuleSet::WithRule.

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "polygraph/rules.h"
#include "tests/rules/declarative_testing.h"

namespace polygraph::testing {
namespace {

using ::testing::HasSubstr;

std::string TempDir(const std::string& name) {
  std::string dir = (std::filesystem::temp_directory_path() /
                     ("pg_user_rules_" + std::to_string(getpid()) + "_" + name))
                        .string();
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

void Write(const std::string& path, const std::string& text) {
  std::ofstream(path) << text;
}

constexpr char kGoodCheck[] =
    "  resources: [db_instance]\n"
    "  require: {attribute: StorageEncrypted, equals: true, default: false}\n"
    "  message: \"{resource}: StorageEncrypted is {value}\"\n";

TEST(RuleSetUserRulesTest, AddsGoodFilesAndReportsBadOnes) {
  std::string dir = TempDir("mixed");
  Write(dir + "/good.yaml", RuleFile(kGoodCheck));
  Write(dir + "/bad.yml", "id: [broken\n");
  Write(dir + "/dup.yaml",
        absl::StrReplaceAll(RuleFile(kGoodCheck),
                            {{"TEST-DB-001", "PG-NET-001"}}));
  Write(dir + "/ignored.txt", "not a rule");
  absl::StatusOr<RuleSet> builtin = RuleSet::Builtin();
  ASSERT_TRUE(builtin.ok()) << builtin.status();
  std::vector<Diagnostic> diagnostics;
  RuleSet set = builtin->WithRuleFiles({dir}, &diagnostics);
  ASSERT_NE(set.Find("TEST-DB-001"), nullptr);
  EXPECT_EQ(set.rules().size(), builtin->rules().size() + 1);
  ASSERT_EQ(diagnostics.size(), 2u);
  EXPECT_EQ(diagnostics[0].code, "rule-error");
  EXPECT_EQ(diagnostics[0].level, Diagnostic::Level::kError);
  EXPECT_EQ(diagnostics[0].location.file, dir + "/bad.yml");
  EXPECT_EQ(diagnostics[0].location.line, 2);
  EXPECT_THAT(diagnostics[1].message,
              HasSubstr("duplicate rule id \"PG-NET-001\""));

  // The added rule runs with the built-in ones; only/skip see it.
  Model model = ModelOf({YamlResource("Db", "Engine: mysql\n")});
  absl::StatusOr<RuleSet> only = set.Select({"TEST-DB-001"}, {});
  ASSERT_TRUE(only.ok()) << only.status();
  std::vector<Finding> findings = only->Run(model);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].message, "Db: StorageEncrypted is absent");
  absl::StatusOr<RuleSet> skipped = set.Select({}, {"TEST-DB-001"});
  ASSERT_TRUE(skipped.ok());
  for (const Finding& finding : skipped->Run(model)) {
    EXPECT_NE(finding.rule_id, "TEST-DB-001");
  }
}

TEST(RuleSetUserRulesTest, MissingPathIsADiagnostic) {
  absl::StatusOr<RuleSet> builtin = RuleSet::Builtin();
  ASSERT_TRUE(builtin.ok());
  std::vector<Diagnostic> diagnostics;
  builtin->WithRuleFiles({"/no/such/rules"}, &diagnostics);
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics[0].code, "rule-error");
}

HostRule MakeHostRule(std::string id) {
  HostRule rule;
  rule.info.id = std::move(id);
  rule.info.title = "Host rule";
  rule.info.severity = Severity::kLow;
  rule.kinds = {ResourceKind::kDbInstance};
  rule.check = [](const Model& model,
                  size_t resource) -> absl::StatusOr<std::vector<Finding>> {
    if (model.resources()[resource].name == "Broken") {
      return absl::InternalError("boom");
    }
    Finding finding;
    finding.message = "seen " + model.resources()[resource].name;
    return std::vector<Finding>{finding};
  };
  return rule;
}

TEST(RuleSetUserRulesTest, WithRuleValidates) {
  absl::StatusOr<RuleSet> builtin = RuleSet::Builtin();
  ASSERT_TRUE(builtin.ok());
  EXPECT_EQ(builtin->WithRule(MakeHostRule("lower-case")).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(builtin->WithRule(MakeHostRule("PG-NET-001")).status().code(),
            absl::StatusCode::kInvalidArgument);
  HostRule untitled = MakeHostRule("ACME-1");
  untitled.info.title = "";
  EXPECT_EQ(builtin->WithRule(untitled).status().code(),
            absl::StatusCode::kInvalidArgument);
  HostRule no_check = MakeHostRule("ACME-1");
  no_check.check = nullptr;
  EXPECT_EQ(builtin->WithRule(no_check).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(RuleSetUserRulesTest, HostRuleFindingsAndErrors) {
  absl::StatusOr<RuleSet> builtin = RuleSet::Builtin();
  ASSERT_TRUE(builtin.ok());
  absl::StatusOr<RuleSet> set = builtin->WithRule(MakeHostRule("ACME-DB-1"));
  ASSERT_TRUE(set.ok()) << set.status();
  absl::StatusOr<RuleSet> one = set->Select({"ACME-DB-1"}, {});
  ASSERT_TRUE(one.ok());
  Model model =
      ModelOf({YamlResource("Db", "A: 1"), YamlResource("Broken", "A: 1"),
               YamlResource("Bucket", "A: 1", ResourceKind::kBucket,
                            "AWS::S3::Bucket")});
  std::vector<Diagnostic> diagnostics;
  std::vector<Finding> findings = one->Run(model, &diagnostics);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].rule_id, "ACME-DB-1");
  EXPECT_EQ(findings[0].title, "Host rule");
  EXPECT_EQ(findings[0].severity, Severity::kLow);  // the rule's
  EXPECT_EQ(findings[0].resource, "Db");
  EXPECT_EQ(findings[0].location, (SourceLocation{"t.yaml", 1, 3}));
  EXPECT_EQ(findings[0].message, "seen Db");
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics[0].code, "rule-error");
  EXPECT_THAT(diagnostics[0].message, HasSubstr("ACME-DB-1"));
  EXPECT_THAT(diagnostics[0].message, HasSubstr("Broken"));
  EXPECT_THAT(diagnostics[0].message, HasSubstr("boom"));
}

}  // namespace
}  // namespace polygraph::testing
