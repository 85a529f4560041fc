#include "polygraph/ip_address.h"

#include <set>
#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing.h"

namespace polygraph::ip {
namespace {

using ::polygraph::testing::StatusIs;
using ::testing::HasSubstr;

IpAddress Ip(std::string_view text) {
  absl::StatusOr<IpAddress> address = IpAddress::Parse(text);
  EXPECT_TRUE(address.ok()) << address.status();
  return address.value_or(IpAddress());
}

// The canonical text of `text`, or the error message.
std::string Canonical(std::string_view text) {
  absl::StatusOr<IpAddress> address = IpAddress::Parse(text);
  return address.ok() ? address->ToString()
                      : std::string(address.status().message());
}

TEST(IpAddressTest, ParsesIpv4) {
  ASSERT_OK_AND_ASSIGN(IpAddress a, IpAddress::Parse("192.168.1.20"));
  EXPECT_EQ(a.family(), Family::kIpv4);
  EXPECT_TRUE(a.is_v4());
  EXPECT_FALSE(a.is_v6());
  EXPECT_EQ(a.bits(), absl::uint128(0xc0a80114u));
  EXPECT_EQ(a.ToString(), "192.168.1.20");
  EXPECT_EQ(Ip("0.0.0.0").bits(), 0);
  EXPECT_EQ(Ip("255.255.255.255").bits(), absl::uint128(0xffffffffu));
  EXPECT_EQ(Ip("255.255.255.255"), IpAddress::Max(Family::kIpv4));
  EXPECT_EQ(Ip("0.0.0.0"), IpAddress::Min(Family::kIpv4));
  EXPECT_EQ(Ip("1.2.3.4"), IpAddress::V4(0x01020304));
}

TEST(IpAddressTest, RejectsMalformedIpv4WithReason) {
  EXPECT_THAT(IpAddress::Parse("010.0.0.1"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "invalid IP address \"010.0.0.1\": octet \"010\" has "
                       "a leading zero"));
  EXPECT_THAT(IpAddress::Parse("300.1.1.1"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "invalid IP address \"300.1.1.1\": octet 300 is out "
                       "of range (0-255)"));
  EXPECT_THAT(Canonical("1..2.3"), HasSubstr("empty octet"));
  EXPECT_THAT(Canonical(".1.2.3"), HasSubstr("empty octet"));
  EXPECT_THAT(Canonical("1.2.3.4."), HasSubstr("empty octet"));
  EXPECT_THAT(Canonical("1.2.3"), HasSubstr("expected 4 octets, found 3"));
  EXPECT_THAT(Canonical("1.2.3.4.5"), HasSubstr("more than 4 octets"));
  EXPECT_THAT(Canonical(""), HasSubstr("empty address"));
  EXPECT_THAT(Canonical("1.2.3.a"), HasSubstr("not a decimal number"));
  EXPECT_THAT(Canonical("1.2.3.-4"), HasSubstr("not a decimal number"));
  EXPECT_THAT(Canonical("1.2.3.+4"), HasSubstr("not a decimal number"));
  EXPECT_THAT(Canonical("00.1.2.3"), HasSubstr("leading zero"));
  EXPECT_THAT(Canonical("1.2.3.1000"), HasSubstr("out of range"));
  EXPECT_THAT(Canonical("1.2.3.256"), HasSubstr("octet 256 is out of range"));
  EXPECT_THAT(Canonical("99999999999999999999.1.1.1"),
              HasSubstr("out of range"));
  EXPECT_THAT(Canonical(" 1.2.3.4"), HasSubstr("not a decimal number"));
  EXPECT_THAT(Canonical("1.2.3.4 "), HasSubstr("not a decimal number"));
  EXPECT_THAT(Canonical("0x1.2.3.4"), HasSubstr("not a decimal number"));
}

TEST(IpAddressTest, ParsesEveryIpv6Form) {
  EXPECT_EQ(Canonical("::"), "::");
  EXPECT_EQ(Ip("::").bits(), 0);
  EXPECT_EQ(Canonical("::1"), "::1");
  EXPECT_EQ(Canonical("1::"), "1::");
  EXPECT_EQ(Canonical("2001:0db8:0000:0000:0000:0000:0000:0001"),
            "2001:db8::1");
  EXPECT_EQ(Canonical("2001:DB8::A:b:C"), "2001:db8::a:b:c");
  EXPECT_EQ(Canonical("1:2:3:4:5:6:7:8"), "1:2:3:4:5:6:7:8");
  EXPECT_EQ(Canonical("1::2:3:4:5:6:7"), "1:0:2:3:4:5:6:7");
  EXPECT_EQ(Canonical("1:2:3:4:5:6:7::"), "1:2:3:4:5:6:7:0");
  EXPECT_EQ(Canonical("::2:3:4:5:6:7:8"), "0:2:3:4:5:6:7:8");
  EXPECT_EQ(Canonical("FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF"),
            "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
  EXPECT_EQ(Ip("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"),
            IpAddress::Max(Family::kIpv6));
  EXPECT_EQ(Ip("::ffff:1.2.3.4").bits(),
            (absl::uint128(0xffff) << 32) | 0x01020304);
  EXPECT_EQ(Canonical("::1.2.3.4"), "::102:304");
  EXPECT_EQ(Canonical("64:ff9b::192.0.2.33"), "64:ff9b::c000:221");
  EXPECT_EQ(Canonical("1:2:3:4:5:6:1.2.3.4"), "1:2:3:4:5:6:102:304");
  EXPECT_EQ(Canonical("0001:0002::0003"), "1:2::3");
}

TEST(IpAddressTest, Ipv6ToStringFollowsRfc5952) {
  // Longest run of zeros is compressed; the first one on a tie.
  EXPECT_EQ(Canonical("1:0:0:2:0:0:0:3"), "1:0:0:2::3");
  EXPECT_EQ(Canonical("1:0:0:2:0:0:3:4"), "1::2:0:0:3:4");
  // A single zero group is not compressed.
  EXPECT_EQ(Canonical("1:2:3:4:0:6:7:8"), "1:2:3:4:0:6:7:8");
  EXPECT_EQ(Canonical("0:0:0:0:0:0:0:1"), "::1");
  EXPECT_EQ(Canonical("1:0:0:0:0:0:0:0"), "1::");
  EXPECT_EQ(Canonical("2001:db8:0:0:1:0:0:1"), "2001:db8::1:0:0:1");
  // IPv4-mapped addresses keep the dotted quad.
  EXPECT_EQ(Canonical("::FFFF:C000:0201"), "::ffff:192.0.2.1");
  EXPECT_EQ(Canonical("0:0:0:0:0:ffff:0.0.0.0"), "::ffff:0.0.0.0");
}

TEST(IpAddressTest, RejectsMalformedIpv6WithReason) {
  EXPECT_THAT(IpAddress::Parse("fe80::1%eth0"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "invalid IP address \"fe80::1%eth0\": zone index "
                       "\"%eth0\" is not supported"));
  EXPECT_THAT(Canonical(":::"), HasSubstr("empty group"));
  EXPECT_THAT(Canonical("1:::2"), HasSubstr("empty group"));
  EXPECT_THAT(Canonical("1::2::3"), HasSubstr("more than one \"::\""));
  EXPECT_THAT(Canonical(":1:2:3:4:5:6:7"), HasSubstr("leading single"));
  EXPECT_THAT(Canonical("1:2:3:4:5:6:7:"), HasSubstr("trailing single"));
  EXPECT_THAT(Canonical("1:2:3:4:5:6:7"), HasSubstr("expected 8 groups"));
  EXPECT_THAT(Canonical("1:2:3:4:5:6:7:8:9"), HasSubstr("more than 8 groups"));
  EXPECT_THAT(Canonical("1:2:3:4::5:6:7:8"),
              HasSubstr("must stand for at least one group"));
  EXPECT_THAT(Canonical("12345::"), HasSubstr("more than 4 digits"));
  EXPECT_THAT(Canonical("00000::"), HasSubstr("more than 4 digits"));
  EXPECT_THAT(Canonical("g::"), HasSubstr("invalid character \"g\""));
  EXPECT_THAT(Canonical(":: "), HasSubstr("invalid character \" \""));
  EXPECT_THAT(Canonical("::1.2.3.4:5"), HasSubstr("must come last"));
  EXPECT_THAT(Canonical("::ffff:1.2.3.04"),
              HasSubstr("embedded IPv4 address: octet \"04\" has a leading"));
  EXPECT_THAT(Canonical("::ffff:1.2.3"), HasSubstr("embedded IPv4"));
  EXPECT_THAT(Canonical("1:2:3:4:5:6:7:1.2.3.4"),
              HasSubstr("more than 8 groups"));
  EXPECT_THAT(Canonical("1:2:3:4:5:6:7:8:1.2.3.4"),
              HasSubstr("more than 8 groups"));
}

TEST(IpAddressTest, ErrorsStayOnOneLine) {
  absl::StatusOr<IpAddress> bad = IpAddress::Parse("1.2.3.4\n");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message().find('\n'), absl::string_view::npos);
  EXPECT_THAT(std::string(bad.status().message()), HasSubstr("1.2.3.4\\n"));
  const std::string long_text(500, '1');
  bad = IpAddress::Parse(long_text);
  ASSERT_FALSE(bad.ok());
  EXPECT_LT(bad.status().message().size(), 300u);
}

TEST(IpAddressTest, Ipv4MappedIsIpv6) {
  const IpAddress mapped = Ip("::ffff:10.0.0.1");
  const IpAddress plain = Ip("10.0.0.1");
  EXPECT_TRUE(mapped.is_v6());
  EXPECT_NE(mapped, plain);
  EXPECT_EQ(mapped.bits() & 0xffffffffu, plain.bits());
  EXPECT_EQ(mapped.ToString(), "::ffff:10.0.0.1");
}

TEST(IpAddressTest, OrdersIpv4BeforeIpv6) {
  EXPECT_LT(Ip("255.255.255.255"), Ip("::"));
  EXPECT_LT(Ip("10.0.0.1"), Ip("10.0.0.2"));
  EXPECT_LT(Ip("9.255.255.255"), Ip("10.0.0.0"));
  EXPECT_GT(Ip("::2"), Ip("::1"));
  EXPECT_LE(Ip("::1"), Ip("::1"));
  EXPECT_NE(Ip("0.0.0.0"), Ip("::"));
  std::set<IpAddress> sorted = {Ip("::1"), Ip("10.0.0.1"), Ip("::"),
                                Ip("1.0.0.0")};
  std::vector<std::string> texts;
  for (const IpAddress& a : sorted) texts.push_back(a.ToString());
  EXPECT_THAT(texts,
              ::testing::ElementsAre("1.0.0.0", "10.0.0.1", "::", "::1"));
}

TEST(IpAddressTest, Hashes) {
  absl::flat_hash_set<IpAddress> set = {Ip("10.0.0.1"), Ip("::ffff:10.0.0.1"),
                                        Ip("10.0.0.1")};
  EXPECT_EQ(set.size(), 2u);
  EXPECT_TRUE(set.contains(Ip("::ffff:a00:1")));
}

TEST(IpAddressTest, NextAndPrevStopAtTheEnds) {
  EXPECT_EQ(Ip("10.0.0.255").Next(), Ip("10.0.1.0"));
  EXPECT_EQ(Ip("10.0.1.0").Prev(), Ip("10.0.0.255"));
  EXPECT_EQ(Ip("255.255.255.255").Next(), std::nullopt);
  EXPECT_EQ(Ip("0.0.0.0").Prev(), std::nullopt);
  EXPECT_EQ(Ip("::").Prev(), std::nullopt);
  EXPECT_EQ(Ip("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff").Next(), std::nullopt);
  // IPv6 stays IPv6 past 2^32.
  EXPECT_EQ(Ip("::ffff:ffff").Next(), Ip("::1:0:0"));
  EXPECT_EQ(Ip("::1:0:0:0:0").Prev(), Ip("::ffff:ffff:ffff:ffff"));
}

TEST(IpAddressTest, FromBitsTruncatesToTheFamily) {
  EXPECT_EQ(IpAddress::FromBits(Family::kIpv4, absl::MakeUint128(1, 5)),
            Ip("0.0.0.5"));
  EXPECT_EQ(IpAddress::FromBits(Family::kIpv6, absl::MakeUint128(1, 5)),
            Ip("0:0:0:1::5"));
  EXPECT_EQ(FamilyName(Family::kIpv4), "IPv4");
  EXPECT_EQ(FamilyName(Family::kIpv6), "IPv6");
  EXPECT_EQ(AddressBits(Family::kIpv4), 32);
  EXPECT_EQ(AddressBits(Family::kIpv6), 128);
}

TEST(IpAddressTest, RoundTripsThroughToString) {
  for (const char* text :
       {"0.0.0.0", "255.255.255.255", "::", "::1", "1::", "::ffff:1.2.3.4",
        "2001:db8::1", "fe80::1:2", "1:0:0:2::3", "ff02::1:ff00:0"}) {
    SCOPED_TRACE(text);
    const IpAddress a = Ip(text);
    EXPECT_EQ(a.ToString(), text);
    EXPECT_EQ(Ip(a.ToString()), a);
  }
}

}  // namespace
}  // namespace polygraph::ip
