#ifndef POLYGRAPH_LIB_RULES_CHECK_CONTEXT_H_
#define POLYGRAPH_LIB_RULES_CHECK_CONTEXT_H_

// What a check sees during one RuleSet::Run: the model, the analyses over it
// (computed once, on first use, and shared by every check that asks), and a
// sink for diagnostics about input a check could not decide, so that nothing
// is skipped silently.
//
// Thread safety: thread-safe. Analyses are computed under absl::call_once;
// AddDiagnostic locks.

#include <memory>
#include <vector>

#include "absl/base/call_once.h"
#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "polygraph/account_from_model.h"
#include "polygraph/diagnostic.h"
#include "polygraph/model.h"
#include "polygraph/reachability.h"
#include "polygraph/storage_exposure.h"

namespace polygraph::rules::internal {

class CheckContext {
 public:
  // `model` must outlive the context.
  explicit CheckContext(const Model& model) : model_(model) {}
  CheckContext(const CheckContext&) = delete;
  CheckContext& operator=(const CheckContext&) = delete;

  const Model& model() const { return model_; }

  // storage::AnalyseBucketExposure with default options, except that a bucket
  // policy that cannot be compiled leaves its bucket decided from its ACL
  // alone; each such policy adds one error diagnostic "policy-not-analysed"
  // at the offending value.
  const std::vector<storage::BucketExposure>& bucket_exposures() const;

  // net::Network::Build over the model with default options; its
  // diagnostics (unresolved references) are added once. Never null: a
  // failed build adds an error diagnostic and yields an empty network.
  const net::Network& network() const;

  // AnalyseAccount over the model (account_from_model.h): the principals
  // with their effective permissions, risks and escalation graph. Never
  // null: a failed analysis adds an error diagnostic "analysis-failed" and
  // yields an analysis of no principals.
  const AccountAnalysis& account() const;

  // Records `diagnostic` unless an equal one (code, location, message) was
  // recorded already.
  void AddDiagnostic(Diagnostic diagnostic) const;

  // The diagnostics recorded so far, in the order they were first added.
  std::vector<Diagnostic> diagnostics() const;

 private:
  const Model& model_;
  mutable absl::once_flag exposures_once_;
  mutable std::vector<storage::BucketExposure> exposures_;
  mutable absl::once_flag network_once_;
  mutable std::unique_ptr<net::Network> network_;
  mutable absl::once_flag account_once_;
  mutable std::unique_ptr<AccountAnalysis> account_;
  mutable absl::Mutex mutex_;
  mutable std::vector<Diagnostic> diagnostics_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace polygraph::rules::internal

#endif  // POLYGRAPH_LIB_RULES_CHECK_CONTEXT_H_
