#include "polygraph/check.h"

#include <algorithm>
#include <utility>

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
  // Rule ids are checked before any file is read, so a typo fails fast.
  absl::StatusOr<RuleSet> builtin = RuleSet::Builtin();
  if (!builtin.ok()) return builtin.status();
  absl::StatusOr<RuleSet> rules =
      builtin->Select(options.only_rules, options.skip_rules);
  if (!rules.ok()) return rules.status();

  absl::StatusOr<LoadResult> loaded = LoadPaths(paths, options.load);
  if (!loaded.ok()) return loaded.status();

  CheckResult result;
  result.diagnostics = std::move(loaded->diagnostics);
  result.findings = rules->Run(loaded->model, &result.diagnostics);
  result.files = loaded->model.files();
  return result;
}

}  // namespace polygraph
