#ifndef POLYGRAPH_LIB_TERRAFORM_DATA_SOURCES_H_
#define POLYGRAPH_LIB_TERRAFORM_DATA_SOURCES_H_

// What a `data` block's instance evaluates to without a cloud account.
// aws_iam_policy_document is rendered exactly as the AWS provider renders
// it: its statement blocks (sid, effect, actions, not_actions, resources,
// not_resources, principals and not_principals with type and identifiers,
// condition with test, variable and values), source_policy_documents,
// override_policy_documents and policy_id/version become the policy JSON
// in the `json` and `minified_json` attributes (a one-element set of
// actions, resources or identifiers written as a string, as the provider
// writes it). Every other data source is an
// object whose attributes given in the block are kept and whose other
// attributes are unknowns named "data.<type>.<name>.<attribute>" (the
// evaluator asks for them by name).
//
// Thread safety: stateless; thread-safe.

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "terraform/value.h"

namespace polygraph::terraform {

// The attributes of data source `type` at `address`
// ("data.aws_iam_policy_document.assume"), from its evaluated `arguments`
// (an object, nested blocks as lists of objects under their type, as in
// configuration.h). A policy document whose parts are unknown renders what
// is known with the unknowns as "${...}" text and marks `json` unknown
// only when its structure (a statement list, a principals block) is.
// Errors: InvalidArgument (no location prefix; the caller adds it) for a
// statement effect other than Allow or Deny, or a principals block without
// type.
absl::StatusOr<TfValue> EvaluateDataSource(std::string_view type,
                                           std::string_view address,
                                           const TfValue& arguments,
                                           const SourceLocation& location);

}  // namespace polygraph::terraform

#endif  // POLYGRAPH_LIB_TERRAFORM_DATA_SOURCES_H_
