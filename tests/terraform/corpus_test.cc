// Public Terraform that no one here wrote: every folder holding .tf files
// under ../shared/corpus/terraform (modules, wrappers and examples of four
// public module repositories) is evaluated as a root module, with its local
// module calls followed. Each must evaluate without an error Status; per
// folder the test counts the resource instances and the symbolic values
// (unknowns that are not links to another instance) and the error
// diagnostics, and compares them with tests/terraform/corpus_baseline.txt:
// resources may only rise, symbolic values and errors only fall. The errors
// left are ones Terraform itself reports for these folders (see the
// baseline's comments). POLYGRAPH_UPDATE_BASELINE=1 rewrites the counts.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <utility>

#include "terraform/evaluator.h"
#include "tests/testing.h"

namespace polygraph::terraform {
namespace {

using ::polygraph::testing::CorpusPath;
using ::polygraph::testing::SourcePath;

struct Counts {
  int resources = 0;
  int symbolic = 0;
  int errors = 0;
};

int CountSymbolic(const TfValue& value) {
  if (value.kind == TfValue::Kind::kUnknown) {
    if (!value.items.empty()) {
      int count = 0;
      for (const TfValue& part : value.items) count += CountSymbolic(part);
      return count;
    }
    return value.resource_address.empty() ? 1 : 0;
  }
  int count = 0;
  for (const TfValue& item : value.items) count += CountSymbolic(item);
  return count;
}

std::map<std::string, Counts> ReadBaseline(const std::string& path) {
  std::map<std::string, Counts> baseline;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string folder;
    Counts counts;
    fields >> folder >> counts.resources >> counts.symbolic >> counts.errors;
    baseline[folder] = counts;
  }
  return baseline;
}

TEST(TerraformCorpusTest, EveryFolderEvaluatesAndCountsOnlyImprove) {
  const std::filesystem::path root = CorpusPath("terraform");
  ASSERT_TRUE(std::filesystem::is_directory(root)) << root;
  std::set<std::string> folders;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(root)) {
    if (entry.is_regular_file() && entry.path().extension() == ".tf") {
      folders.insert(
          entry.path().parent_path().lexically_relative(root).string());
    }
  }
  ASSERT_GE(folders.size(), 100u);

  std::map<std::string, Counts> measured;
  int resources = 0;
  int symbolic = 0;
  for (const std::string& folder : folders) {
    std::vector<Diagnostic> diagnostics;
    absl::StatusOr<Configuration> config =
        EvaluateConfiguration((root / folder).string(), {}, diagnostics);
    ASSERT_TRUE(config.ok()) << folder << ": " << config.status();
    Counts counts;
    counts.resources = static_cast<int>(config->resources.size());
    for (const ResourceInstance& instance : config->resources) {
      counts.symbolic += CountSymbolic(instance.attributes);
    }
    for (const Diagnostic& diagnostic : diagnostics) {
      if (diagnostic.level == Diagnostic::Level::kError) {
        ++counts.errors;
        std::cout << folder << ": " << diagnostic.ToString() << "\n";
      }
    }
    resources += counts.resources;
    symbolic += counts.symbolic;
    measured[folder] = counts;
  }
  std::cout << "terraform corpus: " << folders.size() << " folders, "
            << resources << " resource instances, " << symbolic
            << " symbolic values\n";

  const std::string baseline_path =
      SourcePath("tests/terraform/corpus_baseline.txt");
  if (std::getenv("POLYGRAPH_UPDATE_BASELINE") != nullptr) {
    std::ofstream out(baseline_path);
    out << "# folder resources symbolic errors (tests/terraform/"
           "corpus_test.cc)\n"
           "# The errors left are Terraform's own for these folders: the\n"
           "# security-group module evaluated alone has a null name; its\n"
           "# modules/_templates is a code-generation template whose auto_*\n"
           "# variables each generated module declares; modules/smtps asks\n"
           "# for rule \"smtps-2465-tcp\", which rules.tf spells\n"
           "# \"smtps-2456-tcp\".\n";
    for (const auto& [folder, counts] : measured) {
      out << folder << " " << counts.resources << " " << counts.symbolic << " "
          << counts.errors << "\n";
    }
    return;
  }
  std::map<std::string, Counts> baseline = ReadBaseline(baseline_path);
  ASSERT_FALSE(baseline.empty()) << "no baseline at " << baseline_path;
  for (const auto& [folder, counts] : measured) {
    auto it = baseline.find(folder);
    if (it == baseline.end()) {
      ADD_FAILURE() << folder << " is not in the baseline";
      continue;
    }
    EXPECT_GE(counts.resources, it->second.resources) << folder;
    EXPECT_LE(counts.symbolic, it->second.symbolic) << folder;
    EXPECT_LE(counts.errors, it->second.errors) << folder;
  }
}

}  // namespace
}  // namespace polygraph::terraform
