// polygraph check PATH... [--format text|json|sarif|markdown|junit] [--fail-on
// SEVERITY]
//                         [--only RULE] [--skip RULE] [--output FILE]
//                         [--param NAME=VALUE]... [--params FILE]...
//                         [--baseline FILE] [--write-baseline FILE]
//                         [--show-suppressed]

#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "commands.h"
#include "git.h"
#include "polygraph/baseline.h"
#include "polygraph/check.h"
#include "polygraph/report.h"
#include "polygraph/rules.h"

namespace polygraph::cli {
namespace {

// --show-suppressed in the text format: each suppressed finding as
// "file:line:col: severity RULE-ID message" then
// "  suppressed (kind): reason"; "" when there are none.
std::string SuppressedText(const CheckResult& result) {
  std::string out;
  for (const SuppressedFinding& hidden : result.suppressed) {
    const Finding& finding = hidden.finding;
    out += finding.location.ToString() + ": " +
           std::string(SeverityName(finding.severity)) + " " + finding.rule_id +
           " " + finding.message + "\n  suppressed (" +
           hidden.suppression.kind + "): " + hidden.suppression.reason + "\n";
  }
  return out;
}

// The rules the check ran, for the SARIF and JUnit reports: the built-in
// pack plus --rules files, selected by --only and --skip. Check() has
// already reported any --rules file that is not a valid rule.
absl::StatusOr<RuleSet> RulesRun(const Args& args) {
  absl::StatusOr<RuleSet> builtin = RuleSet::Builtin();
  if (!builtin.ok()) return builtin.status();
  std::vector<Diagnostic> ignored;
  return builtin->WithRuleFiles(args.rule_paths, &ignored)
      .Select(args.only_rules, args.skip_rules);
}

}  // namespace

int RunCheck(const Args& args) {
  CheckOptions options;
  options.only_rules = args.only_rules;
  options.skip_rules = args.skip_rules;
  options.rule_paths = args.rule_paths;
  options.load.parameters = args.parameters;
  options.load.parameter_files = args.parameter_files;
  options.load.terraform_variables = args.variables;
  options.load.terraform_variable_files = args.variable_files;
  options.baseline_path = args.baseline;
  absl::StatusOr<CheckResult> result = Check(args.paths, options);
  if (!result.ok()) return ReportError(result.status());
  // Before suppressed findings are dropped: a baseline keeps those the old
  // baseline hid.
  std::string baseline =
      args.write_baseline.empty() ? "" : WriteBaseline(*result);
  // --changed-lines, --changed-lines-from: only findings on changed lines.
  if (absl::Status changed = ApplyChangedLines(args, *result); !changed.ok())
    return ReportError(changed);
  // Suppressed findings are reported only when asked for.
  // SARIF always carries them, marked with their suppression.
  if (!args.show_suppressed && args.format != "sarif") {
    result->suppressed.clear();
  }

  std::string report;
  if (args.format == "json") {
    report = FormatJson(*result);  // diagnostics included
  } else if (args.format == "sarif" || args.format == "junit") {
    absl::StatusOr<RuleSet> rules = RulesRun(args);
    if (!rules.ok()) return ReportError(rules.status());
    report = args.format == "sarif" ? FormatSarif(*result, *rules)
                                    : FormatJunit(*result, *rules);
  } else if (args.format == "markdown") {
    report = FormatMarkdown(*result);  // error diagnostics included
  } else {
    // Notes go to standard error so the report on standard output holds
    // only findings and the summary.
    for (const Diagnostic& diagnostic : result->diagnostics) {
      std::fputs((diagnostic.ToString() + "\n").c_str(), stderr);
    }
    CheckResult findings_only = *result;
    findings_only.diagnostics.clear();
    report = FormatText(findings_only);
    // Other formats list result->suppressed themselves (the JSON report's
    // "suppressed" array); the text report gets them here, after the rest.
    report += SuppressedText(*result);
  }
  if (!WriteOutput(report, args.output)) return kExitError;
  if (!args.write_baseline.empty()) {
    // Writing a baseline accepts the findings: exit 0 unless errors.
    if (!WriteOutput(baseline, args.write_baseline)) {
      return kExitError;
    }
    return result->HasErrors() ? kExitError : kExitClean;
  }
  // Findings are still reported when part of the input could not be decided,
  // but that is an error.
  if (result->HasErrors()) return kExitError;
  return result->Fails(args.fail_on) ? kExitFindings : kExitClean;
}

}  // namespace polygraph::cli
