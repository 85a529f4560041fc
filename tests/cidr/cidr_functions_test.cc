#include "polygraph/cidr_functions.h"

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "polygraph/cidr.h"
#include "tests/testing.h"

namespace polygraph::cidr {
namespace {

using ::polygraph::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

ip::Cidr C(const char* text) { return *ip::Cidr::Parse(text); }

MATCHER_P(ErrorIs, message, "") {
  return ::testing::ExplainMatchResult(
      StatusIs(absl::StatusCode::kInvalidArgument, message), arg,
      result_listener);
}

// The examples of Terraform's documentation.
TEST(CidrSubnetTest, TerraformDocumentation) {
  EXPECT_EQ(*CidrSubnet("172.16.0.0/12", 4, 2), "172.18.0.0/16");
  EXPECT_EQ(*CidrSubnet("10.1.2.0/24", 4, 15), "10.1.2.240/28");
  EXPECT_EQ(*CidrSubnet("fd00:fd12:3456:7890::/56", 16, 162),
            "fd00:fd12:3456:7800:a200::/72");
}

// The cases of Terraform's own tests (internal/lang/funcs/cidr_test.go).
TEST(CidrSubnetTest, TerraformTests) {
  EXPECT_EQ(*CidrSubnet("192.168.2.0/20", 4, 6), "192.168.6.0/24");
  EXPECT_EQ(*CidrSubnet("fe80::/48", 16, 6), "fe80:0:0:6::/64");
  EXPECT_EQ(*CidrSubnet("::ffff:192.168.0.0/112", 8, 6), "192.168.6.0/24");
  EXPECT_EQ(*CidrSubnet("fe80::/48", 33, 6), "fe80::3:0:0:0/81");
  EXPECT_EQ(*CidrSubnet("010.001.0.0/24", 4, 1), "10.1.0.16/28");
}

TEST(CidrSubnetTest, HostBitsAreCleared) {
  EXPECT_EQ(*CidrSubnet("10.1.2.3/16", 8, 2), "10.1.2.0/24");
}

TEST(CidrSubnetTest, Edges) {
  EXPECT_EQ(*CidrSubnet("10.0.0.0/8", 0, 0), "10.0.0.0/8");
  EXPECT_EQ(*CidrSubnet("10.0.0.0/8", 24, 16777215), "10.255.255.255/32");
  EXPECT_EQ(*CidrSubnet("::/0", 128, absl::int128(5)), "::5/128");
  EXPECT_EQ(*CidrSubnet("::/0", 0, 0), "::/0");
  EXPECT_EQ(*CidrSubnet("2001:db8::/32", 96, 1), "2001:db8::1/128");
  ASSERT_OK_AND_ASSIGN(ip::Cidr subnet, CidrSubnet(C("10.0.0.0/8"), 8, 255));
  EXPECT_EQ(subnet, C("10.255.0.0/16"));
}

TEST(CidrSubnetTest, Errors) {
  EXPECT_THAT(
      CidrSubnet("192.168.0.0/30", 4, 6),
      ErrorIs("insufficient address space to extend prefix of 30 by 4"));
  EXPECT_THAT(
      CidrSubnet("fe80::/48", 81, 0),
      ErrorIs("insufficient address space to extend prefix of 48 by 81"));
  EXPECT_THAT(
      CidrSubnet("192.168.0.0/16", 2, 16),
      ErrorIs(
          "prefix extension of 2 does not accommodate a subnet numbered 16"));
  EXPECT_THAT(
      CidrSubnet("192.168.0.0/16", 2, -1),
      ErrorIs(
          "prefix extension of 2 does not accommodate a subnet numbered -1"));
  EXPECT_THAT(CidrSubnet("10.0.0.0/8", -1, 0),
              ErrorIs("newbits must not be negative, got -1"));
  EXPECT_THAT(CidrSubnet("not-a-cidr", 4, 6),
              ErrorIs("invalid CIDR expression: invalid CIDR address: "
                      "not-a-cidr"));
  EXPECT_THAT(CidrSubnet("10.256.0.0/8", 4, 6),
              ErrorIs("invalid CIDR expression: invalid CIDR address: "
                      "10.256.0.0/8"));
  EXPECT_THAT(CidrSubnet("10.0.0.0", 4, 6),
              ErrorIs("invalid CIDR expression: invalid CIDR address: "
                      "10.0.0.0"));
}

TEST(CidrSubnetsTest, TerraformDocumentation) {
  EXPECT_THAT(*CidrSubnets("10.1.0.0/16", {4, 4, 8, 4}),
              ElementsAre("10.1.0.0/20", "10.1.16.0/20", "10.1.32.0/24",
                          "10.1.48.0/20"));
  EXPECT_THAT(
      *CidrSubnets("fd00:fd12:3456:7890::/56", {16, 16, 16, 32}),
      ElementsAre("fd00:fd12:3456:7800::/72", "fd00:fd12:3456:7800:100::/72",
                  "fd00:fd12:3456:7800:200::/72",
                  "fd00:fd12:3456:7800:300::/88"));
}

TEST(CidrSubnetsTest, TerraformTests) {
  EXPECT_THAT(*CidrSubnets("10.0.0.0/21", {3, 3, 3, 4, 4, 4, 7, 7, 7}),
              ElementsAre("10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24",
                          "10.0.3.0/25", "10.0.3.128/25", "10.0.4.0/25",
                          "10.0.4.128/28", "10.0.4.144/28", "10.0.4.160/28"));
  EXPECT_THAT(*CidrSubnets("010.0.0.0/21", {3}), ElementsAre("10.0.0.0/24"));
}

TEST(CidrSubnetsTest, EmptyAndExact) {
  EXPECT_THAT(*CidrSubnets("10.0.0.0/8", {}), IsEmpty());
  EXPECT_THAT(*CidrSubnets("10.0.0.0/8", {1, 1}),
              ElementsAre("10.0.0.0/9", "10.128.0.0/9"));
  EXPECT_THAT(*CidrSubnets("255.255.255.0/24", {1, 1}),
              ElementsAre("255.255.255.0/25", "255.255.255.128/25"));
  ASSERT_OK_AND_ASSIGN(std::vector<ip::Cidr> subnets,
                       CidrSubnets(C("10.0.0.0/30"), {2, 1}));
  EXPECT_THAT(subnets, ElementsAre(C("10.0.0.0/32"), C("10.0.0.2/31")));
}

TEST(CidrSubnetsTest, Errors) {
  EXPECT_THAT(CidrSubnets("10.0.0.0/30", {1, 3}),
              ErrorIs("would extend prefix to 33 bits, which is too long for "
                      "an IPv4 address"));
  EXPECT_THAT(CidrSubnets("fe80::/120", {9}),
              ErrorIs("would extend prefix to 129 bits, which is too long for "
                      "an IPv6 address"));
  EXPECT_THAT(CidrSubnets("10.0.0.0/8", {1, 1, 1}),
              ErrorIs("not enough remaining address space for a subnet with a "
                      "prefix of 9 bits after 10.128.0.0/9"));
  EXPECT_THAT(CidrSubnets("10.0.0.0/8", {1, 0}),
              ErrorIs("must extend prefix by at least one bit"));
  EXPECT_THAT(CidrSubnets("10.0.0.0/8", {1, -1}),
              ErrorIs("must extend prefix by at least one bit"));
  EXPECT_THAT(CidrSubnets("fe80::/48", {1, 33}),
              ErrorIs("may not extend prefix by more than 32 bits"));
  EXPECT_THAT(CidrSubnets("nope", {1}),
              ErrorIs("invalid CIDR expression: invalid CIDR address: nope"));
}

// go-cidr reports rollover when the next subnet starts at address zero, so
// Terraform rejects any prefix that starts there.
TEST(CidrSubnetsTest, PrefixAtZeroFailsLikeTerraform) {
  EXPECT_THAT(CidrSubnets("0.0.0.0/8", {8}),
              ErrorIs("not enough remaining address space for a subnet with a "
                      "prefix of 16 bits after 255.255.0.0/16"));
  EXPECT_THAT(CidrSubnets("::/56", {8}),
              ErrorIs("not enough remaining address space for a subnet with a "
                      "prefix of 64 bits after "
                      "ffff:ffff:ffff:ffff::/64"));
}

TEST(CidrHostTest, TerraformDocumentation) {
  EXPECT_EQ(*CidrHost("10.12.112.0/20", 16), "10.12.112.16");
  EXPECT_EQ(*CidrHost("10.12.112.0/20", 268), "10.12.113.12");
  EXPECT_EQ(*CidrHost("fd00:fd12:3456:7890:00a2::/72", 34),
            "fd00:fd12:3456:7890::22");
}

TEST(CidrHostTest, TerraformTests) {
  EXPECT_EQ(*CidrHost("192.168.1.0/24", 5), "192.168.1.5");
  EXPECT_EQ(*CidrHost("192.168.1.0/24", -5), "192.168.1.251");
  EXPECT_EQ(*CidrHost("192.168.1.0/24", -256), "192.168.1.0");
  EXPECT_EQ(*CidrHost("010.001.0.0/24", 6), "10.1.0.6");
}

TEST(CidrHostTest, Edges) {
  EXPECT_EQ(*CidrHost("10.0.0.0/8", -1), "10.255.255.255");
  EXPECT_EQ(*CidrHost("10.1.2.3/32", 0), "10.1.2.3");
  EXPECT_EQ(*CidrHost("::/0", -1), "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
  EXPECT_EQ(*CidrHost("2001:db8::/64", 9223372036854775807),
            "2001:db8::7fff:ffff:ffff:ffff");
  ASSERT_OK_AND_ASSIGN(ip::IpAddress host, CidrHost(C("10.0.0.0/24"), 7));
  EXPECT_EQ(host.ToString(), "10.0.0.7");
}

TEST(CidrHostTest, Errors) {
  EXPECT_THAT(CidrHost("192.168.1.0/30", 255),
              ErrorIs("prefix of 30 does not accommodate a host numbered 255"));
  // go-cidr reports the adjusted number: 3 - (255 - 1).
  EXPECT_THAT(
      CidrHost("192.168.1.0/30", -255),
      ErrorIs("prefix of 30 does not accommodate a host numbered -251"));
  EXPECT_THAT(CidrHost("192.168.1.0/24", 256),
              ErrorIs("prefix of 24 does not accommodate a host numbered 256"));
  EXPECT_THAT(CidrHost("192.168.1.0/24", -257),
              ErrorIs("prefix of 24 does not accommodate a host numbered -1"));
  EXPECT_THAT(CidrHost("not-a-cidr", 6),
              ErrorIs("invalid CIDR expression: invalid CIDR address: "
                      "not-a-cidr"));
}

TEST(CidrNetmaskTest, Results) {
  EXPECT_EQ(*CidrNetmask("172.16.0.0/12"), "255.240.0.0");
  EXPECT_EQ(*CidrNetmask("192.168.1.0/24"), "255.255.255.0");
  EXPECT_EQ(*CidrNetmask("192.168.1.0/32"), "255.255.255.255");
  EXPECT_EQ(*CidrNetmask("0.0.0.0/0"), "0.0.0.0");
  EXPECT_EQ(*CidrNetmask("010.001.0.0/24"), "255.255.255.0");
  EXPECT_EQ(*CidrNetmask(C("10.0.0.0/31")), "255.255.255.254");
}

TEST(CidrNetmaskTest, Errors) {
  EXPECT_THAT(CidrNetmask("1::/64"),
              ErrorIs("IPv6 addresses cannot have a netmask: 1::/64"));
  EXPECT_THAT(CidrNetmask(C("2001:db8::/32")),
              ErrorIs("IPv6 addresses cannot have a netmask: 2001:db8::/32"));
  EXPECT_THAT(CidrNetmask("110.256.0.0/8"),
              ErrorIs("invalid CIDR expression: invalid CIDR address: "
                      "110.256.0.0/8"));
}

}  // namespace
}  // namespace polygraph::cidr
