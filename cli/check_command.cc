// polygraph check PATH... [--format text|json] [--fail-on SEVERITY]
//                         [--only RULE] [--skip RULE] [--output FILE]
//                         [--param NAME=VALUE]... [--params FILE]...

#include <cstdio>
#include <string>
#include <utility>

#include "commands.h"
#include "polygraph/check.h"
#include "polygraph/report.h"

namespace polygraph::cli {

int RunCheck(const Args& args) {
  CheckOptions options;
  options.only_rules = args.only_rules;
  options.skip_rules = args.skip_rules;
  options.load.parameters = args.parameters;
  options.load.parameter_files = args.parameter_files;
  options.load.terraform_variables = args.variables;
  options.load.terraform_variable_files = args.variable_files;
  absl::StatusOr<CheckResult> result = Check(args.paths, options);
  if (!result.ok()) return ReportError(result.status());

  std::string report;
  if (args.format == "json") {
    report = FormatJson(*result);  // diagnostics included
  } else {
    // Notes go to standard error so the report on standard output holds
    // only findings and the summary.
    for (const Diagnostic& diagnostic : result->diagnostics) {
      std::fputs((diagnostic.ToString() + "\n").c_str(), stderr);
    }
    CheckResult findings_only = *result;
    findings_only.diagnostics.clear();
    report = FormatText(findings_only);
  }
  if (!WriteOutput(report, args.output)) return kExitError;
  // Findings are still reported when part of the input could not be decided,
  // but that is an error.
  if (result->HasErrors()) return kExitError;
  return result->Fails(args.fail_on) ? kExitFindings : kExitClean;
}

}  // namespace polygraph::cli
