#include <utility>

#include "gtest/gtest.h"
#include "polygraph/reachability.h"
#include "tests/net/net_testing.h"
#include "tests/testing.h"

namespace polygraph::net {
namespace {

using ::polygraph::testing::Ip;
using ::polygraph::testing::NetBuilder;

constexpr ip::Protocol kTcp = ip::Protocol::Tcp();

struct PublicSubnet {
  NetBuilder b;
  size_t vpc = b.Vpc("Vpc", "10.0.0.0/16");
  size_t subnet = b.SubnetIn("Public", vpc, "10.0.1.0/24");
  size_t igw = b.Igw("Igw", vpc);
  size_t table = b.Table("Rt", vpc);
  size_t group = b.Group("Web", vpc);

  PublicSubnet() {
    b.RouteTo(table, "0.0.0.0/0", RouteTargetKind::kInternetGateway, igw);
    b.Associate(table, subnet);
  }
};

TEST(NetworkBuildTest, UnresolvedReferencesAreDiagnosedAndAdmitNothing) {
  PublicSubnet n;
  SecurityGroupRule rule = n.b.Rule(n.group, true, "tcp", 22, 22, "");
  rule.peer_group_id = "sg-0123";
  SourceLocation at = n.b.AddRule(std::move(rule));
  SecurityGroupRule listed = n.b.Rule(n.group, true, "tcp", 22, 22, "");
  listed.prefix_list = "pl-missing";
  n.b.AddRule(std::move(listed));
  SourceLocation route = n.b.RouteTo(n.table, "192.0.2.0/24",
                                     RouteTargetKind::kNatGateway, kNoResource);
  size_t web = n.b.Instance("Web", {n.subnet}, {n.group}, true);
  Model model = std::move(n.b).Build();
  ASSERT_OK_AND_ASSIGN(Network network, Network::Build(model));
  ASSERT_EQ(network.diagnostics().size(), 3u);
  for (const Diagnostic& d : network.diagnostics()) {
    EXPECT_EQ(d.code, "unresolved-reference");
    EXPECT_EQ(d.level, Diagnostic::Level::kWarning);
  }
  EXPECT_EQ(network.diagnostics()[0].location, route);
  EXPECT_EQ(network.diagnostics()[1].location, at);
  ReachResult r = network.Reach(Endpoint::Internet(), Endpoint::Resource(web));
  EXPECT_TRUE(r.reachable.empty());
}

TEST(NetworkBuildTest, UnassociatedSubnetsUseTheMainTableAndDefaultAcl) {
  NetBuilder b;
  size_t vpc = b.Vpc("Vpc", "10.0.0.0/16");
  size_t subnet = b.SubnetIn("S", vpc, "10.0.1.0/24");
  size_t igw = b.Igw("Igw", vpc);
  size_t other = b.Table("Other", vpc);
  b.RouteTo(other, "0.0.0.0/0", RouteTargetKind::kNatGateway, kNoResource);
  size_t main = b.Table("Main", vpc, /*main=*/true);
  b.RouteTo(main, "0.0.0.0/0", RouteTargetKind::kInternetGateway, igw);
  size_t acl = b.Acl("Default", vpc, /*is_default=*/true);
  SourceLocation deny =
      b.Entry(acl, 10, false, "tcp", 22, 22, "0.0.0.0/0", false);
  b.Entry(acl, 20, false, "-1", -1, -1, "0.0.0.0/0", true);
  b.Entry(acl, 20, true, "-1", -1, -1, "0.0.0.0/0", true);
  size_t group = b.Group("G", vpc);
  b.Ingress(group, "tcp", 0, 65535, "0.0.0.0/0");
  size_t web = b.Instance("Web", {subnet}, {group}, true);
  Model model = std::move(b).Build();
  ASSERT_OK_AND_ASSIGN(Network network, Network::Build(model));
  ReachResult r = network.Reach(Endpoint::Internet(), Endpoint::Resource(web));
  EXPECT_TRUE(r.reachable.Contains(kTcp, Ip("8.8.8.8"), Ip("10.0.1.5"), 443));
  EXPECT_FALSE(r.reachable.Contains(kTcp, Ip("8.8.8.8"), Ip("10.0.1.5"), 22));
  bool denied_by_entry = false;
  for (const Stopped& s : r.stopped) {
    denied_by_entry |= s.stopped_by.location == deny;
  }
  EXPECT_TRUE(denied_by_entry);
  // The subnet as destination means the workloads in it.
  ReachResult by_subnet =
      network.Reach(Endpoint::Internet(), Endpoint::Resource(subnet));
  EXPECT_EQ(by_subnet.reachable, r.reachable);
  // Network is movable; results do not depend on the moved-from object.
  Network moved = std::move(network);
  EXPECT_EQ(
      moved.Reach(Endpoint::Internet(), Endpoint::Resource(web)).reachable,
      r.reachable);
}

}  // namespace
}  // namespace polygraph::net
