// Network::Build: indexes the Model's network facets as PacketSets.

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "net/internal.h"
#include "polygraph/reachability.h"

namespace polygraph::net {

namespace internal {
namespace {

std::string ResourceName(const Model& model, size_t index) {
  if (index < model.resources().size()) return model.resources()[index].name;
  return "";
}

void Unresolved(NetworkState& state, const SourceLocation& location,
                std::string message) {
  state.diagnostics.push_back(Diagnostic{.level = Diagnostic::Level::kWarning,
                                         .code = "unresolved-reference",
                                         .location = location,
                                         .message = std::move(message)});
}

bool IsPorted(const ip::ProtocolSet& protocols) {
  return protocols.Contains(ip::Protocol::Tcp()) ||
         protocols.Contains(ip::Protocol::Udp());
}

// The ports of a rule: from..to for tcp/udp when given, else every port.
ip::PortSet RulePorts(const ip::ProtocolSet& protocols, int from, int to) {
  if (!IsPorted(protocols) || protocols.is_all() || from < 0 || to < 0) {
    return ip::PortSet::All();
  }
  absl::StatusOr<ip::PortRange> range = ip::PortRange::Create(from, to);
  return range.ok() ? ip::PortSet::Of(*range) : ip::PortSet::None();
}

ip::AddressSet ParseAddresses(const std::string& cidr) {
  if (cidr.empty()) return ip::AddressSet::None();
  absl::StatusOr<ip::AddressSet> set = ip::AddressSet::Parse(cidr);
  return set.ok() ? *set : ip::AddressSet::None();
}

ip::PacketSet PeerPackets(const ip::ProtocolSet& protocols,
                          const ip::AddressSet& peer, bool peer_is_source,
                          const ip::PortSet& ports) {
  return peer_is_source
             ? ip::PacketSet::Of(protocols, peer, ip::AddressSet::All(), ports)
             : ip::PacketSet::Of(protocols, ip::AddressSet::All(), peer, ports);
}

std::string RuleProtocolText(const std::string& protocol, int from, int to) {
  std::string text = protocol == "-1" ? "all" : protocol;
  if ((protocol == "tcp" || protocol == "udp") && from >= 0) {
    absl::StrAppend(&text, " ", from);
    if (to != from) absl::StrAppend(&text, "-", to);
  }
  return text;
}

void IndexAcls(const Model& model, NetworkState& state,
               std::vector<size_t>& acl_of_resource) {
  for (const NetworkAcl& acl : model.network_acls()) {
    Acl indexed;
    indexed.resource = acl.resource;
    acl_of_resource[acl.resource] = state.acls.size();
    state.acls.push_back(std::move(indexed));
  }
  std::vector<const NetworkAclEntry*> entries;
  for (const NetworkAclEntry& entry : model.network_acl_entries()) {
    entries.push_back(&entry);
  }
  std::stable_sort(entries.begin(), entries.end(),
                   [](const NetworkAclEntry* a, const NetworkAclEntry* b) {
                     return a->rule_number < b->rule_number;
                   });
  for (const NetworkAclEntry* entry : entries) {
    if (entry->network_acl >= acl_of_resource.size() ||
        acl_of_resource[entry->network_acl] == kNoResource) {
      continue;
    }
    Acl& acl = state.acls[acl_of_resource[entry->network_acl]];
    absl::StatusOr<ip::ProtocolSet> protocols =
        ip::ParseProtocol(entry->protocol);
    ip::PacketSet packets;
    if (protocols.ok()) {
      packets =
          PeerPackets(*protocols, ParseAddresses(entry->cidr), !entry->egress,
                      RulePorts(*protocols, entry->from_port, entry->to_port));
    }
    AclEntry indexed{.rule_number = entry->rule_number,
                     .allow = entry->allow,
                     .packets = std::move(packets),
                     .text = AclEntryText(*entry),
                     .location = entry->location};
    (entry->egress ? acl.outbound : acl.inbound).push_back(std::move(indexed));
  }
}

RouteEntry MakeRoute(const Model& model, const Route& route,
                     const std::string& cidr, NetworkState& state, bool warn) {
  RouteEntry entry;
  entry.destination = ParseAddresses(cidr);
  absl::StatusOr<ip::Cidr> parsed = ip::Cidr::Parse(cidr);
  entry.prefix_length = parsed.ok() ? parsed->prefix_length() : 0;
  entry.target_kind = route.target_kind;
  entry.blackhole = route.blackhole;
  for (size_t g = 0; g < model.gateways().size(); ++g) {
    const Gateway& gateway = model.gateways()[g];
    if (route.target != kNoResource && gateway.resource == route.target) {
      entry.target_vpc = gateway.vpc;
      entry.gateway = g;
    }
  }
  entry.resolved = route.target_kind == RouteTargetKind::kLocal ||
                   route.target != kNoResource || !route.target_id.empty();
  if (!entry.resolved && !route.blackhole && warn) {
    Unresolved(state, route.location,
               absl::StrCat("route ", cidr,
                            " has no target; it is treated "
                            "as carrying nothing"));
  }
  std::string target = route.target != kNoResource
                           ? ResourceName(model, route.target)
                           : route.target_id;
  entry.text = absl::StrCat("route ", cidr, " -> ",
                            std::string(RouteTargetKindName(route.target_kind)),
                            target.empty() ? "" : " ", target,
                            route.blackhole ? " (blackhole)" : "");
  entry.location = route.location;
  return entry;
}

void IndexRouteTables(const Model& model, NetworkState& state,
                      std::vector<size_t>& table_of_resource) {
  for (const RouteTable& table : model.route_tables()) {
    RouteTableInfo info;
    info.resource = table.resource;
    for (const NetworkBlock& block : model.network_blocks()) {
      if (block.subnet || block.vpc != table.vpc || block.vpc == kNoResource) {
        continue;
      }
      RouteEntry local;
      local.destination = ParseAddresses(block.cidr);
      absl::StatusOr<ip::Cidr> parsed = ip::Cidr::Parse(block.cidr);
      local.prefix_length = parsed.ok() ? parsed->prefix_length() : 0;
      local.target_kind = RouteTargetKind::kLocal;
      local.text = absl::StrCat("route ", block.cidr, " -> local");
      local.location = block.location;
      info.routes.push_back(std::move(local));
    }
    table_of_resource[table.resource] = state.route_tables.size();
    state.route_tables.push_back(std::move(info));
  }
  for (const Route& route : model.routes()) {
    if (route.route_table >= table_of_resource.size() ||
        table_of_resource[route.route_table] == kNoResource) {
      continue;
    }
    RouteTableInfo& table =
        state.route_tables[table_of_resource[route.route_table]];
    if (!route.destination_cidr.empty()) {
      table.routes.push_back(
          MakeRoute(model, route, route.destination_cidr, state, true));
      continue;
    }
    const PrefixList* list = nullptr;
    for (const PrefixList& candidate : model.prefix_lists()) {
      if ((route.destination_prefix_list != kNoResource &&
           candidate.resource == route.destination_prefix_list) ||
          (!route.destination_prefix_list_id.empty() &&
           candidate.id == route.destination_prefix_list_id)) {
        list = &candidate;
      }
    }
    if (list == nullptr || list->cidrs.empty()) {
      Unresolved(state, route.location,
                 absl::StrCat("route destination prefix list ",
                              route.destination_prefix_list_id,
                              " is not declared or has no entries"));
      continue;
    }
    bool warn = true;
    for (const std::string& cidr : list->cidrs) {
      table.routes.push_back(MakeRoute(model, route, cidr, state, warn));
      warn = false;
    }
  }
  for (RouteTableInfo& table : state.route_tables) SortRoutes(table.routes);
}

// `group_rules`: the group's rules, in Model::security_group_rules() order.
std::vector<SgRule> IndexGroupRules(
    const Model& model,
    const std::vector<const SecurityGroupRule*>& group_rules,
    NetworkState& state) {
  std::vector<SgRule> rules;
  for (const SecurityGroupRule* rule_pointer : group_rules) {
    const SecurityGroupRule& rule = *rule_pointer;
    SgRule indexed;
    indexed.ingress = rule.ingress;
    indexed.location = rule.location;
    indexed.implicit_default = rule.implicit_default;
    absl::StatusOr<ip::ProtocolSet> protocols =
        ip::ParseProtocol(rule.protocol);
    ip::ProtocolSet protocol_set =
        protocols.ok() ? *protocols : ip::ProtocolSet::None();
    ip::PortSet ports = RulePorts(protocol_set, rule.from_port, rule.to_port);
    std::string peer_text;
    ip::AddressSet peer;
    bool peer_group_rule = false;
    if (!rule.cidr.empty()) {
      peer = ParseAddresses(rule.cidr);
      peer_text = rule.cidr;
    } else if (rule.peer_group != kNoResource) {
      peer_group_rule = true;
      indexed.peer_group = rule.peer_group;
      peer_text = absl::StrCat("group ", ResourceName(model, rule.peer_group));
    } else if (!rule.prefix_list.empty()) {
      peer_text = absl::StrCat("prefix list ", rule.prefix_list);
      const PrefixList* list = nullptr;
      for (const PrefixList& candidate : model.prefix_lists()) {
        if (candidate.id == rule.prefix_list ||
            (candidate.resource != kNoResource &&
             ResourceName(model, candidate.resource) == rule.prefix_list)) {
          list = &candidate;
        }
      }
      if (list == nullptr || list->cidrs.empty()) {
        Unresolved(state, rule.location,
                   absl::StrCat("security group rule names prefix list ",
                                rule.prefix_list,
                                ", which is not declared or has no entries; "
                                "it is treated as allowing nothing"));
      } else {
        for (const std::string& cidr : list->cidrs) {
          peer.Add(ParseAddresses(cidr));
        }
      }
    } else if (!rule.peer_group_id.empty()) {
      peer_text = absl::StrCat("group ", rule.peer_group_id);
      Unresolved(
          state, rule.location,
          absl::StrCat("security group rule names group ", rule.peer_group_id,
                       ", which is not declared; it is treated as "
                       "allowing nothing"));
    }
    indexed.packets = PeerPackets(
        protocol_set, peer_group_rule ? ip::AddressSet::All() : peer,
        rule.ingress, ports);
    indexed.text = absl::StrCat(
        rule.ingress ? "ingress " : "egress ",
        RuleProtocolText(rule.protocol, rule.from_port, rule.to_port),
        rule.ingress ? " from " : " to ", peer_text,
        rule.implicit_default ? " (AWS default egress)" : "");
    rules.push_back(std::move(indexed));
  }
  return rules;
}

}  // namespace

const std::vector<SgRule>* NetworkState::RulesOf(size_t group) const {
  if (group < group_rules_of.size()) {
    return group_rules_of[group] == kNoResource
               ? nullptr
               : &group_rules[group_rules_of[group]].second;
  }
  for (const auto& [resource, rules] : group_rules) {
    if (resource == group) return &rules;
  }
  return nullptr;
}

const SubnetInfo* NetworkState::FindSubnet(size_t resource,
                                           size_t* index) const {
  if (resource < subnet_of.size()) {
    if (subnet_of[resource] == kNoResource) return nullptr;
    if (index != nullptr) *index = subnet_of[resource];
    return &subnets[subnet_of[resource]];
  }
  for (size_t i = 0; i < subnets.size(); ++i) {
    if (subnets[i].resource == resource) {
      if (index != nullptr) *index = i;
      return &subnets[i];
    }
  }
  return nullptr;
}

void BuildState(const Model& model, const ReachOptions& options,
                NetworkState& state) {
  state.model = &model;
  state.options = options;
  const size_t n = model.resources().size();
  for (const NetworkBlock& block : model.network_blocks()) {
    state.vpc_blocks.Add(ParseAddresses(block.cidr));
  }
  for (const Subnet& subnet : model.subnets()) {
    state.vpc_blocks.Add(ParseAddresses(subnet.ipv4_cidr));
    state.vpc_blocks.Add(ParseAddresses(subnet.ipv6_cidr));
  }

  std::vector<size_t> acl_of_resource(n, kNoResource);
  IndexAcls(model, state, acl_of_resource);
  std::vector<size_t> table_of_resource(n, kNoResource);
  IndexRouteTables(model, state, table_of_resource);

  for (const Subnet& subnet : model.subnets()) {
    SubnetInfo info;
    info.resource = subnet.resource;
    info.vpc = subnet.vpc;
    info.ipv4 = ParseAddresses(subnet.ipv4_cidr);
    info.ipv6 = ParseAddresses(subnet.ipv6_cidr);
    // Route table: the association, else the VPC's main table, else an
    // implicit main table with only the VPC's local routes.
    size_t table = kNoResource;
    for (const RouteTableAssociation& a : model.route_table_associations()) {
      if (a.subnet == subnet.resource && a.route_table < n &&
          table_of_resource[a.route_table] != kNoResource) {
        table = table_of_resource[a.route_table];
      }
    }
    if (table == kNoResource) {
      for (const RouteTable& t : model.route_tables()) {
        if (t.main && t.vpc == subnet.vpc && subnet.vpc != kNoResource) {
          table = table_of_resource[t.resource];
          break;
        }
      }
    }
    if (table == kNoResource) {
      RouteTableInfo implicit;
      RouteEntry local;
      local.destination = state.vpc_blocks;  // the local route
      local.target_kind = RouteTargetKind::kLocal;
      local.text = "route local (implicit main route table)";
      implicit.routes.push_back(std::move(local));
      table = state.route_tables.size();
      state.route_tables.push_back(std::move(implicit));
    }
    info.route_table = table;
    size_t acl = kNoResource;
    for (const NetworkAclAssociation& a : model.network_acl_associations()) {
      if (a.subnet == subnet.resource && a.network_acl < n &&
          acl_of_resource[a.network_acl] != kNoResource) {
        acl = acl_of_resource[a.network_acl];
      }
    }
    if (acl == kNoResource) {
      for (const NetworkAcl& a : model.network_acls()) {
        if (a.is_default && a.vpc == subnet.vpc && subnet.vpc != kNoResource) {
          acl = acl_of_resource[a.resource];
          break;
        }
      }
    }
    if (acl == kNoResource) {
      acl = state.acls.size();
      state.acls.push_back(DefaultAcl());
    }
    info.acl = acl;
    state.subnets.push_back(std::move(info));
  }

  // Each group's rules, bucketed in one pass (not one scan per group).
  std::vector<std::vector<const SecurityGroupRule*>> rules_of(n);
  for (const SecurityGroupRule& rule : model.security_group_rules()) {
    if (rule.group < n) rules_of[rule.group].push_back(&rule);
  }
  const std::vector<const SecurityGroupRule*> none;
  for (const SecurityGroup& group : model.security_groups()) {
    state.group_rules.emplace_back(
        group.resource,
        IndexGroupRules(model,
                        group.resource < n ? rules_of[group.resource] : none,
                        state));
  }

  // Subnet resource -> its first index in state.subnets (as FindSubnet).
  std::vector<size_t> subnet_of(n, kNoResource);
  for (size_t i = state.subnets.size(); i-- > 0;) {
    if (state.subnets[i].resource < n) subnet_of[state.subnets[i].resource] = i;
  }
  state.subnet_of = subnet_of;
  state.group_rules_of.assign(n, kNoResource);
  for (size_t i = state.group_rules.size(); i-- > 0;) {
    if (state.group_rules[i].first < n) {
      state.group_rules_of[state.group_rules[i].first] = i;
    }
  }
  state.workloads_of.assign(n, {});
  for (size_t w = 0; w < model.workloads().size(); ++w) {
    const Workload& workload = model.workloads()[w];
    if (workload.resource < n)
      state.workloads_of[workload.resource].push_back(w);
    for (size_t group : workload.security_groups) {
      if (group >= n || group == workload.resource) continue;
      std::vector<size_t>& members = state.workloads_of[group];
      if (members.empty() || members.back() != w) members.push_back(w);
    }
  }
  for (size_t w = 0; w < model.workloads().size(); ++w) {
    const Workload& workload = model.workloads()[w];
    WorkloadInfo info;
    info.workload = w;
    for (size_t subnet : workload.subnets) {
      if (subnet < n && subnet_of[subnet] != kNoResource) {
        info.subnets.push_back(subnet_of[subnet]);
      }
    }
    info.security_groups = workload.security_groups;
    state.workloads.push_back(std::move(info));
  }
}

}  // namespace internal

}  // namespace polygraph::net
