#ifndef POLYGRAPH_TESTS_IAM_VALIDATION_TEST_UTIL_H_
#define POLYGRAPH_TESTS_IAM_VALIDATION_TEST_UTIL_H_

// Helpers shared by the policy validation tests: validate JSON or YAML text
// and pick issues out by code.

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "polygraph/document.h"
#include "polygraph/iam_validation.h"

namespace polygraph::iam::testing {

// Validates `text` read as JSON ("p.json"); a JSON syntax error fails the
// test and yields no issues.
inline std::vector<ValidationIssue> ValidateJson(
    const std::string& text, PolicyKind kind = PolicyKind::kAny) {
  absl::StatusOr<Value> document = ParseJson(text, "p.json");
  EXPECT_TRUE(document.ok()) << document.status();
  if (!document.ok()) return {};
  return ValidatePolicy(*document, {.kind = kind});
}

inline std::vector<ValidationIssue> ValidateYaml(
    const std::string& text, PolicyKind kind = PolicyKind::kAny) {
  absl::StatusOr<Value> document = ParseYaml(text, "p.yaml");
  EXPECT_TRUE(document.ok()) << document.status();
  if (!document.ok()) return {};
  return ValidatePolicy(*document, {.kind = kind});
}

// A policy of one statement, `statement` being its members without braces.
inline std::string OneStatement(const std::string& statement,
                                const std::string& version = "2012-10-17") {
  std::string policy = "{";
  if (!version.empty()) policy += "\"Version\": \"" + version + "\", ";
  return policy + "\"Statement\": [{" + statement + "}]}";
}

inline std::vector<std::string> Codes(
    const std::vector<ValidationIssue>& issues) {
  std::vector<std::string> codes;
  for (const ValidationIssue& issue : issues) codes.push_back(issue.code);
  return codes;
}

// The issues with `code`, in order.
inline std::vector<ValidationIssue> WithCode(
    const std::vector<ValidationIssue>& issues, const std::string& code) {
  std::vector<ValidationIssue> found;
  for (const ValidationIssue& issue : issues) {
    if (issue.code == code) found.push_back(issue);
  }
  return found;
}

// "line:col" of a location, for compact assertions.
inline std::string At(const SourceLocation& location) {
  return std::to_string(location.line) + ":" + std::to_string(location.column);
}

}  // namespace polygraph::iam::testing

#endif  // POLYGRAPH_TESTS_IAM_VALIDATION_TEST_UTIL_H_
