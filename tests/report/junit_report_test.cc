#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "polygraph/report.h"
#include "polygraph/rules.h"
#include "tests/testing.h"

namespace polygraph {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

RuleSet Rules(std::vector<std::string> only) {
  absl::StatusOr<RuleSet> builtin = RuleSet::Builtin();
  EXPECT_OK(builtin);
  absl::StatusOr<RuleSet> rules = builtin->Select(only, {});
  EXPECT_OK(rules);
  return *rules;
}

Finding MakeFinding(std::string message) {
  Finding finding;
  finding.rule_id = "PG-NET-001";
  finding.severity = Severity::kCritical;
  finding.title = "Open";
  finding.location = {"app.yaml", 14, 20};
  finding.resource = "AppSG";
  finding.message = std::move(message);
  finding.fix = "restrict it";
  return finding;
}

size_t Count(const std::string& text, const std::string& part) {
  size_t count = 0;
  for (size_t at = text.find(part); at != std::string::npos;
       at = text.find(part, at + 1)) {
    ++count;
  }
  return count;
}

TEST(JunitReportTest, OneSuitePerRulePassingWhenClean) {
  const std::string xml =
      FormatJunit(CheckResult{}, Rules({"PG-NET-001", "PG-S3-001"}));
  EXPECT_THAT(xml, HasSubstr("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
  EXPECT_THAT(xml, HasSubstr("<testsuites name=\"polygraph\" tests=\"2\" "
                             "failures=\"0\" errors=\"0\">"));
  EXPECT_EQ(Count(xml, "<testsuite "), 2u);
  EXPECT_THAT(xml, HasSubstr("<testcase classname=\"PG-S3-001\" name=\"no "
                             "findings\"/>"));
  EXPECT_THAT(xml, Not(HasSubstr("<failure")));
}

TEST(JunitReportTest, FailurePerFindingEscaped) {
  CheckResult result;
  result.findings = {MakeFinding("a \"<b>\" & 'c'"), MakeFinding("second")};
  const std::string xml = FormatJunit(result, Rules({"PG-NET-001"}));
  EXPECT_THAT(xml, HasSubstr("tests=\"2\" failures=\"2\""));
  EXPECT_EQ(Count(xml, "<failure "), 2u);
  EXPECT_THAT(xml, HasSubstr("<failure message=\"a &quot;&lt;b&gt;&quot; "
                             "&amp; &apos;c&apos;\" type=\"critical\">"));
  EXPECT_THAT(xml, HasSubstr("name=\"app.yaml:14:20 AppSG\""));
  EXPECT_THAT(xml, HasSubstr("file=\"app.yaml\" line=\"14\""));
  EXPECT_THAT(xml, Not(HasSubstr("no findings")));
}

TEST(JunitReportTest, ControlCharactersAndInvalidUtf8) {
  CheckResult result;
  result.findings = {MakeFinding(std::string("x\x01y\xff"))};
  const std::string xml = FormatJunit(result, Rules({"PG-NET-001"}));
  EXPECT_THAT(xml, HasSubstr("message=\"x?y\xEF\xBF\xBD\""));
  EXPECT_THAT(xml, Not(HasSubstr("\x01")));
}

TEST(JunitReportTest, UnknownRuleSuiteAndErrors) {
  CheckResult result;
  Finding finding = MakeFinding("m");
  finding.rule_id = "ACME-X-001";
  result.findings = {finding};
  result.diagnostics = {
      {Diagnostic::Level::kError, "rule-error", {"r.yaml", 2, 1}, "bad"}};
  const std::string xml = FormatJunit(result, Rules({"PG-NET-001"}));
  EXPECT_THAT(xml, HasSubstr("<testsuite name=\"ACME-X-001\" tests=\"1\" "
                             "failures=\"1\""));
  EXPECT_THAT(xml, HasSubstr("<error message=\"bad\" type=\"rule-error\">"));
  EXPECT_THAT(xml, HasSubstr("tests=\"3\" failures=\"1\" errors=\"1\""));
}

}  // namespace
}  // namespace polygraph
