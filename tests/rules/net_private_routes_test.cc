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

// The private subnet's table also sends 0.0.0.0/0 to the internet gateway.
std::string WithPrivateInternetRoute() {
  return std::string(kVpcTemplate) + R"(  PrivateDefault:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref PrivateRoutes
      DestinationCidrBlock: 0.0.0.0/0
      GatewayId: !Ref Igw
)";
}

constexpr char kAppInstance[] = R"(  AppSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: app
      VpcId: !Ref Vpc
  App:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0123456789abcdef0
      SubnetId: !Ref PrivateSubnet
      SecurityGroupIds: [!GetAtt AppSg.GroupId]
)";

TEST(NetPrivateSubnetInternetRouteTest, PrivateWorkloadsBehindAnIgwRoute) {
  const std::string text = WithPrivateInternetRoute() + kAppInstance;
  std::vector<Finding> findings = RunOn("PG-NET-011", "t.yaml", text);
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].severity, Severity::kHigh);
  EXPECT_EQ(findings[0].resource, "PrivateSubnet");
  EXPECT_EQ(findings[0].location.line, LineOf(text, "  PrivateDefault:"));
  EXPECT_EQ(findings[0].message,
            "private subnet \"PrivateSubnet\" (instance \"App\", none with a "
            "public address) uses route table \"PrivateRoutes\", which sends "
            "0.0.0.0/0 to internet gateway \"Igw\"");
  EXPECT_THAT(findings[0].fix, HasSubstr("NatGatewayId"));
}

TEST(NetPrivateSubnetInternetRouteTest, PrivateRouteTableToNatPasses) {
  EXPECT_THAT(
      RunOn("PG-NET-011", "t.yaml", std::string(kVpcTemplate) + kAppInstance),
      IsEmpty());
}

TEST(NetPrivateSubnetInternetRouteTest, SubnetWithoutWorkloadsIsNotDecided) {
  EXPECT_THAT(RunOn("PG-NET-011", "t.yaml", WithPrivateInternetRoute()),
              IsEmpty());
}

TEST(NetPrivateSubnetInternetRouteTest, PublicSubnetPasses) {
  // The public subnet maps public IPs and holds an instance: public.
  const std::string text = std::string(kVpcTemplate) + R"(  Bastion:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0123456789abcdef0
      SubnetId: !Ref PublicSubnet
)";
  EXPECT_THAT(RunOn("PG-NET-011", "t.yaml", text), IsEmpty());
}

TEST(NetPrivateSubnetInternetRouteTest, TerraformFixUsesNatGatewayId) {
  const std::string text = R"(resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_internet_gateway" "main" {
  vpc_id = aws_vpc.main.id
}
resource "aws_subnet" "private" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.10.0/24"
}
resource "aws_route_table" "private" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.main.id
  }
}
resource "aws_route_table_association" "private" {
  subnet_id      = aws_subnet.private.id
  route_table_id = aws_route_table.private.id
}
resource "aws_instance" "app" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  subnet_id     = aws_subnet.private.id
}
)";
  std::vector<Finding> findings = RunOn("PG-NET-011", "main.tf", text);
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].resource, "aws_subnet.private");
  EXPECT_THAT(findings[0].fix,
              HasSubstr("in aws_route_table.private, send 0.0.0.0/0 to a NAT "
                        "gateway (nat_gateway_id"));
}

std::string DatabaseIn(const std::string& subnet) {
  return std::string(kVpcTemplate) + R"(  DbSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: db
      VpcId: !Ref Vpc
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
      VPCSecurityGroups: [!GetAtt DbSg.GroupId]
)";
}

TEST(RdsPublicSubnetTest, DatabaseInAPublicSubnetIsReported) {
  const std::string text = DatabaseIn("PublicSubnet");
  std::vector<Finding> findings = RunOn("PG-RDS-006", "t.yaml", text);
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].severity, Severity::kHigh);
  EXPECT_EQ(findings[0].resource, "Db");
  EXPECT_EQ(findings[0].message,
            "database db-instance \"Db\" is placed in subnet "
            "\"PublicSubnet\" whose route table \"PublicRoutes\" sends "
            "0.0.0.0/0 to an internet gateway");
  EXPECT_THAT(findings[0].fix, HasSubstr("DBSubnetGroupName of Db"));
}

TEST(RdsPublicSubnetTest, DatabaseInAPrivateSubnetPasses) {
  EXPECT_THAT(RunOn("PG-RDS-006", "t.yaml", DatabaseIn("PrivateSubnet")),
              IsEmpty());
}

}  // namespace
}  // namespace polygraph::testing
