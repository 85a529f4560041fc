#ifndef POLYGRAPH_NETWORK_AUDIT_H_
#define POLYGRAPH_NETWORK_AUDIT_H_

// Audits of a Network's rules (reachability.h), each exact over PacketSets:
// - ShadowedAclEntries: a network ACL entry every packet of which an earlier
//   entry (lower rule number, same direction) matches first: it never
//   decides anything.
// - RedundantSecurityGroupRules: a security group rule whose packets the
//   group's other rules of the same direction admit anyway.
// - BlockedReturnTraffic: an ACL allow entry for tcp/udp traffic whose
//   replies (to the peer, on ReachOptions::ephemeral_ports) the ACL's other
//   direction denies, in part or whole.
//
//   for (const net::ShadowedAclEntry& s : net::ShadowedAclEntries(network))
//     std::cout << s.location << ": " << s.message << "\n";
//
// Results are in model order, each with the location of the entry or rule
// at fault and a sentence naming the values. AWS's implicit defaults (the
// default ACL, the default egress rule) are never reported themselves.
//
// Thread safety: pure functions over an immutable Network; results are
// plain values. REQUIRES: the network's model is alive.

#include <string>
#include <vector>

#include "polygraph/packet_set.h"
#include "polygraph/reachability.h"
#include "polygraph/source_location.h"

namespace polygraph::net {

// An earlier entry that matches some of the shadowed entry's packets.
struct Cover {
  std::string rule;  // "rule 100 deny tcp 0-65535 from 0.0.0.0/0"
  SourceLocation location;
};

struct ShadowedAclEntry {
  size_t network_acl = kNoResource;  // index into Model::resources()
  bool egress = false;
  int rule_number = 0;
  bool allow = false;
  std::string rule;  // the shadowed entry, as Step::rule renders it
  SourceLocation location;
  std::vector<Cover> covered_by;  // in rule-number order
  // `network ACL "Acl" inbound rule 200 allow tcp 22 from 10.0.0.0/8 never
  // matches: rule 100 deny ... matches all of it first`
  std::string message;
};

struct RedundantSgRule {
  size_t security_group = kNoResource;  // index into Model::resources()
  bool ingress = true;
  std::string rule;  // "ingress tcp 22 from 10.0.0.0/8"
  SourceLocation location;
  std::vector<Cover> covered_by;  // the group's rules that admit it anyway
  std::string message;
};

struct BlockedReturn {
  size_t network_acl = kNoResource;  // index into Model::resources()
  // True: the allow entry is inbound (clients outside, replies go out);
  // false: outbound (replies come in).
  bool inbound_initiated = true;
  std::string rule;  // the allow entry
  SourceLocation location;
  ip::PacketSet blocked;          // the replies the other direction denies
  std::vector<Cover> blocked_by;  // entries (or "default deny (*)")
  std::string message;
};

// In the order of Model::network_acls(), then direction (inbound first),
// then rule number.
std::vector<ShadowedAclEntry> ShadowedAclEntries(const Network& network);

// In the order of Model::security_group_rules() within each group's rules.
// Of several rules that cover each other (two identical rules), the later
// ones are reported and the first is kept: removing every reported rule
// leaves what the group admits unchanged.
std::vector<RedundantSgRule> RedundantSecurityGroupRules(
    const Network& network);

// Allow entries of tcp or udp traffic (the tcp/udp part of an all-protocols
// entry included) whose packets that the entry actually decides (those no
// earlier entry matched) have replies the ACL's other direction denies, on
// the Network's ReachOptions::ephemeral_ports.
std::vector<BlockedReturn> BlockedReturnTraffic(const Network& network);

}  // namespace polygraph::net

#endif  // POLYGRAPH_NETWORK_AUDIT_H_
