#ifndef POLYGRAPH_LIB_API_SUPPRESSION_CHECK_H_
#define POLYGRAPH_LIB_API_SUPPRESSION_CHECK_H_

// The suppression step of Check(): what CheckOptions::apply_suppressions and
// CheckOptions::baseline_path ask for, in one call.
//
// Thread safety: thread-safe (reads files, no shared state).

#include "absl/status/status.h"
#include "polygraph/check.h"
#include "polygraph/model.h"
#include "polygraph/rules.h"

namespace polygraph::internal {

// Applies inline, metadata and tag suppressions when
// options.apply_suppressions (the ids a suppression may name are those of
// `rules`, of options.rule_paths and options.host_rules, and of the
// findings), then the baseline at options.baseline_path when it is not
// empty, with paths relative to the current directory. Errors: as
// ReadBaseline() (the result is then unspecified).
// REQUIRES: result != nullptr.
absl::Status ApplyCheckSuppressions(const Model& model, const RuleSet& rules,
                                    const CheckOptions& options,
                                    CheckResult* result);

}  // namespace polygraph::internal

#endif  // POLYGRAPH_LIB_API_SUPPRESSION_CHECK_H_
