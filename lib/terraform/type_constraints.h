#ifndef POLYGRAPH_LIB_TERRAFORM_TYPE_CONSTRAINTS_H_
#define POLYGRAPH_LIB_TERRAFORM_TYPE_CONSTRAINTS_H_

// A variable's `type` constraint applied to its value as Terraform does:
// string, number and bool convert (a string "8" becomes a number); list,
// set, map and tuple convert their elements; an object type keeps exactly
// its declared attributes, filling an absent optional(T, default) attribute
// with its default (converted) or null and dropping undeclared ones; `any`
// keeps the value. Unknowns pass through unchanged.
//
// Thread safety: stateless; thread-safe.

#include "absl/status/statusor.h"
#include "terraform/hcl_syntax.h"
#include "terraform/value.h"

namespace polygraph::terraform {

// Errors: InvalidArgument naming the attribute path and the mismatch, e.g.
// "attribute \"geo_restriction\" is required", "a number is required, got
// string \"abc\"", "unknown type constraint \"strng\"".
absl::StatusOr<TfValue> ConvertToTypeConstraint(const TfValue& value,
                                                const Expression& type);

}  // namespace polygraph::terraform

#endif  // POLYGRAPH_LIB_TERRAFORM_TYPE_CONSTRAINTS_H_
