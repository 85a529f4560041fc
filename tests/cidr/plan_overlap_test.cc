#include <algorithm>
#include <cstdint>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "cidr/plan_internal.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "polygraph/document.h"
#include "tests/testing.h"

namespace polygraph::testing {
namespace {

using ::polygraph::cidr::internal::FindOverlaps;
using ::polygraph::cidr::internal::SweepBlock;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

SweepBlock Block(uint32_t id, uint32_t first, int prefix, uint32_t owner,
                 uint32_t group = 0) {
  SweepBlock b;
  b.first = first;
  b.last = first + ((uint64_t{1} << (32 - prefix)) - 1);
  b.prefix_length = static_cast<uint8_t>(prefix);
  b.owner = owner;
  b.group = group;
  b.id = id;
  return b;
}

TEST(FindOverlapsTest, PairsNestedAndEqualBlocksOfDifferentOwners) {
  std::vector<SweepBlock> blocks = {
      Block(0, 0x0A000000, 16, 1),  // 10.0.0.0/16
      Block(1, 0x0A000100, 24, 2),  // 10.0.1.0/24 inside 0
      Block(2, 0x0A010000, 16, 3),  // 10.1.0.0/16 apart
      Block(3, 0x0A000100, 24, 4),  // equal to 1: paired with 1 (innermost)
      Block(4, 0x0A000200, 24, 1),  // inside 0, same owner: not paired
  };
  EXPECT_THAT(FindOverlaps(blocks),
              ElementsAre(std::pair<uint32_t, uint32_t>{0, 1},
                          std::pair<uint32_t, uint32_t>{1, 3}));
}

TEST(FindOverlapsTest, GroupsAndFamiliesNeverMix) {
  std::vector<SweepBlock> blocks = {Block(0, 0x0A000000, 16, 1, 0),
                                    Block(1, 0x0A000000, 16, 2, 1)};
  SweepBlock v6 = Block(2, 0x0A000000, 16, 3, 0);
  v6.family = ip::Family::kIpv6;
  blocks.push_back(v6);
  EXPECT_THAT(FindOverlaps(blocks), IsEmpty());
}

// Property check against brute force: a block is paired exactly when some
// block of another owner in its group contains or equals it and sorts
// before it; and every pair reported overlaps.
TEST(FindOverlapsTest, AgreesWithBruteForce) {
  std::mt19937 random(20240605);
  for (int round = 0; round < 200; ++round) {
    std::vector<SweepBlock> blocks;
    int n = 1 + static_cast<int>(random() % 60);
    for (int i = 0; i < n; ++i) {
      int prefix = 20 + static_cast<int>(random() % 9);
      uint32_t first = 0x0A000000 + (static_cast<uint32_t>(random()) & 0xFFFF);
      first &= ~static_cast<uint32_t>((uint64_t{1} << (32 - prefix)) - 1);
      blocks.push_back(Block(i, first, prefix, random() % 5, random() % 2));
    }
    std::vector<SweepBlock> original = blocks;
    auto pairs = FindOverlaps(blocks);
    std::set<uint32_t> paired;
    for (auto [a, b] : pairs) {
      const SweepBlock& x = original[a];
      const SweepBlock& y = original[b];
      EXPECT_TRUE(x.first <= y.first && y.last <= x.last);
      EXPECT_NE(x.owner, y.owner);
      EXPECT_EQ(x.group, y.group);
      EXPECT_TRUE(paired.insert(b).second) << "paired twice";
    }
    // The sorted order decides "before"; use the positions in `blocks`.
    for (size_t j = 0; j < blocks.size(); ++j) {
      bool expected = false;
      for (size_t i = 0; i < j; ++i) {
        const SweepBlock& x = blocks[i];
        const SweepBlock& y = blocks[j];
        if (x.group == y.group && x.owner != y.owner && x.first <= y.first &&
            y.last <= x.last) {
          expected = true;
        }
      }
      EXPECT_EQ(paired.count(blocks[j].id) == 1, expected)
          << "round " << round << " block " << blocks[j].id;
    }
  }
}

Value Yaml(const std::string& text) {
  absl::StatusOr<Value> value = ParseYaml(text, "t.yaml");
  EXPECT_TRUE(value.ok()) << value.status();
  return value.ok() ? *value : Value();
}

TEST(PlanReadersTest, Tiers) {
  using cidr::internal::TierOf;
  Value none = Yaml("{}");
  EXPECT_EQ(TierOf(none, "PublicSubnet1"), "PublicSubnet");
  EXPECT_EQ(TierOf(none, "PublicSubnet12"), "PublicSubnet");
  EXPECT_EQ(TierOf(none, "PrivateSubnetA"), "PrivateSubnet");
  EXPECT_EQ(TierOf(none, "private-subnet-b"), "private-subnet");
  EXPECT_EQ(TierOf(none, "AppSubnetAz2"), "AppSubnet");
  EXPECT_EQ(TierOf(none, "DbSubnet"), "DbSubnet");
  EXPECT_EQ(TierOf(none, "PrivateDB"), "PrivateDB");
  EXPECT_EQ(TierOf(none, "1"), "1");
  // The AZ index in the middle of the id (AWS's sample templates).
  EXPECT_EQ(TierOf(none, "NetworkPrivateSubnet1Subnet"),
            "NetworkPrivateSubnetSubnet");
  EXPECT_EQ(TierOf(none, "NetworkPrivateSubnet2Subnet"),
            "NetworkPrivateSubnetSubnet");
  EXPECT_EQ(TierOf(none, "subnet-1-app"), "subnet-app");
  EXPECT_EQ(TierOf(none, "PublicSubnet1A"), "PublicSubnetA");
  EXPECT_EQ(TierOf(Yaml("{Tags: [{Key: tier, Value: data}]}"), "Subnet1"),
            "data");
}

TEST(PlanReadersTest, Zones) {
  using cidr::internal::ZoneOf;
  EXPECT_EQ(ZoneOf(Yaml("{}"), "eu-west-1a"), "eu-west-1a");
  EXPECT_EQ(ZoneOf(Yaml("{AvailabilityZone: !Select [2, !GetAZs '']}"), ""),
            "GetAZs[2]");
  EXPECT_EQ(ZoneOf(Yaml("{AvailabilityZone: {'Fn::Select': ['1', "
                        "{'Fn::GetAZs': {Ref: 'AWS::Region'}}]}}"),
                   ""),
            "GetAZs[1]");
  EXPECT_EQ(ZoneOf(Yaml("{AvailabilityZone: !Select [0, !Ref Zones]}"), ""),
            "");
  EXPECT_EQ(ZoneOf(Yaml("{AvailabilityZone: !Ref Zone}"), ""), "");
}

TEST(PlanReadersTest, Production) {
  using cidr::internal::IsProduction;
  EXPECT_TRUE(IsProduction(Yaml("{Tags: [{Key: Environment, Value: prod}]}")));
  EXPECT_TRUE(IsProduction(Yaml("{Tags: [{Key: ENV, Value: Production}]}")));
  EXPECT_FALSE(IsProduction(Yaml("{Tags: [{Key: Stage, Value: preprod}]}")));
  EXPECT_FALSE(IsProduction(Yaml("{Tags: [{Key: Stage, Value: !Ref S}]}")));
  EXPECT_FALSE(IsProduction(Yaml("{Tags: [{Key: Name, Value: prod}]}")));
}

TEST(PlanReadersTest, FormatCount) {
  using cidr::internal::FormatCount;
  EXPECT_EQ(FormatCount(0), "0");
  EXPECT_EQ(FormatCount(251), "251");
  EXPECT_EQ(FormatCount(65536), "65,536");
  EXPECT_EQ(FormatCount(absl::uint128(1) << 64), "18,446,744,073,709,551,616");
}

}  // namespace
}  // namespace polygraph::testing
