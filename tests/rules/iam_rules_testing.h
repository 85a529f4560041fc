#ifndef POLYGRAPH_TESTS_RULES_IAM_RULES_TESTING_H_
#define POLYGRAPH_TESTS_RULES_IAM_RULES_TESTING_H_

// Running one built-in IAM rule over a CloudFormation template or a
// Terraform main.tf given as text.

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "polygraph/loader.h"
#include "tests/rules/rules_testing.h"

namespace polygraph::testing {

// Writes `text` to a fresh file `name` under the test's temporary folder
// (a folder of its own for "main.tf") and runs the rule `id` over it.
inline std::vector<Finding> RunRuleOnText(
    const std::string& id, const std::string& text,
    const std::string& name = "template.yaml") {
  // ctest runs tests in parallel processes: the directory is unique to the
  // process and the call.
  static int counter = 0;
  const std::string dir = ::testing::TempDir() + "iam_rules_" +
                          std::to_string(getpid()) + "_" +
                          std::to_string(++counter) + "_" + id;
  std::filesystem::create_directories(dir);
  const std::string path = dir + "/" + name;
  std::ofstream(path) << text;
  absl::StatusOr<LoadResult> loaded =
      LoadPaths({name == "main.tf" ? dir : path}, {});
  EXPECT_TRUE(loaded.ok()) << loaded.status();
  if (!loaded.ok()) return {};
  return RunRule(id, loaded->model);
}

}  // namespace polygraph::testing

#endif  // POLYGRAPH_TESTS_RULES_IAM_RULES_TESTING_H_
