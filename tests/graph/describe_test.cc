#include "graph/describe.h"

#include <string>

#include "gtest/gtest.h"

namespace polygraph::graph::internal {
namespace {

SecurityGroupRule Rule(std::string protocol, int from_port, int to_port) {
  SecurityGroupRule rule;
  rule.protocol = std::move(protocol);
  rule.from_port = from_port;
  rule.to_port = to_port;
  return rule;
}

TEST(DescribeTrafficTest, PortsAndRanges) {
  EXPECT_EQ(DescribeTraffic(Rule("tcp", 22, 22)), "tcp 22");
  EXPECT_EQ(DescribeTraffic(Rule("udp", 1024, 2048)), "udp 1024-2048");
  EXPECT_EQ(DescribeTraffic(Rule("tcp", -1, -1)), "tcp");
  EXPECT_EQ(DescribeTraffic(Rule("tcp", 1024, -1)), "tcp 1024-65535");
  EXPECT_EQ(DescribeTraffic(Rule("6", 443, 443)), "tcp 443");
  EXPECT_EQ(DescribeTraffic(Rule("17", 53, 53)), "udp 53");
}

TEST(DescribeTrafficTest, ProtocolsWithoutPorts) {
  EXPECT_EQ(DescribeTraffic(Rule("-1", -1, -1)), "all traffic");
  EXPECT_EQ(DescribeTraffic(Rule("all", 0, 0)), "all traffic");
  EXPECT_EQ(DescribeTraffic(Rule("icmp", -1, -1)), "icmp");
  EXPECT_EQ(DescribeTraffic(Rule("icmp", 8, -1)), "icmp type 8");
  EXPECT_EQ(DescribeTraffic(Rule("icmpv6", 128, 0)), "icmpv6 type 128 code 0");
  EXPECT_EQ(DescribeTraffic(Rule("47", -1, -1)), "protocol 47");
  EXPECT_EQ(DescribeTraffic(Rule("", -1, -1)), "protocol ?");
}

TEST(DescribeTrafficTest, PortBounds) {
  SecurityGroupRule rule = Rule("tcp", -1, 70000);
  EXPECT_TRUE(HasPorts(rule));
  EXPECT_EQ(FirstPort(rule), 0);
  EXPECT_EQ(LastPort(rule), 65535);
  EXPECT_FALSE(HasPorts(Rule("icmp", 8, 0)));
  EXPECT_TRUE(IsAllProtocols(Rule("-1", -1, -1)));
  EXPECT_FALSE(IsAllProtocols(Rule("tcp", 0, 65535)));
}

TEST(PolicyKindNameTest, Names) {
  EXPECT_EQ(PolicyKindName(iam::PolicyKind::kIdentity), "identity");
  EXPECT_EQ(PolicyKindName(iam::PolicyKind::kResource), "resource");
  EXPECT_EQ(PolicyKindName(iam::PolicyKind::kTrust), "trust");
  EXPECT_EQ(PolicyKindName(iam::PolicyKind::kAny), "any");
}

}  // namespace
}  // namespace polygraph::graph::internal
