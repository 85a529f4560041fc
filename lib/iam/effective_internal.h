#ifndef POLYGRAPH_LIB_IAM_EFFECTIVE_INTERNAL_H_
#define POLYGRAPH_LIB_IAM_EFFECTIVE_INTERNAL_H_

// What effective permissions (effective_permissions.cc) and risk
// classification (risk_categories.cc, risk_tables.cc) share: how a grant's
// resource pattern is written and read back, and the catalogue sets both
// use. The risk tables themselves are declared in risk_tables.h.
//
// Thread safety: pure functions over immutable data; thread-safe.

#include <string>
#include <string_view>
#include <vector>

#include "polygraph/iam_catalogue.h"
#include "polygraph/iam_effective.h"

namespace polygraph::iam::internal {

// A grant made by a NotResource statement is named "NotResource: " followed
// by its values joined with ", ".
inline constexpr std::string_view kNotResourcePrefix = "NotResource: ";

// Whether `pattern` names a NotResource grant.
bool IsNotResourcePattern(std::string_view pattern);

// The values of a NotResource grant's pattern; {} for any other pattern.
std::vector<std::string> NotResourceValues(std::string_view pattern);

// Whether `pattern` matches `resource_arn`: a case-sensitive glob match for
// a Resource pattern; for a NotResource pattern, no value matches it.
bool PatternMatches(std::string_view pattern, std::string_view resource_arn);

// Whether a grant on `pattern` reaches resources of every service: "*" (or
// any run of stars), or a NotResource grant.
bool IsBroadPattern(std::string_view pattern);

// The catalogue actions of `level` (computed once per process).
const ActionSet& ActionsOfLevel(AccessLevel level);

// Every permissions-management action of iam (computed once per process).
const ActionSet& IamPermissionsManagement();

// The administrator test of PG-IAM-002 on a set of actions: the whole
// catalogue, or every iam permissions-management action and at least 95% of
// the catalogue.
bool IsAdminActionSet(const ActionSet& actions);

// Whether a grant on `pattern` may reach IAM resources: a broad pattern or
// an ARN pattern whose service may be iam.
bool MayNameIamResources(std::string_view pattern);

}  // namespace polygraph::iam::internal

#endif  // POLYGRAPH_LIB_IAM_EFFECTIVE_INTERNAL_H_
