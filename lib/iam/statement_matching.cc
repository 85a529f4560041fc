#include "iam/statement_matching.h"

#include <string>
#include <string_view>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "polygraph/source_location.h"

namespace polygraph::iam::internal {
namespace {

absl::Status SymbolicError(const LocatedString& value,
                           std::string_view element) {
  return InputError(
      value.location,
      absl::StrCat(::polygraph::internal::ToAbsl(element), " ",
                   ::polygraph::internal::QuoteForMessage(value.value),
                   " is an unresolved template expression and cannot be "
                   "decided"));
}

std::string_view ToStd(absl::string_view text) {
  return std::string_view(text.data(), text.size());
}

}  // namespace

absl::StatusOr<CompiledStatement> CompiledStatement::Compile(
    const Statement& statement, bool substitute_variables,
    const StatementScope& scope) {
  CompiledStatement compiled;
  compiled.effect_ = statement.effect;
  compiled.sid_ = statement.sid;
  compiled.location_ = statement.location;
  compiled.not_action_ = statement.not_action;
  for (const LocatedString& action : statement.actions) {
    if (action.symbolic) return SymbolicError(action, "action");
    std::vector<PolicyVariableText::Part> parts = {
        {PolicyVariableText::Part::Kind::kLiteral, action.value, std::nullopt}};
    compiled.actions_.emplace_back(parts, /*wildcards=*/true,
                                   PatternCase::kInsensitive);
  }
  compiled.has_resource_ = statement.has_resource;
  compiled.not_resource_ = statement.not_resource;
  compiled.absent_resource_matches_ = scope.absent_resource_matches;
  for (const LocatedString& resource : statement.resources) {
    if (resource.symbolic) return SymbolicError(resource, "resource");
    absl::StatusOr<PolicyVariableText> text =
        SplitPolicyText(resource.value, substitute_variables);
    if (!text.ok()) {
      return InputError(resource.location, ToStd(text.status().message()));
    }
    compiled.resources_.emplace_back(*text);
  }
  compiled.has_principal_ = statement.has_principal;
  compiled.not_principal_ = statement.not_principal;
  compiled.principal_required_ = scope.principal_required;
  for (const Principal& principal : statement.principals) {
    if (principal.value.symbolic) {
      return SymbolicError(principal.value, "principal");
    }
    PrincipalEntry entry;
    const std::string& value = principal.value.value;
    entry.text = value;
    if (principal.type == "*" || (principal.type == "AWS" && value == "*")) {
      entry.kind = PrincipalEntry::Kind::kEveryone;
    } else if (principal.type == "AWS") {
      PrincipalInfo info = ParsePrincipal(value);
      if (info.kind == PrincipalInfo::Kind::kAccountRoot) {
        entry.kind = PrincipalEntry::Kind::kAccount;
        entry.account = std::string(info.account);
      } else if (info.kind == PrincipalInfo::Kind::kRole) {
        entry.kind = PrincipalEntry::Kind::kRole;
        entry.account = std::string(info.account);
        entry.partition = std::string(info.partition);
        entry.name = std::string(info.name);
      }
    }
    compiled.principals_.push_back(std::move(entry));
  }
  for (const Condition& condition : statement.conditions) {
    absl::StatusOr<CompiledCondition> compiled_condition =
        CompiledCondition::Compile(condition, substitute_variables);
    if (!compiled_condition.ok()) return compiled_condition.status();
    compiled.conditions_.push_back(*std::move(compiled_condition));
  }
  return compiled;
}

bool CompiledStatement::MatchesAction(std::string_view action) const {
  bool any = false;
  for (const TextPattern& pattern : actions_) {
    if (pattern.Matches(action, nullptr)) {
      any = true;
      break;
    }
  }
  return any != not_action_;
}

bool CompiledStatement::MatchesResource(const ArnView& resource,
                                        const RequestContext* context) const {
  if (!has_resource_) return absent_resource_matches_;
  bool any = false;
  for (const ArnPattern& pattern : resources_) {
    if (pattern.Matches(resource, context)) {
      any = true;
      break;
    }
  }
  return any != not_resource_;
}

bool CompiledStatement::Names(const PrincipalEntry& entry,
                              const PrincipalInfo& principal) const {
  using Kind = PrincipalInfo::Kind;
  switch (entry.kind) {
    case PrincipalEntry::Kind::kEveryone:
      return true;
    case PrincipalEntry::Kind::kAccount:
      return principal.InAccount() && principal.account == entry.account;
    case PrincipalEntry::Kind::kRole:
      if (principal.kind == Kind::kRole) return principal.text == entry.text;
      return principal.kind == Kind::kRoleSession &&
             principal.account == entry.account &&
             principal.partition == entry.partition &&
             principal.name == entry.name;
    case PrincipalEntry::Kind::kExact:
      return principal.text == entry.text;
  }
  return false;
}

bool CompiledStatement::Excluded(const PrincipalInfo& principal) const {
  // AWS checks each identity in the principal's chain against NotPrincipal
  // (the account, then the role, then the session or user): the principal
  // is exempt only when every link is listed.
  bool everyone = false, account = false, role = false, exact = false;
  for (const PrincipalEntry& entry : principals_) {
    bool names = Names(entry, principal);
    if (!names) continue;
    switch (entry.kind) {
      case PrincipalEntry::Kind::kEveryone:
        everyone = true;
        break;
      case PrincipalEntry::Kind::kAccount:
        account = true;
        break;
      case PrincipalEntry::Kind::kRole:
        role = true;
        break;
      case PrincipalEntry::Kind::kExact:
        exact = true;
        break;
    }
  }
  if (everyone) return true;
  using Kind = PrincipalInfo::Kind;
  switch (principal.kind) {
    case Kind::kAnonymous:
      return false;
    case Kind::kService:
    case Kind::kExternal:
      return exact;
    case Kind::kAccountRoot:
      return account;
    case Kind::kRole:
    case Kind::kRoleSession:
      return account && (role || exact);
    case Kind::kUser:
    case Kind::kFederatedUser:
    case Kind::kOtherArn:
      return account && exact;
  }
  return false;
}

PrincipalMatch CompiledStatement::MatchPrincipal(
    const PrincipalInfo& principal, bool has_permissions_boundary) const {
  if (!has_principal_) {
    return principal_required_ ? PrincipalMatch::kNone
                               : PrincipalMatch::kDirect;
  }
  if (not_principal_) {
    using Kind = PrincipalInfo::Kind;
    bool iam_entity = principal.kind == Kind::kUser ||
                      principal.kind == Kind::kRole ||
                      principal.kind == Kind::kRoleSession;
    if (effect_ == Effect::kDeny && has_permissions_boundary && iam_entity) {
      return PrincipalMatch::kDirect;
    }
    if (effect_ == Effect::kAllow) {
      // AWS supports NotPrincipal only with Deny; with Allow it "allows all
      // principals except the one named in the NotPrincipal element": a
      // principal any entry names (as Principal would) is left out.
      for (const PrincipalEntry& entry : principals_) {
        if (Names(entry, principal)) return PrincipalMatch::kNone;
      }
      return PrincipalMatch::kEveryone;
    }
    return Excluded(principal) ? PrincipalMatch::kNone
                               : PrincipalMatch::kDirect;
  }
  PrincipalMatch best = PrincipalMatch::kNone;
  for (const PrincipalEntry& entry : principals_) {
    if (!Names(entry, principal)) continue;
    PrincipalMatch match = PrincipalMatch::kDirect;
    if (entry.kind == PrincipalEntry::Kind::kAccount) {
      match = PrincipalMatch::kAccount;
    } else if (entry.kind == PrincipalEntry::Kind::kEveryone) {
      match = PrincipalMatch::kEveryone;
    } else if (entry.kind == PrincipalEntry::Kind::kRole) {
      match = PrincipalMatch::kRole;
    }
    if (match > best) best = match;
    if (best == PrincipalMatch::kDirect) break;
  }
  return best;
}

PrincipalMatch CompiledStatement::MatchTarget(
    const StatementInput& input) const {
  if (!MatchesAction(input.action)) return PrincipalMatch::kNone;
  if (!MatchesResource(*input.resource, input.context)) {
    return PrincipalMatch::kNone;
  }
  return MatchPrincipal(*input.principal, input.has_permissions_boundary);
}

bool CompiledStatement::ConditionsHold(const RequestContext& context,
                                       MissingKeys* missing) const {
  bool all = true;
  for (const CompiledCondition& condition : conditions_) {
    if (!condition.Evaluate(context, missing)) all = false;
  }
  return all;
}

}  // namespace polygraph::iam::internal
