#ifndef POLYGRAPH_IAM_ACCESS_JSON_H_
#define POLYGRAPH_IAM_ACCESS_JSON_H_

// The least-privilege answers as JSON: the `--format json` output of
// `polygraph iam compare|check-*|who-can|paths|permissions` and what the
// Python binding returns. Each function returns indented JSON ending in a
// newline; invalid UTF-8 copied from input is replaced with U+FFFD.
//
// Thread safety: pure functions; thread-safe.

#include <cstddef>
#include <string>
#include <vector>

#include "polygraph/iam_account.h"
#include "polygraph/iam_compare.h"
#include "polygraph/iam_effective.h"
#include "polygraph/iam_escalation.h"
#include "polygraph/iam_minimize.h"

namespace polygraph::iam {

// {"b_allows_more", "a_allows_more", "only_b_actions", "only_a_actions",
//  "only_b": [witness...], "only_a": [witness...], "unknown_actions",
//  "notes"}; a witness is {"request": <RequestToJson>, "allowed":
//  <DecisionToJson>, "denied": <DecisionToJson>}.
std::string ComparisonToJson(const Comparison& comparison);

// {"pass", "actions", "witnesses": [witness...], "notes"}.
std::string CheckOutcomeToJson(const CheckOutcome& outcome);

// {"policy": <the minimized policy document>, "proven": bool (the
//  minimized policy allows nothing the original does not),
//  "original_allows_more": [actions], "not_allowed_by_original":
//  [{"action", "resource", "file", "line", "column"}], "unknown_actions"}.
std::string MinimizedPolicyToJson(const MinimizedPolicy& minimized);

// {"target", "arn", "admin", "principals": [{"name", "arn", "kind",
//  "admin", "path": [edge...]}]}: who can reach `target`, each with a
// shortest path. An edge is {"from", "to", "technique", "actions",
// "service", "explanation", "statements": [{"file", "line", "column",
// "sid"}]}.
std::string WhoCanReachToJson(
    const Account& account,
    const std::vector<EffectivePermissions>& permissions,
    const EscalationGraph& graph, size_t target);

// {"from", "to", "paths": [[edge...]...]}.
std::string PathsToJson(const Account& account, const EscalationGraph& graph,
                        size_t from, size_t to, size_t max_paths);

// {"principals": [{"name", "arn", "kind", "admin", "actions" (count),
//  "by_access_level": {"List": n, ...}, "grants": [{"resource", "actions",
//  "unknown_actions", "conditional"}], "risks": [{"category", "actions",
//  "resource", "message"}], "reaches_admin": [edge...] (the shortest
//  escalation path to an administrator, [] when none)}]} for the
// principals `chosen` (indices), in that order.
std::string PermissionsToJson(
    const Account& account,
    const std::vector<EffectivePermissions>& permissions,
    const std::vector<Risk>& risks, const EscalationGraph& graph,
    const std::vector<size_t>& chosen);

}  // namespace polygraph::iam

#endif  // POLYGRAPH_IAM_ACCESS_JSON_H_
