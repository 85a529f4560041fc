// ParsePolicy: the IAM policy grammar over a located Value tree.

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "iam/template_expression.h"
#include "polygraph/iam_policy.h"

namespace polygraph::iam {
namespace {

// How a value is described in an error: its kind, or the expression.
std::string Describe(const Value& value) {
  if (std::optional<TemplateExpression> expression =
          AsTemplateExpression(value)) {
    return absl::StrCat("template expression ", expression->spelling);
  }
  if (value.is_string()) return internal::QuoteForMessage(value.text);
  return std::string(Value::KindName(value.kind));
}

absl::Status TypeError(const Value& value, std::string_view element,
                       std::string_view expected) {
  return InputError(
      value.location,
      absl::StrCat(internal::ToAbsl(element), " must be ",
                   internal::ToAbsl(expected), ", found ", Describe(value)));
}

LocatedString Symbolic(const Value& value) {
  return LocatedString{RenderSymbolic(value), value.location,
                       /*symbolic=*/true};
}

// A string element. Numbers are accepted where AWS accepts them unquoted
// (an account id in a Principal); their text is kept as written.
absl::StatusOr<LocatedString> ParseString(const Value& value,
                                          std::string_view element,
                                          bool allow_number) {
  if (AsTemplateExpression(value).has_value()) return Symbolic(value);
  if (value.is_string() || (allow_number && value.is_number())) {
    return LocatedString{value.text, value.location, /*symbolic=*/false};
  }
  return TypeError(value, element, "a string");
}

// A string or an array of strings; an expression in place of the whole array
// (a list parameter, Fn::Split, Fn::If) becomes one symbolic entry.
absl::StatusOr<std::vector<LocatedString>> ParseStringList(
    const Value& value, std::string_view element, bool allow_number) {
  std::vector<LocatedString> strings;
  if (AsTemplateExpression(value).has_value()) {
    strings.push_back(Symbolic(value));
    return strings;
  }
  if (value.is_array()) {
    for (const Value& item : value.items) {
      if (IsNoValue(item)) continue;
      absl::StatusOr<LocatedString> string =
          ParseString(item, element, allow_number);
      if (!string.ok()) return string.status();
      strings.push_back(*std::move(string));
    }
    return strings;
  }
  if (value.is_string() || (allow_number && value.is_number())) {
    strings.push_back(LocatedString{value.text, value.location, false});
    return strings;
  }
  return TypeError(value, element, "a string or an array of strings");
}

absl::Status ParsePrincipal(const Value& value, std::string_view element,
                            Statement& statement) {
  if (value.is_string() && value.text == "*") {
    statement.principals.push_back(
        Principal{"*", LocatedString{"*", value.location, false}});
    return absl::OkStatus();
  }
  if (!value.is_object() || AsTemplateExpression(value).has_value()) {
    return TypeError(value, element, "\"*\" or an object");
  }
  for (size_t i = 0; i < value.keys.size(); ++i) {
    const std::string& type = value.keys[i];
    if (type != "AWS" && type != "Service" && type != "Federated" &&
        type != "CanonicalUser") {
      return InputError(value.key_locations[i],
                        absl::StrCat("unknown principal type ",
                                     internal::QuoteForMessage(type)));
    }
    absl::StatusOr<std::vector<LocatedString>> values = ParseStringList(
        value.items[i], absl::StrCat(internal::ToAbsl(element), " ", type),
        /*allow_number=*/true);
    if (!values.ok()) return values.status();
    for (LocatedString& principal : *values) {
      statement.principals.push_back(Principal{type, std::move(principal)});
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<LocatedString> ParseConditionValue(const Value& value,
                                                  std::string_view key) {
  if (AsTemplateExpression(value).has_value()) return Symbolic(value);
  if (value.is_bool()) {
    return LocatedString{value.boolean ? "true" : "false", value.location,
                         false};
  }
  if (value.is_string() || value.is_number()) {
    return LocatedString{value.text, value.location, false};
  }
  return TypeError(
      value,
      absl::StrCat("condition value for ", internal::QuoteForMessage(key)),
      "a string, number, boolean or an array of them");
}

absl::Status ParseConditions(const Value& value, Statement& statement) {
  if (!value.is_object() || AsTemplateExpression(value).has_value()) {
    return TypeError(value, "Condition", "an object");
  }
  for (size_t i = 0; i < value.keys.size(); ++i) {
    const Value& block = value.items[i];
    if (!block.is_object() || AsTemplateExpression(block).has_value()) {
      return TypeError(block,
                       absl::StrCat("condition operator ",
                                    internal::QuoteForMessage(value.keys[i])),
                       "an object of condition keys");
    }
    for (size_t k = 0; k < block.keys.size(); ++k) {
      Condition condition;
      condition.op = value.keys[i];
      condition.key = block.keys[k];
      condition.location = value.key_locations[i];
      const Value& values = block.items[k];
      if (values.is_array() && !AsTemplateExpression(values).has_value()) {
        for (const Value& item : values.items) {
          absl::StatusOr<LocatedString> text =
              ParseConditionValue(item, condition.key);
          if (!text.ok()) return text.status();
          condition.values.push_back(*std::move(text));
        }
      } else {
        absl::StatusOr<LocatedString> text =
            ParseConditionValue(values, condition.key);
        if (!text.ok()) return text.status();
        condition.values.push_back(*std::move(text));
      }
      statement.conditions.push_back(std::move(condition));
    }
  }
  return absl::OkStatus();
}

absl::Status ParseEffect(const Value& value, Statement& statement) {
  statement.effect_location = value.location;
  // AWS compares Effect case-sensitively: "allow" is rejected.
  if (value.is_string() && value.text == "Allow") {
    statement.effect = Effect::kAllow;
  } else if (value.is_string() && value.text == "Deny") {
    statement.effect = Effect::kDeny;
  } else {
    return TypeError(value, "Effect", "\"Allow\" or \"Deny\"");
  }
  return absl::OkStatus();
}

// Checks the elements the policy kind requires or forbids.
absl::Status CheckKind(const Value& value, const Statement& statement,
                       PolicyKind kind) {
  const bool needs_principal =
      kind == PolicyKind::kResource || kind == PolicyKind::kTrust;
  if (kind == PolicyKind::kIdentity && statement.has_principal) {
    std::string_view element =
        statement.not_principal ? "NotPrincipal" : "Principal";
    return InputError(value.KeyLocation(element),
                      absl::StrCat(internal::ToAbsl(element),
                                   " is not allowed in an identity policy"));
  }
  if (kind == PolicyKind::kIdentity && !statement.has_resource) {
    return InputError(value.location,
                      "statement has no Resource or NotResource (an identity "
                      "policy requires one)");
  }
  if (needs_principal && !statement.has_principal) {
    return InputError(
        value.location,
        absl::StrCat("statement has no Principal or NotPrincipal (a ",
                     kind == PolicyKind::kTrust ? "trust" : "resource",
                     " policy requires one)"));
  }
  if (kind == PolicyKind::kTrust && statement.has_resource) {
    std::string_view element =
        statement.not_resource ? "NotResource" : "Resource";
    return InputError(value.KeyLocation(element),
                      absl::StrCat(internal::ToAbsl(element),
                                   " is not allowed in a trust policy"));
  }
  return absl::OkStatus();
}

// Parses one statement element; `seen` holds the elements already read.
absl::Status ParseElement(const std::string& key, const SourceLocation& at,
                          const Value& item, std::set<std::string>& seen,
                          Statement& statement) {
  auto exclusive = [&](std::string_view other) -> absl::Status {
    if (seen.count(std::string(other)) == 0) return absl::OkStatus();
    return InputError(at, absl::StrCat("statement has both ",
                                       internal::ToAbsl(other), " and ", key));
  };
  if (key == "Sid") {
    absl::StatusOr<LocatedString> sid =
        ParseString(item, "Sid", /*allow_number=*/true);
    if (!sid.ok()) return sid.status();
    statement.sid = sid->value;
  } else if (key == "Effect") {
    return ParseEffect(item, statement);
  } else if (key == "Action" || key == "NotAction") {
    if (absl::Status s = exclusive(key == "Action" ? "NotAction" : "Action");
        !s.ok()) {
      return s;
    }
    absl::StatusOr<std::vector<LocatedString>> actions =
        ParseStringList(item, key, /*allow_number=*/false);
    if (!actions.ok()) return actions.status();
    statement.actions = *std::move(actions);
    statement.not_action = key == "NotAction";
  } else if (key == "Resource" || key == "NotResource") {
    if (absl::Status s =
            exclusive(key == "Resource" ? "NotResource" : "Resource");
        !s.ok()) {
      return s;
    }
    absl::StatusOr<std::vector<LocatedString>> resources =
        ParseStringList(item, key, /*allow_number=*/false);
    if (!resources.ok()) return resources.status();
    statement.resources = *std::move(resources);
    statement.not_resource = key == "NotResource";
    statement.has_resource = true;
  } else if (key == "Principal" || key == "NotPrincipal") {
    if (absl::Status s =
            exclusive(key == "Principal" ? "NotPrincipal" : "Principal");
        !s.ok()) {
      return s;
    }
    statement.has_principal = true;
    statement.not_principal = key == "NotPrincipal";
    return ParsePrincipal(item, key, statement);
  } else if (key == "Condition") {
    return ParseConditions(item, statement);
  } else {
    return InputError(at, absl::StrCat("unknown statement element ",
                                       internal::QuoteForMessage(key)));
  }
  return absl::OkStatus();
}

absl::StatusOr<Statement> ParseStatement(const Value& value, PolicyKind kind) {
  if (!value.is_object() || AsTemplateExpression(value).has_value()) {
    return TypeError(value, "a statement", "an object");
  }
  Statement statement;
  statement.location = value.location;
  std::set<std::string> seen;
  for (size_t i = 0; i < value.keys.size(); ++i) {
    const std::string& key = value.keys[i];
    if (!seen.insert(key).second) {
      return InputError(value.key_locations[i],
                        absl::StrCat("duplicate statement element ",
                                     internal::QuoteForMessage(key)));
    }
    if (absl::Status status = ParseElement(key, value.key_locations[i],
                                           value.items[i], seen, statement);
        !status.ok()) {
      return status;
    }
  }
  if (seen.count("Effect") == 0) {
    return InputError(value.location, "statement has no Effect");
  }
  if (seen.count("Action") == 0 && seen.count("NotAction") == 0) {
    return InputError(value.location,
                      "statement has neither Action nor NotAction");
  }
  if (absl::Status status = CheckKind(value, statement, kind); !status.ok()) {
    return status;
  }
  return statement;
}

// A statement position: an object, or Fn::If choosing between statements,
// which contributes both branches (either may apply; AWS::NoValue adds none).
absl::Status ParseStatementItem(const Value& value, PolicyKind kind,
                                std::vector<Statement>& statements) {
  std::optional<TemplateExpression> expression = AsTemplateExpression(value);
  if (expression.has_value() && expression->name == "Fn::If" &&
      expression->argument->is_array() &&
      expression->argument->items.size() == 3) {
    for (size_t branch = 1; branch < 3; ++branch) {
      const Value& item = expression->argument->items[branch];
      if (IsNoValue(item)) continue;
      if (item.is_array()) {
        for (const Value& nested : item.items) {
          if (absl::Status s = ParseStatementItem(nested, kind, statements);
              !s.ok()) {
            return s;
          }
        }
        continue;
      }
      if (absl::Status s = ParseStatementItem(item, kind, statements);
          !s.ok()) {
        return s;
      }
    }
    return absl::OkStatus();
  }
  absl::StatusOr<Statement> statement = ParseStatement(value, kind);
  if (!statement.ok()) return statement.status();
  statements.push_back(*std::move(statement));
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Policy> ParsePolicy(const Value& document,
                                   const PolicyParseOptions& options) {
  if (!document.is_object() || AsTemplateExpression(document).has_value()) {
    return TypeError(document, "a policy document", "an object");
  }
  Policy policy;
  policy.location = document.location;
  const Value* statements = nullptr;
  for (size_t i = 0; i < document.keys.size(); ++i) {
    const std::string& key = document.keys[i];
    const Value& item = document.items[i];
    if (key == "Version") {
      if (!item.is_string() ||
          (item.text != "2012-10-17" && item.text != "2008-10-17")) {
        return TypeError(item, "Version", "\"2012-10-17\" or \"2008-10-17\"");
      }
      policy.version = item.text;
    } else if (key == "Id") {
      absl::StatusOr<LocatedString> id =
          ParseString(item, "Id", /*allow_number=*/true);
      if (!id.ok()) return id.status();
      policy.id = id->value;
    } else if (key == "Statement") {
      statements = &item;
    } else {
      return InputError(document.key_locations[i],
                        absl::StrCat("unknown policy element ",
                                     internal::QuoteForMessage(key)));
    }
  }
  if (statements == nullptr) {
    return InputError(document.location, "policy has no Statement");
  }
  if (statements->is_array() &&
      !AsTemplateExpression(*statements).has_value()) {
    for (const Value& item : statements->items) {
      if (IsNoValue(item)) continue;
      if (absl::Status s =
              ParseStatementItem(item, options.kind, policy.statements);
          !s.ok()) {
        return s;
      }
    }
  } else if (absl::Status s = ParseStatementItem(*statements, options.kind,
                                                 policy.statements);
             !s.ok()) {
    return s;
  }
  return policy;
}

}  // namespace polygraph::iam
