#ifndef POLYGRAPH_IAM_MINIMIZE_H_
#define POLYGRAPH_IAM_MINIMIZE_H_

// Policy minimization: from a policy and the accesses actually used (read
// from CloudTrail events, an Access Advisor export or a plain list), the
// smallest policy that allows exactly the used actions on the used
// resources, proven with Compare to allow nothing the original does not.
//
//   absl::StatusOr<std::vector<iam::UsedAccess>> used =
//       iam::ParseUsedAccess(text, "used.json");
//   absl::StatusOr<iam::MinimizedPolicy> m = iam::Minimize(policy, *used);
//   std::cout << iam::PolicyToJson(m->policy);
//
// Thread safety: pure functions; thread-safe.

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "polygraph/iam_compare.h"
#include "polygraph/iam_policy.h"
#include "polygraph/source_location.h"

namespace polygraph::iam {

// One access that was used: an action on a resource ("*" when the source
// does not say which resource).
struct UsedAccess {
  std::string action;       // "s3:GetObject"
  std::string resource;     // an ARN, or "*"
  SourceLocation location;  // where the input says it
};

// Reads used accesses, detecting the format from the content:
// - CloudTrail: {"Records": [{"eventSource": "s3.amazonaws.com",
//   "eventName": "GetObject", "resources": [{"ARN": "..."}]}...]} (a single
//   event object, or a JSON array of events, also works); the action is the
//   event source's service prefix and the event name;
// - Access Advisor (`iam get-service-last-accessed-details` with
//   ACTION_LEVEL granularity): {"ServicesLastAccessed": [{"ServiceNamespace":
//   "s3", "TrackedActionsLastAccessed": [{"ActionName": "GetObject",
//   "LastAccessedEntity": "arn:..."}]}]}; only actions with a
//   LastAccessedTime count;
// - plain text: one "service:Action [resource-arn]" per line; blank lines
//   and lines starting with '#' are skipped.
// Errors (InputError with file:line:col): malformed JSON, a record without
// its event source or name, a text line that is not "service:Action".
// `path` is used in locations only.
absl::StatusOr<std::vector<UsedAccess>> ParseUsedAccess(std::string_view text,
                                                        std::string_view path);

struct MinimizeOptions {
  // Replace a run of used actions by "service:Prefix*" when the pattern
  // names no catalogue action beyond the used ones. Default: true.
  bool use_wildcards = true;
  // Options of the proof's Compare.
  CompareOptions compare = {};
};

struct MinimizedPolicy {
  // Version 2012-10-17; one Allow statement per group of used actions that
  // share the same resources and conditions, sorted by action. A used
  // resource "*" (the source did not say) becomes the Resource patterns of
  // the original statements that allow the action; the conditions of the
  // original statements that allow an access are kept, and the original's
  // Deny statements that could still apply are kept as they are, so the
  // result never allows more than the original.
  Policy policy;
  // Used accesses that the original policy does not allow (Decide says
  // so); they are left out of the minimized policy.
  std::vector<UsedAccess> not_allowed_by_original;
  // Compare(original, minimized): proves the minimized policy allows
  // nothing the original does not (only_b is empty), and says what the
  // original allows beyond it (only_a_actions).
  Comparison proof;
  // Unknown action names among the used accesses, as written.
  std::vector<std::string> unknown_actions;
};

// Minimizes `policy` (an identity policy) to `used`. Errors: `used` empty,
// or what Compare reports about `policy`.
absl::StatusOr<MinimizedPolicy> Minimize(const Policy& policy,
                                         const std::vector<UsedAccess>& used,
                                         const MinimizeOptions& options = {});

}  // namespace polygraph::iam

#endif  // POLYGRAPH_IAM_MINIMIZE_H_
