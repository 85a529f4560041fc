// polygraph: checks AWS configuration against the built-in rules.
// See kHelp below, or `polygraph --help`.

#include <cstdio>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "args.h"
#include "commands.h"
#include "polygraph/iam_catalogue.h"
#include "polygraph/version.h"

namespace polygraph::cli {
namespace {

constexpr char kHelp[] = R"(usage: polygraph <command> [options]

Reads AWS configuration (IAM policy JSON, CloudFormation templates, Terraform,
ECS task definitions, account snapshots) and reports what breaks the rules.

commands:
  check PATH...        run the rules over files and folders
    --format text|json|sarif|markdown|junit
                         report format (default text; notes go to stderr)
    --fail-on SEVERITY   exit 1 when a finding is at or above SEVERITY:
                         info, low, medium, high or critical (default low)
    --only RULE          run only RULE (repeatable or comma-separated)
    --skip RULE          do not run RULE (repeatable or comma-separated)
    --output FILE        write the report to FILE instead of stdout
    --rules PATH         also the YAML rules in PATH, a file or folder
                         (repeatable; docs/rule-language.md)
    --baseline FILE      hide the findings FILE lists (see --write-baseline)
    --write-baseline FILE  write this run's findings as a baseline
    --show-suppressed    also list findings hidden by a polygraph:ignore
                         comment, metadata or tag, or by the baseline
    --changed-lines      only findings on lines `git diff HEAD` adds or
                         changes (untracked files count as changed)
    --changed-lines-from FILE  the same from a unified diff in FILE (- stdin)
  diff BASE HEAD       new and fixed findings between two trees, and what the
                       change allows: new actions and principals in IAM
                       policies, new flows, newly public buckets; exit 1 on
                       a new finding at or above --fail-on or any such change
  diff HEAD --base-ref REF  the base is HEAD's path as committed at git REF
    --format text|json|markdown  markdown: a pull-request comment
    --fail-on, --only, --skip, --rules, --output  as for check
  graph PATH...        print the resource graph
    --format dot|json    output format (default dot)
    --output FILE        write the graph to FILE instead of stdout
  rules list           list the rules: id, severity, title
    --format text|markdown  markdown: the reference page (rules/README.md)
    --rules PATH         also user rule files or folders (repeatable)
  rules explain RULE   show a rule's rationale, remediation and references
    --rules PATH         also user rule files or folders (repeatable)
  cidr subnet PREFIX NEWBITS NETNUM   Terraform's cidrsubnet
  cidr subnets PREFIX NEWBITS...      Terraform's cidrsubnets, one per line
  cidr host PREFIX HOSTNUM            Terraform's cidrhost (-1: last address)
  cidr netmask PREFIX                 Terraform's cidrnetmask (IPv4)
  cidr plan PATH...    the address plan: VPC blocks, subnets (zone, usable
                       addresses), utilisation per VPC and zone, and the
                       PG-CIDR problems; exit 1 when there are problems
    --format text|json   output format (default text)
  iam decide [POLICY OPTIONS]         decide requests read as JSON lines
    --policy FILE        an identity-based policy (repeatable)
    --boundary FILE      the permissions boundary
    --session-policy FILE  a session policy (repeatable)
    --scp FILE[,FILE]    one level of service control policies (repeatable)
    --rcp FILE[,FILE]    one level of resource control policies (repeatable)
    --resource-policy FILE  the resource-based policy
    --input FILE         read requests from FILE (default standard input)
    --output FILE        write decisions to FILE (default standard output)
  iam validate FILE... validate policies; formats and exit status as check
    --kind identity|resource|trust|any  what the policies are (default any)
    --format text|json, --fail-on SEVERITY, --output FILE  as for check
  iam compare OLD NEW  does NEW allow any request OLD does not? exact, with
                       witness requests (action, resource, principal,
                       context); exit 0 no, 1 yes, 2 error
    --format text|json, --max-witnesses N (default 20), --output FILE
  iam check-access-not-granted POLICY --action A... [--resource ARN]...
                       exit 1 when POLICY allows one of the actions
  iam check-no-public-access POLICY --resource-type TYPE
                       exit 1 when the resource policy grants public access
  iam minimize POLICY USED  the smallest policy allowing exactly the used
                       accesses (CloudTrail, Access Advisor or text lines),
                       proven by compare; --no-wildcards, --output FILE
  iam who-can PRINCIPAL PATH...  who can reach PRINCIPAL through privilege
                       escalation (assume-role, pass-role, policy writes...)
  iam paths FROM TO PATH...  escalation paths from FROM to TO (--max-paths N)
  iam permissions PATH...  effective permissions and risk categories of
                       each role and user (--principal NAME for one)
    --format text|json, --output FILE  for who-can, paths and permissions
  reach PATH... --from SRC --to NAME   what gets from SRC to NAME: the
                       packets, the steps that admit them (route, ACLs,
                       security groups, with file:line:col) and what stops
                       the rest; exit 0 whether reachable or not
    --from internet|CIDR|NAME  the source; NAME is a resource's logical id
    --to NAME            a workload, security group or subnet
    --port N             only this destination port (tcp and udp)
    --protocol P         only this protocol: tcp, udp, icmp, a number
    --format text|json|dot  output format (default text)
    --output FILE        write the answer to FILE instead of stdout
  exposure PATH...     every workload reachable from the internet: kind,
                       name, location, protocols, ports, admitting rules
    --format text|json|dot, --output FILE  as for reach
  CloudFormation parameters (check, diff, graph, reach, exposure):
    --param NAME=VALUE   a parameter value, replacing its Default
                         (repeatable); AWS::Region=..., AWS::AccountId=...
                         set pseudo parameters
    --params FILE        parameter values from a create-stack, deploy or
                         CodePipeline JSON file (repeatable; --param wins)
  Terraform variables (check, diff, graph, reach, exposure):
    --var NAME=VALUE     a variable value, as terraform's -var (repeatable)
    --var-file FILE      a .tfvars or .tfvars.json file, as -var-file
                         (repeatable; --var wins); a folder's
                         terraform.tfvars and *.auto.tfvars are always read
  help, --help         show this help
  --version            print the version

exit status: 0 no finding at or above --fail-on, 1 such findings,
2 usage or input error (reported on stderr as "polygraph: file:line:col: reason"),
  or an error diagnostic (part of the input was not decided; the rest is reported).
)";

int Run(const std::vector<std::string>& arguments) {
  absl::StatusOr<Args> args = ParseArgs(arguments);
  if (!args.ok()) {
    return ReportError(
        absl::StrCat(args.status().message(), " (see polygraph --help)"));
  }
  switch (args->command) {
    case Command::kHelp:
      return WriteOutput(kHelp, "") ? kExitClean : kExitError;
    case Command::kVersion: {
      std::string_view catalogue = iam::Catalogue::Builtin().version();
      return WriteOutput(
                 absl::StrCat(
                     "polygraph ",
                     absl::string_view(Version().data(), Version().size()),
                     "\naction catalogue: ",
                     absl::string_view(catalogue.data(), catalogue.size()),
                     "\n"),
                 "")
                 ? kExitClean
                 : kExitError;
    }
    case Command::kCheck:
      return RunCheck(*args);
    case Command::kGraph:
      return RunGraph(*args);
    case Command::kRulesList:
      return RunRulesList(*args);
    case Command::kRulesExplain:
      return RunRulesExplain(*args);
    case Command::kCidr:
      return RunCidr(*args);
    case Command::kIam:
      return RunIam(*args);
    case Command::kReach:
      return RunReach(*args);
    case Command::kExposure:
      return RunExposure(*args);
    case Command::kDiff:
      return RunDiff(*args);
  }
  return kExitError;
}

}  // namespace
}  // namespace polygraph::cli

int main(int argc, char** argv) {
  // The library never throws; this guards against what the C++ runtime may
  // (std::bad_alloc), so no exception escapes as an abort.
  try {
    return polygraph::cli::Run(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const std::exception& e) {
    return polygraph::cli::ReportError(std::string("internal error: ") +
                                       e.what());
  } catch (...) {
    return polygraph::cli::ReportError("internal error");
  }
}
