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
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

std::vector<PlanProblem> Overlaps(const Model& model,
                                  const PlanOptions& options = {}) {
  absl::StatusOr<AddressPlan> plan = AnalysePlan(model, options);
  EXPECT_TRUE(plan.ok()) << plan.status();
  std::vector<PlanProblem> out;
  if (!plan.ok()) return out;
  for (const PlanProblem& p : plan->problems) {
    if (p.kind == PlanProblemKind::kVpcOverlap ||
        p.kind == PlanProblemKind::kConnectedVpcOverlap) {
      out.push_back(p);
    }
  }
  return out;
}

TEST(VpcOverlapTest, VpcsOfOneTemplate) {
  PlanModel m;
  m.Vpc("First", "10.0.0.0/16", 1);
  m.Vpc("Second", "10.0.128.0/17", 10);
  m.Vpc("Third", "10.1.0.0/16", 20);
  std::vector<PlanProblem> problems = Overlaps(m.Build());
  ASSERT_THAT(problems, SizeIs(1));
  EXPECT_EQ(problems[0].kind, PlanProblemKind::kVpcOverlap);
  EXPECT_EQ(problems[0].message,
            "VPC block 10.0.128.0/17 of Second overlaps 10.0.0.0/16 of First; "
            "both are declared in the same template");
  EXPECT_EQ(problems[0].location, (SourceLocation{"t.yaml", 11, 18}));
  EXPECT_THAT(problems[0].fix,
              HasSubstr("e.g. 10.2.0.0/17 (the lowest /17 of 10.0.0.0/8 "
                        "that no VPC read uses)"));
}

TEST(VpcOverlapTest, SecondaryBlocksCount) {
  PlanModel m;
  size_t a = m.Vpc("A", "10.0.0.0/16", 1);
  m.Vpc("B", "172.16.0.0/16", 10);
  m.Secondary("AExtra", a, "172.16.4.0/22", 20);
  std::vector<PlanProblem> problems = Overlaps(m.Build());
  ASSERT_THAT(problems, SizeIs(1));
  EXPECT_THAT(problems[0].message,
              HasSubstr("VPC block 172.16.4.0/22 of A overlaps 172.16.0.0/16 "
                        "of B"));
  EXPECT_THAT(problems[0].fix, HasSubstr("of 172.16.0.0/12"));
}

TEST(VpcOverlapTest, DifferentFilesOnlyWhenAsked) {
  PlanModel m;
  m.Vpc("A", "10.0.0.0/16", 1, "{}", "a.yaml");
  m.Vpc("B", "10.0.0.0/16", 1, "{}", "b.yaml");
  Model model = m.Build();
  EXPECT_THAT(Overlaps(model), IsEmpty());
  PlanOptions across;
  across.overlap_across_files = true;
  std::vector<PlanProblem> problems = Overlaps(model, across);
  ASSERT_THAT(problems, SizeIs(1));
  EXPECT_THAT(problems[0].message,
              HasSubstr("they are declared in different files"));
  EXPECT_EQ(problems[0].location.file, "b.yaml");
}

TEST(VpcOverlapTest, PeeredVpcsAcrossFiles) {
  PlanModel m;
  size_t a = m.Vpc("A", "10.0.0.0/16", 1, "{}", "a.yaml");
  size_t b = m.Vpc("B", "10.0.5.0/24", 1, "{}", "b.yaml");
  size_t peering = m.Add("Peering", "AWS::EC2::VPCPeeringConnection",
                         ResourceKind::kOther, 30, "{}", "b.yaml");
  m.Reference(peering, a, "VpcId");
  m.Reference(peering, b, "PeerVpcId");
  std::vector<PlanProblem> problems = Overlaps(m.Build());
  ASSERT_THAT(problems, SizeIs(1));
  EXPECT_EQ(problems[0].kind, PlanProblemKind::kConnectedVpcOverlap);
  EXPECT_EQ(problems[0].message,
            "VPC block 10.0.5.0/24 of B overlaps 10.0.0.0/16 of A; they are "
            "peered by Peering");
  EXPECT_THAT(problems[0].fix, HasSubstr("routes to an overlapping peer"));
}

TEST(VpcOverlapTest, ConnectedWinsOverSameTemplateAndIsReportedOnce) {
  PlanModel m;
  size_t a = m.Vpc("A", "10.0.0.0/16", 1);
  size_t b = m.Vpc("B", "10.0.0.0/16", 10);
  size_t gateway =
      m.Add("Tgw", "AWS::EC2::TransitGateway", ResourceKind::kOther, 20);
  size_t peering = m.Add("Peering", "AWS::EC2::VPCPeeringConnection",
                         ResourceKind::kOther, 25);
  m.Reference(peering, a, "VpcId");
  m.Reference(peering, b, "PeerVpcId");
  for (size_t vpc : {a, b}) {
    size_t attachment = m.Add("Attach", "AWS::EC2::TransitGatewayAttachment",
                              ResourceKind::kOther, 30);
    m.Reference(attachment, vpc, "VpcId");
    m.Reference(attachment, gateway, "TransitGatewayId");
  }
  std::vector<PlanProblem> problems = Overlaps(m.Build());
  ASSERT_THAT(problems, SizeIs(1));
  EXPECT_EQ(problems[0].kind, PlanProblemKind::kConnectedVpcOverlap);
  EXPECT_EQ(problems[0].resource, "B");
}

TEST(VpcOverlapTest, TransitGatewayByLiteralId) {
  PlanModel m;
  size_t a = m.Vpc("A", "10.0.0.0/16", 1, "{}", "a.yaml");
  size_t b = m.Vpc("B", "10.0.0.0/20", 1, "{}", "b.yaml");
  size_t c = m.Vpc("C", "10.0.0.0/24", 1, "{}", "c.yaml");
  const std::string shared = "{TransitGatewayId: tgw-0abc}";
  size_t x = m.Add("AttachA", "AWS::EC2::TransitGatewayVpcAttachment",
                   ResourceKind::kOther, 10, shared, "a.yaml");
  size_t y = m.Add("AttachB", "AWS::EC2::TransitGatewayVpcAttachment",
                   ResourceKind::kOther, 10, shared, "b.yaml");
  size_t z = m.Add("AttachC", "AWS::EC2::TransitGatewayVpcAttachment",
                   ResourceKind::kOther, 10, "{TransitGatewayId: tgw-other}",
                   "c.yaml");
  m.Reference(x, a, "VpcId");
  m.Reference(y, b, "VpcId");
  m.Reference(z, c, "VpcId");
  std::vector<PlanProblem> problems = Overlaps(m.Build());
  ASSERT_THAT(problems, SizeIs(1));
  EXPECT_EQ(problems[0].message,
            "VPC block 10.0.0.0/20 of B overlaps 10.0.0.0/16 of A; both are "
            "attached to transit gateway tgw-0abc");
}

}  // namespace
}  // namespace polygraph::testing
