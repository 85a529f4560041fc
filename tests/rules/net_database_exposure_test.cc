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

// A PostgreSQL instance in `subnet` whose group admits 5432 from `source`
// (a CidrIp line, or a SourceSecurityGroupId line).
std::string Database(const std::string& subnet, const std::string& source,
                     bool publicly_accessible = false) {
  return std::string(kVpcTemplate) + R"(  AppSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: app
      VpcId: !Ref Vpc
  DbSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: db
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 5432
          ToPort: 5432
          )" +
         source + R"(
  DbSubnets:
    Type: AWS::RDS::DBSubnetGroup
    Properties:
      DBSubnetGroupDescription: db
      SubnetIds: [!Ref )" +
         subnet + R"(]
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.micro
      DBSubnetGroupName: !Ref DbSubnets
      PubliclyAccessible: )" +
         (publicly_accessible ? "true" : "false") + R"(
      VPCSecurityGroups: [!GetAtt DbSg.GroupId]
)";
}

TEST(NetDatabaseExposureTest, CidrWiderThanTheVpcIsHigh) {
  const std::string text = Database("PrivateSubnet", "CidrIp: 10.0.0.0/8");
  std::vector<Finding> findings = RunOn("PG-NET-006", "t.yaml", text);
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].rule_id, "PG-NET-006");
  EXPECT_EQ(findings[0].severity, Severity::kHigh);
  EXPECT_EQ(findings[0].resource, "Db");
  EXPECT_EQ(findings[0].location.line, LineOf(text, "CidrIp: 10.0.0.0/8"));
  EXPECT_EQ(findings[0].message,
            "database db-instance \"Db\" is reachable on tcp/5432 from "
            "10.0.0.0/8 (wider than its VPC)");
  EXPECT_THAT(findings[0].fix,
              HasSubstr("in DbSg, replace the source 10.0.0.0/8 of tcp/5432 "
                        "with SourceSecurityGroupId"));
}

TEST(NetDatabaseExposureTest, InternetReachIsCritical) {
  const std::string text = Database("PublicSubnet", "CidrIp: 0.0.0.0/0",
                                    /*publicly_accessible=*/true);
  std::vector<Finding> findings = RunOn("PG-NET-006", "t.yaml", text);
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].severity, Severity::kCritical);
  EXPECT_THAT(findings[0].message,
              HasSubstr("is reachable on tcp/5432 from the internet"));
}

TEST(NetDatabaseExposureTest, OpenGroupInPrivateSubnetIsHighNotCritical) {
  // 0.0.0.0/0 in the group, but no public address: not from the internet,
  // yet from any address outside the VPC (a peer, a VPN).
  const std::string text = Database("PrivateSubnet", "CidrIp: 0.0.0.0/0");
  std::vector<Finding> findings = RunOn("PG-NET-006", "t.yaml", text);
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].severity, Severity::kHigh);
  EXPECT_THAT(findings[0].message, HasSubstr("0.0.0.0/0 (any address)"));
}

TEST(NetDatabaseExposureTest, AppGroupSourcePasses) {
  EXPECT_THAT(RunOn("PG-NET-006", "t.yaml",
                    Database("PrivateSubnet",
                             "SourceSecurityGroupId: !GetAtt AppSg.GroupId")),
              IsEmpty());
}

TEST(NetDatabaseExposureTest, CidrInsideTheVpcPasses) {
  EXPECT_THAT(RunOn("PG-NET-006", "t.yaml",
                    Database("PrivateSubnet", "CidrIp: 10.0.0.0/24")),
              IsEmpty());
}

TEST(NetDatabaseExposureTest, NetworkAclThatStopsTheInternetLowersToHigh) {
  // A public database whose group admits 0.0.0.0/0, but the subnet's ACL
  // admits only the VPC: the internet does not reach it (decided by the
  // reachability analysis), yet the group still admits any address.
  const std::string text = Database("PublicSubnet", "CidrIp: 0.0.0.0/0",
                                    /*publicly_accessible=*/true) +
                           R"(  Acl:
    Type: AWS::EC2::NetworkAcl
    Properties:
      VpcId: !Ref Vpc
  AclIn:
    Type: AWS::EC2::NetworkAclEntry
    Properties:
      NetworkAclId: !Ref Acl
      RuleNumber: 100
      Protocol: -1
      RuleAction: allow
      CidrBlock: 10.0.0.0/16
  AclOut:
    Type: AWS::EC2::NetworkAclEntry
    Properties:
      NetworkAclId: !Ref Acl
      RuleNumber: 100
      Egress: true
      Protocol: -1
      RuleAction: allow
      CidrBlock: 10.0.0.0/16
  AclAssociation:
    Type: AWS::EC2::SubnetNetworkAclAssociation
    Properties:
      SubnetId: !Ref PublicSubnet
      NetworkAclId: !Ref Acl
)";
  std::vector<Finding> findings = RunOn("PG-NET-006", "t.yaml", text);
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].severity, Severity::kHigh);
  EXPECT_THAT(findings[0].message, HasSubstr("0.0.0.0/0 (any address)"));
}

TEST(NetDatabaseExposureTest, InstanceWithDatabasePortCounts) {
  const std::string text = std::string(kVpcTemplate) + R"(  CacheSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: cache
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 6379
          ToPort: 6379
          CidrIp: 172.16.0.0/12
  Cache:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0123456789abcdef0
      SubnetId: !Ref PrivateSubnet
      SecurityGroupIds: [!GetAtt CacheSg.GroupId]
)";
  std::vector<Finding> findings = RunOn("PG-NET-006", "t.yaml", text);
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].message,
            "database instance \"Cache\" is reachable on tcp/6379 from "
            "172.16.0.0/12 (outside its VPC)");
}

TEST(NetDatabaseExposureTest, InstanceWithoutDatabasePortIsNotADatabase) {
  const std::string text = std::string(kVpcTemplate) + R"(  WebSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 8080
          ToPort: 8080
          CidrIp: 172.16.0.0/12
  Web:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0123456789abcdef0
      SubnetId: !Ref PrivateSubnet
      SecurityGroupIds: [!GetAtt WebSg.GroupId]
)";
  EXPECT_THAT(RunOn("PG-NET-006", "t.yaml", text), IsEmpty());
}

TEST(NetDatabaseExposureTest, TerraformFixUsesTerraformNames) {
  const std::string text = R"(resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_subnet" "a" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.10.0/24"
}
resource "aws_subnet" "b" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.11.0/24"
}
resource "aws_db_subnet_group" "db" {
  name       = "db"
  subnet_ids = [aws_subnet.a.id, aws_subnet.b.id]
}
resource "aws_security_group" "db" {
  vpc_id = aws_vpc.main.id
  ingress {
    from_port   = 3306
    to_port     = 3306
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
resource "aws_db_instance" "main" {
  engine                 = "mysql"
  instance_class         = "db.t3.micro"
  db_subnet_group_name   = aws_db_subnet_group.db.name
  vpc_security_group_ids = [aws_security_group.db.id]
}
)";
  std::vector<Finding> findings = RunOn("PG-NET-006", "main.tf", text);
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].resource, "aws_db_instance.main");
  EXPECT_EQ(findings[0].location.line,
            LineOf(text, "cidr_blocks = [\"0.0.0.0/0\"]"));
  EXPECT_THAT(findings[0].message, HasSubstr("on tcp/3306 from 0.0.0.0/0"));
  EXPECT_THAT(findings[0].fix,
              HasSubstr("in aws_security_group.db, replace the source "
                        "0.0.0.0/0 of tcp/3306 with security_groups = "));
}

}  // namespace
}  // namespace polygraph::testing
