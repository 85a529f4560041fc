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

constexpr char kAcls[] = R"({"NetworkAcls": [{
  "NetworkAclId": "acl-1",
  "VpcId": "vpc-1",
  "IsDefault": true,
  "Associations": [
    {"NetworkAclId": "acl-1", "SubnetId": "subnet-1"},
    {"NetworkAclId": "acl-1", "SubnetId": "subnet-gone"}
  ],
  "Entries": [
    {"RuleNumber": 100, "Protocol": "6", "RuleAction": "allow",
     "Egress": false, "CidrBlock": "0.0.0.0/0",
     "PortRange": {"From": 443, "To": 443}},
    {"RuleNumber": 110, "Protocol": "-1", "RuleAction": "deny",
     "Egress": true, "Ipv6CidrBlock": "::/0"},
    {"RuleNumber": 120, "Protocol": "1", "RuleAction": "allow",
     "Egress": false, "CidrBlock": "10.0.0.0/8",
     "IcmpTypeCode": {"Code": -1, "Type": -1}},
    {"RuleNumber": 32767, "Protocol": "-1", "RuleAction": "deny",
     "Egress": false, "CidrBlock": "0.0.0.0/0"}
  ]
}]})";

TEST(AwsApiNetworkAclsTest, EntriesAndAssociations) {
  ASSERT_OK_AND_ASSIGN(
      Imported imported,
      LoadSnapshot(
          {{"NetworkAcls.json", kAcls},
           {"Subnets.json", R"({"Subnets": [{"SubnetId": "subnet-1"}]})"}}));
  const size_t acl = imported.IndexOf("acl-1");
  ASSERT_EQ(imported.model.network_acls().size(), 1u);
  EXPECT_TRUE(imported.model.network_acls()[0].is_default);
  EXPECT_EQ(imported.model.network_acls()[0].vpc_id, "vpc-1");
  // The AWS-added rule 32767 is the model's implicit deny: skipped.
  const std::vector<NetworkAclEntry>& entries =
      imported.model.network_acl_entries();
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].network_acl, acl);
  EXPECT_EQ(entries[0].rule_number, 100);
  EXPECT_EQ(entries[0].protocol, "tcp");
  EXPECT_TRUE(entries[0].allow);
  EXPECT_FALSE(entries[0].egress);
  EXPECT_EQ(entries[0].from_port, 443);
  EXPECT_EQ(entries[0].to_port, 443);
  EXPECT_EQ(entries[0].cidr, "0.0.0.0/0");
  EXPECT_EQ(entries[0].location.line, 10);
  EXPECT_EQ(entries[0].location.column, 5);
  EXPECT_EQ(entries[1].protocol, "-1");
  EXPECT_TRUE(entries[1].egress);
  EXPECT_FALSE(entries[1].allow);
  EXPECT_EQ(entries[1].cidr, "::/0");
  EXPECT_EQ(entries[1].from_port, -1);
  EXPECT_EQ(entries[2].protocol, "icmp");
  ASSERT_EQ(imported.model.network_acl_associations().size(), 2u);
  EXPECT_EQ(imported.model.network_acl_associations()[0].subnet,
            imported.IndexOf("subnet-1"));
  EXPECT_EQ(imported.model.network_acl_associations()[1].subnet, kNoResource);
  EXPECT_EQ(imported.model.network_acl_associations()[1].subnet_id,
            "subnet-gone");
}

TEST(AwsApiNetworkAclsTest, BadEntriesAreInputErrors) {
  auto load = [](const std::string& entry) {
    return LoadSnapshot(
        {{"NetworkAcls.json",
          "{\"NetworkAcls\": [{\"NetworkAclId\": \"acl-1\", \"Entries\": [\n" +
              entry + "]}]}"}});
  };
  ExpectInputError(
      load(R"({"RuleNumber": 0, "Protocol": "-1", "RuleAction": "allow"})")
          .status(),
      2, 16, "RuleNumber must be a number 1 to 32767");
  ExpectInputError(
      load(R"({"RuleNumber": 40000, "Protocol": "-1", "RuleAction": "allow"})")
          .status(),
      2, 16, "RuleNumber must be a number 1 to 32767");
  ExpectInputError(
      load(R"({"RuleNumber": 1, "Protocol": "999", "RuleAction": "allow"})")
          .status(),
      2, 31, "Protocol must be a protocol name");
  ExpectInputError(
      load(R"({"RuleNumber": 1, "Protocol": "-1", "RuleAction": "permit"})")
          .status(),
      2, 51, "RuleAction must be allow or deny");
  ExpectInputError(
      load(R"({"RuleNumber": 1, "Protocol": "6", "RuleAction": "allow", )"
           R"("PortRange": {"From": 90, "To": 80}})")
          .status(),
      2, 81, "PortRange From 90 is greater than To 80");
  ExpectInputError(
      load(R"({"RuleNumber": 1, "Protocol": "-1", "RuleAction": "allow", )"
           R"("CidrBlock": "10.0.0.256/32"})")
          .status(),
      2, 73, "CidrBlock");
}

TEST(AwsApiNetworkAclsTest, NatGatewayCorpus) {
  ASSERT_OK_AND_ASSIGN(
      Imported imported,
      LoadCorpusSnapshot("aws-api/batfish/test-nat-gateway/aws_configs"));
  ASSERT_EQ(imported.model.network_acls().size(), 2u);
  const size_t acl = imported.IndexOf("acl-0792adae678b88f85");
  const NetworkAcl* custom = FacetOf(imported.model.network_acls(), acl);
  ASSERT_NE(custom, nullptr);
  EXPECT_FALSE(custom->is_default);
  // 9 entries in all, 4 of them rule 32767.
  EXPECT_EQ(imported.model.network_acl_entries().size(), 5u);
  const NetworkAclEntry* icmp = nullptr;
  for (const NetworkAclEntry& entry : imported.model.network_acl_entries()) {
    EXPECT_NE(entry.rule_number, 32767);
    if (entry.network_acl == acl && entry.protocol == "icmp") icmp = &entry;
  }
  ASSERT_NE(icmp, nullptr);
  EXPECT_EQ(icmp->rule_number, 100);
  EXPECT_FALSE(icmp->egress);
  EXPECT_EQ(icmp->cidr, "10.1.1.0/24");
  EXPECT_EQ(icmp->location.line, 26);
  EXPECT_EQ(icmp->location.column, 5);
  EXPECT_THAT(icmp->location.file, ::testing::EndsWith("NetworkAcls.json"));
  ASSERT_EQ(imported.model.network_acl_associations().size(), 3u);
  EXPECT_EQ(imported.model.network_acl_associations()[0].subnet,
            imported.IndexOf("subnet-0428892a357fa1f94"));
}

}  // namespace
}  // namespace polygraph::ingest
