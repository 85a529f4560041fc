#ifndef POLYGRAPH_LIB_API_DIFF_INTERNAL_H_
#define POLYGRAPH_LIB_API_DIFF_INTERNAL_H_

// The semantic delta of Diff (diff.h), one function per concern. Each
// compares a base and a head model of one system and returns the items of
// its kind with locations as the head model has them (paths as loaded; Diff
// makes them relative). Thread safety: pure functions; thread-safe.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "polygraph/diff.h"
#include "polygraph/iam_decision.h"
#include "polygraph/model.h"

namespace polygraph::diff_internal {

// New flows net::DiffReach reports: from the internet (kExposure, "newly" when
// the workload was not exposed at all in base) and between workloads
// (kReachability).
absl::StatusOr<std::vector<DeltaItem>> ReachDelta(const Model& base,
                                                  const Model& head);

// Buckets whose anonymous or outsider access became effective (kExposure).
absl::StatusOr<std::vector<DeltaItem>> BucketDelta(const Model& base,
                                                   const Model& head);

// New access (kAccess): for identity and resource policies, what the head's
// documents of one owner allow that the base's do not, decided exactly by
// iam::Compare (conditions, Deny statements, NotAction and NotResource
// included), one item per Resource pattern of the head statements that
// allow it; where Compare cannot decide (two resource policies for one
// owner), the actions each Allow statement's expansion adds. For resource
// and trust policies also the principals newly named.
std::vector<DeltaItem> AccessDelta(const Model& base, const Model& head);

// Who an access item is about.
struct AccessSubject {
  std::string resource;  // DeltaItem::resource
  std::string subject;   // "role AppRole", "policy of bucket Assets"
  std::string verb;      // " may now ", " now allows "
};

// The documents as one policy set (identity documents as identity
// policies, one resource document as the resource policy), unresolved
// expressions made literal text both sides share; nullopt for anything
// else (a trust policy, a second resource policy).
std::optional<iam::PolicySet> AsPolicySet(
    const std::vector<const PolicyDocument*>& documents);

// The items for what `head` newly allows over `base`, by iam::Compare;
// nullopt when the documents cannot be compared (AsPolicySet, or Compare
// fails).
std::optional<std::vector<DeltaItem>> ExactAccessItems(
    const std::vector<const PolicyDocument*>& base,
    const std::vector<const PolicyDocument*>& head, const AccessSubject& who);

// "role AppRole", "managed policy ReadOnly", "bucket Assets": the resource's
// kind (underscores as spaces) and name; "" for kNoResource.
std::string DescribeResource(const Model& model, size_t resource);

// The index of the first resource named `name`, or kNoResource.
size_t FindResourceByName(const Model& model, std::string_view name);

}  // namespace polygraph::diff_internal

#endif  // POLYGRAPH_LIB_API_DIFF_INTERNAL_H_
