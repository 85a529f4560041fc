#include "ingest/cloudformation_functions.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing.h"

namespace polygraph::ingest {
namespace {

using ::polygraph::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(CidrBlocksTest, MatchesCloudFormationsDocumentedExample) {
  // The example of the Fn::Cidr documentation: 6 subnets with 5 host bits.
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> blocks,
                       CidrBlocks("192.168.0.0/24", 6, 5));
  EXPECT_THAT(blocks, ElementsAre("192.168.0.0/27", "192.168.0.32/27",
                                  "192.168.0.64/27", "192.168.0.96/27",
                                  "192.168.0.128/27", "192.168.0.160/27"));
  ASSERT_OK_AND_ASSIGN(blocks, CidrBlocks("2001:db8:1234::/48", 2, 64));
  EXPECT_THAT(blocks,
              ElementsAre("2001:db8:1234::/64", "2001:db8:1234:1::/64"));
}

TEST(CidrBlocksTest, RejectsWhatCloudFormationRejects) {
  EXPECT_THAT(
      CidrBlocks("10.0.0.1/24", 1, 8),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("is not a CIDR")));
  EXPECT_THAT(CidrBlocks("10.0.0.0/24", 0, 8),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("count must be 1 to 256")));
  EXPECT_THAT(CidrBlocks("10.0.0.0/24", 1, 9),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("cidrBits must be 1 to 8")));
  EXPECT_THAT(CidrBlocks("10.0.0.0/24", 2, 8),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("cannot fit 2 subnets")));
}

TEST(AvailabilityZonesTest, KnownAndUnknownRegions) {
  EXPECT_THAT(AvailabilityZones("us-east-2"),
              ::testing::Optional(
                  ElementsAre("us-east-2a", "us-east-2b", "us-east-2c")));
  EXPECT_EQ(AvailabilityZones("xx-nowhere-1"), std::nullopt);
}

TEST(PartitionTest, RegionsImplyPartitionAndUrlSuffix) {
  EXPECT_EQ(PartitionOfRegion("eu-west-1"), "aws");
  EXPECT_EQ(PartitionOfRegion("cn-northwest-1"), "aws-cn");
  EXPECT_EQ(PartitionOfRegion("us-gov-west-1"), "aws-us-gov");
  EXPECT_EQ(UrlSuffixOfRegion("cn-north-1"), "amazonaws.com.cn");
  EXPECT_EQ(UrlSuffixOfRegion(""), "amazonaws.com");
}

TEST(Base64Test, EncodesWithPadding) {
  EXPECT_EQ(Base64(""), "");
  EXPECT_EQ(Base64("a"), "YQ==");
  EXPECT_EQ(Base64("#!/bin/bash\n"), "IyEvYmluL2Jhc2gK");
}

}  // namespace
}  // namespace polygraph::ingest
