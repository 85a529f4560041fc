// Audits of network ACLs and security groups over the indexed Network:
// shadowed ACL entries, redundant security group rules and ACLs that block
// the return traffic of what they allow.

#include "polygraph/network_audit.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "net/internal.h"
#include "net/pipeline.h"

namespace polygraph::net {
namespace {

using internal::Acl;
using internal::AclEntry;
using internal::NetworkAccess;
using internal::NetworkState;
using internal::SgRule;
using ip::AddressSet;
using ip::PacketSet;
using ip::PortSet;
using ip::ProtocolSet;

std::string NameOf(const Model& model, size_t resource) {
  return resource < model.resources().size() ? model.resources()[resource].name
                                             : std::string();
}

std::string CoverText(const std::vector<Cover>& covers) {
  std::vector<std::string> texts;
  for (const Cover& cover : covers) texts.push_back(cover.rule);
  return absl::StrJoin(texts, "; ");
}

const char* Direction(bool egress) { return egress ? "outbound" : "inbound"; }

}  // namespace

std::vector<ShadowedAclEntry> ShadowedAclEntries(const Network& network) {
  const NetworkState& state = NetworkAccess::StateOf(network);
  const Model& model = network.model();
  std::vector<ShadowedAclEntry> shadowed;
  for (const Acl& acl : state.acls) {
    if (acl.resource == kNoResource) continue;  // AWS's default
    for (bool egress : {false, true}) {
      const std::vector<AclEntry>& entries =
          egress ? acl.outbound : acl.inbound;
      PacketSet earlier;
      for (size_t i = 0; i < entries.size(); ++i) {
        const AclEntry& entry = entries[i];
        const bool hidden =
            !entry.packets.empty() && entry.packets.IsSubsetOf(earlier);
        earlier.Add(entry.packets);
        if (!hidden) continue;
        ShadowedAclEntry result{.network_acl = acl.resource,
                                .egress = egress,
                                .rule_number = entry.rule_number,
                                .allow = entry.allow,
                                .rule = entry.text,
                                .location = entry.location,
                                .covered_by = {},
                                .message = ""};
        // The earlier entries that decide some of its packets first.
        PacketSet remaining = entry.packets;
        for (size_t j = 0; j < i && !remaining.empty(); ++j) {
          PacketSet matched = remaining.Intersect(entries[j].packets);
          if (matched.empty()) continue;
          remaining = remaining.Subtract(matched);
          result.covered_by.push_back(
              {.rule = entries[j].text, .location = entries[j].location});
        }
        result.message =
            absl::StrCat("network ACL \"", NameOf(model, acl.resource), "\" ",
                         Direction(egress), " ", entry.text, " never matches: ",
                         result.covered_by.size() == 1 ? "the earlier entry "
                                                       : "the earlier entries ",
                         CoverText(result.covered_by),
                         result.covered_by.size() == 1 ? " matches" : " match",
                         " all of its packets first");
        shadowed.push_back(std::move(result));
      }
    }
  }
  return shadowed;
}

std::vector<RedundantSgRule> RedundantSecurityGroupRules(
    const Network& network) {
  const NetworkState& state = NetworkAccess::StateOf(network);
  const Model& model = network.model();
  std::vector<RedundantSgRule> redundant;
  for (const auto& [group, rules] : state.group_rules) {
    std::vector<bool> kept(rules.size(), true);
    std::vector<RedundantSgRule> found;
    // From the last rule back: a rule is redundant when the rules still kept
    // admit all of it; so of rules that cover each other the first stays.
    for (size_t i = rules.size(); i-- > 0;) {
      const SgRule& rule = rules[i];
      if (rule.packets.empty() || rule.implicit_default) continue;
      // A peer-group rule's packets leave the peer side open; only rules of
      // the same peer group, or CIDR rules, can cover it.
      // (rules is captured by name: clang 14 cannot capture a binding.)
      auto can_cover = [&, &rules = rules](size_t j) {
        const SgRule& other = rules[j];
        return j != i && kept[j] && other.ingress == rule.ingress &&
               (other.peer_group == kNoResource ||
                other.peer_group == rule.peer_group);
      };
      PacketSet others;
      for (size_t j = 0; j < rules.size(); ++j) {
        if (can_cover(j)) others.Add(rules[j].packets);
      }
      if (!rule.packets.IsSubsetOf(others)) continue;
      kept[i] = false;
      RedundantSgRule result{.security_group = group,
                             .ingress = rule.ingress,
                             .rule = rule.text,
                             .location = rule.location,
                             .covered_by = {},
                             .message = ""};
      for (size_t j = 0; j < rules.size(); ++j) {
        if (can_cover(j) && rules[j].packets.Overlaps(rule.packets)) {
          result.covered_by.push_back(
              {.rule = rules[j].text, .location = rules[j].location});
        }
      }
      result.message = absl::StrCat(
          "security group \"", NameOf(model, group), "\" rule ", rule.text,
          " is redundant: ",
          result.covered_by.size() == 1 ? "the rule " : "the rules ",
          CoverText(result.covered_by),
          result.covered_by.size() == 1 ? " already admits" : " already admit",
          " all of it");
      found.push_back(std::move(result));
    }
    std::reverse(found.begin(), found.end());
    for (RedundantSgRule& r : found) redundant.push_back(std::move(r));
  }
  return redundant;
}

std::vector<BlockedReturn> BlockedReturnTraffic(const Network& network) {
  const NetworkState& state = NetworkAccess::StateOf(network);
  const Model& model = network.model();
  const PortSet& ephemeral = state.options.ephemeral_ports;
  const PacketSet tcp_udp =
      PacketSet::Of(ProtocolSet::Of({ip::Protocol::Tcp(), ip::Protocol::Udp()}),
                    AddressSet::All(), AddressSet::All(), PortSet::All());
  std::vector<BlockedReturn> blocked;
  for (const Acl& acl : state.acls) {
    if (acl.resource == kNoResource) continue;  // AWS's default allows all
    // What each direction allows (first match).
    PacketSet allowed[2];
    for (bool egress : {false, true}) {
      internal::Decision d = internal::EvaluateAcl(
          acl, egress, Step::Kind::kNetworkAclReturn, PacketSet::All());
      for (auto& [packets, step] : d.allowed) allowed[egress].Add(packets);
    }
    for (bool egress : {false, true}) {
      // Packets that may be replies to what the other direction allows are
      // return traffic, not a service (an inbound 1024-65535 entry for the
      // replies to outbound requests).
      const PacketSet replies_of_other =
          internal::Replies(allowed[!egress], ephemeral);
      PacketSet remaining = PacketSet::All();
      for (const AclEntry& entry : egress ? acl.outbound : acl.inbound) {
        PacketSet decided = remaining.Intersect(entry.packets);
        remaining = remaining.Subtract(decided);
        if (!entry.allow) continue;
        PacketSet service =
            decided.Intersect(tcp_udp).Subtract(replies_of_other);
        if (service.empty()) continue;
        internal::Decision d =
            internal::EvaluateAcl(acl, !egress, Step::Kind::kNetworkAclReturn,
                                  internal::Replies(service, ephemeral));
        if (d.denied.empty()) continue;
        BlockedReturn result{.network_acl = acl.resource,
                             .inbound_initiated = !egress,
                             .rule = entry.text,
                             .location = entry.location,
                             .blocked = {},
                             .blocked_by = {},
                             .message = ""};
        for (auto& [packets, step] : d.denied) {
          result.blocked.Add(packets);
          result.blocked_by.push_back(
              {.rule = step.rule, .location = step.location});
        }
        result.message = absl::StrCat(
            "network ACL \"", NameOf(model, acl.resource), "\" ",
            Direction(egress), " ", entry.text,
            " admits traffic whose replies ", Direction(!egress), " denies (",
            CoverText(result.blocked_by), "): ", result.blocked.ToString());
        blocked.push_back(std::move(result));
      }
    }
  }
  return blocked;
}

}  // namespace polygraph::net
