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

// A load balancer (AlbSg) in the public subnet; AppSg admits `ports` from
// `source`.
std::string App(int from, int to, const std::string& source) {
  return std::string(kVpcTemplate) + R"(  AlbSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: alb
      VpcId: !Ref Vpc
  Alb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Subnets: [!Ref PublicSubnet]
      SecurityGroups: [!GetAtt AlbSg.GroupId]
  AppSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: app
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: )" +
         std::to_string(from) + R"(
          ToPort: )" +
         std::to_string(to) + R"(
          )" +
         source + "\n";
}

TEST(NetSgReferencesTest, VpcCidrOnAppPortIsReportedWithTheGroupToUse) {
  const std::string text = App(8080, 8080, "CidrIp: 10.0.0.0/24");
  std::vector<Finding> findings = RunOn("PG-NET-007", "t.yaml", text);
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].severity, Severity::kMedium);
  EXPECT_EQ(findings[0].resource, "AppSg");
  EXPECT_EQ(findings[0].location.line, LineOf(text, "CidrIp: 10.0.0.0/24"));
  EXPECT_EQ(findings[0].message,
            "security group \"AppSg\" admits tcp 8080 from the private CIDR "
            "10.0.0.0/24 (inside its VPC) instead of the clients' security "
            "group");
  EXPECT_EQ(findings[0].fix,
            "in AppSg, replace CidrIp 10.0.0.0/24 of tcp 8080 with "
            "SourceSecurityGroupId: !GetAtt AlbSg.GroupId");
}

TEST(NetSgReferencesTest, WebPortsPass) {
  EXPECT_THAT(
      RunOn("PG-NET-007", "t.yaml", App(443, 443, "CidrIp: 10.0.0.0/16")),
      IsEmpty());
}

TEST(NetSgReferencesTest, GroupReferencePasses) {
  EXPECT_THAT(
      RunOn("PG-NET-007", "t.yaml",
            App(8080, 8080, "SourceSecurityGroupId: !GetAtt AlbSg.GroupId")),
      IsEmpty());
}

TEST(NetSgReferencesTest, PrivateRangeOutsideTheVpcPasses) {
  // Another network (on premises, a peer): no group reference reaches it.
  EXPECT_THAT(
      RunOn("PG-NET-007", "t.yaml", App(22, 22, "CidrIp: 192.168.0.0/16")),
      IsEmpty());
}

TEST(NetSgReferencesTest, WholeVpcWithoutWorkloadsGivesAGenericFix) {
  const std::string text = App(5000, 5100, "CidrIp: 10.0.0.0/16");
  std::vector<Finding> findings = RunOn("PG-NET-007", "t.yaml", text);
  ASSERT_THAT(findings, SizeIs(1));
  // The load balancer's subnet is inside 10.0.0.0/16 too.
  EXPECT_THAT(findings[0].fix, HasSubstr("!GetAtt AlbSg.GroupId"));
  EXPECT_THAT(findings[0].message, HasSubstr("tcp 5000-5100"));
}

TEST(NetSgReferencesTest, UnknownVpcIsNotDecided) {
  // The VPC is a parameter: 172.20.0.0/16 may be a VPN or office range.
  const std::string text = R"(AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  VpcId:
    Type: AWS::EC2::VPC::Id
Resources:
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: admin
      VpcId: !Ref VpcId
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: 172.20.0.0/16
)";
  EXPECT_THAT(RunOn("PG-NET-007", "t.yaml", text), IsEmpty());
}

TEST(NetSgReferencesTest, TerraformFixNamesTheGroupReference) {
  const std::string text = R"(resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_subnet" "app" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.10.0/24"
}
resource "aws_security_group" "app" {
  vpc_id = aws_vpc.main.id
}
resource "aws_instance" "app" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.app.id
  vpc_security_group_ids = [aws_security_group.app.id]
}
resource "aws_security_group" "db" {
  vpc_id = aws_vpc.main.id
  ingress {
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = ["10.0.10.0/24"]
  }
}
)";
  std::vector<Finding> findings = RunOn("PG-NET-007", "main.tf", text);
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].resource, "aws_security_group.db");
  EXPECT_EQ(findings[0].fix,
            "in aws_security_group.db, replace cidr_blocks [\"10.0.10.0/24\"] "
            "of tcp 5432 with security_groups = [aws_security_group.app.id] "
            "(referenced_security_group_id in an "
            "aws_vpc_security_group_ingress_rule)");
}

}  // namespace
}  // namespace polygraph::testing
