#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "polygraph/report.h"

namespace polygraph {
namespace {

Finding MakeFinding(Severity severity, std::string rule_id, int line) {
  Finding finding;
  finding.rule_id = std::move(rule_id);
  finding.severity = severity;
  finding.title = "A title";
  finding.location = {"app.yaml", line, 20};
  finding.resource = "AppSG";
  finding.message = "security group \"AppSG\" allows tcp 22 from 0.0.0.0/0";
  finding.fix = "close it";
  return finding;
}

TEST(TextReportTest, FindingsFixesNotesAndSummary) {
  CheckResult result;
  result.files = {"app.yaml", "bucket.yaml"};
  result.findings = {MakeFinding(Severity::kCritical, "PG-NET-001", 14),
                     MakeFinding(Severity::kHigh, "PG-S3-001", 30),
                     MakeFinding(Severity::kHigh, "PG-S3-001", 40)};
  result.diagnostics = {{Diagnostic::Level::kNote,
                         "not-analysed",
                         {"main.tf", 0, 0},
                         "Terraform is not analysed yet"}};
  EXPECT_EQ(FormatText(result),
            "app.yaml:14:20: critical PG-NET-001 security group \"AppSG\" "
            "allows tcp 22 from "
            "0.0.0.0/0\n"
            "  fix: close it\n"
            "app.yaml:30:20: high PG-S3-001 security group \"AppSG\" allows "
            "tcp 22 from 0.0.0.0/0\n"
            "  fix: close it\n"
            "app.yaml:40:20: high PG-S3-001 security group \"AppSG\" allows "
            "tcp 22 from 0.0.0.0/0\n"
            "  fix: close it\n"
            "main.tf: note: Terraform is not analysed yet [not-analysed]\n"
            "3 findings (1 critical, 2 high) in 2 files, 1 note\n");
}

TEST(TextReportTest, CleanResult) {
  CheckResult result;
  result.files = {"policy.json"};
  EXPECT_EQ(FormatText(result), "no findings in 1 file\n");
  EXPECT_EQ(FormatText(CheckResult()), "no findings in 0 files\n");
}

TEST(TextReportTest, SingularAndDiagnosticLevels) {
  CheckResult result;
  result.files = {"a.json"};
  Finding finding = MakeFinding(Severity::kLow, "PG-X-001", 1);
  finding.fix.clear();
  result.findings = {finding};
  result.diagnostics = {
      {Diagnostic::Level::kWarning, "", {"a.json", 2, 3}, "odd"},
      {Diagnostic::Level::kNote, "n", {"b", 0, 0}, "x"},
      {Diagnostic::Level::kNote, "n", {"c", 0, 0}, "y"}};
  std::string text = FormatText(result);
  EXPECT_THAT(text, ::testing::Not(::testing::HasSubstr("fix:")));
  EXPECT_THAT(text, ::testing::HasSubstr("a.json:2:3: warning: odd\n"));
  EXPECT_THAT(text, ::testing::EndsWith(
                        "1 finding (1 low) in 1 file, 2 notes, 1 warning\n"));
}

}  // namespace
}  // namespace polygraph
