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

namespace polygraph {

struct CheckOptions {
  LoadOptions load;
  // Only these rule ids run; empty (the default) runs every rule.
  std::vector<std::string> only_rules;
  // These rule ids never run. Default: none.
  std::vector<std::string> skip_rules;
};

struct CheckResult {
  std::vector<Finding> findings;  // sorted by file, line, column, rule id
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
