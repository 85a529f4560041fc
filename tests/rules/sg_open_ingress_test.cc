#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/rules/rules_testing.h"

namespace polygraph::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

std::vector<Finding> Findings(std::vector<SecurityGroupRule> rules) {
  ModelBuilder builder;
  builder.AddResource(MakeResource("AppSG", ResourceKind::kSecurityGroup,
                                   "AWS::EC2::SecurityGroup", 2));
  for (SecurityGroupRule& rule : rules)
    builder.AddSecurityGroupRule(std::move(rule));
  Model model = std::move(builder).Build();
  return RunRule("PG-NET-001", model);
}

std::vector<Finding> FindingsFor(std::string protocol, int from_port,
                                 int to_port, std::string cidr) {
  return Findings({IngressRule(0, std::move(protocol), from_port, to_port,
                               std::move(cidr))});
}

TEST(SgOpenIngressTest, SshFromEverywhereIsCritical) {
  std::vector<Finding> findings = FindingsFor("tcp", 22, 22, "0.0.0.0/0");
  ASSERT_THAT(findings, SizeIs(1));
  const Finding& finding = findings[0];
  EXPECT_EQ(finding.rule_id, "PG-NET-001");
  EXPECT_EQ(finding.severity, Severity::kCritical);
  EXPECT_EQ(finding.location, At(13, 21));
  EXPECT_EQ(finding.resource, "AppSG");
  EXPECT_EQ(finding.message,
            "security group \"AppSG\" allows tcp 22 from 0.0.0.0/0");
  EXPECT_THAT(finding.fix, HasSubstr("replace the source 0.0.0.0/0 of tcp 22"));
  EXPECT_THAT(finding.fix, HasSubstr("Session Manager"));
}

TEST(SgOpenIngressTest, DatabasePortIsHigh) {
  std::vector<Finding> findings = FindingsFor("tcp", 3306, 3306, "0.0.0.0/0");
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].severity, Severity::kHigh);
  EXPECT_EQ(findings[0].message,
            "security group \"AppSG\" allows tcp 3306 from 0.0.0.0/0");
  EXPECT_THAT(findings[0].fix, HasSubstr("security group of the clients"));
}

TEST(SgOpenIngressTest, WebPortsPass) {
  EXPECT_THAT(FindingsFor("tcp", 443, 443, "0.0.0.0/0"), IsEmpty());
  EXPECT_THAT(FindingsFor("tcp", 80, 80, "::/0"), IsEmpty());
}

TEST(SgOpenIngressTest, RangeAcrossTheWebPortsCounts) {
  std::vector<Finding> findings = FindingsFor("tcp", 80, 443, "0.0.0.0/0");
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].severity, Severity::kHigh);
  EXPECT_EQ(findings[0].message,
            "security group \"AppSG\" allows tcp 80-443 from 0.0.0.0/0");
}

TEST(SgOpenIngressTest, FullRangeContainsSsh) {
  std::vector<Finding> findings = FindingsFor("tcp", 0, 65535, "0.0.0.0/0");
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].severity, Severity::kCritical);
  EXPECT_THAT(findings[0].message, HasSubstr("tcp 0-65535"));
}

TEST(SgOpenIngressTest, RdpOverUdpIsCritical) {
  std::vector<Finding> findings = FindingsFor("udp", 3000, 4000, "0.0.0.0/0");
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].severity, Severity::kCritical);
}

TEST(SgOpenIngressTest, AllTrafficCountsOnEveryPort) {
  std::vector<Finding> findings = FindingsFor("-1", -1, -1, "::/0");
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].severity, Severity::kCritical);
  EXPECT_EQ(findings[0].message,
            "security group \"AppSG\" allows all traffic from ::/0");
  EXPECT_THAT(findings[0].fix, HasSubstr("all-traffic rule from ::/0"));
}

TEST(SgOpenIngressTest, SymbolicValuesAreNotDecided) {
  // Unknown ports or protocol: the loader reports a symbolic-value note.
  EXPECT_THAT(FindingsFor("tcp", -1, -1, "0.0.0.0/0"), IsEmpty());
  EXPECT_THAT(FindingsFor("", -1, -1, "0.0.0.0/0"), IsEmpty());
  EXPECT_THAT(FindingsFor("tcp", 22, 22, ""), IsEmpty());
}

TEST(SgOpenIngressTest, OneUnknownBoundWidensTheRange) {
  std::vector<Finding> findings = FindingsFor("tcp", 8000, -1, "0.0.0.0/0");
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_THAT(findings[0].message, HasSubstr("tcp 8000-65535"));
}

TEST(SgOpenIngressTest, RuleOfAnUndeclaredGroup) {
  SecurityGroupRule rule =
      IngressRule(kNoResource, "tcp", 5432, 5432, "0.0.0.0/0");
  std::vector<Finding> findings = Findings({rule});
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].resource, "");
  EXPECT_EQ(findings[0].message,
            "security group rule allows tcp 5432 from 0.0.0.0/0");
  EXPECT_EQ(findings[0].location, At(13, 21));
}

TEST(SgOpenIngressTest, AnyPrefixZeroCidrIsTheInternet) {
  EXPECT_THAT(FindingsFor("tcp", 8080, 8080, "10.0.0.0/0"), SizeIs(1));
  EXPECT_THAT(FindingsFor("tcp", 8080, 8080, "10.0.0.0/8"), IsEmpty());
  EXPECT_THAT(FindingsFor("tcp", 8080, 8080, "0.0.0.0/1"), IsEmpty());
  EXPECT_THAT(FindingsFor("tcp", 8080, 8080, "0.0.0.0"), IsEmpty());
  EXPECT_THAT(FindingsFor("tcp", 8080, 8080, "2001:db8::/32"), IsEmpty());
}

TEST(SgOpenIngressTest, IcmpIsNotDecided) {
  EXPECT_THAT(FindingsFor("icmp", 8, 0, "0.0.0.0/0"), IsEmpty());
  EXPECT_THAT(FindingsFor("icmpv6", -1, -1, "::/0"), IsEmpty());
}

TEST(SgOpenIngressTest, OtherProtocolsAdmitAllTheirTraffic) {
  std::vector<Finding> findings = FindingsFor("47", -1, -1, "0.0.0.0/0");
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].severity, Severity::kHigh);
  EXPECT_EQ(findings[0].message,
            "security group \"AppSG\" allows protocol 47 from 0.0.0.0/0");
}

TEST(SgOpenIngressTest, EgressAndPeerGroupsPass) {
  SecurityGroupRule egress = IngressRule(0, "-1", -1, -1, "0.0.0.0/0");
  egress.ingress = false;
  SecurityGroupRule peer = IngressRule(0, "tcp", 22, 22, "");
  peer.peer_group = 0;
  EXPECT_THAT(Findings({egress, peer}), IsEmpty());
}

TEST(SgOpenIngressTest, LocationFallsBackToTheRuleThenTheGroup) {
  SecurityGroupRule rule =
      IngressRule(0, "tcp", 22, 22, "0.0.0.0/0", /*line=*/30);
  rule.cidr_location = {};
  std::vector<Finding> findings = Findings({rule});
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].location, At(30, 11));
  rule.location = {};
  findings = Findings({rule});
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].location, At(2, 3));
}

TEST(SgOpenIngressTest, OneFindingPerRuleInFileOrder) {
  std::vector<Finding> findings =
      Findings({IngressRule(0, "tcp", 5432, 5432, "0.0.0.0/0", 40),
                IngressRule(0, "tcp", 443, 443, "0.0.0.0/0", 20),
                IngressRule(0, "tcp", 22, 22, "::/0", 10)});
  ASSERT_THAT(findings, SizeIs(2));
  EXPECT_THAT(findings[0].message, HasSubstr("tcp 22 from ::/0"));
  EXPECT_THAT(findings[1].message, HasSubstr("tcp 5432 from 0.0.0.0/0"));
}

TEST(SgOpenIngressTest, TerraformFixNamesTerraformArguments) {
  ModelBuilder builder;
  builder.AddResource(MakeResource(
      "module.app.aws_security_group.this", ResourceKind::kSecurityGroup,
      "aws_security_group", 2, SourceFormat::kTerraform));
  builder.AddSecurityGroupRule(IngressRule(0, "tcp", 22, 22, "0.0.0.0/0"));
  builder.AddSecurityGroupRule(IngressRule(0, "tcp", 5432, 5432, "::/0", 20));
  std::vector<Finding> findings =
      RunRule("PG-NET-001", std::move(builder).Build());
  ASSERT_THAT(findings, SizeIs(2));
  EXPECT_THAT(findings[0].fix,
              HasSubstr("replace the source \"0.0.0.0/0\" (cidr_blocks, or "
                        "cidr_ipv4 of an aws_vpc_security_group_ingress_rule) "
                        "of tcp 22 in module.app.aws_security_group.this "
                        "(in module.app) with a known CIDR"));
  EXPECT_THAT(findings[1].fix,
              HasSubstr("\"::/0\" (ipv6_cidr_blocks, or cidr_ipv6 of"));
  EXPECT_THAT(findings[1].fix,
              HasSubstr("security_groups = [aws_security_group.<clients>.id]"));
}

}  // namespace
}  // namespace polygraph::testing
