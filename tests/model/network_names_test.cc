#include <string_view>

#include "gtest/gtest.h"
#include "polygraph/model.h"
#include "polygraph/network_model.h"

namespace polygraph {
namespace {

TEST(NetworkNamesTest, RouteTargetKinds) {
  EXPECT_EQ(RouteTargetKindName(RouteTargetKind::kLocal), "local");
  EXPECT_EQ(RouteTargetKindName(RouteTargetKind::kInternetGateway),
            "internet-gateway");
  EXPECT_EQ(RouteTargetKindName(RouteTargetKind::kEgressOnlyInternetGateway),
            "egress-only-internet-gateway");
  EXPECT_EQ(RouteTargetKindName(RouteTargetKind::kUnknown), "unknown");
}

TEST(NetworkNamesTest, WorkloadKinds) {
  EXPECT_EQ(WorkloadKindName(WorkloadKind::kDbCluster), "db-cluster");
  EXPECT_EQ(WorkloadKindName(WorkloadKind::kLoadBalancer), "load-balancer");
  EXPECT_EQ(WorkloadKindName(WorkloadKind::kEcsService), "ecs-service");
}

TEST(NetworkFacetsTest, BuilderKeepsEachFacetInOrder) {
  ModelBuilder builder;
  Subnet subnet;
  subnet.ipv4_cidr = "10.0.1.0/24";
  builder.AddSubnet(subnet);
  NetworkAclEntry entry;
  entry.rule_number = 100;
  entry.allow = true;
  builder.AddNetworkAclEntry(entry);
  entry.rule_number = 200;
  builder.AddNetworkAclEntry(entry);
  Workload workload;
  workload.kind = WorkloadKind::kDbCluster;
  workload.listeners.push_back(
      {.protocol = "tcp", .port = 3306, .location = {}});
  builder.AddWorkload(workload);
  Model model = std::move(builder).Build();
  ASSERT_EQ(model.subnets().size(), 1u);
  EXPECT_EQ(model.subnets()[0].ipv4_cidr, "10.0.1.0/24");
  ASSERT_EQ(model.network_acl_entries().size(), 2u);
  EXPECT_EQ(model.network_acl_entries()[1].rule_number, 200);
  ASSERT_EQ(model.workloads().size(), 1u);
  EXPECT_EQ(model.workloads()[0].listeners[0].port, 3306);
  EXPECT_TRUE(model.route_tables().empty());
}

}  // namespace
}  // namespace polygraph
