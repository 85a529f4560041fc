// Security warnings: Allow with NotAction/NotResource/NotPrincipal,
// iam:PassRole on every role, public principals without a condition, and
// web-identity trust without a condition.

#include <string>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "iam/validation_internal.h"
#include "polygraph/glob.h"

namespace polygraph::iam::validation_internal {
namespace {

using internal::QuoteForMessage;
using internal::ToAbsl;

void CheckAllowWithNot(ValidationContext& context, const Statement& statement) {
  struct Case {
    bool present;
    std::string_view element;
    std::string_view code;
    std::string_view risk;
    std::string_view fix;
  };
  const Case cases[] = {
      {statement.not_action, "NotAction", "ALLOW_WITH_NOT_ACTION",
       "allows every action not listed, including actions AWS adds later",
       "List the allowed actions in \"Action\" instead of excluding some "
       "with \"NotAction\"."},
      {statement.not_resource, "NotResource", "ALLOW_WITH_NOT_RESOURCE",
       "allows every resource not listed, including resources created later",
       "List the allowed resources in \"Resource\" instead of excluding some "
       "with \"NotResource\"."},
      {statement.has_principal && statement.not_principal, "NotPrincipal",
       "ALLOW_WITH_NOT_PRINCIPAL",
       "allows every principal not listed, anonymous callers included",
       "Name the allowed principals in \"Principal\", or use \"*\" with a "
       "condition on aws:PrincipalArn."},
  };
  for (const Case& c : cases) {
    if (!c.present) continue;
    context.Add(c.code, ValidationCategory::kSecurityWarning,
                context.ElementLocation(statement, c.element),
                absl::StrCat("Allow with ", ToAbsl(c.element), " in ",
                             StatementName(context.policy(), statement), " ",
                             ToAbsl(c.risk)),
                std::string(c.fix));
  }
}

// The Action entry through which the statement allows iam:PassRole, or
// nullptr. With NotAction, the first entry stands for the whole element
// when no entry excludes iam:PassRole.
const LocatedString* PassRoleAction(const Statement& statement) {
  constexpr std::string_view kPassRole = "iam:PassRole";
  if (!statement.not_action) {
    for (const LocatedString& action : statement.actions) {
      if (!action.symbolic &&
          GlobMatch(action.value, kPassRole, GlobCase::kInsensitive)) {
        return &action;
      }
    }
    return nullptr;
  }
  if (statement.actions.empty()) return nullptr;
  for (const LocatedString& action : statement.actions) {
    if (action.symbolic ||
        GlobMatch(action.value, kPassRole, GlobCase::kInsensitive)) {
      return nullptr;
    }
  }
  return &statement.actions.front();
}

void CheckPassRole(ValidationContext& context, const Statement& statement) {
  if (!statement.has_resource) return;
  const LocatedString* action = PassRoleAction(statement);
  if (action == nullptr) return;
  const std::string through =
      statement.not_action
          ? std::string("NotAction, which does not exclude it")
          : absl::StrCat("action ", QuoteForMessage(action->value));
  if (statement.not_resource) {
    context.Add("PASS_ROLE_WITH_NOT_RESOURCE",
                ValidationCategory::kSecurityWarning, action->location,
                absl::StrCat("iam:PassRole is allowed (through ", through,
                             ") with NotResource, so every role but the "
                             "listed ones can be passed to a service"),
                "Allow iam:PassRole in a statement of its own whose Resource "
                "lists the role ARNs to pass.");
    return;
  }
  for (const LocatedString& resource : statement.resources) {
    if (resource.symbolic || resource.value != "*") continue;
    context.Add("PASS_ROLE_WITH_STAR_IN_RESOURCE",
                ValidationCategory::kSecurityWarning, action->location,
                absl::StrCat("iam:PassRole is allowed (through ", through,
                             ") on Resource \"*\", so any role, however "
                             "powerful, can be passed to a service"),
                "Allow iam:PassRole in a statement of its own whose Resource "
                "lists the role ARNs to pass, and consider a condition on "
                "iam:PassedToService.");
    return;
  }
}

void CheckPublicPrincipal(ValidationContext& context,
                          const Statement& statement) {
  if (context.kind() == PolicyKind::kIdentity || !statement.has_principal ||
      statement.not_principal || !statement.conditions.empty()) {
    return;
  }
  for (const Principal& principal : statement.principals) {
    if (principal.value.symbolic || principal.value.value != "*") continue;
    if (principal.type != "*" && principal.type != "AWS") continue;
    context.Add(
        "PUBLIC_ACCESS_WITHOUT_CONDITION", ValidationCategory::kSecurityWarning,
        principal.value.location,
        absl::StrCat(StatementName(context.policy(), statement),
                     " allows principal ",
                     principal.type == "*" ? "\"*\"" : "{\"AWS\": \"*\"}",
                     " without a condition: anyone, in any account or "
                     "anonymous, is granted access"),
        "Name the principals allowed, or add a condition such as "
        "aws:PrincipalOrgID or aws:SourceAccount.");
    return;
  }
}

void CheckWebIdentityTrust(ValidationContext& context,
                           const Statement& statement) {
  if (statement.not_action || !statement.conditions.empty()) return;
  bool federated = false;
  for (const Principal& principal : statement.principals) {
    federated = federated || principal.type == "Federated";
  }
  if (!federated) return;
  for (const LocatedString& action : statement.actions) {
    if (action.symbolic ||
        !GlobMatch(action.value, "sts:AssumeRoleWithWebIdentity",
                   GlobCase::kInsensitive)) {
      continue;
    }
    context.Add("MISSING_WEB_IDENTITY_CONDITION",
                ValidationCategory::kSecurityWarning, action.location,
                absl::StrCat(StatementName(context.policy(), statement),
                             " lets a federated identity assume the role "
                             "with ",
                             QuoteForMessage(action.value),
                             " but has no condition, so any identity of "
                             "the provider, from any application, may"),
                "Add a StringEquals condition on the provider's aud (and "
                "sub) keys, e.g. \"token.actions.githubusercontent.com:aud\".");
    return;
  }
}

}  // namespace

void CheckSecurity(ValidationContext& context, const Statement& statement) {
  if (statement.effect != Effect::kAllow) return;
  CheckAllowWithNot(context, statement);
  CheckPassRole(context, statement);
  CheckPublicPrincipal(context, statement);
  CheckWebIdentityTrust(context, statement);
}

}  // namespace polygraph::iam::validation_internal
