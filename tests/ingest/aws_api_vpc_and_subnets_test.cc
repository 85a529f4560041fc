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
using ::testing::UnorderedElementsAre;

constexpr char kVpcs[] = R"({"Vpcs": [{
  "VpcId": "vpc-1",
  "CidrBlock": "10.0.0.0/16",
  "CidrBlockAssociationSet": [
    {"CidrBlock": "10.0.0.0/16", "CidrBlockState": {"State": "associated"}},
    {"CidrBlock": "10.9.0.0/16", "CidrBlockState": {"State": "disassociated"}},
    {"CidrBlock": "10.1.0.0/16", "CidrBlockState": {"State": "associated"}}
  ],
  "Ipv6CidrBlockAssociationSet": [
    {"Ipv6CidrBlock": "2600:1F18:0::/56",
     "Ipv6CidrBlockState": {"State": "associated"}}
  ]
}]})";

constexpr char kSubnets[] = R"({"Subnets": [{
  "SubnetId": "subnet-1",
  "VpcId": "vpc-1",
  "AvailabilityZone": "us-east-1a",
  "CidrBlock": "10.0.1.0/24",
  "MapPublicIpOnLaunch": true,
  "Ipv6CidrBlockAssociationSet": [
    {"Ipv6CidrBlock": "2600:1f18::/64",
     "Ipv6CidrBlockState": {"State": "associated"}}
  ]
}, {
  "SubnetId": "subnet-2",
  "VpcId": "vpc-gone",
  "CidrBlock": "10.5.0.0/24"
}]})";

std::vector<std::string> BlocksOf(const Imported& imported, size_t resource) {
  std::vector<std::string> cidrs;
  for (const NetworkBlock& block : imported.model.network_blocks()) {
    if (block.resource == resource) cidrs.push_back(block.cidr);
  }
  return cidrs;
}

TEST(AwsApiVpcAndSubnetsTest, VpcBlocksAreTheAssociatedOnes) {
  ASSERT_OK_AND_ASSIGN(Imported imported, LoadSnapshot({{"Vpcs.json", kVpcs}}));
  const size_t vpc = imported.IndexOf("vpc-1");
  EXPECT_THAT(
      BlocksOf(imported, vpc),
      UnorderedElementsAre("10.0.0.0/16", "10.1.0.0/16", "2600:1f18::/56"));
  for (const NetworkBlock& block : imported.model.network_blocks()) {
    EXPECT_EQ(block.vpc, vpc);
    EXPECT_FALSE(block.subnet);
  }
  // Located at the CIDR value: line 5, after `{"CidrBlock": `.
  EXPECT_EQ(imported.model.network_blocks()[0].location.line, 5);
  EXPECT_EQ(imported.model.network_blocks()[0].location.column, 19);
}

TEST(AwsApiVpcAndSubnetsTest, SubnetsAndTheirBlocks) {
  ASSERT_OK_AND_ASSIGN(
      Imported imported,
      LoadSnapshot({{"Vpcs.json", kVpcs}, {"Subnets.json", kSubnets}}));
  ASSERT_EQ(imported.model.subnets().size(), 2u);
  const Subnet* subnet =
      FacetOf(imported.model.subnets(), imported.IndexOf("subnet-1"));
  ASSERT_NE(subnet, nullptr);
  EXPECT_EQ(subnet->vpc, imported.IndexOf("vpc-1"));
  EXPECT_EQ(subnet->ipv4_cidr, "10.0.1.0/24");
  EXPECT_EQ(subnet->ipv6_cidr, "2600:1f18::/64");
  EXPECT_EQ(subnet->availability_zone, "us-east-1a");
  EXPECT_TRUE(subnet->map_public_ip_on_launch.set);
  EXPECT_TRUE(subnet->map_public_ip_on_launch.value);
  EXPECT_EQ(subnet->map_public_ip_on_launch.location.line, 6);
  EXPECT_EQ(subnet->location.line, 1);
  EXPECT_EQ(subnet->location.column, 14);
  EXPECT_THAT(BlocksOf(imported, imported.IndexOf("subnet-1")),
              UnorderedElementsAre("10.0.1.0/24", "2600:1f18::/64"));
  // An undeclared VPC keeps its id.
  const Subnet* orphan =
      FacetOf(imported.model.subnets(), imported.IndexOf("subnet-2"));
  ASSERT_NE(orphan, nullptr);
  EXPECT_EQ(orphan->vpc, kNoResource);
  EXPECT_EQ(orphan->vpc_id, "vpc-gone");
  EXPECT_FALSE(orphan->map_public_ip_on_launch.set);
}

TEST(AwsApiVpcAndSubnetsTest, BadCidrsAreInputErrors) {
  absl::StatusOr<Imported> bad = LoadSnapshot(
      {{"Subnets.json",
        R"({"Subnets": [{"SubnetId": "subnet-1", "CidrBlock": "10.0.0/24"}]})"}});
  ExpectInputError(bad.status(), 1, 52,
                   "CidrBlock \"10.0.0/24\" is not a valid");
  absl::StatusOr<Imported> family = LoadSnapshot(
      {{"Subnets.json",
        R"({"Subnets": [{"SubnetId": "subnet-1", "CidrBlock": "::/0"}]})"}});
  ExpectInputError(family.status(), 1, 52, "it is an IPv6 CIDR");
  absl::StatusOr<Imported> flag = LoadSnapshot(
      {{"Subnets.json",
        R"({"Subnets": [{"SubnetId": "s", "MapPublicIpOnLaunch": "yes"}]})"}});
  ExpectInputError(flag.status(), 1, 55, "MapPublicIpOnLaunch must be true");
}

TEST(AwsApiVpcAndSubnetsTest, NatGatewayCorpus) {
  ASSERT_OK_AND_ASSIGN(
      Imported imported,
      LoadCorpusSnapshot("aws-api/batfish/test-nat-gateway/aws_configs"));
  ASSERT_EQ(imported.model.subnets().size(), 3u);
  const Subnet* public_subnet = FacetOf(
      imported.model.subnets(), imported.IndexOf("subnet-0428892a357fa1f94"));
  ASSERT_NE(public_subnet, nullptr);
  EXPECT_EQ(public_subnet->ipv4_cidr, "10.1.250.0/24");
  EXPECT_TRUE(public_subnet->map_public_ip_on_launch.value);
  EXPECT_EQ(public_subnet->vpc, imported.IndexOf("vpc-0008a7b45e3ddf1dd"));
  const Subnet* private_subnet = FacetOf(
      imported.model.subnets(), imported.IndexOf("subnet-06f469bcee42e408e"));
  ASSERT_NE(private_subnet, nullptr);
  EXPECT_FALSE(private_subnet->map_public_ip_on_launch.value);
  EXPECT_THAT(BlocksOf(imported, imported.IndexOf("vpc-0008a7b45e3ddf1dd")),
              UnorderedElementsAre("10.1.0.0/16"));
}

}  // namespace
}  // namespace polygraph::ingest
