// The assume-role and trust-update techniques (escalation_assume_role.cc):
// the minimal policy that enables each, and a condition, resource
// restriction, Deny or boundary that disables it.

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
using ::polygraph::iam::testing::Statements;
using ::polygraph::iam::testing::Trust;
using ::polygraph::iam::testing::UserArn;
using ::testing::ElementsAre;
using ::testing::SizeIs;

// --- assume-role ---

TEST_F(EscalationTechniquesTest, AssumeRoleNeedsIdentityGrantAndTrust) {
  size_t alice = AddUser(
      "alice", Allow("Assume", R"("sts:AssumeRole")", RoleArn("Deploy")));
  size_t deploy = AddRole("Deploy");
  EscalationGraph graph = Graph();
  std::vector<EscalationEdge> edges =
      Edges(graph, alice, deploy, EscalationTechnique::kAssumeRole);
  ASSERT_THAT(edges, SizeIs(1));
  EXPECT_THAT(edges[0].actions, ElementsAre("sts:AssumeRole"));
  EXPECT_THAT(Sids(edges[0]), ElementsAre("Assume", "Trust"));
  EXPECT_EQ(edges[0].statements.front().role, PolicyRole::kIdentity);
  EXPECT_EQ(edges[0].statements.back().role, PolicyRole::kResource);
  EXPECT_EQ(edges[0].explanation,
            "user \"alice\" can assume role \"Deploy\" (sts:AssumeRole)");
  EXPECT_TRUE(edges[0].service.empty());
}

TEST_F(EscalationTechniquesTest, TrustNamingThePrincipalGrantsAlone) {
  size_t alice = AddUser("alice");
  size_t deploy =
      AddRole("Deploy", "", R"({"AWS": ")" + UserArn("alice") + R"("})");
  EscalationGraph graph = Graph();
  std::vector<EscalationEdge> edges =
      Edges(graph, alice, deploy, EscalationTechnique::kAssumeRole);
  ASSERT_THAT(edges, SizeIs(1));
  EXPECT_THAT(Sids(edges[0]), ElementsAre("Trust"));
}

TEST_F(EscalationTechniquesTest, TrustNotNamingThePrincipalDisables) {
  size_t alice = AddUser("alice", Allow("Assume", R"("sts:AssumeRole")", "*"));
  AddUser("bob");
  size_t deploy =
      AddRole("Deploy", "", R"({"AWS": ")" + UserArn("bob") + R"("})");
  EscalationGraph graph = Graph();
  EXPECT_THAT(Edges(graph, alice, deploy, EscalationTechnique::kAssumeRole),
              SizeIs(0));
}

TEST_F(EscalationTechniquesTest, AssumeRoleOnAnotherRoleOrDeniedDisables) {
  size_t alice = AddUser(
      "alice", Allow("Assume", R"("sts:AssumeRole")", RoleArn("Other")));
  size_t carol = AddUser("carol", Allow("Assume", R"("sts:AssumeRole")", "*") +
                                      R"(, {"Effect": "Deny", "Action": "sts:*",
                                   "Resource": "*"})");
  size_t deploy = AddRole("Deploy");
  AddRole("Other");
  EscalationGraph graph = Graph();
  EXPECT_THAT(Edges(graph, alice, deploy, EscalationTechnique::kAssumeRole),
              SizeIs(0));
  EXPECT_THAT(Edges(graph, carol, deploy, EscalationTechnique::kAssumeRole),
              SizeIs(0));
}

TEST_F(EscalationTechniquesTest, BoundaryOrTrustDenyDisablesAssumeRole) {
  size_t alice = AddUser("alice", Allow("Assume", R"("sts:AssumeRole")", "*"));
  account_.principals[alice].policies.permissions_boundary =
      std::vector<Policy>{Statements(Allow("Bound", R"("s3:*")", "*"))};
  size_t bob = AddUser("bob", Allow("Assume", R"("sts:AssumeRole")", "*"));
  size_t deploy = AddRole("Deploy");
  account_.principals[deploy].trust_policy = Statements(
      R"({"Sid": "Trust", "Effect": "Allow", "Action": "sts:AssumeRole",
          "Principal": {"AWS": "arn:aws:iam::111122223333:root"}},
         {"Sid": "NoBob", "Effect": "Deny", "Action": "sts:AssumeRole",
          "Principal": {"AWS": ")" +
      UserArn("bob") + R"("}})");
  size_t carol = AddUser("carol", Allow("Assume", R"("sts:AssumeRole")", "*"));
  EscalationGraph graph = Graph();
  EXPECT_THAT(Edges(graph, alice, deploy, EscalationTechnique::kAssumeRole),
              SizeIs(0));
  EXPECT_THAT(Edges(graph, bob, deploy, EscalationTechnique::kAssumeRole),
              SizeIs(0));
  EXPECT_THAT(Edges(graph, carol, deploy, EscalationTechnique::kAssumeRole),
              SizeIs(1));
}

// --- trust-update ---

TEST_F(EscalationTechniquesTest, TrustUpdateWithAssumeRoleEnables) {
  size_t ci = AddRole(
      "Ci",
      Allow("Trust", R"("iam:UpdateAssumeRolePolicy")", RoleArn("Deploy")) +
          ", " + Allow("Assume", R"("sts:AssumeRole")", RoleArn("*")));
  // Deploy trusts only Lambda: Ci cannot assume it until it rewrites it.
  size_t deploy = AddServiceRole("Deploy", "lambda.amazonaws.com");
  EscalationGraph graph = Graph();
  std::vector<EscalationEdge> edges =
      Edges(graph, ci, deploy, EscalationTechnique::kTrustUpdate);
  ASSERT_THAT(edges, SizeIs(1));
  EXPECT_THAT(edges[0].actions,
              ElementsAre("iam:UpdateAssumeRolePolicy", "sts:AssumeRole"));
  EXPECT_THAT(Sids(edges[0]), ElementsAre("Trust", "Assume"));
  EXPECT_THAT(Edges(graph, ci, deploy, EscalationTechnique::kAssumeRole),
              SizeIs(0));
}

TEST_F(EscalationTechniquesTest, TrustUpdateWithoutAssumeRoleDisables) {
  size_t ci = AddRole("Ci", Allow("Trust", R"("iam:UpdateAssumeRolePolicy")",
                                  RoleArn("Deploy")));
  size_t cd = AddRole(
      "Cd", Allow("Trust", R"("iam:UpdateAssumeRolePolicy")", RoleArn("*")) +
                ", " +
                Allow("Assume", R"("sts:AssumeRole")", RoleArn("Other")));
  size_t deploy = AddServiceRole("Deploy", "lambda.amazonaws.com");
  EscalationGraph graph = Graph();
  EXPECT_THAT(Edges(graph, ci, deploy, EscalationTechnique::kTrustUpdate),
              SizeIs(0));
  EXPECT_THAT(Edges(graph, cd, deploy, EscalationTechnique::kTrustUpdate),
              SizeIs(0));
}

}  // namespace
}  // namespace polygraph::iam
