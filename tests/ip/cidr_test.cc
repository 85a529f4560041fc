#include "polygraph/cidr.h"

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
using ::testing::ElementsAre;
using ::testing::HasSubstr;

Cidr C(std::string_view text) {
  absl::StatusOr<Cidr> cidr = Cidr::Parse(text);
  EXPECT_TRUE(cidr.ok()) << cidr.status();
  return cidr.value_or(Cidr());
}

IpAddress Ip(std::string_view text) { return IpAddress::Parse(text).value(); }

std::string Error(std::string_view text) {
  absl::StatusOr<Cidr> cidr = Cidr::Parse(text);
  return cidr.ok() ? "ok: " + cidr->ToString()
                   : std::string(cidr.status().message());
}

std::vector<std::string> Strings(const std::vector<Cidr>& cidrs) {
  std::vector<std::string> out;
  for (const Cidr& c : cidrs) out.push_back(c.ToString());
  return out;
}

TEST(CidrTest, ParsesIpv4) {
  ASSERT_OK_AND_ASSIGN(Cidr net, Cidr::Parse("10.0.0.0/8"));
  EXPECT_EQ(net.family(), Family::kIpv4);
  EXPECT_EQ(net.network(), Ip("10.0.0.0"));
  EXPECT_EQ(net.prefix_length(), 8);
  EXPECT_EQ(net.first(), Ip("10.0.0.0"));
  EXPECT_EQ(net.last(), Ip("10.255.255.255"));
  EXPECT_EQ(net.size(), absl::uint128(1) << 24);
  EXPECT_EQ(net.ToString(), "10.0.0.0/8");
}

TEST(CidrTest, Ipv4Extremes) {
  const Cidr any = C("0.0.0.0/0");
  EXPECT_EQ(any, Cidr::Any(Family::kIpv4));
  EXPECT_EQ(any.first(), Ip("0.0.0.0"));
  EXPECT_EQ(any.last(), Ip("255.255.255.255"));
  EXPECT_EQ(any.size(), absl::uint128(1) << 32);
  const Cidr host = C("255.255.255.255/32");
  EXPECT_EQ(host, Cidr::Host(Ip("255.255.255.255")));
  EXPECT_EQ(host.first(), host.last());
  EXPECT_EQ(host.size(), 1);
  EXPECT_TRUE(any.Contains(host));
  EXPECT_FALSE(host.Contains(any));
}

TEST(CidrTest, Ipv6Extremes) {
  const Cidr any = C("::/0");
  EXPECT_EQ(any, Cidr::Any(Family::kIpv6));
  EXPECT_EQ(any.family(), Family::kIpv6);
  EXPECT_EQ(any.last(), IpAddress::Max(Family::kIpv6));
  // 2^128 does not fit: documented saturation.
  EXPECT_EQ(any.size(), absl::Uint128Max());
  EXPECT_EQ(C("::/1").size(), absl::uint128(1) << 127);
  EXPECT_EQ(C("::1/128").size(), 1);
  EXPECT_EQ(C("2001:db8::/32").size(), absl::uint128(1) << 96);
  EXPECT_EQ(C("2001:db8::/32").last(),
            Ip("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff"));
}

TEST(CidrTest, ParseCanonicalizesTheAddress) {
  EXPECT_EQ(C("2001:DB8:0:0::/64").ToString(), "2001:db8::/64");
  EXPECT_EQ(C("::ffff:10.0.0.0/104").ToString(), "::ffff:10.0.0.0/104");
  EXPECT_EQ(C("::ffff:10.0.0.0/104").family(), Family::kIpv6);
}

TEST(CidrTest, RejectsHostBitsWithSuggestion) {
  EXPECT_THAT(Cidr::Parse("10.0.0.1/8"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "invalid CIDR \"10.0.0.1/8\": host bits set (did you "
                       "mean 10.0.0.0/8?)"));
  EXPECT_EQ(Error("2001:db8::1/32"),
            "invalid CIDR \"2001:db8::1/32\": host bits set (did you mean "
            "2001:db8::/32?)");
  EXPECT_EQ(Error("0.0.0.1/0"),
            "invalid CIDR \"0.0.0.1/0\": host bits set (did you mean "
            "0.0.0.0/0?)");
  EXPECT_EQ(Error("::1/0"),
            "invalid CIDR \"::1/0\": host bits set (did you mean ::/0?)");
}

TEST(CidrTest, NormalizeHostBitsMasksThem) {
  const CidrParseOptions normalize{.normalize_host_bits = true};
  ASSERT_OK_AND_ASSIGN(Cidr net, Cidr::Parse("10.1.2.3/8", normalize));
  EXPECT_EQ(net.ToString(), "10.0.0.0/8");
  ASSERT_OK_AND_ASSIGN(net, Cidr::Parse("2001:db8::1/32", normalize));
  EXPECT_EQ(net.ToString(), "2001:db8::/32");
  ASSERT_OK_AND_ASSIGN(net, Cidr::Parse("255.255.255.255/0", normalize));
  EXPECT_EQ(net, Cidr::Any(Family::kIpv4));
  ASSERT_OK_AND_ASSIGN(net, Cidr::Parse("ffff::1/0", normalize));
  EXPECT_EQ(net, Cidr::Any(Family::kIpv6));
  // Still strict about everything else.
  EXPECT_FALSE(Cidr::Parse("10.0.0.0/33", normalize).ok());
}

TEST(CidrTest, RejectsBadPrefixLengths) {
  EXPECT_EQ(Error("10.0.0.0/33"),
            "invalid CIDR \"10.0.0.0/33\": prefix length \"33\" exceeds 32, "
            "the IPv4 maximum");
  EXPECT_EQ(Error("::/129"),
            "invalid CIDR \"::/129\": prefix length \"129\" exceeds 128, the "
            "IPv6 maximum");
  EXPECT_EQ(Error("10.0.0.0/"),
            "invalid CIDR \"10.0.0.0/\": missing prefix length after \"/\"");
  EXPECT_EQ(Error("10.0.0.0/08"),
            "invalid CIDR \"10.0.0.0/08\": prefix length \"08\" has a "
            "leading zero");
  EXPECT_THAT(Error("10.0.0.0/00"), HasSubstr("leading zero"));
  EXPECT_THAT(Error("10.0.0.0/-1"), HasSubstr("not a decimal number"));
  EXPECT_THAT(Error("10.0.0.0/+8"), HasSubstr("not a decimal number"));
  EXPECT_THAT(Error("10.0.0.0/8 "), HasSubstr("not a decimal number"));
  EXPECT_THAT(Error("10.0.0.0/8/8"), HasSubstr("not a decimal number"));
  EXPECT_THAT(Error("10.0.0.0/99999999999999999999"), HasSubstr("exceeds 32"));
  EXPECT_EQ(Error("::/128"), "ok: ::/128");
  EXPECT_EQ(Error("1.2.3.4/32"), "ok: 1.2.3.4/32");
}

TEST(CidrTest, RejectsMissingSlashAndBadAddress) {
  EXPECT_EQ(Error("10.0.0.1"),
            "invalid CIDR \"10.0.0.1\": missing prefix length (did you mean "
            "10.0.0.1/32?)");
  EXPECT_EQ(Error("::1"),
            "invalid CIDR \"::1\": missing prefix length (did you mean "
            "::1/128?)");
  EXPECT_EQ(Error(""), "invalid CIDR \"\": missing \"/\" and prefix length");
  EXPECT_EQ(Error("300.1.1.1/8"),
            "invalid CIDR \"300.1.1.1/8\": octet 300 is out of range (0-255)");
  EXPECT_EQ(Error("/8"), "invalid CIDR \"/8\": empty address");
  EXPECT_THAT(Error("fe80::1%eth0/64"), HasSubstr("zone index"));
  EXPECT_THAT(Error("010.0.0.0/8"), HasSubstr("leading zero"));
}

TEST(CidrTest, CreateAndContaining) {
  ASSERT_OK_AND_ASSIGN(Cidr net, Cidr::Create(Ip("192.168.0.0"), 16));
  EXPECT_EQ(net, C("192.168.0.0/16"));
  EXPECT_THAT(Cidr::Create(Ip("192.168.0.1"), 16),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("did you mean 192.168.0.0/16?")));
  EXPECT_THAT(Cidr::Create(Ip("::"), 129),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(Cidr::Create(Ip("0.0.0.0"), -1),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_EQ(Cidr::Containing(Ip("192.168.77.1"), 20), C("192.168.64.0/20"));
  EXPECT_EQ(Cidr::Containing(Ip("1.2.3.4"), 99), C("1.2.3.4/32"));
  EXPECT_EQ(Cidr::Containing(Ip("1.2.3.4"), -5), C("0.0.0.0/0"));
  EXPECT_EQ(Cidr::Containing(Ip("2001:db8::1"), 0), C("::/0"));
  EXPECT_EQ(Cidr(), C("0.0.0.0/32"));
}

TEST(CidrTest, ContainsAddress) {
  const Cidr net = C("10.0.0.0/8");
  EXPECT_TRUE(net.Contains(Ip("10.0.0.0")));
  EXPECT_TRUE(net.Contains(Ip("10.255.255.255")));
  EXPECT_FALSE(net.Contains(Ip("11.0.0.0")));
  EXPECT_FALSE(net.Contains(Ip("9.255.255.255")));
  // Families never mix, IPv4-mapped included.
  EXPECT_FALSE(net.Contains(Ip("::ffff:10.0.0.1")));
  EXPECT_FALSE(C("::/0").Contains(Ip("10.0.0.1")));
  EXPECT_FALSE(C("0.0.0.0/0").Contains(Ip("::")));
  EXPECT_TRUE(C("::ffff:0:0/96").Contains(Ip("::ffff:10.0.0.1")));
}

TEST(CidrTest, ContainsAndOverlapsCidr) {
  EXPECT_TRUE(C("10.0.0.0/8").Contains(C("10.1.0.0/16")));
  EXPECT_TRUE(C("10.0.0.0/8").Contains(C("10.0.0.0/8")));
  EXPECT_FALSE(C("10.1.0.0/16").Contains(C("10.0.0.0/8")));
  EXPECT_FALSE(C("10.0.0.0/8").Contains(C("11.0.0.0/16")));
  EXPECT_TRUE(C("10.0.0.0/8").Overlaps(C("10.1.0.0/16")));
  EXPECT_TRUE(C("10.1.0.0/16").Overlaps(C("10.0.0.0/8")));
  EXPECT_FALSE(C("10.0.0.0/16").Overlaps(C("10.1.0.0/16")));
  EXPECT_FALSE(C("0.0.0.0/0").Overlaps(C("::/0")));
  EXPECT_FALSE(C("0.0.0.0/0").Contains(C("::/128")));
}

TEST(CidrTest, FromRangeIsMinimal) {
  EXPECT_THAT(Strings(Cidr::FromRange(Ip("10.0.0.0"), Ip("10.0.0.255"))),
              ElementsAre("10.0.0.0/24"));
  EXPECT_THAT(
      Strings(Cidr::FromRange(Ip("10.0.0.1"), Ip("10.0.0.6"))),
      ElementsAre("10.0.0.1/32", "10.0.0.2/31", "10.0.0.4/31", "10.0.0.6/32"));
  EXPECT_THAT(Strings(Cidr::FromRange(Ip("0.0.0.0"), Ip("255.255.255.255"))),
              ElementsAre("0.0.0.0/0"));
  EXPECT_THAT(
      Strings(Cidr::FromRange(Ip("0.0.0.1"), Ip("255.255.255.255"))).size(),
      32u);
  EXPECT_THAT(Strings(Cidr::FromRange(Ip("::"), IpAddress::Max(Family::kIpv6))),
              ElementsAre("::/0"));
  EXPECT_THAT(Strings(Cidr::FromRange(Ip("::"), Ip("::fffe"))).size(), 16u);
  EXPECT_THAT(
      Strings(Cidr::FromRange(Ip("255.255.255.255"), Ip("255.255.255.255"))),
      ElementsAre("255.255.255.255/32"));
  EXPECT_TRUE(Cidr::FromRange(Ip("10.0.0.2"), Ip("10.0.0.1")).empty());
  EXPECT_TRUE(Cidr::FromRange(Ip("10.0.0.1"), Ip("::1")).empty());
}

TEST(CidrTest, OrderingAndHashing) {
  EXPECT_LT(C("10.0.0.0/8"), C("10.0.0.0/16"));
  EXPECT_LT(C("10.0.0.0/16"), C("10.1.0.0/16"));
  EXPECT_LT(C("255.0.0.0/8"), C("::/0"));
  absl::flat_hash_set<Cidr> set = {C("10.0.0.0/8"), C("10.0.0.0/8"),
                                   C("10.0.0.0/9")};
  EXPECT_EQ(set.size(), 2u);
}

TEST(CidrTest, RoundTripsThroughToString) {
  for (const char* text :
       {"0.0.0.0/0", "255.255.255.255/32", "10.0.0.0/8", "::/0", "::1/128",
        "2001:db8::/32", "fe80::/10", "::ffff:0.0.0.0/96", "1:0:0:2::/64"}) {
    SCOPED_TRACE(text);
    EXPECT_EQ(C(text).ToString(), text);
    EXPECT_EQ(C(C(text).ToString()), C(text));
  }
}

}  // namespace
}  // namespace polygraph::ip
