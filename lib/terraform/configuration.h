#ifndef POLYGRAPH_LIB_TERRAFORM_CONFIGURATION_H_
#define POLYGRAPH_LIB_TERRAFORM_CONFIGURATION_H_

// A Terraform configuration evaluated as far as the files and the given
// variable values decide: the managed resource instances Terraform would
// plan, each with its arguments evaluated. This is what the Terraform
// front-ends (lib/ingest/terraform*.h) map into the Model; the evaluator
// (evaluator.h) and the plan JSON reader both produce it.
//
// Thread safety: plain data; thread-compatible.

#include <map>
#include <string>
#include <vector>

#include "polygraph/diagnostic.h"
#include "polygraph/source_location.h"
#include "polygraph/value.h"
#include "terraform/value.h"

namespace polygraph::terraform {

// One instance of a managed resource ("resource" block, after count and
// for_each expansion).
struct ResourceInstance {
  // Terraform's address: "aws_subnet.private[1]",
  // "module.vpc.aws_subnet.az[\"us-east-1a\"]".
  std::string address;
  // The resource type ("aws_subnet") and name ("private").
  std::string type;
  std::string name;
  // The module path: "" for the root, "module.vpc", "module.a.module.b".
  std::string module_path;
  // An object of the evaluated arguments as plan JSON's "after" shows them:
  // attributes by name; nested blocks (ingress, egress, dynamic blocks
  // expanded) as lists of objects under the block type; absent optional
  // arguments absent; unknowns where a value is known only after apply or
  // from outside. Locations point at the configuration (or the plan file).
  TfValue attributes;
  // Where the resource block is declared (its "resource" keyword), or the
  // plan entry.
  SourceLocation location;
};

struct Configuration {
  // In a stable order: modules depth-first in call order, resources of a
  // module in file order, instances by index or key.
  std::vector<ResourceInstance> resources;
  // Every file read (configuration, variable files, module files).
  std::vector<std::string> files;
  // The variables the root module declares.
  std::vector<std::string> root_variables = {};
  // The aws_iam_policy_document data sources rendered, by address
  // ("data.aws_iam_policy_document.assume", with any module path), as
  // documents located at their statement blocks and arguments: a policy
  // argument that reads one's json is analysed from this, so findings point
  // into the data block.
  std::map<std::string, Value> policy_documents = {};
};

}  // namespace polygraph::terraform

#endif  // POLYGRAPH_LIB_TERRAFORM_CONFIGURATION_H_
