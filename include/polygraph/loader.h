#ifndef POLYGRAPH_LOADER_H_
#define POLYGRAPH_LOADER_H_

// Loading: reads files and folders, detects each file's format, and runs the
// front-end that fits into one Model.
//
//   absl::StatusOr<LoadResult> loaded = LoadPaths({"examples/seed"}, {});
//
// Formats: IAM policy JSON, CloudFormation templates (YAML or JSON; their
// expressions evaluated with LoadOptions::parameters), ECS task
// definitions (JSON), AWS account snapshots (a folder of describe-* JSON),
// Terraform configurations (the .tf files of a folder, evaluated with
// LoadOptions::terraform_variables; local modules followed) and
// `terraform show -json` output of a plan or state. Files of other formats
// found while walking a folder (.tf.json, Markdown...) are listed as
// "not-analysed" notes; a file named
// explicitly that is of no supported format is a note too, unless it is a
// .json/.yaml file that fails to parse, which is an error. (A YAML stream of
// several documents, such as a Kubernetes manifest, is noted, not parsed.)
//
// Thread safety: LoadPaths is thread-safe (no shared state).

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "polygraph/diagnostic.h"
#include "polygraph/model.h"

namespace polygraph {

struct LoadOptions {
  // Walk folders recursively. Default true.
  bool recursive = true;
  // Skip hidden files and folders (".git", ".terraform"). Default true.
  bool skip_hidden = true;
  // Default false: an element a front-end had to leave out (an error-level
  // diagnostic such as "invalid-value") is reported in
  // LoadResult::diagnostics and the rest is loaded. When true, the first
  // such diagnostic is returned as an InputError instead, for callers that
  // cannot give a partial answer (a graph, an address plan, reachability).
  bool fail_on_error_diagnostics = false;
  // CloudFormation parameter values, name -> value, as `--param Name=Value`
  // gives them; pseudo parameters too ("AWS::Region", "AWS::AccountId").
  // They replace the Defaults of every template that declares the
  // parameter. A name no loaded template declares (other than a pseudo
  // parameter) is an error. Default: none.
  std::map<std::string, std::string> parameters = {};
  // Files of parameter values, read in order before `parameters` (which
  // win): the JSON of `aws cloudformation create-stack --parameters
  // file://...` ([{"ParameterKey": "K", "ParameterValue": "V"}]), of
  // `deploy --parameter-overrides file://...` (["K=V", ...]), or a
  // CodePipeline template configuration ({"Parameters": {"K": "V"}}).
  // Default: none.
  std::vector<std::string> parameter_files = {};
  // Terraform variable values, name -> value, as `--var NAME=VALUE` gives
  // them (Terraform's -var): a value is an HCL expression for a variable
  // whose type is not string. They win over the variable files and the
  // folder's terraform.tfvars and *.auto.tfvars. A name no loaded root
  // module declares is an error. Default: none.
  std::map<std::string, std::string> terraform_variables = {};
  // Terraform variable files (.tfvars in HCL, .tfvars.json), as
  // `--var-file` gives them (Terraform's -var-file), read in order after the
  // folder's automatic ones. Default: none.
  std::vector<std::string> terraform_variable_files = {};
};

struct LoadResult {
  Model model;
  // Notes, warnings and errors (elements left out), in file order.
  std::vector<Diagnostic> diagnostics;
};

// Errors: a path that does not exist (NotFound), a file that is malformed
// or that its front-end rejects (InvalidArgument with file:line:col; see
// ErrorLocation()). The first error stops the load.
absl::StatusOr<LoadResult> LoadPaths(const std::vector<std::string>& paths,
                                     const LoadOptions& options);

}  // namespace polygraph

#endif  // POLYGRAPH_LOADER_H_
