#include "polygraph/address_set.h"

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing.h"

namespace polygraph::ip {
namespace {

using ::polygraph::testing::StatusIs;
using ::testing::HasSubstr;

AddressSet S(std::string_view text) {
  absl::StatusOr<AddressSet> set = AddressSet::Parse(text);
  EXPECT_TRUE(set.ok()) << set.status();
  return set.value_or(AddressSet());
}

IpAddress Ip(std::string_view text) { return IpAddress::Parse(text).value(); }
Cidr C(std::string_view text) { return Cidr::Parse(text).value(); }

TEST(AddressSetTest, EmptyAndAll) {
  EXPECT_TRUE(AddressSet().empty());
  EXPECT_TRUE(AddressSet::None().empty());
  EXPECT_EQ(AddressSet().ToString(), "");
  EXPECT_EQ(AddressSet::All().ToString(), "0.0.0.0/0, ::/0");
  EXPECT_EQ(AddressSet::All(Family::kIpv4).ToString(), "0.0.0.0/0");
  EXPECT_EQ(AddressSet::All(Family::kIpv6).ToString(), "::/0");
  EXPECT_TRUE(AddressSet::All().IsAll(Family::kIpv4));
  EXPECT_TRUE(AddressSet::All().IsAll(Family::kIpv6));
  EXPECT_FALSE(AddressSet::All(Family::kIpv4).IsAll(Family::kIpv6));
  EXPECT_TRUE(AddressSet::All(Family::kIpv4).empty(Family::kIpv6));
  EXPECT_EQ(AddressSet::Of(C("0.0.0.0/0")), AddressSet::All(Family::kIpv4));
}

TEST(AddressSetTest, SizesAndIpv6Saturation) {
  EXPECT_EQ(AddressSet().size(Family::kIpv4), 0);
  EXPECT_EQ(S("0.0.0.0/0").size(Family::kIpv4), absl::uint128(1) << 32);
  EXPECT_EQ(S("255.255.255.255/32").size(Family::kIpv4), 1);
  EXPECT_EQ(S("10.0.0.0/8, 192.168.0.0/16").size(Family::kIpv4),
            (1 << 24) + (1 << 16));
  EXPECT_EQ(S("10.0.0.0/8").size(Family::kIpv6), 0);
  // The whole IPv6 space saturates; IsAll() tells it apart.
  EXPECT_EQ(S("::/0").size(Family::kIpv6), absl::Uint128Max());
  EXPECT_TRUE(S("::/0").IsAll(Family::kIpv6));
  const AddressSet almost = S("::/0").Subtract(S("::/128"));
  EXPECT_EQ(almost.size(Family::kIpv6), absl::Uint128Max());
  EXPECT_FALSE(almost.IsAll(Family::kIpv6));
  EXPECT_EQ(S("::/1, 8000::/2").size(Family::kIpv6),
            (absl::uint128(1) << 127) + (absl::uint128(1) << 126));
}

TEST(AddressSetTest, AdjacentIntervalsMerge) {
  AddressSet set;
  set.Add(C("10.0.0.0/25"));
  set.Add(C("10.0.0.128/25"));
  EXPECT_EQ(set.ToString(), "10.0.0.0/24");
  EXPECT_EQ(set.interval_count(), 1u);
  set.Add(Ip("10.0.1.0"));
  EXPECT_EQ(set.interval_count(), 1u);
  EXPECT_EQ(set.ToString(), "10.0.0.0/24, 10.0.1.0/32");
  // Adding out of order, overlapping, and bridging a gap.
  set = S("10.0.0.10/32, 10.0.0.0/32, 10.0.0.4/30");
  EXPECT_EQ(set.interval_count(), 3u);
  set.Add(Ip("10.0.0.1"), Ip("10.0.0.3"));
  set.Add(Ip("10.0.0.8"), Ip("10.0.0.9"));
  EXPECT_EQ(set.interval_count(), 1u);
  EXPECT_EQ(set.ToString(), "10.0.0.0/29, 10.0.0.8/31, 10.0.0.10/32");
  // Merging at the top of the address space does not overflow.
  set = S("255.255.255.254/32");
  set.Add(Ip("255.255.255.255"));
  EXPECT_EQ(set.ToString(), "255.255.255.254/31");
  set = S("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128");
  set.Add(S("::/1, 8000::/1"));
  EXPECT_TRUE(set.IsAll(Family::kIpv6));
}

TEST(AddressSetTest, AddIgnoresInvalidRanges) {
  AddressSet set;
  set.Add(Ip("10.0.0.2"), Ip("10.0.0.1"));
  set.Add(Ip("10.0.0.1"), Ip("::2"));
  EXPECT_TRUE(set.empty());
}

TEST(AddressSetTest, SubtractSplitsAnIntervalInTwo) {
  const AddressSet set = S("10.0.0.0/24").Subtract(S("10.0.0.128/32"));
  EXPECT_EQ(set.interval_count(), 2u);
  EXPECT_EQ(set.ToString(),
            "10.0.0.0/25, 10.0.0.129/32, 10.0.0.130/31, 10.0.0.132/30, "
            "10.0.0.136/29, 10.0.0.144/28, 10.0.0.160/27, 10.0.0.192/26");
  EXPECT_FALSE(set.Contains(Ip("10.0.0.128")));
  EXPECT_TRUE(set.Contains(Ip("10.0.0.127")));
  EXPECT_TRUE(set.Contains(Ip("10.0.0.129")));
  EXPECT_EQ(set.size(Family::kIpv4), 255);
}

TEST(AddressSetTest, SubtractEdges) {
  EXPECT_TRUE(S("10.0.0.0/8").Subtract(S("0.0.0.0/0")).empty());
  EXPECT_EQ(S("10.0.0.0/8").Subtract(S("11.0.0.0/8")), S("10.0.0.0/8"));
  EXPECT_EQ(S("10.0.0.0/8").Subtract(S("10.0.0.0/9")), S("10.128.0.0/9"));
  EXPECT_EQ(S("10.0.0.0/8").Subtract(S("10.128.0.0/9")), S("10.0.0.0/9"));
  // Several holes in one interval, and one hole spanning several intervals.
  EXPECT_EQ(S("10.0.0.0/28").Subtract(S("10.0.0.2/31, 10.0.0.8/30")),
            S("10.0.0.0/31, 10.0.0.4/30, 10.0.0.12/30"));
  EXPECT_EQ(
      S("10.0.0.0/31, 10.0.0.4/31, 10.0.0.8/31")
          .Subtract(S("10.0.0.1/32, 10.0.0.2/31, 10.0.0.4/31, 10.0.0.8/32")),
      S("10.0.0.0/32, 10.0.0.9/32"));
  EXPECT_EQ(S("0.0.0.0/0")
                .Subtract(S("0.0.0.0/32, 255.255.255.255/32"))
                .size(Family::kIpv4),
            (absl::uint128(1) << 32) - 2);
  EXPECT_EQ(S("::/0").Subtract(S("::/1")), S("8000::/1"));
}

TEST(AddressSetTest, UnionAndIntersect) {
  const AddressSet a = S("10.0.0.0/8, 192.168.1.0/24");
  const AddressSet b = S("10.1.0.0/16, 172.16.0.0/12, 192.168.0.0/16");
  EXPECT_EQ(a.Union(b).ToString(), "10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16");
  EXPECT_EQ(a.Intersect(b).ToString(), "10.1.0.0/16, 192.168.1.0/24");
  EXPECT_EQ(a.Intersect(AddressSet()), AddressSet());
  EXPECT_EQ(a.Union(AddressSet()), a);
  EXPECT_EQ(a.Intersect(AddressSet::All()), a);
  EXPECT_EQ(S("10.0.0.0/31").Intersect(S("10.0.0.1/32, 10.0.0.2/31")),
            S("10.0.0.1/32"));
}

TEST(AddressSetTest, ComplementWithinFamily) {
  EXPECT_EQ(S("0.0.0.0/1").Complement(Family::kIpv4), S("128.0.0.0/1"));
  EXPECT_EQ(S("0.0.0.0/1").Complement(), S("128.0.0.0/1, ::/0"));
  EXPECT_EQ(AddressSet().Complement(), AddressSet::All());
  EXPECT_TRUE(AddressSet::All().Complement().empty());
  EXPECT_EQ(S("10.0.0.0/8").Complement(Family::kIpv4).ToString(),
            "0.0.0.0/5, 8.0.0.0/7, 11.0.0.0/8, 12.0.0.0/6, 16.0.0.0/4, "
            "32.0.0.0/3, 64.0.0.0/2, 128.0.0.0/1");
  EXPECT_EQ(S("::1/128").Complement(Family::kIpv6).Complement(Family::kIpv6),
            S("::1/128"));
  EXPECT_EQ(S("10.0.0.0/8, ::/0").Only(Family::kIpv4), S("10.0.0.0/8"));
}

TEST(AddressSetTest, FamiliesNeverMix) {
  const AddressSet v4 = S("0.0.0.0/0");
  const AddressSet v6 = S("::/0");
  EXPECT_FALSE(v4.Overlaps(v6));
  EXPECT_TRUE(v4.Intersect(v6).empty());
  EXPECT_EQ(v4.Subtract(v6), v4);
  EXPECT_FALSE(v4.Contains(Ip("::ffff:10.0.0.1")));
  EXPECT_FALSE(v4.Contains(C("::ffff:0:0/96")));
  EXPECT_TRUE(v6.Contains(Ip("::ffff:10.0.0.1")));
  EXPECT_FALSE(v6.Contains(Ip("10.0.0.1")));
  EXPECT_FALSE(v4.Contains(v6));
  EXPECT_EQ(v4.Union(v6), AddressSet::All());
  EXPECT_NE(S("10.0.0.0/8"), S("::ffff:10.0.0.0/104"));
}

TEST(AddressSetTest, ContainsAndOverlaps) {
  const AddressSet set = S("10.0.0.0/8, 192.168.1.0/24, 2001:db8::/32");
  EXPECT_TRUE(set.Contains(Ip("10.20.30.40")));
  EXPECT_TRUE(set.Contains(Ip("2001:db8::1")));
  EXPECT_FALSE(set.Contains(Ip("192.168.2.1")));
  EXPECT_TRUE(set.Contains(C("192.168.1.128/25")));
  EXPECT_FALSE(set.Contains(C("192.168.0.0/16")));
  EXPECT_TRUE(set.Contains(S("10.1.0.0/16, 192.168.1.1/32")));
  EXPECT_FALSE(set.Contains(S("10.1.0.0/16, 11.0.0.0/32")));
  EXPECT_TRUE(set.Contains(AddressSet()));
  EXPECT_TRUE(AddressSet().Contains(AddressSet()));
  // A subset must lie within one interval, not straddle a gap.
  EXPECT_FALSE(S("10.0.0.0/32, 10.0.0.2/32").Contains(S("10.0.0.0/30")));
  EXPECT_TRUE(set.Overlaps(S("192.168.0.0/16")));
  EXPECT_FALSE(set.Overlaps(S("192.168.0.0/24, 11.0.0.0/8")));
  EXPECT_FALSE(set.Overlaps(AddressSet()));
}

TEST(AddressSetTest, ToCidrsIsMinimalAndOrdered) {
  AddressSet set;
  set.Add(Ip("10.0.0.1"), Ip("10.0.0.6"));
  set.Add(C("::/0"));
  set.Add(C("1.0.0.0/8"));
  EXPECT_EQ(set.ToString(),
            "1.0.0.0/8, 10.0.0.1/32, 10.0.0.2/31, 10.0.0.4/31, 10.0.0.6/32, "
            "::/0");
  EXPECT_EQ(AddressSet::Of(set.ToCidrs()), set);
  const auto ranges = set.Ranges();
  ASSERT_EQ(ranges.size(), 3u);
  EXPECT_EQ(ranges[1].first, Ip("10.0.0.1"));
  EXPECT_EQ(ranges[1].second, Ip("10.0.0.6"));
  EXPECT_EQ(ranges[2].first, Ip("::"));
}

TEST(AddressSetTest, ParseErrors) {
  EXPECT_THAT(
      AddressSet::Parse("10.0.0.0/8,"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("empty item")));
  EXPECT_THAT(AddressSet::Parse("10.0.0.0/8, 10.0.0.1/8"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("invalid CIDR \"10.0.0.1/8\": host bits")));
  ASSERT_OK_AND_ASSIGN(
      AddressSet set,
      AddressSet::Parse("10.0.0.1/8", {.normalize_host_bits = true}));
  EXPECT_EQ(set, S("10.0.0.0/8"));
  EXPECT_EQ(S("  "), AddressSet());
}

TEST(AddressSetTest, Hashes) {
  absl::flat_hash_set<AddressSet> sets = {
      S("10.0.0.0/8"), S("10.0.0.0/9, 10.128.0.0/9"), S("::/0"), AddressSet()};
  EXPECT_EQ(sets.size(), 3u);
}

// Set identities checked on random sets against a brute-force model over a
// small universe (10.0.0.0/26): small enough to enumerate.
TEST(AddressSetTest, AlgebraMatchesBruteForce) {
  std::mt19937 rng(1234);
  auto random_set = [&](std::vector<bool>& model) {
    AddressSet set;
    model.assign(64, false);
    const int count = std::uniform_int_distribution<int>(0, 5)(rng);
    for (int i = 0; i < count; ++i) {
      const int lo = std::uniform_int_distribution<int>(0, 63)(rng);
      const int hi = std::uniform_int_distribution<int>(lo, 63)(rng);
      set.Add(IpAddress::V4(0x0a000000 + lo), IpAddress::V4(0x0a000000 + hi));
      for (int k = lo; k <= hi; ++k) model[k] = true;
    }
    return set;
  };
  for (int round = 0; round < 300; ++round) {
    std::vector<bool> ma;
    std::vector<bool> mb;
    const AddressSet a = random_set(ma);
    const AddressSet b = random_set(mb);
    const AddressSet u = a.Union(b);
    const AddressSet n = a.Intersect(b);
    const AddressSet d = a.Subtract(b);
    bool subset = true;
    bool overlap = false;
    for (int k = 0; k < 64; ++k) {
      const IpAddress ip = IpAddress::V4(0x0a000000 + k);
      ASSERT_EQ(u.Contains(ip), ma[k] || mb[k]);
      ASSERT_EQ(n.Contains(ip), ma[k] && mb[k]);
      ASSERT_EQ(d.Contains(ip), ma[k] && !mb[k]);
      subset &= !mb[k] || ma[k];
      overlap |= ma[k] && mb[k];
    }
    ASSERT_EQ(a.Contains(b), subset);
    ASSERT_EQ(a.Overlaps(b), overlap);
    ASSERT_EQ(d.Union(n), a);
    ASSERT_EQ(AddressSet::Of(u.ToCidrs()), u);
    ASSERT_EQ(a.Complement().Complement(), a);
  }
}

}  // namespace
}  // namespace polygraph::ip
