#include "polygraph/diff_report.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace polygraph {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

Finding MakeFinding(const std::string& rule, Severity severity, int line,
                    const std::string& message) {
  Finding finding;
  finding.rule_id = rule;
  finding.severity = severity;
  finding.title = "title of " + rule;
  finding.location = {.file = "infra/app.yaml", .line = line, .column = 5};
  finding.resource = "Web";
  finding.message = message;
  finding.fix = "close it";
  return finding;
}

DiffResult Sample() {
  DiffResult diff;
  diff.new_findings = {
      MakeFinding("PG-NET-001", Severity::kCritical, 12, "tcp 22 | open"),
      MakeFinding("PG-S3-001", Severity::kHigh, 30, "<b>bucket</b>")};
  diff.fixed_findings = {MakeFinding("PG-IAM-001", Severity::kLow, 3, "old")};
  diff.unchanged = 7;
  diff.delta = {
      {.kind = DeltaItem::Kind::kAccess,
       .resource = "AppRole",
       .location = {.file = "infra/app.yaml", .line = 40, .column = 9},
       .description = "role AppRole may now s3:DeleteObject on arn:*"},
      {.kind = DeltaItem::Kind::kExposure,
       .resource = "Web",
       .location = {.file = "infra/app.yaml", .line = 12, .column = 11},
       .description = "instance Web is newly reachable from the internet: "
                      "tcp 22"}};
  diff.head_diagnostics = {
      {.level = Diagnostic::Level::kError,
       .code = "invalid-value",
       .location = {.file = "infra/app.yaml", .line = 50, .column = 1},
       .message = "bad CIDR"}};
  return diff;
}

TEST(DiffReportTest, TextListsSectionsAndSummary) {
  std::string text = FormatDiffText(Sample());
  EXPECT_THAT(text, StartsWith("New findings:\ninfra/app.yaml:12:5: critical "
                               "PG-NET-001 tcp 22 | open\n  fix: close it\n"));
  EXPECT_THAT(text, HasSubstr("Fixed findings:\ninfra/app.yaml:3:5: low "
                              "PG-IAM-001 old\n"));
  EXPECT_THAT(text, HasSubstr("Access:\ninfra/app.yaml:40:9: role AppRole "
                              "may now s3:DeleteObject on arn:*\n"));
  EXPECT_THAT(text, HasSubstr("Exposure:\ninfra/app.yaml:12:11: instance"));
  EXPECT_THAT(text, Not(HasSubstr("Reachability:")));
  EXPECT_THAT(text, HasSubstr("2 new findings (1 critical, 1 high), 1 fixed, "
                              "7 unchanged; 2 access, reachability or "
                              "exposure changes\n"));
}

TEST(DiffReportTest, JsonHoldsEveryPart) {
  nlohmann::json json = nlohmann::json::parse(FormatDiffJson(Sample()));
  ASSERT_EQ(json["new_findings"].size(), 2u);
  EXPECT_EQ(json["new_findings"][0]["rule_id"], "PG-NET-001");
  EXPECT_EQ(json["new_findings"][0]["line"], 12);
  EXPECT_EQ(json["fixed_findings"][0]["severity"], "low");
  EXPECT_EQ(json["unchanged"], 7);
  EXPECT_EQ(json["delta"][1]["kind"], "exposure");
  EXPECT_EQ(json["delta"][0]["resource"], "AppRole");
  EXPECT_EQ(json["delta"][0]["column"], 9);
  EXPECT_EQ(json["head_diagnostics"][0]["code"], "invalid-value");
  EXPECT_TRUE(json["base_diagnostics"].empty());
}

TEST(DiffReportTest, MarkdownIsAPullRequestComment) {
  std::string markdown = FormatDiffMarkdown(Sample());
  EXPECT_THAT(markdown, StartsWith("## polygraph diff\n\n**2 new**, 1 fixed, "
                                   "7 unchanged findings; **2** access"));
  EXPECT_THAT(markdown, HasSubstr("| critical | PG-NET-001 | infra/app.yaml:12 "
                                  "| tcp 22 \\| open | close it |\n"));
  EXPECT_THAT(markdown, HasSubstr("&lt;b&gt;bucket&lt;/b&gt;"));
  EXPECT_THAT(markdown, HasSubstr("### Fixed findings (1)\n\n- low PG-IAM-001 "
                                  "infra/app.yaml:3: old\n"));
  EXPECT_THAT(markdown,
              HasSubstr("### Access\n\n- infra/app.yaml:40: role "
                        "AppRole may now s3:DeleteObject on arn:\\*"));
  EXPECT_THAT(markdown, HasSubstr("### Exposure\n"));
  EXPECT_THAT(markdown, HasSubstr("- head infra/app.yaml:50: bad CIDR"));
}

TEST(DiffReportTest, NothingChanged) {
  DiffResult diff;
  diff.unchanged = 3;
  EXPECT_EQ(FormatDiffMarkdown(diff),
            "## polygraph diff\n\nNo changes in findings or access. 3 "
            "unchanged findings.\n");
  EXPECT_EQ(FormatDiffText(diff),
            "No changes in findings or access (3 unchanged findings).\n");
  EXPECT_EQ(DeltaKindName(DeltaItem::Kind::kReachability), "reachability");
}

}  // namespace
}  // namespace polygraph
