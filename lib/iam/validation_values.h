#ifndef POLYGRAPH_LIB_IAM_VALIDATION_VALUES_H_
#define POLYGRAPH_LIB_IAM_VALIDATION_VALUES_H_

// The forms of condition values and the operators each documented
// condition-key type accepts, for policy validation.
//
// Thread safety: pure functions; thread-safe.

#include <optional>
#include <string_view>

#include "polygraph/iam_condition.h"

namespace polygraph::iam::validation_internal {

// A decimal number as Numeric operators read it: "10", "-3", "2.5".
bool IsConditionNumber(std::string_view text);
// A date as Date operators read it: epoch seconds ("1735689600") or ISO
// 8601: "2025-01-31", "2025-01-31T12:00Z", "2025-01-31T12:00:00.5+01:00".
// Month, day (leap years included), hour, minute and second are range
// checked.
bool IsConditionDate(std::string_view text);
// "true" or "false", in any case, as Bool and Null read them.
bool IsConditionBoolean(std::string_view text);
// An IPv4/IPv6 address or CIDR block (host bits may be set, as AWS
// accepts).
bool IsConditionIp(std::string_view text);

// The operators suited to a documented key type ("String", "ArrayOfARN",
// "Numeric", ...).
struct KeyTypeRule {
  // Operator types accepted; String keys also accept Arn operators and
  // ARN keys String ones, since both compare the same text.
  OperatorType primary = OperatorType::kString;
  std::optional<OperatorType> secondary;
  std::string_view operators;  // e.g. "a Date operator (DateLessThan, ...)"

  bool Accepts(OperatorType type) const {
    return type == primary || (secondary.has_value() && type == *secondary);
  }
};

// nullopt for a type the rules do not cover.
std::optional<KeyTypeRule> KeyTypeRuleFor(std::string_view key_type);

}  // namespace polygraph::iam::validation_internal

#endif  // POLYGRAPH_LIB_IAM_VALIDATION_VALUES_H_
