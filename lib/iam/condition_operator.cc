// ConditionOperator: the names of IAM condition operators, their set
// qualifiers and the IfExists suffix.

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "polygraph/iam_condition.h"

namespace polygraph::iam {
namespace {

struct OperatorName {
  OperatorBase base;
  std::string_view name;
  OperatorType type;
  bool negated;
};

constexpr std::array<OperatorName, 27> kOperators = {{
    {OperatorBase::kStringEquals, "StringEquals", OperatorType::kString, false},
    {OperatorBase::kStringNotEquals, "StringNotEquals", OperatorType::kString,
     true},
    {OperatorBase::kStringEqualsIgnoreCase, "StringEqualsIgnoreCase",
     OperatorType::kString, false},
    {OperatorBase::kStringNotEqualsIgnoreCase, "StringNotEqualsIgnoreCase",
     OperatorType::kString, true},
    {OperatorBase::kStringLike, "StringLike", OperatorType::kString, false},
    {OperatorBase::kStringNotLike, "StringNotLike", OperatorType::kString,
     true},
    {OperatorBase::kNumericEquals, "NumericEquals", OperatorType::kNumeric,
     false},
    {OperatorBase::kNumericNotEquals, "NumericNotEquals",
     OperatorType::kNumeric, true},
    {OperatorBase::kNumericLessThan, "NumericLessThan", OperatorType::kNumeric,
     false},
    {OperatorBase::kNumericLessThanEquals, "NumericLessThanEquals",
     OperatorType::kNumeric, false},
    {OperatorBase::kNumericGreaterThan, "NumericGreaterThan",
     OperatorType::kNumeric, false},
    {OperatorBase::kNumericGreaterThanEquals, "NumericGreaterThanEquals",
     OperatorType::kNumeric, false},
    {OperatorBase::kDateEquals, "DateEquals", OperatorType::kDate, false},
    {OperatorBase::kDateNotEquals, "DateNotEquals", OperatorType::kDate, true},
    {OperatorBase::kDateLessThan, "DateLessThan", OperatorType::kDate, false},
    {OperatorBase::kDateLessThanEquals, "DateLessThanEquals",
     OperatorType::kDate, false},
    {OperatorBase::kDateGreaterThan, "DateGreaterThan", OperatorType::kDate,
     false},
    {OperatorBase::kDateGreaterThanEquals, "DateGreaterThanEquals",
     OperatorType::kDate, false},
    {OperatorBase::kBool, "Bool", OperatorType::kBool, false},
    {OperatorBase::kBinaryEquals, "BinaryEquals", OperatorType::kBinary, false},
    {OperatorBase::kIpAddress, "IpAddress", OperatorType::kIp, false},
    {OperatorBase::kNotIpAddress, "NotIpAddress", OperatorType::kIp, true},
    {OperatorBase::kArnEquals, "ArnEquals", OperatorType::kArn, false},
    {OperatorBase::kArnLike, "ArnLike", OperatorType::kArn, false},
    {OperatorBase::kArnNotEquals, "ArnNotEquals", OperatorType::kArn, true},
    {OperatorBase::kArnNotLike, "ArnNotLike", OperatorType::kArn, true},
    {OperatorBase::kNull, "Null", OperatorType::kNull, false},
}};

const OperatorName& Lookup(OperatorBase base) {
  for (const OperatorName& entry : kOperators) {
    if (entry.base == base) return entry;
  }
  return kOperators[0];  // unreachable: every enumerator is in the table
}

constexpr std::string_view kForAnyValue = "ForAnyValue:";
constexpr std::string_view kForAllValues = "ForAllValues:";
constexpr std::string_view kIfExists = "IfExists";

}  // namespace

std::optional<ConditionOperator> ConditionOperator::Parse(
    std::string_view text) {
  ConditionOperator op;
  if (text.starts_with(kForAnyValue)) {
    op.qualifier = SetQualifier::kForAnyValue;
    text.remove_prefix(kForAnyValue.size());
  } else if (text.starts_with(kForAllValues)) {
    op.qualifier = SetQualifier::kForAllValues;
    text.remove_prefix(kForAllValues.size());
  }
  if (text.ends_with(kIfExists)) {
    op.if_exists = true;
    text.remove_suffix(kIfExists.size());
  }
  for (const OperatorName& entry : kOperators) {
    if (entry.name != text) continue;
    // Null tests presence itself, so "NullIfExists" means nothing.
    if (entry.base == OperatorBase::kNull && op.if_exists) return std::nullopt;
    op.base = entry.base;
    return op;
  }
  return std::nullopt;
}

std::string ConditionOperator::ToString() const {
  std::string text;
  if (qualifier == SetQualifier::kForAnyValue) text += kForAnyValue;
  if (qualifier == SetQualifier::kForAllValues) text += kForAllValues;
  text += Lookup(base).name;
  if (if_exists) text += kIfExists;
  return text;
}

OperatorType ConditionOperator::type() const { return Lookup(base).type; }

bool ConditionOperator::negated() const { return Lookup(base).negated; }

}  // namespace polygraph::iam
