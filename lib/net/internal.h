#ifndef POLYGRAPH_LIB_NET_INTERNAL_H_
#define POLYGRAPH_LIB_NET_INTERNAL_H_

// Shared declarations of lib/net: the indexed network (built once by
// Network::Build) and the PacketSet stages Reach composes.

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "polygraph/address_set.h"
#include "polygraph/diagnostic.h"
#include "polygraph/model.h"
#include "polygraph/packet_set.h"
#include "polygraph/reachability.h"

namespace polygraph::net::internal {

// A decision of one stage over a PacketSet: the admitted and the stopped
// parts, each with the step that decided. Parts are disjoint.
struct Decision {
  std::vector<std::pair<ip::PacketSet, Step>> allowed;
  std::vector<std::pair<ip::PacketSet, Step>> denied;
};

// One network ACL entry as a PacketSet (the CIDR on the source side for
// inbound entries, on the destination side for outbound ones).
struct AclEntry {
  int rule_number = 0;
  bool allow = false;
  ip::PacketSet packets;
  std::string text;  // "rule 100 allow tcp 443 from 0.0.0.0/0"
  SourceLocation location;
};

struct Acl {
  size_t resource = kNoResource;   // kNoResource for AWS's default ACL
  std::vector<AclEntry> inbound;   // in increasing rule number
  std::vector<AclEntry> outbound;  // in increasing rule number
};

// AWS's default network ACL: allow everything both ways.
Acl DefaultAcl();

// "rule 100 allow tcp 443 from 0.0.0.0/0" ("to" for outbound entries).
std::string AclEntryText(const NetworkAclEntry& entry);

// First-match evaluation of `packets` against one direction of `acl`: for
// each entry in rule-number order, the still undecided packets it matches
// are allowed or denied by it; the rest hit the default deny. Steps have
// kind `kind`.
Decision EvaluateAcl(const Acl& acl, bool egress, Step::Kind kind,
                     const ip::PacketSet& packets);

struct RouteEntry {
  ip::AddressSet destination;
  int prefix_length = 0;
  RouteTargetKind target_kind = RouteTargetKind::kUnknown;
  bool blackhole = false;
  bool resolved = true;  // false: an unresolved target (admits nothing)
  // The VPC of a declared target gateway; kNoResource when not known.
  size_t target_vpc = kNoResource;
  // The declared target gateway, as an index into Model::gateways();
  // kNoResource when the target is not a declared gateway.
  size_t gateway = kNoResource;
  std::string text;  // "route 0.0.0.0/0 -> internet-gateway Igw"
  SourceLocation location;
};

struct RouteTableInfo {
  size_t resource = kNoResource;   // kNoResource for an implicit main table
  std::vector<RouteEntry> routes;  // by prefix length, longest first
};

// Sorts routes longest prefix first (stable).
void SortRoutes(std::vector<RouteEntry>& routes);

// Longest-prefix match of every address of `addresses`: the parts whose
// best route is routes[i], as (part, i); addresses without a route come
// with index routes.size().
std::vector<std::pair<ip::AddressSet, size_t>> LookupRoutes(
    const RouteTableInfo& table, const ip::AddressSet& addresses);

// True if the route carries packets to an internet gateway (of `vpc`, when
// both the gateway's VPC and `vpc` are known).
bool ToInternetGateway(const RouteEntry& route, size_t vpc = kNoResource);

struct SgRule {
  bool ingress = true;
  // The rule's packets for CIDR and prefix-list peers; for peer-group
  // rules, the packets with the peer side unrestricted (AddressSet::All()).
  ip::PacketSet packets;
  size_t peer_group = kNoResource;  // peer-group rules only
  bool implicit_default = false;    // AWS's default egress rule
  std::string text;                 // "ingress tcp 22 from 0.0.0.0/0"
  SourceLocation location;
};

struct SubnetInfo {
  size_t resource = kNoResource;
  size_t vpc = kNoResource;
  ip::AddressSet ipv4;
  ip::AddressSet ipv6;
  size_t route_table = 0;  // into NetworkState::route_tables
  size_t acl = 0;          // into NetworkState::acls
};

struct WorkloadInfo {
  size_t workload = 0;                  // into Model::workloads()
  std::vector<size_t> subnets;          // into NetworkState::subnets
  std::vector<size_t> security_groups;  // resource indices
};

struct NetworkState {
  const Model* model = nullptr;
  ReachOptions options;
  std::vector<Diagnostic> diagnostics;
  ip::AddressSet vpc_blocks;  // every VPC and subnet block
  std::vector<SubnetInfo> subnets;
  std::vector<RouteTableInfo> route_tables;
  std::vector<Acl> acls;
  std::vector<WorkloadInfo> workloads;  // parallel to Model::workloads()
  // Security group resource index -> its rules.
  std::vector<std::pair<size_t, std::vector<SgRule>>> group_rules;
  // Indices by resource (Model::resources() index), so that a question's
  // cost does not grow with the network: into group_rules, into subnets
  // (the first with that resource), kNoResource when none; and the
  // workloads that are the resource or members of it (a group), ascending.
  std::vector<size_t> group_rules_of;
  std::vector<size_t> subnet_of;
  std::vector<std::vector<size_t>> workloads_of;

  const std::vector<SgRule>* RulesOf(size_t group) const;
  // The subnet whose resource is `resource`, or nullptr.
  const SubnetInfo* FindSubnet(size_t resource, size_t* index) const;
};

// Builds the index; diagnostics go to state.diagnostics.
void BuildState(const Model& model, const ReachOptions& options,
                NetworkState& state);

// Reach. With `ephemeral_ports`, replies are checked on those ports instead
// of the options'. With `stopped_paths`, it receives for each part of
// result.stopped (in order) the steps that admitted it before it stopped.
ReachResult ComputeReach(
    const NetworkState& state, const Endpoint& from, const Endpoint& to,
    const ip::PortSet* ephemeral_ports = nullptr,
    std::vector<std::vector<Step>>* stopped_paths = nullptr);

Explanation ComputeExplain(const NetworkState& state, const Endpoint& from,
                           const Endpoint& to, const Packet& packet);

// The indexed state behind a Network (for the audits of lib/net).
class NetworkAccess {
 public:
  static const NetworkState& StateOf(const Network& network);
};

std::vector<Exposure> ComputeExposures(const NetworkState& state);

}  // namespace polygraph::net::internal

#endif  // POLYGRAPH_LIB_NET_INTERNAL_H_
