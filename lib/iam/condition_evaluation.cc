#include "iam/condition_evaluation.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "iam/condition_values.h"
#include "polygraph/source_location.h"

namespace polygraph::iam::internal {
namespace {

absl::Status ValueError(const LocatedString& value, std::string_view what,
                        const ConditionOperator& op) {
  return InputError(
      value.location,
      absl::StrCat(::polygraph::internal::QuoteForMessage(value.value),
                   " is not ", ::polygraph::internal::ToAbsl(what),
                   " (required by ", op.ToString(), ")"));
}

}  // namespace

absl::StatusOr<CompiledCondition> CompiledCondition::Compile(
    const Condition& condition, bool substitute_variables) {
  std::optional<ConditionOperator> op = ConditionOperator::Parse(condition.op);
  if (!op.has_value()) {
    return InputError(
        condition.location,
        absl::StrCat("unknown condition operator ",
                     ::polygraph::internal::QuoteForMessage(condition.op)));
  }
  CompiledCondition compiled;
  compiled.op_ = *op;
  compiled.negated_ = op->negated();
  compiled.key_ = condition.key;
  for (const LocatedString& value : condition.values) {
    if (value.symbolic) {
      return InputError(
          value.location,
          absl::StrCat("condition value ",
                       ::polygraph::internal::QuoteForMessage(value.value),
                       " is an unresolved template expression and cannot be "
                       "decided"));
    }
    switch (op->type()) {
      case OperatorType::kString:
      case OperatorType::kArn: {
        absl::StatusOr<PolicyVariableText> text =
            SplitPolicyText(value.value, substitute_variables);
        if (!text.ok()) {
          return InputError(value.location,
                            std::string(text.status().message()));
        }
        if (op->type() == OperatorType::kArn) {
          compiled.arns_.emplace_back(*text);
          break;
        }
        bool like = op->base == OperatorBase::kStringLike ||
                    op->base == OperatorBase::kStringNotLike;
        bool ignore_case = op->base == OperatorBase::kStringEqualsIgnoreCase ||
                           op->base == OperatorBase::kStringNotEqualsIgnoreCase;
        compiled.strings_.emplace_back(
            text->parts, /*wildcards=*/like,
            ignore_case ? PatternCase::kInsensitive : PatternCase::kSensitive);
        break;
      }
      case OperatorType::kBinary: {
        PolicyVariableText literal;
        literal.parts.push_back(
            PolicyVariableText::Part{PolicyVariableText::Part::Kind::kLiteral,
                                     value.value, std::nullopt});
        compiled.strings_.emplace_back(literal.parts, /*wildcards=*/false,
                                       PatternCase::kSensitive);
        break;
      }
      case OperatorType::kNumeric: {
        std::optional<double> number = ParseNumber(value.value);
        if (!number) return ValueError(value, "a number", *op);
        compiled.numbers_.push_back(*number);
        break;
      }
      case OperatorType::kDate: {
        std::optional<int64_t> date = ParseDate(value.value);
        if (!date) return ValueError(value, "a date", *op);
        compiled.dates_.push_back(*date);
        break;
      }
      case OperatorType::kBool:
      case OperatorType::kNull: {
        std::optional<bool> flag = ParseBool(value.value);
        if (!flag) return ValueError(value, "true or false", *op);
        compiled.bools_.push_back(*flag);
        break;
      }
      case OperatorType::kIp: {
        std::optional<ip::Cidr> cidr = ParseIpOrCidr(value.value);
        if (!cidr) return ValueError(value, "an IP address or CIDR", *op);
        compiled.cidrs_.push_back(*cidr);
        break;
      }
    }
  }
  return compiled;
}

bool CompiledCondition::AnyPolicyValueMatches(
    std::string_view value, const RequestContext& context) const {
  switch (op_.type()) {
    case OperatorType::kString:
    case OperatorType::kBinary:
      for (const TextPattern& pattern : strings_) {
        if (pattern.Matches(value, &context)) return true;
      }
      return false;
    case OperatorType::kArn: {
      ArnView arn = SplitArn(value);
      for (const ArnPattern& pattern : arns_) {
        if (pattern.Matches(arn, &context)) return true;
      }
      return false;
    }
    case OperatorType::kNumeric: {
      std::optional<double> number = ParseNumber(value);
      if (!number) return false;
      for (double p : numbers_) {
        switch (op_.base) {
          case OperatorBase::kNumericLessThan:
            if (*number < p) return true;
            break;
          case OperatorBase::kNumericLessThanEquals:
            if (*number <= p) return true;
            break;
          case OperatorBase::kNumericGreaterThan:
            if (*number > p) return true;
            break;
          case OperatorBase::kNumericGreaterThanEquals:
            if (*number >= p) return true;
            break;
          default:  // Equals, and NotEquals in its positive sense
            if (*number == p) return true;
        }
      }
      return false;
    }
    case OperatorType::kDate: {
      std::optional<int64_t> date = ParseDate(value);
      if (!date) return false;
      for (int64_t p : dates_) {
        switch (op_.base) {
          case OperatorBase::kDateLessThan:
            if (*date < p) return true;
            break;
          case OperatorBase::kDateLessThanEquals:
            if (*date <= p) return true;
            break;
          case OperatorBase::kDateGreaterThan:
            if (*date > p) return true;
            break;
          case OperatorBase::kDateGreaterThanEquals:
            if (*date >= p) return true;
            break;
          default:
            if (*date == p) return true;
        }
      }
      return false;
    }
    case OperatorType::kBool: {
      std::optional<bool> flag = ParseBool(value);
      if (!flag) return false;
      for (bool p : bools_) {
        if (*flag == p) return true;
      }
      return false;
    }
    case OperatorType::kIp: {
      std::optional<ip::Cidr> address = ParseIpOrCidr(value);
      if (!address ||
          address->prefix_length() != ip::AddressBits(address->family())) {
        return false;
      }
      for (const ip::Cidr& cidr : cidrs_) {
        if (cidr.Contains(address->network())) return true;
      }
      return false;
    }
    case OperatorType::kNull:
      return false;
  }
  return false;
}

bool CompiledCondition::MatchesOne(std::string_view value,
                                   const RequestContext& context) const {
  bool any = AnyPolicyValueMatches(value, context);
  return negated_ ? !any : any;
}

bool CompiledCondition::Evaluate(const RequestContext& context,
                                 MissingKeys* missing) const {
  std::optional<ContextValues> values = context.Find(key_);
  if (!values.has_value() && missing != nullptr) missing->push_back(&key_);
  bool present = values.has_value() && !values->empty();
  if (op_.base == OperatorBase::kNull) {
    // Null: true means "the key is absent"; several values are ORed.
    for (bool expect_absent : bools_) {
      if (expect_absent != present) return true;
    }
    return false;
  }
  switch (op_.qualifier) {
    case SetQualifier::kForAllValues:
      // Vacuously true for a missing or empty key.
      if (!present) return true;
      for (size_t i = 0; i < values->size(); ++i) {
        if (!MatchesOne((*values)[i], context)) return false;
      }
      return true;
    case SetQualifier::kForAnyValue:
      if (!present) return op_.if_exists;
      for (size_t i = 0; i < values->size(); ++i) {
        if (MatchesOne((*values)[i], context)) return true;
      }
      return false;
    case SetQualifier::kNone:
      break;
  }
  if (!present) return op_.if_exists || negated_;
  // Without a qualifier a multivalued key is compared value by value: the
  // positive sense holds when some request value matches a policy value,
  // and a negated operator is its complement (no request value matches).
  bool any = false;
  for (size_t i = 0; i < values->size() && !any; ++i) {
    any = AnyPolicyValueMatches((*values)[i], context);
  }
  return negated_ ? !any : any;
}

}  // namespace polygraph::iam::internal
