#include "rules/check_context.h"

#include <string>
#include <utility>

namespace polygraph::rules::internal {

const std::vector<storage::BucketExposure>& CheckContext::bucket_exposures()
    const {
  absl::call_once(exposures_once_, [this] {
    absl::StatusOr<std::vector<storage::BucketExposure>> exposures =
        storage::AnalyseBucketExposure(model_,
                                       {.continue_on_policy_error = true});
    if (!exposures.ok()) {
      // Only a policy error fails the analysis, and those are continued.
      AddDiagnostic({.level = Diagnostic::Level::kError,
                     .code = "analysis-failed",
                     .location = {},
                     .message = std::string(exposures.status().message())});
      return;
    }
    exposures_ = *std::move(exposures);
    for (const storage::BucketExposure& exposure : exposures_) {
      if (exposure.policy_error.empty()) continue;
      AddDiagnostic({.level = Diagnostic::Level::kError,
                     .code = "policy-not-analysed",
                     .location = exposure.policy_error_location,
                     .message = exposure.policy_error});
    }
  });
  return exposures_;
}

void CheckContext::AddDiagnostic(Diagnostic diagnostic) const {
  absl::MutexLock lock(&mutex_);
  for (const Diagnostic& seen : diagnostics_) {
    if (seen.code == diagnostic.code && seen.message == diagnostic.message &&
        seen.location.ToString() == diagnostic.location.ToString()) {
      return;
    }
  }
  diagnostics_.push_back(std::move(diagnostic));
}

std::vector<Diagnostic> CheckContext::diagnostics() const {
  absl::MutexLock lock(&mutex_);
  return diagnostics_;
}

}  // namespace polygraph::rules::internal
