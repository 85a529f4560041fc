#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "polygraph/report.h"

namespace polygraph {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

Finding MakeFinding(Severity severity, std::string message) {
  Finding finding;
  finding.rule_id = "PG-NET-001";
  finding.severity = severity;
  finding.title = "Open";
  finding.location = {"app.yaml", 14, 20};
  finding.resource = "AppSG";
  finding.message = std::move(message);
  finding.fix = "restrict it";
  return finding;
}

TEST(MarkdownReportTest, NoFindings) {
  CheckResult result;
  result.files = {"a.yaml", "b.yaml"};
  const std::string text = FormatMarkdown(result);
  EXPECT_THAT(text, HasSubstr("No findings in 2 files."));
  EXPECT_THAT(text, Not(HasSubstr("| Severity")));
  EXPECT_THAT(text, Not(HasSubstr("<details>")));
}

TEST(MarkdownReportTest, SummaryTableAndFixes) {
  CheckResult result;
  result.files = {"app.yaml"};
  result.findings = {MakeFinding(Severity::kCritical, "tcp 22 open"),
                     MakeFinding(Severity::kHigh, "tcp 3389 open"),
                     MakeFinding(Severity::kHigh, "tcp 80 open")};
  const std::string text = FormatMarkdown(result);
  EXPECT_THAT(text,
              HasSubstr("**3 findings (1 critical, 2 high)** in 1 file."));
  EXPECT_THAT(text,
              HasSubstr("| Severity | Rule | Location | Resource | Message |"));
  EXPECT_THAT(text, HasSubstr("| critical | PG-NET-001 | app.yaml:14 | AppSG "
                              "| tcp 22 open |"));
  EXPECT_THAT(text, HasSubstr("- PG-NET-001 at app.yaml:14: restrict it"));
}

TEST(MarkdownReportTest, EscapesCells) {
  CheckResult result;
  result.findings = {MakeFinding(Severity::kLow, "a|b\nc <script> `x` \xff")};
  const std::string text = FormatMarkdown(result);
  EXPECT_THAT(text,
              HasSubstr("a\\|b<br>c &lt;script&gt; \\`x\\` \xEF\xBF\xBD"));
  // Every table row has exactly the header's six unescaped pipes.
  for (size_t start = text.find("| low"); start != std::string::npos;) {
    const std::string row = text.substr(start, text.find('\n', start) - start);
    size_t pipes = 0;
    for (size_t i = 0; i < row.size(); ++i) {
      if (row[i] == '|' && (i == 0 || row[i - 1] != '\\')) ++pipes;
    }
    EXPECT_EQ(pipes, 6u) << row;
    break;
  }
}

TEST(MarkdownReportTest, SuppressedInDetailsAndErrorsListed) {
  CheckResult result;
  result.suppressed = {{MakeFinding(Severity::kHigh, "tcp 22 open"),
                        {"inline", "bastion", {"app.yaml", 13, 5}}}};
  result.diagnostics = {
      {Diagnostic::Level::kError, "rule-error", {"r.yaml", 2, 1}, "bad"},
      {Diagnostic::Level::kNote, "not-analysed", {"x.md", 0, 0}, "skipped"}};
  const std::string text = FormatMarkdown(result);
  EXPECT_THAT(text, HasSubstr("No findings in 0 files."));
  EXPECT_THAT(text, HasSubstr("<details><summary>1 suppressed finding"));
  EXPECT_THAT(text, HasSubstr("| tcp 22 open | inline: bastion |"));
  EXPECT_THAT(text, HasSubstr("</details>"));
  EXPECT_THAT(text, HasSubstr("r.yaml:2:1: error: bad"));
  EXPECT_THAT(text, Not(HasSubstr("skipped")));
}

}  // namespace
}  // namespace polygraph
