#ifndef POLYGRAPH_LIB_INGEST_TERRAFORM_PLAN_H_
#define POLYGRAPH_LIB_INGEST_TERRAFORM_PLAN_H_

// `terraform show -json` output, of a plan or of a state, as a
// terraform::Configuration:
// - a plan: each resource_changes entry of mode "managed" that is not a
//   plain delete or forget (a create-before-destroy replacement is kept)
//   gives an instance from its "after" values, with the
//   paths after_unknown marks turned into unknowns (a top-level attribute
//   only apply computes and the configuration does not set, such as id or
//   arn, is left out: it is no argument); references between
//   instances are recovered from configuration expressions' "references"
//   where the after value is unknown.
// - a state (or a plan's prior_state): values.root_module and its
//   child_modules, recursively.
// Addresses, types, names and module paths come from the entries; every
// value is located in the JSON file.
//
// Thread safety: stateless; thread-safe.

#include "absl/status/statusor.h"
#include "polygraph/value.h"
#include "terraform/configuration.h"

namespace polygraph::ingest {

// True when `document` looks like `terraform show -json` output (an object
// with format_version and one of planned_values, resource_changes, values).
bool IsTerraformShowJson(const Value& document);

// Errors: InputError for entries of the wrong shape (a resource_changes
// entry without an address or change, values that are not objects).
absl::StatusOr<terraform::Configuration> ReadTerraformShowJson(
    const Value& document);

}  // namespace polygraph::ingest

#endif  // POLYGRAPH_LIB_INGEST_TERRAFORM_PLAN_H_
