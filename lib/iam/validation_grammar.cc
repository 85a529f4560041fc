// Grammar-level checks the parser leaves to validation: Version, Sid, the
// elements a policy kind requires or forbids, empty lists, the form of
// actions, policy variables, and the policy size quota.

#include <cstddef>
#include <string>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "iam/validation_internal.h"
#include "polygraph/iam_condition.h"

namespace polygraph::iam::validation_internal {
namespace {

using internal::QuoteForMessage;

// AWS's quota for a managed policy, in characters without whitespace.
constexpr size_t kManagedPolicyMaxChars = 6144;

// The length of `value` written as compact JSON, stopping once past
// `limit`. String escapes count as one character, as AWS counts characters.
size_t CompactLength(const Value& value, size_t limit, int depth = 0) {
  if (depth > 512) return 0;  // readers bound depth far below this
  switch (value.kind) {
    case Value::Kind::kNull:
    case Value::Kind::kBool:
    case Value::Kind::kNumber:
      return value.text.empty() ? 4 : value.text.size();
    case Value::Kind::kString:
      return value.text.size() + 2;
    case Value::Kind::kArray:
    case Value::Kind::kObject:
      break;
  }
  size_t length = 2 + (value.items.empty() ? 0 : value.items.size() - 1);
  for (size_t i = 0; i < value.items.size() && length <= limit; ++i) {
    if (value.is_object()) length += value.keys[i].size() + 3;
    length += CompactLength(value.items[i], limit, depth + 1);
  }
  return length;
}

void CheckVersion(ValidationContext& context) {
  const Policy& policy = context.policy();
  if (policy.version.empty()) {
    context.Add("MISSING_VERSION", ValidationCategory::kSuggestion,
                policy.location,
                "the policy has no Version, so AWS reads it with the "
                "2008-10-17 grammar, in which policy variables are plain text",
                "Add \"Version\": \"2012-10-17\" at the top of the policy.");
  } else if (policy.version == "2008-10-17") {
    const Value* version = context.document().Find("Version");
    context.Add("OUTDATED_VERSION", ValidationCategory::kSuggestion,
                version != nullptr ? version->location : policy.location,
                "Version \"2008-10-17\" is the legacy grammar: policy "
                "variables are not interpreted",
                "Set \"Version\" to \"2012-10-17\".");
  }
}

void CheckSids(ValidationContext& context) {
  absl::flat_hash_map<std::string, const Statement*> seen;
  for (const Statement& statement : context.policy().statements) {
    if (statement.sid.empty() || context.IsConditional(statement)) continue;
    auto [it, inserted] = seen.emplace(statement.sid, &statement);
    if (inserted) continue;
    const Value* sid = context.Element(statement, "Sid");
    context.Add("UNIQUE_SIDS_REQUIRED", ValidationCategory::kError,
                sid != nullptr ? sid->location : statement.location,
                absl::StrCat("Sid ", QuoteForMessage(statement.sid),
                             " is already used by the statement at line ",
                             it->second->location.line),
                "Give every statement of the policy a distinct Sid.");
  }
}

// IAM identity policies accept only ASCII letters and digits in a Sid.
void CheckSidFormat(ValidationContext& context, const Statement& statement) {
  if (context.kind() != PolicyKind::kIdentity || statement.sid.empty()) return;
  const Value* sid = context.Element(statement, "Sid");
  if (sid == nullptr || !sid->is_string() || !sid->tag.empty()) return;
  for (char c : statement.sid) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c))) {
      context.Add("UNSUPPORTED_SID", ValidationCategory::kError, sid->location,
                  absl::StrCat("Sid ", QuoteForMessage(statement.sid),
                               " holds a character other than a letter or "
                               "digit, which identity policies reject"),
                  "Use only ASCII letters and digits in the Sid.");
      return;
    }
  }
}

void CheckKind(ValidationContext& context, const Statement& statement) {
  const PolicyKind kind = context.kind();
  // Formatted only when an issue needs it.
  auto name = [&] { return StatementName(context.policy(), statement); };
  if (kind == PolicyKind::kIdentity && statement.has_principal) {
    std::string_view element =
        statement.not_principal ? "NotPrincipal" : "Principal";
    context.Add("UNSUPPORTED_PRINCIPAL", ValidationCategory::kError,
                context.ElementLocation(statement, element),
                absl::StrCat(name(), " has a ", internal::ToAbsl(element),
                             ", which an identity policy cannot have"),
                absl::StrCat(
                    "Remove ", internal::ToAbsl(element),
                    ": an identity policy applies to what it is attached to."));
  }
  if (kind == PolicyKind::kIdentity && !statement.has_resource) {
    context.Add("MISSING_RESOURCE", ValidationCategory::kError,
                statement.location,
                absl::StrCat(name(),
                             " has no Resource or NotResource, which "
                             "an identity policy requires"),
                "Add \"Resource\" with the ARNs the statement applies to.");
  }
  if ((kind == PolicyKind::kResource || kind == PolicyKind::kTrust) &&
      !statement.has_principal) {
    context.Add(
        "MISSING_PRINCIPAL", ValidationCategory::kError, statement.location,
        absl::StrCat(name(), " has no Principal or NotPrincipal, which a ",
                     kind == PolicyKind::kTrust ? "trust" : "resource",
                     " policy requires"),
        "Add \"Principal\" naming who the statement applies to.");
  }
  if (kind == PolicyKind::kTrust && statement.has_resource) {
    std::string_view element =
        statement.not_resource ? "NotResource" : "Resource";
    context.Add("UNSUPPORTED_RESOURCE_ARN_IN_POLICY",
                ValidationCategory::kError,
                context.ElementLocation(statement, element),
                absl::StrCat(name(), " has a ", internal::ToAbsl(element),
                             ", which a role trust policy cannot have"),
                absl::StrCat("Remove ", internal::ToAbsl(element),
                             ": the resource is the role itself."));
  }
}

void CheckEmptyLists(ValidationContext& context, const Statement& statement) {
  struct List {
    std::string_view element;
    std::string_view code;
    bool empty;
  };
  const List lists[] = {
      {statement.not_action ? "NotAction" : "Action", "EMPTY_ARRAY_ACTION",
       statement.actions.empty()},
      {statement.not_resource ? "NotResource" : "Resource",
       "EMPTY_ARRAY_RESOURCE",
       statement.has_resource && statement.resources.empty()},
  };
  for (const List& list : lists) {
    if (!list.empty) continue;
    const Value* value = context.Element(statement, list.element);
    if (value == nullptr || !value->is_array()) continue;
    context.Add(
        list.code, ValidationCategory::kWarning, value->location,
        absl::StrCat(internal::ToAbsl(list.element), " of ",
                     StatementName(context.policy(), statement),
                     " is an empty list, so the statement matches no request"),
        absl::StrCat("List at least one entry in ",
                     internal::ToAbsl(list.element),
                     ", or remove the statement."));
  }
}

void CheckActionForm(ValidationContext& context, const Statement& statement) {
  for (const LocatedString& action : statement.actions) {
    if (action.symbolic || action.value == "*") continue;
    if (HasVariableSyntax(action.value)) {
      context.Add("VARIABLE_UNSUPPORTED_IN_ELEMENT", ValidationCategory::kError,
                  action.location,
                  absl::StrCat("action ", QuoteForMessage(action.value),
                               " holds a policy variable, which Action does "
                               "not support"),
                  "Write the action literally, as \"service:ActionName\".");
      continue;
    }
    size_t colon = action.value.find(':');
    if (colon == std::string::npos || colon == 0 ||
        colon + 1 == action.value.size()) {
      context.Add("INVALID_ACTION", ValidationCategory::kError, action.location,
                  absl::StrCat("action ", QuoteForMessage(action.value),
                               " is not of the form \"service:ActionName\""),
                  "Write the action as a service prefix, ':' and an action "
                  "name, e.g. \"s3:GetObject\".");
    }
  }
}

// A code for a malformed variable, from the text's shape.
std::string_view VariableErrorCode(std::string_view text) {
  size_t start = 0;
  while ((start = text.find("${", start)) != std::string_view::npos) {
    size_t end = text.find('}', start);
    if (end == std::string_view::npos) return "MISSING_BRACE_IN_VARIABLE";
    std::string_view body = text.substr(start + 2, end - start - 2);
    if (absl::StripAsciiWhitespace(internal::ToAbsl(body)).empty()) {
      return "EMPTY_VARIABLE";
    }
    start = end + 1;
  }
  return "INVALID_VARIABLE";
}

// `element` names where `text` is written, for messages: "Resource", or
// "condition value for" followed by `key` quoted when `key` is set. The
// name is only built for an issue.
void CheckVariablesIn(ValidationContext& context, const LocatedString& text,
                      std::string_view element,
                      const std::string* key = nullptr) {
  if (text.symbolic || !HasVariableSyntax(text.value)) return;
  if (key != nullptr) {
    const std::string name =
        absl::StrCat(internal::ToAbsl(element), " ", QuoteForMessage(*key));
    CheckVariablesIn(context, text, name);
    return;
  }
  if (!context.variables_enabled()) {
    context.Add(
        "VARIABLE_UNSUPPORTED_IN_VERSION", ValidationCategory::kWarning,
        text.location,
        absl::StrCat(internal::ToAbsl(element), " ",
                     QuoteForMessage(text.value),
                     " holds a policy variable, but without Version "
                     "\"2012-10-17\" AWS matches it as literal text"),
        "Set \"Version\" to \"2012-10-17\" so the variable is replaced.");
    return;
  }
  absl::StatusOr<PolicyVariableText> parsed =
      PolicyVariableText::Parse(text.value);
  if (parsed.ok()) return;
  context.Add(
      VariableErrorCode(text.value), ValidationCategory::kError, text.location,
      absl::StrCat(
          internal::ToAbsl(element), " ", QuoteForMessage(text.value),
          " has a malformed policy variable: ", parsed.status().message()),
      "Write variables as ${key} or ${key, 'default'}; use ${$} for "
      "a literal '$'.");
}

}  // namespace

void CheckPolicyGrammar(ValidationContext& context) {
  CheckVersion(context);
  CheckSids(context);
  if (context.kind() == PolicyKind::kIdentity) {
    size_t length =
        CompactLength(context.document(), kManagedPolicyMaxChars + 1);
    if (length > kManagedPolicyMaxChars) {
      context.Add(
          "POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA",
          ValidationCategory::kWarning, context.policy().location,
          absl::StrCat("the policy is over ", kManagedPolicyMaxChars,
                       " characters without whitespace, the quota of a "
                       "managed policy (inline policies have smaller, "
                       "per-identity quotas)"),
          "Split the policy into several policies, or merge statements and "
          "use wildcards where they grant nothing more.");
    }
  }
}

void CheckStatementGrammar(ValidationContext& context,
                           const Statement& statement) {
  CheckSidFormat(context, statement);
  CheckKind(context, statement);
  CheckEmptyLists(context, statement);
  CheckActionForm(context, statement);
  std::string_view resource_element =
      statement.not_resource ? "NotResource" : "Resource";
  for (const LocatedString& resource : statement.resources) {
    CheckVariablesIn(context, resource, resource_element);
  }
  for (const Condition& condition : statement.conditions) {
    for (const LocatedString& value : condition.values) {
      CheckVariablesIn(context, value, "condition value for", &condition.key);
    }
  }
}

}  // namespace polygraph::iam::validation_internal
