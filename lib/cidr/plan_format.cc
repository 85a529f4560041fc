// PlanToJson and PlanToText (cidr_plan.h).

#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

#include "absl/numeric/int128.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "base/strings.h"
#include "cidr/plan_internal.h"
#include "nlohmann/json.hpp"
#include "polygraph/cidr_plan.h"

namespace polygraph::cidr {
namespace {

std::string Quote(const std::string& text) {
  return nlohmann::json(text).dump(-1, ' ', /*ensure_ascii=*/false,
                                   nlohmann::json::error_handler_t::replace);
}

std::string Number(absl::uint128 n) {
  std::ostringstream out;
  out << n;
  return out.str();
}

std::string Fraction(double f) { return absl::StrFormat("%.17g", f); }

std::string Location(const SourceLocation& location) {
  return absl::StrCat("{\"file\":", Quote(location.file),
                      ",\"line\":", location.line,
                      ",\"column\":", location.column, "}");
}

std::string SubnetJson(const SubnetBlock& s) {
  return absl::StrCat(
      "{\"name\":", Quote(s.name), ",\"cidr\":", Quote(s.cidr),
      ",\"availability_zone\":", Quote(s.zone), ",\"tier\":", Quote(s.tier),
      ",\"addresses\":", Number(s.addresses), ",\"usable\":", Number(s.usable),
      ",\"location\":", Location(s.location), "}");
}

template <typename T, typename F>
std::string Array(const std::vector<T>& items, F render) {
  std::vector<std::string> parts;
  parts.reserve(items.size());
  for (const T& item : items) parts.push_back(render(item));
  return absl::StrCat("[", absl::StrJoin(parts, ","), "]");
}

// The built-in rule that reports `kind`: kinds are numbered like the rules.
std::string RuleId(PlanProblemKind kind) {
  return absl::StrCat("PG-CIDR-00", static_cast<int>(kind) + 1);
}

std::string Percent(double f) { return absl::StrFormat("%.1f%%", f * 100); }

}  // namespace

std::string PlanToJson(const AddressPlan& plan) {
  std::string vpcs = Array(plan.vpcs, [](const VpcPlan& v) {
    return absl::StrCat(
        "{\"name\":", Quote(v.name), ",\"file\":", Quote(v.file),
        ",\"production\":", v.production ? "true" : "false", ",\"blocks\":",
        Array(v.blocks,
              [](const VpcBlock& b) {
                return absl::StrCat(
                    "{\"cidr\":", Quote(b.cidr),
                    ",\"resource\":", Quote(b.resource),
                    ",\"secondary\":", b.secondary ? "true" : "false",
                    ",\"location\":", Location(b.location), "}");
              }),
        ",\"subnets\":", Array(v.subnets, SubnetJson),
        ",\"ipv4_addresses\":", Number(v.ipv4_addresses),
        ",\"ipv4_used\":", Number(v.ipv4_used),
        ",\"utilisation\":", Fraction(v.utilisation), ",\"zones\":",
        Array(v.zones,
              [](const ZoneUsage& z) {
                return absl::StrCat(
                    "{\"availability_zone\":", Quote(z.zone),
                    ",\"addresses\":", Number(z.addresses),
                    ",\"utilisation\":", Fraction(z.utilisation), "}");
              }),
        "}");
  });
  std::string problems = Array(plan.problems, [](const PlanProblem& p) {
    return absl::StrCat(
        "{\"kind\":", Quote(std::string(PlanProblemKindName(p.kind))),
        ",\"rule_id\":", Quote(RuleId(p.kind)),
        ",\"location\":", Location(p.location),
        ",\"resource\":", Quote(p.resource), ",\"message\":", Quote(p.message),
        ",\"fix\":", Quote(p.fix), "}");
  });
  return absl::StrCat("{\"vpcs\":", vpcs, ",\"unattached_subnets\":",
                      Array(plan.unattached_subnets, SubnetJson),
                      ",\"problems\":", problems, "}\n");
}

std::string PlanToText(const AddressPlan& plan) {
  std::string out;
  auto subnet_rows = [&out](const std::vector<SubnetBlock>& subnets) {
    for (const SubnetBlock& s : subnets) {
      absl::StrAppend(
          &out, absl::StrFormat("  %-20s %-22s %-14s %12s usable\n", s.name,
                                s.cidr, s.zone.empty() ? "-" : s.zone,
                                internal::FormatCount(s.usable)));
    }
  };
  for (const VpcPlan& v : plan.vpcs) {
    std::vector<std::string> blocks;
    for (const VpcBlock& b : v.blocks) blocks.push_back(b.cidr);
    absl::StrAppend(
        &out, "VPC ", v.name, v.production ? " (production)" : "", " ",
        blocks.empty() ? "(no known block)" : absl::StrJoin(blocks, ", "),
        "  [", v.file, "]\n");
    subnet_rows(v.subnets);
    absl::StrAppend(&out, "  utilisation ", Percent(v.utilisation), " (",
                    internal::FormatCount(v.ipv4_used), " of ",
                    internal::FormatCount(v.ipv4_addresses),
                    " IPv4 addresses)");
    for (const ZoneUsage& z : v.zones) {
      absl::StrAppend(&out, "; ", z.zone.empty() ? "unknown zone" : z.zone, " ",
                      Percent(z.utilisation));
    }
    absl::StrAppend(&out, "\n\n");
  }
  if (!plan.unattached_subnets.empty()) {
    absl::StrAppend(&out, "subnets of VPCs not declared here\n");
    subnet_rows(plan.unattached_subnets);
    absl::StrAppend(&out, "\n");
  }
  for (const PlanProblem& p : plan.problems) {
    absl::StrAppend(&out, p.location.ToString(), ": ", RuleId(p.kind), " ",
                    p.message, "\n  fix: ", p.fix, "\n");
  }
  absl::StrAppend(&out, plan.vpcs.size(), " VPC",
                  plan.vpcs.size() == 1 ? "" : "s", ", ", plan.problems.size(),
                  " problem", plan.problems.size() == 1 ? "" : "s", "\n");
  return out;
}

}  // namespace polygraph::cidr
