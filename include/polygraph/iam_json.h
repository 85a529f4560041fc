#ifndef POLYGRAPH_IAM_JSON_H_
#define POLYGRAPH_IAM_JSON_H_

// Requests and decisions as JSON, the interchange form of `polygraph iam
// decide` (one request per input line, one decision per output line) and of
// the Python binding.
//
//   {"principal": "arn:aws:iam::111122223333:user/alice",
//    "action": "s3:GetObject", "resource": "arn:aws:s3:::logs/a.txt",
//    "resource_account": "111122223333",
//    "context": {"aws:SourceIp": "10.0.0.1", "aws:TagKeys": ["a", "b"],
//                "aws:MultiFactorAuthPresent": true}}
//
// Thread safety: pure functions; thread-safe.

#include <string>

#include "absl/status/statusor.h"
#include "polygraph/iam_decision.h"
#include "polygraph/value.h"

namespace polygraph::iam {

// Reads a request object. "principal" and "action" are required strings;
// "resource" defaults to "*"; "resource_account" to ""; "context" maps keys
// to a string, number or boolean (one value) or an array of them (a
// multi-valued key; [] is an empty set). Errors (InputError at the
// offending value): a non-object, a missing or non-string required member,
// an unknown member, a context value of another type.
absl::StatusOr<Request> ParseRequest(const Value& value);

// One line of JSON, no trailing newline:
// {"decision": "Allow"|"ExplicitDeny"|"ImplicitDeny", "reason": "...",
//  "statements": [{"role", "level", "policy", "statement", "sid", "effect",
//                  "file", "line", "column"}...],
//  "missing_context_keys": [...]}
// Invalid UTF-8 copied from policies is replaced with U+FFFD.
std::string DecisionToJson(const Decision& decision);

// A request as the object ParseRequest reads (one line, no newline);
// ParseRequest(RequestToJson(r)) gives r back.
std::string RequestToJson(const Request& request);

// A policy document as indented JSON (two spaces, a trailing newline):
// Version, Id when set, and each statement's Sid, Effect, Principal or
// NotPrincipal, Action or NotAction, Resource or NotResource and Condition,
// as written (a single value as a string, several as an array). Parsing it
// gives back an equivalent policy.
std::string PolicyToJson(const Policy& policy);

}  // namespace polygraph::iam

#endif  // POLYGRAPH_IAM_JSON_H_
