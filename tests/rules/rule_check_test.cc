#include "rules/rule_check.h"

#include "gtest/gtest.h"
#include "tests/rules/declarative_testing.h"

namespace polygraph::rules::internal {
namespace {

std::vector<Finding> OneFinding(const CheckContext& context,
                                const RuleInfo& rule) {
  Finding finding = NewFinding(rule);
  finding.message =
      absl::StrCat(context.model().resources().size(), " resources");
  return {finding};
}

TEST(RuleCheckTest, NamedCheckCallsTheFunction) {
  Model model = testing::ModelOf({testing::YamlResource("Db", "A: 1")});
  CheckContext context(model);
  RuleInfo rule;
  rule.id = "PG-T-001";
  rule.severity = Severity::kHigh;
  std::vector<Finding> findings =
      MakeNamedCheck(&OneFinding)->Run(context, rule);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].rule_id, "PG-T-001");
  EXPECT_EQ(findings[0].message, "1 resources");
}

TEST(RuleCheckTest, HostCheckFillsDefaultsAndReportsFailures) {
  Model model = testing::ModelOf({testing::YamlResource("Db", "A: 1"),
                                  testing::YamlResource("Bad", "A: 1")});
  CheckContext context(model);
  HostRule host;
  host.check = [](const Model& m,
                  size_t i) -> absl::StatusOr<std::vector<Finding>> {
    if (m.resources()[i].name == "Bad") return absl::UnknownError("oops");
    Finding finding;
    finding.message = "m";
    finding.severity = Severity::kCritical;  // raised by the host
    finding.location.line = 9;
    finding.location.column = 2;
    return std::vector<Finding>{finding};
  };
  RuleInfo rule;
  rule.id = "ACME-1";
  rule.title = "T";
  rule.severity = Severity::kLow;
  rule.remediation = "R";
  std::vector<Finding> findings = MakeHostCheck(host)->Run(context, rule);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].rule_id, "ACME-1");
  EXPECT_EQ(findings[0].title, "T");
  EXPECT_EQ(findings[0].severity, Severity::kCritical);
  EXPECT_EQ(findings[0].fix, "R");
  EXPECT_EQ(findings[0].resource, "Db");
  EXPECT_EQ(findings[0].location, (SourceLocation{"t.yaml", 9, 2}));
  std::vector<Diagnostic> diagnostics = context.diagnostics();
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics[0].code, "rule-error");
  EXPECT_EQ(diagnostics[0].message, "rule ACME-1 failed on resource Bad: oops");
}

}  // namespace
}  // namespace polygraph::rules::internal
