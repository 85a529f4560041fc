#include "polygraph/check.h"

#include <algorithm>
#include <utility>

#include "api/check_internal.h"
#include "api/suppression_check.h"
#include "polygraph/rules.h"

namespace polygraph {

bool CheckResult::Fails(Severity threshold) const {
  return std::any_of(findings.begin(), findings.end(),
                     [threshold](const Finding& finding) {
                       return finding.severity >= threshold;
                     });
}

bool CheckResult::HasErrors() const {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& diagnostic) {
                       return diagnostic.level == Diagnostic::Level::kError;
                     });
}

absl::StatusOr<CheckResult> Check(const std::vector<std::string>& paths,
                                  const CheckOptions& options) {
  return internal::CheckKeepingModel(paths, options, nullptr);
}

absl::StatusOr<CheckResult> internal::CheckKeepingModel(
    const std::vector<std::string>& paths, const CheckOptions& options,
    Model* model) {
  // Rule ids are checked before any file is read, so a typo fails fast;
  // they may name user and host rules, so those are added first.
  absl::StatusOr<RuleSet> builtin = RuleSet::Builtin();
  if (!builtin.ok()) return builtin.status();
  std::vector<Diagnostic> rule_diagnostics;
  RuleSet all =
      options.rule_paths.empty()
          ? *builtin
          : builtin->WithRuleFiles(options.rule_paths, &rule_diagnostics);
  for (const HostRule& host_rule : options.host_rules) {
    absl::StatusOr<RuleSet> with = all.WithRule(host_rule);
    if (!with.ok()) return with.status();
    all = *std::move(with);
  }
  absl::StatusOr<RuleSet> rules =
      all.Select(options.only_rules, options.skip_rules);
  if (!rules.ok()) return rules.status();

  absl::StatusOr<LoadResult> loaded = LoadPaths(paths, options.load);
  if (!loaded.ok()) return loaded.status();

  CheckResult result;
  result.diagnostics = std::move(rule_diagnostics);
  result.diagnostics.insert(
      result.diagnostics.end(),
      std::make_move_iterator(loaded->diagnostics.begin()),
      std::make_move_iterator(loaded->diagnostics.end()));
  result.findings = rules->Run(loaded->model, &result.diagnostics);
  result.files = loaded->model.files();
  // Suppressions and the baseline (suppression.h, baseline.h).
  if (absl::Status suppressed = internal::ApplyCheckSuppressions(
          loaded->model, all, options, &result);
      !suppressed.ok()) {
    return suppressed;
  }
  if (model != nullptr) *model = std::move(loaded->model);
  return result;
}

}  // namespace polygraph
