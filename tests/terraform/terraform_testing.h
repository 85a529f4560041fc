#ifndef POLYGRAPH_TESTS_TERRAFORM_TERRAFORM_TESTING_H_
#define POLYGRAPH_TESTS_TERRAFORM_TERRAFORM_TESTING_H_

// Test helpers for Terraform configurations: a temporary folder tree
// written from strings, and lookups over an evaluated Configuration.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "terraform/configuration.h"

namespace polygraph::terraform::testing {

// A fresh folder under the test's temporary directory; Write() creates
// files (and their folders) relative to it.
class TempTree {
 public:
  TempTree() {
    const ::testing::TestInfo* test =
        ::testing::UnitTest::GetInstance()->current_test_info();
    root_ = std::filesystem::path(::testing::TempDir()) /
            (std::string("tf_") + test->test_suite_name() + "_" + test->name());
    std::filesystem::remove_all(root_);
    std::filesystem::create_directories(root_);
  }
  ~TempTree() {
    std::error_code ignored;
    std::filesystem::remove_all(root_, ignored);
  }
  TempTree(const TempTree&) = delete;
  TempTree& operator=(const TempTree&) = delete;

  std::string Write(const std::string& relative, const std::string& text) {
    std::filesystem::path path = root_ / relative;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
    return path.string();
  }
  std::string Path(const std::string& relative = "") const {
    return relative.empty() ? root_.string() : (root_ / relative).string();
  }

 private:
  std::filesystem::path root_;
};

// The instance at `address`, or nullptr.
inline const ResourceInstance* FindInstance(const Configuration& config,
                                            const std::string& address) {
  for (const ResourceInstance& instance : config.resources) {
    if (instance.address == address) return &instance;
  }
  return nullptr;
}

inline std::vector<std::string> Addresses(const Configuration& config) {
  std::vector<std::string> addresses;
  for (const ResourceInstance& instance : config.resources) {
    addresses.push_back(instance.address);
  }
  return addresses;
}

}  // namespace polygraph::terraform::testing

#endif  // POLYGRAPH_TESTS_TERRAFORM_TERRAFORM_TESTING_H_
