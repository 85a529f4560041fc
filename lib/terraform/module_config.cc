#include "terraform/module_config.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "polygraph/source_location.h"
#include "terraform/evaluator.h"
#include "terraform/hcl_parser.h"

namespace polygraph::terraform {
namespace {

absl::Status Duplicate(const Block& block, const std::string& what) {
  return InputError(block.location,
                    absl::StrCat("Duplicate ", what,
                                 ": it is declared twice in this module"));
}

absl::Status Index(ModuleConfig& config, const Block& block) {
  const auto labels = block.labels.size();
  auto need = [&](size_t count) -> absl::Status {
    if (labels == count) return absl::OkStatus();
    return InputError(
        block.location,
        absl::StrCat("A ", block.type, " block needs ", count,
                     count == 1 ? " label" : " labels", ", got ", labels));
  };
  if (block.type == "variable") {
    if (absl::Status status = need(1); !status.ok()) return status;
    if (!config.variables.emplace(block.labels[0], &block).second) {
      return Duplicate(block,
                       absl::StrCat("variable \"", block.labels[0], "\""));
    }
  } else if (block.type == "locals") {
    for (const Body::Attribute& attribute : block.body.attributes) {
      if (!config.locals.emplace(attribute.name, &attribute).second) {
        return InputError(
            attribute.location,
            absl::StrCat("Duplicate local value \"", attribute.name,
                         "\": it is declared twice"));
      }
    }
  } else if (block.type == "resource" || block.type == "data") {
    if (absl::Status status = need(2); !status.ok()) return status;
    const bool data = block.type == "data";
    std::string key = absl::StrCat(data ? "data." : "", block.labels[0], ".",
                                   block.labels[1]);
    if (!config.resource_index.emplace(key, config.resources.size()).second) {
      return Duplicate(block, key);
    }
    config.resources.push_back(ResourceDeclaration{.data = data,
                                                   .type = block.labels[0],
                                                   .name = block.labels[1],
                                                   .block = &block});
  } else if (block.type == "module") {
    if (absl::Status status = need(1); !status.ok()) return status;
    if (!config.module_call_index
             .emplace(block.labels[0], config.module_calls.size())
             .second) {
      return Duplicate(block, absl::StrCat("module \"", block.labels[0], "\""));
    }
    config.module_calls.push_back(
        ModuleCallDeclaration{.name = block.labels[0], .block = &block});
  } else if (block.type == "output") {
    if (absl::Status status = need(1); !status.ok()) return status;
    if (!config.outputs.emplace(block.labels[0], &block).second) {
      return Duplicate(block, absl::StrCat("output \"", block.labels[0], "\""));
    }
  }
  // terraform, provider, moved, import, check and removed blocks declare
  // nothing the analyses read.
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::string> ReadConfigurationFile(const std::string& path) {
  std::ifstream stream(path, std::ios::binary);
  if (!stream) {
    return absl::NotFoundError(absl::StrCat(path, ": cannot read the file"));
  }
  std::string text;
  char buffer[65536];
  while (stream.read(buffer, sizeof buffer) || stream.gcount() > 0) {
    text.append(buffer, static_cast<size_t>(stream.gcount()));
    if (text.size() > kMaxConfigurationFileBytes) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ": file is larger than ",
                       kMaxConfigurationFileBytes, " bytes"));
    }
  }
  return text;
}

std::string NormalizedPath(const std::string& path) {
  std::string text = std::filesystem::path(path).lexically_normal().string();
  while (text.size() > 1 && text.back() == '/') text.pop_back();
  return text.empty() ? "." : text;
}

std::vector<std::string> TerraformFilesIn(const std::string& directory) {
  std::vector<std::string> files;
  std::error_code error;
  for (const auto& entry :
       std::filesystem::directory_iterator(directory, error)) {
    const std::string name = entry.path().filename().string();
    if (!absl::EndsWith(name, ".tf") || absl::StartsWith(name, ".")) continue;
    std::error_code status_error;
    if (!entry.is_regular_file(status_error)) continue;
    files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

absl::StatusOr<std::shared_ptr<const ModuleConfig>> ReadModuleConfig(
    const std::string& directory) {
  std::error_code error;
  if (!std::filesystem::is_directory(directory, error)) {
    return absl::NotFoundError(
        absl::StrCat(directory, ": cannot read the module folder"));
  }
  auto config = std::make_shared<ModuleConfig>();
  config->directory = NormalizedPath(directory);
  config->paths = TerraformFilesIn(directory);
  config->files.reserve(config->paths.size());
  for (const std::string& path : config->paths) {
    absl::StatusOr<std::string> text = ReadConfigurationFile(path);
    if (!text.ok()) return text.status();
    absl::StatusOr<HclFile> file = ParseHclFile(*text, path);
    if (!file.ok()) return file.status();
    config->files.push_back(*std::move(file));
  }
  for (const HclFile& file : config->files) {
    for (const Block& block : file.body.blocks) {
      if (absl::Status status = Index(*config, block); !status.ok()) {
        return status;
      }
    }
  }
  return std::shared_ptr<const ModuleConfig>(std::move(config));
}

std::string LocalModulePath(const ModuleConfig& caller, const Block& call) {
  const Body::Attribute* source = call.body.Find("source");
  if (source == nullptr) return "";
  const Expression& expression = *source->expression;
  if (expression.kind != Expression::Kind::kTemplate) return "";
  std::string text;
  for (const TemplatePart& part : expression.template_parts) {
    if (part.kind != TemplatePart::Kind::kLiteral) return "";
    text += part.text;
  }
  if (!absl::StartsWith(text, "./") && !absl::StartsWith(text, "../") &&
      text != "." && text != "..") {
    return "";
  }
  return NormalizedPath(
      (std::filesystem::path(caller.directory) / text).string());
}

absl::StatusOr<std::vector<std::string>> LocalModuleSources(
    const std::string& directory) {
  absl::StatusOr<std::shared_ptr<const ModuleConfig>> config =
      ReadModuleConfig(directory);
  if (!config.ok()) return config.status();
  std::vector<std::string> sources;
  for (const ModuleCallDeclaration& call : (*config)->module_calls) {
    std::string path = LocalModulePath(**config, *call.block);
    if (!path.empty()) sources.push_back(std::move(path));
  }
  return sources;
}

}  // namespace polygraph::terraform
