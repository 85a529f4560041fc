#ifndef POLYGRAPH_LIB_INGEST_TERRAFORM_H_
#define POLYGRAPH_LIB_INGEST_TERRAFORM_H_

// The Terraform front-end over folders: the loader hands it every folder
// holding .tf files; once all paths are walked, the folders no other loaded
// folder calls as a local module are evaluated as root modules
// (terraform/evaluator.h) and their resources imported
// (terraform_resources.h). A module folder loaded with the examples that
// call it is thus analysed through those calls, with their inputs, not a
// second time on its own.
//
// Thread safety: thread-compatible.

#include <map>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "polygraph/diagnostic.h"
#include "polygraph/model.h"

namespace polygraph::ingest {

struct TerraformInputs {
  // -var NAME=VALUE: for every root module that declares NAME.
  std::map<std::string, std::string> variables = {};
  // -var-file paths, read by every root module, in order.
  std::vector<std::string> variable_files = {};
};

class TerraformFolders {
 public:
  // Records the folder holding `tf_file` (once).
  void AddFile(const std::string& tf_file);
  bool empty() const { return folders_.empty(); }

  // Evaluates and imports the root folders, in path order. Errors: a
  // syntax error in a .tf file, an unreadable file, a variable file that
  // does not parse, a variable given that no root module declares.
  absl::Status Import(const TerraformInputs& inputs, ModelBuilder& builder,
                      std::vector<Diagnostic>& diagnostics);

 private:
  std::vector<std::string> folders_;
  absl::flat_hash_set<std::string> seen_;
};

}  // namespace polygraph::ingest

#endif  // POLYGRAPH_LIB_INGEST_TERRAFORM_H_
