// The rule fixtures: tests/rules/fixtures/<RULE-ID>/{bad*,good*}/.
//
// Each fixture folder holds one input (a CloudFormation template, or a
// Terraform folder with main.tf). In bad* folders, every line that ends with
// the comment `# expect: <RULE-ID>` is where a finding of that rule must be;
// the set of (file, line) of the rule's findings must equal the set of
// marked lines. A good* folder must give no finding of the rule. Every
// finding needs a message and a fix. Every built-in rule decided
// declaratively must have fixtures, and every rule folder needs both a bad*
// and a good* folder.

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "polygraph/check.h"
#include "polygraph/finding.h"
#include "polygraph/rules.h"
#include "tests/testing.h"

namespace polygraph {
namespace {

namespace fs = std::filesystem;
using FileLine = std::pair<std::string, int>;  // path relative to the folder

constexpr char kFixturesDir[] = "tests/rules/fixtures";

struct Fixture {
  std::string rule_id;
  std::string folder;  // absolute path of the bad* or good* folder
  bool bad = false;
};

// Shown by gtest instead of the object's bytes.
void PrintTo(const Fixture& fixture, std::ostream* out) {
  *out << fixture.folder;
}

bool IsFixtureFolderName(const std::string& name) {
  return name.rfind("bad", 0) == 0 || name.rfind("good", 0) == 0;
}

// Every bad*/good* folder under every rule folder, sorted.
std::vector<Fixture> AllFixtures() {
  std::vector<Fixture> fixtures;
  const fs::path root = testing::SourcePath(kFixturesDir);
  std::error_code error;
  if (!fs::is_directory(root, error)) return fixtures;
  for (const fs::directory_entry& rule : fs::directory_iterator(root)) {
    if (!rule.is_directory()) continue;
    for (const fs::directory_entry& folder :
         fs::directory_iterator(rule.path())) {
      const std::string name = folder.path().filename().string();
      if (!folder.is_directory() || !IsFixtureFolderName(name)) continue;
      fixtures.push_back({rule.path().filename().string(),
                          folder.path().string(), name.rfind("bad", 0) == 0});
    }
  }
  std::sort(
      fixtures.begin(), fixtures.end(),
      [](const Fixture& a, const Fixture& b) { return a.folder < b.folder; });
  return fixtures;
}

std::string Relative(const std::string& file, const std::string& folder) {
  std::error_code error;
  fs::path canonical_file = fs::weakly_canonical(file, error);
  fs::path canonical_folder = fs::weakly_canonical(folder, error);
  return canonical_file.lexically_relative(canonical_folder).generic_string();
}

// The (file, line) of every `# expect: ID[, ID...]` marker naming `rule_id`
// in the files under `folder`.
std::set<FileLine> ExpectedLines(const std::string& folder,
                                 const std::string& rule_id) {
  static const std::regex kMarker(R"(#\s*expect:\s*([A-Za-z0-9 ,-]+?)\s*$)");
  std::set<FileLine> expected;
  for (const fs::directory_entry& entry :
       fs::recursive_directory_iterator(folder)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path());
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
      ++number;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      std::smatch match;
      if (!std::regex_search(line, match, kMarker)) continue;
      std::string ids = match[1].str();
      std::replace(ids.begin(), ids.end(), ',', ' ');
      std::istringstream words(ids);
      std::string id;
      while (words >> id) {
        if (id == rule_id) {
          expected.insert({Relative(entry.path().string(), folder), number});
        }
      }
    }
  }
  return expected;
}

std::string Describe(const std::set<FileLine>& lines) {
  std::string out;
  for (const FileLine& line : lines) {
    out += "  " + line.first + ":" + std::to_string(line.second) + "\n";
  }
  return out.empty() ? "  (none)\n" : out;
}

class RuleFixtureTest : public ::testing::TestWithParam<Fixture> {};

TEST_P(RuleFixtureTest, FindingsAreExactlyOnMarkedLines) {
  const Fixture& fixture = GetParam();
  CheckOptions options;
  options.only_rules = {fixture.rule_id};
  absl::StatusOr<CheckResult> result = Check({fixture.folder}, options);
  ASSERT_TRUE(result.ok()) << fixture.folder << ": " << result.status();
  for (const Diagnostic& diagnostic : result->diagnostics) {
    EXPECT_NE(diagnostic.level, Diagnostic::Level::kError)
        << diagnostic.ToString();
  }

  std::set<FileLine> actual;
  for (const Finding& finding : result->findings) {
    if (finding.rule_id != fixture.rule_id) continue;
    actual.insert({Relative(finding.location.file, fixture.folder),
                   finding.location.line});
    EXPECT_FALSE(finding.message.empty())
        << finding.location.ToString() << ": finding without a message";
    EXPECT_FALSE(finding.fix.empty())
        << finding.location.ToString() << ": finding without a fix";
    EXPECT_FALSE(finding.resource.empty())
        << finding.location.ToString() << ": finding without a resource";
    EXPECT_GT(finding.location.column, 0)
        << finding.location.ToString() << ": finding without a column";
  }

  const std::set<FileLine> expected =
      fixture.bad ? ExpectedLines(fixture.folder, fixture.rule_id)
                  : std::set<FileLine>{};
  if (fixture.bad) {
    EXPECT_FALSE(expected.empty())
        << fixture.folder
        << ": no line is marked `# expect: " << fixture.rule_id << "`";
  }
  std::string messages;
  for (const Finding& finding : result->findings) {
    messages += "  " + finding.location.ToString() + ": " + finding.message +
                " | fix: " + finding.fix + "\n";
  }
  EXPECT_EQ(actual, expected) << fixture.folder << "\nexpected findings at:\n"
                              << Describe(expected) << "found at:\n"
                              << Describe(actual) << "findings:\n"
                              << messages;
}

std::string FixtureName(const ::testing::TestParamInfo<Fixture>& info) {
  std::string name = info.param.rule_id + "_" +
                     fs::path(info.param.folder).filename().string();
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(RuleFixtureTest);
INSTANTIATE_TEST_SUITE_P(Fixtures, RuleFixtureTest,
                         ::testing::ValuesIn(AllFixtures()), FixtureName);

TEST(RuleFixturesTest, EveryRuleFolderHasBadAndGoodFixtures) {
  const fs::path root = testing::SourcePath(kFixturesDir);
  ASSERT_TRUE(fs::is_directory(root)) << root;
  absl::StatusOr<RuleSet> rules = RuleSet::Builtin();
  ASSERT_TRUE(rules.ok()) << rules.status();
  for (const fs::directory_entry& rule : fs::directory_iterator(root)) {
    if (!rule.is_directory()) continue;
    const std::string id = rule.path().filename().string();
    EXPECT_NE(rules->Find(id), nullptr)
        << rule.path() << ": no built-in rule has this id";
    bool has_bad = false;
    bool has_good = false;
    for (const fs::directory_entry& folder :
         fs::directory_iterator(rule.path())) {
      if (!folder.is_directory()) continue;
      const std::string name = folder.path().filename().string();
      has_bad = has_bad || name.rfind("bad", 0) == 0;
      has_good = has_good || name.rfind("good", 0) == 0;
    }
    EXPECT_TRUE(has_bad) << rule.path() << " has no bad*/ folder";
    EXPECT_TRUE(has_good) << rule.path() << " has no good*/ folder";
  }
}

TEST(RuleFixturesTest, EveryDeclarativeBuiltinRuleHasFixtures) {
  absl::StatusOr<RuleSet> rules = RuleSet::Builtin();
  ASSERT_TRUE(rules.ok()) << rules.status();
  for (const RuleInfo& rule : rules->rules()) {
    if (!rule.check.empty()) continue;
    EXPECT_TRUE(fs::is_directory(
        testing::SourcePath(std::string(kFixturesDir) + "/" + rule.id)))
        << rule.id << " is decided declaratively but has no folder "
        << kFixturesDir << "/" << rule.id;
  }
}

}  // namespace
}  // namespace polygraph
