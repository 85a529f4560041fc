// polygraph cidr subnet PREFIX NEWBITS NETNUM | subnets PREFIX NEWBITS... |
// host PREFIX HOSTNUM | netmask PREFIX | plan PATH... [--format text|json]
//
// Terraform's CIDR functions on the command line: the result on standard
// output, one CIDR or address per line; an invalid argument exits 2 with
// Terraform's error text.
//
// `plan` loads files and folders as `check` does and prints the address
// plan (cidr::AnalysePlan): per VPC its blocks, subnets (CIDR, zone, usable
// addresses) and utilisation per VPC and zone, then the problems with
// file:line:col. Exit 0 without problems, 1 with problems, 2 on errors.

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "absl/numeric/int128.h"
#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "commands.h"
#include "polygraph/cidr_functions.h"
#include "polygraph/cidr_plan.h"
#include "polygraph/loader.h"

namespace polygraph::cli {
namespace {

constexpr char kUsage[] =
    "usage: polygraph cidr subnet PREFIX NEWBITS NETNUM | "
    "subnets PREFIX NEWBITS... | host PREFIX HOSTNUM | netmask PREFIX | "
    "plan PATH... [--format text|json]";

// Parses a whole decimal number into `out`; on failure reports which
// parameter was wrong and returns false.
template <typename T>
bool ParseNumber(const std::string& text, std::string_view parameter, T* out,
                 int* exit_code) {
  if (!text.empty() && absl::SimpleAtoi(text, out)) return true;
  *exit_code = ReportError(absl::StrCat(
      "invalid value for \"",
      absl::string_view(parameter.data(), parameter.size()),
      "\" parameter: a whole number is required, got '", text, "'"));
  return false;
}

int Print(const absl::StatusOr<std::string>& result) {
  if (!result.ok()) return ReportError(result.status());
  return WriteOutput(absl::StrCat(*result, "\n"), "") ? kExitClean : kExitError;
}

// cidr plan PATH... [--format text|json] ("--" ends the options).
int RunPlan(const std::vector<std::string>& words) {
  std::vector<std::string> paths;
  std::string format = "text";
  bool only_paths = false;
  for (size_t i = 1; i < words.size(); ++i) {
    const std::string& word = words[i];
    if (only_paths || word == "-" || !word.starts_with("-")) {
      paths.push_back(word);
    } else if (word == "--") {
      only_paths = true;
    } else if (word == "--format" && i + 1 < words.size()) {
      format = words[++i];
    } else if (word.starts_with("--format=")) {
      format = word.substr(9);
    } else {
      return ReportError(absl::StrCat("cidr plan: unknown option ", word));
    }
  }
  if (format != "text" && format != "json") {
    return ReportError(absl::StrCat("unknown format '", format,
                                    "' for cidr plan (expected text or json)"));
  }
  if (paths.empty()) return ReportError("cidr plan: no paths given");
  absl::StatusOr<LoadResult> loaded =
      LoadPaths(paths, StrictLoadOptions(Args{}));
  if (!loaded.ok()) return ReportError(loaded.status());
  absl::StatusOr<cidr::AddressPlan> plan = cidr::AnalysePlan(loaded->model, {});
  if (!plan.ok()) return ReportError(plan.status());
  // Notes go to standard error so standard output holds only the plan.
  for (const Diagnostic& diagnostic : loaded->diagnostics) {
    std::fputs((diagnostic.ToString() + "\n").c_str(), stderr);
  }
  std::string out =
      format == "json" ? cidr::PlanToJson(*plan) : cidr::PlanToText(*plan);
  if (!WriteOutput(out, "")) return kExitError;
  return plan->problems.empty() ? kExitClean : kExitFindings;
}

}  // namespace

int RunCidr(const Args& args) {
  const std::vector<std::string>& words = args.cidr_args;
  const std::string sub = words.empty() ? "" : words[0];
  int exit_code = kExitError;
  if (sub == "plan") return RunPlan(words);
  if (sub == "subnet" && words.size() == 4) {
    int newbits = 0;
    absl::int128 netnum = 0;
    if (!ParseNumber(words[2], "newbits", &newbits, &exit_code) ||
        !ParseNumber(words[3], "netnum", &netnum, &exit_code)) {
      return exit_code;
    }
    return Print(cidr::CidrSubnet(words[1], newbits, netnum));
  }
  if (sub == "subnets" && words.size() >= 2) {
    std::vector<int> newbits(words.size() - 2);
    for (size_t i = 2; i < words.size(); ++i) {
      if (!ParseNumber(words[i], "newbits", &newbits[i - 2], &exit_code))
        return exit_code;
    }
    absl::StatusOr<std::vector<std::string>> subnets =
        cidr::CidrSubnets(words[1], newbits);
    if (!subnets.ok()) return ReportError(subnets.status());
    std::string out;
    for (const std::string& subnet : *subnets)
      absl::StrAppend(&out, subnet, "\n");
    return WriteOutput(out, "") ? kExitClean : kExitError;
  }
  if (sub == "host" && words.size() == 3) {
    int64_t hostnum = 0;
    if (!ParseNumber(words[2], "hostnum", &hostnum, &exit_code))
      return exit_code;
    return Print(cidr::CidrHost(words[1], hostnum));
  }
  if (sub == "netmask" && words.size() == 2) {
    return Print(cidr::CidrNetmask(words[1]));
  }
  if (sub.empty() || sub == "subnet" || sub == "subnets" || sub == "host" ||
      sub == "netmask") {
    return ReportError(kUsage);
  }
  return ReportError(absl::StrCat("cidr: unknown subcommand '", sub,
                                  "' (expected subnet, subnets, host, "
                                  "netmask or plan)"));
}

}  // namespace polygraph::cli
