#include "api/suppression_check.h"

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "polygraph/baseline.h"
#include "polygraph/diagnostic.h"
#include "polygraph/suppression.h"

namespace polygraph::internal {

absl::Status ApplyCheckSuppressions(const Model& model, const RuleSet& rules,
                                    const CheckOptions& options,
                                    CheckResult* result) {
  if (options.apply_suppressions) {
    std::vector<std::string> known;
    // The rule files' diagnostics were reported when the rules ran.
    std::vector<Diagnostic> ignored;
    RuleSet all = options.rule_paths.empty()
                      ? rules
                      : rules.WithRuleFiles(options.rule_paths, &ignored);
    for (const RuleInfo& rule : all.rules()) known.push_back(rule.id);
    for (const HostRule& rule : options.host_rules) {
      known.push_back(rule.info.id);
    }
    for (const Finding& finding : result->findings) {
      known.push_back(finding.rule_id);
    }
    ApplySuppressions(model, known, result);
  }
  if (!options.baseline_path.empty()) {
    absl::StatusOr<Baseline> baseline = ReadBaseline(options.baseline_path);
    if (!baseline.ok()) return baseline.status();
    ApplyBaseline(*baseline, /*root=*/"", result);
  }
  return absl::OkStatus();
}

}  // namespace polygraph::internal
