#ifndef POLYGRAPH_CLI_COMMANDS_H_
#define POLYGRAPH_CLI_COMMANDS_H_

// The subcommands of `polygraph`. Each returns the process exit status:
// 0 clean, 1 findings at or above --fail-on (check only), 2 usage or input
// error (one line on standard error, "polygraph: ...").

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "args.h"
#include "polygraph/loader.h"

namespace polygraph::cli {

inline constexpr int kExitClean = 0;
inline constexpr int kExitFindings = 1;
inline constexpr int kExitError = 2;

int RunCheck(const Args& args);
int RunGraph(const Args& args);
int RunRulesList(const Args& args);
int RunRulesExplain(const Args& args);
// cidr subnet|subnets|host|netmask: Terraform's CIDR functions.
int RunCidr(const Args& args);
// iam decide|validate: authorization decisions and policy validation.
int RunIam(const Args& args);
// reach: what gets from --from to --to, and what stops the rest. Exit 0
// whether or not anything is reachable; 2 on errors.
int RunReach(const Args& args);
// exposure: every workload reachable from the internet. Exit 0; 2 on errors.
int RunExposure(const Args& args);
// diff BASE HEAD | diff HEAD --base-ref REF: new and fixed findings and the
// semantic delta (access, reachability, exposure) between two trees.
int RunDiff(const Args& args);

// Load options for commands that cannot give a partial answer (graph, cidr
// plan, reach, exposure): an element a front-end left out is an input error.
inline LoadOptions StrictLoadOptions(const Args& args) {
  return {.recursive = true,
          .skip_hidden = true,
          .fail_on_error_diagnostics = true,
          .parameters = args.parameters,
          .parameter_files = args.parameter_files,
          .terraform_variables = args.variables,
          .terraform_variable_files = args.variable_files};
}

// Prints "polygraph: <message>" on standard error; returns kExitError.
int ReportError(std::string_view message);
// The same for a failed Status; an input error's message already reads
// "file:line:col: reason".
int ReportError(const absl::Status& status);

// Writes `text` to the file `path`, or to standard output when `path` is "".
// On failure prints the reason and returns false.
bool WriteOutput(const std::string& text, const std::string& path);

}  // namespace polygraph::cli

#endif  // POLYGRAPH_CLI_COMMANDS_H_
