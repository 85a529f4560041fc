#ifndef POLYGRAPH_CLI_IAM_OPTIONS_H_
#define POLYGRAPH_CLI_IAM_OPTIONS_H_

// What the `polygraph iam` subcommands share: their option parser and the
// readers of policy files and policy sets.

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "polygraph/iam_decision.h"
#include "polygraph/iam_policy.h"

namespace polygraph::cli {

// The options of one subcommand, each option name with its values in
// order; operands separately.
struct Options {
  std::map<std::string, std::vector<std::string>, std::less<>> values;
  std::vector<std::string> operands;

  const std::string* Last(std::string_view name) const {
    auto it = values.find(name);
    return it == values.end() || it->second.empty() ? nullptr
                                                    : &it->second.back();
  }
  bool Has(std::string_view name) const { return values.contains(name); }
};

// Parses words[1..] (words[0] is the subcommand). `known` lists the options
// that take a value; `flags` those that take none (their value is "").
// Errors: an unknown option, a missing value.
absl::StatusOr<Options> ParseOptions(
    const std::vector<std::string>& words,
    const std::vector<std::string>& known,
    const std::vector<std::string>& flags = {});

// Reads one policy file (JSON or YAML) as a policy of `kind`.
absl::StatusOr<iam::Policy> ReadPolicy(const std::string& path,
                                       iam::PolicyKind kind);

// The policy set of --policy, --boundary, --session-policy, --scp, --rcp
// and --resource-policy.
absl::StatusOr<iam::PolicySet> ReadPolicySet(const Options& options);

// A policy file as a one-policy set: a resource policy when a statement
// names a Principal, else an identity policy.
absl::StatusOr<iam::PolicySet> ReadPolicyFileAsSet(const std::string& path);

// The subcommands; words[0] is the subcommand's name. Each returns the
// process exit status.
int RunIamCompare(const std::vector<std::string>& words);
int RunIamMinimize(const std::vector<std::string>& words);
int RunIamCheckAccessNotGranted(const std::vector<std::string>& words);
int RunIamCheckNoPublicAccess(const std::vector<std::string>& words);
int RunIamWhoCan(const std::vector<std::string>& words);
int RunIamPaths(const std::vector<std::string>& words);
int RunIamPermissions(const std::vector<std::string>& words);

}  // namespace polygraph::cli

#endif  // POLYGRAPH_CLI_IAM_OPTIONS_H_
