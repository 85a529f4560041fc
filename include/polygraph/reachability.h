#ifndef POLYGRAPH_REACHABILITY_H_
#define POLYGRAPH_REACHABILITY_H_

// Exact network reachability over the Model's network facets
// (network_model.h): which packets from a source reach a destination through
// route tables, network ACLs (stateless, both directions, including the
// return path on the client's ephemeral ports) and security groups
// (stateful: no return check).
//
//   absl::StatusOr<net::Network> network = net::Network::Build(model, {});
//   net::ReachResult r = network->Reach(net::Endpoint::Internet(),
//                                       net::Endpoint::Resource(db));
//   if (!r.reachable.empty()) ... r.flows[i].steps says what admitted it
//
// Semantics (AWS VPC documentation):
// - Addresses. A workload's addresses are its subnets' blocks (the exact
//   address inside a subnet is not known from configuration). The internet
//   is every address outside the VPC's blocks, IPv4 and IPv6.
// - From the internet, a packet reaches a workload only if the workload is
//   addressable (Workload::public_ip for IPv4; any IPv6 block of its subnet)
//   and the subnet's route table sends the reply to the client's address to
//   an internet gateway of the VPC (longest prefix wins; a blackhole route
//   drops). Without that route the connection cannot complete.
// - Between workloads of one VPC the local route carries the packet; network
//   ACLs apply only when the subnets differ (outbound of the source subnet,
//   inbound of the destination subnet; replies the other way).
// - Network ACL: entries of one direction in increasing rule number, first
//   match decides, no match denies. A subnet without an association uses its
//   VPC's default ACL; when none is declared, AWS's default (allow all).
// - Return path. A flow (protocol, source s, destination d, port p) is
//   reachable only if every reply (protocol, d -> s, destination port e) is
//   allowed for every e in ReachOptions::ephemeral_ports by the NACLs it
//   crosses. Flows whose replies are blocked for some ports are reported in
//   ReachResult::stopped with the NACL entry (or default deny) at fault.
// - Security groups: the destination's ingress rules (a CIDR peer, a peer
//   group the source is a member of, a prefix list's CIDRs) union over the
//   destination's groups; for a workload source also its groups' egress.
//   Replies are always allowed.
// - From a workload W to the internet or a CIDR (always treated as external,
//   even inside a VPC block): W's groups' egress (replies allowed); W's
//   subnet ACL outbound, and the replies through its inbound ACL; then the
//   route for each destination in W's subnet's table (longest prefix). An
//   internet gateway of W's VPC carries IPv4 only if W has a public IPv4,
//   IPv6 from the subnet's IPv6 block; an egress-only internet gateway
//   carries IPv6; a NAT gateway carries IPv4 if it is public and its own
//   subnet's table routes the destination to an internet gateway: the
//   packets then cross the NAT subnet's ACL inbound and outbound when the
//   subnets differ, and the replies cross it back (inbound, then outbound
//   to W) before W's inbound ACL; in W's own subnet only W's ACL applies. NAT
//   and public IPv4 appear as addressing steps. A blackhole drops; any other
//   target (peering, transit gateway, endpoint, local, ...) stops at a route
//   step "route to <kind> not followed". Internet or CIDR to internet or CIDR:
//   an empty result.
// - Protocols without ports (icmp, ...) hold every port value (see
//   packet_set.h).
// Nothing is enumerated: every step is PacketSet algebra.
//
// Thread safety: Network is immutable after Build and thread-safe; results
// are plain values.

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "polygraph/diagnostic.h"
#include "polygraph/ip_address.h"
#include "polygraph/model.h"
#include "polygraph/packet_set.h"
#include "polygraph/port_range.h"
#include "polygraph/source_location.h"

namespace polygraph::net {

namespace internal {
class NetworkAccess;  // lib/net: the indexed state, for the audits
}

// A source or destination of a question.
struct Endpoint {
  enum class Kind {
    kInternet,  // every address outside the VPCs' blocks
    kCidr,      // `cidr`
    kResource,  // a workload, security group (its members) or subnet
  };
  Kind kind = Kind::kInternet;
  std::string cidr;
  size_t resource = kNoResource;  // index into Model::resources()

  static Endpoint Internet() {
    return {.kind = Kind::kInternet, .cidr = "", .resource = kNoResource};
  }
  static Endpoint Cidr(std::string cidr) {
    return {
        .kind = Kind::kCidr, .cidr = std::move(cidr), .resource = kNoResource};
  }
  static Endpoint Resource(size_t resource) {
    return {.kind = Kind::kResource, .cidr = "", .resource = resource};
  }
};

// 1024-65535.
ip::PortSet DefaultEphemeralPorts();

struct ReachOptions {
  // Destination ports of replies: the source ports clients pick. Default
  // 1024-65535, which covers Linux (32768-60999), Windows (49152-65535), NAT
  // gateways and load balancers (1024-65535).
  ip::PortSet ephemeral_ports = DefaultEphemeralPorts();
};

// One thing that admitted (or stopped) packets on their way.
struct Step {
  enum class Kind {
    kAddressing,            // public IP / internet-facing / IPv6 block
    kRoute,                 // a route (or the local route)
    kNetworkAclOutbound,    // the source subnet's ACL, outbound
    kNetworkAclInbound,     // the destination subnet's ACL, inbound
    kSecurityGroupEgress,   // the source's group, egress
    kSecurityGroupIngress,  // the destination's group, ingress
    kNetworkAclReturn,      // a reply crossing an ACL
  };
  Kind kind = Kind::kRoute;
  size_t resource = kNoResource;  // the route table, ACL, group, workload
  // What decided, e.g. "rule 100 allow tcp 443 from 0.0.0.0/0", "default
  // deny (*)", "no route to an internet gateway for 0.0.0.0/0".
  std::string rule;
  SourceLocation location;  // of the entry, rule or route; unknown for
                            // AWS defaults
};

// "addressing", "route", "network-acl-outbound", "network-acl-inbound",
// "security-group-egress", "security-group-ingress", "network-acl-return".
std::string_view StepKindName(Step::Kind kind);

// Packets that get through, and the steps that admitted them, in path order.
struct Flow {
  ip::PacketSet packets;
  std::vector<Step> steps;
};

// Packets that were stopped, and the first step that stopped them.
struct Stopped {
  ip::PacketSet packets;
  Step stopped_by;
};

struct ReachResult {
  ip::PacketSet reachable;       // the union of flows' packets
  std::vector<Flow> flows;       // disjoint
  std::vector<Stopped> stopped;  // disjoint from reachable
};

// One packet of a question (Network::Explain).
struct Packet {
  ip::Protocol protocol = ip::Protocol::Tcp();
  ip::IpAddress source;
  ip::IpAddress destination;
  int port = 0;  // destination port; ignored unless `protocol` has ports
  // The client's source port (>= 0): replies are checked on it alone;
  // otherwise on every ReachOptions::ephemeral_ports, as in Reach.
  int source_port = -1;
};

// The verdict for one packet.
struct Explanation {
  bool reachable = false;
  // In path order, the steps that admitted it, then (when not reachable)
  // the one that stopped it, also in `stopped_by`.
  std::vector<Step> steps;
  Step stopped_by;  // meaningful only when !reachable
};

// A workload reachable from the internet.
struct Exposure {
  size_t workload = 0;  // index into Model::workloads()
  ReachResult reach;    // from Endpoint::Internet()
};

class Network {
 public:
  // Indexes the model's network facets: each subnet's route table and ACL,
  // each workload's addresses and groups, every group's and ACL's rules as
  // PacketSets. References that cannot be resolved (a rule naming a group
  // that is not declared, a route to a missing gateway, a prefix list
  // without entries) are diagnostics; what they would have admitted is
  // treated as admitting nothing, and the rest is analysed. Errors: none
  // today (reserved for malformed facets).
  static absl::StatusOr<Network> Build(const Model& model,
                                       const ReachOptions& options = {});

  Network(Network&&) noexcept;
  Network& operator=(Network&&) noexcept;
  ~Network();

  const std::vector<Diagnostic>& diagnostics() const;

  // Every packet from `from` that reaches `to`. A destination that is a
  // security group means its member workloads; a subnet, the workloads in
  // it. The Model passed to Build must still be alive.
  ReachResult Reach(const Endpoint& from, const Endpoint& to) const;

  // Every workload that some internet packet reaches, in Model::workloads()
  // order; workloads nothing reaches are left out.
  std::vector<Exposure> ExposedToInternet() const;

  // Reach(from, to)'s verdict on one packet, with its steps. A packet
  // outside the question (e.g. from a VPC address for the internet) is
  // stopped by an addressing step saying so.
  Explanation Explain(const Endpoint& from, const Endpoint& to,
                      const Packet& packet) const;

  const Model& model() const;  // the one passed to Build

 private:
  friend class internal::NetworkAccess;
  struct State;
  explicit Network(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace polygraph::net

#endif  // POLYGRAPH_REACHABILITY_H_
