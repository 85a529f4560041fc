// Network::Reach and Network::ExposedToInternet: PacketSet pipelines from a
// source to a destination workload.

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "net/internal.h"
#include "net/pipeline.h"
#include "polygraph/reachability.h"

namespace polygraph::net::internal {
namespace {

using ip::AddressSet;
using ip::PacketSet;
using ip::PortSet;
using ip::ProtocolSet;

// A workload and the subnets (indices into NetworkState::subnets) where the
// question places it.
struct Placement {
  size_t workload = 0;
  std::vector<size_t> subnets;
};

PacketSet FromSources(const AddressSet& sources) {
  return PacketSet::Of(ProtocolSet::All(), sources, AddressSet::All(),
                       PortSet::All());
}

AddressSet SourcesOf(const PacketSet& packets) {
  AddressSet sources;
  for (const PacketSet::Box& box : packets.boxes()) sources.Add(box.sources);
  return sources;
}

bool IsMember(const NetworkState& state, size_t workload, size_t group) {
  for (size_t g : state.workloads[workload].security_groups) {
    if (g == group) return true;
  }
  return false;
}

AddressSet AddressesIn(const NetworkState& state, size_t subnet) {
  return state.subnets[subnet].ipv4.Union(state.subnets[subnet].ipv6);
}

// Security group stage of `workload`: ingress (from `peer`, a workload
// index or kNoResource for an external source, whose addresses in this
// question are `peer_addresses`) or egress.
Decision GroupStage(const NetworkState& state, size_t workload, bool ingress,
                    size_t peer, const AddressSet& peer_addresses,
                    const PacketSet& packets) {
  Decision decision;
  PacketSet remaining = packets;
  const Step::Kind kind = ingress ? Step::Kind::kSecurityGroupIngress
                                  : Step::Kind::kSecurityGroupEgress;
  const std::vector<size_t>& groups = state.workloads[workload].security_groups;
  for (size_t group : groups) {
    const std::vector<SgRule>* rules = state.RulesOf(group);
    if (rules == nullptr) continue;
    for (const SgRule& rule : *rules) {
      if (rule.ingress != ingress || remaining.empty()) continue;
      PacketSet admitted = rule.packets;
      if (rule.peer_group != kNoResource) {
        if (peer == kNoResource || !IsMember(state, peer, rule.peer_group)) {
          continue;
        }
        admitted = admitted.Intersect(
            ingress ? FromSources(peer_addresses)
                    : PacketSet::Of(ProtocolSet::All(), AddressSet::All(),
                                    peer_addresses, PortSet::All()));
      }
      PacketSet matched = remaining.Intersect(admitted);
      if (matched.empty()) continue;
      // remaining - matched, but `admitted` has far fewer boxes.
      remaining = remaining.Subtract(admitted);
      decision.allowed.emplace_back(std::move(matched),
                                    Step{.kind = kind,
                                         .resource = group,
                                         .rule = rule.text,
                                         .location = rule.location});
    }
  }
  if (!remaining.empty()) {
    const Workload& w = state.model->workloads()[workload];
    decision.denied.emplace_back(
        std::move(remaining),
        Step{.kind = kind,
             .resource = groups.empty() ? w.resource : groups.front(),
             .rule = "no security group rule allows it",
             .location = groups.empty() ? w.location : SourceLocation{}});
  }
  return decision;
}

// The route stage for an internet source: the reply to each client
// address must leave through an internet gateway.
Decision RouteStage(const NetworkState& state, const SubnetInfo& subnet,
                    const PacketSet& packets) {
  Decision decision;
  const RouteTableInfo& table = state.route_tables[subnet.route_table];
  for (auto& [part, index] : LookupRoutes(table, SourcesOf(packets))) {
    PacketSet matched = packets.Intersect(FromSources(part));
    if (matched.empty()) continue;
    const RouteEntry* route =
        index < table.routes.size() ? &table.routes[index] : nullptr;
    if (route != nullptr && ToInternetGateway(*route, subnet.vpc)) {
      decision.allowed.emplace_back(std::move(matched),
                                    Step{.kind = Step::Kind::kRoute,
                                         .resource = table.resource,
                                         .rule = route->text,
                                         .location = route->location});
      continue;
    }
    std::string rule =
        absl::StrCat("no route to an internet gateway for ", part.ToString());
    if (route != nullptr) absl::StrAppend(&rule, " (", route->text, ")");
    decision.denied.emplace_back(
        std::move(matched),
        Step{
            .kind = Step::Kind::kRoute,
            .resource = table.resource,
            .rule = std::move(rule),
            .location = route != nullptr ? route->location : SourceLocation{}});
  }
  return decision;
}

std::vector<Placement> Resolve(const NetworkState& state, size_t resource) {
  std::vector<Placement> placements;
  size_t subnet_index = 0;
  const bool is_subnet = state.FindSubnet(resource, &subnet_index) != nullptr;
  const Model& model = *state.model;
  if (!is_subnet && resource < state.workloads_of.size()) {
    for (size_t w : state.workloads_of[resource]) {
      placements.push_back({w, state.workloads[w].subnets});
    }
    return placements;
  }
  for (size_t w = 0; w < model.workloads().size(); ++w) {
    const WorkloadInfo& info = state.workloads[w];
    if (is_subnet) {
      for (size_t s : info.subnets) {
        if (s == subnet_index) placements.push_back({w, {s}});
      }
    } else if (model.workloads()[w].resource == resource ||
               IsMember(state, w, resource)) {
      placements.push_back({w, info.subnets});
    }
  }
  return placements;
}

// External source (internet, or `cidr`) to one placed workload; only the
// packets in `within`, when not null.
void FromOutside(const NetworkState& state, const AddressSet& sources,
                 bool internet, const Placement& to, Pipeline& pipeline,
                 const PacketSet* within) {
  const Workload& workload = state.model->workloads()[to.workload];
  auto restrict = [within](PacketSet packets) {
    return within == nullptr ? packets : packets.Intersect(*within);
  };
  for (size_t s : to.subnets) {
    const SubnetInfo& subnet = state.subnets[s];
    AddressSet v4 = sources.Only(ip::Family::kIpv4);
    AddressSet v6 = sources.Only(ip::Family::kIpv6);
    if (!subnet.ipv4.empty() && !v4.empty()) {
      PacketSet packets = restrict(
          PacketSet::Of(ProtocolSet::All(), v4, subnet.ipv4, PortSet::All()));
      if (workload.public_ip.value) {
        pipeline.Start(std::move(packets),
                       {Step{.kind = Step::Kind::kAddressing,
                             .resource = workload.resource,
                             .rule = "public IPv4 address",
                             .location = workload.public_ip.location}});
      } else {
        pipeline.Stop(std::move(packets),
                      Step{.kind = Step::Kind::kAddressing,
                           .resource = workload.resource,
                           .rule = "not addressable: no public IP",
                           .location = workload.location});
      }
    }
    if (!subnet.ipv6.empty() && !v6.empty()) {
      pipeline.Start(
          restrict(PacketSet::Of(ProtocolSet::All(), v6, subnet.ipv6,
                                 PortSet::All())),
          {Step{.kind = Step::Kind::kAddressing,
                .resource = subnet.resource,
                .rule = absl::StrCat("IPv6 block ", subnet.ipv6.ToString()),
                .location = {}}});
    }
    if (internet) {
      pipeline.Apply(
          [&](const PacketSet& p) { return RouteStage(state, subnet, p); });
    }
    const Acl& acl = state.acls[subnet.acl];
    pipeline.Apply([&](const PacketSet& p) {
      return EvaluateAcl(acl, /*egress=*/false, Step::Kind::kNetworkAclInbound,
                         p);
    });
    pipeline.Apply([&](const PacketSet& p) {
      return GroupStage(state, to.workload, /*ingress=*/true, kNoResource,
                        AddressSet(), p);
    });
    pipeline.ApplyReturn({{&acl, /*egress=*/true}});
    pipeline.Finish();
  }
}

// Workload to workload, within one VPC.
void Between(const NetworkState& state, const Placement& from,
             const Placement& to, Pipeline& pipeline) {
  for (size_t s1 : from.subnets) {
    for (size_t s2 : to.subnets) {
      const SubnetInfo& a = state.subnets[s1];
      const SubnetInfo& b = state.subnets[s2];
      PacketSet packets =
          PacketSet::Of(ProtocolSet::All(), a.ipv4, b.ipv4, PortSet::All());
      packets.Add(ProtocolSet::All(), a.ipv6, b.ipv6, PortSet::All());
      const RouteTableInfo& table = state.route_tables[a.route_table];
      if (a.vpc != b.vpc || a.vpc == kNoResource) {
        pipeline.Stop(std::move(packets),
                      Step{.kind = Step::Kind::kRoute,
                           .resource = table.resource,
                           .rule = "no local route: the subnets are not in "
                                   "one VPC",
                           .location = {}});
        continue;
      }
      pipeline.Start(std::move(packets), {});
      const AddressSet src = AddressesIn(state, s1);
      const AddressSet dst = AddressesIn(state, s2);
      pipeline.Apply([&](const PacketSet& p) {
        return GroupStage(state, from.workload, /*ingress=*/false, to.workload,
                          dst, p);
      });
      const bool cross = s1 != s2;
      if (cross) {
        pipeline.Apply([&](const PacketSet& p) {
          return EvaluateAcl(state.acls[a.acl], /*egress=*/true,
                             Step::Kind::kNetworkAclOutbound, p);
        });
      }
      pipeline.Apply([&](const PacketSet& p) {
        Decision d;
        d.allowed.emplace_back(p, Step{.kind = Step::Kind::kRoute,
                                       .resource = table.resource,
                                       .rule = "local route",
                                       .location = {}});
        return d;
      });
      if (cross) {
        pipeline.Apply([&](const PacketSet& p) {
          return EvaluateAcl(state.acls[b.acl], /*egress=*/false,
                             Step::Kind::kNetworkAclInbound, p);
        });
      }
      pipeline.Apply([&](const PacketSet& p) {
        return GroupStage(state, to.workload, /*ingress=*/true, from.workload,
                          src, p);
      });
      if (cross) {
        pipeline.ApplyReturn({{&state.acls[b.acl], /*egress=*/true},
                              {&state.acls[a.acl], /*egress=*/false}});
      }
      pipeline.Finish();
    }
  }
}

AddressSet DestinationsOf(const PacketSet& packets) {
  AddressSet destinations;
  for (const PacketSet::Box& box : packets.boxes()) {
    destinations.Add(box.destinations);
  }
  return destinations;
}

PacketSet ToDestinations(const AddressSet& destinations) {
  return PacketSet::Of(ProtocolSet::All(), AddressSet::All(), destinations,
                       PortSet::All());
}

// A stage that admits every packet with `step`.
auto AdmitAll(Step step) {
  return [step = std::move(step)](const PacketSet& p) {
    Decision d;
    d.allowed.emplace_back(p, step);
    return d;
  };
}

// A stage that stops every packet with `step`.
auto StopAll(Step step) {
  return [step = std::move(step)](const PacketSet& p) {
    Decision d;
    d.denied.emplace_back(p, step);
    return d;
  };
}

// A stage that admits the packets to IPv6 destinations with `v6` and
// stops the IPv4 ones with `v4`, or the other way round with
// `ipv4_passes`.
auto ByFamily(bool ipv4_passes, Step v4, Step v6) {
  return [=](const PacketSet& p) {
    Decision d;
    PacketSet to_v4 =
        p.Intersect(ToDestinations(AddressSet::All().Only(ip::Family::kIpv4)));
    PacketSet to_v6 = p.Subtract(to_v4);
    (ipv4_passes ? d.allowed : d.denied).emplace_back(std::move(to_v4), v4);
    (ipv4_passes ? d.denied : d.allowed).emplace_back(std::move(to_v6), v6);
    return d;
  };
}

// The NAT gateway `gateway`'s part of a path from subnet `s`: the hop into
// the NAT subnet, the translation, the NAT subnet's route to an internet
// gateway, and the replies back. The packets have IPv4 destinations.
void ThroughNat(const NetworkState& state, size_t s, const Gateway& gateway,
                Pipeline& pipeline) {
  const Model& model = *state.model;
  const Step nat{.kind = Step::Kind::kAddressing,
                 .resource = gateway.resource,
                 .rule = absl::StrCat("NAT gateway ",
                                      model.resources()[gateway.resource].name,
                                      " translates the source address"),
                 .location = gateway.location};
  if (gateway.private_nat) {
    pipeline.Apply(
        StopAll({.kind = Step::Kind::kAddressing,
                 .resource = gateway.resource,
                 .rule = "private NAT gateway: no path to the internet",
                 .location = gateway.location}));
    return;
  }
  size_t n = 0;
  const SubnetInfo* nat_subnet = state.FindSubnet(gateway.subnet, &n);
  if (nat_subnet == nullptr) {
    pipeline.Apply(StopAll({.kind = Step::Kind::kAddressing,
                            .resource = gateway.resource,
                            .rule = "the NAT gateway's subnet is not declared",
                            .location = gateway.location}));
    return;
  }
  const Acl& nat_acl = state.acls[nat_subnet->acl];
  const bool cross = n != s;
  if (cross) {
    pipeline.Apply([&](const PacketSet& p) {
      return EvaluateAcl(nat_acl, /*egress=*/false,
                         Step::Kind::kNetworkAclInbound, p);
    });
  }
  pipeline.Apply(AdmitAll(nat));
  if (cross) {
    pipeline.Apply([&](const PacketSet& p) {
      return EvaluateAcl(nat_acl, /*egress=*/true,
                         Step::Kind::kNetworkAclOutbound, p);
    });
  }
  const RouteTableInfo& table = state.route_tables[nat_subnet->route_table];
  pipeline.Apply([&](const PacketSet& p) {
    Decision decision;
    for (auto& [part, index] : LookupRoutes(table, DestinationsOf(p))) {
      PacketSet matched = p.Intersect(ToDestinations(part));
      if (matched.empty()) continue;
      const RouteEntry* route =
          index < table.routes.size() ? &table.routes[index] : nullptr;
      if (route != nullptr && ToInternetGateway(*route, nat_subnet->vpc)) {
        decision.allowed.emplace_back(std::move(matched),
                                      Step{.kind = Step::Kind::kRoute,
                                           .resource = table.resource,
                                           .rule = route->text,
                                           .location = route->location});
        continue;
      }
      std::string rule = absl::StrCat(
          "NAT subnet: no route to an internet gateway for ", part.ToString());
      if (route != nullptr) absl::StrAppend(&rule, " (", route->text, ")");
      decision.denied.emplace_back(
          std::move(matched),
          Step{.kind = Step::Kind::kRoute,
               .resource = table.resource,
               .rule = std::move(rule),
               .location =
                   route != nullptr ? route->location : SourceLocation{}});
    }
    return decision;
  });
  const Acl& acl = state.acls[state.subnets[s].acl];
  if (cross) {
    pipeline.ApplyReturn({{&nat_acl, /*egress=*/false},
                          {&nat_acl, /*egress=*/true},
                          {&acl, /*egress=*/false}});
  } else {
    pipeline.ApplyReturn({{&acl, /*egress=*/false}});
  }
}

// After the source subnet's route table chose `route` (nullptr: none) for
// the destinations `part`: the rest of the path to the outside.
void OutsideRoute(const NetworkState& state, const Workload& workload, size_t s,
                  const RouteTableInfo& table, const RouteEntry* route,
                  const AddressSet& part, Pipeline& pipeline) {
  const SubnetInfo& subnet = state.subnets[s];
  auto route_step = [&](std::string rule) {
    return Step{
        .kind = Step::Kind::kRoute,
        .resource = table.resource,
        .rule = std::move(rule),
        .location = route != nullptr ? route->location : SourceLocation{}};
  };
  if (route == nullptr) {
    pipeline.Apply(
        StopAll(route_step(absl::StrCat("no route for ", part.ToString()))));
    return;
  }
  if (route->blackhole) {
    pipeline.Apply(StopAll(route_step(absl::StrCat(route->text, ": dropped"))));
    return;
  }
  if (!route->resolved) {
    pipeline.Apply(StopAll(route_step(
        absl::StrCat(route->text, ": unresolved target carries nothing"))));
    return;
  }
  if (route->target_vpc != kNoResource && subnet.vpc != kNoResource &&
      route->target_vpc != subnet.vpc) {
    pipeline.Apply(StopAll(route_step(
        absl::StrCat(route->text, ": the gateway is in another VPC"))));
    return;
  }
  const Acl& acl = state.acls[subnet.acl];
  switch (route->target_kind) {
    case RouteTargetKind::kInternetGateway: {
      pipeline.Apply(AdmitAll(route_step(route->text)));
      const Step v4{.kind = Step::Kind::kAddressing,
                    .resource = workload.resource,
                    .rule = workload.public_ip.value ? "public IPv4 address"
                                                     : "no public IPv4 address",
                    .location = workload.public_ip.value
                                    ? workload.public_ip.location
                                    : workload.location};
      const Step v6{.kind = Step::Kind::kAddressing,
                    .resource = subnet.resource,
                    .rule = absl::StrCat("IPv6 block ", subnet.ipv6.ToString()),
                    .location = {}};
      pipeline.Apply(ByFamily(workload.public_ip.value, v4, v6));
      pipeline.ApplyReturn({{&acl, /*egress=*/false}});
      return;
    }
    case RouteTargetKind::kEgressOnlyInternetGateway:
      pipeline.Apply(ByFamily(
          /*ipv4_passes=*/false,
          route_step(absl::StrCat(
              route->text,
              ": an egress-only internet gateway carries IPv6 only")),
          route_step(route->text)));
      pipeline.ApplyReturn({{&acl, /*egress=*/false}});
      return;
    case RouteTargetKind::kNatGateway: {
      pipeline.Apply(ByFamily(
          /*ipv4_passes=*/true, route_step(route->text),
          route_step(
              absl::StrCat(route->text, ": a NAT gateway carries IPv4 only"))));
      const Model& model = *state.model;
      if (route->gateway == kNoResource ||
          model.gateways()[route->gateway].kind != GatewayKind::kNatGateway) {
        pipeline.Apply(StopAll(route_step(
            absl::StrCat(route->text, ": the NAT gateway is not declared"))));
        return;
      }
      ThroughNat(state, s, model.gateways()[route->gateway], pipeline);
      return;
    }
    default:
      pipeline.Apply(StopAll(route_step(absl::StrCat(
          "route to ", std::string(RouteTargetKindName(route->target_kind)),
          " not followed (", route->text, ")"))));
      return;
  }
}

// A placed workload to external `destinations` (the internet, or a CIDR).
void ToOutside(const NetworkState& state, const Placement& from,
               const AddressSet& destinations, Pipeline& pipeline) {
  const Workload& workload = state.model->workloads()[from.workload];
  for (size_t s : from.subnets) {
    const SubnetInfo& subnet = state.subnets[s];
    const RouteTableInfo& table = state.route_tables[subnet.route_table];
    PacketSet all = PacketSet::Of(ProtocolSet::All(), subnet.ipv4, destinations,
                                  PortSet::All());
    all.Add(ProtocolSet::All(), subnet.ipv6, destinations, PortSet::All());
    if (all.empty()) continue;
    for (auto& [part, index] : LookupRoutes(table, destinations)) {
      pipeline.Start(all.Intersect(ToDestinations(part)), {});
      pipeline.Apply([&](const PacketSet& p) {
        return GroupStage(state, from.workload, /*ingress=*/false, kNoResource,
                          AddressSet(), p);
      });
      pipeline.Apply([&](const PacketSet& p) {
        return EvaluateAcl(state.acls[subnet.acl], /*egress=*/true,
                           Step::Kind::kNetworkAclOutbound, p);
      });
      const RouteEntry* route =
          index < table.routes.size() ? &table.routes[index] : nullptr;
      OutsideRoute(state, workload, s, table, route, part, pipeline);
      pipeline.Finish();
    }
  }
}

// The addresses of an external endpoint: the internet (outside every VPC
// block) or a CIDR. False when the CIDR does not parse.
bool ExternalAddresses(const NetworkState& state, const Endpoint& endpoint,
                       AddressSet* addresses) {
  if (endpoint.kind == Endpoint::Kind::kCidr) {
    absl::StatusOr<AddressSet> parsed = AddressSet::Parse(endpoint.cidr);
    if (!parsed.ok()) return false;
    *addresses = *std::move(parsed);
    return true;
  }
  *addresses = AddressSet::All().Subtract(state.vpc_blocks);
  return true;
}

// ComputeReach over only the packets in `within` (when not null; applied to
// external sources only).
ReachResult ComputeReachWithin(const NetworkState& state, const Endpoint& from,
                               const Endpoint& to,
                               const ip::PortSet* ephemeral_ports,
                               std::vector<std::vector<Step>>* stopped_paths,
                               const PacketSet* within) {
  ReachResult result;
  Pipeline pipeline(state, result,
                    ephemeral_ports != nullptr ? *ephemeral_ports
                                               : state.options.ephemeral_ports);
  if (to.kind != Endpoint::Kind::kResource) {
    // Outside to outside is not a question about the model.
    AddressSet outside;
    if (from.kind != Endpoint::Kind::kResource ||
        !ExternalAddresses(state, to, &outside)) {
      return result;
    }
    for (const Placement& source : Resolve(state, from.resource)) {
      ToOutside(state, source, outside, pipeline);
    }
  } else if (from.kind == Endpoint::Kind::kResource) {
    std::vector<Placement> destinations = Resolve(state, to.resource);
    for (const Placement& source : Resolve(state, from.resource)) {
      for (const Placement& destination : destinations) {
        Between(state, source, destination, pipeline);
      }
    }
  } else {
    AddressSet sources;
    if (!ExternalAddresses(state, from, &sources)) return result;
    for (const Placement& destination : Resolve(state, to.resource)) {
      FromOutside(state, sources,
                  /*internet=*/from.kind == Endpoint::Kind::kInternet,
                  destination, pipeline, within);
    }
  }
  PacketSet stopped_so_far = result.reachable;
  for (auto& [part, before] : pipeline.TakeStoppedWithPaths()) {
    if (part.packets.Overlaps(stopped_so_far)) {
      part.packets = part.packets.Subtract(stopped_so_far);
    }
    if (part.packets.empty()) continue;
    stopped_so_far.Add(part.packets);
    result.stopped.push_back(std::move(part));
    if (stopped_paths != nullptr) stopped_paths->push_back(std::move(before));
  }
  return result;
}

}  // namespace

ReachResult ComputeReach(const NetworkState& state, const Endpoint& from,
                         const Endpoint& to, const ip::PortSet* ephemeral_ports,
                         std::vector<std::vector<Step>>* stopped_paths) {
  return ComputeReachWithin(state, from, to, ephemeral_ports, stopped_paths,
                            /*within=*/nullptr);
}

Explanation ComputeExplain(const NetworkState& state, const Endpoint& from,
                           const Endpoint& to, const Packet& packet) {
  PortSet ports = state.options.ephemeral_ports;
  if (packet.source_port >= 0) {
    ports = PortSet::Of(ip::PortRange::Single(packet.source_port));
  }
  std::vector<std::vector<Step>> paths;
  ReachResult reach = ComputeReach(state, from, to, &ports, &paths);
  Explanation explanation;
  for (const Flow& flow : reach.flows) {
    if (flow.packets.Contains(packet.protocol, packet.source,
                              packet.destination, packet.port)) {
      explanation.reachable = true;
      explanation.steps = flow.steps;
      return explanation;
    }
  }
  for (size_t i = 0; i < reach.stopped.size(); ++i) {
    const Stopped& part = reach.stopped[i];
    if (part.packets.Contains(packet.protocol, packet.source,
                              packet.destination, packet.port)) {
      explanation.steps = std::move(paths[i]);
      explanation.steps.push_back(part.stopped_by);
      explanation.stopped_by = part.stopped_by;
      return explanation;
    }
  }
  explanation.stopped_by =
      Step{.kind = Step::Kind::kAddressing,
           .resource =
               to.kind == Endpoint::Kind::kResource ? to.resource : kNoResource,
           .rule = absl::StrCat(
               "not addressable: no path from ", packet.source.ToString(),
               " to ", packet.destination.ToString(), " in this question"),
           .location = {}};
  explanation.steps.push_back(explanation.stopped_by);
  return explanation;
}

std::vector<Exposure> ComputeExposures(const NetworkState& state) {
  std::vector<Exposure> exposures;
  const Model& model = *state.model;
  for (size_t w = 0; w < model.workloads().size(); ++w) {
    const Workload& workload = model.workloads()[w];
    if (workload.resource == kNoResource) continue;
    // Nothing from the internet reaches a workload that is not addressable
    // (no public IPv4 address, no subnet with an IPv6 block): every such
    // packet stops at the addressing step, so the question is not asked.
    bool addressable = workload.public_ip.value;
    for (size_t s : state.workloads[w].subnets) {
      addressable = addressable || !state.subnets[s].ipv6.empty();
    }
    if (!addressable) continue;
    const bool listens = workload.kind == WorkloadKind::kLoadBalancer ||
                         workload.kind == WorkloadKind::kDbInstance ||
                         workload.kind == WorkloadKind::kDbCluster;
    PacketSet ports;
    if (listens) {
      for (const Listener& listener : workload.listeners) {
        absl::StatusOr<ProtocolSet> protocol =
            ip::ParseProtocol(listener.protocol);
        if (!protocol.ok() || listener.port < 0) continue;
        ports.Add(*protocol, AddressSet::All(), AddressSet::All(),
                  PortSet::Of(ip::PortRange::Single(listener.port)));
      }
    }
    // The question itself is asked for the listener ports only: every stage
    // decides packet by packet, so this equals restricting the answer, and
    // spares the PacketSet algebra on the other ports.
    const bool restrict = listens && !workload.listeners.empty();
    ReachResult reach = ComputeReachWithin(
        state, Endpoint::Internet(), Endpoint::Resource(workload.resource),
        /*ephemeral_ports=*/nullptr, /*stopped_paths=*/nullptr,
        restrict ? &ports : nullptr);
    if (restrict) {
      ReachResult restricted;
      restricted.reachable = reach.reachable.Intersect(ports);
      for (Flow& flow : reach.flows) {
        flow.packets = flow.packets.Intersect(ports);
        if (!flow.packets.empty()) restricted.flows.push_back(std::move(flow));
      }
      for (Stopped& part : reach.stopped) {
        part.packets = part.packets.Intersect(ports);
        if (!part.packets.empty())
          restricted.stopped.push_back(std::move(part));
      }
      reach = std::move(restricted);
    }
    if (reach.reachable.empty()) continue;
    exposures.push_back({.workload = w, .reach = std::move(reach)});
  }
  return exposures;
}

}  // namespace polygraph::net::internal
