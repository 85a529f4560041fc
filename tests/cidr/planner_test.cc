#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "polygraph/cidr_planner.h"
#include "tests/testing.h"

namespace polygraph::testing {
namespace {

using ::polygraph::cidr::PlannedSubnet;
using ::polygraph::cidr::PlanSubnets;
using ::polygraph::cidr::SubnetRequest;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

ip::Cidr C(const char* text) { return *ip::Cidr::Parse(text); }

std::vector<std::string> Texts(const std::vector<PlannedSubnet>& planned) {
  std::vector<std::string> out;
  for (const PlannedSubnet& p : planned) {
    out.push_back(p.availability_zone.empty()
                      ? p.cidr.ToString()
                      : p.cidr.ToString() + "@" + p.availability_zone);
  }
  return out;
}

SubnetRequest Request(int count, int prefix,
                      std::vector<std::string> zones = {}) {
  SubnetRequest request;
  request.count = count;
  request.prefix_length = prefix;
  request.availability_zones = std::move(zones);
  return request;
}

TEST(PlanSubnetsTest, LowestFreeAlignedBlocks) {
  ASSERT_OK_AND_ASSIGN(
      std::vector<PlannedSubnet> planned,
      PlanSubnets({C("10.0.0.0/16")}, {C("10.0.0.0/25"), C("10.0.2.0/24")},
                  Request(3, 24)));
  EXPECT_THAT(Texts(planned),
              ElementsAre("10.0.1.0/24", "10.0.3.0/24", "10.0.4.0/24"));
  ASSERT_OK_AND_ASSIGN(
      planned,
      PlanSubnets({C("10.0.0.0/16")}, {C("10.0.0.0/25")}, Request(1, 25)));
  EXPECT_THAT(Texts(planned), ElementsAre("10.0.0.128/25"));
}

TEST(PlanSubnetsTest, OnePerZone) {
  ASSERT_OK_AND_ASSIGN(
      std::vector<PlannedSubnet> planned,
      PlanSubnets({C("10.0.0.0/16")}, {C("10.0.0.0/24")},
                  Request(1, 24, {"eu-west-1a", "eu-west-1b"})));
  EXPECT_THAT(Texts(planned),
              ElementsAre("10.0.1.0/24@eu-west-1a", "10.0.2.0/24@eu-west-1b"));
}

TEST(PlanSubnetsTest, SeveralVpcBlocksAndIpv6) {
  ASSERT_OK_AND_ASSIGN(std::vector<PlannedSubnet> planned,
                       PlanSubnets({C("10.0.0.0/24"), C("10.5.0.0/24")},
                                   {C("10.0.0.0/25")}, Request(2, 25)));
  EXPECT_THAT(Texts(planned), ElementsAre("10.0.0.128/25", "10.5.0.0/25"));
  ASSERT_OK_AND_ASSIGN(
      planned,
      PlanSubnets({C("2001:db8::/56")}, {C("2001:db8::/64")}, Request(2, 64)));
  EXPECT_THAT(Texts(planned),
              ElementsAre("2001:db8:0:1::/64", "2001:db8:0:2::/64"));
  ASSERT_OK_AND_ASSIGN(planned, PlanSubnets({C("::/0")}, {}, Request(1, 0)));
  EXPECT_THAT(Texts(planned), ElementsAre("::/0"));
}

TEST(PlanSubnetsTest, SaysWhyThereIsNoSpace) {
  EXPECT_THAT(
      PlanSubnets({C("10.0.0.0/22")},
                  {C("10.0.0.0/24"), C("10.0.1.0/24"), C("10.0.3.128/25")},
                  Request(2, 24)),
      StatusIs(absl::StatusCode::kResourceExhausted,
               "no free /24 left in 10.0.0.0/22 for subnet 2 of 2: 128 "
               "addresses free, the largest free block is 10.0.3.0/25"));
  EXPECT_THAT(
      PlanSubnets({C("10.0.0.0/24")}, {C("10.0.0.0/24")}, Request(1, 28)),
      StatusIs(absl::StatusCode::kResourceExhausted,
               HasSubstr("for subnet 1 of 1: nothing is free")));
}

TEST(PlanSubnetsTest, RejectsBadRequests) {
  EXPECT_THAT(PlanSubnets({}, {}, Request(1, 24)),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(
      PlanSubnets({C("10.0.0.0/16"), C("fd00::/48")}, {}, Request(1, 24)),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("different families")));
  EXPECT_THAT(PlanSubnets({C("10.0.0.0/16")}, {}, Request(-1, 24)),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(PlanSubnets({C("10.0.0.0/16")}, {}, Request(1, 33)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "prefix length must be in 0..32 for IPv4, got 33"));
}

// Exactness against brute force over a /24: the lowest aligned free block
// of each request, one after the other.
TEST(PlanSubnetsTest, AgreesWithBruteForce) {
  std::mt19937 random(7);
  for (int round = 0; round < 300; ++round) {
    std::vector<bool> used(256, false);
    std::vector<ip::Cidr> existing;
    int n = static_cast<int>(random() % 8);
    for (int i = 0; i < n; ++i) {
      int prefix = 25 + static_cast<int>(random() % 8);
      int size = 1 << (32 - prefix);
      int start = static_cast<int>(random() % 256) / size * size;
      existing.push_back(*ip::Cidr::Create(
          ip::IpAddress::V4(0x0A000000u + static_cast<uint32_t>(start)),
          prefix));
      for (int a = start; a < start + size; ++a) used[a] = true;
    }
    int prefix = 26 + static_cast<int>(random() % 7);
    int size = 1 << (32 - prefix);
    int count = 1 + static_cast<int>(random() % 4);
    std::vector<std::string> expected;
    for (int c = 0; c < count; ++c) {
      int found = -1;
      for (int start = 0; start < 256 && found < 0; start += size) {
        bool free = true;
        for (int a = start; a < start + size; ++a) free = free && !used[a];
        if (free) found = start;
      }
      if (found < 0) break;
      for (int a = found; a < found + size; ++a) used[a] = true;
      expected.push_back(absl::StrCat("10.0.0.", found, "/", prefix));
    }
    absl::StatusOr<std::vector<PlannedSubnet>> planned =
        PlanSubnets({C("10.0.0.0/24")}, existing, Request(count, prefix));
    if (static_cast<int>(expected.size()) < count) {
      EXPECT_EQ(planned.status().code(), absl::StatusCode::kResourceExhausted);
    } else {
      ASSERT_TRUE(planned.ok()) << planned.status();
      EXPECT_EQ(Texts(*planned), expected) << "round " << round;
    }
  }
}

}  // namespace
}  // namespace polygraph::testing
