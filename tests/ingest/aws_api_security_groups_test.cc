#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/ingest/aws_api_testing.h"
#include "tests/ingest/ingest_testing.h"
#include "tests/testing.h"

namespace polygraph::ingest {
namespace {

using testing::ExpectInputError;
using testing::FacetOf;
using testing::Imported;
using testing::LoadCorpusSnapshot;
using testing::LoadSnapshot;

constexpr char kGroups[] = R"({"SecurityGroups": [{
  "GroupId": "sg-web",
  "VpcId": "vpc-1",
  "IpPermissions": [
    {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
     "IpRanges": [{"CidrIp": "0.0.0.0/0", "Description": "https"}],
     "Ipv6Ranges": [{"CidrIpv6": "::/0"}],
     "PrefixListIds": [{"PrefixListId": "pl-1"}],
     "UserIdGroupPairs": [{"GroupId": "sg-db"}, {"GroupId": "sg-elsewhere"}]},
    {"IpProtocol": "6", "FromPort": 22, "ToPort": 22,
     "IpRanges": [{"CidrIp": "10.0.0.5/24"}]},
    {"IpProtocol": "icmp", "FromPort": 8, "ToPort": -1,
     "IpRanges": [{"CidrIp": "10.0.0.0/8"}]}
  ],
  "IpPermissionsEgress": [
    {"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}
  ]
}, {
  "GroupId": "sg-db",
  "VpcId": "vpc-1",
  "IpPermissions": [],
  "IpPermissionsEgress": [
    {"IpProtocol": "tcp", "FromPort": 0, "ToPort": 65535,
     "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}
  ]
}]})";

std::vector<const SecurityGroupRule*> RulesOf(const Imported& imported,
                                              size_t group) {
  std::vector<const SecurityGroupRule*> rules;
  for (const SecurityGroupRule& rule : imported.model.security_group_rules()) {
    if (rule.group == group) rules.push_back(&rule);
  }
  return rules;
}

TEST(AwsApiSecurityGroupsTest, OneRulePerPeer) {
  ASSERT_OK_AND_ASSIGN(Imported imported,
                       LoadSnapshot({{"SecurityGroups.json", kGroups}}));
  const size_t web = imported.IndexOf("sg-web");
  const size_t db = imported.IndexOf("sg-db");
  ASSERT_EQ(imported.model.security_groups().size(), 2u);
  std::vector<const SecurityGroupRule*> rules = RulesOf(imported, web);
  ASSERT_EQ(rules.size(), 8u);
  // IpRanges, Ipv6Ranges, UserIdGroupPairs, PrefixListIds, in that order.
  EXPECT_TRUE(rules[0]->ingress);
  EXPECT_EQ(rules[0]->protocol, "tcp");
  EXPECT_EQ(rules[0]->from_port, 443);
  EXPECT_EQ(rules[0]->to_port, 443);
  EXPECT_EQ(rules[0]->cidr, "0.0.0.0/0");
  EXPECT_EQ(rules[0]->description, "https");
  EXPECT_EQ(rules[0]->location.line, 5);
  EXPECT_EQ(rules[0]->cidr_location.line, 6);
  EXPECT_EQ(rules[0]->cidr_location.column, 30);
  EXPECT_EQ(rules[1]->cidr, "::/0");
  EXPECT_EQ(rules[2]->peer_group, db);
  EXPECT_EQ(rules[2]->peer_group_id, "");
  EXPECT_EQ(rules[3]->peer_group, kNoResource);
  EXPECT_EQ(rules[3]->peer_group_id, "sg-elsewhere");
  EXPECT_EQ(rules[4]->prefix_list, "pl-1");
  // "6" is tcp; host bits are cleared as EC2 does.
  EXPECT_EQ(rules[5]->protocol, "tcp");
  EXPECT_EQ(rules[5]->cidr, "10.0.0.0/24");
  // icmp keeps type and code.
  EXPECT_EQ(rules[6]->protocol, "icmp");
  EXPECT_EQ(rules[6]->from_port, 8);
  EXPECT_EQ(rules[6]->to_port, -1);
  // The all-traffic egress rule is AWS's default.
  EXPECT_FALSE(rules[7]->ingress);
  EXPECT_EQ(rules[7]->protocol, "-1");
  EXPECT_EQ(rules[7]->from_port, -1);
  EXPECT_TRUE(rules[7]->implicit_default);
  const SecurityGroup* web_group =
      FacetOf(imported.model.security_groups(), web);
  ASSERT_NE(web_group, nullptr);
  EXPECT_TRUE(web_group->default_egress);
  EXPECT_EQ(web_group->vpc_id, "vpc-1");
  EXPECT_EQ(web_group->vpc, kNoResource);
  // A tcp-only egress rule is not the default.
  const SecurityGroup* db_group = FacetOf(imported.model.security_groups(), db);
  ASSERT_NE(db_group, nullptr);
  EXPECT_FALSE(db_group->default_egress);
  ASSERT_EQ(RulesOf(imported, db).size(), 1u);
  EXPECT_FALSE(RulesOf(imported, db)[0]->implicit_default);
}

TEST(AwsApiSecurityGroupsTest, BadRulesAreInputErrors) {
  auto load = [](const std::string& permission) {
    return LoadSnapshot(
        {{"SecurityGroups.json",
          "{\"SecurityGroups\": [{\"GroupId\": \"sg-1\", \"IpPermissions\": "
          "[\n" +
              permission + "]}]}"}});
  };
  ExpectInputError(load(R"({"IpProtocol": "tcpx"})").status(), 2, 16,
                   "IpProtocol must be a protocol name");
  ExpectInputError(
      load(R"({"IpProtocol": "tcp", "FromPort": 90, "ToPort": 80})").status(),
      2, 23, "FromPort 90 is greater than ToPort 80");
  ExpectInputError(
      load(R"({"IpProtocol": "udp", "FromPort": 70000, "ToPort": 80})")
          .status(),
      2, 35, "FromPort must be a number -1 to 65535");
  ExpectInputError(load(R"({"IpProtocol": "-1", "IpRanges": [{"CidrIp": )"
                        R"("10.0.0.0/8/1"}]})")
                       .status(),
                   2, 46, "CidrIp \"10.0.0.0/8/1\" is not a valid IPv4 CIDR");
}

TEST(AwsApiSecurityGroupsTest, NatGatewayCorpus) {
  ASSERT_OK_AND_ASSIGN(
      Imported imported,
      LoadCorpusSnapshot("aws-api/batfish/test-nat-gateway/aws_configs"));
  ASSERT_EQ(imported.model.security_groups().size(), 3u);
  const size_t default_group = imported.IndexOf("sg-0010bf850022667c2");
  std::vector<const SecurityGroupRule*> rules =
      RulesOf(imported, default_group);
  ASSERT_EQ(rules.size(), 2u);
  // The default group allows itself in.
  EXPECT_TRUE(rules[0]->ingress);
  EXPECT_EQ(rules[0]->peer_group, default_group);
  EXPECT_TRUE(rules[1]->implicit_default);
  for (const SecurityGroup& group : imported.model.security_groups()) {
    EXPECT_TRUE(group.default_egress);
    EXPECT_EQ(group.vpc, imported.IndexOf("vpc-0008a7b45e3ddf1dd"));
  }
  const size_t jump = imported.IndexOf("sg-0253af84ae6485905");
  rules = RulesOf(imported, jump);
  ASSERT_GE(rules.size(), 2u);
  EXPECT_EQ(rules[0]->protocol, "tcp");
  EXPECT_EQ(rules[0]->from_port, 22);
  EXPECT_EQ(rules[0]->description, "SSH Access");
  EXPECT_EQ(rules[1]->protocol, "icmp");
}

}  // namespace
}  // namespace polygraph::ingest
