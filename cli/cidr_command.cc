// polygraph cidr subnet PREFIX NEWBITS NETNUM | subnets PREFIX NEWBITS... |
// host PREFIX HOSTNUM | netmask PREFIX
//
// Terraform's CIDR functions on the command line: the result on standard
// output, one CIDR or address per line; an invalid argument exits 2 with
// Terraform's error text.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/numeric/int128.h"
#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "commands.h"
#include "polygraph/cidr_functions.h"

namespace polygraph::cli {
namespace {

constexpr char kUsage[] =
    "usage: polygraph cidr subnet PREFIX NEWBITS NETNUM | "
    "subnets PREFIX NEWBITS... | host PREFIX HOSTNUM | netmask PREFIX";

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

}  // namespace

int RunCidr(const Args& args) {
  const std::vector<std::string>& words = args.cidr_args;
  const std::string sub = words.empty() ? "" : words[0];
  int exit_code = kExitError;
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
                                  "' (expected subnet, subnets, host or "
                                  "netmask)"));
}

}  // namespace polygraph::cli
