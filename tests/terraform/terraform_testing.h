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

#include "gmock/gmock.h"
#include "polygraph/diagnostic.h"
#include "terraform/configuration.h"
#include "terraform/evaluator.h"

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

// A folder's configuration evaluated, with its diagnostics.
struct Evaluated {
  Configuration config;
  std::vector<Diagnostic> diagnostics;

  const TfValue& Attribute(const std::string& address,
                           const std::string& name) const {
    const ResourceInstance* instance = FindInstance(config, address);
    EXPECT_NE(instance, nullptr) << address;
    static const TfValue kMissing = TfValue::Unknown("missing", {});
    if (instance == nullptr) return kMissing;
    const TfValue* value = instance->attributes.Find(name);
    EXPECT_NE(value, nullptr) << address << "." << name;
    return value == nullptr ? kMissing : *value;
  }
  std::vector<std::string> Messages(Diagnostic::Level level) const {
    std::vector<std::string> messages;
    for (const Diagnostic& diagnostic : diagnostics) {
      if (diagnostic.level == level) messages.push_back(diagnostic.ToString());
    }
    return messages;
  }
};

inline Evaluated EvaluateTree(const TempTree& tree,
                              const EvaluationOptions& options = {}) {
  Evaluated evaluated;
  absl::StatusOr<Configuration> config =
      EvaluateConfiguration(tree.Path(), options, evaluated.diagnostics);
  EXPECT_TRUE(config.ok()) << config.status();
  if (config.ok()) evaluated.config = *std::move(config);
  return evaluated;
}

}  // namespace polygraph::terraform::testing

#endif  // POLYGRAPH_TESTS_TERRAFORM_TERRAFORM_TESTING_H_
