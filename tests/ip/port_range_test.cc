#include "polygraph/port_range.h"

#include <random>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing.h"

namespace polygraph::ip {
namespace {

using ::polygraph::testing::StatusIs;
using ::testing::HasSubstr;

PortRange R(std::string_view text) { return PortRange::Parse(text).value(); }

PortSet P(std::string_view text) {
  absl::StatusOr<PortSet> set = PortSet::Parse(text);
  EXPECT_TRUE(set.ok()) << set.status();
  return set.value_or(PortSet());
}

std::string RangeError(std::string_view text) {
  absl::StatusOr<PortRange> range = PortRange::Parse(text);
  return range.ok() ? "ok: " + range->ToString()
                    : std::string(range.status().message());
}

TEST(PortRangeTest, Parses) {
  EXPECT_EQ(R("443").first(), 443);
  EXPECT_EQ(R("443").last(), 443);
  EXPECT_EQ(R("443").size(), 1);
  EXPECT_EQ(R("1024-65535").first(), 1024);
  EXPECT_EQ(R("1024-65535").last(), 65535);
  EXPECT_EQ(R("*"), PortRange::All());
  EXPECT_EQ(R("0-65535"), PortRange::All());
  EXPECT_TRUE(R("*").is_all());
  EXPECT_EQ(R("*").size(), 65536);
  EXPECT_EQ(R("0").ToString(), "0");
  EXPECT_EQ(R("80-80").ToString(), "80");
  EXPECT_EQ(R("*").ToString(), "0-65535");
  EXPECT_EQ(PortRange::Single(22), R("22"));
  EXPECT_EQ(PortRange::Single(70000), R("65535"));
}

TEST(PortRangeTest, RejectsMalformedText) {
  EXPECT_THAT(PortRange::Parse("443-80"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "invalid port range \"443-80\": 443 > 80"));
  EXPECT_EQ(RangeError("65536"),
            "invalid port range \"65536\": 65536 is out of range (0-65535)");
  EXPECT_THAT(RangeError("-1"), HasSubstr("missing port number"));
  EXPECT_THAT(RangeError(""), HasSubstr("missing port number"));
  EXPECT_THAT(RangeError("80-"), HasSubstr("missing port number"));
  EXPECT_THAT(RangeError("080"), HasSubstr("leading zero"));
  EXPECT_THAT(RangeError("80 "), HasSubstr("not a decimal port number"));
  EXPECT_THAT(RangeError("1-2-3"), HasSubstr("not a decimal port number"));
  EXPECT_THAT(RangeError("http"), HasSubstr("not a decimal port number"));
  EXPECT_THAT(RangeError("**"), HasSubstr("not a decimal port number"));
  EXPECT_THAT(RangeError("99999999999"), HasSubstr("out of range"));
}

TEST(PortRangeTest, CreateValidates) {
  ASSERT_OK_AND_ASSIGN(PortRange range, PortRange::Create(20, 21));
  EXPECT_EQ(range, R("20-21"));
  EXPECT_FALSE(PortRange::Create(-1, 5).ok());
  EXPECT_FALSE(PortRange::Create(5, 65536).ok());
  EXPECT_FALSE(PortRange::Create(6, 5).ok());
}

TEST(PortRangeTest, ContainsAndOverlaps) {
  EXPECT_TRUE(R("80-443").Contains(80));
  EXPECT_TRUE(R("80-443").Contains(443));
  EXPECT_FALSE(R("80-443").Contains(444));
  EXPECT_FALSE(R("80-443").Contains(-1));
  EXPECT_TRUE(R("*").Contains(R("22")));
  EXPECT_FALSE(R("22").Contains(R("22-23")));
  EXPECT_TRUE(R("80-443").Overlaps(R("443-500")));
  EXPECT_FALSE(R("80-443").Overlaps(R("444-500")));
  EXPECT_TRUE(R("22").Overlaps(R("*")));
}

TEST(PortSetTest, ParseAndToString) {
  EXPECT_EQ(P("22, 80-443").ToString(), "22, 80-443");
  EXPECT_EQ(P("443,80-442,22").ToString(), "22, 80-443");
  EXPECT_EQ(P("").ToString(), "");
  EXPECT_TRUE(P("").empty());
  EXPECT_EQ(P("*"), PortSet::All());
  EXPECT_TRUE(P("0-100, 101-65535").is_all());
  EXPECT_THAT(
      PortSet::Parse("22,,80"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("empty item")));
  EXPECT_THAT(
      PortSet::Parse("22, 99999"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("\"99999\"")));
}

TEST(PortSetTest, AdjacentRangesMerge) {
  PortSet set = P("22");
  set.Add(R("23"));
  set.Add(R("21"));
  EXPECT_EQ(set.ToString(), "21-23");
  EXPECT_EQ(set.ranges().size(), 1u);
  set.Add(R("25"));
  EXPECT_EQ(set.ToString(), "21-23, 25");
  set.Add(R("24"));
  EXPECT_EQ(set.ToString(), "21-25");
  set.Add(P("0-20, 26-65535"));
  EXPECT_TRUE(set.is_all());
}

TEST(PortSetTest, SubtractSplitsARangeInTwo) {
  EXPECT_EQ(P("80-443").Subtract(P("100")).ToString(), "80-99, 101-443");
  EXPECT_EQ(P("*").Subtract(P("0, 65535")).ToString(), "1-65534");
  EXPECT_EQ(P("*").Subtract(P("22, 80-443")).ToString(),
            "0-21, 23-79, 444-65535");
  EXPECT_TRUE(P("22").Subtract(P("*")).empty());
  EXPECT_EQ(P("10-20, 30-40").Subtract(P("15-35")).ToString(), "10-14, 36-40");
  EXPECT_EQ(P("10-20").Subtract(P("1-5, 30-40")).ToString(), "10-20");
}

TEST(PortSetTest, Algebra) {
  const PortSet a = P("22, 80-443");
  const PortSet b = P("443-8080");
  EXPECT_EQ(a.Union(b).ToString(), "22, 80-8080");
  EXPECT_EQ(a.Intersect(b).ToString(), "443");
  EXPECT_EQ(a.Complement().Complement(), a);
  EXPECT_EQ(PortSet().Complement(), PortSet::All());
  EXPECT_EQ(a.size(), 1 + 364);
  EXPECT_EQ(PortSet::All().size(), 65536);
  EXPECT_TRUE(a.Contains(22));
  EXPECT_FALSE(a.Contains(23));
  EXPECT_TRUE(a.Contains(R("100-200")));
  EXPECT_FALSE(a.Contains(R("22-80")));
  EXPECT_TRUE(a.Contains(P("22, 443")));
  EXPECT_FALSE(a.Contains(P("22, 444")));
  EXPECT_TRUE(a.Overlaps(b));
  EXPECT_FALSE(a.Overlaps(P("23-79")));
  EXPECT_EQ(PortSet::Of(R("1-2")), P("1,2"));
}

TEST(PortSetTest, AlgebraMatchesBruteForce) {
  std::mt19937 rng(99);
  auto random_set = [&](std::vector<bool>& model) {
    PortSet set;
    model.assign(65536, false);
    const int count = std::uniform_int_distribution<int>(0, 4)(rng);
    for (int i = 0; i < count; ++i) {
      const int lo = std::uniform_int_distribution<int>(0, 65535)(rng);
      const int len = std::uniform_int_distribution<int>(0, 20000)(rng);
      const int hi = std::min(lo + len, 65535);
      set.Add(PortRange::Create(lo, hi).value());
      for (int k = lo; k <= hi; ++k) model[k] = true;
    }
    return set;
  };
  for (int round = 0; round < 50; ++round) {
    std::vector<bool> ma;
    std::vector<bool> mb;
    const PortSet a = random_set(ma);
    const PortSet b = random_set(mb);
    const PortSet u = a.Union(b);
    const PortSet n = a.Intersect(b);
    const PortSet d = a.Subtract(b);
    int size = 0;
    for (int k = 0; k <= 65535; ++k) {
      ASSERT_EQ(u.Contains(k), ma[k] || mb[k]) << k;
      ASSERT_EQ(n.Contains(k), ma[k] && mb[k]) << k;
      ASSERT_EQ(d.Contains(k), ma[k] && !mb[k]) << k;
      size += ma[k];
    }
    ASSERT_EQ(a.size(), size);
    ASSERT_EQ(P(a.ToString()), a);
  }
}

}  // namespace
}  // namespace polygraph::ip
