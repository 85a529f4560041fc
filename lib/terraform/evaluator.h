#ifndef POLYGRAPH_LIB_TERRAFORM_EVALUATOR_H_
#define POLYGRAPH_LIB_TERRAFORM_EVALUATOR_H_

// Evaluates a Terraform root module folder as far as Terraform could
// without a cloud account, giving the managed resource instances it would
// plan (configuration.h).
//
// - Variables: EvaluationOptions::variables (-var), variable files (-var-file),
//   the folder's terraform.tfvars and *.auto.tfvars (in that order, later
//   wins, -var last), else the declared default; a variable without any is
//   unknown ("var.name") with a "symbolic-value" note.
// - locals, data sources (data_sources.h), resources with count and
//   for_each expanded into instances (aws_subnet.private[1],
//   aws_subnet.az["us-east-1a"]), dynamic blocks, and local modules
//   (source "./x" or "../x") with their inputs and outputs, nested; a
//   module from a registry or a remote source is not read: its outputs are
//   unknowns "module.<name>.<output>" and a "not-analysed" note says so.
// - References to another resource's attributes: the configured value when
//   the configuration sets it, else an unknown that names the instance
//   (TfValue::ResourceAttribute), so the front-end links the two.
// - A count or for_each known only after apply: one representative
//   instance, addressed "<address>[*]", with count.index / each.key /
//   each.value unknown, and a "symbolic-value" note.
// - Meta-arguments (count, for_each, provider, depends_on, lifecycle,
//   provisioner, connection) are not part of an instance's attributes.
//
// Errors in one expression (an undefined variable, a reference cycle, a
// function given the wrong types, a count that is not a whole number) are
// "invalid-value" error diagnostics at the expression; the value becomes
// unknown and the rest of the configuration is still evaluated. A syntax
// error in a file, or a file that cannot be read, is an InputError Status.
//
// Thread safety: stateless; thread-safe (each call reads its own files).

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "polygraph/diagnostic.h"
#include "terraform/configuration.h"

namespace polygraph::terraform {

struct EvaluationOptions {
  // -var NAME=VALUE, in order; a name the root module does not declare is
  // ignored (Configuration::root_variables lets a caller check). A value is
  // read as an HCL expression when the variable's type is not string and the
  // text parses as one, else as a string (as Terraform does). Default: none.
  std::vector<std::pair<std::string, std::string>> variables = {};
  // -var-file paths (.tfvars in HCL, .tfvars.json in JSON), in order.
  // Default: none.
  std::vector<std::string> variable_files = {};
  // Module calls nested deeper than this are not followed (a note).
  // Default 16.
  int max_module_depth = 16;
  // Instances of one resource beyond this are an error. Default 10000.
  int max_instances = 10000;
};

// The .tf files of `directory` (not its sub-folders), in name order.
std::vector<std::string> TerraformFilesIn(const std::string& directory);

// Evaluates the root module in `directory`. `diagnostics` receives notes
// and the per-expression errors described above.
absl::StatusOr<Configuration> EvaluateConfiguration(
    const std::string& directory, const EvaluationOptions& options,
    std::vector<Diagnostic>& diagnostics);

// The local module folders `directory`'s module blocks call (resolved,
// normalized paths), for a loader that reads a tree of folders and must
// evaluate only the roots. Errors: a syntax error in the folder's files.
absl::StatusOr<std::vector<std::string>> LocalModuleSources(
    const std::string& directory);

}  // namespace polygraph::terraform

#endif  // POLYGRAPH_LIB_TERRAFORM_EVALUATOR_H_
