// Check() with CheckOptions::rule_paths and host_rules.

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "polygraph/check.h"

namespace polygraph {
namespace {

using ::testing::HasSubstr;

class CheckUserRulesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Unique per process: ctest runs tests in parallel processes.
    dir_ = (std::filesystem::temp_directory_path() /
            ("pg_check_user_rules_" + std::to_string(getpid())))
               .string();
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_ + "/rules");
    Write("template.yaml",
          "Resources:\n"
          "  Db:\n"
          "    Type: AWS::RDS::DBInstance\n"
          "    Properties:\n"
          "      Engine: postgres\n"
          "      StorageEncrypted: false\n");
    Write("rules/ACME-DB-001.yaml",
          "id: ACME-DB-001\n"
          "title: Databases are encrypted\n"
          "severity: critical\n"
          "category: storage\n"
          "rationale: Because.\n"
          "remediation: Encrypt.\n"
          "references: [\"https://example.com\"]\n"
          "check:\n"
          "  resources: [db_instance]\n"
          "  require: {attribute: StorageEncrypted, equals: true}\n"
          "  message: \"{resource}: StorageEncrypted is {value}\"\n");
  }
  void Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ + "/" + name) << text;
  }
  std::string dir_;
};

TEST_F(CheckUserRulesTest, UserRuleRunsAndCanBeSelected) {
  CheckOptions options;
  options.rule_paths = {dir_ + "/rules"};
  options.only_rules = {"ACME-DB-001"};
  absl::StatusOr<CheckResult> result =
      Check({dir_ + "/template.yaml"}, options);
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_EQ(result->findings.size(), 1u);
  EXPECT_EQ(result->findings[0].rule_id, "ACME-DB-001");
  EXPECT_EQ(result->findings[0].severity, Severity::kCritical);
  EXPECT_EQ(result->findings[0].location.line, 6);
  EXPECT_EQ(result->findings[0].message, "Db: StorageEncrypted is false");
  EXPECT_FALSE(result->HasErrors());

  options.only_rules = {};
  options.skip_rules = {"ACME-DB-001"};
  result = Check({dir_ + "/template.yaml"}, options);
  ASSERT_TRUE(result.ok()) << result.status();
  for (const Finding& finding : result->findings) {
    EXPECT_NE(finding.rule_id, "ACME-DB-001");
  }
}

TEST_F(CheckUserRulesTest, BadRuleFileIsAnErrorDiagnosticOthersStillRun) {
  Write("rules/ACME-BAD-001.yaml",
        "id: ACME-BAD-001\n"
        "title: Bad\n"
        "severity: low\n"
        "category: storage\n"
        "rationale: Because.\n"
        "remediation: Fix.\n"
        "references: [\"https://example.com\"]\n"
        "check:\n"
        "  resources: [db_instance]\n"
        "  require: {attribute: A, regex: \"(\"}\n"
        "  message: m\n");
  CheckOptions options;
  options.rule_paths = {dir_ + "/rules"};
  absl::StatusOr<CheckResult> result =
      Check({dir_ + "/template.yaml"}, options);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_TRUE(result->HasErrors());
  ASSERT_FALSE(result->diagnostics.empty());
  EXPECT_EQ(result->diagnostics[0].code, "rule-error");
  EXPECT_EQ(result->diagnostics[0].location.line, 10);
  EXPECT_THAT(result->diagnostics[0].message,
              HasSubstr("bad regular expression"));
  bool found = false;
  for (const Finding& finding : result->findings) {
    found = found || finding.rule_id == "ACME-DB-001";
  }
  EXPECT_TRUE(found);
  // An id that is left out is unknown to only/skip.
  options.only_rules = {"ACME-BAD-001"};
  EXPECT_EQ(Check({dir_ + "/template.yaml"}, options).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(CheckUserRulesTest, HostRules) {
  HostRule rule;
  rule.info.id = "ACME-HOST-1";
  rule.info.title = "Host";
  rule.info.severity = Severity::kInfo;
  rule.check = [](const Model& model,
                  size_t index) -> absl::StatusOr<std::vector<Finding>> {
    Finding finding;
    finding.message = "saw " + model.resources()[index].name;
    return std::vector<Finding>{finding};
  };
  CheckOptions options;
  options.host_rules = {rule};
  options.only_rules = {"ACME-HOST-1"};
  absl::StatusOr<CheckResult> result =
      Check({dir_ + "/template.yaml"}, options);
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_EQ(result->findings.size(), 1u);
  EXPECT_EQ(result->findings[0].message, "saw Db");
  EXPECT_EQ(result->findings[0].severity, Severity::kInfo);

  rule.info.id = "bad id";
  options.host_rules = {rule};
  options.only_rules = {};
  EXPECT_EQ(Check({dir_ + "/template.yaml"}, options).status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace polygraph
