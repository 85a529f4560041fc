#ifndef POLYGRAPH_TESTS_RULES_DECLARATIVE_TESTING_H_
#define POLYGRAPH_TESTS_RULES_DECLARATIVE_TESTING_H_

// Helpers for the declarative rule tests: a user rule file around a check
// mapping, a model of resources whose properties are YAML text, and running
// the compiled rule over it.

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "gtest/gtest.h"
#include "polygraph/document.h"
#include "polygraph/model.h"
#include "rules/check_context.h"
#include "rules/rule_metadata.h"

namespace polygraph::testing {

inline constexpr char kRulePath[] = "rules/TEST-DB-001.yaml";

// A complete user rule file whose `check:` is `check` (indented by the
// caller as a block under "check:\n").
inline std::string RuleFile(const std::string& check) {
  return absl::StrCat(
      "id: TEST-DB-001\n"
      "title: Test rule\n"
      "severity: high\n"
      "category: storage\n"
      "rationale: Because.\n"
      "remediation: Fix it.\n"
      "references: [\"guide\"]\n"
      "check:\n",
      check);
}

// A resource `name` whose properties are the YAML `properties`, read as
// file "t.yaml".
inline Resource YamlResource(std::string name, const std::string& properties,
                             ResourceKind kind = ResourceKind::kDbInstance,
                             std::string type = "AWS::RDS::DBInstance") {
  Resource resource;
  resource.name = std::move(name);
  resource.type = std::move(type);
  resource.kind = kind;
  resource.location = {"t.yaml", 1, 3};
  absl::StatusOr<Value> value = ParseYaml(properties, "t.yaml");
  EXPECT_TRUE(value.ok()) << value.status();
  if (value.ok()) resource.properties = *std::move(value);
  return resource;
}

inline Model ModelOf(std::vector<Resource> resources) {
  ModelBuilder builder;
  builder.AddFile("t.yaml");
  for (Resource& resource : resources) builder.AddResource(std::move(resource));
  return std::move(builder).Build();
}

// Compiles the user rule `text` and runs it over `model`.
inline std::vector<Finding> RunRuleText(const std::string& text,
                                        const Model& model) {
  absl::StatusOr<rules::internal::ParsedRule> rule =
      rules::internal::ParseRuleFile(kRulePath, text, /*builtin=*/false);
  EXPECT_TRUE(rule.ok()) << rule.status();
  if (!rule.ok()) return {};
  rules::internal::CheckContext context(model);
  return rule->check->Run(context, rule->info);
}

// Runs a rule requiring `require` (a one-line flow mapping) on the db
// instance with `properties`; true when it holds (no finding).
inline bool Holds(const std::string& require, const std::string& properties) {
  std::string text = RuleFile(
      absl::StrCat("  resources: [db_instance]\n  require: ", require,
                   "\n  message: \"{resource}: {attribute} is {value}\"\n"));
  Model model = ModelOf({YamlResource("Db", properties)});
  return RunRuleText(text, model).empty();
}

// The compile error of a rule whose check block is `check`.
inline absl::Status CompileError(const std::string& check) {
  absl::StatusOr<rules::internal::ParsedRule> rule =
      rules::internal::ParseRuleFile(kRulePath, RuleFile(check),
                                     /*builtin=*/false);
  return rule.status();
}

}  // namespace polygraph::testing

#endif  // POLYGRAPH_TESTS_RULES_DECLARATIVE_TESTING_H_
