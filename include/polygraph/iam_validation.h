#ifndef POLYGRAPH_IAM_VALIDATION_H_
#define POLYGRAPH_IAM_VALIDATION_H_

// Policy validation in the spirit of IAM Access Analyzer: errors that make
// AWS reject or misread a policy, security warnings, warnings and
// suggestions, each with a stable issue code, a location, a message naming
// the offending value, and a one-line fix.
//
//   absl::StatusOr<Value> document = ReadDocumentFile("policy.json", {});
//   std::vector<iam::ValidationIssue> issues =
//       iam::ValidatePolicy(*document, {.kind = iam::PolicyKind::kIdentity});
//
// Thread safety: functions are thread-safe; results are plain values.

#include <string>
#include <string_view>
#include <vector>

#include "polygraph/finding.h"
#include "polygraph/iam_policy.h"
#include "polygraph/source_location.h"
#include "polygraph/value.h"

namespace polygraph::iam {

enum class ValidationCategory {
  kError,
  kSecurityWarning,
  kWarning,
  kSuggestion,
};

// "error", "security-warning", "warning", "suggestion".
std::string_view ValidationCategoryName(ValidationCategory category);

struct ValidationIssue {
  // Stable, UPPER_SNAKE: "MISSING_EFFECT", "UNKNOWN_ACTION",
  // "PASS_ROLE_WITH_STAR_IN_RESOURCE"... docs/iam-validation.md lists them.
  std::string code;
  ValidationCategory category = ValidationCategory::kError;
  SourceLocation location;
  std::string message;  // names the offending value
  std::string fix;      // one line

  // As a Finding for the report formats: rule_id "PG-IAMV-" + code with '_'
  // as '-', severity high for errors and security warnings, medium for
  // warnings, low for suggestions; title the category and code.
  Finding ToFinding() const;

  friend bool operator==(const ValidationIssue&,
                         const ValidationIssue&) = default;
};

struct ValidationOptions {
  // What the policy is attached as; it decides which elements are required
  // or forbidden. Default: kAny (only what holds for every kind).
  PolicyKind kind = PolicyKind::kAny;
};

// Validates one policy document. Never fails: a document the grammar
// rejects yields one error issue at the parser's location; otherwise every
// issue found, in document order.
std::vector<ValidationIssue> ValidatePolicy(const Value& document,
                                            const ValidationOptions& options);

}  // namespace polygraph::iam

#endif  // POLYGRAPH_IAM_VALIDATION_H_
