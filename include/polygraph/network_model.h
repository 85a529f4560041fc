#ifndef POLYGRAPH_NETWORK_MODEL_H_
#define POLYGRAPH_NETWORK_MODEL_H_

// The network facets of the Model (model.h): subnets, route tables and their
// routes, network ACLs and their entries, gateways, security groups, prefix
// lists and the workloads placed in subnets. Front-ends fill them through
// ModelBuilder; the reachability analysis (lib/net) reads them.
//
// Conventions shared by every struct here:
// - Indices (`resource`, `vpc`, `subnet`, ...) are into Model::resources();
//   kNoResource when the thing is not declared in the files read (a
//   parameter, an import, another stack), in which case the matching `*_id`
//   string holds the id or its rendering ("${SubnetParam}").
// - CIDRs are validated and normalized text, IPv4 or IPv6; "" when symbolic
//   (the loader notes it).
// - Protocols use SecurityGroupRule's normalization: "tcp", "udp", "icmp",
//   "icmpv6", "-1" (all) or a number 0..255; "" when symbolic.
//
// Thread safety: plain value types; thread-compatible.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "polygraph/model_basics.h"
#include "polygraph/source_location.h"

namespace polygraph {

struct Subnet {
  size_t resource = kNoResource;
  size_t vpc = kNoResource;
  std::string vpc_id;
  std::string ipv4_cidr;
  std::string ipv6_cidr;
  std::string availability_zone;  // "" when absent or symbolic
  // MapPublicIpOnLaunch (default false): instances launched here get a
  // public IPv4 address unless their network interface says otherwise.
  LocatedBool map_public_ip_on_launch;
  SourceLocation location;
};

// A security group. Its rules are Model::security_group_rules() whose
// `group` is this resource.
struct SecurityGroup {
  size_t resource = kNoResource;
  size_t vpc = kNoResource;
  std::string vpc_id;
  // AWS's default egress rule (all traffic to 0.0.0.0/0) is present: the
  // group was created without explicit egress in CloudFormation (which keeps
  // it unless SecurityGroupEgress is given inline), or the snapshot lists
  // it. Terraform's aws_security_group removes it unless an egress block is
  // written, so a Terraform group without egress has this false. When true,
  // the front-end also adds the rule itself to security_group_rules() with
  // `implicit_default` set.
  bool default_egress = false;
  SourceLocation location;
};

enum class RouteTargetKind {
  kLocal,                      // the VPC's own blocks
  kInternetGateway,            // GatewayId igw-...
  kEgressOnlyInternetGateway,  // EgressOnlyInternetGatewayId (IPv6 out only)
  kNatGateway,
  kVpcPeering,
  kTransitGateway,
  kVpcEndpoint,  // a gateway endpoint (S3, DynamoDB) or GWLB endpoint
  kNetworkInterface,
  kInstance,
  kCarrierGateway,
  kLocalGateway,
  kUnknown,  // symbolic, or a kind the front-end does not know
};

// "local", "internet-gateway", "egress-only-internet-gateway",
// "nat-gateway", "vpc-peering", "transit-gateway", "vpc-endpoint",
// "network-interface", "instance", "carrier-gateway", "local-gateway",
// "unknown".
std::string_view RouteTargetKindName(RouteTargetKind kind);

struct Route {
  size_t route_table = kNoResource;
  // Exactly one destination is set: a CIDR, or a managed prefix list.
  std::string destination_cidr;
  size_t destination_prefix_list = kNoResource;
  std::string destination_prefix_list_id;
  RouteTargetKind target_kind = RouteTargetKind::kUnknown;
  size_t target = kNoResource;  // the gateway, endpoint, instance...
  std::string target_id;
  // A blackhole route (its target was deleted; snapshots say so): matching
  // packets are dropped.
  bool blackhole = false;
  SourceLocation location;  // of the route (the AWS::EC2::Route, or entry)
};

struct RouteTable {
  size_t resource = kNoResource;
  size_t vpc = kNoResource;
  std::string vpc_id;
  // The VPC's main route table: subnets without an explicit association use
  // it. Every VPC has one; a template cannot declare it, so when none is
  // known the analysis assumes a main table with only the local route.
  bool main = false;
  SourceLocation location;
};

struct RouteTableAssociation {
  size_t route_table = kNoResource;
  size_t subnet = kNoResource;
  std::string subnet_id;
  SourceLocation location;
};

struct NetworkAcl {
  size_t resource = kNoResource;
  size_t vpc = kNoResource;
  std::string vpc_id;
  // The VPC's default network ACL: subnets without an association use it.
  // When none is known, the analysis assumes AWS's default ACL, which allows
  // all traffic in and out (rule 100 allow, then * deny, for IPv4 and IPv6).
  bool is_default = false;
  SourceLocation location;
};

// One numbered entry. Entries are evaluated in increasing rule number per
// direction; the first that matches decides; no match is a deny (`*`).
struct NetworkAclEntry {
  size_t network_acl = kNoResource;
  int rule_number = 0;  // 1..32766
  bool egress = false;
  std::string protocol;  // see the file comment
  // tcp and udp: the port range; -1 when absent (the whole range).
  int from_port = -1;
  int to_port = -1;
  std::string cidr;  // CidrBlock or Ipv6CidrBlock
  bool allow = false;
  SourceLocation location;
};

struct NetworkAclAssociation {
  size_t network_acl = kNoResource;
  size_t subnet = kNoResource;
  std::string subnet_id;
  SourceLocation location;
};

enum class GatewayKind {
  kInternetGateway,
  kEgressOnlyInternetGateway,
  kNatGateway,  // public unless `private_nat`
  kVpcEndpoint,
  kTransitGateway,
  kVpcPeering,
};

struct Gateway {
  size_t resource = kNoResource;
  GatewayKind kind = GatewayKind::kInternetGateway;
  // The VPC it is attached to (AWS::EC2::VPCGatewayAttachment for an
  // internet gateway; the subnet's VPC for a NAT gateway; VpcId for an
  // endpoint).
  size_t vpc = kNoResource;
  size_t subnet = kNoResource;  // NAT gateways, interface endpoints
  bool private_nat = false;     // ConnectivityType private
  std::string service_name;     // endpoints, e.g. com.amazonaws...s3
  SourceLocation location;
};

// A managed prefix list (AWS::EC2::PrefixList, or a snapshot's
// describe-managed-prefix-lists with its entries).
struct PrefixList {
  size_t resource = kNoResource;
  std::string id;  // pl-..., or "" when declared in a template
  std::vector<std::string> cidrs;
  SourceLocation location;
};

enum class WorkloadKind {
  kInstance,
  kNetworkInterface,
  kEcsService,
  kLambdaFunction,
  kDbInstance,
  kDbCluster,
  kLoadBalancer,
  kVpcEndpoint,  // an interface endpoint's network interfaces
};

// "instance", "network-interface", "ecs-service", "lambda-function",
// "db-instance", "db-cluster", "load-balancer", "vpc-endpoint".
std::string_view WorkloadKindName(WorkloadKind kind);

// A listener of a load balancer, or the port a database accepts.
struct Listener {
  std::string protocol;  // "tcp" or "udp" (HTTP/HTTPS/TLS are tcp)
  int port = -1;
  SourceLocation location;
};

// Something with network interfaces in subnets: where packets end.
struct Workload {
  size_t resource = kNoResource;
  WorkloadKind kind = WorkloadKind::kInstance;
  std::vector<size_t> subnets;
  std::vector<std::string> subnet_ids;  // undeclared ones
  std::vector<size_t> security_groups;
  std::vector<std::string> security_group_ids;  // undeclared ones
  // Reachable from the internet at the addressing level: a public IPv4
  // address (AssociatePublicIpAddress, or the subnet's MapPublicIpOnLaunch
  // when the workload does not say; an Elastic IP), an internet-facing load
  // balancer, a publicly accessible database. IPv6 addresses are global, so
  // any workload in a subnet with an IPv6 block counts as addressable over
  // IPv6 whatever this says.
  LocatedBool public_ip;
  // Load balancers: listeners; databases: the port (3306 by default for
  // MySQL/Aurora MySQL, 5432 for PostgreSQL); other kinds: none (every port
  // the security groups allow is a candidate).
  std::vector<Listener> listeners;
  SourceLocation location;
};

}  // namespace polygraph

#endif  // POLYGRAPH_NETWORK_MODEL_H_
