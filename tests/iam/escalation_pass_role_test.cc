// The pass-role technique (escalation_pass_role.cc), one case per
// PassRoleServices() entry: the minimal policy that enables it, and a
// condition, resource restriction or boundary that disables it.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "iam/escalation_internal.h"
#include "polygraph/iam_escalation.h"
#include "tests/iam/escalation_test_util.h"

namespace polygraph::iam {
namespace {

using ::polygraph::iam::testing::Allow;
using ::polygraph::iam::testing::EscalationTechniquesTest;
using ::polygraph::iam::testing::RoleArn;
using ::polygraph::iam::testing::Sids;
using ::polygraph::iam::testing::Statements;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::SizeIs;

// --- pass-role, one case per service ---

class PassRoleTest : public EscalationTechniquesTest,
                     public ::testing::WithParamInterface<size_t> {
 protected:
  const internal::PassRoleService& service() const {
    return internal::PassRoleServices()[GetParam()];
  }
  // The first alternative's actions as a JSON array.
  std::string CreateActions() const {
    std::string out = "[";
    for (std::string_view action : service().alternatives.front()) {
      if (out.size() > 1) out += ", ";
      out += "\"" + std::string(action) + "\"";
    }
    return out + "]";
  }
};

TEST_P(PassRoleTest, PassRoleAndCreateEnable) {
  size_t ci =
      AddRole("Ci", Allow("Pass", R"("iam:PassRole")", RoleArn("Deploy")) +
                        ", " + Allow("Create", CreateActions(), "*"));
  size_t deploy = AddServiceRole("Deploy", std::string(service().service));
  EscalationGraph graph = Graph();
  std::vector<EscalationEdge> edges =
      Edges(graph, ci, deploy, EscalationTechnique::kPassRole);
  ASSERT_THAT(edges, SizeIs(1));
  EXPECT_EQ(edges[0].service, service().service);
  std::vector<std::string> actions = {"iam:PassRole"};
  for (std::string_view a : service().alternatives.front()) {
    actions.emplace_back(a);
  }
  EXPECT_EQ(edges[0].actions, actions);
  EXPECT_THAT(Sids(edges[0]), ElementsAre("Pass", "Create"));
  EXPECT_THAT(edges[0].explanation,
              HasSubstr("role \"Ci\" can pass role \"Deploy\" to " +
                        std::string(service().noun)));
}

TEST_P(PassRoleTest, PassedToServiceConditionForAnotherServiceDisables) {
  const std::string other =
      GetParam() == 0 ? "ec2.amazonaws.com" : "lambda.amazonaws.com";
  size_t ci =
      AddRole("Ci", Allow("Pass", R"("iam:PassRole")", "*",
                          R"({"StringEquals": {"iam:PassedToService": ")" +
                              other + R"("}})") +
                        ", " + Allow("Create", CreateActions(), "*"));
  size_t deploy = AddServiceRole("Deploy", std::string(service().service));
  EscalationGraph graph = Graph();
  EXPECT_THAT(Edges(graph, ci, deploy, EscalationTechnique::kPassRole),
              SizeIs(0));
}

TEST_P(PassRoleTest, ResourceOfAnotherRoleOrUntrustedServiceDisables) {
  size_t ci =
      AddRole("Ci", Allow("Pass", R"("iam:PassRole")", RoleArn("Other")) +
                        ", " + Allow("Create", CreateActions(), "*"));
  size_t deploy = AddServiceRole("Deploy", std::string(service().service));
  // Other may be passed but trusts no service that runs code for Ci.
  size_t other_role = AddRole("Other");
  EscalationGraph graph = Graph();
  EXPECT_THAT(Edges(graph, ci, deploy, EscalationTechnique::kPassRole),
              SizeIs(0));
  EXPECT_THAT(Edges(graph, ci, other_role, EscalationTechnique::kPassRole),
              SizeIs(0));
}

TEST_P(PassRoleTest, BoundaryWithoutTheCreateActionDisables) {
  size_t ci = AddRole("Ci", Allow("Pass", R"("iam:PassRole")", "*") + ", " +
                                Allow("Create", CreateActions(), "*"));
  account_.principals[ci].policies.permissions_boundary =
      std::vector<Policy>{Statements(Allow("Bound", R"("iam:PassRole")", "*"))};
  account_.principals[ci].boundary_sources.push_back(
      {"permissions boundary \"Bound\"", {"policy.json", 1, 1}});
  size_t deploy = AddServiceRole("Deploy", std::string(service().service));
  EscalationGraph graph = Graph();
  EXPECT_THAT(Edges(graph, ci, deploy, EscalationTechnique::kPassRole),
              SizeIs(0));
}

INSTANTIATE_TEST_SUITE_P(
    Services, PassRoleTest,
    ::testing::Range<size_t>(0, internal::PassRoleServices().size()),
    [](const ::testing::TestParamInfo<size_t>& info) {
      std::string_view service =
          internal::PassRoleServices()[info.param].service;
      std::string name(service.substr(0, service.find('.')));
      std::erase(name, '-');
      return name;
    });

TEST_F(EscalationTechniquesTest, LambdaEventSourceMappingAlternative) {
  size_t ci = AddRole("Ci", Allow("Pass", R"("iam:PassRole")", "*") + ", " +
                                Allow("Create",
                                      R"(["lambda:CreateFunction",
                                  "lambda:CreateEventSourceMapping"])",
                                      "*"));
  size_t deploy = AddServiceRole("Deploy", "lambda.amazonaws.com");
  EscalationGraph graph = Graph();
  std::vector<EscalationEdge> edges =
      Edges(graph, ci, deploy, EscalationTechnique::kPassRole);
  ASSERT_THAT(edges, SizeIs(1));
  EXPECT_THAT(edges[0].actions,
              ElementsAre("iam:PassRole", "lambda:CreateFunction",
                          "lambda:CreateEventSourceMapping"));
}

TEST_F(EscalationTechniquesTest, PassRoleWithoutInvokeOrMappingDisables) {
  size_t ci =
      AddRole("Ci", Allow("Pass", R"("iam:PassRole")", "*") + ", " +
                        Allow("Create", R"("lambda:CreateFunction")", "*"));
  size_t deploy = AddServiceRole("Deploy", "lambda.amazonaws.com");
  EscalationGraph graph = Graph();
  EXPECT_THAT(Edges(graph, ci, deploy, EscalationTechnique::kPassRole),
              SizeIs(0));
}

}  // namespace
}  // namespace polygraph::iam
