#include "polygraph/reach_diff.h"

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

constexpr ip::Protocol kTcp = ip::Protocol::Tcp();

ip::PacketSet Packets(const char* protocol, const char* from, const char* to,
                      const char* ports) {
  return ip::PacketSet::Of(
      *ip::ParseProtocol(protocol), *ip::AddressSet::Parse(from),
      *ip::AddressSet::Parse(to), *ip::PortSet::Parse(ports));
}

// A public subnet 10.0.1.0/24 with Web (group WebSG: tcp 443 from anywhere)
// and a private subnet 10.0.2.0/24 with Db (group DbSG: tcp 5432 from
// 10.0.1.0/24); the public subnet's ACL: `acl_entries` inbound, all out.
struct Options {
  bool open_ssh = false;      // WebSG also: tcp 22 from 0.0.0.0/0
  bool deny_db_from = false;  // Db's ACL: rule 50 deny tcp 5432 from
                              // 10.0.1.128/25 before rule 100 allow all
};

Model Build(const Options& options, SourceLocation* ssh = nullptr) {
  NetBuilder b;
  size_t vpc = b.Vpc("Vpc", "10.0.0.0/16");
  size_t pub = b.SubnetIn("Public", vpc, "10.0.1.0/24");
  size_t priv = b.SubnetIn("Private", vpc, "10.0.2.0/24");
  size_t igw = b.Igw("Igw", vpc);
  size_t table = b.Table("Rt", vpc);
  b.RouteTo(table, "0.0.0.0/0", RouteTargetKind::kInternetGateway, igw);
  b.Associate(table, pub);
  size_t acl = b.Acl("PrivateAcl", vpc);
  b.AssociateAcl(acl, priv);
  if (options.deny_db_from) {
    b.Entry(acl, 50, false, "tcp", 5432, 5432, "10.0.1.128/25", false);
  }
  b.Entry(acl, 100, false, "-1", -1, -1, "0.0.0.0/0", true);
  b.Entry(acl, 100, true, "-1", -1, -1, "0.0.0.0/0", true);
  size_t web_sg = b.Group("WebSG", vpc);
  size_t db_sg = b.Group("DbSG", vpc);
  b.Ingress(web_sg, "tcp", 443, 443, "0.0.0.0/0");
  if (options.open_ssh) {
    SourceLocation at = b.Ingress(web_sg, "tcp", 22, 22, "0.0.0.0/0");
    if (ssh != nullptr) *ssh = at;
  }
  b.Ingress(db_sg, "tcp", 5432, 5432, "10.0.1.0/24");
  b.Instance("Web", {pub}, {web_sg}, true);
  b.Instance("Db", {priv}, {db_sg}, false);
  return std::move(b).Build();
}

TEST(ReachDiffTest, UnchangedNetworksGiveAnEmptyDiff) {
  Model before = Build({});
  Model after = Build({});
  ASSERT_OK_AND_ASSIGN(Network a, Network::Build(before));
  ASSERT_OK_AND_ASSIGN(Network b, Network::Build(after));
  EXPECT_TRUE(DiffReach(a, b).changes.empty());
  EXPECT_TRUE(DiffReach(a, a).changes.empty());
}

TEST(ReachDiffTest, OpeningSshAddsExactlyTcp22FromTheInternet) {
  Model before = Build({});
  SourceLocation ssh;
  Model after = Build({.open_ssh = true, .deny_db_from = false}, &ssh);
  ASSERT_OK_AND_ASSIGN(Network a, Network::Build(before));
  ASSERT_OK_AND_ASSIGN(Network b, Network::Build(after));
  ReachDiff diff = DiffReach(a, b);
  ASSERT_EQ(diff.changes.size(), 2u);
  // From the internet: every address outside the VPC.
  const FlowChange& internet = diff.changes[0];
  EXPECT_EQ(internet.destination, "Web");
  EXPECT_EQ(internet.source, "");
  ip::PacketSet outside =
      Packets("tcp", "0.0.0.0/0", "10.0.1.0/24", "22")
          .Subtract(Packets("tcp", "10.0.0.0/16", "10.0.1.0/24", "22"));
  EXPECT_EQ(internet.added, outside);
  EXPECT_TRUE(internet.removed.empty());
  ASSERT_EQ(internet.added_flows.size(), 1u);
  bool names_rule = false;
  for (const Step& step : internet.added_flows[0].steps) {
    if (step.kind == Step::Kind::kSecurityGroupIngress) {
      EXPECT_EQ(step.rule, "ingress tcp 22 from 0.0.0.0/0");
      EXPECT_EQ(step.location, ssh);
      names_rule = true;
    }
  }
  EXPECT_TRUE(names_rule);
  // From Db, inside the VPC: tcp 22 from Db's subnet.
  const FlowChange& from_db = diff.changes[1];
  EXPECT_EQ(from_db.destination, "Web");
  EXPECT_EQ(from_db.source, "Db");
  EXPECT_EQ(from_db.added, Packets("tcp", "10.0.2.0/24", "10.0.1.0/24", "22"));
  EXPECT_TRUE(from_db.removed.empty());
}

TEST(ReachDiffTest, AclDenyBeforeAnAllowRemovesTheShadowedPart) {
  Model before = Build({});
  Model after = Build({.open_ssh = false, .deny_db_from = true});
  ASSERT_OK_AND_ASSIGN(Network a, Network::Build(before));
  ASSERT_OK_AND_ASSIGN(Network b, Network::Build(after));
  ReachDiff diff = DiffReach(a, b);
  ASSERT_EQ(diff.changes.size(), 2u);
  // Db's connections to Web lose the replies from 10.0.1.128/25 to Db's
  // ephemeral port 5432, which the deny matches too.
  const FlowChange& replies = diff.changes[1];
  EXPECT_EQ(replies.destination, "Web");
  EXPECT_EQ(replies.source, "Db");
  EXPECT_TRUE(replies.added.empty());
  EXPECT_EQ(replies.removed,
            Packets("tcp", "10.0.2.0/24", "10.0.1.128/25", "443"));
  const FlowChange& change = diff.changes[0];
  EXPECT_EQ(change.destination, "Db");
  EXPECT_EQ(change.source, "Web");
  EXPECT_TRUE(change.added.empty());
  EXPECT_EQ(change.removed,
            Packets("tcp", "10.0.1.128/25", "10.0.2.0/24", "5432"));
  EXPECT_TRUE(
      change.removed.Contains(kTcp, Ip("10.0.1.200"), Ip("10.0.2.5"), 5432));
  ASSERT_FALSE(change.removed_flows.empty());
  bool names_allow = false;
  for (const Step& step : change.removed_flows[0].steps) {
    if (step.kind == Step::Kind::kNetworkAclInbound) {
      EXPECT_EQ(step.rule, "rule 100 allow all from 0.0.0.0/0");
      names_allow = true;
    }
  }
  EXPECT_TRUE(names_allow) << "the before model's allow admitted it";
}

TEST(ReachDiffTest, AWorkloadInOneModelOnlyIsComparedWithNothing) {
  Model before = Build({});
  NetBuilder empty;
  Model after = std::move(empty).Build();
  ASSERT_OK_AND_ASSIGN(Network a, Network::Build(before));
  ASSERT_OK_AND_ASSIGN(Network b, Network::Build(after));
  ReachDiff diff = DiffReach(a, b);
  ASSERT_FALSE(diff.changes.empty());
  for (const FlowChange& change : diff.changes) {
    EXPECT_TRUE(change.added.empty());
    EXPECT_FALSE(change.removed.empty());
  }
}

}  // namespace
}  // namespace polygraph::net
