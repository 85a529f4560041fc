#include "polygraph/rule_reference.h"

#include <fstream>
#include <sstream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "polygraph/rules.h"
#include "tests/testing.h"

namespace polygraph::testing {
namespace {

using ::testing::HasSubstr;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(RuleReferenceTest, ListsEveryRuleInTheTableAndExplainsIt) {
  ASSERT_OK_AND_ASSIGN(RuleSet rules, RuleSet::Builtin());
  std::string page = FormatRuleReference(rules);
  EXPECT_THAT(page,
              HasSubstr(std::to_string(rules.rules().size()) + " rules."));
  for (const RuleInfo& rule : rules.rules()) {
    SCOPED_TRACE(rule.id);
    ASSERT_TRUE(rule.location.file.starts_with("rules/"));
    EXPECT_THAT(
        page, HasSubstr("| [" + rule.id + "](" + rule.location.file.substr(6) +
                        ") | " + std::string(SeverityName(rule.severity)) +
                        " | " + rule.category + " | "));
    EXPECT_THAT(page, HasSubstr("### " + rule.id + " — " + rule.title));
    EXPECT_THAT(page, HasSubstr(rule.rationale));
    EXPECT_THAT(page, HasSubstr(rule.remediation));
  }
}

TEST(RuleReferenceTest, LinksUrlsAndSaysHowEachRuleIsDecided) {
  ASSERT_OK_AND_ASSIGN(RuleSet rules, RuleSet::Builtin());
  ASSERT_OK_AND_ASSIGN(RuleSet one, rules.Select({"PG-NET-001"}, {}));
  std::string page = FormatRuleReference(one);
  EXPECT_THAT(page, HasSubstr("1 rules."));
  EXPECT_THAT(page, HasSubstr("decided by C++ check `sg_open_ingress`"));
  const RuleInfo* rule = one.Find("PG-NET-001");
  ASSERT_NE(rule, nullptr);
  for (const std::string& reference : rule->references) {
    if (reference.starts_with("https://")) {
      EXPECT_THAT(page, HasSubstr("- <" + reference + ">\n"));
    } else {
      EXPECT_THAT(page, HasSubstr("- " + reference + "\n"));
    }
  }
}

TEST(RuleReferenceTest, EscapesPipesInTableCells) {
  HostRule host;
  host.info.id = "ACME-PIPE-001";
  host.info.title = "a | b";
  host.info.severity = Severity::kLow;
  host.info.category = "test";
  host.check = [](const Model&, size_t) {
    return absl::StatusOr<std::vector<Finding>>(std::vector<Finding>{});
  };
  ASSERT_OK_AND_ASSIGN(RuleSet none,
                       RuleSet::Builtin()->Select({"PG-NET-001"}, {}));
  ASSERT_OK_AND_ASSIGN(RuleSet rules, none.WithRule(host));
  std::string page = FormatRuleReference(rules);
  EXPECT_THAT(page, HasSubstr("| test | a \\| b |"));
  EXPECT_THAT(page, HasSubstr("decided by host code"));
}

// rules/README.md is the generated page below its marker line; regenerate
// it with scripts/update-rules-readme.sh after changing a rule file.
TEST(RuleReferenceTest, RulesReadmeIsUpToDate) {
  std::string readme = ReadFile(SourcePath("rules/README.md"));
  size_t marker = readme.find(kRuleReferenceMarker);
  ASSERT_NE(marker, std::string::npos) << "rules/README.md lacks the marker";
  ASSERT_OK_AND_ASSIGN(RuleSet rules, RuleSet::Builtin());
  std::string generated = readme.substr(marker + kRuleReferenceMarker.size());
  EXPECT_EQ(generated, "\n\n" + FormatRuleReference(rules))
      << "rules/README.md is out of date: run scripts/update-rules-readme.sh";
}

}  // namespace
}  // namespace polygraph::testing
