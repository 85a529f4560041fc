// Security group facets (lib/ingest/cloudformation_network.cc).

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/ingest/ingest_testing.h"
#include "tests/testing.h"

namespace polygraph::ingest {
namespace {

using testing::ExpectInputError;
using testing::Imported;
using testing::ImportTemplate;

TEST(CloudFormationNetworkTest, InlineRulesWithLocations) {
  ASSERT_OK_AND_ASSIGN(Imported imported, ImportTemplate(R"(
Resources:
  Web:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web
      SecurityGroupIngress:
        - IpProtocol: TCP
          FromPort: 443
          ToPort: "443"
          CidrIp: 0.0.0.0/0
          Description: https
        - IpProtocol: "-1"
          FromPort: 5
          CidrIpv6: "::/0"
        - IpProtocol: 6
          FromPort: 22
          ToPort: 22
          SourceSecurityGroupId: !Ref Admin
      SecurityGroupEgress:
        - IpProtocol: udp
          FromPort: 53
          ToPort: 53
          DestinationPrefixListId: pl-1234
  Admin:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: admin
)"));
  const std::vector<SecurityGroupRule>& rules =
      imported.model.security_group_rules();
  ASSERT_EQ(rules.size(), 5u);
  // The last is AWS's default egress of Admin (cloudformation_topology.cc).
  EXPECT_TRUE(rules[4].implicit_default);
  EXPECT_EQ(rules[4].group, imported.IndexOf("Admin"));
  const size_t web = imported.IndexOf("Web");
  EXPECT_EQ(rules[0].group, web);
  EXPECT_TRUE(rules[0].ingress);
  EXPECT_EQ(rules[0].protocol, "tcp");
  EXPECT_EQ(rules[0].from_port, 443);
  EXPECT_EQ(rules[0].to_port, 443);
  EXPECT_EQ(rules[0].cidr, "0.0.0.0/0");
  EXPECT_EQ(rules[0].description, "https");
  EXPECT_EQ(rules[0].location, (SourceLocation{"t.yaml", 8, 11}));
  EXPECT_EQ(rules[0].cidr_location, (SourceLocation{"t.yaml", 11, 19}));
  EXPECT_EQ(rules[1].protocol, "-1");
  EXPECT_EQ(rules[1].from_port, -1);
  EXPECT_EQ(rules[1].cidr, "::/0");
  EXPECT_EQ(rules[2].protocol, "tcp");
  EXPECT_EQ(rules[2].peer_group, imported.IndexOf("Admin"));
  EXPECT_EQ(rules[2].cidr, "");
  EXPECT_FALSE(rules[3].ingress);
  EXPECT_EQ(rules[3].protocol, "udp");
  EXPECT_EQ(rules[3].prefix_list, "pl-1234");
  EXPECT_TRUE(imported.diagnostics.empty());
}

TEST(CloudFormationNetworkTest, StandaloneRulesAttachToTheirGroup) {
  ASSERT_OK_AND_ASSIGN(Imported imported, ImportTemplate(R"(
Parameters:
  ExistingGroup: {Type: "AWS::EC2::SecurityGroup::Id"}
Resources:
  Db:
    Type: AWS::EC2::SecurityGroup
    Properties: {GroupDescription: db}
  App:
    Type: AWS::EC2::SecurityGroup
    Properties: {GroupDescription: app}
  DbFromApp:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !GetAtt Db.GroupId
      IpProtocol: tcp
      FromPort: 5432
      ToPort: 5432
      SourceSecurityGroupId: !Ref App
  AppOut:
    Type: AWS::EC2::SecurityGroupEgress
    Properties:
      GroupId: {"Ref": "App"}
      IpProtocol: tcp
      FromPort: 5432
      ToPort: 5432
      DestinationSecurityGroupId: !Ref ExistingGroup
  Elsewhere:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !Ref ExistingGroup
      IpProtocol: tcp
      FromPort: 80
      ToPort: 80
      SourceSecurityGroupId: sg-0123
)"));
  const std::vector<SecurityGroupRule>& rules =
      imported.model.security_group_rules();
  ASSERT_EQ(rules.size(), 5u);
  // Then AWS's default egress of Db and App (cloudformation_topology.cc):
  // a standalone egress rule does not remove it.
  EXPECT_TRUE(rules[3].implicit_default);
  EXPECT_EQ(rules[4].group, imported.IndexOf("App"));
  EXPECT_TRUE(rules[4].implicit_default);
  EXPECT_EQ(rules[0].group, imported.IndexOf("Db"));
  EXPECT_EQ(rules[0].peer_group, imported.IndexOf("App"));
  EXPECT_EQ(rules[0].location, (SourceLocation{"t.yaml", 11, 3}));
  EXPECT_EQ(rules[1].group, imported.IndexOf("App"));
  EXPECT_FALSE(rules[1].ingress);
  EXPECT_EQ(rules[1].peer_group, kNoResource);
  EXPECT_EQ(rules[1].peer_group_id, "${ExistingGroup}");
  EXPECT_EQ(rules[2].group, kNoResource);
  EXPECT_EQ(rules[2].peer_group_id, "sg-0123");
  std::vector<Diagnostic> notes = imported.WithCode("symbolic-value");
  ASSERT_EQ(notes.size(), 2u);
  EXPECT_EQ(notes[0].location, (SourceLocation{"t.yaml", 26, 35}));
  EXPECT_EQ(notes[1].location, (SourceLocation{"t.yaml", 30, 16}));
  EXPECT_THAT(notes[1].message, ::testing::HasSubstr("\"Elsewhere\""));
}

TEST(CloudFormationNetworkTest, SymbolicCidrsUseParameterDefaults) {
  ASSERT_OK_AND_ASSIGN(Imported imported, ImportTemplate(R"(
Parameters:
  SSHLocation: {Type: String, Default: 10.1.0.0/16}
  Open: {Type: String}
Resources:
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: ssh
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !Ref SSHLocation}
        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !Ref Open}
        - !If
          - HasV6
          - {IpProtocol: tcp, FromPort: 80, ToPort: 80, CidrIpv6: "::/0"}
          - !Ref AWS::NoValue
Conditions:
  HasV6: !Equals [!Ref AWS::Region, eu-west-1]  # undecided
)"));
  const std::vector<SecurityGroupRule>& rules =
      imported.model.security_group_rules();
  ASSERT_EQ(rules.size(), 4u);  // and the implicit default egress
  EXPECT_EQ(rules[0].cidr, "10.1.0.0/16");
  EXPECT_EQ(rules[0].cidr_location, (SourceLocation{"t.yaml", 11, 63}));
  EXPECT_EQ(rules[1].cidr, "");
  EXPECT_EQ(rules[2].cidr, "::/0");
  std::vector<Diagnostic> notes = imported.WithCode("symbolic-value");
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0].location, (SourceLocation{"t.yaml", 12, 63}));
  EXPECT_THAT(notes[0].message, ::testing::HasSubstr("CidrIp"));
  EXPECT_THAT(notes[0].message, ::testing::HasSubstr("${Open}"));
}

TEST(CloudFormationNetworkTest, HostBitsAreNormalizedWithAWarning) {
  ASSERT_OK_AND_ASSIGN(Imported imported, ImportTemplate(R"(
Parameters:
  SSHLocation: {Type: String, Default: 192.168.1.0/0}
Resources:
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: ssh
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !Ref SSHLocation}
        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIpv6: "2001:db8::1/32"}
)"));
  const std::vector<SecurityGroupRule>& rules =
      imported.model.security_group_rules();
  ASSERT_EQ(rules.size(), 3u);  // and the implicit default egress
  EXPECT_EQ(rules[0].cidr, "0.0.0.0/0");
  EXPECT_EQ(rules[0].cidr_location, (SourceLocation{"t.yaml", 10, 63}));
  EXPECT_EQ(rules[1].cidr, "2001:db8::/32");
  std::vector<Diagnostic> warnings = imported.WithCode("cidr-host-bits");
  ASSERT_EQ(warnings.size(), 2u);
  EXPECT_EQ(warnings[0].level, Diagnostic::Level::kWarning);
  // Where the value is used: a parameter's value is located at its Ref.
  EXPECT_EQ(warnings[0].location, (SourceLocation{"t.yaml", 10, 63}));
  EXPECT_EQ(warnings[0].message,
            R"(CidrIp "192.168.1.0/0" has host bits set; AWS uses 0.0.0.0/0)");
}

// A bad rule is an error at the value; the rule is left out and the rest of
// the template is still read. A malformed list is still a load error.
TEST(CloudFormationNetworkTest, RuleErrors) {
  auto rule = [](const std::string& body) {
    return ImportTemplate(
        "Resources:\n  Sg:\n    Type: AWS::EC2::SecurityGroup\n"
        "    Properties:\n      SecurityGroupIngress:\n        - " +
        body + "\n");
  };
  ExpectInvalidValue(
      rule("{IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 300.1.1.1/8}"),
      6, 63, R"(CidrIp "300.1.1.1/8" is not a valid IPv4 CIDR)");
  ExpectInvalidValue(rule("{IpProtocol: tcp, CidrIp: \"::/0\"}"), 6, 37,
                     R"(CidrIp "::/0" is not a valid IPv4 CIDR)");
  ExpectInvalidValue(rule("{IpProtocol: tcp, CidrIpv6: 10.0.0.0/8}"), 6, 39,
                     "is not a valid IPv6 CIDR");
  ExpectInvalidValue(
      rule("{IpProtocol: tcpp, CidrIp: 10.0.0.0/8}"), 6, 24,
      R"(IpProtocol must be tcp, udp, icmp, icmpv6, -1 or a protocol number, found "tcpp")");
  ExpectInvalidValue(rule("{FromPort: 1, CidrIp: 10.0.0.0/8}"), 6, 11,
                     "security group rule has no IpProtocol");
  ExpectInvalidValue(
      rule("{IpProtocol: tcp, FromPort: http, CidrIp: 1.0.0.0/8}"), 6, 39,
      R"(FromPort must be a port number (-1 to 65535), found "http")");
  ExpectInvalidValue(rule("{IpProtocol: tcp, FromPort: 90, ToPort: 80, CidrIp: "
                          "1.0.0.0/8}"),
                     6, 29, "FromPort 90 is greater than ToPort 80");
  ExpectInvalidValue(rule("{IpProtocol: tcp, FromPort: 80, ToPort: 80}"), 6, 11,
                     "security group rule has no peer");
  ExpectInvalidValue(rule("{IpProtocol: tcp, CidrIp: 1.0.0.0/8, "
                          "SourcePrefixListId: pl-1}"),
                     6, 48,
                     "security group rule has both CidrIp and "
                     "SourcePrefixListId");
  ExpectInvalidValue(rule("text"), 6, 11,
                     "a security group rule must be an object, found string");
  ASSERT_OK_AND_ASSIGN(Imported imported,
                       rule("{IpProtocol: tcpp, CidrIp: 10.0.0.0/8}\n  Other:\n"
                            "    Type: AWS::EC2::SecurityGroup"));
  ASSERT_EQ(imported.model.security_groups().size(), 2u);
  for (const SecurityGroupRule& read : imported.model.security_group_rules()) {
    EXPECT_TRUE(read.implicit_default);  // only AWS's default egress remains
  }
  ExpectInputError(
      ImportTemplate("Resources:\n  Sg:\n    Type: AWS::EC2::SecurityGroup\n"
                     "    Properties:\n      SecurityGroupIngress: {}\n")
          .status(),
      5, 29, "SecurityGroupIngress must be an array, found object");
}

}  // namespace
}  // namespace polygraph::ingest
