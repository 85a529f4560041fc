#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/ingest/terraform_testing.h"
#include "tests/testing.h"

namespace polygraph::ingest::testing {
namespace {

std::vector<SecurityGroupRule> RulesOf(const Imported& imported, size_t group,
                                       bool ingress) {
  std::vector<SecurityGroupRule> rules;
  for (const SecurityGroupRule& rule : imported.model.security_group_rules()) {
    if (rule.group == group && rule.ingress == ingress) rules.push_back(rule);
  }
  return rules;
}

TEST(TerraformNetworkTest, GroupWithoutEgressHasNoEgressRules) {
  ASSERT_OK_AND_ASSIGN(Imported imported,
                       ImportInstances({Instance("aws_security_group.web", R"({
  "name": "web", "vpc_id": "${var.vpc_id}",
  "ingress": [{"from_port": 443, "to_port": 443, "protocol": "tcp",
               "cidr_blocks": ["0.0.0.0/0", "10.0.0.0/8"],
               "ipv6_cidr_blocks": [], "security_groups": [], "self": false}]
})")}));
  const size_t web = imported.IndexOf("aws_security_group.web");
  ASSERT_NE(web, kNoResource);
  const Resource& resource = imported.model.resources()[web];
  EXPECT_EQ(resource.type, "aws_security_group");
  EXPECT_EQ(resource.format, SourceFormat::kTerraform);
  EXPECT_EQ(resource.kind, ResourceKind::kSecurityGroup);
  std::vector<SecurityGroupRule> ingress = RulesOf(imported, web, true);
  ASSERT_EQ(ingress.size(), 2u);
  EXPECT_EQ(ingress[0].protocol, "tcp");
  EXPECT_EQ(ingress[0].from_port, 443);
  EXPECT_EQ(ingress[0].cidr, "0.0.0.0/0");
  EXPECT_EQ(ingress[1].cidr, "10.0.0.0/8");
  EXPECT_EQ(ingress[0].location.file, "main.tf");
  EXPECT_EQ(ingress[0].location.line, 3);
  EXPECT_TRUE(RulesOf(imported, web, false).empty());
  ASSERT_EQ(imported.model.security_groups().size(), 1u);
  EXPECT_FALSE(imported.model.security_groups()[0].default_egress);
}

TEST(TerraformNetworkTest, EgressAllAndSelfRules) {
  ASSERT_OK_AND_ASSIGN(Imported imported,
                       ImportInstances({Instance("aws_security_group.app", R"({
  "ingress": [{"from_port": 0, "to_port": 0, "protocol": "-1", "self": true}],
  "egress": [{"from_port": 0, "to_port": 0, "protocol": "all",
              "cidr_blocks": ["0.0.0.0/0"]}]
})")}));
  const size_t app = imported.IndexOf("aws_security_group.app");
  std::vector<SecurityGroupRule> ingress = RulesOf(imported, app, true);
  ASSERT_EQ(ingress.size(), 1u);
  EXPECT_EQ(ingress[0].peer_group, app);
  EXPECT_EQ(ingress[0].protocol, "-1");
  std::vector<SecurityGroupRule> egress = RulesOf(imported, app, false);
  ASSERT_EQ(egress.size(), 1u);
  EXPECT_EQ(egress[0].protocol, "-1");
  EXPECT_FALSE(egress[0].implicit_default);
  EXPECT_NE(imported.IndexOf("aws_security_group.app.ingress[0].self"),
            kNoResource);
}

TEST(TerraformNetworkTest, StandaloneRulesLandOnTheirGroup) {
  ASSERT_OK_AND_ASSIGN(
      Imported imported,
      ImportInstances(
          {Instance("aws_security_group.db", R"({"name": "db"})"),
           Instance("aws_security_group.app", R"({"name": "app"})"),
           Instance("aws_security_group_rule.db_in", R"({
  "type": "ingress", "security_group_id": "${aws_security_group.db.id}",
  "from_port": 5432, "to_port": 5432, "protocol": "tcp",
  "source_security_group_id": "${aws_security_group.app.id}"})"),
           Instance("aws_vpc_security_group_egress_rule.app_out", R"({
  "security_group_id": "${aws_security_group.app.id}",
  "ip_protocol": "tcp", "from_port": 5432, "to_port": 5432,
  "referenced_security_group_id": "${aws_security_group.db.id}"})")}));
  const size_t db = imported.IndexOf("aws_security_group.db");
  const size_t app = imported.IndexOf("aws_security_group.app");
  std::vector<SecurityGroupRule> db_in = RulesOf(imported, db, true);
  ASSERT_EQ(db_in.size(), 1u);
  EXPECT_EQ(db_in[0].peer_group, app);
  EXPECT_EQ(db_in[0].from_port, 5432);
  std::vector<SecurityGroupRule> app_out = RulesOf(imported, app, false);
  ASSERT_EQ(app_out.size(), 1u);
  EXPECT_EQ(app_out[0].peer_group, db);
}

TEST(TerraformNetworkTest, SubnetsRoutesAndGateways) {
  ASSERT_OK_AND_ASSIGN(
      Imported imported,
      ImportInstances(
          {Instance("aws_vpc.main", R"({"cidr_block": "10.0.0.0/16"})"),
           Instance("aws_subnet.public[0]", R"({
  "vpc_id": "${aws_vpc.main.id}", "cidr_block": "10.0.1.0/24",
  "availability_zone": "eu-west-1a", "map_public_ip_on_launch": true})"),
           Instance("aws_internet_gateway.gw",
                    R"({"vpc_id": "${aws_vpc.main.id}"})"),
           Instance("aws_route_table.public", R"({
  "vpc_id": "${aws_vpc.main.id}",
  "route": [{"cidr_block": "0.0.0.0/0",
             "gateway_id": "${aws_internet_gateway.gw.id}"}]})"),
           Instance("aws_route_table_association.public", R"({
  "subnet_id": "${aws_subnet.public[0].id}",
  "route_table_id": "${aws_route_table.public.id}"})")}));
  const size_t vpc = imported.IndexOf("aws_vpc.main");
  const size_t subnet = imported.IndexOf("aws_subnet.public[0]");
  const size_t gateway = imported.IndexOf("aws_internet_gateway.gw");
  const size_t table = imported.IndexOf("aws_route_table.public");
  ASSERT_EQ(imported.model.subnets().size(), 1u);
  EXPECT_EQ(imported.model.subnets()[0].vpc, vpc);
  EXPECT_EQ(imported.model.subnets()[0].ipv4_cidr, "10.0.1.0/24");
  EXPECT_TRUE(imported.model.subnets()[0].map_public_ip_on_launch.value);
  ASSERT_EQ(imported.model.gateways().size(), 1u);
  EXPECT_EQ(imported.model.gateways()[0].vpc, vpc);
  ASSERT_EQ(imported.model.routes().size(), 1u);
  const Route& route = imported.model.routes()[0];
  EXPECT_EQ(route.route_table, table);
  EXPECT_EQ(route.target, gateway);
  EXPECT_EQ(route.target_kind, RouteTargetKind::kInternetGateway);
  EXPECT_EQ(route.location.line, 3);
  ASSERT_EQ(imported.model.route_table_associations().size(), 1u);
  EXPECT_EQ(imported.model.route_table_associations()[0].subnet, subnet);
  EXPECT_NE(imported.IndexOf("aws_route_table.public.route[0]"), kNoResource);
  EXPECT_NE(imported.IndexOf("aws_internet_gateway.gw.attachment"),
            kNoResource);
}

TEST(TerraformNetworkTest, NetworkAclBlocksAndAssociations) {
  ASSERT_OK_AND_ASSIGN(
      Imported imported,
      ImportInstances(
          {Instance("aws_subnet.a", R"({"cidr_block": "10.0.1.0/24"})"),
           Instance("aws_network_acl.main", R"({
  "subnet_ids": ["${aws_subnet.a.id}"],
  "ingress": [{"rule_no": 100, "action": "allow", "protocol": "tcp",
               "cidr_block": "0.0.0.0/0", "from_port": 443, "to_port": 443}],
  "egress": [{"rule_no": 200, "action": "deny", "protocol": "-1",
              "cidr_block": "0.0.0.0/0", "from_port": 0, "to_port": 0}]})")}));
  const size_t acl = imported.IndexOf("aws_network_acl.main");
  ASSERT_EQ(imported.model.network_acl_entries().size(), 2u);
  const NetworkAclEntry& in = imported.model.network_acl_entries()[0];
  EXPECT_EQ(in.network_acl, acl);
  EXPECT_FALSE(in.egress);
  EXPECT_TRUE(in.allow);
  EXPECT_EQ(in.rule_number, 100);
  EXPECT_EQ(in.from_port, 443);
  const NetworkAclEntry& out = imported.model.network_acl_entries()[1];
  EXPECT_TRUE(out.egress);
  EXPECT_FALSE(out.allow);
  ASSERT_EQ(imported.model.network_acl_associations().size(), 1u);
  EXPECT_EQ(imported.model.network_acl_associations()[0].subnet,
            imported.IndexOf("aws_subnet.a"));
}

TEST(TerraformNetworkTest, InvalidCidrIsLocatedInTheTerraformFile) {
  ASSERT_OK_AND_ASSIGN(Imported imported,
                       ImportInstances({Instance("aws_security_group.bad", R"({
  "ingress": [{"from_port": 22, "to_port": 22, "protocol": "tcp",
               "cidr_blocks": ["10.0.0.300/8"]}]})")}));
  std::vector<Diagnostic> invalid = imported.WithCode("invalid-value");
  ASSERT_EQ(invalid.size(), 1u);
  EXPECT_EQ(invalid[0].location.file, "main.tf");
  EXPECT_EQ(invalid[0].location.line, 3);
}

}  // namespace
}  // namespace polygraph::ingest::testing
