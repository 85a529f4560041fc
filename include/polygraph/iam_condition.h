#ifndef POLYGRAPH_IAM_CONDITION_H_
#define POLYGRAPH_IAM_CONDITION_H_

// Condition operators and policy variables, as AWS documents them.
//
//   std::optional<iam::ConditionOperator> op =
//       iam::ConditionOperator::Parse("ForAllValues:StringLikeIfExists");
//   op->base == iam::OperatorBase::kStringLike; op->if_exists == true;
//
//   absl::StatusOr<iam::PolicyVariableText> text =
//       iam::PolicyVariableText::Parse("arn:aws:s3:::b/${aws:username}/*");
//
// Thread safety: plain value types; thread-compatible. Functions are
// thread-safe.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace polygraph::iam {

enum class OperatorBase {
  kStringEquals,
  kStringNotEquals,
  kStringEqualsIgnoreCase,
  kStringNotEqualsIgnoreCase,
  kStringLike,
  kStringNotLike,
  kNumericEquals,
  kNumericNotEquals,
  kNumericLessThan,
  kNumericLessThanEquals,
  kNumericGreaterThan,
  kNumericGreaterThanEquals,
  kDateEquals,
  kDateNotEquals,
  kDateLessThan,
  kDateLessThanEquals,
  kDateGreaterThan,
  kDateGreaterThanEquals,
  kBool,
  kBinaryEquals,
  kIpAddress,
  kNotIpAddress,
  kArnEquals,
  kArnLike,
  kArnNotEquals,
  kArnNotLike,
  kNull,
};

// The type of value an operator compares.
enum class OperatorType {
  kString,
  kNumeric,
  kDate,
  kBool,
  kBinary,
  kIp,
  kArn,
  kNull
};

enum class SetQualifier { kNone, kForAnyValue, kForAllValues };

struct ConditionOperator {
  OperatorBase base = OperatorBase::kStringEquals;
  bool if_exists = false;  // "...IfExists"
  SetQualifier qualifier = SetQualifier::kNone;

  // Parses an operator as written in a policy. Operator names are
  // case-sensitive, as in AWS; "NullIfExists" is not an operator. nullopt
  // for anything else.
  static std::optional<ConditionOperator> Parse(std::string_view text);
  // Back to the spelling Parse accepts.
  std::string ToString() const;
  OperatorType type() const;
  // True for the operators whose sense is "does not match" (StringNotEquals,
  // NotIpAddress, ArnNotLike, ...): on a missing key they are true.
  bool negated() const;

  friend bool operator==(const ConditionOperator&,
                         const ConditionOperator&) = default;
};

// A policy string split into literal text and policy variables:
// "${aws:username}", "${aws:PrincipalTag/team}", the escapes "${*}", "${?}"
// and "${$}" (a literal '*', '?', '$'), and the default-value form
// "${aws:username, 'anonymous'}".
struct PolicyVariableText {
  struct Part {
    // A literal piece (escapes already turned into their characters and
    // flagged, so a literal '*' from "${*}" never acts as a wildcard), or a
    // variable with its key and optional default.
    enum class Kind { kLiteral, kEscapedWildcard, kVariable };
    Kind kind = Kind::kLiteral;
    std::string text;  // literal text, the escaped character, or the key
    std::optional<std::string> default_value;
  };
  std::vector<Part> parts;

  // Errors (InvalidArgument, quoting the text): "${" without a closing '}',
  // an empty variable name, a malformed default ("${k, x}" without quotes).
  // Text without "${" is one literal part.
  static absl::StatusOr<PolicyVariableText> Parse(std::string_view text);
  bool HasVariables() const;
};

}  // namespace polygraph::iam

#endif  // POLYGRAPH_IAM_CONDITION_H_
