#ifndef POLYGRAPH_CLI_ARGS_H_
#define POLYGRAPH_CLI_ARGS_H_

// Command-line parsing for the `polygraph` command: hand-written, small, and
// free of dependencies. Parsing never prints; errors are returned.

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "polygraph/finding.h"

namespace polygraph::cli {

enum class Command {
  kHelp,
  kVersion,
  kCheck,
  kGraph,
  kRulesList,
  kRulesExplain,
  kCidr,
  kIam,
  kReach,
  kExposure,
  kDiff
};

struct Args {
  Command command = Command::kHelp;
  // check, graph, reach, exposure; diff: BASE HEAD, or HEAD with --base-ref
  std::vector<std::string> paths;
  // check, graph, reach, exposure: CloudFormation parameter values from
  // --param Name=Value (repeatable; the last wins) and --params FILE
  // (repeatable), as LoadOptions::parameters and parameter_files.
  std::map<std::string, std::string> parameters;
  std::vector<std::string> parameter_files;
  // The same commands: Terraform variable values from --var NAME=VALUE
  // (repeatable; the last wins) and --var-file FILE (repeatable), as
  // LoadOptions::terraform_variables and terraform_variable_files.
  std::map<std::string, std::string> variables;
  std::vector<std::string> variable_files;
  // check: "text" (default), "json", "sarif", "markdown" or "junit";
  // graph: "dot" (default) or "json"; reach, exposure: "text" (default),
  // "json" or "dot"; diff: "" until RunDiff checks it.
  std::string format;
  Severity fail_on = Severity::kLow;                // check, diff
  std::vector<std::string> only_rules, skip_rules;  // check, diff
  // check, diff: --rules PATH (repeatable): user rule files or folders.
  std::vector<std::string> rule_paths;
  // check: --baseline FILE hides the findings it lists; --write-baseline
  // FILE writes the findings of this run as a baseline.
  std::string baseline, write_baseline;
  // check: --show-suppressed reports suppressed findings with their reason.
  bool show_suppressed = false;
  // check: --changed-lines keeps only findings on lines `git diff HEAD`
  // shows as added or changed; --changed-lines-from FILE reads that unified
  // diff from FILE ("-" for standard input) instead.
  bool changed_lines = false;
  std::string changed_lines_from;
  // diff: --base-ref GIT_REF reads the base tree from git.
  std::string base_ref;
  std::string output;   // check, graph: "" writes to standard output
  std::string rule_id;  // rules explain
  // reach: --from (internet, a CIDR or a name), --to (a name), --port and
  // --protocol as written ("" when absent; checked by RunReach).
  std::string from, to, port, protocol;
  // cidr: the words after "cidr" (subcommand and operands), checked by
  // RunCidr, since negative numbers look like options.
  std::vector<std::string> cidr_args;
  // iam: the words after "iam" (subcommand, options, files), checked by
  // RunIam.
  std::vector<std::string> iam_args;
};

// Parses the arguments after the program name. Errors: InvalidArgument with
// a one-line message such as "unknown option --x" or "check: no paths given".
absl::StatusOr<Args> ParseArgs(const std::vector<std::string>& args);

}  // namespace polygraph::cli

#endif  // POLYGRAPH_CLI_ARGS_H_
