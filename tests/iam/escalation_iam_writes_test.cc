// The credentials, policy-write and policy-version techniques
// (escalation_iam_writes.cc): the minimal policy that enables each, and a
// condition, resource restriction or Deny that disables it.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "polygraph/iam_escalation.h"
#include "tests/iam/escalation_test_util.h"

namespace polygraph::iam {
namespace {

using ::polygraph::iam::testing::Allow;
using ::polygraph::iam::testing::EscalationTechniquesTest;
using ::polygraph::iam::testing::RoleArn;
using ::polygraph::iam::testing::Sids;
using ::polygraph::iam::testing::UserArn;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::SizeIs;

// --- credentials ---

class CredentialsTest : public EscalationTechniquesTest,
                        public ::testing::WithParamInterface<std::string> {};

TEST_P(CredentialsTest, ActionOnTheUserEnables) {
  size_t ops =
      AddUser("ops", Allow("Keys", "\"" + GetParam() + "\"", UserArn("admin")));
  size_t admin = AddUser("admin");
  EscalationGraph graph = Graph();
  std::vector<EscalationEdge> edges =
      Edges(graph, ops, admin, EscalationTechnique::kCredentials);
  ASSERT_THAT(edges, SizeIs(1));
  EXPECT_THAT(edges[0].actions, ElementsAre(GetParam()));
  EXPECT_THAT(Sids(edges[0]), ElementsAre("Keys"));
  EXPECT_EQ(edges[0].explanation,
            "user \"ops\" can create credentials for "
            "user \"admin\" (" +
                GetParam() + ") and sign in as it");
}

TEST_P(CredentialsTest, ResourceOfAnotherUserOrMfaConditionDisables) {
  size_t ops =
      AddUser("ops", Allow("Keys", "\"" + GetParam() + "\"", UserArn("ops")));
  size_t dev = AddUser(
      "dev", Allow("Keys", "\"" + GetParam() + "\"", "*",
                   R"({"Bool": {"aws:MultiFactorAuthPresent": "true"}})"));
  size_t admin = AddUser("admin");
  EscalationGraph graph = Graph();
  EXPECT_THAT(Edges(graph, ops, admin, EscalationTechnique::kCredentials),
              SizeIs(0));
  EXPECT_THAT(Edges(graph, dev, admin, EscalationTechnique::kCredentials),
              SizeIs(0));
}

INSTANTIATE_TEST_SUITE_P(Actions, CredentialsTest,
                         ::testing::Values("iam:CreateAccessKey",
                                           "iam:CreateLoginProfile",
                                           "iam:UpdateLoginProfile"),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return info.param.substr(4);
                         });

// --- policy-write ---

class PolicyWriteTest : public EscalationTechniquesTest,
                        public ::testing::WithParamInterface<std::string> {};

TEST_P(PolicyWriteTest, RoleActionOnTheRoleEnables) {
  size_t ci = AddRole(
      "Ci", Allow("Write", "\"" + GetParam() + "\"", RoleArn("Deploy")));
  size_t deploy = AddRole("Deploy");
  EscalationGraph graph = Graph();
  std::vector<EscalationEdge> edges =
      Edges(graph, ci, deploy, EscalationTechnique::kPolicyWrite);
  ASSERT_THAT(edges, SizeIs(1));
  EXPECT_THAT(edges[0].actions, ElementsAre(GetParam()));
  EXPECT_THAT(Sids(edges[0]), ElementsAre("Write"));
  EXPECT_EQ(edges[0].explanation,
            "role \"Ci\" can write the policies of role \"Deploy\" (" +
                GetParam() + ")");
}

TEST_P(PolicyWriteTest, RoleActionOnItselfIsASelfEdge) {
  size_t ci =
      AddRole("Ci", Allow("Write", "\"" + GetParam() + "\"", RoleArn("Ci")));
  EscalationGraph graph = Graph();
  std::vector<EscalationEdge> edges =
      Edges(graph, ci, ci, EscalationTechnique::kPolicyWrite);
  ASSERT_THAT(edges, SizeIs(1));
  EXPECT_THAT(edges[0].explanation,
              HasSubstr("its own policies (" + GetParam() +
                        ") and make itself an administrator"));
}

TEST_P(PolicyWriteTest, ResourceOfAnotherRoleOrPolicyArnConditionDisables) {
  size_t ci =
      AddRole("Ci", Allow("Write", "\"" + GetParam() + "\"", RoleArn("Other")));
  size_t cd = AddRole(
      "Cd",
      Allow("Write", "\"" + GetParam() + "\"", "*",
            R"({"StringEquals": {"aws:PrincipalTag/team": "platform"}})"));
  size_t deploy = AddRole("Deploy");
  AddRole("Other");
  EscalationGraph graph = Graph();
  EXPECT_THAT(Edges(graph, ci, deploy, EscalationTechnique::kPolicyWrite),
              SizeIs(0));
  EXPECT_THAT(Edges(graph, cd, deploy, EscalationTechnique::kPolicyWrite),
              SizeIs(0));
}

INSTANTIATE_TEST_SUITE_P(RoleActions, PolicyWriteTest,
                         ::testing::Values("iam:PutRolePolicy",
                                           "iam:AttachRolePolicy"),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return info.param.substr(4);
                         });

TEST_F(EscalationTechniquesTest, UserPolicyWriteEnablesAndDenyDisables) {
  size_t ops = AddUser(
      "ops", Allow("Write", R"(["iam:PutUserPolicy", "iam:AttachUserPolicy"])",
                   UserArn("*")));
  size_t dev = AddUser(
      "dev", Allow("Write", R"("iam:PutUserPolicy")", "*") +
                 R"(, {"Effect": "Deny", "Action": "iam:*", "Resource": ")" +
                 UserArn("admin") + R"("})");
  size_t admin = AddUser("admin");
  EscalationGraph graph = Graph();
  std::vector<EscalationEdge> edges =
      Edges(graph, ops, admin, EscalationTechnique::kPolicyWrite);
  ASSERT_THAT(edges, SizeIs(1));
  EXPECT_THAT(edges[0].actions,
              ElementsAre("iam:PutUserPolicy", "iam:AttachUserPolicy"));
  // ops may also write its own policies: a self edge.
  EXPECT_THAT(Edges(graph, ops, ops, EscalationTechnique::kPolicyWrite),
              SizeIs(1));
  EXPECT_THAT(Edges(graph, dev, admin, EscalationTechnique::kPolicyWrite),
              SizeIs(0));
  EXPECT_THAT(Edges(graph, dev, ops, EscalationTechnique::kPolicyWrite),
              SizeIs(1));
}

TEST_F(EscalationTechniquesTest, GroupPolicyWriteOnAGroupOfTheUser) {
  size_t ops =
      AddUser("ops", Allow("Group",
                           R"(["iam:PutGroupPolicy", "iam:AttachGroupPolicy"])",
                           "arn:aws:iam::111122223333:group/Admins"));
  size_t admin = AddUser("admin", "", {"Admins"});
  size_t dev = AddUser("dev", "", {"Developers"});
  EscalationGraph graph = Graph();
  std::vector<EscalationEdge> edges =
      Edges(graph, ops, admin, EscalationTechnique::kPolicyWrite);
  ASSERT_THAT(edges, SizeIs(1));
  EXPECT_THAT(edges[0].actions,
              ElementsAre("iam:PutGroupPolicy", "iam:AttachGroupPolicy"));
  EXPECT_THAT(edges[0].explanation,
              HasSubstr("the policies of group \"Admins\" of user \"admin\""));
  // The grant names another group: no edge to dev.
  EXPECT_THAT(Edges(graph, ops, dev, EscalationTechnique::kPolicyWrite),
              SizeIs(0));
}

TEST_F(EscalationTechniquesTest, AddingItselfToAGroupIsASelfEdge) {
  size_t ops = AddUser("ops", Allow("Join", R"("iam:AddUserToGroup")",
                                    "arn:aws:iam::111122223333:group/Admins"));
  size_t dev = AddUser("dev",
                       Allow("Join", R"("iam:AddUserToGroup")",
                             "arn:aws:iam::111122223333:group/Admins"),
                       {"Admins"});
  size_t limited =
      AddUser("limited", Allow("Join", R"("iam:AddUserToGroup")",
                               "arn:aws:iam::111122223333:group/ReadOnly"));
  AddUser("admin", "", {"Admins"});
  EscalationGraph graph = Graph();
  std::vector<EscalationEdge> edges =
      Edges(graph, ops, ops, EscalationTechnique::kPolicyWrite);
  ASSERT_THAT(edges, SizeIs(1));
  EXPECT_THAT(edges[0].actions, ElementsAre("iam:AddUserToGroup"));
  EXPECT_THAT(edges[0].explanation, HasSubstr("joining \"Admins\""));
  // dev is already in Admins; limited may join only a group nobody has.
  EXPECT_THAT(Edges(graph, dev, dev, EscalationTechnique::kPolicyWrite),
              SizeIs(0));
  EXPECT_THAT(Edges(graph, limited, limited, EscalationTechnique::kPolicyWrite),
              SizeIs(0));
}

// --- policy-version ---

TEST_F(EscalationTechniquesTest, PolicyVersionReachesManagedPolicyHolders) {
  size_t ci = AddRole("Ci", Allow("Version", R"("iam:CreatePolicyVersion")",
                                  "arn:aws:iam::111122223333:policy/*"));
  size_t deploy = AddRole("Deploy", Allow("S3", R"("s3:GetObject")", "*"));
  account_.principals[deploy].identity_sources[0].label =
      "managed policy \"DeployPolicy\"";
  size_t inline_only = AddRole("Inline", Allow("S3", R"("s3:GetObject")", "*"));
  EscalationGraph graph = Graph();
  std::vector<EscalationEdge> edges =
      Edges(graph, ci, deploy, EscalationTechnique::kPolicyVersion);
  ASSERT_THAT(edges, SizeIs(1));
  EXPECT_THAT(edges[0].actions, ElementsAre("iam:CreatePolicyVersion"));
  EXPECT_THAT(Sids(edges[0]), ElementsAre("Version"));
  EXPECT_THAT(
      Edges(graph, ci, inline_only, EscalationTechnique::kPolicyVersion),
      SizeIs(0));
}

TEST_F(EscalationTechniquesTest, PolicyVersionOnOneNamedPolicyDisables) {
  size_t ci =
      AddRole("Ci", Allow("Version", R"("iam:SetDefaultPolicyVersion")",
                          "arn:aws:iam::111122223333:policy/OnlyThisOne"));
  size_t deploy = AddRole("Deploy", Allow("S3", R"("s3:GetObject")", "*"));
  account_.principals[deploy].identity_sources[0].label =
      "managed policy \"DeployPolicy\"";
  EscalationGraph graph = Graph();
  EXPECT_THAT(Edges(graph, ci, deploy, EscalationTechnique::kPolicyVersion),
              SizeIs(0));
}

TEST_F(EscalationTechniquesTest, PolicyVersionOnItsOwnPolicyIsASelfEdge) {
  size_t ci =
      AddRole("Ci", Allow("Version", R"("iam:SetDefaultPolicyVersion")", "*"));
  account_.principals[ci].identity_sources[0].label =
      "managed policy \"CiPolicy\"";
  EscalationGraph graph = Graph();
  std::vector<EscalationEdge> edges =
      Edges(graph, ci, ci, EscalationTechnique::kPolicyVersion);
  ASSERT_THAT(edges, SizeIs(1));
  EXPECT_THAT(edges[0].explanation, HasSubstr("make itself an administrator"));
}

}  // namespace
}  // namespace polygraph::iam
