// Conditions: operators, the values each operator can compare, the
// documented type of each key, and whether the statement's actions support
// the key at all.

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "iam/validation_internal.h"
#include "iam/validation_values.h"
#include "polygraph/iam_catalogue.h"
#include "polygraph/iam_condition.h"

namespace polygraph::iam::validation_internal {
namespace {

using internal::QuoteForMessage;
using internal::ToAbsl;

// Where the condition's key is written, or the operator's location.
SourceLocation KeyLocation(const ValidationContext& context,
                           const Statement& statement,
                           const Condition& condition) {
  const Value* block = context.Element(statement, "Condition");
  if (block != nullptr) block = block->Find(condition.op);
  if (block == nullptr || !block->is_object()) return condition.location;
  return block->KeyLocation(condition.key);
}

bool IsNullIfExists(std::string_view op) {
  for (std::string_view qualifier : {"ForAnyValue:", "ForAllValues:"}) {
    if (absl::StartsWith(ToAbsl(op), ToAbsl(qualifier))) {
      op.remove_prefix(qualifier.size());
    }
  }
  return op == "NullIfExists";
}

// What the values of an operator must look like, for messages.
struct ValueRule {
  std::string_view code;
  std::string_view expected;
  std::string_view fix;
};

std::optional<ValueRule> RuleFor(OperatorType type) {
  switch (type) {
    case OperatorType::kNumeric:
      return ValueRule{"TYPE_MISMATCH_NUMBER", "a number",
                       "Write the value as a decimal number, e.g. \"10\"."};
    case OperatorType::kDate:
      return ValueRule{"TYPE_MISMATCH_DATE",
                       "an ISO 8601 date or epoch seconds",
                       "Write the value as an ISO 8601 date such as "
                       "\"2025-01-31T00:00:00Z\", or as epoch seconds."};
    case OperatorType::kBool:
    case OperatorType::kNull:
      return ValueRule{"TYPE_MISMATCH_BOOLEAN", "\"true\" or \"false\"",
                       "Write the value as true or false."};
    case OperatorType::kIp:
      return ValueRule{"TYPE_MISMATCH_IP_RANGE", "an IP address or CIDR block",
                       "Write the value as an IPv4/IPv6 address or CIDR, "
                       "e.g. \"203.0.113.0/24\"."};
    default:
      return std::nullopt;
  }
}

bool ValueMatches(OperatorType type, std::string_view value) {
  switch (type) {
    case OperatorType::kNumeric:
      return IsConditionNumber(value);
    case OperatorType::kDate:
      return IsConditionDate(value);
    case OperatorType::kBool:
    case OperatorType::kNull:
      return IsConditionBoolean(value);
    case OperatorType::kIp:
      return IsConditionIp(value);
    default:
      return true;
  }
}

void CheckValues(ValidationContext& context, const Condition& condition,
                 const ConditionOperator& op) {
  std::optional<ValueRule> rule = RuleFor(op.type());
  if (!rule.has_value()) return;
  for (const LocatedString& value : condition.values) {
    if (value.symbolic ||
        (context.variables_enabled() && HasVariableSyntax(value.value))) {
      continue;
    }
    if (ValueMatches(op.type(), value.value)) continue;
    context.Add(rule->code, ValidationCategory::kError, value.location,
                absl::StrCat("operator ", condition.op, " on ",
                             QuoteForMessage(condition.key), " needs ",
                             ToAbsl(rule->expected), ", found ",
                             QuoteForMessage(value.value)),
                std::string(rule->fix));
  }
}

void CheckKeyType(ValidationContext& context, const Statement& statement,
                  const Condition& condition, const ConditionOperator& op) {
  if (op.type() == OperatorType::kNull) return;
  std::optional<std::string_view> key_type =
      context.catalogue().ConditionKeyType(condition.key);
  if (!key_type.has_value()) return;
  std::optional<KeyTypeRule> rule = KeyTypeRuleFor(*key_type);
  if (!rule.has_value() || rule->Accepts(op.type())) return;
  context.Add("TYPE_MISMATCH", ValidationCategory::kWarning,
              KeyLocation(context, statement, condition),
              absl::StrCat("operator ", condition.op,
                           " does not compare "
                           "values of type ",
                           ToAbsl(*key_type), ", the documented type of ",
                           QuoteForMessage(condition.key)),
              absl::StrCat("Use ", ToAbsl(rule->operators), " with ",
                           QuoteForMessage(condition.key), "."));
}

// True when the catalogue actions the statement's Action names can all be
// known: not with "*", NotAction, template values or unknown actions. Each
// entry then names at least one action.
bool ActionsKnown(ValidationContext& context, const Statement& statement) {
  if (statement.not_action || statement.actions.empty()) return false;
  const std::vector<size_t>& indices = context.CatalogueIndices(statement);
  for (size_t i = 0; i < statement.actions.size(); ++i) {
    const LocatedString& action = statement.actions[i];
    if (action.symbolic || action.value == "*" ||
        HasVariableSyntax(action.value) ||
        HasWildcard(ActionService(action.value)) ||
        ActionService(action.value).empty()) {
      return false;
    }
    if (!HasWildcard(action.value)) {
      if (indices[i] == ValidationContext::kNoAction) return false;
    } else if (context.Expand(action.value).Empty()) {
      return false;
    }
  }
  return true;
}

// The catalogue actions of a statement for which ActionsKnown holds.
std::vector<size_t> KnownActions(ValidationContext& context,
                                 const Statement& statement) {
  const std::vector<size_t>& indices = context.CatalogueIndices(statement);
  std::vector<size_t> known;
  for (size_t i = 0; i < statement.actions.size(); ++i) {
    if (HasWildcard(statement.actions[i].value)) {
      std::vector<size_t> expansion =
          context.Expand(statement.actions[i].value).Indices();
      known.insert(known.end(), expansion.begin(), expansion.end());
    } else {
      known.push_back(indices[i]);
    }
  }
  std::sort(known.begin(), known.end());
  known.erase(std::unique(known.begin(), known.end()), known.end());
  return known;
}

// `actions` caches KnownActions for the statement's conditions; computed
// only when a key is not global. REQUIRES: ActionsKnown(statement).
void CheckKeySupport(ValidationContext& context, const Statement& statement,
                     const Condition& condition,
                     std::optional<std::vector<size_t>>& actions) {
  const Catalogue& catalogue = context.catalogue();
  size_t colon = condition.key.find(':');
  if (colon == std::string::npos) return;
  std::string_view prefix = std::string_view(condition.key).substr(0, colon);
  if (!absl::EqualsIgnoreCase(ToAbsl(prefix), "aws") &&
      !catalogue.HasService(prefix)) {
    return;  // an identity provider's key ("accounts.google.com:aud"), ...
  }
  // A global key (aws:SourceIp, ...) is valid for every action. An action
  // with no keys or resource types of its own is valid for exactly those,
  // so one question answers for the whole set instead of one per action.
  // The statement names at least one action (ActionsKnown).
  const ActionInfo no_keys;
  if (catalogue.IsConditionKeyValid(no_keys, condition.key)) return;
  if (!actions.has_value()) actions = KnownActions(context, statement);
  for (size_t index : *actions) {
    if (catalogue.IsConditionKeyValid(catalogue.action(index), condition.key)) {
      return;
    }
  }
  std::string named;
  for (const LocatedString& action : statement.actions) {
    absl::StrAppend(&named, named.empty() ? "" : ", ", action.value);
    if (named.size() > 120) {
      named += ", ...";
      break;
    }
  }
  context.Add(
      "UNKNOWN_CONDITION_KEY_FOR_ACTION", ValidationCategory::kWarning,
      KeyLocation(context, statement, condition),
      absl::StrCat("condition key ", QuoteForMessage(condition.key),
                   " is not supported by any of the statement's actions (",
                   named, "), so AWS never has a value for it"),
      "Use a condition key the actions document, or a global aws: key; "
      "check the spelling of the key.");
}

}  // namespace

void CheckConditions(ValidationContext& context, const Statement& statement) {
  if (statement.conditions.empty()) return;
  const bool known = ActionsKnown(context, statement);
  std::optional<std::vector<size_t>> actions;
  for (const Condition& condition : statement.conditions) {
    std::optional<ConditionOperator> op =
        ConditionOperator::Parse(condition.op);
    if (!op.has_value()) {
      const bool null_if_exists = IsNullIfExists(condition.op);
      context.Add(
          null_if_exists ? "NULL_WITH_IF_EXISTS" : "INVALID_CONDITION_OPERATOR",
          ValidationCategory::kError, condition.location,
          null_if_exists
              ? absl::StrCat("operator ", QuoteForMessage(condition.op),
                             " does not exist: Null already tests whether "
                             "the key is present")
              : absl::StrCat("condition operator ",
                             QuoteForMessage(condition.op),
                             " is not an operator AWS knows"),
          null_if_exists
              ? std::string("Use \"Null\" without IfExists.")
              : std::string("Use a documented operator such as "
                            "StringEquals, ArnLike, IpAddress or Bool "
                            "(names are case-sensitive)."));
      continue;
    }
    if (condition.key.find(':') == std::string::npos) {
      context.Add("INVALID_CONDITION_KEY_FORMAT", ValidationCategory::kError,
                  KeyLocation(context, statement, condition),
                  absl::StrCat("condition key ", QuoteForMessage(condition.key),
                               " has no service prefix"),
                  "Write the key as prefix:name, e.g. \"aws:SourceIp\".");
      continue;
    }
    CheckValues(context, condition, *op);
    CheckKeyType(context, statement, condition, *op);
    if (known) CheckKeySupport(context, statement, condition, actions);
  }
}

}  // namespace polygraph::iam::validation_internal
