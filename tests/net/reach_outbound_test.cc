// Reach from a workload towards the internet or an external CIDR: security
// group egress, the subnet's ACL both ways, the route (internet gateway,
// egress-only internet gateway, NAT gateway) and the NAT subnet's part.

#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "polygraph/reachability.h"
#include "tests/net/net_testing.h"
#include "tests/testing.h"

namespace polygraph::net {
namespace {

using ::polygraph::testing::FlowOf;
using ::polygraph::testing::Ip;
using ::polygraph::testing::NetBuilder;
using ::polygraph::testing::StoppedAt;

constexpr ip::Protocol kTcp = ip::Protocol::Tcp();

std::vector<Step::Kind> KindsOf(const std::vector<Step>& steps) {
  std::vector<Step::Kind> kinds;
  for (const Step& step : steps) kinds.push_back(step.kind);
  return kinds;
}

// A VPC 10.0.0.0/16 (and 2600:1f18::/56) with a public subnet 10.0.1.0/24
// (route table `public_table`, 0.0.0.0/0 to an internet gateway) holding a
// NAT gateway, and a private subnet 10.0.2.0/24 (2600:1f18::/64) whose
// table sends 0.0.0.0/0 to the NAT gateway.
struct TwoTier {
  NetBuilder b;
  size_t vpc = b.Vpc("Vpc", "10.0.0.0/16", "2600:1f18::/56");
  size_t public_subnet = b.SubnetIn("Public", vpc, "10.0.1.0/24");
  size_t private_subnet =
      b.SubnetIn("Private", vpc, "10.0.2.0/24", "2600:1f18::/64");
  size_t igw = b.Igw("Igw", vpc);
  size_t nat = b.Add("Nat", ResourceKind::kNatGateway, "AWS::EC2::NatGateway");
  size_t public_table = b.Table("PublicRt", vpc);
  size_t private_table = b.Table("PrivateRt", vpc);
  size_t group = b.Group("App", vpc);

  explicit TwoTier(bool nat_igw_route = true, bool private_nat = false) {
    b.builder().AddGateway({.resource = nat,
                            .kind = GatewayKind::kNatGateway,
                            .vpc = vpc,
                            .subnet = public_subnet,
                            .private_nat = private_nat,
                            .service_name = "",
                            .location = b.Next()});
    if (nat_igw_route) {
      b.RouteTo(public_table, "0.0.0.0/0", RouteTargetKind::kInternetGateway,
                igw);
    }
    b.Associate(public_table, public_subnet);
    b.RouteTo(private_table, "0.0.0.0/0", RouteTargetKind::kNatGateway, nat);
    b.Associate(private_table, private_subnet);
    b.AddRule(b.Rule(group, false, "-1", -1, -1, "::/0"));
  }
};

TEST(ReachOutboundTest, PrivateWorkloadReachesTheInternetThroughNat) {
  TwoTier n;
  size_t app = n.b.Instance("App", {n.private_subnet}, {n.group}, false);
  Model model = std::move(n.b).Build();
  ASSERT_OK_AND_ASSIGN(Network network, Network::Build(model));
  ReachResult r = network.Reach(Endpoint::Resource(app), Endpoint::Internet());
  EXPECT_TRUE(r.reachable.Contains(kTcp, Ip("10.0.2.5"), Ip("8.8.8.8"), 443));
  EXPECT_FALSE(r.reachable.Contains(kTcp, Ip("10.0.2.5"), Ip("10.0.1.9"), 443))
      << "VPC addresses are not the internet";
  EXPECT_FALSE(
      r.reachable.Contains(kTcp, Ip("2600:1f18::5"), Ip("2001:db8::1"), 443))
      << "no IPv6 route";
  const Flow* flow = FlowOf(r, kTcp, "10.0.2.5", "8.8.8.8", 443);
  ASSERT_NE(flow, nullptr);
  const std::vector<Step::Kind> expected = {Step::Kind::kSecurityGroupEgress,
                                            Step::Kind::kNetworkAclOutbound,
                                            Step::Kind::kRoute,
                                            Step::Kind::kNetworkAclInbound,
                                            Step::Kind::kAddressing,
                                            Step::Kind::kNetworkAclOutbound,
                                            Step::Kind::kRoute,
                                            Step::Kind::kNetworkAclReturn,
                                            Step::Kind::kNetworkAclReturn,
                                            Step::Kind::kNetworkAclReturn};
  // Replies: NAT subnet in, NAT subnet out, source subnet in.
  EXPECT_EQ(KindsOf(flow->steps), expected);
  EXPECT_EQ(flow->steps[2].resource, n.private_table);
  EXPECT_EQ(flow->steps[4].resource, n.nat);
  EXPECT_EQ(flow->steps[4].rule,
            "NAT gateway Nat translates the source address");
  EXPECT_EQ(flow->steps[6].resource, n.public_table);
  const Stopped* s = StoppedAt(r, kTcp, "2600:1f18::5", "2001:db8::1", 443);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->stopped_by.kind, Step::Kind::kRoute);
}

TEST(ReachOutboundTest, NatWithoutAnInternetGatewayRouteStops) {
  TwoTier n(/*nat_igw_route=*/false);
  size_t app = n.b.Instance("App", {n.private_subnet}, {n.group}, false);
  Model model = std::move(n.b).Build();
  ASSERT_OK_AND_ASSIGN(Network network, Network::Build(model));
  ReachResult r = network.Reach(Endpoint::Resource(app), Endpoint::Internet());
  EXPECT_TRUE(r.reachable.empty()) << r.reachable;
  const Stopped* s = StoppedAt(r, kTcp, "10.0.2.5", "8.8.8.8", 443);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->stopped_by.kind, Step::Kind::kRoute);
  EXPECT_EQ(s->stopped_by.resource, n.public_table);
  EXPECT_EQ(s->stopped_by.rule.rfind(
                "NAT subnet: no route to an internet gateway for", 0),
            0u)
      << s->stopped_by.rule;
}

TEST(ReachOutboundTest, PrivateNatGatewayDoesNotReachTheInternet) {
  TwoTier n(/*nat_igw_route=*/true, /*private_nat=*/true);
  size_t app = n.b.Instance("App", {n.private_subnet}, {n.group}, false);
  Model model = std::move(n.b).Build();
  ASSERT_OK_AND_ASSIGN(Network network, Network::Build(model));
  ReachResult r = network.Reach(Endpoint::Resource(app), Endpoint::Internet());
  EXPECT_TRUE(r.reachable.empty()) << r.reachable;
  const Stopped* s = StoppedAt(r, kTcp, "10.0.2.5", "8.8.8.8", 443);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->stopped_by.kind, Step::Kind::kAddressing);
  EXPECT_EQ(s->stopped_by.resource, n.nat);
}

TEST(ReachOutboundTest, NatSubnetAclInboundIsCrossed) {
  TwoTier n;
  size_t acl = n.b.Acl("PublicAcl", n.vpc);
  n.b.AssociateAcl(acl, n.public_subnet);
  SourceLocation deny =
      n.b.Entry(acl, 90, false, "tcp", 443, 443, "10.0.2.0/24", false);
  n.b.Entry(acl, 100, false, "-1", -1, -1, "0.0.0.0/0", true);
  n.b.Entry(acl, 100, true, "-1", -1, -1, "0.0.0.0/0", true);
  size_t app = n.b.Instance("App", {n.private_subnet}, {n.group}, false);
  Model model = std::move(n.b).Build();
  ASSERT_OK_AND_ASSIGN(Network network, Network::Build(model));
  ReachResult r = network.Reach(Endpoint::Resource(app), Endpoint::Internet());
  EXPECT_TRUE(r.reachable.Contains(kTcp, Ip("10.0.2.5"), Ip("8.8.8.8"), 80));
  const Stopped* s = StoppedAt(r, kTcp, "10.0.2.5", "8.8.8.8", 443);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->stopped_by.kind, Step::Kind::kNetworkAclInbound);
  EXPECT_EQ(s->stopped_by.location, deny);
}

TEST(ReachOutboundTest, InternetGatewayNeedsAPublicIpv4ButNotForIpv6) {
  NetBuilder b;
  size_t vpc = b.Vpc("Vpc", "10.0.0.0/16", "2600:1f18::/56");
  size_t subnet = b.SubnetIn("S", vpc, "10.0.1.0/24", "2600:1f18::/64");
  size_t igw = b.Igw("Igw", vpc);
  size_t table = b.Table("Rt", vpc);
  b.RouteTo(table, "0.0.0.0/0", RouteTargetKind::kInternetGateway, igw);
  b.RouteTo(table, "::/0", RouteTargetKind::kInternetGateway, igw);
  b.Associate(table, subnet);
  size_t group = b.Group("G", vpc);
  b.AddRule(b.Rule(group, false, "-1", -1, -1, "::/0"));
  size_t web = b.Instance("Web", {subnet}, {group}, /*public_ip=*/false);
  size_t pub = b.Instance("Pub", {subnet}, {group}, /*public_ip=*/true);
  Model model = std::move(b).Build();
  ASSERT_OK_AND_ASSIGN(Network network, Network::Build(model));
  ReachResult r = network.Reach(Endpoint::Resource(web), Endpoint::Internet());
  EXPECT_FALSE(r.reachable.Contains(kTcp, Ip("10.0.1.5"), Ip("8.8.8.8"), 443));
  EXPECT_TRUE(
      r.reachable.Contains(kTcp, Ip("2600:1f18::5"), Ip("2001:db8::1"), 443));
  const Stopped* s = StoppedAt(r, kTcp, "10.0.1.5", "8.8.8.8", 443);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->stopped_by.kind, Step::Kind::kAddressing);
  EXPECT_EQ(s->stopped_by.rule, "no public IPv4 address");
  ReachResult p = network.Reach(Endpoint::Resource(pub), Endpoint::Internet());
  EXPECT_TRUE(p.reachable.Contains(kTcp, Ip("10.0.1.5"), Ip("8.8.8.8"), 443));
  const Flow* flow = FlowOf(p, kTcp, "10.0.1.5", "8.8.8.8", 443);
  ASSERT_NE(flow, nullptr);
  const std::vector<Step::Kind> expected = {
      Step::Kind::kSecurityGroupEgress, Step::Kind::kNetworkAclOutbound,
      Step::Kind::kRoute, Step::Kind::kAddressing,
      Step::Kind::kNetworkAclReturn};
  EXPECT_EQ(KindsOf(flow->steps), expected);
}

TEST(ReachOutboundTest, EgressOnlyInternetGatewayCarriesIpv6Out) {
  NetBuilder b;
  size_t vpc = b.Vpc("Vpc", "10.0.0.0/16", "2600:1f18::/56");
  size_t subnet = b.SubnetIn("S", vpc, "10.0.1.0/24", "2600:1f18::/64");
  size_t eigw = b.Add("Eigw", ResourceKind::kInternetGateway,
                      "AWS::EC2::EgressOnlyInternetGateway");
  size_t table = b.Table("Rt", vpc);
  SourceLocation route = b.RouteTo(
      table, "::/0", RouteTargetKind::kEgressOnlyInternetGateway, eigw);
  b.Associate(table, subnet);
  size_t group = b.Group("G", vpc);
  b.AddRule(b.Rule(group, false, "-1", -1, -1, "::/0"));
  size_t web = b.Instance("Web", {subnet}, {group}, /*public_ip=*/true);
  Model model = std::move(b).Build();
  ASSERT_OK_AND_ASSIGN(Network network, Network::Build(model));
  ReachResult r = network.Reach(Endpoint::Resource(web), Endpoint::Internet());
  EXPECT_TRUE(
      r.reachable.Contains(kTcp, Ip("2600:1f18::5"), Ip("2001:db8::1"), 443));
  EXPECT_FALSE(r.reachable.Contains(kTcp, Ip("10.0.1.5"), Ip("8.8.8.8"), 443));
  const Flow* flow = FlowOf(r, kTcp, "2600:1f18::5", "2001:db8::1", 443);
  ASSERT_NE(flow, nullptr);
  ASSERT_EQ(flow->steps.size(), 4u);
  EXPECT_EQ(flow->steps[2].kind, Step::Kind::kRoute);
  EXPECT_EQ(flow->steps[2].location, route);
  const Stopped* s = StoppedAt(r, kTcp, "10.0.1.5", "8.8.8.8", 443);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->stopped_by.kind, Step::Kind::kRoute);
  EXPECT_EQ(s->stopped_by.rule.rfind("no route for", 0), 0u)
      << s->stopped_by.rule;
}

// A public instance in 10.0.1.0/24 behind an internet gateway.
struct PublicInstance {
  NetBuilder b;
  size_t vpc = b.Vpc("Vpc", "10.0.0.0/16");
  size_t subnet = b.SubnetIn("S", vpc, "10.0.1.0/24");
  size_t igw = b.Igw("Igw", vpc);
  size_t table = b.Table("Rt", vpc);
  size_t acl = b.Acl("Acl", vpc);

  PublicInstance() {
    b.RouteTo(table, "0.0.0.0/0", RouteTargetKind::kInternetGateway, igw);
    b.Associate(table, subnet);
    b.AssociateAcl(acl, subnet);
  }
};

TEST(ReachOutboundTest, MissingSecurityGroupEgressStops) {
  PublicInstance n;
  n.b.Entry(n.acl, 100, false, "-1", -1, -1, "0.0.0.0/0", true);
  n.b.Entry(n.acl, 100, true, "-1", -1, -1, "0.0.0.0/0", true);
  size_t group = n.b.Group("G", n.vpc, /*default_egress=*/false);
  n.b.AddRule(n.b.Rule(group, false, "tcp", 443, 443, "0.0.0.0/0"));
  size_t web = n.b.Instance("Web", {n.subnet}, {group}, true);
  Model model = std::move(n.b).Build();
  ASSERT_OK_AND_ASSIGN(Network network, Network::Build(model));
  ReachResult r = network.Reach(Endpoint::Resource(web), Endpoint::Internet());
  EXPECT_TRUE(r.reachable.Contains(kTcp, Ip("10.0.1.5"), Ip("8.8.8.8"), 443));
  EXPECT_FALSE(r.reachable.Contains(kTcp, Ip("10.0.1.5"), Ip("8.8.8.8"), 22));
  const Stopped* s = StoppedAt(r, kTcp, "10.0.1.5", "8.8.8.8", 22);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->stopped_by.kind, Step::Kind::kSecurityGroupEgress);
  EXPECT_EQ(s->stopped_by.rule, "no security group rule allows it");
}

TEST(ReachOutboundTest, OutboundAclDenyStops) {
  PublicInstance n;
  n.b.Entry(n.acl, 100, false, "-1", -1, -1, "0.0.0.0/0", true);
  SourceLocation deny =
      n.b.Entry(n.acl, 50, true, "tcp", 25, 25, "0.0.0.0/0", false);
  n.b.Entry(n.acl, 100, true, "-1", -1, -1, "0.0.0.0/0", true);
  size_t group = n.b.Group("G", n.vpc);
  size_t web = n.b.Instance("Web", {n.subnet}, {group}, true);
  Model model = std::move(n.b).Build();
  ASSERT_OK_AND_ASSIGN(Network network, Network::Build(model));
  ReachResult r = network.Reach(Endpoint::Resource(web), Endpoint::Internet());
  EXPECT_TRUE(r.reachable.Contains(kTcp, Ip("10.0.1.5"), Ip("8.8.8.8"), 443));
  const Stopped* s = StoppedAt(r, kTcp, "10.0.1.5", "8.8.8.8", 25);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->stopped_by.kind, Step::Kind::kNetworkAclOutbound);
  EXPECT_EQ(s->stopped_by.location, deny);
}

TEST(ReachOutboundTest, InboundAclBlockingRepliesStops) {
  PublicInstance n;
  // Only ssh comes in: the replies on 1024-65535 are denied.
  n.b.Entry(n.acl, 100, false, "tcp", 22, 22, "0.0.0.0/0", true);
  n.b.Entry(n.acl, 100, true, "-1", -1, -1, "0.0.0.0/0", true);
  size_t group = n.b.Group("G", n.vpc);
  size_t web = n.b.Instance("Web", {n.subnet}, {group}, true);
  Model model = std::move(n.b).Build();
  ASSERT_OK_AND_ASSIGN(Network network, Network::Build(model));
  ReachResult r = network.Reach(Endpoint::Resource(web), Endpoint::Internet());
  EXPECT_FALSE(r.reachable.Contains(kTcp, Ip("10.0.1.5"), Ip("8.8.8.8"), 443));
  const Stopped* s = StoppedAt(r, kTcp, "10.0.1.5", "8.8.8.8", 443);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->stopped_by.kind, Step::Kind::kNetworkAclReturn);
  EXPECT_EQ(s->stopped_by.rule, "default deny (*)");
  EXPECT_EQ(s->stopped_by.resource, n.acl);
}

TEST(ReachOutboundTest, OtherRouteTargetsAreNotFollowed) {
  PublicInstance n;
  n.b.Entry(n.acl, 100, false, "-1", -1, -1, "0.0.0.0/0", true);
  n.b.Entry(n.acl, 100, true, "-1", -1, -1, "0.0.0.0/0", true);
  size_t pcx =
      n.b.Add("Pcx", ResourceKind::kOther, "AWS::EC2::VPCPeeringConnection");
  n.b.RouteTo(n.table, "172.16.0.0/12", RouteTargetKind::kVpcPeering, pcx);
  n.b.RouteTo(n.table, "198.51.100.0/24", RouteTargetKind::kInternetGateway,
              n.igw, /*blackhole=*/true);
  size_t group = n.b.Group("G", n.vpc);
  size_t web = n.b.Instance("Web", {n.subnet}, {group}, true);
  Model model = std::move(n.b).Build();
  ASSERT_OK_AND_ASSIGN(Network network, Network::Build(model));
  ReachResult r = network.Reach(Endpoint::Resource(web), Endpoint::Internet());
  const Stopped* s = StoppedAt(r, kTcp, "10.0.1.5", "172.16.0.1", 443);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->stopped_by.rule.rfind("route to vpc-peering not followed", 0),
            0u)
      << s->stopped_by.rule;
  s = StoppedAt(r, kTcp, "10.0.1.5", "198.51.100.1", 443);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->stopped_by.kind, Step::Kind::kRoute);
  EXPECT_TRUE(r.reachable.Contains(kTcp, Ip("10.0.1.5"), Ip("8.8.8.8"), 443));
}

TEST(ReachOutboundTest, CidrDestinationIsExternal) {
  PublicInstance n;
  n.b.Entry(n.acl, 100, false, "-1", -1, -1, "0.0.0.0/0", true);
  n.b.Entry(n.acl, 100, true, "-1", -1, -1, "0.0.0.0/0", true);
  size_t group = n.b.Group("G", n.vpc);
  size_t web = n.b.Instance("Web", {n.subnet}, {group}, true);
  Model model = std::move(n.b).Build();
  ASSERT_OK_AND_ASSIGN(Network network, Network::Build(model));
  ReachResult r =
      network.Reach(Endpoint::Resource(web), Endpoint::Cidr("203.0.113.0/24"));
  EXPECT_TRUE(
      r.reachable.Contains(kTcp, Ip("10.0.1.5"), Ip("203.0.113.9"), 443));
  EXPECT_FALSE(r.reachable.Contains(kTcp, Ip("10.0.1.5"), Ip("8.8.8.8"), 443));
  EXPECT_EQ(StoppedAt(r, kTcp, "10.0.1.5", "8.8.8.8", 443), nullptr);
  // Explain agrees.
  Explanation e =
      network.Explain(Endpoint::Resource(web), Endpoint::Cidr("203.0.113.0/24"),
                      {.protocol = kTcp,
                       .source = Ip("10.0.1.5"),
                       .destination = Ip("203.0.113.9"),
                       .port = 443,
                       .source_port = -1});
  EXPECT_TRUE(e.reachable);
}

}  // namespace
}  // namespace polygraph::net
