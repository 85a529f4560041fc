// VPC and subnet address blocks (lib/ingest/cloudformation_vpc.cc).

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/ingest/ingest_testing.h"
#include "tests/testing.h"

namespace polygraph::ingest {
namespace {

using testing::ExpectInputError;
using testing::Imported;
using testing::ImportTemplate;

TEST(CloudFormationVpcTest, BlocksWithVpcZoneAndLocation) {
  ASSERT_OK_AND_ASSIGN(Imported imported, ImportTemplate(R"(
Parameters:
  VpcCidr: {Type: String, Default: 10.0.0.0/16}
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: !Ref VpcCidr
  Extra:
    Type: AWS::EC2::VPCCidrBlock
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 100.64.0.0/16
  Public:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !GetAtt Vpc.VpcId
      AvailabilityZone: us-east-1a
      CidrBlock: 10.0.1.0/24
      Ipv6CidrBlock: "2600:1f18::/64"
)"));
  const std::vector<NetworkBlock>& blocks = imported.model.network_blocks();
  ASSERT_EQ(blocks.size(), 4u);
  const size_t vpc = imported.IndexOf("Vpc");
  EXPECT_EQ(blocks[0].cidr, "10.0.0.0/16");
  EXPECT_EQ(blocks[0].vpc, vpc);
  EXPECT_FALSE(blocks[0].subnet);
  EXPECT_EQ(blocks[1].cidr, "100.64.0.0/16");
  EXPECT_EQ(blocks[1].resource, imported.IndexOf("Extra"));
  EXPECT_EQ(blocks[1].vpc, vpc);
  EXPECT_EQ(blocks[2].cidr, "10.0.1.0/24");
  EXPECT_TRUE(blocks[2].subnet);
  EXPECT_EQ(blocks[2].vpc, vpc);
  EXPECT_EQ(blocks[2].availability_zone, "us-east-1a");
  EXPECT_EQ(blocks[2].location.line, 19);
  EXPECT_EQ(blocks[2].location.column, 18);
  EXPECT_EQ(blocks[3].cidr, "2600:1f18::/64");
}

TEST(CloudFormationVpcTest, SymbolicBlocksAreNotedNotInvented) {
  ASSERT_OK_AND_ASSIGN(Imported imported, ImportTemplate(R"(
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: !ImportValue shared-vpc-cidr
)"));
  EXPECT_TRUE(imported.model.network_blocks().empty());
  EXPECT_EQ(imported.WithCode("symbolic-value").size(), 1u);
}

TEST(CloudFormationVpcTest, InvalidBlocksAreLocatedErrors) {
  ExpectInputError(ImportTemplate(R"(
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/33
)")
                       .status(),
                   6, 18,
                   R"(CidrBlock "10.0.0.0/33" is not a valid IPv4 CIDR)");
  ExpectInputError(ImportTemplate(R"(
Resources:
  Subnet:
    Type: AWS::EC2::Subnet
    Properties:
      CidrBlock: "2600:1f18::/64"
)")
                       .status(),
                   6, 18, "it is an IPv6 CIDR");
}

TEST(CloudFormationVpcTest, HostBitsAreNormalizedWithAWarning) {
  ASSERT_OK_AND_ASSIGN(Imported imported, ImportTemplate(R"(
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.1/16
)"));
  ASSERT_EQ(imported.model.network_blocks().size(), 1u);
  EXPECT_EQ(imported.model.network_blocks()[0].cidr, "10.0.0.0/16");
  EXPECT_EQ(imported.WithCode("cidr-host-bits").size(), 1u);
}

}  // namespace
}  // namespace polygraph::ingest
