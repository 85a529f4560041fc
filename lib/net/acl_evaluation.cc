// First-match evaluation of network ACLs over PacketSets.

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "net/internal.h"
#include "polygraph/packet_set.h"

namespace polygraph::net::internal {

Acl DefaultAcl() {
  Acl acl;
  for (bool egress : {false, true}) {
    AclEntry entry;
    entry.rule_number = 100;
    entry.allow = true;
    entry.packets = ip::PacketSet::All();
    entry.text = "rule 100 allow all (AWS default network ACL)";
    (egress ? acl.outbound : acl.inbound).push_back(std::move(entry));
  }
  return acl;
}

std::string AclEntryText(const NetworkAclEntry& entry) {
  std::string protocol = entry.protocol == "-1" ? "all" : entry.protocol;
  std::string ports;
  if ((entry.protocol == "tcp" || entry.protocol == "udp" ||
       entry.protocol == "6" || entry.protocol == "17") &&
      entry.from_port >= 0) {
    ports = entry.from_port == entry.to_port
                ? absl::StrCat(" ", entry.from_port)
                : absl::StrCat(" ", entry.from_port, "-", entry.to_port);
  }
  return absl::StrCat("rule ", entry.rule_number, " ",
                      entry.allow ? "allow " : "deny ", protocol, ports,
                      entry.egress ? " to " : " from ", entry.cidr);
}

Decision EvaluateAcl(const Acl& acl, bool egress, Step::Kind kind,
                     const ip::PacketSet& packets) {
  Decision decision;
  ip::PacketSet remaining = packets;
  for (const AclEntry& entry : egress ? acl.outbound : acl.inbound) {
    if (remaining.empty()) break;
    ip::PacketSet matched = remaining.Intersect(entry.packets);
    if (matched.empty()) continue;
    // remaining - matched, but the entry has far fewer boxes.
    remaining = remaining.Subtract(entry.packets);
    Step step{.kind = kind,
              .resource = acl.resource,
              .rule = entry.text,
              .location = entry.location};
    (entry.allow ? decision.allowed : decision.denied)
        .emplace_back(std::move(matched), std::move(step));
  }
  if (!remaining.empty()) {
    decision.denied.emplace_back(std::move(remaining),
                                 Step{.kind = kind,
                                      .resource = acl.resource,
                                      .rule = "default deny (*)",
                                      .location = {}});
  }
  return decision;
}

}  // namespace polygraph::net::internal
