#include <random>
#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "polygraph/reachability.h"
#include "tests/net/net_testing.h"
#include "tests/testing.h"

namespace polygraph::net {
namespace {

using ::polygraph::testing::Ip;
using ::polygraph::testing::NetBuilder;
using ::polygraph::testing::StoppedAt;

constexpr ip::Protocol kTcp = ip::Protocol::Tcp();

// A VPC 10.0.0.0/16 with one public subnet 10.0.1.0/24 (route 0.0.0.0/0
// to an internet gateway) holding one instance with a group.
struct PublicSubnet {
  NetBuilder b;
  size_t vpc = b.Vpc("Vpc", "10.0.0.0/16");
  size_t subnet = b.SubnetIn("Public", vpc, "10.0.1.0/24");
  size_t igw = b.Igw("Igw", vpc);
  size_t table = b.Table("Rt", vpc);
  size_t group = b.Group("Web", vpc);
  SourceLocation default_route;

  PublicSubnet() {
    default_route =
        b.RouteTo(table, "0.0.0.0/0", RouteTargetKind::kInternetGateway, igw);
    b.Associate(table, subnet);
  }
};

TEST(ReachTest, PublicInstanceReachableOnAllowedPort) {
  PublicSubnet n;
  SourceLocation rule = n.b.Ingress(n.group, "tcp", 443, 443, "0.0.0.0/0");
  size_t web = n.b.Instance("Web", {n.subnet}, {n.group}, true);
  Model model = std::move(n.b).Build();
  ASSERT_OK_AND_ASSIGN(Network network, Network::Build(model));
  ReachResult r = network.Reach(Endpoint::Internet(), Endpoint::Resource(web));
  EXPECT_TRUE(r.reachable.Contains(kTcp, Ip("8.8.8.8"), Ip("10.0.1.5"), 443));
  EXPECT_FALSE(r.reachable.Contains(kTcp, Ip("8.8.8.8"), Ip("10.0.1.5"), 22));
  EXPECT_FALSE(r.reachable.Contains(kTcp, Ip("10.0.0.1"), Ip("10.0.1.5"), 443))
      << "VPC addresses are not the internet";
  ASSERT_EQ(r.flows.size(), 1u);
  const std::vector<Step>& steps = r.flows[0].steps;
  ASSERT_EQ(steps.size(), 5u);
  EXPECT_EQ(steps[0].kind, Step::Kind::kAddressing);
  EXPECT_EQ(steps[1].kind, Step::Kind::kRoute);
  EXPECT_EQ(steps[1].location, n.default_route);
  EXPECT_EQ(steps[2].kind, Step::Kind::kNetworkAclInbound);
  EXPECT_EQ(steps[3].kind, Step::Kind::kSecurityGroupIngress);
  EXPECT_EQ(steps[3].rule, "ingress tcp 443 from 0.0.0.0/0");
  EXPECT_EQ(steps[3].location, rule);
  EXPECT_EQ(steps[4].kind, Step::Kind::kNetworkAclReturn);
  const Stopped* s = StoppedAt(r, kTcp, "8.8.8.8", "10.0.1.5", 22);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->stopped_by.rule, "no security group rule allows it");
  EXPECT_FALSE(s->packets.Overlaps(r.reachable));
}

TEST(ReachTest, NetworkAclRuleOrderFirstMatchDecides) {
  PublicSubnet n;
  size_t acl = n.b.Acl("Nacl", n.vpc);
  n.b.AssociateAcl(acl, n.subnet);
  SourceLocation deny22 =
      n.b.Entry(acl, 100, false, "tcp", 22, 22, "0.0.0.0/0", false);
  n.b.Entry(acl, 200, false, "-1", -1, -1, "0.0.0.0/0", true);
  // A later allow for 22 never matters: 100 decides first. Declared
  // before rule 100 to check that rule numbers, not order, decide.
  n.b.Entry(acl, 50, false, "tcp", 80, 80, "0.0.0.0/0", false);
  n.b.Entry(acl, 300, false, "tcp", 22, 22, "0.0.0.0/0", true);
  n.b.Entry(acl, 100, true, "-1", -1, -1, "0.0.0.0/0", true);
  n.b.Ingress(n.group, "tcp", 0, 65535, "0.0.0.0/0");
  size_t web = n.b.Instance("Web", {n.subnet}, {n.group}, true);
  Model model = std::move(n.b).Build();
  ASSERT_OK_AND_ASSIGN(Network network, Network::Build(model));
  ReachResult r = network.Reach(Endpoint::Internet(), Endpoint::Resource(web));
  EXPECT_TRUE(r.reachable.Contains(kTcp, Ip("8.8.8.8"), Ip("10.0.1.5"), 443));
  EXPECT_FALSE(r.reachable.Contains(kTcp, Ip("8.8.8.8"), Ip("10.0.1.5"), 22));
  EXPECT_FALSE(r.reachable.Contains(kTcp, Ip("8.8.8.8"), Ip("10.0.1.5"), 80));
  const Stopped* s = StoppedAt(r, kTcp, "8.8.8.8", "10.0.1.5", 22);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->stopped_by.kind, Step::Kind::kNetworkAclInbound);
  EXPECT_EQ(s->stopped_by.rule, "rule 100 deny tcp 22 from 0.0.0.0/0");
  EXPECT_EQ(s->stopped_by.location, deny22);
  s = StoppedAt(r, kTcp, "8.8.8.8", "10.0.1.5", 80);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->stopped_by.rule, "rule 50 deny tcp 80 from 0.0.0.0/0");
}

TEST(ReachTest, OutboundAclAllowingOnly443BreaksTheReturnPath) {
  PublicSubnet n;
  size_t acl = n.b.Acl("Nacl", n.vpc);
  n.b.AssociateAcl(acl, n.subnet);
  n.b.Entry(acl, 100, false, "-1", -1, -1, "0.0.0.0/0", true);
  n.b.Entry(acl, 100, true, "tcp", 443, 443, "0.0.0.0/0", true);
  n.b.Ingress(n.group, "tcp", 443, 443, "0.0.0.0/0");
  size_t web = n.b.Instance("Web", {n.subnet}, {n.group}, true);
  Model model = std::move(n.b).Build();
  ASSERT_OK_AND_ASSIGN(Network network, Network::Build(model));
  ReachResult r = network.Reach(Endpoint::Internet(), Endpoint::Resource(web));
  EXPECT_TRUE(r.reachable.empty()) << r.reachable;
  const Stopped* s = StoppedAt(r, kTcp, "8.8.8.8", "10.0.1.5", 443);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->stopped_by.kind, Step::Kind::kNetworkAclReturn);
  EXPECT_EQ(s->stopped_by.rule, "default deny (*)");
  EXPECT_EQ(s->stopped_by.resource, acl);
}

TEST(ReachTest, Ipv6ThroughAnInternetGatewayNeedsNoPublicIp) {
  NetBuilder b;
  size_t vpc = b.Vpc("Vpc", "10.0.0.0/16", "2600:1f18::/56");
  size_t subnet = b.SubnetIn("S", vpc, "10.0.1.0/24", "2600:1f18::/64");
  size_t igw = b.Igw("Igw", vpc);
  size_t table = b.Table("Rt", vpc);
  b.RouteTo(table, "::/0", RouteTargetKind::kInternetGateway, igw);
  b.RouteTo(table, "0.0.0.0/0", RouteTargetKind::kInternetGateway, igw);
  b.Associate(table, subnet);
  size_t group = b.Group("G", vpc);
  b.Ingress(group, "tcp", 443, 443, "::/0");
  b.Ingress(group, "tcp", 443, 443, "0.0.0.0/0");
  size_t web = b.Instance("Web", {subnet}, {group}, /*public_ip=*/false);
  Model model = std::move(b).Build();
  ASSERT_OK_AND_ASSIGN(Network network, Network::Build(model));
  ReachResult r = network.Reach(Endpoint::Internet(), Endpoint::Resource(web));
  EXPECT_TRUE(
      r.reachable.Contains(kTcp, Ip("2001:db8::1"), Ip("2600:1f18::10"), 443));
  EXPECT_FALSE(r.reachable.Contains(kTcp, Ip("2600:1f18::99"),
                                    Ip("2600:1f18::10"), 443));
  EXPECT_FALSE(r.reachable.Contains(kTcp, Ip("8.8.8.8"), Ip("10.0.1.5"), 443));
  const Stopped* s = StoppedAt(r, kTcp, "8.8.8.8", "10.0.1.5", 443);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->stopped_by.rule, "not addressable: no public IP");
}

TEST(ReachTest, PrivateSubnetWithIgwRouteButNoPublicIpIsNotReachable) {
  PublicSubnet n;
  n.b.Ingress(n.group, "-1", -1, -1, "0.0.0.0/0");
  size_t web = n.b.Instance("Web", {n.subnet}, {n.group}, false);
  Model model = std::move(n.b).Build();
  ASSERT_OK_AND_ASSIGN(Network network, Network::Build(model));
  ReachResult r = network.Reach(Endpoint::Internet(), Endpoint::Resource(web));
  EXPECT_TRUE(r.reachable.empty());
  const Stopped* s = StoppedAt(r, kTcp, "8.8.8.8", "10.0.1.5", 22);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->stopped_by.kind, Step::Kind::kAddressing);
}

TEST(ReachTest, LongestPrefixRouteWins) {
  PublicSubnet n;
  size_t nat =
      n.b.Add("Nat", ResourceKind::kNatGateway, "AWS::EC2::NatGateway");
  SourceLocation nat_route =
      n.b.RouteTo(n.table, "203.0.113.0/24", RouteTargetKind::kNatGateway, nat);
  n.b.Ingress(n.group, "tcp", 443, 443, "0.0.0.0/0");
  size_t web = n.b.Instance("Web", {n.subnet}, {n.group}, true);
  Model model = std::move(n.b).Build();
  ASSERT_OK_AND_ASSIGN(Network network, Network::Build(model));
  ReachResult r = network.Reach(Endpoint::Internet(), Endpoint::Resource(web));
  EXPECT_TRUE(r.reachable.Contains(kTcp, Ip("8.8.8.8"), Ip("10.0.1.5"), 443));
  EXPECT_TRUE(
      r.reachable.Contains(kTcp, Ip("203.0.112.255"), Ip("10.0.1.5"), 443));
  EXPECT_FALSE(
      r.reachable.Contains(kTcp, Ip("203.0.113.7"), Ip("10.0.1.5"), 443));
  const Stopped* s = StoppedAt(r, kTcp, "203.0.113.7", "10.0.1.5", 443);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->stopped_by.kind, Step::Kind::kRoute);
  EXPECT_EQ(s->stopped_by.rule.rfind(
                "no route to an internet gateway for 203.0.113.0/24", 0),
            0u)
      << s->stopped_by.rule;
  EXPECT_EQ(s->stopped_by.location, nat_route);
}

TEST(ReachTest, BlackholeRouteDropsReplies) {
  PublicSubnet n;
  n.b.RouteTo(n.table, "198.51.100.0/24", RouteTargetKind::kInternetGateway,
              n.igw, /*blackhole=*/true);
  n.b.Ingress(n.group, "tcp", 443, 443, "0.0.0.0/0");
  size_t web = n.b.Instance("Web", {n.subnet}, {n.group}, true);
  Model model = std::move(n.b).Build();
  ASSERT_OK_AND_ASSIGN(Network network, Network::Build(model));
  ReachResult r = network.Reach(Endpoint::Internet(), Endpoint::Resource(web));
  EXPECT_FALSE(
      r.reachable.Contains(kTcp, Ip("198.51.100.1"), Ip("10.0.1.5"), 443));
  EXPECT_TRUE(r.reachable.Contains(kTcp, Ip("8.8.8.8"), Ip("10.0.1.5"), 443));
  EXPECT_NE(StoppedAt(r, kTcp, "198.51.100.1", "10.0.1.5", 443), nullptr);
}

TEST(ReachTest, AnotherVpcsInternetGatewayDoesNotCount) {
  PublicSubnet n;
  size_t other_vpc = n.b.Vpc("Other", "10.1.0.0/16");
  size_t other_igw = n.b.Igw("OtherIgw", other_vpc);
  n.b.RouteTo(n.table, "198.51.100.0/24", RouteTargetKind::kInternetGateway,
              other_igw);
  n.b.Ingress(n.group, "tcp", 443, 443, "0.0.0.0/0");
  size_t web = n.b.Instance("Web", {n.subnet}, {n.group}, true);
  Model model = std::move(n.b).Build();
  ASSERT_OK_AND_ASSIGN(Network network, Network::Build(model));
  ReachResult r = network.Reach(Endpoint::Internet(), Endpoint::Resource(web));
  EXPECT_FALSE(
      r.reachable.Contains(kTcp, Ip("198.51.100.1"), Ip("10.0.1.5"), 443));
  EXPECT_TRUE(r.reachable.Contains(kTcp, Ip("8.8.8.8"), Ip("10.0.1.5"), 443));
}

TEST(ReachTest, NoInternetGatewayRoute) {
  NetBuilder b;
  size_t vpc = b.Vpc("Vpc", "10.0.0.0/16");
  size_t subnet = b.SubnetIn("S", vpc, "10.0.1.0/24");
  size_t group = b.Group("G", vpc);
  b.Ingress(group, "tcp", 443, 443, "0.0.0.0/0");
  size_t web = b.Instance("Web", {subnet}, {group}, true);
  Model model = std::move(b).Build();
  ASSERT_OK_AND_ASSIGN(Network network, Network::Build(model));
  ReachResult r = network.Reach(Endpoint::Internet(), Endpoint::Resource(web));
  EXPECT_TRUE(r.reachable.empty());
  // A CIDR source is not required to come through an internet gateway.
  r = network.Reach(Endpoint::Cidr("192.0.2.0/24"), Endpoint::Resource(web));
  EXPECT_TRUE(r.reachable.Contains(kTcp, Ip("192.0.2.1"), Ip("10.0.1.5"), 443));
  EXPECT_FALSE(r.reachable.Contains(kTcp, Ip("8.8.8.8"), Ip("10.0.1.5"), 443));
}

TEST(ReachTest, PrefixListPeer) {
  PublicSubnet n;
  n.b.builder().AddPrefixList({.resource = kNoResource,
                               .id = "pl-123",
                               .cidrs = {"198.51.100.0/24"},
                               .location = n.b.Next()});
  SecurityGroupRule rule = n.b.Rule(n.group, true, "tcp", 22, 22, "");
  rule.prefix_list = "pl-123";
  n.b.AddRule(std::move(rule));
  size_t web = n.b.Instance("Web", {n.subnet}, {n.group}, true);
  Model model = std::move(n.b).Build();
  ASSERT_OK_AND_ASSIGN(Network network, Network::Build(model));
  EXPECT_TRUE(network.diagnostics().empty());
  ReachResult r = network.Reach(Endpoint::Internet(), Endpoint::Resource(web));
  EXPECT_TRUE(
      r.reachable.Contains(kTcp, Ip("198.51.100.7"), Ip("10.0.1.5"), 22));
  EXPECT_FALSE(r.reachable.Contains(kTcp, Ip("8.8.8.8"), Ip("10.0.1.5"), 22));
}

TEST(ReachTest, SecurityGroupToSecurityGroup) {
  NetBuilder b;
  size_t vpc = b.Vpc("Vpc", "10.0.0.0/16");
  size_t app_subnet = b.SubnetIn("App", vpc, "10.0.1.0/24");
  size_t db_subnet = b.SubnetIn("Data", vpc, "10.0.2.0/24");
  size_t app_group = b.Group("AppSg", vpc);
  size_t other_group = b.Group("OtherSg", vpc);
  size_t db_group = b.Group("DbSg", vpc);
  SecurityGroupRule rule = b.Rule(db_group, true, "tcp", 5432, 5432, "");
  rule.peer_group = app_group;
  SourceLocation at = b.AddRule(std::move(rule));
  size_t app = b.Instance("App", {app_subnet}, {app_group}, false);
  size_t other = b.Instance("Other", {app_subnet}, {other_group}, false);
  size_t db = b.Instance("Db", {db_subnet}, {db_group}, false);
  Model model = std::move(b).Build();
  ASSERT_OK_AND_ASSIGN(Network network, Network::Build(model));
  ReachResult r =
      network.Reach(Endpoint::Resource(app), Endpoint::Resource(db));
  EXPECT_TRUE(r.reachable.Contains(kTcp, Ip("10.0.1.4"), Ip("10.0.2.4"), 5432));
  EXPECT_FALSE(r.reachable.Contains(kTcp, Ip("10.0.1.4"), Ip("10.0.2.4"), 22));
  ASSERT_EQ(r.flows.size(), 1u);
  bool found = false;
  for (const Step& step : r.flows[0].steps) {
    if (step.kind == Step::Kind::kSecurityGroupIngress) {
      found = true;
      EXPECT_EQ(step.location, at);
      EXPECT_EQ(step.rule, "ingress tcp 5432 from group AppSg");
    }
  }
  EXPECT_TRUE(found);
  r = network.Reach(Endpoint::Resource(other), Endpoint::Resource(db));
  EXPECT_TRUE(r.reachable.empty());
  // A group as destination means its members.
  r = network.Reach(Endpoint::Resource(app_group),
                    Endpoint::Resource(db_group));
  EXPECT_TRUE(r.reachable.Contains(kTcp, Ip("10.0.1.4"), Ip("10.0.2.4"), 5432));
}

TEST(ReachTest, WorkloadToWorkloadAclsOnlyAcrossSubnets) {
  NetBuilder b;
  size_t vpc = b.Vpc("Vpc", "10.0.0.0/16");
  size_t s1 = b.SubnetIn("S1", vpc, "10.0.1.0/24");
  size_t s2 = b.SubnetIn("S2", vpc, "10.0.2.0/24");
  size_t acl = b.Acl("Closed", vpc);  // no entries: denies everything
  b.AssociateAcl(acl, s1);
  size_t group = b.Group("G", vpc);
  b.Ingress(group, "tcp", 80, 80, "10.0.0.0/16");
  size_t a = b.Instance("A", {s1}, {group}, false);
  size_t a2 = b.Instance("A2", {s1}, {group}, false);
  size_t c = b.Instance("C", {s2}, {group}, false);
  Model model = std::move(b).Build();
  ASSERT_OK_AND_ASSIGN(Network network, Network::Build(model));
  ReachResult same =
      network.Reach(Endpoint::Resource(a), Endpoint::Resource(a2));
  EXPECT_TRUE(
      same.reachable.Contains(kTcp, Ip("10.0.1.4"), Ip("10.0.1.5"), 80));
  ReachResult cross =
      network.Reach(Endpoint::Resource(a), Endpoint::Resource(c));
  EXPECT_TRUE(cross.reachable.empty());
  const Stopped* s = StoppedAt(cross, kTcp, "10.0.1.4", "10.0.2.5", 80);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->stopped_by.kind, Step::Kind::kNetworkAclOutbound);
  EXPECT_EQ(s->stopped_by.rule, "default deny (*)");
}

TEST(ReachTest, EgressRulesOfTheSource) {
  NetBuilder b;
  size_t vpc = b.Vpc("Vpc", "10.0.0.0/16");
  size_t s1 = b.SubnetIn("S1", vpc, "10.0.1.0/24");
  size_t open = b.Group("Open", vpc);
  b.Ingress(open, "-1", -1, -1, "0.0.0.0/0");
  size_t quiet = b.Group("Quiet", vpc, /*default_egress=*/false);
  size_t a = b.Instance("A", {s1}, {quiet}, false);
  size_t c = b.Instance("C", {s1}, {open}, false);
  Model model = std::move(b).Build();
  ASSERT_OK_AND_ASSIGN(Network network, Network::Build(model));
  ReachResult r = network.Reach(Endpoint::Resource(a), Endpoint::Resource(c));
  EXPECT_TRUE(r.reachable.empty());
  ASSERT_FALSE(r.stopped.empty());
  EXPECT_EQ(r.stopped[0].stopped_by.kind, Step::Kind::kSecurityGroupEgress);
  r = network.Reach(Endpoint::Resource(c), Endpoint::Resource(c));
  EXPECT_TRUE(r.reachable.Contains(kTcp, Ip("10.0.1.4"), Ip("10.0.1.5"), 1));
}

TEST(ReachTest, ExposedToInternetRestrictsLoadBalancersToListeners) {
  PublicSubnet n;
  n.b.Ingress(n.group, "tcp", 0, 65535, "0.0.0.0/0");
  size_t lb = n.b.Instance("Lb", {n.subnet}, {n.group}, true,
                           WorkloadKind::kLoadBalancer);
  n.b.WorkloadOf(lb).listeners.push_back(
      {.protocol = "tcp", .port = 443, .location = n.b.Next()});
  n.b.Instance("Private", {n.subnet}, {n.group}, false);
  Model model = std::move(n.b).Build();
  ASSERT_OK_AND_ASSIGN(Network network, Network::Build(model));
  std::vector<Exposure> exposed = network.ExposedToInternet();
  ASSERT_EQ(exposed.size(), 1u);
  EXPECT_EQ(exposed[0].workload, 0u);
  const ip::PacketSet& reach = exposed[0].reach.reachable;
  EXPECT_TRUE(reach.Contains(kTcp, Ip("8.8.8.8"), Ip("10.0.1.5"), 443));
  EXPECT_FALSE(reach.Contains(kTcp, Ip("8.8.8.8"), Ip("10.0.1.5"), 80));
}

// ExposedToInternet asks a listener's question on its ports only; the answer
// (flows and stopped parts) is the full question's, restricted to them.
TEST(ReachTest, ExposedToInternetEqualsTheRestrictedQuestion) {
  PublicSubnet n;
  n.b.Ingress(n.group, "tcp", 400, 500, "0.0.0.0/0");
  n.b.Ingress(n.group, "tcp", 443, 443, "8.8.0.0/16");
  size_t lb = n.b.Instance("Lb", {n.subnet}, {n.group}, true,
                           WorkloadKind::kLoadBalancer);
  n.b.WorkloadOf(lb).listeners.push_back(
      {.protocol = "tcp", .port = 443, .location = n.b.Next()});
  n.b.WorkloadOf(lb).listeners.push_back(
      {.protocol = "tcp", .port = 8443, .location = n.b.Next()});
  Model model = std::move(n.b).Build();
  ASSERT_OK_AND_ASSIGN(Network network, Network::Build(model));
  std::vector<Exposure> exposed = network.ExposedToInternet();
  ASSERT_EQ(exposed.size(), 1u);
  ip::PacketSet ports;
  for (int port : {443, 8443}) {
    ports.Add(ip::ProtocolSet::Of({ip::Protocol::Tcp()}), ip::AddressSet::All(),
              ip::AddressSet::All(),
              ip::PortSet::Of(ip::PortRange::Single(port)));
  }
  ReachResult full =
      network.Reach(Endpoint::Internet(), Endpoint::Resource(lb));
  const ReachResult& got = exposed[0].reach;
  EXPECT_TRUE(got.reachable.IsSubsetOf(full.reachable.Intersect(ports)));
  EXPECT_TRUE(full.reachable.Intersect(ports).IsSubsetOf(got.reachable));
  EXPECT_FALSE(got.reachable.empty());
  ip::PacketSet stopped;
  for (const Stopped& part : got.stopped) stopped.Add(part.packets);
  ip::PacketSet full_stopped;
  for (const Stopped& part : full.stopped) full_stopped.Add(part.packets);
  EXPECT_TRUE(stopped.IsSubsetOf(full_stopped.Intersect(ports)));
  EXPECT_TRUE(full_stopped.Intersect(ports).IsSubsetOf(stopped));
  EXPECT_FALSE(stopped.empty());  // 8443 is closed
  ASSERT_FALSE(got.flows.empty());
  EXPECT_EQ(got.flows[0].steps.size(), full.flows[0].steps.size());
}

// ExposedToInternet skips workloads without a public IPv4 address unless a
// subnet of theirs has an IPv6 block.
TEST(ReachTest, ExposedToInternetListsIpv6WorkloadsWithoutPublicIp) {
  NetBuilder b;
  size_t vpc = b.Vpc("Vpc", "10.0.0.0/16", "2600:1f18::/56");
  size_t dual = b.SubnetIn("Dual", vpc, "10.0.1.0/24", "2600:1f18::/64");
  size_t v4 = b.SubnetIn("V4", vpc, "10.0.2.0/24");
  size_t igw = b.Igw("Igw", vpc);
  size_t table = b.Table("Rt", vpc);
  b.RouteTo(table, "::/0", RouteTargetKind::kInternetGateway, igw);
  b.RouteTo(table, "0.0.0.0/0", RouteTargetKind::kInternetGateway, igw);
  b.Associate(table, dual);
  b.Associate(table, v4);
  size_t group = b.Group("G", vpc);
  b.Ingress(group, "tcp", 443, 443, "::/0");
  b.Ingress(group, "tcp", 443, 443, "0.0.0.0/0");
  b.Instance("V4Only", {v4}, {group}, /*public_ip=*/false);
  b.Instance("Web", {dual}, {group}, /*public_ip=*/false);
  Model model = std::move(b).Build();
  ASSERT_OK_AND_ASSIGN(Network network, Network::Build(model));
  std::vector<Exposure> exposed = network.ExposedToInternet();
  ASSERT_EQ(exposed.size(), 1u);
  EXPECT_EQ(exposed[0].workload, 1u);
  EXPECT_TRUE(exposed[0].reach.reachable.Contains(kTcp, Ip("2001:db8::1"),
                                                  Ip("2600:1f18::10"), 443));
}

Packet TcpPacket(const char* src, const char* dst, int port,
                 int source_port = -1) {
  return {.protocol = kTcp,
          .source = Ip(src),
          .destination = Ip(dst),
          .port = port,
          .source_port = source_port};
}

TEST(ExplainTest, ReachablePacketListsEveryStepInPathOrder) {
  PublicSubnet n;
  SourceLocation rule = n.b.Ingress(n.group, "tcp", 443, 443, "0.0.0.0/0");
  size_t web = n.b.Instance("Web", {n.subnet}, {n.group}, true);
  Model model = std::move(n.b).Build();
  ASSERT_OK_AND_ASSIGN(Network network, Network::Build(model));
  Explanation e = network.Explain(Endpoint::Internet(), Endpoint::Resource(web),
                                  TcpPacket("8.8.8.8", "10.0.1.5", 443));
  EXPECT_TRUE(e.reachable);
  ASSERT_EQ(e.steps.size(), 5u);
  EXPECT_EQ(e.steps[0].kind, Step::Kind::kAddressing);
  EXPECT_EQ(e.steps[1].location, n.default_route);
  EXPECT_EQ(e.steps[3].location, rule);
  EXPECT_EQ(e.steps[4].kind, Step::Kind::kNetworkAclReturn);
}

TEST(ExplainTest, StoppedPacketListsTheStepsBeforeTheOneThatStoppedIt) {
  PublicSubnet n;
  n.b.Ingress(n.group, "tcp", 443, 443, "0.0.0.0/0");
  size_t web = n.b.Instance("Web", {n.subnet}, {n.group}, true);
  Model model = std::move(n.b).Build();
  ASSERT_OK_AND_ASSIGN(Network network, Network::Build(model));
  Explanation e = network.Explain(Endpoint::Internet(), Endpoint::Resource(web),
                                  TcpPacket("8.8.8.8", "10.0.1.5", 22));
  EXPECT_FALSE(e.reachable);
  EXPECT_EQ(e.stopped_by.rule, "no security group rule allows it");
  ASSERT_EQ(e.steps.size(), 4u);
  EXPECT_EQ(e.steps[0].kind, Step::Kind::kAddressing);
  EXPECT_EQ(e.steps[1].kind, Step::Kind::kRoute);
  EXPECT_EQ(e.steps[2].kind, Step::Kind::kNetworkAclInbound);
  EXPECT_EQ(e.steps[3].kind, Step::Kind::kSecurityGroupIngress);

  e = network.Explain(Endpoint::Internet(), Endpoint::Resource(web),
                      TcpPacket("10.0.0.9", "10.0.1.5", 443));
  EXPECT_FALSE(e.reachable) << "a VPC address is not the internet";
  EXPECT_EQ(e.stopped_by.kind, Step::Kind::kAddressing);
  EXPECT_EQ(e.steps.size(), 1u);
}

TEST(ExplainTest, NotAddressableAndMissingRoute) {
  NetBuilder b;
  size_t vpc = b.Vpc("Vpc", "10.0.0.0/16");
  size_t subnet = b.SubnetIn("Private", vpc, "10.0.1.0/24");
  size_t group = b.Group("G", vpc);
  b.Ingress(group, "tcp", 443, 443, "0.0.0.0/0");
  size_t a = b.Instance("A", {subnet}, {group}, /*public_ip=*/false);
  size_t c = b.Instance("C", {subnet}, {group}, /*public_ip=*/true);
  Model model = std::move(b).Build();
  ASSERT_OK_AND_ASSIGN(Network network, Network::Build(model));
  Explanation e = network.Explain(Endpoint::Internet(), Endpoint::Resource(a),
                                  TcpPacket("8.8.8.8", "10.0.1.5", 443));
  EXPECT_FALSE(e.reachable);
  EXPECT_EQ(e.stopped_by.rule, "not addressable: no public IP");
  e = network.Explain(Endpoint::Internet(), Endpoint::Resource(c),
                      TcpPacket("8.8.8.8", "10.0.1.5", 443));
  EXPECT_FALSE(e.reachable);
  EXPECT_EQ(e.stopped_by.kind, Step::Kind::kRoute);
  EXPECT_EQ(e.steps.size(), 2u);
}

TEST(ExplainTest, SourcePortDecidesTheReturnPath) {
  PublicSubnet n;
  size_t acl = n.b.Acl("Nacl", n.vpc);
  n.b.AssociateAcl(acl, n.subnet);
  n.b.Entry(acl, 100, false, "-1", -1, -1, "0.0.0.0/0", true);
  SourceLocation deny =
      n.b.Entry(acl, 90, true, "tcp", 1024, 32767, "0.0.0.0/0", false);
  n.b.Entry(acl, 100, true, "tcp", 0, 65535, "0.0.0.0/0", true);
  n.b.Ingress(n.group, "tcp", 443, 443, "0.0.0.0/0");
  size_t web = n.b.Instance("Web", {n.subnet}, {n.group}, true);
  Model model = std::move(n.b).Build();
  ASSERT_OK_AND_ASSIGN(Network network, Network::Build(model));
  Endpoint from = Endpoint::Internet();
  Endpoint to = Endpoint::Resource(web);
  EXPECT_TRUE(
      network.Explain(from, to, TcpPacket("8.8.8.8", "10.0.1.5", 443, 40000))
          .reachable);
  Explanation e =
      network.Explain(from, to, TcpPacket("8.8.8.8", "10.0.1.5", 443, 2000));
  EXPECT_FALSE(e.reachable);
  EXPECT_EQ(e.stopped_by.kind, Step::Kind::kNetworkAclReturn);
  EXPECT_EQ(e.stopped_by.location, deny);
  EXPECT_EQ(e.steps.size(), 5u);
  // Without a source port every ephemeral port counts, as in Reach.
  e = network.Explain(from, to, TcpPacket("8.8.8.8", "10.0.1.5", 443));
  EXPECT_FALSE(e.reachable);
  EXPECT_EQ(e.stopped_by.location, deny);
}

TEST(ExplainTest, AgreesWithReachOnRandomPackets) {
  NetBuilder b;
  size_t vpc = b.Vpc("Vpc", "10.0.0.0/16");
  size_t s1 = b.SubnetIn("S1", vpc, "10.0.1.0/24");
  size_t s2 = b.SubnetIn("S2", vpc, "10.0.2.0/24");
  size_t igw = b.Igw("Igw", vpc);
  size_t table = b.Table("Rt", vpc);
  b.RouteTo(table, "0.0.0.0/0", RouteTargetKind::kInternetGateway, igw);
  b.RouteTo(table, "198.51.100.0/24", RouteTargetKind::kNatGateway, kNoResource,
            /*blackhole=*/true);
  b.Associate(table, s1);
  b.Associate(table, s2);
  size_t acl = b.Acl("Nacl", vpc);
  b.AssociateAcl(acl, s2);
  b.Entry(acl, 100, false, "tcp", 22, 22, "203.0.113.0/24", false);
  b.Entry(acl, 110, false, "tcp", 0, 1000, "0.0.0.0/0", true);
  b.Entry(acl, 120, false, "udp", 53, 53, "10.0.0.0/16", true);
  b.Entry(acl, 100, true, "tcp", 1024, 40000, "0.0.0.0/0", true);
  b.Entry(acl, 110, true, "udp", 0, 65535, "10.0.0.0/16", true);
  size_t g1 = b.Group("G1", vpc);
  size_t g2 = b.Group("G2", vpc);
  b.Ingress(g2, "tcp", 0, 500, "0.0.0.0/0");
  b.Ingress(g2, "udp", 53, 53, "10.0.1.0/24");
  b.Ingress(g1, "-1", -1, -1, "10.0.0.0/16");
  size_t w1 = b.Instance("W1", {s1}, {g1}, true);
  size_t w2 = b.Instance("W2", {s2}, {g2}, true);
  Model model = std::move(b).Build();
  ASSERT_OK_AND_ASSIGN(Network network, Network::Build(model));
  const std::vector<const char*> sources = {
      "8.8.8.8", "203.0.113.7", "198.51.100.3", "10.0.1.4", "10.0.2.4"};
  const std::vector<const char*> destinations = {"10.0.1.9", "10.0.2.9"};
  const std::vector<ip::Protocol> protocols = {kTcp, ip::Protocol::Udp(),
                                               ip::Protocol::Icmp()};
  const std::vector<std::pair<Endpoint, Endpoint>> questions = {
      {Endpoint::Internet(), Endpoint::Resource(w1)},
      {Endpoint::Internet(), Endpoint::Resource(w2)},
      {Endpoint::Resource(w1), Endpoint::Resource(w2)},
      {Endpoint::Resource(w2), Endpoint::Resource(w1)}};
  std::mt19937 random(7);
  for (const auto& [from, to] : questions) {
    ReachResult r = network.Reach(from, to);
    for (int i = 0; i < 300; ++i) {
      Packet packet{
          .protocol = protocols[random() % protocols.size()],
          .source = Ip(sources[random() % sources.size()]),
          .destination = Ip(destinations[random() % destinations.size()]),
          .port = static_cast<int>(random() % 1100),
          .source_port = -1};
      Explanation e = network.Explain(from, to, packet);
      const bool in_reach = r.reachable.Contains(
          packet.protocol, packet.source, packet.destination, packet.port);
      ASSERT_EQ(e.reachable, in_reach)
          << packet.protocol << " " << packet.source << " -> "
          << packet.destination << ":" << packet.port;
      if (e.reachable) {
        ASSERT_FALSE(e.steps.empty());
        continue;
      }
      ASSERT_FALSE(e.steps.empty());
      EXPECT_EQ(e.steps.back().rule, e.stopped_by.rule);
      for (const Stopped& s : r.stopped) {
        if (s.packets.Contains(packet.protocol, packet.source,
                               packet.destination, packet.port)) {
          EXPECT_EQ(s.stopped_by.rule, e.stopped_by.rule);
          EXPECT_EQ(s.stopped_by.location, e.stopped_by.location);
        }
      }
    }
  }
}

}  // namespace
}  // namespace polygraph::net
