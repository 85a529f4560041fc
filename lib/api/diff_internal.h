#ifndef POLYGRAPH_LIB_API_DIFF_INTERNAL_H_
#define POLYGRAPH_LIB_API_DIFF_INTERNAL_H_

// The semantic delta of Diff (diff.h), one function per concern. Each
// compares a base and a head model of one system and returns the items of
// its kind with locations as the head model has them (paths as loaded; Diff
// makes them relative). Thread safety: pure functions; thread-safe.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "polygraph/diff.h"
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

// New actions per Resource pattern and new principals (kAccess).
std::vector<DeltaItem> AccessDelta(const Model& base, const Model& head);

// "role AppRole", "managed policy ReadOnly", "bucket Assets": the resource's
// kind (underscores as spaces) and name; "" for kNoResource.
std::string DescribeResource(const Model& model, size_t resource);

// The index of the first resource named `name`, or kNoResource.
size_t FindResourceByName(const Model& model, std::string_view name);

}  // namespace polygraph::diff_internal

#endif  // POLYGRAPH_LIB_API_DIFF_INTERNAL_H_
