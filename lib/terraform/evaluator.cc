#include "terraform/evaluator.h"

#include <algorithm>
#include <filesystem>
#include <string>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "polygraph/document.h"
#include "polygraph/source_location.h"
#include "terraform/hcl_parser.h"
#include "terraform/module_config.h"
#include "terraform/module_instance.h"

namespace polygraph::terraform {
namespace {

// Reads a variable file: HCL (.tfvars) or JSON (.tfvars.json).
absl::Status ReadVariableFile(const std::string& path,
                              absl::flat_hash_map<std::string, TfValue>& out) {
  if (absl::EndsWith(path, ".json")) {
    absl::StatusOr<Value> document = ReadDocumentFile(path);
    if (!document.ok()) return document.status();
    if (!document->is_object()) {
      return InputError(document->location,
                        "a .tfvars.json file must hold one object of "
                        "variable values");
    }
    for (size_t i = 0; i < document->keys.size(); ++i) {
      out[document->keys[i]] = FromDocument(document->items[i]);
    }
    return absl::OkStatus();
  }
  absl::StatusOr<std::string> text = ReadConfigurationFile(path);
  if (!text.ok()) return text.status();
  absl::StatusOr<HclFile> parsed = ParseHclFile(*text, path);
  if (!parsed.ok()) return parsed.status();
  if (!parsed->body.blocks.empty()) {
    return InputError(parsed->body.blocks.front().location,
                      "a .tfvars file holds only variable assignments "
                      "(name = value), not blocks");
  }
  ConstantScope constants;
  for (const Body::Attribute& attribute : parsed->body.attributes) {
    absl::StatusOr<TfValue> value = Evaluate(*attribute.expression, constants);
    if (!value.ok()) return value.status();
    out[attribute.name] = *std::move(value);
  }
  return absl::OkStatus();
}

// The folder's automatic variable files in Terraform's order.
std::vector<std::string> AutomaticVariableFiles(const std::string& directory) {
  std::vector<std::string> files;
  for (const char* name : {"terraform.tfvars", "terraform.tfvars.json"}) {
    std::filesystem::path path = std::filesystem::path(directory) / name;
    std::error_code error;
    if (std::filesystem::is_regular_file(path, error)) {
      files.push_back(path.string());
    }
  }
  std::vector<std::string> automatic;
  std::error_code error;
  for (const auto& entry :
       std::filesystem::directory_iterator(directory, error)) {
    const std::string name = entry.path().filename().string();
    if (absl::EndsWith(name, ".auto.tfvars") ||
        absl::EndsWith(name, ".auto.tfvars.json")) {
      automatic.push_back(entry.path().string());
    }
  }
  std::sort(automatic.begin(), automatic.end());
  files.insert(files.end(), automatic.begin(), automatic.end());
  return files;
}

bool IsStringTyped(const Block& variable) {
  const Body::Attribute* type = variable.body.Find("type");
  return type == nullptr ||
         (type->expression->kind == Expression::Kind::kVariable &&
          type->expression->name == "string");
}

}  // namespace

absl::StatusOr<Configuration> EvaluateConfiguration(
    const std::string& directory, const EvaluationOptions& options,
    std::vector<Diagnostic>& diagnostics) {
  absl::StatusOr<std::shared_ptr<const ModuleConfig>> config =
      ReadModuleConfig(directory);
  if (!config.ok()) return config.status();
  EvaluationState state{.options = options,
                        .diagnostics = diagnostics,
                        .root_directory = (*config)->directory,
                        .modules = {},
                        .in_progress = {},
                        .noted = {},
                        .files = (*config)->paths,
                        .policy_documents = {}};
  state.modules[(*config)->directory] = *config;

  absl::flat_hash_map<std::string, TfValue> inputs;
  std::vector<std::string> variable_files = AutomaticVariableFiles(directory);
  variable_files.insert(variable_files.end(), options.variable_files.begin(),
                        options.variable_files.end());
  for (const std::string& path : variable_files) {
    absl::flat_hash_map<std::string, TfValue> values;
    if (absl::Status status = ReadVariableFile(path, values); !status.ok()) {
      return status;
    }
    state.files.push_back(path);
    for (auto& [name, value] : values) {
      if (!(*config)->variables.contains(name)) {
        Diagnostic diagnostic;
        diagnostic.level = Diagnostic::Level::kWarning;
        diagnostic.code = "unresolved-reference";
        diagnostic.location = value.location;
        diagnostic.message = absl::StrCat(
            "a value is given for variable \"", name,
            "\", which the configuration does not declare; it is ignored");
        diagnostics.push_back(std::move(diagnostic));
        continue;
      }
      inputs[name] = std::move(value);
    }
  }
  for (const auto& [name, text] : options.variables) {
    SourceLocation location{"--var", 1, 1};
    auto declared = (*config)->variables.find(name);
    // Several configurations may be loaded together: a value is for those
    // that declare it (the loader checks that one does).
    if (declared == (*config)->variables.end()) continue;
    if (IsStringTyped(*declared->second)) {
      inputs[name] = TfValue::String(text, location);
      continue;
    }
    absl::StatusOr<ExpressionPtr> expression =
        ParseHclExpression(text, location);
    if (!expression.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--var ", name, ": ", ErrorReason(expression.status())));
    }
    ConstantScope constants;
    absl::StatusOr<TfValue> value = Evaluate(**expression, constants);
    if (!value.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--var ", name, ": ", ErrorReason(value.status())));
    }
    inputs[name] = *std::move(value);
  }

  Configuration configuration;
  ModuleInstance root(state, *config, "", std::move(inputs), 0);
  root.Collect(configuration.resources);
  configuration.files = std::move(state.files);
  configuration.policy_documents = std::move(state.policy_documents);
  for (const auto& [name, block] : (*config)->variables) {
    configuration.root_variables.push_back(name);
  }
  std::sort(configuration.root_variables.begin(),
            configuration.root_variables.end());
  return configuration;
}

}  // namespace polygraph::terraform
