#ifndef POLYGRAPH_TESTS_RULES_RULES_TESTING_H_
#define POLYGRAPH_TESTS_RULES_RULES_TESTING_H_

// Helpers for the rule tests: small models built in memory, and running one
// built-in rule over them.

#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "polygraph/model.h"
#include "polygraph/rules.h"

namespace polygraph::testing {

inline SourceLocation At(int line, int column) {
  return {"t.yaml", line, column};
}

inline Resource MakeResource(
    std::string name, ResourceKind kind, std::string type, int line,
    SourceFormat format = SourceFormat::kCloudFormation) {
  Resource resource;
  resource.name = std::move(name);
  resource.type = std::move(type);
  resource.kind = kind;
  resource.format = format;
  resource.location = At(line, 3);
  return resource;
}

inline iam::LocatedString Located(std::string value, int line,
                                  int column = 10) {
  return {std::move(value), At(line, column), /*symbolic=*/false};
}

// An Allow (or Deny) statement of `actions` on `resources`; the i-th action
// is at line `line + i`.
inline iam::Statement MakeStatement(std::vector<std::string> actions,
                                    std::vector<std::string> resources,
                                    int line = 10,
                                    iam::Effect effect = iam::Effect::kAllow) {
  iam::Statement statement;
  statement.location = At(line - 1, 7);
  statement.effect = effect;
  for (size_t i = 0; i < actions.size(); ++i) {
    statement.actions.push_back(
        Located(actions[i], line + static_cast<int>(i)));
  }
  for (std::string& resource : resources) {
    statement.resources.push_back(Located(std::move(resource), line + 20));
  }
  statement.has_resource = !statement.resources.empty();
  return statement;
}

// A standalone policy document (no owner) named `name`.
inline PolicyDocument MakePolicy(std::string name,
                                 std::vector<iam::Statement> statements) {
  PolicyDocument document;
  document.name = std::move(name);
  document.kind = iam::PolicyKind::kIdentity;
  document.policy.version = "2012-10-17";
  document.policy.location = At(1, 1);
  document.policy.statements = std::move(statements);
  return document;
}

inline SecurityGroupRule IngressRule(size_t group, std::string protocol,
                                     int from_port, int to_port,
                                     std::string cidr, int line = 10) {
  SecurityGroupRule rule;
  rule.group = group;
  rule.protocol = std::move(protocol);
  rule.from_port = from_port;
  rule.to_port = to_port;
  rule.cidr = std::move(cidr);
  rule.location = At(line, 11);
  rule.cidr_location = At(line + 3, 21);
  return rule;
}

// Runs the built-in rule `id` alone over `model`.
inline std::vector<Finding> RunRule(const std::string& id, const Model& model) {
  absl::StatusOr<RuleSet> builtin = RuleSet::Builtin();
  EXPECT_TRUE(builtin.ok()) << builtin.status();
  if (!builtin.ok()) return {};
  absl::StatusOr<RuleSet> one = builtin->Select({id}, {});
  EXPECT_TRUE(one.ok()) << one.status();
  if (!one.ok()) return {};
  return one->Run(model);
}

}  // namespace polygraph::testing

#endif  // POLYGRAPH_TESTS_RULES_RULES_TESTING_H_
