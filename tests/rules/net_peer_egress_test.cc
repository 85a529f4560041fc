#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/net/net_testing.h"
#include "tests/rules/rules_testing.h"

namespace polygraph::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::SizeIs;

// Two subnets of one VPC: a load balancer (group Alb) in the first, an
// instance (group App) in the second; App admits tcp 3000 from Alb.
struct Chain {
  NetBuilder net;
  size_t vpc = 0;
  size_t web = 0;
  size_t app_subnet = 0;
  size_t alb = 0;
  size_t app = 0;

  explicit Chain(bool default_egress, bool members = true) {
    vpc = net.Vpc("Vpc", "10.0.0.0/16");
    web = net.SubnetIn("WebSubnet", vpc, "10.0.0.0/24");
    app_subnet = net.SubnetIn("AppSubnet", vpc, "10.0.10.0/24");
    alb = net.Group("Alb", vpc, default_egress);
    app = net.Group("App", vpc, default_egress);
    net.AddRule(PeerRule(app, /*ingress=*/true, "tcp", 3000, 3000, alb));
    if (members) {
      size_t lb = net.Instance("Lb", {web}, {alb}, /*public_ip=*/true,
                               WorkloadKind::kLoadBalancer);
      net.WorkloadOf(lb).listeners.push_back(
          {.protocol = "tcp", .port = 443, .location = net.Next()});
      net.Instance("Server", {app_subnet}, {app}, /*public_ip=*/false);
    }
  }

  SecurityGroupRule PeerRule(size_t group, bool ingress, std::string protocol,
                             int from, int to, size_t peer) {
    SecurityGroupRule rule =
        net.Rule(group, ingress, std::move(protocol), from, to, "");
    rule.peer_group = peer;
    return rule;
  }

  std::vector<Finding> Run() && {
    Model model = std::move(net).Build();
    return RunRule("PG-NET-002", model);
  }
};

SourceLocation LineOf(int line) { return {"net.yaml", line, 3}; }

TEST(NetPeerEgressTest, PeerWithoutEgressIsReported) {
  Chain chain(/*default_egress=*/false);
  std::vector<Finding> findings = std::move(chain).Run();
  ASSERT_THAT(findings, SizeIs(1));
  const Finding& finding = findings[0];
  EXPECT_EQ(finding.rule_id, "PG-NET-002");
  EXPECT_EQ(finding.severity, Severity::kHigh);
  EXPECT_EQ(finding.resource, "Alb");
  // Alb's declaration: the VPC takes lines 1-2, the subnets 3-6.
  EXPECT_EQ(finding.location, LineOf(7));
  EXPECT_EQ(finding.message,
            "security group Alb has no egress rule, so load balancer Lb "
            "cannot open connections to App on tcp/3000");
  EXPECT_EQ(finding.fix,
            "add to the SecurityGroupEgress of Alb: { IpProtocol: tcp, "
            "FromPort: 3000, ToPort: 3000, DestinationSecurityGroupId: "
            "!GetAtt App.GroupId }");
}

TEST(NetPeerEgressTest, DefaultEgressPasses) {
  Chain chain(/*default_egress=*/true);
  EXPECT_THAT(std::move(chain).Run(), IsEmpty());
}

TEST(NetPeerEgressTest, EgressToThePeerGroupPasses) {
  Chain chain(/*default_egress=*/false);
  chain.net.AddRule(chain.PeerRule(chain.alb, /*ingress=*/false, "tcp", 3000,
                                   3000, chain.app));
  EXPECT_THAT(std::move(chain).Run(), IsEmpty());
}

TEST(NetPeerEgressTest, EgressOnAnotherPortNamesThePort) {
  Chain chain(/*default_egress=*/false);
  chain.net.AddRule(chain.PeerRule(chain.alb, /*ingress=*/false, "tcp", 8080,
                                   8080, chain.app));
  std::vector<Finding> findings = std::move(chain).Run();
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_THAT(findings[0].message,
              HasSubstr("security group Alb has no egress rule allowing "
                        "tcp/3000 to App"));
}

TEST(NetPeerEgressTest, PartialEgressRangeIsReported) {
  Chain chain(/*default_egress=*/false);
  chain.net.AddRule(chain.PeerRule(chain.alb, /*ingress=*/false, "tcp", 3000,
                                   3000, chain.app));
  chain.net.AddRule(chain.PeerRule(chain.app, /*ingress=*/true, "tcp", 3000,
                                   3001, chain.alb));
  std::vector<Finding> findings = std::move(chain).Run();
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_THAT(findings[0].message, HasSubstr("tcp/3000-3001"));
}

TEST(NetPeerEgressTest, EgressByCidrCoveringTheSubnetPasses) {
  Chain chain(/*default_egress=*/false);
  chain.net.AddRule(chain.net.Rule(chain.alb, /*ingress=*/false, "tcp", 3000,
                                   3000, "10.0.10.0/24"));
  EXPECT_THAT(std::move(chain).Run(), IsEmpty());
}

TEST(NetPeerEgressTest, NetworkAclStopIsReportedAtTheEntry) {
  Chain chain(/*default_egress=*/true);
  size_t acl = chain.net.Acl("AppAcl", chain.vpc);
  chain.net.Entry(acl, 100, /*egress=*/false, "tcp", 22, 22, "10.0.0.0/16",
                  /*allow=*/true);
  chain.net.Entry(acl, 100, /*egress=*/true, "-1", -1, -1, "0.0.0.0/0",
                  /*allow=*/true);
  chain.net.AssociateAcl(acl, chain.app_subnet);
  std::vector<Finding> findings = std::move(chain).Run();
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_THAT(findings[0].message, HasSubstr("network-acl-inbound AppAcl"));
  EXPECT_THAT(findings[0].message, HasSubstr("default deny"));
  EXPECT_THAT(findings[0].fix, HasSubstr("through network-acl-inbound AppAcl"));
}

TEST(NetPeerEgressTest, WithoutMembersDecidesFromTheRules) {
  Chain chain(/*default_egress=*/false, /*members=*/false);
  std::vector<Finding> findings = std::move(chain).Run();
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_THAT(findings[0].message,
              HasSubstr("security group Alb has no egress rule, so its "
                        "members cannot open connections to App on "
                        "tcp/3000"));
  EXPECT_THAT(findings[0].message,
              HasSubstr("decided from the groups' rules: Alb has no member "
                        "workloads"));
}

TEST(NetPeerEgressTest, WithoutMembersEgressToTheGroupPasses) {
  Chain chain(/*default_egress=*/false, /*members=*/false);
  chain.net.AddRule(
      chain.PeerRule(chain.alb, /*ingress=*/false, "tcp", 0, 65535, chain.app));
  EXPECT_THAT(std::move(chain).Run(), IsEmpty());
}

TEST(NetPeerEgressTest, WithoutMembersEgressToTheVpcPasses) {
  Chain chain(/*default_egress=*/false, /*members=*/false);
  chain.net.AddRule(
      chain.net.Rule(chain.alb, /*ingress=*/false, "-1", -1, -1, "10.0.0.0/8"));
  EXPECT_THAT(std::move(chain).Run(), IsEmpty());
}

TEST(NetPeerEgressTest, WithoutMembersEgressElsewhereIsReported) {
  Chain chain(/*default_egress=*/false, /*members=*/false);
  chain.net.AddRule(chain.net.Rule(chain.alb, /*ingress=*/false, "-1", -1, -1,
                                   "192.168.0.0/16"));
  std::vector<Finding> findings = std::move(chain).Run();
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_THAT(findings[0].message,
              HasSubstr("has no egress rule allowing tcp/3000 to App"));
}

TEST(NetPeerEgressTest, TerraformFixIsAnEgressBlock) {
  ModelBuilder builder;
  Resource alb =
      MakeResource("aws_security_group.alb", ResourceKind::kSecurityGroup,
                   "aws_security_group", 2, SourceFormat::kTerraform);
  Resource app =
      MakeResource("aws_security_group.app", ResourceKind::kSecurityGroup,
                   "aws_security_group", 20, SourceFormat::kTerraform);
  size_t a = builder.AddResource(std::move(alb));
  size_t b = builder.AddResource(std::move(app));
  for (size_t g : {a, b}) {
    builder.AddSecurityGroup({.resource = g,
                              .vpc = kNoResource,
                              .vpc_id = "",
                              .default_egress = false,
                              .location = At(2, 3)});
  }
  SecurityGroupRule rule = IngressRule(b, "tcp", 3000, 3000, "", 22);
  rule.peer_group = a;
  builder.AddSecurityGroupRule(std::move(rule));
  Model model = std::move(builder).Build();
  std::vector<Finding> findings = RunRule("PG-NET-002", model);
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].location, At(2, 3));
  EXPECT_EQ(findings[0].fix,
            "add to aws_security_group.alb: egress { from_port = 3000; "
            "to_port = 3000; protocol = \"tcp\"; security_groups = "
            "[aws_security_group.app.id] }");
}

TEST(NetPeerEgressTest, CidrPeersAreNotThisRule) {
  Chain chain(/*default_egress=*/false, /*members=*/false);
  chain.net.Ingress(chain.app, "tcp", 22, 22, "10.0.0.0/16");
  std::vector<Finding> findings = std::move(chain).Run();
  EXPECT_THAT(findings, SizeIs(1));
  for (const Finding& f : findings) {
    EXPECT_THAT(f.message, Not(HasSubstr("tcp/22")));
  }
}

}  // namespace
}  // namespace polygraph::testing
