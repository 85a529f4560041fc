#ifndef POLYGRAPH_LIB_TERRAFORM_MODULE_CONFIG_H_
#define POLYGRAPH_LIB_TERRAFORM_MODULE_CONFIG_H_

// One Terraform module folder as declared: its .tf files parsed, and its
// variables, locals, resources, data sources, module calls and outputs
// indexed by name. Evaluation is evaluator.h's business.
//
// Thread safety: immutable once read; may be shared across threads.

#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "terraform/hcl_syntax.h"

namespace polygraph::terraform {

struct ResourceDeclaration {
  bool data = false;  // a data block
  std::string type;
  std::string name;
  const Block* block = nullptr;
};

struct ModuleCallDeclaration {
  std::string name;
  const Block* block = nullptr;
};

struct ModuleConfig {
  std::string directory;  // absolute and normalized
  std::vector<std::string> paths;
  std::vector<HclFile> files;  // not resized after indexing
  absl::flat_hash_map<std::string, const Block*> variables;
  absl::flat_hash_map<std::string, const Body::Attribute*> locals;
  // Managed resources and data sources, in file order.
  std::vector<ResourceDeclaration> resources;
  // "aws_vpc.main" and "data.aws_region.current" -> index in `resources`.
  absl::flat_hash_map<std::string, size_t> resource_index;
  std::vector<ModuleCallDeclaration> module_calls;
  absl::flat_hash_map<std::string, size_t> module_call_index;
  absl::flat_hash_map<std::string, const Block*> outputs;
};

// Reads and indexes the .tf files of `directory` (sorted by name).
// Errors: NotFound for a folder that does not exist; a file that cannot be
// read, a syntax error, a block of the wrong
// shape (a resource without two labels), a name declared twice.
absl::StatusOr<std::shared_ptr<const ModuleConfig>> ReadModuleConfig(
    const std::string& directory);

// A module block's local source resolved against the calling module's
// folder ("./vpc" -> "/abs/root/vpc"), or "" when the source is not a local
// path (a registry address, git, an archive URL) or not a literal string.
std::string LocalModulePath(const ModuleConfig& caller, const Block& call);

// Files read for a configuration (.tf, .tfvars, file() arguments) larger
// than this are refused: 16 MiB, the HCL parser's own bound.
inline constexpr size_t kMaxConfigurationFileBytes = size_t{16} << 20;

// The whole of the file at `path`. Errors: NotFound when it cannot be
// opened; InvalidArgument when it is larger than kMaxConfigurationFileBytes.
absl::StatusOr<std::string> ReadConfigurationFile(const std::string& path);

// `path` lexically normalized ("a/./b/../c/" -> "a/c"), relative when it is
// relative, so that findings name files as the caller gave them. Folders
// compare equal when all paths are given the same way (all relative to one
// working directory, or all absolute), as the loader does.
std::string NormalizedPath(const std::string& path);

}  // namespace polygraph::terraform

#endif  // POLYGRAPH_LIB_TERRAFORM_MODULE_CONFIG_H_
