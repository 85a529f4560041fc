#include "ingest/terraform.h"

#include <algorithm>
#include <filesystem>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "ingest/terraform_resources.h"
#include "terraform/evaluator.h"
#include "terraform/module_config.h"

namespace polygraph::ingest {

void TerraformFolders::AddFile(const std::string& tf_file) {
  std::string folder = terraform::NormalizedPath(
      std::filesystem::path(tf_file).parent_path().string());
  if (seen_.insert(folder).second) folders_.push_back(std::move(folder));
}

absl::Status TerraformFolders::Import(const TerraformInputs& inputs,
                                      ModelBuilder& builder,
                                      std::vector<Diagnostic>& diagnostics) {
  std::vector<std::string> folders = folders_;
  std::sort(folders.begin(), folders.end());
  absl::flat_hash_set<std::string> called;
  for (const std::string& folder : folders) {
    absl::StatusOr<std::vector<std::string>> sources =
        terraform::LocalModuleSources(folder);
    if (!sources.ok()) return sources.status();
    for (std::string& source : *sources) {
      if (source != folder) called.insert(std::move(source));
    }
  }
  terraform::EvaluationOptions options;
  for (const auto& [name, value] : inputs.variables) {
    options.variables.emplace_back(name, value);
  }
  options.variable_files = inputs.variable_files;
  absl::flat_hash_set<std::string> declared;
  bool any_root = false;
  for (const std::string& folder : folders) {
    if (called.contains(folder)) continue;
    any_root = true;
    absl::StatusOr<terraform::Configuration> configuration =
        terraform::EvaluateConfiguration(folder, options, diagnostics);
    if (!configuration.ok()) return configuration.status();
    declared.insert(configuration->root_variables.begin(),
                    configuration->root_variables.end());
    for (const std::string& file : configuration->files) builder.AddFile(file);
    if (absl::Status status =
            ImportTerraformResources(*configuration, builder, diagnostics);
        !status.ok()) {
      return status;
    }
  }
  for (const auto& [name, value] : inputs.variables) {
    if (any_root && !declared.contains(name)) {
      return absl::InvalidArgumentError(
          absl::StrCat("variable \"", name,
                       "\" is given but no Terraform configuration loaded "
                       "declares it"));
    }
  }
  folders_.clear();
  seen_.clear();
  return absl::OkStatus();
}

}  // namespace polygraph::ingest
