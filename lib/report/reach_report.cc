// Reachability answers as text and JSON; endpoint and filter parsing.

#include "polygraph/reach_report.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "base/strings.h"
#include "nlohmann/json.hpp"
#include "polygraph/cidr.h"
#include "polygraph/ip_address.h"
#include "report/internal/reach_common.h"

namespace polygraph::net {
namespace report_internal {

std::vector<PacketsView> Describe(const ip::PacketSet& packets) {
  std::vector<PacketsView> views;
  for (const ip::PacketSet::Box& box : packets.boxes()) {
    PacketsView base;
    for (const ip::Cidr& cidr : box.sources.ToCidrs()) {
      base.sources.push_back(cidr.ToString());
    }
    for (const ip::Cidr& cidr : box.destinations.ToCidrs()) {
      base.destinations.push_back(cidr.ToString());
    }
    for (const ip::PortRange& range : box.ports.ranges()) {
      base.ports.push_back(range.ToString());
    }
    if (box.protocols.is_all()) {
      base.protocol = "all";
      views.push_back(std::move(base));
      continue;
    }
    for (ip::Protocol protocol : box.protocols.protocols()) {
      PacketsView view = base;
      view.protocol = protocol.Name();
      view.protocol_number = protocol.number();
      views.push_back(std::move(view));
    }
  }
  std::sort(
      views.begin(), views.end(),
      [](const PacketsView& a, const PacketsView& b) {
        return std::tie(a.protocol_number, a.ports, a.sources, a.destinations) <
               std::tie(b.protocol_number, b.ports, b.sources, b.destinations);
      });
  return views;
}

std::string ResourceLabel(const Model& model, size_t index) {
  if (index >= model.resources().size()) return "";
  return model.resources()[index].name;
}

std::string StepResourceLabel(const Model& model, const Step& step) {
  std::string name = ResourceLabel(model, step.resource);
  if (!name.empty()) return name;
  switch (step.kind) {
    case Step::Kind::kRoute:
      return "(main route table)";
    case Step::Kind::kNetworkAclOutbound:
    case Step::Kind::kNetworkAclInbound:
    case Step::Kind::kNetworkAclReturn:
      return "(default network ACL)";
    default:
      return "(AWS default)";
  }
}

}  // namespace report_internal

namespace {

using ::polygraph::internal::QuoteForMessage;
using ::polygraph::internal::ToAbsl;
using json = nlohmann::ordered_json;
using report_internal::Describe;
using report_internal::PacketsView;
using report_internal::ResourceLabel;

// Levenshtein distance, ASCII case-insensitive.
size_t Distance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      const bool same =
          absl::ascii_tolower(static_cast<unsigned char>(a[i - 1])) ==
          absl::ascii_tolower(static_cast<unsigned char>(b[j - 1]));
      row[j] =
          std::min({row[j] + 1, row[j - 1] + 1, diagonal + (same ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// Resources that can be an endpoint: workloads, security groups, subnets.
absl::flat_hash_set<size_t> EndpointResources(const Model& model) {
  absl::flat_hash_set<size_t> indices;
  for (const Workload& w : model.workloads()) indices.insert(w.resource);
  for (const SecurityGroup& g : model.security_groups()) {
    indices.insert(g.resource);
  }
  for (const Subnet& s : model.subnets()) indices.insert(s.resource);
  indices.erase(kNoResource);
  return indices;
}

// "a, b, c (+12 more)" for long address lists.
std::string Abbreviated(const std::vector<std::string>& items) {
  constexpr size_t kShown = 3;
  if (items.size() <= kShown + 1) return absl::StrJoin(items, ", ");
  std::vector<std::string> shown(items.begin(), items.begin() + kShown);
  return absl::StrCat(absl::StrJoin(shown, ", "), " (+", items.size() - kShown,
                      " more)");
}

std::string PacketsLine(const PacketsView& view) {
  std::string line = view.protocol;
  const bool all_ports = view.ports.size() == 1 && view.ports[0] == "0-65535";
  if (!all_ports)
    absl::StrAppend(&line, " ports ", absl::StrJoin(view.ports, ", "));
  absl::StrAppend(&line, " from ", Abbreviated(view.sources), " to ",
                  Abbreviated(view.destinations));
  return line;
}

std::string StepText(const Model& model, const Step& step) {
  std::string text = absl::StrCat(
      ToAbsl(StepKindName(step.kind)), " ",
      report_internal::StepResourceLabel(model, step), ": ", step.rule);
  if (step.location.known()) {
    absl::StrAppend(&text, " (", step.location.ToString(), ")");
  }
  return text;
}

void AppendFlows(const Model& model, const std::vector<Flow>& flows,
                 std::string* out) {
  for (const Flow& flow : flows) {
    for (const PacketsView& view : Describe(flow.packets)) {
      absl::StrAppend(out, "  ", PacketsLine(view), "\n");
    }
    for (const Step& step : flow.steps) {
      absl::StrAppend(out, "    -> ", StepText(model, step), "\n");
    }
  }
}

json PacketsJson(const ip::PacketSet& packets) {
  json out = json::array();
  for (const PacketsView& view : Describe(packets)) {
    out.push_back({{"protocol", view.protocol},
                   {"sources", view.sources},
                   {"destinations", view.destinations},
                   {"ports", view.ports}});
  }
  return out;
}

json StepJson(const Model& model, const Step& step) {
  return {{"kind", std::string(StepKindName(step.kind))},
          {"resource", ResourceLabel(model, step.resource)},
          {"rule", step.rule},
          {"file", step.location.file},
          {"line", step.location.line},
          {"column", step.location.column}};
}

json FlowsJson(const Model& model, const std::vector<Flow>& flows) {
  json out = json::array();
  for (const Flow& flow : flows) {
    json steps = json::array();
    for (const Step& step : flow.steps) steps.push_back(StepJson(model, step));
    out.push_back(
        {{"packets", PacketsJson(flow.packets)}, {"steps", std::move(steps)}});
  }
  return out;
}

std::string Dump(const json& value) {
  // Invalid UTF-8 copied from input is replaced with U+FFFD, never thrown.
  return value.dump(2, ' ', /*ensure_ascii=*/false,
                    json::error_handler_t::replace) +
         "\n";
}

}  // namespace

absl::StatusOr<Endpoint> ParseEndpoint(const Model& model,
                                       std::string_view text) {
  if (absl::AsciiStrToLower(ToAbsl(text)) == "internet") {
    return Endpoint::Internet();
  }
  if (text.find('/') != std::string_view::npos) {
    absl::StatusOr<ip::Cidr> cidr = ip::Cidr::Parse(text);
    if (!cidr.ok()) return cidr.status();
    return Endpoint::Cidr(cidr->ToString());
  }
  // A bare address is its /32 or /128.
  if (absl::StatusOr<ip::IpAddress> address = ip::IpAddress::Parse(text);
      address.ok()) {
    return Endpoint::Cidr(ip::Cidr::Host(*address).ToString());
  }
  const absl::flat_hash_set<size_t> candidates = EndpointResources(model);
  size_t other = kNoResource;
  for (size_t i = 0; i < model.resources().size(); ++i) {
    if (model.resources()[i].name != text) continue;
    if (candidates.contains(i)) return Endpoint::Resource(i);
    if (other == kNoResource) other = i;
  }
  if (other != kNoResource) {
    return absl::InvalidArgumentError(absl::StrCat(
        QuoteForMessage(text), " is a ", model.resources()[other].type,
        ", not a workload, security group or subnet"));
  }
  std::vector<std::pair<size_t, std::string>> ranked;
  absl::flat_hash_set<std::string> seen;
  for (size_t i : candidates) {
    const std::string& name = model.resources()[i].name;
    if (seen.insert(name).second) {
      ranked.emplace_back(Distance(text, name), name);
    }
  }
  std::sort(ranked.begin(), ranked.end());
  std::vector<std::string> closest;
  for (size_t i = 0; i < ranked.size() && i < 3; ++i) {
    closest.push_back(ranked[i].second);
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "unknown resource ", QuoteForMessage(text),
      closest.empty()
          ? "; no workload, security group or subnet is declared"
          : absl::StrCat("; closest: ", absl::StrJoin(closest, ", "))));
}

absl::StatusOr<ip::PacketSet> TrafficFilter(std::optional<int> port,
                                            std::string_view protocol) {
  ip::ProtocolSet protocols = ip::ProtocolSet::All();
  if (!protocol.empty()) {
    absl::StatusOr<ip::ProtocolSet> parsed = ip::ParseProtocol(protocol);
    if (!parsed.ok()) return parsed.status();
    protocols = *parsed;
  }
  ip::PortSet ports = ip::PortSet::All();
  if (port.has_value()) {
    if (*port < 0 || *port > 65535) {
      return absl::InvalidArgumentError(
          absl::StrCat("port ", *port, " is not in 0-65535"));
    }
    // A port selects the protocols that have ports.
    protocols = protocols.Intersect(
        ip::ProtocolSet::Of({ip::Protocol::Tcp(), ip::Protocol::Udp()}));
    if (protocols.empty()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "a port applies to tcp and udp only, not ", ToAbsl(protocol)));
    }
    ports = ip::PortSet::Of(ip::PortRange::Single(*port));
  }
  return ip::PacketSet::Of(protocols, ip::AddressSet::All(),
                           ip::AddressSet::All(), ports);
}

ReachResult RestrictReach(const ReachResult& result,
                          const ip::PacketSet& filter) {
  ReachResult out;
  out.reachable = result.reachable.Intersect(filter);
  for (const Flow& flow : result.flows) {
    ip::PacketSet packets = flow.packets.Intersect(filter);
    if (packets.empty()) continue;
    out.flows.push_back(
        Flow{.packets = std::move(packets), .steps = flow.steps});
  }
  for (const Stopped& part : result.stopped) {
    ip::PacketSet packets = part.packets.Intersect(filter);
    if (packets.empty()) continue;
    out.stopped.push_back(
        Stopped{.packets = std::move(packets), .stopped_by = part.stopped_by});
  }
  return out;
}

std::vector<Exposure> RestrictExposures(const std::vector<Exposure>& exposures,
                                        const ip::PacketSet& filter) {
  std::vector<Exposure> out;
  for (const Exposure& exposure : exposures) {
    ReachResult reach = RestrictReach(exposure.reach, filter);
    if (reach.reachable.empty()) continue;
    out.push_back(
        Exposure{.workload = exposure.workload, .reach = std::move(reach)});
  }
  return out;
}

std::string FormatReachText(const Model& model, const ReachQuestion& question,
                            const ReachResult& result) {
  std::string out = absl::StrCat(
      question.from, " -> ", question.to, ": ",
      result.reachable.empty() ? "not reachable" : "reachable", "\n");
  AppendFlows(model, result.flows, &out);
  for (const Stopped& part : result.stopped) {
    for (const PacketsView& view : Describe(part.packets)) {
      absl::StrAppend(&out, "  stopped: ", PacketsLine(view), "\n");
    }
    absl::StrAppend(&out, "    stopped by ", StepText(model, part.stopped_by),
                    "\n");
  }
  return out;
}

std::string FormatReachJson(const Model& model, const ReachQuestion& question,
                            const ReachResult& result) {
  json stopped = json::array();
  for (const Stopped& part : result.stopped) {
    stopped.push_back({{"packets", PacketsJson(part.packets)},
                       {"stopped_by", StepJson(model, part.stopped_by)}});
  }
  return Dump({{"from", question.from},
               {"to", question.to},
               {"reachable", PacketsJson(result.reachable)},
               {"flows", FlowsJson(model, result.flows)},
               {"stopped", std::move(stopped)}});
}

std::string FormatExposureText(const Model& model,
                               const std::vector<Exposure>& exposures) {
  if (exposures.empty()) return "no workload is reachable from the internet\n";
  std::string out;
  for (const Exposure& exposure : exposures) {
    const Workload& workload = model.workloads()[exposure.workload];
    absl::StrAppend(&out, ToAbsl(WorkloadKindName(workload.kind)), " ",
                    ResourceLabel(model, workload.resource));
    if (workload.location.known()) {
      absl::StrAppend(&out, " (", workload.location.ToString(), ")");
    }
    out += "\n";
    AppendFlows(model, exposure.reach.flows, &out);
  }
  absl::StrAppend(&out, exposures.size(),
                  exposures.size() == 1 ? " workload" : " workloads",
                  " reachable from the internet\n");
  return out;
}

std::string FormatExposureJson(const Model& model,
                               const std::vector<Exposure>& exposures) {
  json exposed = json::array();
  for (const Exposure& exposure : exposures) {
    const Workload& workload = model.workloads()[exposure.workload];
    exposed.push_back({{"workload", ResourceLabel(model, workload.resource)},
                       {"kind", std::string(WorkloadKindName(workload.kind))},
                       {"file", workload.location.file},
                       {"line", workload.location.line},
                       {"column", workload.location.column},
                       {"reachable", PacketsJson(exposure.reach.reachable)},
                       {"flows", FlowsJson(model, exposure.reach.flows)}});
  }
  return Dump({{"exposed", std::move(exposed)}});
}

}  // namespace polygraph::net
