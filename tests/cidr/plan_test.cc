#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "polygraph/cidr_plan.h"
#include "tests/cidr/plan_testing.h"
#include "tests/testing.h"

namespace polygraph::testing {
namespace {

using ::polygraph::cidr::AddressPlan;
using ::polygraph::cidr::AnalysePlan;
using ::polygraph::cidr::PlanOptions;
using ::polygraph::cidr::PlanProblem;
using ::polygraph::cidr::PlanProblemKind;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

std::vector<PlanProblem> Problems(const Model& model, PlanProblemKind kind,
                                  const PlanOptions& options = {}) {
  absl::StatusOr<AddressPlan> plan = AnalysePlan(model, options);
  EXPECT_TRUE(plan.ok()) << plan.status();
  std::vector<PlanProblem> out;
  if (!plan.ok()) return out;
  for (const PlanProblem& problem : plan->problems) {
    if (problem.kind == kind) out.push_back(problem);
  }
  return out;
}

TEST(PlanTest, SummarisesBlocksSubnetsAndUtilisation) {
  PlanModel m;
  size_t vpc = m.Vpc("AppVpc", "10.0.0.0/16", 10);
  // Declared before its VPC's subnets; listed after the primary block.
  m.Secondary("Extra", vpc, "10.1.0.0/16", 20);
  m.Subnet("SubnetB", vpc, "10.0.1.0/24", "eu-west-1b", 30);
  m.Subnet("SubnetA", vpc, "10.0.0.0/24", "eu-west-1a", 40);
  m.Subnet("SubnetC", vpc, "10.1.0.0/25", "eu-west-1a", 50);
  ASSERT_OK_AND_ASSIGN(AddressPlan plan, AnalysePlan(m.Build(), {}));
  ASSERT_THAT(plan.vpcs, SizeIs(1));
  const cidr::VpcPlan& v = plan.vpcs[0];
  EXPECT_EQ(v.name, "AppVpc");
  ASSERT_THAT(v.blocks, SizeIs(2));
  EXPECT_EQ(v.blocks[0].cidr, "10.0.0.0/16");
  EXPECT_FALSE(v.blocks[0].secondary);
  EXPECT_EQ(v.blocks[1].cidr, "10.1.0.0/16");
  EXPECT_EQ(v.blocks[1].resource, "Extra");
  EXPECT_TRUE(v.blocks[1].secondary);
  ASSERT_THAT(v.subnets, SizeIs(3));
  EXPECT_EQ(v.subnets[0].name, "SubnetA");  // address order
  EXPECT_EQ(v.subnets[0].usable, 251);
  EXPECT_EQ(v.subnets[2].cidr, "10.1.0.0/25");
  EXPECT_EQ(v.subnets[2].usable, 123);
  EXPECT_EQ(v.subnets[2].location, (SourceLocation{"t.yaml", 51, 18}));
  EXPECT_EQ(v.ipv4_addresses, 131072);
  EXPECT_EQ(v.ipv4_used, 640);
  EXPECT_DOUBLE_EQ(v.utilisation, 640.0 / 131072);
  ASSERT_THAT(v.zones, SizeIs(2));
  EXPECT_EQ(v.zones[0].zone, "eu-west-1a");
  EXPECT_EQ(v.zones[0].addresses, 384);
  EXPECT_DOUBLE_EQ(v.zones[0].utilisation, 384.0 / 131072);
  EXPECT_EQ(v.zones[1].addresses, 256);
  EXPECT_THAT(plan.problems, IsEmpty());
}

TEST(PlanTest, SubnetsOfUndeclaredVpcsAreListedApart) {
  PlanModel m;
  m.Subnet("Lone", kNoResource, "10.9.0.0/24", "", 5);
  ASSERT_OK_AND_ASSIGN(AddressPlan plan, AnalysePlan(m.Build(), {}));
  EXPECT_THAT(plan.vpcs, IsEmpty());
  ASSERT_THAT(plan.unattached_subnets, SizeIs(1));
  EXPECT_EQ(plan.unattached_subnets[0].name, "Lone");
  EXPECT_THAT(plan.problems, IsEmpty());
}

TEST(PlanTest, SubnetOutsideItsVpc) {
  PlanModel m;
  size_t vpc = m.Vpc("AppVpc", "10.1.0.0/16", 1);
  m.Subnet("Web", vpc, "10.1.0.0/24", "", 10);
  m.Subnet("AppSubnetA", vpc, "10.0.5.0/24", "", 20);
  std::vector<PlanProblem> problems =
      Problems(m.Build(), PlanProblemKind::kSubnetOutsideVpc);
  ASSERT_THAT(problems, SizeIs(1));
  EXPECT_EQ(problems[0].message,
            "subnet 10.0.5.0/24 of AppSubnetA is outside VPC 10.1.0.0/16 "
            "(AppVpc)");
  EXPECT_EQ(problems[0].location, (SourceLocation{"t.yaml", 21, 18}));
  EXPECT_EQ(problems[0].resource, "AppSubnetA");
  EXPECT_THAT(problems[0].fix,
              HasSubstr("move AppSubnetA to 10.1.1.0/24, the lowest free /24 "
                        "of VPC AppVpc"));
}

TEST(PlanTest, SubnetMustFitInOneBlock) {
  PlanModel m;
  size_t vpc = m.Vpc("Vpc", "10.0.0.0/24", 1);
  m.Secondary("Second", vpc, "10.0.1.0/24", 5);
  m.Subnet("InSecond", vpc, "10.0.1.0/25", "", 10);
  m.Subnet("Spanning", vpc, "10.0.0.0/23", "", 20);
  std::vector<PlanProblem> problems =
      Problems(m.Build(), PlanProblemKind::kSubnetOutsideVpc);
  ASSERT_THAT(problems, SizeIs(1));
  EXPECT_EQ(problems[0].resource, "Spanning");
  EXPECT_THAT(problems[0].message,
              HasSubstr("outside VPC 10.0.0.0/24, 10.0.1.0/24 (Vpc)"));
  EXPECT_THAT(problems[0].fix, HasSubstr("add an AWS::EC2::VPCCidrBlock"));
}

TEST(PlanTest, OverlappingSubnetsAreReportedAtTheLaterOne) {
  PlanModel m;
  size_t vpc = m.Vpc("Vpc", "10.0.0.0/16", 1);
  m.Subnet("Late", vpc, "10.0.1.0/24", "", 30);
  m.Subnet("Early", vpc, "10.0.0.0/23", "", 10);
  m.Subnet("Twin", vpc, "10.0.8.0/24", "", 40);
  m.Subnet("Twin2", vpc, "10.0.8.0/24", "", 50);
  m.Subnet("Apart", vpc, "10.0.2.0/24", "", 60);
  std::vector<PlanProblem> problems =
      Problems(m.Build(), PlanProblemKind::kSubnetOverlap);
  ASSERT_THAT(problems, SizeIs(2));
  EXPECT_EQ(problems[0].message,
            "subnet 10.0.1.0/24 of Late overlaps subnet 10.0.0.0/23 of Early "
            "in VPC Vpc");
  EXPECT_EQ(problems[0].location, (SourceLocation{"t.yaml", 31, 18}));
  EXPECT_THAT(problems[0].fix, HasSubstr("renumber Late to 10.0.3.0/24"));
  EXPECT_EQ(problems[1].resource, "Twin2");
}

TEST(PlanTest, SubnetsOfDifferentVpcsMayOverlap) {
  PlanModel m;
  size_t a = m.Vpc("A", "10.0.0.0/16", 1);
  size_t b = m.Vpc("B", "10.0.0.0/16", 5, "{}", "other.yaml");
  m.Subnet("SA", a, "10.0.0.0/24", "", 10);
  m.Subnet("SB", b, "10.0.0.0/24", "", 20);
  EXPECT_THAT(Problems(m.Build(), PlanProblemKind::kSubnetOverlap), IsEmpty());
}

TEST(PlanTest, TierInOneZone) {
  PlanModel m;
  size_t vpc = m.Vpc("Vpc", "10.0.0.0/16", 1);
  m.Subnet("PublicSubnet1", vpc, "10.0.0.0/24", "us-east-1a", 10);
  m.Subnet("PublicSubnet2", vpc, "10.0.1.0/24", "us-east-1a", 20);
  m.Subnet("PrivateSubnetA", vpc, "10.0.10.0/24", "us-east-1a", 30);
  m.Subnet("PrivateSubnetB", vpc, "10.0.11.0/24", "us-east-1b", 40);
  std::vector<PlanProblem> problems =
      Problems(m.Build(), PlanProblemKind::kTooFewZones);
  ASSERT_THAT(problems, SizeIs(1));
  EXPECT_EQ(problems[0].message,
            "tier PublicSubnet of VPC Vpc spans 1 availability zone "
            "(us-east-1a: PublicSubnet1, PublicSubnet2); at least 2 needed");
  EXPECT_EQ(problems[0].location, (SourceLocation{"t.yaml", 11, 18}));
  EXPECT_THAT(problems[0].fix, HasSubstr("e.g. 10.0.2.0/24"));
}

TEST(PlanTest, ProductionTiersNeedThreeZones) {
  PlanModel m;
  size_t vpc = m.Vpc("Vpc", "10.0.0.0/16", 1,
                     "{Tags: [{Key: environment, Value: Production}]}");
  m.Subnet("App1", vpc, "10.0.0.0/24", "a", 10);
  m.Subnet("App2", vpc, "10.0.1.0/24", "b", 20);
  m.Subnet("x", vpc, "10.0.2.0/24", "a", 30,
           "{Tags: [{Key: Tier, Value: db}]}");
  m.Subnet("y", vpc, "10.0.3.0/24", "b", 40,
           "{Tags: [{Key: Tier, Value: db}]}");
  m.Subnet("z", vpc, "10.0.4.0/24", "c", 50,
           "{Tags: [{Key: Tier, Value: db}]}");
  std::vector<PlanProblem> problems =
      Problems(m.Build(), PlanProblemKind::kTooFewZones);
  ASSERT_THAT(problems, SizeIs(1));
  EXPECT_THAT(problems[0].message, HasSubstr("tier App of VPC Vpc spans 2"));
  EXPECT_THAT(problems[0].message,
              HasSubstr("at least 3 needed for a production VPC"));
}

TEST(PlanTest, ZonesFromGetAzsAndUnknownZones) {
  PlanModel m;
  size_t vpc = m.Vpc("Vpc", "10.0.0.0/16", 1);
  m.Subnet("Web1", vpc, "10.0.0.0/24", "", 10,
           "{AvailabilityZone: !Select [0, !GetAZs '']}");
  m.Subnet("Web2", vpc, "10.0.1.0/24", "", 20,
           "{AvailabilityZone: {'Fn::Select': [0, {'Fn::GetAZs': ''}]}}");
  m.Subnet("Db1", vpc, "10.0.2.0/24", "", 30,
           "{AvailabilityZone: !Select [0, !GetAZs '']}");
  m.Subnet("Db2", vpc, "10.0.3.0/24", "", 40,
           "{AvailabilityZone: !Select [1, !GetAZs '']}");
  m.Subnet("Mq1", vpc, "10.0.4.0/24", "", 50, "{AvailabilityZone: !Ref Zone}");
  ASSERT_OK_AND_ASSIGN(AddressPlan plan, AnalysePlan(m.Build(), {}));
  ASSERT_THAT(plan.problems, SizeIs(1));
  EXPECT_THAT(plan.problems[0].message,
              HasSubstr("tier Web of VPC Vpc spans 1 availability zone "
                        "(GetAZs[0]: Web1, Web2)"));
}

TEST(PlanTest, SmallProductionVpc) {
  PlanModel m;
  m.Vpc("Prod", "10.0.0.0/20", 1, "{Tags: [{Key: Stage, Value: prod}]}");
  m.Vpc("Dev", "10.1.0.0/20", 5, "{Tags: [{Key: Stage, Value: dev}]}");
  m.Vpc("Big", "10.2.0.0/16", 9, "{Tags: [{Key: Env, Value: PROD}]}");
  std::vector<PlanProblem> problems =
      Problems(m.Build(), PlanProblemKind::kProductionVpcTooSmall);
  ASSERT_THAT(problems, SizeIs(1));
  EXPECT_EQ(problems[0].message,
            "production VPC Prod has 4,096 IPv4 addresses (10.0.0.0/20), "
            "fewer than a /16 (65,536)");
  EXPECT_EQ(problems[0].location, (SourceLocation{"t.yaml", 2, 18}));
  EXPECT_THAT(problems[0].fix, HasSubstr("e.g. 10.0.0.0/16"));
}

TEST(PlanTest, SubnetWithTooFewUsableAddresses) {
  PlanModel m;
  size_t vpc = m.Vpc("Vpc", "10.0.0.0/16", 1);
  m.Subnet("Tiny", vpc, "10.0.0.0/28", "", 10);
  m.Subnet("Small", vpc, "10.0.1.0/27", "", 20);
  Model model = m.Build();
  std::vector<PlanProblem> problems =
      Problems(model, PlanProblemKind::kSubnetTooSmall);
  ASSERT_THAT(problems, SizeIs(1));
  EXPECT_EQ(problems[0].message,
            "subnet 10.0.0.0/28 of Tiny has 11 usable addresses (16 less the "
            "5 AWS reserves), fewer than 27");
  EXPECT_THAT(problems[0].fix, HasSubstr("use a /27 or larger"));
  PlanOptions strict;
  strict.min_usable_addresses = 59;
  problems = Problems(model, PlanProblemKind::kSubnetTooSmall, strict);
  ASSERT_THAT(problems, SizeIs(2));
  EXPECT_THAT(problems[0].fix, HasSubstr("use a /26 or larger for Tiny (59"));
}

TEST(PlanTest, ProblemsAreSortedByLocation) {
  PlanModel m;
  size_t vpc = m.Vpc("Vpc", "10.0.0.0/16", 1);
  m.Subnet("B", vpc, "10.1.0.0/28", "", 30);
  m.Subnet("A", vpc, "10.0.0.0/28", "", 10);
  ASSERT_OK_AND_ASSIGN(AddressPlan plan, AnalysePlan(m.Build(), {}));
  std::vector<int> lines;
  for (const PlanProblem& p : plan.problems) lines.push_back(p.location.line);
  EXPECT_THAT(lines, ElementsAre(11, 31, 31));
  EXPECT_EQ(plan.problems[1].kind, PlanProblemKind::kSubnetOutsideVpc);
}

TEST(PlanTest, RejectsBadOptions) {
  PlanOptions options;
  options.production_prefix_length = 33;
  EXPECT_THAT(AnalysePlan(Model(), options),
              StatusIs(absl::StatusCode::kInvalidArgument));
  options = {};
  options.min_zones = -1;
  EXPECT_THAT(AnalysePlan(Model(), options),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(PlanTest, KindNames) {
  EXPECT_EQ(cidr::PlanProblemKindName(PlanProblemKind::kSubnetOutsideVpc),
            "subnet-outside-vpc");
  EXPECT_EQ(cidr::PlanProblemKindName(PlanProblemKind::kConnectedVpcOverlap),
            "connected-vpc-overlap");
  EXPECT_EQ(cidr::PlanProblemKindName(PlanProblemKind::kSubnetTooSmall),
            "subnet-too-small");
}

}  // namespace
}  // namespace polygraph::testing
