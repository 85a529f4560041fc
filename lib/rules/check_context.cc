#include "rules/check_context.h"

#include <memory>
#include <string>
#include <utility>

#include "polygraph/source_location.h"

namespace polygraph::rules::internal {

const std::vector<storage::BucketExposure>& CheckContext::bucket_exposures()
    const {
  absl::call_once(exposures_once_, [this] {
    absl::StatusOr<std::vector<storage::BucketExposure>> exposures =
        storage::AnalyseBucketExposure(model_,
                                       {.continue_on_policy_error = true});
    if (!exposures.ok()) {
      // Only a policy error fails the analysis, and those are continued.
      // Built member by member: GCC 12 at -O3 misreads a designated
      // initializer with an empty location as maybe-uninitialized.
      Diagnostic failed;
      failed.level = Diagnostic::Level::kError;
      failed.code = "analysis-failed";
      failed.message = std::string(exposures.status().message());
      AddDiagnostic(std::move(failed));
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

const net::Network& CheckContext::network() const {
  absl::call_once(network_once_, [this] {
    absl::StatusOr<net::Network> network = net::Network::Build(model_);
    if (!network.ok()) {
      AddDiagnostic(
          {.level = Diagnostic::Level::kError,
           .code = "analysis-failed",
           .location =
               ErrorLocation(network.status()).value_or(SourceLocation{}),
           .message = ErrorReason(network.status())});
      // The network keeps a pointer to its model, so the empty one lives on.
      static const Model* const kEmpty = new Model();
      network = net::Network::Build(*kEmpty);
    }
    for (const Diagnostic& diagnostic : network->diagnostics()) {
      AddDiagnostic(diagnostic);
    }
    network_ = std::make_unique<net::Network>(*std::move(network));
  });
  return *network_;
}

const AccountAnalysis& CheckContext::account() const {
  absl::call_once(account_once_, [this] {
    absl::StatusOr<AccountAnalysis> analysis = AnalyseAccount(model_);
    if (!analysis.ok()) {
      AddDiagnostic(
          {.level = Diagnostic::Level::kError,
           .code = "analysis-failed",
           .location =
               ErrorLocation(analysis.status()).value_or(SourceLocation{}),
           .message = ErrorReason(analysis.status())});
      account_ = std::make_unique<AccountAnalysis>();
      return;
    }
    account_ = std::make_unique<AccountAnalysis>(*std::move(analysis));
  });
  return *account_;
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
