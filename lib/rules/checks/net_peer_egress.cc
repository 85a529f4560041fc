// PG-NET-002: an ingress rule admits a peer security group that cannot send
// what it admits (its egress, or an ACL or route on the way, stops it).

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "polygraph/address_set.h"
#include "polygraph/packet_set.h"
#include "polygraph/reachability.h"
#include "rules/check_registry.h"
#include "rules/checks/checks.h"

namespace polygraph::rules::internal {
namespace {

using ip::AddressSet;
using ip::PacketSet;
using ip::PortSet;
using ip::ProtocolSet;

bool Ported(const ProtocolSet& protocols) {
  return !protocols.is_all() && (protocols.Contains(ip::Protocol::Tcp()) ||
                                 protocols.Contains(ip::Protocol::Udp()));
}

// The traffic of a rule, whatever its addresses: its protocol and, for
// tcp/udp with ports, its port range. Empty when the protocol is symbolic.
PacketSet Traffic(const SecurityGroupRule& rule) {
  absl::StatusOr<ProtocolSet> protocols = ip::ParseProtocol(rule.protocol);
  if (!protocols.ok() || protocols->empty()) return PacketSet();
  PortSet ports = PortSet::All();
  if (Ported(*protocols) && rule.from_port >= 0 && rule.to_port >= 0) {
    absl::StatusOr<ip::PortRange> range =
        ip::PortRange::Create(rule.from_port, rule.to_port);
    if (!range.ok()) return PacketSet();
    ports = PortSet::Of(*range);
  }
  return PacketSet::Of(*protocols, AddressSet::All(), AddressSet::All(), ports);
}

// "tcp/3000", "tcp/3000-3010", "udp", "icmp", "all traffic".
std::string TrafficText(const SecurityGroupRule& rule) {
  if (rule.protocol == "-1") return "all traffic";
  std::string text = rule.protocol;
  if ((rule.protocol == "tcp" || rule.protocol == "udp") &&
      rule.from_port >= 0) {
    absl::StrAppend(&text, "/", rule.from_port);
    if (rule.to_port != rule.from_port)
      absl::StrAppend(&text, "-", rule.to_port);
  }
  return text;
}

std::vector<const Workload*> MembersOf(const Model& model, size_t group) {
  std::vector<const Workload*> members;
  for (const Workload& workload : model.workloads()) {
    for (size_t g : workload.security_groups) {
      if (g == group) {
        members.push_back(&workload);
        break;
      }
    }
  }
  return members;
}

std::string Name(const Model& model, size_t resource) {
  return resource < model.resources().size() ? model.resources()[resource].name
                                             : std::string("?");
}

// "load balancer aws_lb.main", or "its 3 members".
std::string MembersText(const Model& model,
                        const std::vector<const Workload*>& members) {
  if (members.size() == 1) {
    return absl::StrCat(
        absl::StrReplaceAll(std::string(WorkloadKindName(members[0]->kind)),
                            {{"-", " "}}),
        " ", Name(model, members[0]->resource));
  }
  if (members.empty()) return "its members";
  return absl::StrCat("its ", members.size(), " members");
}

bool HasEgress(const Model& model, size_t group) {
  for (const SecurityGroupRule& rule : model.security_group_rules()) {
    if (rule.group == group && !rule.ingress) return true;
  }
  return false;
}

// The addresses of `group`'s members, else of its VPC; All() when unknown.
AddressSet AddressesOf(const Model& model, size_t group,
                       const std::vector<const Workload*>& members) {
  AddressSet addresses;
  for (const Workload* member : members) {
    for (const Subnet& subnet : model.subnets()) {
      for (size_t s : member->subnets) {
        if (s != subnet.resource) continue;
        for (const std::string* cidr : {&subnet.ipv4_cidr, &subnet.ipv6_cidr}) {
          absl::StatusOr<AddressSet> parsed = AddressSet::Parse(*cidr);
          if (!cidr->empty() && parsed.ok()) addresses.Add(*parsed);
        }
      }
    }
  }
  if (!addresses.empty()) return addresses;
  size_t vpc = kNoResource;
  for (const SecurityGroup& sg : model.security_groups()) {
    if (sg.resource == group) vpc = sg.vpc;
  }
  for (const NetworkBlock& block : model.network_blocks()) {
    if (vpc == kNoResource || block.vpc != vpc || block.subnet) continue;
    absl::StatusOr<AddressSet> parsed = AddressSet::Parse(block.cidr);
    if (parsed.ok()) addresses.Add(*parsed);
  }
  return addresses.empty() ? AddressSet::All() : addresses;
}

// Group level, for groups without members: the part of `traffic` that no
// egress rule of `peer` sends toward `group`. A CIDR peer counts when it
// overlaps the group's addresses; a prefix list or an undeclared group
// cannot be decided and counts as sending.
PacketSet UnsentByRules(const Model& model, size_t peer, size_t group,
                        const AddressSet& group_addresses,
                        const PacketSet& traffic) {
  PacketSet sent;
  for (const SecurityGroupRule& rule : model.security_group_rules()) {
    if (rule.group != peer || rule.ingress) continue;
    bool toward =
        rule.peer_group == group || !rule.prefix_list.empty() ||
        (!rule.peer_group_id.empty() && rule.peer_group == kNoResource);
    if (!rule.cidr.empty()) {
      absl::StatusOr<AddressSet> cidr = AddressSet::Parse(rule.cidr);
      toward = cidr.ok() && !cidr->Intersect(group_addresses).empty();
    }
    if (toward) sent.Add(Traffic(rule));
  }
  return traffic.Subtract(sent);
}

std::string EgressFix(const Model& model, const Resource& peer,
                      const Resource& group, const SecurityGroupRule& rule) {
  const bool all = rule.protocol == "-1";
  const bool ported = rule.protocol == "tcp" || rule.protocol == "udp";
  const int from =
      all ? 0 : (ported && rule.from_port >= 0 ? rule.from_port : -1);
  const int to = all ? 0 : (ported && rule.to_port >= 0 ? rule.to_port : -1);
  if (peer.format == SourceFormat::kTerraform) {
    return absl::StrCat("add to ", peer.name, ": egress { from_port = ", from,
                        "; to_port = ", to, "; protocol = \"", rule.protocol,
                        "\"; security_groups = [", group.name, ".id] }");
  }
  if (peer.format == SourceFormat::kCloudFormation) {
    return absl::StrCat("add to the SecurityGroupEgress of ", peer.name,
                        ": { IpProtocol: ", rule.protocol, ", FromPort: ", from,
                        ", ToPort: ", to,
                        ", DestinationSecurityGroupId: !GetAtt ", group.name,
                        ".GroupId }");
  }
  (void)model;
  return absl::StrCat("add an egress rule to security group ", peer.name,
                      " allowing ", TrafficText(rule), " to security group ",
                      group.name);
}

}  // namespace

std::vector<Finding> CheckNetPeerEgress(const CheckContext& context,
                                        const RuleInfo& rule) {
  const Model& model = context.model();
  const size_t n = model.resources().size();
  std::vector<Finding> findings;
  for (const SecurityGroupRule& sg_rule : model.security_group_rules()) {
    if (!sg_rule.ingress || sg_rule.peer_group >= n || sg_rule.group >= n) {
      continue;
    }
    const PacketSet traffic = Traffic(sg_rule);
    if (traffic.empty()) continue;  // symbolic protocol: noted by the loader
    const Resource& peer = model.resources()[sg_rule.peer_group];
    const Resource& group = model.resources()[sg_rule.group];
    const std::vector<const Workload*> peers =
        MembersOf(model, sg_rule.peer_group);
    const std::vector<const Workload*> members =
        MembersOf(model, sg_rule.group);
    const std::string what = TrafficText(sg_rule);
    const std::string senders = MembersText(model, peers);
    const std::string consequence =
        absl::StrCat(", so ", senders, " cannot open connections to ",
                     group.name, " on ", what);

    Finding finding = NewFinding(rule);
    finding.resource = peer.name;
    finding.location = peer.location;
    finding.fix = EgressFix(model, peer, group, sg_rule);
    if (peers.empty() || members.empty()) {
      PacketSet unsent =
          UnsentByRules(model, sg_rule.peer_group, sg_rule.group,
                        AddressesOf(model, sg_rule.group, members), traffic);
      if (unsent.empty()) continue;
      finding.message = absl::StrCat(
          "security group ", peer.name,
          HasEgress(model, sg_rule.peer_group)
              ? absl::StrCat(" has no egress rule allowing ", what, " to ",
                             group.name)
              : std::string(" has no egress rule"),
          consequence, " (decided from the groups' rules: ",
          peers.empty() ? peer.name : group.name, " has no member workloads)");
      findings.push_back(std::move(finding));
      continue;
    }

    net::ReachResult reach =
        context.network().Reach(net::Endpoint::Resource(sg_rule.peer_group),
                                net::Endpoint::Resource(sg_rule.group));
    const net::Stopped* first = nullptr;
    for (const net::Stopped& part : reach.stopped) {
      if (part.packets.Overlaps(traffic)) {
        first = &part;
        break;
      }
    }
    if (first == nullptr) continue;
    const net::Step& step = first->stopped_by;
    if (step.kind == net::Step::Kind::kSecurityGroupEgress) {
      finding.message =
          absl::StrCat("security group ", peer.name,
                       HasEgress(model, sg_rule.peer_group)
                           ? absl::StrCat(" has no egress rule allowing ", what,
                                          " to ", group.name)
                           : std::string(" has no egress rule"),
                       consequence);
    } else {
      finding.message = absl::StrCat(
          "security group ", group.name, " admits ", what, " from ", peer.name,
          " but ", std::string(net::StepKindName(step.kind)), " ",
          Name(model, step.resource), " stops it (", step.rule, ")",
          consequence);
      if (step.location.known()) finding.location = step.location;
      finding.fix = absl::StrCat(
          "let ", what, " from ", peer.name, " to ", group.name,
          " (and its replies on ephemeral ports) through ",
          std::string(net::StepKindName(step.kind)), " ",
          Name(model, step.resource),
          ", or remove the ingress rule if the traffic is not wanted");
    }
    findings.push_back(std::move(finding));
  }
  return findings;
}

}  // namespace polygraph::rules::internal
