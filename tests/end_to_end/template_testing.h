#ifndef POLYGRAPH_TESTS_END_TO_END_TEMPLATE_TESTING_H_
#define POLYGRAPH_TESTS_END_TO_END_TEMPLATE_TESTING_H_

// Helpers for the end-to-end tests that mutate the guide's templates: read a
// source file, replace one snippet, find a snippet's line, and run every
// built-in rule over a template text.

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "polygraph/diagnostic.h"
#include "polygraph/finding.h"
#include "polygraph/loader.h"
#include "polygraph/rules.h"

namespace polygraph::testing {

// The file at `relative` under the source tree.
inline std::string ReadSource(const std::string& relative) {
  std::ifstream in(std::string(POLYGRAPH_SOURCE_DIR) + "/" + relative);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The guide's S3 + CloudFront template, corrected: no rule finds anything.
inline std::string Fixed() {
  return ReadSource("tests/data/cdn/s3-cloudfront-fixed.yaml");
}

// `text` with the one occurrence of `from` replaced by `to`.
inline std::string Replace(std::string text, const std::string& from,
                           const std::string& to) {
  size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  EXPECT_EQ(text.find(from, at + 1), std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// The 1-based line of the first occurrence of `needle` in `text`.
inline int LineOf(const std::string& text, const std::string& needle) {
  size_t at = text.find(needle);
  EXPECT_NE(at, std::string::npos) << needle;
  return 1 +
         static_cast<int>(std::count(text.begin(), text.begin() + at, '\n'));
}

struct Checked {
  std::vector<Finding> findings;
  std::vector<Diagnostic> diagnostics;  // the load's, then the checks'
};

// Every built-in rule over `text`, loaded as a template file named after the
// running test.
inline Checked Check(const std::string& text) {
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() /
      ("polygraph_template_" +
       std::string(
           ::testing::UnitTest::GetInstance()->current_test_info()->name()) +
       ".yaml");
  std::ofstream(path) << text;
  absl::StatusOr<LoadResult> loaded = LoadPaths({path.string()}, {});
  std::filesystem::remove(path);
  EXPECT_TRUE(loaded.ok()) << loaded.status();
  if (!loaded.ok()) return {};
  absl::StatusOr<RuleSet> rules = RuleSet::Builtin();
  EXPECT_TRUE(rules.ok()) << rules.status();
  Checked checked;
  checked.diagnostics = loaded->diagnostics;
  checked.findings = rules->Run(loaded->model, &checked.diagnostics);
  return checked;
}

inline std::vector<Finding> Findings(const std::string& text) {
  return Check(text).findings;
}

inline std::vector<std::pair<std::string, int>> IdsAndLines(
    const std::vector<Finding>& findings) {
  std::vector<std::pair<std::string, int>> out;
  for (const Finding& finding : findings) {
    out.push_back({finding.rule_id, finding.location.line});
  }
  return out;
}

}  // namespace polygraph::testing

#endif  // POLYGRAPH_TESTS_END_TO_END_TEMPLATE_TESTING_H_
