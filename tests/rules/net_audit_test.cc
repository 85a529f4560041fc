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
using ::testing::SizeIs;

struct AclVpc {
  NetBuilder b;
  size_t vpc = b.Vpc("Vpc", "10.0.0.0/16");
  size_t subnet = b.SubnetIn("Public", vpc, "10.0.1.0/24");
  size_t acl = b.Acl("WebAcl", vpc);
  AclVpc() { b.AssociateAcl(acl, subnet); }
};

TEST(NetShadowedAclEntryTest, AllowShadowedByADeny) {
  AclVpc n;
  n.b.Entry(n.acl, 100, false, "tcp", 22, 22, "0.0.0.0/0", false);
  SourceLocation allow =
      n.b.Entry(n.acl, 110, false, "tcp", 22, 22, "10.0.0.0/8", true);
  n.b.Entry(n.acl, 100, true, "-1", -1, -1, "0.0.0.0/0", true);
  Model model = std::move(n.b).Build();
  std::vector<Finding> findings = RunRule("PG-NET-003", model);
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].rule_id, "PG-NET-003");
  EXPECT_EQ(findings[0].severity, Severity::kLow);
  EXPECT_EQ(findings[0].location, allow);
  EXPECT_EQ(findings[0].resource, "WebAcl");
  EXPECT_EQ(findings[0].message,
            "network ACL \"WebAcl\" inbound rule 110 allow tcp 22 from "
            "10.0.0.0/8 never matches: the earlier entry rule 100 deny tcp 22 "
            "from 0.0.0.0/0 matches all of its packets first");
  EXPECT_THAT(findings[0].fix, HasSubstr("a rule number lower than rule 100"));
}

TEST(NetShadowedAclEntryTest, NothingShadowed) {
  AclVpc n;
  n.b.Entry(n.acl, 100, false, "tcp", 22, 22, "10.0.0.0/8", true);
  n.b.Entry(n.acl, 110, false, "tcp", 0, 65535, "0.0.0.0/0", false);
  Model model = std::move(n.b).Build();
  EXPECT_THAT(RunRule("PG-NET-003", model), IsEmpty());
}

TEST(NetRedundantSgRuleTest, LaterOfTwoIdenticalRules) {
  NetBuilder b;
  size_t vpc = b.Vpc("Vpc", "10.0.0.0/16");
  size_t group = b.Group("AppSG", vpc, /*default_egress=*/false);
  b.Ingress(group, "tcp", 8080, 8080, "10.0.0.0/16");
  SourceLocation second = b.Ingress(group, "tcp", 8080, 8080, "10.0.0.0/16");
  Model model = std::move(b).Build();
  std::vector<Finding> findings = RunRule("PG-NET-004", model);
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].location, second);
  EXPECT_EQ(findings[0].resource, "AppSG");
  EXPECT_EQ(findings[0].message,
            "security group \"AppSG\" rule ingress tcp 8080 from 10.0.0.0/16 "
            "is redundant: the rule ingress tcp 8080 from 10.0.0.0/16 already "
            "admits all of it");
  EXPECT_EQ(findings[0].fix,
            "delete ingress tcp 8080 from 10.0.0.0/16: what the group admits "
            "stays the same");
}

TEST(NetAclBlocksReturnTest, InboundHttpsWithoutOutboundReplies) {
  AclVpc n;
  SourceLocation https =
      n.b.Entry(n.acl, 100, false, "tcp", 443, 443, "0.0.0.0/0", true);
  n.b.Entry(n.acl, 110, false, "tcp", 1024, 65535, "0.0.0.0/0", true);
  n.b.Entry(n.acl, 100, true, "tcp", 443, 443, "0.0.0.0/0", true);
  Model model = std::move(n.b).Build();
  std::vector<Finding> findings = RunRule("PG-NET-005", model);
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].severity, Severity::kHigh);
  EXPECT_EQ(findings[0].location, https);
  EXPECT_EQ(findings[0].resource, "WebAcl");
  EXPECT_THAT(findings[0].message,
              HasSubstr("inbound rule 100 allow tcp 443 from 0.0.0.0/0 admits "
                        "traffic whose replies outbound denies (default deny "
                        "(*)): tcp ports 1024-65535"));
  EXPECT_THAT(findings[0].fix, HasSubstr("add an outbound allow entry"));
}

TEST(NetAclBlocksReturnTest, DefaultAclAndOpenAclsPass) {
  AclVpc n;
  n.b.Entry(n.acl, 100, false, "-1", -1, -1, "0.0.0.0/0", true);
  n.b.Entry(n.acl, 100, true, "-1", -1, -1, "0.0.0.0/0", true);
  Model model = std::move(n.b).Build();
  EXPECT_THAT(RunRule("PG-NET-005", model), IsEmpty());
  EXPECT_THAT(RunRule("PG-NET-003", model), IsEmpty());
}

TEST(NetAuditTest, TerraformFixesNameTerraformArguments) {
  AclVpc n;
  n.b.Entry(n.acl, 100, false, "tcp", 443, 443, "0.0.0.0/0", true);
  n.b.Entry(n.acl, 100, true, "tcp", 443, 443, "0.0.0.0/0", true);
  n.b.builder().SetResourceOrigin(n.acl, "aws_network_acl.web",
                                  "aws_network_acl", SourceFormat::kTerraform);
  size_t group = n.b.Group("AppSG", n.vpc, /*default_egress=*/false);
  n.b.Ingress(group, "tcp", 8080, 8080, "10.0.0.0/16");
  n.b.Ingress(group, "tcp", 8080, 8080, "10.0.0.0/16");
  n.b.builder().SetResourceOrigin(group, "aws_security_group.app",
                                  "aws_security_group",
                                  SourceFormat::kTerraform);
  Model model = std::move(n.b).Build();
  // Inbound 443 gets no outbound replies, outbound 443 no inbound ones.
  std::vector<Finding> blocked = RunRule("PG-NET-005", model);
  ASSERT_THAT(blocked, SizeIs(2));
  std::string fixes = blocked[0].fix + "\n" + blocked[1].fix;
  EXPECT_THAT(fixes,
              HasSubstr("add to aws_network_acl.web an egress block (or an "
                        "aws_network_acl_rule with egress = true) with action "
                        "= \"allow\" and a rule_no lower than any deny"));
  EXPECT_THAT(fixes,
              HasSubstr("add to aws_network_acl.web an ingress block (or an "
                        "aws_network_acl_rule with egress = false)"));
  std::vector<Finding> redundant = RunRule("PG-NET-004", model);
  ASSERT_THAT(redundant, SizeIs(1));
  EXPECT_THAT(redundant[0].fix, HasSubstr("(its ingress or egress block in "
                                          "aws_security_group.app, or its "
                                          "aws_security_group_rule"));
}

}  // namespace
}  // namespace polygraph::testing
