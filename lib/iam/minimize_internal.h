#ifndef POLYGRAPH_LIB_IAM_MINIMIZE_INTERNAL_H_
#define POLYGRAPH_LIB_IAM_MINIMIZE_INTERNAL_H_

// Internal to Minimize: combining used actions into wildcard patterns.
//
// Thread safety: pure function; thread-safe.

#include <string>
#include <vector>

namespace polygraph::iam::internal {

// Rewrites `actions` ("service:Name", catalogue spelling; unknown names are
// kept as they are) so that each maximal run of one service's actions that
// share a name prefix becomes "service:Prefix*", but only where the
// catalogue's expansion of the pattern (Catalogue::Expand) is a subset of
// `actions` and names at least two actions. Each action is covered by the
// shortest such prefix of its name (so no pattern is covered by another),
// written with the longest prefix that names the same actions
// ("s3:GetObject*" rather than "s3:GetO*").
// The result is sorted and has no duplicates.
std::vector<std::string> CombineActions(
    const std::vector<std::string>& actions);

}  // namespace polygraph::iam::internal

#endif  // POLYGRAPH_LIB_IAM_MINIMIZE_INTERNAL_H_
