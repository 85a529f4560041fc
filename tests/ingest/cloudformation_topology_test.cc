// Network topology facets (lib/ingest/cloudformation_topology.cc).

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "polygraph/document.h"
#include "tests/ingest/ingest_testing.h"
#include "tests/testing.h"

namespace polygraph::ingest {
namespace {

using testing::ExpectInputError;
using testing::Imported;
using testing::ImportTemplate;

TEST(CloudFormationTopologyTest, SubnetsAndSecurityGroups) {
  ASSERT_OK_AND_ASSIGN(Imported imported, ImportTemplate(R"(
Parameters:
  Zone: {Type: String}
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16}
  Public:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.1.0/24
      Ipv6CidrBlock: "2600:1f18::/64"
      AvailabilityZone: us-east-1a
      MapPublicIpOnLaunch: "true"
  Elsewhere:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: vpc-0abc
      CidrBlock: 10.1.0.0/24
      AvailabilityZone: !Ref Zone
  Open:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: open
      VpcId: !Ref Vpc
  Closed:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: closed
      VpcId: !Ref Vpc
      SecurityGroupEgress:
        - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/8}
)"));
  const Model& model = imported.model;
  const size_t vpc = imported.IndexOf("Vpc");
  ASSERT_EQ(model.subnets().size(), 2u);
  const Subnet& subnet = model.subnets()[0];
  EXPECT_EQ(subnet.resource, imported.IndexOf("Public"));
  EXPECT_EQ(subnet.vpc, vpc);
  EXPECT_EQ(subnet.ipv4_cidr, "10.0.1.0/24");
  EXPECT_EQ(subnet.ipv6_cidr, "2600:1f18::/64");
  EXPECT_EQ(subnet.availability_zone, "us-east-1a");
  EXPECT_TRUE(subnet.map_public_ip_on_launch.set);
  EXPECT_TRUE(subnet.map_public_ip_on_launch.value);
  EXPECT_EQ(subnet.map_public_ip_on_launch.location.line, 15);
  EXPECT_EQ(subnet.location.line, 8);
  const Subnet& other = model.subnets()[1];
  EXPECT_EQ(other.vpc, kNoResource);
  EXPECT_EQ(other.vpc_id, "vpc-0abc");
  EXPECT_EQ(other.availability_zone, "");
  EXPECT_FALSE(other.map_public_ip_on_launch.set);
  std::vector<Diagnostic> notes = imported.WithCode("symbolic-value");
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0].location.line, 21);

  ASSERT_EQ(model.security_groups().size(), 2u);
  EXPECT_TRUE(model.security_groups()[0].default_egress);
  EXPECT_EQ(model.security_groups()[0].vpc, vpc);
  EXPECT_FALSE(model.security_groups()[1].default_egress);
  // The written egress rule, then the implicit one of Open, added once.
  const std::vector<SecurityGroupRule>& rules = model.security_group_rules();
  ASSERT_EQ(rules.size(), 2u);
  EXPECT_FALSE(rules[0].implicit_default);
  EXPECT_EQ(rules[0].group, imported.IndexOf("Closed"));
  EXPECT_TRUE(rules[1].implicit_default);
  EXPECT_EQ(rules[1].group, imported.IndexOf("Open"));
  EXPECT_FALSE(rules[1].ingress);
  EXPECT_EQ(rules[1].protocol, "-1");
  EXPECT_EQ(rules[1].cidr, "0.0.0.0/0");
  EXPECT_EQ(rules[1].location, (SourceLocation{"t.yaml", 22, 3}));
}

TEST(CloudFormationTopologyTest, RoutesGatewaysAndAssociations) {
  ASSERT_OK_AND_ASSIGN(Imported imported, ImportTemplate(R"(
Parameters:
  PeeringId: {Type: String}
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16}
  Subnet:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24}
  Igw:
    Type: AWS::EC2::InternetGateway
  Attach:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties: {VpcId: !Ref Vpc, InternetGatewayId: !Ref Igw}
  Eigw:
    Type: AWS::EC2::EgressOnlyInternetGateway
    Properties: {VpcId: !Ref Vpc}
  Nat:
    Type: AWS::EC2::NatGateway
    Properties: {SubnetId: !Ref Subnet, ConnectivityType: private}
  Table:
    Type: AWS::EC2::RouteTable
    Properties: {VpcId: !Ref Vpc}
  ToInternet:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref Table
      DestinationCidrBlock: 0.0.0.0/0
      GatewayId: !Ref Igw
  ToInternet6:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref Table
      DestinationIpv6CidrBlock: "::/0"
      EgressOnlyInternetGatewayId: !Ref Eigw
  ViaNat:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref Table
      DestinationCidrBlock: 192.168.0.0/16
      NatGatewayId: !GetAtt Nat.NatGatewayId
  Peered:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref Table
      DestinationPrefixListId: pl-0123
      VpcPeeringConnectionId: !Ref PeeringId
  Literal:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref Table
      DestinationCidrBlock: 172.16.0.0/12
      GatewayId: igw-0abc
  S3:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      ServiceName: !Sub com.amazonaws.${AWS::Region}.s3
      RouteTableIds: [!Ref Table, rtb-0999]
  Assoc:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: {RouteTableId: !Ref Table, SubnetId: !Ref Subnet}
  Outside:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: {RouteTableId: !Ref Table, SubnetId: subnet-0def}
)"));
  const Model& model = imported.model;
  const size_t vpc = imported.IndexOf("Vpc");
  const size_t table = imported.IndexOf("Table");
  ASSERT_EQ(model.route_tables().size(), 1u);
  EXPECT_EQ(model.route_tables()[0].vpc, vpc);

  ASSERT_EQ(model.gateways().size(), 4u);
  EXPECT_EQ(model.gateways()[0].kind, GatewayKind::kInternetGateway);
  EXPECT_EQ(model.gateways()[0].vpc, vpc);
  EXPECT_EQ(model.gateways()[1].kind, GatewayKind::kEgressOnlyInternetGateway);
  EXPECT_EQ(model.gateways()[1].vpc, vpc);
  EXPECT_EQ(model.gateways()[2].kind, GatewayKind::kNatGateway);
  EXPECT_EQ(model.gateways()[2].subnet, imported.IndexOf("Subnet"));
  EXPECT_EQ(model.gateways()[2].vpc, vpc);
  EXPECT_TRUE(model.gateways()[2].private_nat);
  EXPECT_EQ(model.gateways()[3].kind, GatewayKind::kVpcEndpoint);
  EXPECT_EQ(model.gateways()[3].service_name,
            "com.amazonaws.${AWS::Region}.s3");

  const std::vector<Route>& routes = model.routes();
  ASSERT_EQ(routes.size(), 7u);
  EXPECT_EQ(routes[0].route_table, table);
  EXPECT_EQ(routes[0].destination_cidr, "0.0.0.0/0");
  EXPECT_EQ(routes[0].target_kind, RouteTargetKind::kInternetGateway);
  EXPECT_EQ(routes[0].target, imported.IndexOf("Igw"));
  EXPECT_EQ(routes[0].location.line, 25);
  EXPECT_EQ(routes[1].destination_cidr, "::/0");
  EXPECT_EQ(routes[1].target_kind, RouteTargetKind::kEgressOnlyInternetGateway);
  EXPECT_EQ(routes[2].target_kind, RouteTargetKind::kNatGateway);
  EXPECT_EQ(routes[2].target, imported.IndexOf("Nat"));
  EXPECT_EQ(routes[3].destination_cidr, "");
  EXPECT_EQ(routes[3].destination_prefix_list_id, "pl-0123");
  EXPECT_EQ(routes[3].target_kind, RouteTargetKind::kVpcPeering);
  EXPECT_EQ(routes[3].target, kNoResource);
  EXPECT_EQ(routes[3].target_id, "${PeeringId}");
  EXPECT_EQ(routes[4].target_kind, RouteTargetKind::kInternetGateway);
  EXPECT_EQ(routes[4].target_id, "igw-0abc");
  // The gateway endpoint's routes, one per route table.
  for (int i : {5, 6}) {
    EXPECT_EQ(routes[i].target_kind, RouteTargetKind::kVpcEndpoint);
    EXPECT_EQ(routes[i].target, imported.IndexOf("S3"));
    EXPECT_EQ(routes[i].destination_prefix_list_id,
              "pl-com.amazonaws.${AWS::Region}.s3");
  }
  EXPECT_EQ(routes[5].route_table, table);
  EXPECT_EQ(routes[6].route_table, kNoResource);
  EXPECT_EQ(routes[6].location.line, 60);

  ASSERT_EQ(model.route_table_associations().size(), 2u);
  EXPECT_EQ(model.route_table_associations()[0].subnet,
            imported.IndexOf("Subnet"));
  EXPECT_EQ(model.route_table_associations()[1].subnet, kNoResource);
  EXPECT_EQ(model.route_table_associations()[1].subnet_id, "subnet-0def");
  EXPECT_EQ(model.route_table_associations()[1].route_table, table);
}

TEST(CloudFormationTopologyTest, NetworkAclsAndPrefixLists) {
  ASSERT_OK_AND_ASSIGN(Imported imported, ImportTemplate(R"(
Parameters:
  Number: {Type: Number}
Resources:
  Acl:
    Type: AWS::EC2::NetworkAcl
    Properties: {VpcId: vpc-0abc}
  InHttps:
    Type: AWS::EC2::NetworkAclEntry
    Properties:
      NetworkAclId: !Ref Acl
      RuleNumber: "100"
      Protocol: 6
      RuleAction: ALLOW
      CidrBlock: 0.0.0.0/0
      PortRange: {From: 443, To: 443}
  OutAll:
    Type: AWS::EC2::NetworkAclEntry
    Properties:
      NetworkAclId: !Ref Acl
      RuleNumber: !Ref Number
      Protocol: -1
      Egress: true
      RuleAction: deny
      Ipv6CidrBlock: "::/0"
  Assoc:
    Type: AWS::EC2::SubnetNetworkAclAssociation
    Properties: {NetworkAclId: !Ref Acl, SubnetId: subnet-0def}
  Offices:
    Type: AWS::EC2::PrefixList
    Properties:
      AddressFamily: IPv4
      MaxEntries: 5
      Entries: [{Cidr: 198.51.100.0/24}, {Cidr: 203.0.113.0/24}]
)"));
  const Model& model = imported.model;
  const size_t acl = imported.IndexOf("Acl");
  ASSERT_EQ(model.network_acls().size(), 1u);
  EXPECT_EQ(model.network_acls()[0].vpc_id, "vpc-0abc");
  const std::vector<NetworkAclEntry>& entries = model.network_acl_entries();
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].network_acl, acl);
  EXPECT_EQ(entries[0].rule_number, 100);
  EXPECT_EQ(entries[0].protocol, "tcp");
  EXPECT_TRUE(entries[0].allow);
  EXPECT_FALSE(entries[0].egress);
  EXPECT_EQ(entries[0].cidr, "0.0.0.0/0");
  EXPECT_EQ(entries[0].from_port, 443);
  EXPECT_EQ(entries[0].to_port, 443);
  EXPECT_EQ(entries[0].location, (SourceLocation{"t.yaml", 8, 3}));
  EXPECT_EQ(entries[1].rule_number, 0);  // symbolic: not invented
  EXPECT_EQ(entries[1].protocol, "-1");
  EXPECT_TRUE(entries[1].egress);
  EXPECT_FALSE(entries[1].allow);
  EXPECT_EQ(entries[1].cidr, "::/0");
  EXPECT_EQ(entries[1].from_port, -1);
  std::vector<Diagnostic> notes = imported.WithCode("symbolic-value");
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0].location.line, 21);
  ASSERT_EQ(model.network_acl_associations().size(), 1u);
  EXPECT_EQ(model.network_acl_associations()[0].network_acl, acl);
  EXPECT_EQ(model.network_acl_associations()[0].subnet_id, "subnet-0def");
  ASSERT_EQ(model.prefix_lists().size(), 1u);
  EXPECT_THAT(model.prefix_lists()[0].cidrs,
              ::testing::ElementsAre("198.51.100.0/24", "203.0.113.0/24"));
}

// A bad entry is an error at the value; the entry is left out and the rest
// of the template is still read.
TEST(CloudFormationTopologyTest, AclEntryErrors) {
  auto entry = [](const std::string& body) {
    return ImportTemplate(
        "Resources:\n  E:\n    Type: AWS::EC2::NetworkAclEntry\n"
        "    Properties:\n      NetworkAclId: acl-1\n" +
        body);
  };
  const std::string base = "      RuleAction: allow\n      Egress: false\n";
  ExpectInvalidValue(entry("      RuleNumber: 32767\n      Protocol: 6\n" +
                           base + "      CidrBlock: 0.0.0.0/0\n"),
                     6, 19, "RuleNumber must be a number 1 to 32766");
  ExpectInvalidValue(entry("      RuleNumber: 0\n      Protocol: 6\n" + base +
                           "      CidrBlock: 0.0.0.0/0\n"),
                     6, 19, "RuleNumber must be a number 1 to 32766");
  ExpectInvalidValue(entry("      RuleNumber: 1\n      Protocol: 300\n" + base +
                           "      CidrBlock: 0.0.0.0/0\n"),
                     7, 17, "Protocol must be a protocol number");
  ExpectInvalidValue(entry("      RuleNumber: 1\n      Protocol: 6\n"
                           "      RuleAction: permit\n"
                           "      CidrBlock: 0.0.0.0/0\n"),
                     8, 19,
                     R"(RuleAction must be allow or deny, found "permit")");
  ExpectInvalidValue(entry("      RuleNumber: 1\n      Protocol: 6\n" + base +
                           "      CidrBlock: 0.0.0.0/0\n"
                           "      PortRange: {From: 80, To: 22}\n"),
                     11, 25, "PortRange From 80 is greater than To 22");
  ExpectInvalidValue(entry("      RuleNumber: 1\n      Protocol: 6\n" + base +
                           "      CidrBlock: 10.0.0.0/33\n"),
                     10, 18, R"(CidrBlock "10.0.0.0/33" is not a valid IPv4)");
  ASSERT_OK_AND_ASSIGN(Imported imported,
                       entry("      RuleNumber: 0\n      Protocol: 6\n" + base +
                             "      CidrBlock: 0.0.0.0/0\n  Acl:\n"
                             "    Type: AWS::EC2::NetworkAcl\n"
                             "    Properties: {VpcId: vpc-1}\n"));
  EXPECT_TRUE(imported.model.network_acl_entries().empty());
  EXPECT_EQ(imported.model.network_acls().size(), 1u);
}

TEST(CloudFormationTopologyTest, CorpusVpcWithNatAndPrivateSubnets) {
  const std::string path = ::polygraph::testing::CorpusPath(
      "cloudformation/aws-cloudformation-templates/VPC/"
      "VPC_With_Managed_NAT_And_Private_Subnet.yaml");
  ASSERT_OK_AND_ASSIGN(Value document, ReadDocumentFile(path));
  ModelBuilder builder;
  std::vector<Diagnostic> diagnostics;
  ASSERT_OK(ImportCloudFormation(document, builder, diagnostics));
  const Model model = std::move(builder).Build();
  EXPECT_EQ(model.subnets().size(), 4u);
  EXPECT_EQ(model.route_tables().size(), 3u);
  EXPECT_EQ(model.routes().size(), 3u);
  EXPECT_EQ(model.route_table_associations().size(), 4u);
  EXPECT_EQ(model.network_acls().size(), 1u);
  EXPECT_EQ(model.network_acl_entries().size(), 2u);
  EXPECT_EQ(model.network_acl_associations().size(), 2u);
  EXPECT_EQ(model.gateways().size(), 3u);  // an internet gateway, two NATs
  ASSERT_FALSE(model.routes().empty());
  EXPECT_EQ(model.routes()[0].target_kind, RouteTargetKind::kInternetGateway);
  EXPECT_EQ(model.routes()[0].destination_cidr, "0.0.0.0/0");
  ASSERT_FALSE(model.network_acl_entries().empty());
  EXPECT_EQ(model.network_acl_entries()[0].rule_number, 100);
  EXPECT_EQ(model.network_acl_entries()[0].location.line, 214);
}

}  // namespace
}  // namespace polygraph::ingest
