#ifndef POLYGRAPH_LIB_ACCESS_WELL_KNOWN_POLICIES_H_
#define POLYGRAPH_LIB_ACCESS_WELL_KNOWN_POLICIES_H_

// The AWS managed policies that decide who is an administrator, known by
// ARN so that a role attaching them by ARN is analysed with their content:
// AdministratorAccess, PowerUserAccess and IAMFullAccess (their permission
// statements as AWS publishes them, condensed to the same action sets).
//
// Thread safety: thread-safe.

#include <string>
#include <string_view>

#include "polygraph/iam_policy.h"
#include "polygraph/source_location.h"

namespace polygraph::internal {

// The policy for `arn` ("arn:aws:iam::aws:policy/AdministratorAccess"),
// every location set to `where`; nullptr for any other ARN. The pointer is
// valid until the next call on this thread.
const iam::Policy* WellKnownManagedPolicy(std::string_view arn,
                                          const SourceLocation& where);

// The last part of a policy ARN: "AdministratorAccess".
std::string ManagedPolicyName(std::string_view arn);

}  // namespace polygraph::internal

#endif  // POLYGRAPH_LIB_ACCESS_WELL_KNOWN_POLICIES_H_
