// rules/README.md is written by hand; this keeps it from drifting from the
// built-in rule pack.

#include <fstream>
#include <sstream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "polygraph/rules.h"
#include "tests/testing.h"

namespace polygraph::testing {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(RulesReadmeTest, ListsEveryBuiltinRuleWithItsSeverity) {
  std::string readme = ReadFile(SourcePath("rules/README.md"));
  ASSERT_FALSE(readme.empty()) << "rules/README.md is missing";
  ASSERT_OK_AND_ASSIGN(RuleSet rules, RuleSet::Builtin());
  for (const RuleInfo& rule : rules.rules()) {
    SCOPED_TRACE(rule.id);
    std::string severity(SeverityName(rule.severity));
    // The table row: | [ID](path) | severity | title |
    EXPECT_THAT(readme,
                ::testing::HasSubstr("| [" + rule.id + "](" +
                                     rule.location.file.substr(6) + ") | " +
                                     severity + " | " + rule.title + " |"));
    // And a section explaining it.
    EXPECT_THAT(readme, ::testing::HasSubstr("### " + rule.id));
  }
}

TEST(RulesReadmeTest, ListsNoRuleThatDoesNotExist) {
  std::string readme = ReadFile(SourcePath("rules/README.md"));
  ASSERT_OK_AND_ASSIGN(RuleSet rules, RuleSet::Builtin());
  size_t pos = 0;
  while ((pos = readme.find("### PG-", pos)) != std::string::npos) {
    std::string id =
        readme.substr(pos + 4, readme.find_first_of(" \n", pos + 4) - pos - 4);
    EXPECT_NE(rules.Find(id), nullptr)
        << "README documents unknown rule " << id;
    pos += 4;
  }
}

}  // namespace
}  // namespace polygraph::testing
