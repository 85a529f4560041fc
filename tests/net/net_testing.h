#ifndef POLYGRAPH_TESTS_NET_NET_TESTING_H_
#define POLYGRAPH_TESTS_NET_NET_TESTING_H_

// Helpers for the network tests: small VPC models built in memory.

#include <string>
#include <utility>
#include <vector>

#include "polygraph/ip_address.h"
#include "polygraph/model.h"
#include "polygraph/packet_set.h"
#include "polygraph/reachability.h"

namespace polygraph::testing {

// Builds a network model resource by resource; every declaration gets its
// own line in "net.yaml" so that locations tell them apart.
class NetBuilder {
 public:
  SourceLocation Next() { return {"net.yaml", ++line_, 3}; }

  size_t Add(std::string name, ResourceKind kind, std::string type) {
    Resource resource;
    resource.name = std::move(name);
    resource.type = std::move(type);
    resource.kind = kind;
    resource.location = Next();
    return builder_.AddResource(std::move(resource));
  }

  size_t Vpc(std::string name, std::string ipv4, std::string ipv6 = "") {
    size_t vpc = Add(std::move(name), ResourceKind::kVpc, "AWS::EC2::VPC");
    for (std::string* cidr : {&ipv4, &ipv6}) {
      if (cidr->empty()) continue;
      builder_.AddNetworkBlock({.resource = vpc,
                                .vpc = vpc,
                                .subnet = false,
                                .cidr = *cidr,
                                .availability_zone = "",
                                .location = Next()});
    }
    return vpc;
  }

  size_t SubnetIn(std::string name, size_t vpc, std::string ipv4,
                  std::string ipv6 = "") {
    size_t subnet =
        Add(std::move(name), ResourceKind::kSubnet, "AWS::EC2::Subnet");
    Subnet value;
    value.resource = subnet;
    value.vpc = vpc;
    value.ipv4_cidr = std::move(ipv4);
    value.ipv6_cidr = std::move(ipv6);
    value.location = Next();
    builder_.AddSubnet(std::move(value));
    return subnet;
  }

  size_t Igw(std::string name, size_t vpc) {
    size_t igw = Add(std::move(name), ResourceKind::kInternetGateway,
                     "AWS::EC2::InternetGateway");
    Gateway gateway;
    gateway.resource = igw;
    gateway.kind = GatewayKind::kInternetGateway;
    gateway.vpc = vpc;
    gateway.location = Next();
    builder_.AddGateway(std::move(gateway));
    return igw;
  }

  size_t Table(std::string name, size_t vpc, bool main = false) {
    size_t table =
        Add(std::move(name), ResourceKind::kRouteTable, "AWS::EC2::RouteTable");
    builder_.AddRouteTable({.resource = table,
                            .vpc = vpc,
                            .vpc_id = "",
                            .main = main,
                            .location = Next()});
    return table;
  }

  SourceLocation RouteTo(size_t table, std::string cidr, RouteTargetKind kind,
                         size_t target, bool blackhole = false) {
    SourceLocation at = Next();
    builder_.AddRoute({.route_table = table,
                       .destination_cidr = std::move(cidr),
                       .destination_prefix_list = kNoResource,
                       .destination_prefix_list_id = "",
                       .target_kind = kind,
                       .target = target,
                       .target_id = "",
                       .blackhole = blackhole,
                       .location = at});
    return at;
  }

  void Associate(size_t table, size_t subnet) {
    builder_.AddRouteTableAssociation({.route_table = table,
                                       .subnet = subnet,
                                       .subnet_id = "",
                                       .location = Next()});
  }

  size_t Acl(std::string name, size_t vpc, bool is_default = false) {
    size_t acl =
        Add(std::move(name), ResourceKind::kNetworkAcl, "AWS::EC2::NetworkAcl");
    builder_.AddNetworkAcl({.resource = acl,
                            .vpc = vpc,
                            .vpc_id = "",
                            .is_default = is_default,
                            .location = Next()});
    return acl;
  }

  SourceLocation Entry(size_t acl, int number, bool egress,
                       std::string protocol, int from, int to, std::string cidr,
                       bool allow) {
    SourceLocation at = Next();
    builder_.AddNetworkAclEntry({.network_acl = acl,
                                 .rule_number = number,
                                 .egress = egress,
                                 .protocol = std::move(protocol),
                                 .from_port = from,
                                 .to_port = to,
                                 .cidr = std::move(cidr),
                                 .allow = allow,
                                 .location = at});
    return at;
  }

  void AssociateAcl(size_t acl, size_t subnet) {
    builder_.AddNetworkAclAssociation({.network_acl = acl,
                                       .subnet = subnet,
                                       .subnet_id = "",
                                       .location = Next()});
  }

  // A group; with `default_egress`, AWS's allow-all egress rule too.
  size_t Group(std::string name, size_t vpc, bool default_egress = true) {
    size_t group = Add(std::move(name), ResourceKind::kSecurityGroup,
                       "AWS::EC2::SecurityGroup");
    builder_.AddSecurityGroup({.resource = group,
                               .vpc = vpc,
                               .vpc_id = "",
                               .default_egress = default_egress,
                               .location = Next()});
    if (default_egress) {
      SecurityGroupRule rule = Rule(group, false, "-1", -1, -1, "0.0.0.0/0");
      rule.implicit_default = true;
      builder_.AddSecurityGroupRule(std::move(rule));
    }
    return group;
  }

  SecurityGroupRule Rule(size_t group, bool ingress, std::string protocol,
                         int from, int to, std::string cidr) {
    SecurityGroupRule rule;
    rule.group = group;
    rule.ingress = ingress;
    rule.protocol = std::move(protocol);
    rule.from_port = from;
    rule.to_port = to;
    rule.cidr = std::move(cidr);
    rule.location = Next();
    rule.cidr_location = rule.location;
    return rule;
  }

  SourceLocation AddRule(SecurityGroupRule rule) {
    SourceLocation at = rule.location;
    builder_.AddSecurityGroupRule(std::move(rule));
    return at;
  }

  SourceLocation Ingress(size_t group, std::string protocol, int from, int to,
                         std::string cidr) {
    return AddRule(
        Rule(group, true, std::move(protocol), from, to, std::move(cidr)));
  }

  size_t Instance(std::string name, std::vector<size_t> subnets,
                  std::vector<size_t> groups, bool public_ip,
                  WorkloadKind kind = WorkloadKind::kInstance) {
    size_t instance =
        Add(std::move(name), ResourceKind::kInstance, "AWS::EC2::Instance");
    Workload workload;
    workload.resource = instance;
    workload.kind = kind;
    workload.subnets = std::move(subnets);
    workload.security_groups = std::move(groups);
    workload.public_ip.value = public_ip;
    workload.public_ip.set = true;
    workload.public_ip.location = Next();
    workload.location = Next();
    pending_.push_back(std::move(workload));
    return instance;
  }

  // The workload declared by Instance() for `resource`, to add listeners.
  Workload& WorkloadOf(size_t resource) {
    for (Workload& w : pending_) {
      if (w.resource == resource) return w;
    }
    return pending_.front();
  }

  ModelBuilder& builder() { return builder_; }

  Model Build() && {
    for (Workload& w : pending_) builder_.AddWorkload(std::move(w));
    return std::move(builder_).Build();
  }

 private:
  ModelBuilder builder_;
  std::vector<Workload> pending_;
  int line_ = 0;
};

inline ip::IpAddress Ip(const char* text) {
  return *ip::IpAddress::Parse(text);
}

// The stopped part of `r` that holds the packet, or nullptr.
inline const net::Stopped* StoppedAt(const net::ReachResult& r,
                                     ip::Protocol protocol, const char* src,
                                     const char* dst, int port) {
  for (const net::Stopped& s : r.stopped) {
    if (s.packets.Contains(protocol, Ip(src), Ip(dst), port)) return &s;
  }
  return nullptr;
}

// The flow of `r` that carries the packet, or nullptr.
inline const net::Flow* FlowOf(const net::ReachResult& r, ip::Protocol protocol,
                               const char* src, const char* dst, int port) {
  for (const net::Flow& f : r.flows) {
    if (f.packets.Contains(protocol, Ip(src), Ip(dst), port)) return &f;
  }
  return nullptr;
}

}  // namespace polygraph::testing

#endif  // POLYGRAPH_TESTS_NET_NET_TESTING_H_
