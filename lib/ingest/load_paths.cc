#include "ingest/load_paths.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "ingest/aws_api/aws_api.h"
#include "ingest/cloudformation.h"
#include "ingest/ecs_task_definition.h"
#include "ingest/format.h"
#include "ingest/iam_policy_file.h"
#include "ingest/parameter_files.h"
#include "ingest/terraform.h"
#include "ingest/terraform_plan.h"
#include "ingest/terraform_resources.h"
#include "polygraph/document.h"

namespace polygraph::ingest {
namespace {

namespace fs = std::filesystem;

std::string JoinPath(const std::string& folder, const std::string& name) {
  if (!folder.empty() && folder.back() == '/') return folder + name;
  return absl::StrCat(folder, "/", name);
}

// Only asked after a YAML file failed to parse, to tell a stream of several
// documents (a Kubernetes manifest) from a broken template.
bool IsMultiDocumentFile(const std::string& path) {
  std::ifstream stream(path, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(stream)),
                   std::istreambuf_iterator<char>());
  return IsMultiDocumentYaml(text);
}

class Loader {
 public:
  explicit Loader(const LoadOptions& options) : options_(options) {}

  // Reads LoadOptions::parameter_files, then parameters over them.
  absl::Status ReadParameters() {
    for (const std::string& path : options_.parameter_files) {
      absl::StatusOr<Value> document = ReadDocumentFile(path);
      if (!document.ok()) return document.status();
      if (absl::Status s = AddParameterFile(*document, inputs_.parameters);
          !s.ok()) {
        return s;
      }
    }
    for (const auto& [name, value] : options_.parameters) {
      inputs_.parameters[name] = value;
    }
    return absl::OkStatus();
  }

  // Every parameter given must be declared by a template loaded (or be a
  // pseudo parameter): a misspelt name would otherwise change nothing.
  absl::Status CheckParametersDeclared() const {
    for (const auto& [name, value] : inputs_.parameters) {
      if (name.starts_with("AWS::") || declared_parameters_.contains(name)) {
        continue;
      }
      return absl::InvalidArgumentError(
          absl::StrCat("parameter \"", name,
                       "\" is given but no template loaded declares it"));
    }
    return absl::OkStatus();
  }

  absl::Status LoadPath(const std::string& path) {
    std::error_code error;
    const fs::file_status status = fs::status(path, error);
    if (!fs::exists(status)) {
      return absl::NotFoundError(
          absl::StrCat(path, ": no such file or directory"));
    }
    if (fs::is_directory(status)) return LoadFolder(path);
    if (fs::is_regular_file(status)) return LoadFile(path);
    NotAnalysed(path, "not a regular file or folder");
    return absl::OkStatus();
  }

  // Imports the AWS snapshots collected, one per folder.
  absl::Status FlushSnapshots() {
    for (std::vector<AwsSnapshotFile>& files : snapshots_) {
      if (absl::Status s = ImportAwsSnapshot(files, builder_, diagnostics_);
          !s.ok()) {
        return s;
      }
    }
    snapshots_.clear();
    snapshot_folders_.clear();
    return absl::OkStatus();
  }

  // Evaluates the Terraform configurations found, once every path is
  // walked, so that a module folder called by another is not a root.
  absl::Status FlushTerraform() {
    TerraformInputs inputs;
    inputs.variables = options_.terraform_variables;
    inputs.variable_files = options_.terraform_variable_files;
    if (terraform_.empty()) {
      if (!inputs.variables.empty() || !inputs.variable_files.empty()) {
        return absl::InvalidArgumentError(
            "Terraform variables are given but no Terraform configuration "
            "(.tf files) was loaded");
      }
      return absl::OkStatus();
    }
    return terraform_.Import(inputs, builder_, diagnostics_);
  }

  LoadResult Finish() && {
    return LoadResult{std::move(builder_).Build(), std::move(diagnostics_)};
  }

 private:
  struct Entry {
    std::string name;
    bool folder = false;
    bool linked_folder = false;
    bool file = false;
  };

  void NotAnalysed(const std::string& path, std::string reason) {
    Diagnostic note;
    note.level = Diagnostic::Level::kNote;
    note.code = "not-analysed";
    note.location.file = path;
    note.message = std::move(reason);
    diagnostics_.push_back(std::move(note));
  }

  absl::Status LoadFolder(const std::string& path) {
    std::vector<Entry> entries;
    std::error_code error;
    for (fs::directory_iterator it(path, error), end; !error && it != end;
         it.increment(error)) {
      Entry entry;
      entry.name = it->path().filename().string();
      std::error_code ignored;
      entry.folder = it->is_directory(ignored);
      entry.linked_folder = entry.folder && it->is_symlink(ignored);
      entry.file = it->is_regular_file(ignored);
      entries.push_back(std::move(entry));
    }
    if (error) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ": cannot read folder: ", error.message()));
    }
    std::sort(entries.begin(), entries.end(),
              [](const Entry& a, const Entry& b) { return a.name < b.name; });
    for (const Entry& entry : entries) {
      if (options_.skip_hidden && !entry.name.empty() && entry.name[0] == '.') {
        continue;
      }
      const std::string child = JoinPath(path, entry.name);
      absl::Status status;
      if (entry.linked_folder) {
        if (options_.recursive) {
          NotAnalysed(child, "symbolic link to a folder; not followed");
        }
      } else if (entry.folder) {
        if (options_.recursive) status = LoadFolder(child);
      } else if (entry.file) {
        status = LoadFile(child);
      }
      if (!status.ok()) return status;
    }
    return absl::OkStatus();
  }

  absl::Status LoadFile(const std::string& path) {
    if (!seen_.insert(path).second) return absl::OkStatus();
    const FileClass file_class = ClassifyPath(path);
    if (file_class == FileClass::kTerraform) {
      terraform_.AddFile(path);
      return absl::OkStatus();
    }
    if (file_class == FileClass::kTerraformVariables) {
      // terraform.tfvars and *.auto.tfvars are read with their folder.
      const std::string name = fs::path(path).filename().string();
      if (name == "terraform.tfvars" || name == "terraform.tfvars.json" ||
          name.ends_with(".auto.tfvars") ||
          name.ends_with(".auto.tfvars.json")) {
        return absl::OkStatus();
      }
    }
    if (file_class == FileClass::kTerraformVariables ||
        file_class == FileClass::kTerraformOther ||
        file_class == FileClass::kOther) {
      NotAnalysed(path, NotAnalysedReason(file_class));
      return absl::OkStatus();
    }
    absl::StatusOr<Value> document = ReadDocumentFile(path);
    if (!document.ok()) {
      if (file_class != FileClass::kJson && IsMultiDocumentFile(path)) {
        NotAnalysed(path, MultiDocumentReason());
        return absl::OkStatus();
      }
      return document.status();
    }
    DocumentFormat format = DetectDocumentFormat(*document);
    if (IsAwsSnapshotPath(path)) format = DocumentFormat::kAwsSnapshot;
    if (format == DocumentFormat::kUnknown) {
      NotAnalysed(path, NotRecognizedReason());
      return absl::OkStatus();
    }
    builder_.AddFile(path);
    switch (format) {
      case DocumentFormat::kCloudFormation:
        if (const Value* declared = document->Find("Parameters")) {
          declared_parameters_.insert(declared->keys.begin(),
                                      declared->keys.end());
        }
        return ImportCloudFormation(*document, builder_, diagnostics_, inputs_);
      case DocumentFormat::kIamPolicy:
        return ImportIamPolicyFile(path, *document, builder_);
      case DocumentFormat::kEcsTaskDefinition:
        return ImportEcsTaskDefinition(*document, builder_);
      case DocumentFormat::kAwsSnapshot:
        // Read with the other snapshot files of its folder, in
        // FlushSnapshots().
        SnapshotOf(path).push_back(
            AwsSnapshotFile{.path = path, .document = *std::move(document)});
        return absl::OkStatus();
      case DocumentFormat::kTerraformShow: {
        absl::StatusOr<terraform::Configuration> configuration =
            ReadTerraformShowJson(*document);
        if (!configuration.ok()) return configuration.status();
        return ImportTerraformResources(*configuration, builder_, diagnostics_);
      }
      case DocumentFormat::kUnknown:
        break;
    }
    return absl::OkStatus();
  }

  // The snapshot files of the folder holding `path` (AwsSnapshotFolder), in
  // the order found.
  std::vector<AwsSnapshotFile>& SnapshotOf(const std::string& path) {
    const std::string folder = AwsSnapshotFolder(path);
    auto [it, inserted] =
        snapshot_folders_.try_emplace(folder, snapshots_.size());
    if (inserted) snapshots_.emplace_back();
    return snapshots_[it->second];
  }

  const LoadOptions& options_;
  TemplateInputs inputs_;
  absl::flat_hash_set<std::string> declared_parameters_;
  ModelBuilder builder_;
  // AWS snapshot files by folder, imported together once every path is
  // walked so that ids resolve across the files of a folder.
  std::vector<std::vector<AwsSnapshotFile>> snapshots_;
  absl::flat_hash_map<std::string, size_t> snapshot_folders_;
  std::vector<Diagnostic> diagnostics_;
  absl::flat_hash_set<std::string> seen_;
  TerraformFolders terraform_;
};

}  // namespace

absl::StatusOr<LoadResult> LoadPaths(const std::vector<std::string>& paths,
                                     const LoadOptions& options) {
  Loader loader(options);
  if (absl::Status status = loader.ReadParameters(); !status.ok()) {
    return status;
  }
  for (const std::string& path : paths) {
    if (absl::Status status = loader.LoadPath(path); !status.ok()) {
      return status;
    }
  }
  if (absl::Status status = loader.FlushSnapshots(); !status.ok()) {
    return status;
  }
  if (absl::Status status = loader.FlushTerraform(); !status.ok()) {
    return status;
  }
  if (absl::Status status = loader.CheckParametersDeclared(); !status.ok()) {
    return status;
  }
  return std::move(loader).Finish();
}

}  // namespace polygraph::ingest
