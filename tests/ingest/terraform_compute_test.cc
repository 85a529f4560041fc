#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/ingest/terraform_testing.h"
#include "tests/testing.h"

namespace polygraph::ingest::testing {
namespace {

TEST(TerraformComputeTest, InstanceAndDatabaseWorkloads) {
  ASSERT_OK_AND_ASSIGN(
      Imported imported,
      ImportInstances(
          {Instance("aws_subnet.a", R"({"cidr_block": "10.0.1.0/24"})"),
           Instance("aws_security_group.sg", R"({"name": "sg"})"),
           Instance("aws_instance.web", R"({
  "subnet_id": "${aws_subnet.a.id}",
  "vpc_security_group_ids": ["${aws_security_group.sg.id}"],
  "associate_public_ip_address": true})"),
           Instance("aws_db_subnet_group.db",
                    R"({"subnet_ids": ["${aws_subnet.a.id}"]})"),
           Instance("aws_db_instance.db", R"({
  "engine": "postgres", "publicly_accessible": true,
  "db_subnet_group_name": "${aws_db_subnet_group.db.name}",
  "vpc_security_group_ids": ["${aws_security_group.sg.id}"]})")}));
  const size_t subnet = imported.IndexOf("aws_subnet.a");
  const size_t group = imported.IndexOf("aws_security_group.sg");
  ASSERT_EQ(imported.model.workloads().size(), 2u);
  const Workload& web = imported.model.workloads()[0];
  EXPECT_EQ(web.resource, imported.IndexOf("aws_instance.web"));
  EXPECT_THAT(web.subnets, ::testing::ElementsAre(subnet));
  EXPECT_THAT(web.security_groups, ::testing::ElementsAre(group));
  EXPECT_TRUE(web.public_ip.value);
  const Workload& db = imported.model.workloads()[1];
  EXPECT_EQ(db.kind, WorkloadKind::kDbInstance);
  EXPECT_THAT(db.subnets, ::testing::ElementsAre(subnet));
  EXPECT_TRUE(db.public_ip.value);
  ASSERT_EQ(db.listeners.size(), 1u);
  EXPECT_EQ(db.listeners[0].port, 5432);
}

TEST(TerraformComputeTest, InternalLoadBalancerWithListener) {
  ASSERT_OK_AND_ASSIGN(
      Imported imported,
      ImportInstances({Instance("aws_lb.lb", R"({"internal": true})"),
                       Instance("aws_lb_listener.https", R"({
  "load_balancer_arn": "${aws_lb.lb.arn}", "port": 443, "protocol": "HTTPS"})")}));
  ASSERT_EQ(imported.model.workloads().size(), 1u);
  const Workload& lb = imported.model.workloads()[0];
  EXPECT_TRUE(lb.public_ip.set);
  EXPECT_FALSE(lb.public_ip.value);
  ASSERT_EQ(lb.listeners.size(), 1u);
  EXPECT_EQ(lb.listeners[0].port, 443);
}

}  // namespace
}  // namespace polygraph::ingest::testing
