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
  kExposure
};

struct Args {
  Command command = Command::kHelp;
  std::vector<std::string> paths;  // check, graph, reach, exposure
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
  // check: "text" (default) or "json"; graph: "dot" (default) or "json";
  // reach, exposure: "text" (default), "json" or "dot".
  std::string format;
  Severity fail_on = Severity::kLow;                // check
  std::vector<std::string> only_rules, skip_rules;  // check
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
