#ifndef POLYGRAPH_DIFF_H_
#define POLYGRAPH_DIFF_H_

// Diff: what a change does to a configuration. Both trees are checked; their
// findings are matched by Fingerprints() over paths made relative to each
// tree's root, and the semantic delta a reviewer cares about is computed
// from the two models: new reachable flows, newly public buckets, and new
// actions and principals that IAM policies allow.
//
//   DiffOptions options;
//   absl::StatusOr<DiffResult> diff = Diff({"old/"}, {"new/"}, options);
//   for (const Finding& f : diff->new_findings) ...  // head locations
//   for (const DeltaItem& item : diff->delta) ...    // item.description
//
// Thread safety: Diff is thread-safe (no shared mutable state); results are
// plain values, thread-compatible.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "polygraph/check.h"
#include "polygraph/diagnostic.h"
#include "polygraph/finding.h"
#include "polygraph/source_location.h"

namespace polygraph {

struct DiffOptions {
  // Applied to both trees (rules, parameters, variables, suppressions...).
  CheckOptions check;
  // The folders file paths are made relative to. Default "": with one path,
  // that path when it is a folder, else the folder holding it; with several
  // paths, none (paths stay as the loader reports them). Files outside the
  // root keep their path.
  std::string base_root = {};
  std::string head_root = {};
};

// One change in what the configuration lets happen.
struct DeltaItem {
  enum class Kind {
    kAccess,        // an IAM policy allows new actions or admits a principal
    kReachability,  // a workload is reachable from another on more packets
    kExposure,      // reachable from the internet, or a bucket made public
  };
  Kind kind = Kind::kAccess;
  std::string resource;  // the resource whose access changed (head model)
  // Where the change is written in the head tree (the statement, principal,
  // grant or security-group rule), with the relative path; the resource's
  // declaration when nothing more precise is known.
  SourceLocation location;
  // One line, e.g. "role AppRole may now s3:DeleteObject (+3 more) on
  // arn:aws:s3:::assets/*".
  std::string description;
};

// "access", "reachability", "exposure" (defined with the reports).
std::string_view DeltaKindName(DeltaItem::Kind kind);

struct DiffResult {
  // In head only, with head locations; sorted as CheckResult::findings.
  // Locations carry paths relative to the head root.
  std::vector<Finding> new_findings;
  // In base only, with base locations relative to the base root.
  std::vector<Finding> fixed_findings;
  size_t unchanged = 0;  // findings in both
  // By kind (access, reachability, exposure), then resource, then text.
  std::vector<DeltaItem> delta;
  // Each tree's diagnostics, from loading and checking, as Check gives them.
  std::vector<Diagnostic> base_diagnostics;
  std::vector<Diagnostic> head_diagnostics;
  std::vector<std::string> base_files;  // relative, as analysed
  std::vector<std::string> head_files;

  // True when a new finding is at or above `threshold`, or `delta` is not
  // empty: what `polygraph diff` exits 1 for.
  bool Fails(Severity threshold) const;
  // True when either side has an error diagnostic.
  bool HasErrors() const;
};

// Errors: as Check() for either tree (the base tree's first).
// Delta method and limits: reachability with net::DiffReach (workloads
// matched by name); buckets with storage::AnalyseBucketExposure (policy
// errors tolerated), matched by bucket resource name, an access effective in
// head and not in base being new; IAM policy documents matched by owner
// resource name, policy name and kind: identity and resource policies
// compared exactly with iam::Compare (conditions, Deny, NotAction and
// NotResource weighed; unresolved expressions compared as text), one item
// per Resource pattern of the head statements that allow a witness; where
// Compare cannot decide (an owner with two resource policies), the
// catalogue actions Allow statements grant per Resource pattern (a base
// pattern that glob-matches a head pattern covers it); and the Principal
// entries of Allow statements in resource and trust policies. A document
// or bucket in head only is compared with nothing.
absl::StatusOr<DiffResult> Diff(const std::vector<std::string>& base_paths,
                                const std::vector<std::string>& head_paths,
                                const DiffOptions& options);

}  // namespace polygraph

#endif  // POLYGRAPH_DIFF_H_
