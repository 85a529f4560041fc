#ifndef POLYGRAPH_TESTS_IAM_ESCALATION_TEST_UTIL_H_
#define POLYGRAPH_TESTS_IAM_ESCALATION_TEST_UTIL_H_

// Helpers shared by the escalation technique tests
// (escalation_*_test.cc): policies from JSON fragments, and a fixture that
// builds an account principal by principal and the EscalationGraph of it.

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "polygraph/document.h"
#include "polygraph/iam_account.h"
#include "polygraph/iam_effective.h"
#include "polygraph/iam_escalation.h"
#include "polygraph/iam_policy.h"

namespace polygraph::iam::testing {

inline std::string RoleArn(const std::string& name) {
  return "arn:aws:iam::111122223333:role/" + name;
}
inline std::string UserArn(const std::string& name) {
  return "arn:aws:iam::111122223333:user/" + name;
}

inline Policy ParseOrDie(const std::string& text) {
  absl::StatusOr<Value> document = ParseJson(text, "policy.json");
  EXPECT_TRUE(document.ok()) << document.status();
  absl::StatusOr<Policy> policy = ParsePolicy(*document, {});
  EXPECT_TRUE(policy.ok()) << policy.status();
  return *policy;
}

inline Policy Statements(const std::string& statements) {
  return ParseOrDie(R"({"Version": "2012-10-17", "Statement": [)" + statements +
                    "]}");
}

// Trust policy letting `principal_json` sts:AssumeRole.
inline Policy Trust(const std::string& principal_json) {
  return Statements(R"({"Sid": "Trust", "Effect": "Allow", "Principal": )" +
                    principal_json + R"(, "Action": "sts:AssumeRole"})");
}

inline std::string Allow(const std::string& sid,
                         const std::string& actions_json,
                         const std::string& resource,
                         const std::string& condition_json = "") {
  std::string out = R"({"Sid": ")" + sid +
                    R"(", "Effect": "Allow", "Action": )" + actions_json +
                    R"(, "Resource": ")" + resource + "\"";
  if (!condition_json.empty()) out += R"(, "Condition": )" + condition_json;
  return out + "}";
}

class EscalationTechniquesTest : public ::testing::Test {
 protected:
  // A principal with one inline identity policy of `statements` (none when
  // empty).
  size_t Add(PrincipalKind kind, const std::string& name,
             const std::string& statements) {
    AccountPrincipal principal;
    principal.kind = kind;
    principal.name = name;
    principal.arn =
        kind == PrincipalKind::kRole ? RoleArn(name) : UserArn(name);
    if (!statements.empty()) {
      principal.policies.identity.push_back(Statements(statements));
      principal.identity_sources.push_back(
          {"inline policy \"P\" of " + name, {"policy.json", 1, 1}});
    }
    account_.principals.push_back(std::move(principal));
    return account_.principals.size() - 1;
  }
  size_t AddUser(const std::string& name, const std::string& statements = "",
                 std::vector<std::string> groups = {}) {
    size_t index = Add(PrincipalKind::kUser, name, statements);
    account_.principals[index].groups = std::move(groups);
    return index;
  }
  // A role trusted by `trust_principal_json`; `service` is its service
  // principal when it names one.
  size_t AddRole(const std::string& name, const std::string& statements = "",
                 const std::string& trust_principal_json =
                     R"({"AWS": "arn:aws:iam::111122223333:root"})",
                 const std::string& service = "") {
    size_t index = Add(PrincipalKind::kRole, name, statements);
    account_.principals[index].trust_policy = Trust(trust_principal_json);
    if (!service.empty()) {
      account_.principals[index].service_principals = {service};
    }
    return index;
  }
  size_t AddServiceRole(const std::string& name, const std::string& service) {
    return AddRole(name, "", R"({"Service": ")" + service + R"("})", service);
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

  // The edges from `from` to `to` of `technique`.
  static std::vector<EscalationEdge> Edges(const EscalationGraph& graph,
                                           size_t from, size_t to,
                                           EscalationTechnique technique) {
    std::vector<EscalationEdge> out;
    for (size_t e : graph.out_edges(from)) {
      const EscalationEdge& edge = graph.edges()[e];
      if (edge.to == to && edge.technique == technique) out.push_back(edge);
    }
    return out;
  }

  Account account_;
};

inline std::vector<std::string> Sids(const EscalationEdge& edge) {
  std::vector<std::string> out;
  for (const StatementRef& ref : edge.statements) out.push_back(ref.sid);
  return out;
}

}  // namespace polygraph::iam::testing

#endif  // POLYGRAPH_TESTS_IAM_ESCALATION_TEST_UTIL_H_
