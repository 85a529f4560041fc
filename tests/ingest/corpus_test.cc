// Loads every JSON/YAML file of the public aws-cloudformation-templates
// corpus (read in place, never copied) one at a time. Each must load or be
// noted as not a template: real AWS templates are valid, so any load error
// is a gap in the front-end (listed, with its location). The report gives
// per file the resources loaded and the values left symbolic.

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "ingest/load_paths.h"
#include "tests/testing.h"

namespace polygraph::ingest {
namespace {

const char kCorpus[] = "cloudformation/aws-cloudformation-templates";

std::vector<std::string> CorpusFiles() {
  std::vector<std::string> files;
  const std::string root = ::polygraph::testing::CorpusPath(kCorpus);
  if (!std::filesystem::is_directory(root)) return files;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    const std::string extension = entry.path().extension().string();
    if (extension == ".yaml" || extension == ".yml" || extension == ".json" ||
        extension == ".template") {
      files.push_back(entry.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

bool HasNote(const LoadResult& result, const std::string& code) {
  for (const Diagnostic& diagnostic : result.diagnostics) {
    if (diagnostic.code == code) return true;
  }
  return false;
}

TEST(CorpusTest, LoadsPublicCloudFormationTemplates) {
  const std::vector<std::string> files = CorpusFiles();
  if (files.empty()) GTEST_SKIP() << "corpus not present";
  int loaded = 0;
  int not_templates = 0;
  int preprocessed = 0;  // recognized, but nothing analysed (Rain, ForEach)
  std::vector<std::string> failures;
  std::vector<std::string> skipped;
  std::vector<std::string> per_file;  // "name: N resources, M symbolic"

  size_t resources = 0, references = 0, policies = 0, rules = 0, buckets = 0;
  size_t symbolic = 0;
  for (const std::string& file : files) {
    absl::StatusOr<LoadResult> result = LoadPaths({file}, {});
    if (!result.ok()) {
      EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument)
          << result.status();
      EXPECT_TRUE(ErrorLocation(result.status()).has_value())
          << result.status();
      failures.push_back(std::string(result.status().message()));
      continue;
    }
    const Model& model = result->model;
    const std::string name = file.substr(file.find(kCorpus) + sizeof(kCorpus));
    if (model.files().empty()) {
      ++not_templates;
      skipped.push_back(absl::StrCat("not a template: ", name));
    } else if (model.resources().empty() && HasNote(*result, "not-analysed")) {
      ++preprocessed;
      skipped.push_back(
          absl::StrCat("noted: ", name, ": ", result->diagnostics[0].message));
    } else {
      ++loaded;
      size_t file_symbolic = 0;
      for (const Diagnostic& diagnostic : result->diagnostics) {
        file_symbolic += diagnostic.code == "symbolic-value" ? 1 : 0;
      }
      per_file.push_back(absl::StrCat(name, ": ", model.resources().size(),
                                      " resources, ", file_symbolic,
                                      " symbolic values"));
    }
    resources += model.resources().size();
    references += model.references().size();
    policies += model.policies().size();
    rules += model.security_group_rules().size();
    buckets += model.buckets().size();
    for (const Diagnostic& diagnostic : result->diagnostics) {
      symbolic += diagnostic.code == "symbolic-value" ? 1 : 0;
    }
  }
  std::string report = absl::StrCat(
      files.size(), " files: ", loaded, " loaded, ", not_templates,
      " not templates, ", preprocessed, " recognized but not analysed, ",
      failures.size(), " failed\n", resources, " resources, ", references,
      " references, ", policies, " policies, ", rules,
      " security group rules, ", buckets, " buckets, ", symbolic,
      " symbolic-value notes\n");
  for (const std::string& line : per_file) {
    absl::StrAppend(&report, "  ", line, "\n");
  }
  for (const std::string& line : skipped) {
    absl::StrAppend(&report, "  ", line, "\n");
  }
  for (const std::string& failure : failures) {
    absl::StrAppend(&report, "  ", failure, "\n");
  }
  std::cout << report;
  RecordProperty("corpus", report);
  // Real AWS templates are valid: every file must load or be noted. Rain
  // module sources, Fn::ForEach-only templates and non-templates are the
  // only files that may load without being analysed.
  EXPECT_TRUE(failures.empty()) << report;
  EXPECT_GE(loaded * 100, files.size() * 88) << report;
}

}  // namespace
}  // namespace polygraph::ingest
