#include "gtest/gtest.h"
#include "polygraph/reachability.h"
#include "tests/testing.h"

namespace polygraph::net {
namespace {

TEST(NetworkTest, StepKindNames) {
  EXPECT_EQ(StepKindName(Step::Kind::kAddressing), "addressing");
  EXPECT_EQ(StepKindName(Step::Kind::kRoute), "route");
  EXPECT_EQ(StepKindName(Step::Kind::kNetworkAclOutbound),
            "network-acl-outbound");
  EXPECT_EQ(StepKindName(Step::Kind::kNetworkAclInbound),
            "network-acl-inbound");
  EXPECT_EQ(StepKindName(Step::Kind::kSecurityGroupEgress),
            "security-group-egress");
  EXPECT_EQ(StepKindName(Step::Kind::kSecurityGroupIngress),
            "security-group-ingress");
  EXPECT_EQ(StepKindName(Step::Kind::kNetworkAclReturn), "network-acl-return");
}

TEST(NetworkTest, EmptyModel) {
  Model model;
  ASSERT_OK_AND_ASSIGN(Network network, Network::Build(model));
  EXPECT_TRUE(network.diagnostics().empty());
  EXPECT_TRUE(network.ExposedToInternet().empty());
  ReachResult r = network.Reach(Endpoint::Internet(), Endpoint::Resource(0));
  EXPECT_TRUE(r.reachable.empty());
  EXPECT_TRUE(r.flows.empty());
  EXPECT_TRUE(r.stopped.empty());
}

}  // namespace
}  // namespace polygraph::net
