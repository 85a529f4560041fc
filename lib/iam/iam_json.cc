// Requests from JSON and decisions to JSON (include/polygraph/iam_json.h).

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

}  // namespace polygraph::iam
