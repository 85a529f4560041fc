// The escalation graph: its adjacency and searches (WhoCanReach, Paths,
// AdminReaches) over accounts built by hand.

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "polygraph/document.h"
#include "polygraph/iam_effective.h"
#include "polygraph/iam_escalation.h"
#include "tests/testing.h"

namespace polygraph::iam {
namespace {

using ::polygraph::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

std::string RoleArn(const std::string& name) {
  return "arn:aws:iam::111122223333:role/" + name;
}

Policy ParseOrDie(const std::string& text) {
  absl::StatusOr<Value> document = ParseJson(text, "policy.json");
  EXPECT_TRUE(document.ok()) << document.status();
  absl::StatusOr<Policy> policy = ParsePolicy(*document, {});
  EXPECT_TRUE(policy.ok()) << policy.status();
  return *policy;
}

Policy Statements(const std::string& statements) {
  return ParseOrDie(R"({"Version": "2012-10-17", "Statement": [)" + statements +
                    "]}");
}

// An Allow of sts:AssumeRole on each of `targets`.
std::string AssumeOf(const std::vector<std::string>& targets) {
  std::string resources;
  for (const std::string& target : targets) {
    if (!resources.empty()) resources += ", ";
    resources += "\"" + RoleArn(target) + "\"";
  }
  return R"({"Sid": "Assume", "Effect": "Allow", "Action": "sts:AssumeRole",
             "Resource": [)" +
         resources + "]}";
}

constexpr char kAdminStatement[] =
    R"({"Sid": "Admin", "Effect": "Allow", "Action": "*", "Resource": "*"})";

class EscalationGraphTest : public ::testing::Test {
 protected:
  // A role trusting the account, with `statements` as its inline policy.
  size_t AddRole(const std::string& name, const std::string& statements) {
    AccountPrincipal role;
    role.kind = PrincipalKind::kRole;
    role.name = name;
    role.arn = RoleArn(name);
    if (!statements.empty()) {
      role.policies.identity.push_back(Statements(statements));
      role.identity_sources.push_back(
          {"inline policy \"P\" of role \"" + name + "\"",
           {"policy.json", 1, 1}});
    }
    role.trust_policy = Statements(
        R"({"Sid": "Trust", "Effect": "Allow", "Action": "sts:AssumeRole",
            "Principal": {"AWS": "arn:aws:iam::111122223333:root"}})");
    account_.principals.push_back(std::move(role));
    return account_.principals.size() - 1;
  }

  EscalationGraph Graph() {
    absl::StatusOr<std::vector<EffectivePermissions>> permissions =
        ComputeEffectivePermissions(account_);
    EXPECT_TRUE(permissions.ok()) << permissions.status();
    absl::StatusOr<EscalationGraph> graph =
        EscalationGraph::Build(account_, *permissions);
    EXPECT_TRUE(graph.ok()) << graph.status();
    return *std::move(graph);
  }

  // The principals a path of edge indices visits, `from` first.
  std::vector<std::string> Visits(const EscalationGraph& graph,
                                  const std::vector<size_t>& path) const {
    std::vector<std::string> out;
    if (path.empty()) return out;
    out.push_back(account_.principals[graph.edges()[path[0]].from].name);
    for (size_t e : path) {
      out.push_back(account_.principals[graph.edges()[e].to].name);
    }
    return out;
  }

  Account account_;
};

TEST(EscalationTechniqueNameTest, NamesEveryTechnique) {
  EXPECT_EQ(EscalationTechniqueName(EscalationTechnique::kAssumeRole),
            "assume-role");
  EXPECT_EQ(EscalationTechniqueName(EscalationTechnique::kPassRole),
            "pass-role");
  EXPECT_EQ(EscalationTechniqueName(EscalationTechnique::kCredentials),
            "credentials");
  EXPECT_EQ(EscalationTechniqueName(EscalationTechnique::kPolicyWrite),
            "policy-write");
  EXPECT_EQ(EscalationTechniqueName(EscalationTechnique::kPolicyVersion),
            "policy-version");
  EXPECT_EQ(EscalationTechniqueName(EscalationTechnique::kTrustUpdate),
            "trust-update");
}

TEST_F(EscalationGraphTest, AdjacencyListsEveryEdgeBothWays) {
  size_t a = AddRole("A", AssumeOf({"B", "C"}));
  size_t b = AddRole("B", AssumeOf({"C"}));
  size_t c = AddRole("C", "");
  EscalationGraph graph = Graph();
  ASSERT_THAT(graph.edges(), SizeIs(3));
  EXPECT_THAT(graph.out_edges(a), SizeIs(2));
  EXPECT_THAT(graph.out_edges(b), SizeIs(1));
  EXPECT_THAT(graph.out_edges(c), IsEmpty());
  EXPECT_THAT(graph.in_edges(c), SizeIs(2));
  EXPECT_THAT(graph.in_edges(a), IsEmpty());
  for (size_t e : graph.in_edges(c)) EXPECT_EQ(graph.edges()[e].to, c);
  // Out of range: empty, no crash.
  EXPECT_THAT(graph.out_edges(99), IsEmpty());
  EXPECT_THAT(graph.in_edges(99), IsEmpty());
}

TEST_F(EscalationGraphTest, WhoCanReachFollowsChains) {
  size_t a = AddRole("A", AssumeOf({"B"}));
  size_t b = AddRole("B", AssumeOf({"C"}));
  size_t c = AddRole("C", "");
  size_t d = AddRole("D", "");
  EscalationGraph graph = Graph();
  EXPECT_THAT(graph.WhoCanReach(c), ElementsAre(a, b));
  EXPECT_THAT(graph.WhoCanReach(b), ElementsAre(a));
  EXPECT_THAT(graph.WhoCanReach(a), IsEmpty());
  EXPECT_THAT(graph.WhoCanReach(d), IsEmpty());
  EXPECT_THAT(graph.WhoCanReach(99), IsEmpty());
}

TEST_F(EscalationGraphTest, PathsShortestFirstAndBounded) {
  // A -> C directly, A -> B -> C, A -> D -> B -> C.
  size_t a = AddRole("A", AssumeOf({"B", "C", "D"}));
  AddRole("B", AssumeOf({"C"}));
  size_t c = AddRole("C", "");
  AddRole("D", AssumeOf({"B"}));
  EscalationGraph graph = Graph();
  std::vector<std::vector<size_t>> paths = graph.Paths(a, c);
  ASSERT_THAT(paths, SizeIs(3));
  EXPECT_THAT(Visits(graph, paths[0]), ElementsAre("A", "C"));
  EXPECT_THAT(Visits(graph, paths[1]), ElementsAre("A", "B", "C"));
  EXPECT_THAT(Visits(graph, paths[2]), ElementsAre("A", "D", "B", "C"));
  EXPECT_THAT(graph.Paths(a, c, 2), SizeIs(2));
  EXPECT_THAT(graph.Paths(c, a), IsEmpty());
  EXPECT_THAT(graph.Paths(a, a), IsEmpty());
}

TEST_F(EscalationGraphTest, MultiHopPathToAnAdministrator) {
  size_t a = AddRole("A", AssumeOf({"B"}));
  size_t b = AddRole("B", AssumeOf({"C"}));
  size_t c = AddRole("C", kAdminStatement);
  EscalationGraph graph = Graph();
  std::vector<std::vector<size_t>> paths = graph.Paths(a, c);
  ASSERT_THAT(paths, SizeIs(1));
  EXPECT_THAT(Visits(graph, paths[0]), ElementsAre("A", "B", "C"));

  std::vector<AdminReach> reaches = graph.AdminReaches();
  // C is the administrator and is left out; A and B reach it.
  ASSERT_THAT(reaches, SizeIs(2));
  EXPECT_EQ(reaches[0].principal, a);
  EXPECT_EQ(reaches[0].admin, c);
  EXPECT_THAT(Visits(graph, reaches[0].edge_path), ElementsAre("A", "B", "C"));
  EXPECT_EQ(reaches[1].principal, b);
  EXPECT_EQ(reaches[1].admin, c);
  EXPECT_THAT(reaches[1].edge_path, SizeIs(1));
}

TEST_F(EscalationGraphTest, SelfEdgeMakesAnAdministrator) {
  // B may write its own policies; A may assume B.
  size_t a = AddRole("A", AssumeOf({"B"}));
  size_t b = AddRole("B", R"({"Sid": "Self", "Effect": "Allow",
                             "Action": "iam:PutRolePolicy",
                             "Resource": ")" +
                              RoleArn("B") + R"("})");
  AddRole("C", "");
  EscalationGraph graph = Graph();
  std::vector<AdminReach> reaches = graph.AdminReaches();
  ASSERT_THAT(reaches, SizeIs(2));
  EXPECT_EQ(reaches[0].principal, a);
  EXPECT_EQ(reaches[0].admin, b);
  ASSERT_THAT(reaches[0].edge_path, SizeIs(2));
  EXPECT_EQ(graph.edges()[reaches[0].edge_path[0]].technique,
            EscalationTechnique::kAssumeRole);
  EXPECT_EQ(graph.edges()[reaches[0].edge_path[1]].technique,
            EscalationTechnique::kPolicyWrite);
  EXPECT_EQ(reaches[1].principal, b);
  EXPECT_EQ(reaches[1].admin, b);
  ASSERT_THAT(reaches[1].edge_path, SizeIs(1));
  const EscalationEdge& self = graph.edges()[reaches[1].edge_path[0]];
  EXPECT_EQ(self.from, b);
  EXPECT_EQ(self.to, b);
}

TEST_F(EscalationGraphTest, NoAdministratorNoReach) {
  AddRole("A", AssumeOf({"B"}));
  AddRole("B", "");
  EscalationGraph graph = Graph();
  EXPECT_THAT(graph.AdminReaches(), IsEmpty());
}

TEST_F(EscalationGraphTest, CompileErrorOfACandidateIsReported) {
  // The symbolic resource grants nothing, but A passes the sts:AssumeRole
  // prefilter, so its policies are compiled.
  size_t a = AddRole("A", AssumeOf({"B"}));
  AddRole("B", "");
  account_.principals[a].policies.identity.push_back(ParseOrDie(
      R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
          "Action": "s3:GetObject", "Resource": {"Ref": "Bucket"}}]})"));
  account_.principals[a].identity_sources.push_back(
      {"inline policy \"Q\" of role \"A\"", {"policy.json", 1, 1}});
  absl::StatusOr<std::vector<EffectivePermissions>> permissions =
      ComputeEffectivePermissions(account_);
  ASSERT_OK(permissions);
  absl::StatusOr<EscalationGraph> graph =
      EscalationGraph::Build(account_, *permissions);
  EXPECT_THAT(graph, StatusIs(absl::StatusCode::kInvalidArgument,
                              HasSubstr("unresolved template expression")));
}

TEST_F(EscalationGraphTest, MismatchedPermissionsAreAnError) {
  AddRole("A", "");
  EXPECT_THAT(EscalationGraph::Build(account_, {}),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace polygraph::iam
