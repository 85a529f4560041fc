#ifndef POLYGRAPH_LIB_TERRAFORM_IAM_POLICY_DOCUMENT_H_
#define POLYGRAPH_LIB_TERRAFORM_IAM_POLICY_DOCUMENT_H_

// The aws_iam_policy_document data source's rendering (internal to
// data_sources.cc): the policy JSON the AWS provider writes for a block's
// arguments.
//
// What the provider does, and so what this does:
// - Version "2012-10-17" unless `version` says "2008-10-17"; Id from
//   policy_id; statements in order, keys Sid, Effect, Action, NotAction,
//   Resource, NotResource, Principal, NotPrincipal, Condition, empty ones
//   left out. Effect defaults to "Allow".
// - actions, not_actions, resources, not_resources and principals'
//   identifiers are sets: duplicates dropped, one element written as a
//   string, several as a list sorted in reverse byte order.
// - principals blocks are grouped by type (an object sorted by type); a
//   single block of type "*" with identifiers ["*"] is written "*".
// - conditions are grouped by test, then variable (objects sorted by key);
//   values keep their order; one value is written as a string.
// - "&{" becomes "${" in resources, not_resources, identifiers and condition
//   values.
// - source_policy_documents are merged first (a Sid in two of them is an
//   error), then the statements of the block replace the statements of the
//   same Sid (others are appended), then each override_policy_documents
//   entry likewise. Statements of merged documents are written back as they
//   read (lists keep their order).
// - `json` is indented by two spaces, `minified_json` has no white space;
//   "<", ">" and "&" are written as \u003c, \u003e and \u0026.
// Unknown values inside statements are written as their "${...}" text.
//
// Thread safety: stateless; thread-safe.

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "polygraph/value.h"
#include "terraform/value.h"

namespace polygraph::terraform::internal {

struct RenderedPolicyDocument {
  std::string json;           // indented
  std::string minified_json;  // compact
  // The same policy as a document whose statements and elements are
  // located at the statement blocks and arguments they come from (elements
  // of source or override documents: at their statement block, else
  // unlocated), for findings that point into the data block.
  Value document;
};

// The rendering of an aws_iam_policy_document's `arguments`, or nullopt when
// the document's structure is unknown (the statement list, a statement, a
// principals or condition block list, or a source or override document).
// Errors: InvalidArgument (no location prefix) for an effect other than
// Allow or Deny, a principals block without type, a condition without test
// or variable, duplicate Sids, an invalid version, and source or
// override documents that are not policy JSON.
absl::StatusOr<std::optional<RenderedPolicyDocument>> RenderIamPolicyDocument(
    const TfValue& arguments);

// The provider's `id` of a rendered document: the CRC-32 (IEEE) of `json`
// in decimal.
std::string PolicyDocumentId(const std::string& json);

}  // namespace polygraph::terraform::internal

#endif  // POLYGRAPH_LIB_TERRAFORM_IAM_POLICY_DOCUMENT_H_
