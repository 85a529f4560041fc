#ifndef POLYGRAPH_CHECK_H_
#define POLYGRAPH_CHECK_H_

// Check: the main job. Loads paths, runs the rules, returns findings.
//
//   absl::StatusOr<CheckResult> result = Check({"infra/"}, {});
//   if (result.ok() && result->Fails(Severity::kHigh)) ...
//
// Thread safety: Check is thread-safe (no shared mutable state).

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "polygraph/diagnostic.h"
#include "polygraph/finding.h"
#include "polygraph/loader.h"
#include "polygraph/rules.h"
#include "polygraph/source_location.h"

namespace polygraph {

struct CheckOptions {
  LoadOptions load;
  // Only these rule ids run; empty (the default) runs every rule.
  std::vector<std::string> only_rules;
  // These rule ids never run. Default: none.
  std::vector<std::string> skip_rules;
  // YAML rule files, or folders searched recursively for *.yaml and *.yml,
  // added to the built-in pack (RuleSet::WithRuleFiles). A file that is not
  // a valid rule is an error diagnostic; the other rules still run.
  // Default: none.
  std::vector<std::string> rule_paths = {};
  // Rules decided by host code (C++ or Python callables). Default: none.
  std::vector<HostRule> host_rules = {};
  // Honour inline, metadata and tag suppressions (suppression.h): a
  // suppressed finding moves to CheckResult::suppressed. Default: true.
  bool apply_suppressions = true;
  // A baseline file written by WriteBaseline (baseline.h); the findings it
  // lists move to CheckResult::suppressed. Default: "" (none).
  std::string baseline_path = {};
};

// Why a finding is not reported.
struct Suppression {
  // "inline" (a "polygraph:ignore" comment), "metadata" (CloudFormation
  // Metadata), "tag" (a "polygraph:ignore" tag) or "baseline".
  std::string kind;
  std::string reason;       // as written; the baseline's for "baseline"
  SourceLocation location;  // of the comment, metadata, tag or baseline
};

struct SuppressedFinding {
  Finding finding;
  Suppression suppression;
};

struct CheckResult {
  std::vector<Finding> findings;  // sorted by file, line, column, rule id
  // Findings a suppression or the baseline hides, in the same order.
  std::vector<SuppressedFinding> suppressed = {};
  // From loading, then from checks (what a check could not decide).
  std::vector<Diagnostic> diagnostics;
  std::vector<std::string> files;  // files analysed

  // True when any finding is at or above `threshold`.
  bool Fails(Severity threshold) const;
  // True when any diagnostic is an error: part of the input was not decided.
  bool HasErrors() const;
};

// Errors: as LoadPaths(), and InvalidArgument for an unknown rule id in
// only_rules or skip_rules (checked before any file is read).
absl::StatusOr<CheckResult> Check(const std::vector<std::string>& paths,
                                  const CheckOptions& options);

}  // namespace polygraph

#endif  // POLYGRAPH_CHECK_H_
