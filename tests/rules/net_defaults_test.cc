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

constexpr char kGroup[] = R"(  WebSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web
      VpcId: !Ref Vpc
)";

TEST(NetDefaultSecurityGroupTest, InstanceWithoutGroupsIsReported) {
  const std::string text = std::string(kVpcTemplate) + R"(  Web:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0123456789abcdef0
      SubnetId: !Ref PrivateSubnet
)";
  std::vector<Finding> findings = RunOn("PG-NET-008", "t.yaml", text);
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].severity, Severity::kMedium);
  EXPECT_EQ(findings[0].resource, "Web");
  EXPECT_EQ(findings[0].location.line, LineOf(text, "  Web:"));
  EXPECT_EQ(findings[0].message,
            "instance \"Web\" gives no SecurityGroupIds, so it is placed in "
            "its VPC's default security group");
  EXPECT_THAT(findings[0].fix, HasSubstr("list it in SecurityGroupIds"));
}

TEST(NetDefaultSecurityGroupTest, InstanceWithAGroupPasses) {
  const std::string text = std::string(kVpcTemplate) + kGroup + R"(  Web:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0123456789abcdef0
      SubnetId: !Ref PrivateSubnet
      SecurityGroupIds: [!GetAtt WebSg.GroupId]
)";
  EXPECT_THAT(RunOn("PG-NET-008", "t.yaml", text), IsEmpty());
}

TEST(NetDefaultSecurityGroupTest, ClusterIsReportedNotItsInstances) {
  const std::string text = std::string(kVpcTemplate) + R"(  DbSubnets:
    Type: AWS::RDS::DBSubnetGroup
    Properties:
      DBSubnetGroupDescription: db
      SubnetIds: [!Ref PrivateSubnet]
  Cluster:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-mysql
      DBSubnetGroupName: !Ref DbSubnets
  Writer:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: aurora-mysql
      DBInstanceClass: db.r6g.large
      DBClusterIdentifier: !Ref Cluster
)";
  std::vector<Finding> findings = RunOn("PG-NET-008", "t.yaml", text);
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].resource, "Cluster");
  EXPECT_THAT(findings[0].message, HasSubstr("gives no VpcSecurityGroupIds"));
}

TEST(NetDefaultSecurityGroupTest, TerraformDefaultGroupWithIngress) {
  const std::string text = R"(resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_default_security_group" "default" {
  vpc_id = aws_vpc.main.id
  ingress {
    protocol  = "-1"
    self      = true
    from_port = 0
    to_port   = 0
  }
}
)";
  std::vector<Finding> findings = RunOn("PG-NET-008", "main.tf", text);
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].resource, "aws_default_security_group.default");
  EXPECT_EQ(findings[0].location.line, LineOf(text, "ingress {"));
  EXPECT_THAT(findings[0].fix, HasSubstr("remove the ingress blocks"));
}

TEST(NetDefaultSecurityGroupTest, TerraformInstanceSpellsTerraformNames) {
  const std::string text = R"(resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_subnet" "a" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.10.0/24"
}
resource "aws_instance" "web" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  subnet_id     = aws_subnet.a.id
}
)";
  std::vector<Finding> findings = RunOn("PG-NET-008", "main.tf", text);
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].message,
            "instance \"aws_instance.web\" gives no vpc_security_group_ids, "
            "so it is placed in its VPC's default security group");
}

TEST(NetDefaultSecurityGroupTest, SnapshotDefaultGroupWithRules) {
  const std::string text = R"({"SecurityGroups": [{
  "GroupId": "sg-1",
  "GroupName": "default",
  "VpcId": "vpc-1",
  "IpPermissions": [
    {"IpProtocol": "-1", "UserIdGroupPairs": [{"GroupId": "sg-1"}]}
  ],
  "IpPermissionsEgress": []
}, {
  "GroupId": "sg-2",
  "GroupName": "web",
  "VpcId": "vpc-1",
  "IpPermissions": [
    {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
     "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}
  ],
  "IpPermissionsEgress": []
}]})";
  std::vector<Finding> findings =
      RunOn("PG-NET-008", "security-groups.json", text);
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].resource, "sg-1");
  EXPECT_EQ(findings[0].location.line, LineOf(text, "{\"IpProtocol\": \"-1\""));
  EXPECT_THAT(findings[0].message, HasSubstr("has ingress rules"));
}

TEST(NetDefaultSecurityGroupTest, SnapshotDefaultGroupWithoutRulesPasses) {
  const std::string text = R"({"SecurityGroups": [{
  "GroupId": "sg-1",
  "GroupName": "default",
  "VpcId": "vpc-1",
  "IpPermissions": [],
  "IpPermissionsEgress": []
}]})";
  EXPECT_THAT(RunOn("PG-NET-008", "security-groups.json", text), IsEmpty());
}

constexpr char kAcl[] = R"(  Acl:
    Type: AWS::EC2::NetworkAcl
    Properties:
      VpcId: !Ref Vpc
  AclAssociation:
    Type: AWS::EC2::SubnetNetworkAclAssociation
    Properties:
      SubnetId: !Ref PrivateSubnet
      NetworkAclId: !Ref Acl
)";

TEST(NetDefaultNetworkAclTest, SubnetLeftOutOfTheVpcsAclsIsReported) {
  const std::string text = std::string(kVpcTemplate) + kAcl;
  std::vector<Finding> findings = RunOn("PG-NET-009", "t.yaml", text);
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].severity, Severity::kLow);
  EXPECT_EQ(findings[0].resource, "PublicSubnet");
  EXPECT_EQ(findings[0].location.line, LineOf(text, "  PublicSubnet:"));
  EXPECT_EQ(findings[0].message,
            "subnet \"PublicSubnet\" is associated with no network ACL, so "
            "the VPC's default ACL (allow all traffic) applies, while the "
            "VPC declares network ACL \"Acl\"");
  EXPECT_EQ(findings[0].fix,
            "add an AWS::EC2::SubnetNetworkAclAssociation with SubnetId: "
            "!Ref PublicSubnet and NetworkAclId: !Ref Acl");
}

TEST(NetDefaultNetworkAclTest, NoDeclaredAclPasses) {
  EXPECT_THAT(RunOn("PG-NET-009", "t.yaml", kVpcTemplate), IsEmpty());
}

TEST(NetDefaultNetworkAclTest, TerraformDefaultAclAllowingAll) {
  const std::string text = R"(resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_default_network_acl" "default" {
  default_network_acl_id = aws_vpc.main.default_network_acl_id
  ingress {
    protocol   = -1
    rule_no    = 100
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 0
    to_port    = 0
  }
}
)";
  std::vector<Finding> findings = RunOn("PG-NET-009", "main.tf", text);
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].resource, "aws_default_network_acl.default");
  EXPECT_EQ(findings[0].message,
            "default network ACL aws_default_network_acl.default allows all "
            "ingress traffic (rule_no 100): subnets without an ACL of their "
            "own are not filtered");
}

}  // namespace
}  // namespace polygraph::testing
