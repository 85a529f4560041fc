#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/rules/net_rules_testing.h"

namespace polygraph::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

TEST(NetFlowLogsTest, VpcWithoutFlowLogIsReported) {
  const std::string text = kVpcTemplate;
  std::vector<Finding> findings = RunOn("PG-NET-010", "t.yaml", text);
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].severity, Severity::kLow);
  EXPECT_EQ(findings[0].resource, "Vpc");
  EXPECT_EQ(findings[0].location.line, LineOf(text, "  Vpc:"));
  EXPECT_EQ(findings[0].message,
            "VPC \"Vpc\" has no flow log (no AWS::EC2::FlowLog with "
            "ResourceId referring to it)");
  EXPECT_THAT(findings[0].fix, HasSubstr("ResourceId: !Ref Vpc"));
}

TEST(NetFlowLogsTest, FlowLogOnTheVpcPasses) {
  const std::string text = std::string(kVpcTemplate) + R"(  FlowLog:
    Type: AWS::EC2::FlowLog
    Properties:
      ResourceId: !Ref Vpc
      ResourceType: VPC
      TrafficType: ALL
      LogDestinationType: s3
      LogDestination: arn:aws:s3:::flow-logs
)";
  EXPECT_THAT(RunOn("PG-NET-010", "t.yaml", text), IsEmpty());
}

TEST(NetFlowLogsTest, TerraformFlowLogPasses) {
  const std::string text = R"(resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_vpc" "other" {
  cidr_block = "10.1.0.0/16"
}
resource "aws_flow_log" "main" {
  vpc_id               = aws_vpc.main.id
  traffic_type         = "ALL"
  log_destination_type = "s3"
  log_destination      = "arn:aws:s3:::flow-logs"
}
)";
  std::vector<Finding> findings = RunOn("PG-NET-010", "main.tf", text);
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].resource, "aws_vpc.other");
  EXPECT_EQ(findings[0].message,
            "VPC \"aws_vpc.other\" has no flow log (no aws_flow_log with "
            "vpc_id referring to it)");
  EXPECT_THAT(findings[0].fix, HasSubstr("vpc_id = aws_vpc.other.id"));
}

// A NAT gateway in the public subnet; the private table routes to it.
std::string WithNat() {
  return std::string(kVpcTemplate) + R"(  NatIp:
    Type: AWS::EC2::EIP
    Properties:
      Domain: vpc
  Nat:
    Type: AWS::EC2::NatGateway
    Properties:
      SubnetId: !Ref PublicSubnet
      AllocationId: !GetAtt NatIp.AllocationId
  PrivateDefault:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref PrivateRoutes
      DestinationCidrBlock: 0.0.0.0/0
      NatGatewayId: !Ref Nat
)";
}

TEST(CostNatWithoutEndpointsTest, NatWithoutEndpointIsReported) {
  const std::string text = WithNat();
  std::vector<Finding> findings = RunOn("PG-COST-002", "t.yaml", text);
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].severity, Severity::kLow);
  EXPECT_EQ(findings[0].resource, "Nat");
  EXPECT_EQ(findings[0].location.line, LineOf(text, "  Nat:"));
  EXPECT_EQ(findings[0].message,
            "VPC \"Vpc\" sends its private subnets' traffic through NAT "
            "gateway \"Nat\" (route table \"PrivateRoutes\") but has no S3 "
            "or DynamoDB gateway endpoint, so S3 and DynamoDB traffic pays "
            "NAT data processing");
  EXPECT_THAT(findings[0].fix,
              HasSubstr("RouteTableIds: [!Ref PrivateRoutes]"));
}

TEST(CostNatWithoutEndpointsTest, S3GatewayEndpointPasses) {
  const std::string text = WithNat() + R"(  S3Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      ServiceName: !Sub com.amazonaws.${AWS::Region}.s3
      RouteTableIds: [!Ref PrivateRoutes]
)";
  EXPECT_THAT(RunOn("PG-COST-002", "t.yaml", text), IsEmpty());
}

TEST(CostNatWithoutEndpointsTest, NatNobodyRoutesToPasses) {
  const std::string text = std::string(kVpcTemplate) + R"(  NatIp:
    Type: AWS::EC2::EIP
  Nat:
    Type: AWS::EC2::NatGateway
    Properties:
      SubnetId: !Ref PublicSubnet
      AllocationId: !GetAtt NatIp.AllocationId
)";
  EXPECT_THAT(RunOn("PG-COST-002", "t.yaml", text), IsEmpty());
}

}  // namespace
}  // namespace polygraph::testing
