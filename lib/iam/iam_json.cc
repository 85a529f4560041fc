// Requests from JSON, and decisions, requests and policies to JSON
// (include/polygraph/iam_json.h).

#include "polygraph/iam_json.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "nlohmann/json.hpp"
#include "polygraph/source_location.h"

namespace polygraph::iam {
namespace {

absl::Status MemberError(const Value& value, std::string_view member,
                         std::string_view expected) {
  return InputError(
      value.location,
      absl::StrCat("request member \"", internal::ToAbsl(member), "\" must be ",
                   internal::ToAbsl(expected), ", found ",
                   internal::ToAbsl(Value::KindName(value.kind))));
}

// A scalar context value as IAM sees it: its text ("true", "42", "x").
absl::StatusOr<std::string> ContextScalar(const Value& value,
                                          std::string_view key) {
  if (value.is_string() || value.is_number()) return value.text;
  if (value.is_bool()) return std::string(value.boolean ? "true" : "false");
  return InputError(
      value.location,
      absl::StrCat("context value of ", internal::QuoteForMessage(key),
                   " must be a string, number, boolean or an array of them, "
                   "found ",
                   internal::ToAbsl(Value::KindName(value.kind))));
}

absl::Status ParseContext(const Value& value, Request& request) {
  if (!value.is_object()) {
    return MemberError(value, "context", "an object");
  }
  for (size_t i = 0; i < value.keys.size(); ++i) {
    const std::string& key = value.keys[i];
    const Value& item = value.items[i];
    std::vector<std::string> values;
    if (item.is_array()) {
      for (const Value& element : item.items) {
        absl::StatusOr<std::string> text = ContextScalar(element, key);
        if (!text.ok()) return text.status();
        values.push_back(*std::move(text));
      }
    } else {
      absl::StatusOr<std::string> text = ContextScalar(item, key);
      if (!text.ok()) return text.status();
      values.push_back(*std::move(text));
    }
    if (!request.context.emplace(key, std::move(values)).second) {
      return InputError(value.key_locations[i],
                        absl::StrCat("duplicate context key ",
                                     internal::QuoteForMessage(key)));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Request> ParseRequest(const Value& value) {
  if (!value.is_object()) {
    return InputError(
        value.location,
        absl::StrCat("a request must be an object, found ",
                     internal::ToAbsl(Value::KindName(value.kind))));
  }
  Request request;
  request.resource = "*";
  bool has_principal = false;
  bool has_action = false;
  for (size_t i = 0; i < value.keys.size(); ++i) {
    const std::string& key = value.keys[i];
    const Value& item = value.items[i];
    std::string* target = nullptr;
    if (key == "principal") {
      target = &request.principal;
      has_principal = true;
    } else if (key == "action") {
      target = &request.action;
      has_action = true;
    } else if (key == "resource") {
      target = &request.resource;
    } else if (key == "resource_account") {
      target = &request.resource_account;
    } else if (key == "context") {
      if (absl::Status status = ParseContext(item, request); !status.ok()) {
        return status;
      }
      continue;
    } else {
      return InputError(value.key_locations[i],
                        absl::StrCat("unknown request member ",
                                     internal::QuoteForMessage(key),
                                     " (expected principal, action, resource, "
                                     "resource_account, context)"));
    }
    if (!item.is_string()) return MemberError(item, key, "a string");
    *target = item.text;
  }
  if (!has_principal || !has_action) {
    return InputError(
        value.location,
        absl::StrCat("request has no \"",
                     has_principal ? "action" : "principal", "\""));
  }
  return request;
}

std::string DecisionToJson(const Decision& decision) {
  using nlohmann::ordered_json;
  ordered_json out;
  out["decision"] = std::string(DecisionKindName(decision.kind));
  out["reason"] = decision.reason;
  ordered_json statements = ordered_json::array();
  for (const DecidingStatement& statement : decision.statements) {
    ordered_json item;
    item["role"] = std::string(PolicyRoleName(statement.role));
    item["level"] = statement.level;
    item["policy"] = statement.policy_index;
    item["statement"] = statement.statement_index;
    item["sid"] = statement.sid;
    item["effect"] = statement.effect == Effect::kAllow ? "Allow" : "Deny";
    item["file"] = statement.location.file;
    item["line"] = statement.location.line;
    item["column"] = statement.location.column;
    statements.push_back(std::move(item));
  }
  out["statements"] = std::move(statements);
  out["missing_context_keys"] = decision.missing_context_keys;
  return out.dump(-1, ' ', /*ensure_ascii=*/false,
                  ordered_json::error_handler_t::replace);
}

namespace {

using nlohmann::ordered_json;

// One value as a string, several (or none) as an array.
ordered_json StringOrArray(const std::vector<std::string>& values) {
  if (values.size() == 1) return values[0];
  ordered_json array = ordered_json::array();
  for (const std::string& value : values) array.push_back(value);
  return array;
}

std::vector<std::string> Texts(const std::vector<LocatedString>& strings) {
  std::vector<std::string> texts;
  texts.reserve(strings.size());
  for (const LocatedString& string : strings) texts.push_back(string.value);
  return texts;
}

ordered_json PrincipalJson(const std::vector<Principal>& principals) {
  if (principals.size() == 1 && principals[0].type == "*") return "*";
  // Types in order of first appearance, each with its values.
  std::vector<std::pair<std::string, std::vector<std::string>>> by_type;
  for (const Principal& principal : principals) {
    auto it = by_type.begin();
    while (it != by_type.end() && it->first != principal.type) ++it;
    if (it == by_type.end()) {
      by_type.emplace_back(principal.type, std::vector<std::string>{});
      it = by_type.end() - 1;
    }
    it->second.push_back(principal.value.value);
  }
  ordered_json out = ordered_json::object();
  for (const auto& [type, values] : by_type) out[type] = StringOrArray(values);
  return out;
}

// Conditions grouped by operator in order of first appearance. A key that
// appears twice under one operator (which no JSON document can say) keeps
// its last values.
ordered_json ConditionJson(const std::vector<Condition>& conditions) {
  ordered_json out = ordered_json::object();
  for (const Condition& condition : conditions) {
    out[condition.op][condition.key] = StringOrArray(Texts(condition.values));
  }
  return out;
}

ordered_json StatementJson(const Statement& statement) {
  ordered_json out = ordered_json::object();
  if (!statement.sid.empty()) out["Sid"] = statement.sid;
  out["Effect"] = statement.effect == Effect::kAllow ? "Allow" : "Deny";
  if (statement.has_principal) {
    out[statement.not_principal ? "NotPrincipal" : "Principal"] =
        PrincipalJson(statement.principals);
  }
  out[statement.not_action ? "NotAction" : "Action"] =
      StringOrArray(Texts(statement.actions));
  if (statement.has_resource) {
    out[statement.not_resource ? "NotResource" : "Resource"] =
        StringOrArray(Texts(statement.resources));
  }
  if (!statement.conditions.empty()) {
    out["Condition"] = ConditionJson(statement.conditions);
  }
  return out;
}

}  // namespace

std::string RequestToJson(const Request& request) {
  ordered_json out;
  out["principal"] = request.principal;
  out["action"] = request.action;
  out["resource"] = request.resource;
  out["resource_account"] = request.resource_account;
  ordered_json context = ordered_json::object();
  for (const auto& [key, values] : request.context) {
    // Always an array, so a single value and a one-element set agree.
    ordered_json array = ordered_json::array();
    for (const std::string& value : values) array.push_back(value);
    context[key] = std::move(array);
  }
  out["context"] = std::move(context);
  return out.dump(-1, ' ', /*ensure_ascii=*/false,
                  ordered_json::error_handler_t::replace);
}

std::string PolicyToJson(const Policy& policy) {
  ordered_json out = ordered_json::object();
  if (!policy.version.empty()) out["Version"] = policy.version;
  if (!policy.id.empty()) out["Id"] = policy.id;
  ordered_json statements = ordered_json::array();
  for (const Statement& statement : policy.statements) {
    statements.push_back(StatementJson(statement));
  }
  out["Statement"] = std::move(statements);
  return out.dump(2, ' ', /*ensure_ascii=*/false,
                  ordered_json::error_handler_t::replace) +
         "\n";
}

}  // namespace polygraph::iam
