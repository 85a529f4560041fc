#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/cidr/plan_testing.h"
#include "tests/rules/rules_testing.h"

namespace polygraph::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::SizeIs;

// One VPC that breaks every address-plan rule once.
Model Broken() {
  PlanModel m;
  size_t vpc = m.Vpc("ProdVpc", "10.0.0.0/20", 1,
                     "{Tags: [{Key: Environment, Value: production}]}");
  m.Vpc("OtherVpc", "10.0.8.0/21", 5);
  size_t peer = m.Vpc("PeerVpc", "10.0.4.0/22", 7, "{}", "v.yaml");
  size_t peering = m.Add("Peering", "AWS::EC2::VPCPeeringConnection",
                         ResourceKind::kOther, 9, "{}", "v.yaml");
  m.Reference(peering, vpc, "VpcId");
  m.Reference(peering, peer, "PeerVpcId");
  m.Subnet("App1", vpc, "10.0.0.0/24", "a", 10);
  m.Subnet("App2", vpc, "10.0.0.128/25", "b", 20);
  m.Subnet("App3", vpc, "10.0.1.0/28", "c", 30);
  m.Subnet("Far", vpc, "10.9.0.0/24", "a", 40,
           "{Tags: [{Key: Tier, Value: app}]}");
  return m.Build();
}

struct Case {
  const char* rule;
  Severity severity;
  int line;
  const char* message;
};

TEST(CidrPlanRulesTest, EachRuleReportsItsProblem) {
  Model model = Broken();
  const std::vector<Case> cases = {
      {"PG-CIDR-001", Severity::kHigh, 41,
       "subnet 10.9.0.0/24 of Far is outside VPC 10.0.0.0/20 (ProdVpc)"},
      {"PG-CIDR-002", Severity::kHigh, 21,
       "subnet 10.0.0.128/25 of App2 overlaps subnet 10.0.0.0/24 of App1 in "
       "VPC ProdVpc"},
      {"PG-CIDR-003", Severity::kHigh, 8,
       "VPC block 10.0.4.0/22 of PeerVpc overlaps 10.0.0.0/20 of ProdVpc; "
       "they are peered by Peering"},
      {"PG-CIDR-004", Severity::kMedium, 6,
       "VPC block 10.0.8.0/21 of OtherVpc overlaps 10.0.0.0/20 of ProdVpc; "
       "both are declared in the same template"},
      {"PG-CIDR-005", Severity::kMedium, 41,
       "tier app of VPC ProdVpc spans 1 availability zone (a: Far); at least "
       "3 needed for a production VPC"},
      {"PG-CIDR-006", Severity::kLow, 2,
       "production VPC ProdVpc has 4,096 IPv4 addresses (10.0.0.0/20), fewer "
       "than a /16 (65,536)"},
      {"PG-CIDR-007", Severity::kLow, 31,
       "subnet 10.0.1.0/28 of App3 has 11 usable addresses (16 less the 5 "
       "AWS reserves), fewer than 27"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.rule);
    std::vector<Finding> findings = RunRule(c.rule, model);
    ASSERT_THAT(findings, SizeIs(1));
    EXPECT_EQ(findings[0].rule_id, c.rule);
    EXPECT_EQ(findings[0].severity, c.severity);
    EXPECT_EQ(findings[0].location.line, c.line);
    EXPECT_EQ(findings[0].location.column, 18);
    EXPECT_EQ(findings[0].message, c.message);
    EXPECT_FALSE(findings[0].fix.empty());
    EXPECT_FALSE(findings[0].title.empty());
  }
}

TEST(CidrPlanRulesTest, CleanPlanHasNoFindings) {
  PlanModel m;
  size_t vpc = m.Vpc("Vpc", "10.0.0.0/16", 1);
  m.Subnet("Public1", vpc, "10.0.0.0/24", "a", 10);
  m.Subnet("Public2", vpc, "10.0.1.0/24", "b", 20);
  Model model = m.Build();
  for (const char* rule :
       {"PG-CIDR-001", "PG-CIDR-002", "PG-CIDR-003", "PG-CIDR-004",
        "PG-CIDR-005", "PG-CIDR-006", "PG-CIDR-007"}) {
    EXPECT_THAT(RunRule(rule, model), SizeIs(0)) << rule;
  }
}

TEST(CidrPlanRulesTest, FixNamesAFreeBlock) {
  std::vector<Finding> findings = RunRule("PG-CIDR-001", Broken());
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_THAT(findings[0].fix,
              HasSubstr("move Far to 10.0.2.0/24, the lowest free /24"));
}

TEST(CidrPlanRulesTest, TerraformFixNamesTheTerraformBlockResource) {
  ModelBuilder builder;
  size_t vpc =
      builder.AddResource(MakeResource("aws_vpc.main", ResourceKind::kVpc,
                                       "aws_vpc", 1, SourceFormat::kTerraform));
  size_t subnet = builder.AddResource(
      MakeResource("aws_subnet.far", ResourceKind::kSubnet, "aws_subnet", 10,
                   SourceFormat::kTerraform));
  NetworkBlock primary;
  primary.resource = vpc;
  primary.vpc = vpc;
  primary.cidr = "10.0.0.0/16";
  primary.location = At(2, 18);
  builder.AddNetworkBlock(primary);
  NetworkBlock far;
  far.resource = subnet;
  far.vpc = vpc;
  far.subnet = true;
  far.cidr = "10.9.0.0/24";
  far.availability_zone = "us-east-1a";
  far.location = At(11, 18);
  builder.AddNetworkBlock(far);
  std::vector<Finding> findings =
      RunRule("PG-CIDR-001", std::move(builder).Build());
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_THAT(findings[0].fix,
              HasSubstr("an aws_vpc_ipv4_cidr_block_association to "
                        "aws_vpc.main that covers 10.9.0.0/24"));
  EXPECT_THAT(findings[0].fix, Not(HasSubstr("AWS::EC2")));
}

}  // namespace
}  // namespace polygraph::testing
