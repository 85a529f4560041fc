#include "polygraph/network_audit.h"

#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "polygraph/reachability.h"
#include "tests/net/net_testing.h"
#include "tests/testing.h"

namespace polygraph::net {
namespace {

using ::polygraph::testing::NetBuilder;

struct Vpc {
  NetBuilder b;
  size_t vpc = b.Vpc("Vpc", "10.0.0.0/16");
  size_t subnet = b.SubnetIn("Public", vpc, "10.0.1.0/24");
  size_t acl = b.Acl("Nacl", vpc);
  Vpc() { b.AssociateAcl(acl, subnet); }
};

TEST(ShadowedAclEntriesTest, AllowShadowedByAnEarlierDeny) {
  Vpc n;
  SourceLocation deny =
      n.b.Entry(n.acl, 100, false, "tcp", 0, 65535, "0.0.0.0/0", false);
  SourceLocation allow =
      n.b.Entry(n.acl, 200, false, "tcp", 22, 22, "10.0.0.0/8", true);
  n.b.Entry(n.acl, 300, false, "udp", 53, 53, "10.0.0.0/8", true);
  n.b.Entry(n.acl, 100, true, "-1", -1, -1, "0.0.0.0/0", true);
  Model model = std::move(n.b).Build();
  ASSERT_OK_AND_ASSIGN(Network network, Network::Build(model));
  std::vector<ShadowedAclEntry> shadowed = ShadowedAclEntries(network);
  ASSERT_EQ(shadowed.size(), 1u);
  EXPECT_EQ(shadowed[0].network_acl, n.acl);
  EXPECT_FALSE(shadowed[0].egress);
  EXPECT_EQ(shadowed[0].rule_number, 200);
  EXPECT_TRUE(shadowed[0].allow);
  EXPECT_EQ(shadowed[0].location, allow);
  ASSERT_EQ(shadowed[0].covered_by.size(), 1u);
  EXPECT_EQ(shadowed[0].covered_by[0].location, deny);
  EXPECT_EQ(shadowed[0].message,
            "network ACL \"Nacl\" inbound rule 200 allow tcp 22 from "
            "10.0.0.0/8 never matches: the earlier entry rule 100 deny tcp "
            "0-65535 from 0.0.0.0/0 matches all of its packets first");
}

TEST(ShadowedAclEntriesTest, CoveredByTheUnionOfSeveralEntries) {
  Vpc n;
  n.b.Entry(n.acl, 100, false, "tcp", 0, 1000, "10.0.0.0/9", true);
  n.b.Entry(n.acl, 110, false, "tcp", 0, 1000, "10.128.0.0/9", false);
  n.b.Entry(n.acl, 120, false, "tcp", 22, 22, "10.0.0.0/8", true);
  // Partly covered: not shadowed.
  n.b.Entry(n.acl, 130, false, "tcp", 22, 2000, "10.0.0.0/8", true);
  // Another family: not shadowed by IPv4 entries.
  n.b.Entry(n.acl, 140, false, "tcp", 22, 22, "::/0", true);
  Model model = std::move(n.b).Build();
  ASSERT_OK_AND_ASSIGN(Network network, Network::Build(model));
  std::vector<ShadowedAclEntry> shadowed = ShadowedAclEntries(network);
  ASSERT_EQ(shadowed.size(), 1u);
  EXPECT_EQ(shadowed[0].rule_number, 120);
  EXPECT_EQ(shadowed[0].covered_by.size(), 2u);
}

TEST(RedundantSecurityGroupRulesTest, CoveredRuleAndTheLaterOfTwoIdentical) {
  NetBuilder b;
  size_t vpc = b.Vpc("Vpc", "10.0.0.0/16");
  size_t group = b.Group("Web", vpc, /*default_egress=*/false);
  SourceLocation wide = b.Ingress(group, "tcp", 0, 1000, "10.0.0.0/8");
  SourceLocation narrow = b.Ingress(group, "tcp", 22, 22, "10.1.0.0/16");
  SourceLocation first = b.Ingress(group, "udp", 53, 53, "0.0.0.0/0");
  SourceLocation second = b.Ingress(group, "udp", 53, 53, "0.0.0.0/0");
  b.Ingress(group, "tcp", 22, 22, "192.168.0.0/16");  // not covered
  Model model = std::move(b).Build();
  ASSERT_OK_AND_ASSIGN(Network network, Network::Build(model));
  std::vector<RedundantSgRule> redundant = RedundantSecurityGroupRules(network);
  ASSERT_EQ(redundant.size(), 2u);
  EXPECT_EQ(redundant[0].location, narrow);
  ASSERT_EQ(redundant[0].covered_by.size(), 1u);
  EXPECT_EQ(redundant[0].covered_by[0].location, wide);
  EXPECT_EQ(redundant[0].message,
            "security group \"Web\" rule ingress tcp 22 from 10.1.0.0/16 is "
            "redundant: the rule ingress tcp 0-1000 from 10.0.0.0/8 already "
            "admits all of it");
  EXPECT_EQ(redundant[1].location, second);
  ASSERT_EQ(redundant[1].covered_by.size(), 1u);
  EXPECT_EQ(redundant[1].covered_by[0].location, first);
}

TEST(RedundantSecurityGroupRulesTest, MutualCoverReportsOnlyTheLaterRules) {
  NetBuilder b;
  size_t vpc = b.Vpc("Vpc", "10.0.0.0/16");
  size_t group = b.Group("Web", vpc, /*default_egress=*/false);
  size_t peer = b.Group("Peer", vpc, /*default_egress=*/false);
  SourceLocation whole = b.Ingress(group, "tcp", 22, 22, "10.0.0.0/8");
  SourceLocation low = b.Ingress(group, "tcp", 22, 22, "10.0.0.0/9");
  SourceLocation high = b.Ingress(group, "tcp", 22, 22, "10.128.0.0/9");
  // A peer-group rule is not covered by CIDR rules of one family.
  SecurityGroupRule from_peer = b.Rule(group, true, "tcp", 22, 22, "");
  from_peer.peer_group = peer;
  b.AddRule(std::move(from_peer));
  Model model = std::move(b).Build();
  ASSERT_OK_AND_ASSIGN(Network network, Network::Build(model));
  std::vector<RedundantSgRule> redundant = RedundantSecurityGroupRules(network);
  ASSERT_EQ(redundant.size(), 2u);
  EXPECT_EQ(redundant[0].location, low);
  EXPECT_EQ(redundant[1].location, high);
  EXPECT_EQ(redundant[1].covered_by[0].location, whole);
}

TEST(RedundantSecurityGroupRulesTest, ExplicitRuleUnderTheDefaultEgress) {
  NetBuilder b;
  size_t vpc = b.Vpc("Vpc", "10.0.0.0/16");
  size_t group = b.Group("Web", vpc, /*default_egress=*/true);
  SourceLocation egress =
      b.AddRule(b.Rule(group, false, "tcp", 443, 443, "0.0.0.0/0"));
  Model model = std::move(b).Build();
  ASSERT_OK_AND_ASSIGN(Network network, Network::Build(model));
  std::vector<RedundantSgRule> redundant = RedundantSecurityGroupRules(network);
  ASSERT_EQ(redundant.size(), 1u) << "the AWS default is never reported";
  EXPECT_EQ(redundant[0].location, egress);
  EXPECT_FALSE(redundant[0].ingress);
}

TEST(BlockedReturnTrafficTest, InboundServiceWithoutEphemeralOutbound) {
  Vpc n;
  SourceLocation https =
      n.b.Entry(n.acl, 100, false, "tcp", 443, 443, "0.0.0.0/0", true);
  n.b.Entry(n.acl, 100, true, "tcp", 443, 443, "0.0.0.0/0", true);
  Model model = std::move(n.b).Build();
  ASSERT_OK_AND_ASSIGN(Network network, Network::Build(model));
  std::vector<BlockedReturn> blocked = BlockedReturnTraffic(network);
  ASSERT_EQ(blocked.size(), 2u);
  EXPECT_TRUE(blocked[0].inbound_initiated);
  EXPECT_EQ(blocked[0].location, https);
  EXPECT_EQ(blocked[0].blocked.ToString(),
            "tcp ports 1024-65535 from 0.0.0.0/0 to 0.0.0.0/0");
  EXPECT_EQ(blocked[0].message,
            "network ACL \"Nacl\" inbound rule 100 allow tcp 443 from "
            "0.0.0.0/0 admits traffic whose replies outbound denies (default "
            "deny (*)): tcp ports 1024-65535 from 0.0.0.0/0 to 0.0.0.0/0");
  // And the outbound 443 to the internet gets no replies either.
  EXPECT_FALSE(blocked[1].inbound_initiated);
}

TEST(BlockedReturnTrafficTest, PartlyBlockedEphemeralPortsAndPeers) {
  Vpc n;
  n.b.Entry(n.acl, 100, false, "tcp", 22, 22, "10.0.0.0/8", true);
  SourceLocation deny =
      n.b.Entry(n.acl, 90, true, "tcp", 1024, 2047, "10.1.0.0/16", false);
  n.b.Entry(n.acl, 100, true, "tcp", 1024, 65535, "10.0.0.0/8", true);
  Model model = std::move(n.b).Build();
  ASSERT_OK_AND_ASSIGN(Network network, Network::Build(model));
  std::vector<BlockedReturn> blocked = BlockedReturnTraffic(network);
  ASSERT_EQ(blocked.size(), 1u);
  EXPECT_EQ(blocked[0].blocked.ToString(),
            "tcp ports 1024-2047 from 0.0.0.0/0 to 10.1.0.0/16");
  ASSERT_EQ(blocked[0].blocked_by.size(), 1u);
  EXPECT_EQ(blocked[0].blocked_by[0].location, deny);
}

TEST(BlockedReturnTrafficTest, ReturnPathEntriesAndOpenAclsAreFine) {
  Vpc n;
  // A hardened ACL: a service in, the ephemeral ports in for the replies
  // to outbound requests, and everything out.
  n.b.Entry(n.acl, 100, false, "tcp", 443, 443, "0.0.0.0/0", true);
  n.b.Entry(n.acl, 110, false, "tcp", 1024, 65535, "0.0.0.0/0", true);
  n.b.Entry(n.acl, 120, false, "udp", 1024, 65535, "0.0.0.0/0", true);
  n.b.Entry(n.acl, 100, true, "-1", -1, -1, "0.0.0.0/0", true);
  Model model = std::move(n.b).Build();
  ASSERT_OK_AND_ASSIGN(Network network, Network::Build(model));
  EXPECT_TRUE(BlockedReturnTraffic(network).empty());
}

}  // namespace
}  // namespace polygraph::net
