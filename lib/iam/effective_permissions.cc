// Effective permissions (iam_effective.h): per principal and per resource
// pattern named by its identity Allow statements, the catalogue actions the
// identity policies allow there, less their unconditional Denies, within
// the permissions boundary and every SCP level.
//
// Coverage of a pattern by a statement is decided on the pattern's text:
// a Resource value covers it when it glob-matches the pattern itself (so
// "arn:aws:s3:::*" covers "arn:aws:s3:::logs/*"); a NotResource statement
// covers a Resource pattern that overlaps none of its values, and a
// NotResource pattern whose excluded values include all of its own.
//
// Expansions of action patterns, and the action set of each distinct
// Action/NotAction list, are cached by text for the whole call: principals
// share managed policies, so most statements are expanded once.

#include <algorithm>
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "base/strings.h"
#include "iam/effective_internal.h"
#include "polygraph/glob.h"
#include "polygraph/iam_account.h"
#include "polygraph/iam_catalogue.h"
#include "polygraph/iam_effective.h"
#include "polygraph/iam_policy.h"

namespace polygraph::iam {
namespace {

using ::polygraph::internal::ToAbsl;

bool AllStars(std::string_view text) {
  return !text.empty() && text.find_first_not_of('*') == std::string_view::npos;
}

}  // namespace

namespace internal {

bool IsNotResourcePattern(std::string_view pattern) {
  return pattern.substr(0, kNotResourcePrefix.size()) == kNotResourcePrefix;
}

std::vector<std::string> NotResourceValues(std::string_view pattern) {
  if (!IsNotResourcePattern(pattern)) return {};
  return absl::StrSplit(ToAbsl(pattern.substr(kNotResourcePrefix.size())),
                        ", ");
}

bool PatternMatches(std::string_view pattern, std::string_view resource_arn) {
  if (!IsNotResourcePattern(pattern)) {
    return GlobMatch(pattern, resource_arn, GlobCase::kSensitive);
  }
  for (const std::string& value : NotResourceValues(pattern)) {
    if (GlobMatch(value, resource_arn, GlobCase::kSensitive)) return false;
  }
  return true;
}

bool IsBroadPattern(std::string_view pattern) {
  return AllStars(pattern) || IsNotResourcePattern(pattern);
}

const ActionSet& ActionsOfLevel(AccessLevel level) {
  static const std::vector<ActionSet>* const kLevels = [] {
    const Catalogue& catalogue = Catalogue::Builtin();
    auto* levels = new std::vector<ActionSet>(
        static_cast<size_t>(AccessLevel::kTagging) + 1, catalogue.None());
    for (size_t i = 0; i < catalogue.action_count(); ++i) {
      (*levels)[static_cast<size_t>(catalogue.action(i).access_level)].Insert(
          i);
    }
    return levels;
  }();
  return (*kLevels)[static_cast<size_t>(level)];
}

const ActionSet& IamPermissionsManagement() {
  static const ActionSet* const kSet = [] {
    const Catalogue& catalogue = Catalogue::Builtin();
    auto* set = new ActionSet(catalogue.Expand("iam:*"));
    *set &= ActionsOfLevel(AccessLevel::kPermissionsManagement);
    return set;
  }();
  return *kSet;
}

bool IsAdminActionSet(const ActionSet& actions) {
  const Catalogue& catalogue = Catalogue::Builtin();
  if (actions.Count() == catalogue.action_count()) return true;
  return IamPermissionsManagement().IsSubsetOf(actions) &&
         actions.Count() * 100 >= catalogue.action_count() * 95;
}

}  // namespace internal

namespace {

// A resource pattern of a grant: a Resource value, or a NotResource
// statement's values.
struct Pattern {
  bool negated = false;
  std::string text;                 // the Resource value
  std::vector<std::string> values;  // NotResource values
};

// What a statement's Action/NotAction names: the catalogue actions (for
// NotAction, those it does not name) and the literal names the catalogue
// does not know (none for NotAction). Symbolic values name nothing.
struct NamedActions {
  ActionSet actions;
  std::vector<std::string> unknown;
};

// Action sets by text, for one ComputeEffectivePermissions call.
// std::unordered_map keeps references to its values stable.
class ActionCache {
 public:
  const ActionSet& Expand(const std::string& pattern) {
    auto it = expansions_.find(pattern);
    if (it == expansions_.end()) {
      it = expansions_.emplace(pattern, catalogue_.Expand(pattern)).first;
    }
    return it->second;
  }

  const NamedActions& Of(const Statement& statement) {
    key_.clear();
    key_.push_back(statement.not_action ? '!' : '=');
    for (const LocatedString& action : statement.actions) {
      if (action.symbolic) continue;
      key_ += action.value;
      key_ += '\n';
    }
    auto it = statements_.find(key_);
    if (it != statements_.end()) return it->second;
    NamedActions named{.actions = catalogue_.None(), .unknown = {}};
    for (const LocatedString& action : statement.actions) {
      if (action.symbolic) continue;
      named.actions |= Expand(action.value);
      if (!statement.not_action && !IsGlobPattern(action.value) &&
          !catalogue_.FindAction(action.value).has_value()) {
        named.unknown.push_back(action.value);
      }
    }
    if (statement.not_action) named.actions = named.actions.Complement();
    return statements_.emplace(key_, std::move(named)).first->second;
  }

 private:
  const Catalogue& catalogue_ = Catalogue::Builtin();
  std::string key_;
  std::unordered_map<std::string, ActionSet> expansions_;
  std::unordered_map<std::string, NamedActions> statements_;
};

bool HasSymbolicResource(const Statement& statement) {
  return std::any_of(statement.resources.begin(), statement.resources.end(),
                     [](const LocatedString& r) { return r.symbolic; });
}

// Whether `statement`'s Resource/NotResource covers every resource of
// `pattern`, judged on the text. A symbolic NotResource value covers
// nothing (what it excludes is unknown).
bool Covers(const Statement& statement, const Pattern& pattern) {
  if (!statement.has_resource) return false;
  if (!statement.not_resource) {
    for (const LocatedString& resource : statement.resources) {
      if (resource.symbolic) continue;
      if (pattern.negated
              ? AllStars(resource.value)
              : GlobMatch(resource.value, pattern.text, GlobCase::kSensitive)) {
        return true;
      }
    }
    return false;
  }
  if (HasSymbolicResource(statement)) return false;
  for (const LocatedString& excluded : statement.resources) {
    if (pattern.negated) {
      // Covered when the pattern excludes at least what the statement does.
      bool excluded_too = false;
      for (const std::string& value : pattern.values) {
        if (GlobMatch(value, excluded.value, GlobCase::kSensitive)) {
          excluded_too = true;
          break;
        }
      }
      if (!excluded_too) return false;
    } else if (GlobMatch(excluded.value, pattern.text, GlobCase::kSensitive) ||
               GlobMatch(pattern.text, excluded.value, GlobCase::kSensitive)) {
      return false;  // the excluded resources may overlap the pattern
    }
  }
  return true;
}

// Whether the statement's Action/NotAction names `action` (an action the
// catalogue does not know), by case-insensitive glob on the text.
bool NamesText(const Statement& statement, std::string_view action) {
  bool named = false;
  for (const LocatedString& value : statement.actions) {
    if (!value.symbolic &&
        GlobMatch(value.value, action, GlobCase::kInsensitive)) {
      named = true;
      break;
    }
  }
  return named != statement.not_action;
}

bool IsUnconditionalDeny(const Statement& statement) {
  return statement.effect == Effect::kDeny && statement.conditions.empty();
}

// What the policies of a boundary or an SCP level allow on `pattern`: their
// covering Allows (a condition may hold) less their covering unconditional
// Denies. Unknown names in `unknown` that they do not allow are removed.
ActionSet PolicyListAllows(const std::vector<Policy>& policies,
                           const Pattern& pattern, ActionCache& cache,
                           std::vector<std::string>& unknown) {
  ActionSet allowed = Catalogue::Builtin().None();
  std::vector<bool> unknown_allowed(unknown.size(), false);
  std::vector<const Statement*> denies;
  for (const Policy& policy : policies) {
    for (const Statement& statement : policy.statements) {
      if (!Covers(statement, pattern)) continue;
      if (statement.effect == Effect::kAllow) {
        allowed |= cache.Of(statement).actions;
        for (size_t i = 0; i < unknown.size(); ++i) {
          if (NamesText(statement, unknown[i])) unknown_allowed[i] = true;
        }
      } else if (IsUnconditionalDeny(statement)) {
        denies.push_back(&statement);
      }
    }
  }
  for (const Statement* deny : denies) {
    allowed -= cache.Of(*deny).actions;
    for (size_t i = 0; i < unknown.size(); ++i) {
      if (NamesText(*deny, unknown[i])) unknown_allowed[i] = false;
    }
  }
  std::vector<std::string> kept;
  for (size_t i = 0; i < unknown.size(); ++i) {
    if (unknown_allowed[i]) kept.push_back(std::move(unknown[i]));
  }
  unknown = std::move(kept);
  return allowed;
}

// An identity statement with its place and action set.
struct IdentityStatement {
  const Statement* statement = nullptr;
  const ActionSet* actions = nullptr;
  const std::vector<std::string>* unknown = nullptr;  // NamedActions::unknown
  size_t policy_index = 0;
  size_t statement_index = 0;
};

StatementRef RefOf(const IdentityStatement& s) {
  return StatementRef{.role = PolicyRole::kIdentity,
                      .level = 0,
                      .policy_index = s.policy_index,
                      .statement_index = s.statement_index,
                      .sid = s.statement->sid,
                      .location = s.statement->location};
}

// The grant on `pattern`, named `name`; its actions and unknown actions
// are empty when nothing survives. Unless null, `unconditional` receives
// the granted actions some unconditional Allow statement grants.
PermissionGrant GrantOn(const std::string& name, const Pattern& pattern,
                        const AccountPrincipal& principal,
                        const std::vector<IdentityStatement>& allows,
                        const std::vector<IdentityStatement>& denies,
                        ActionCache& cache, ActionSet* unconditional) {
  const Catalogue& catalogue = Catalogue::Builtin();
  PermissionGrant grant;
  grant.resource_pattern = name;
  grant.actions = catalogue.None();
  if (unconditional != nullptr) *unconditional = catalogue.None();
  std::vector<const IdentityStatement*> granting;
  std::vector<std::string> unknown;
  for (const IdentityStatement& allow : allows) {
    if (!Covers(*allow.statement, pattern)) continue;
    granting.push_back(&allow);
    grant.actions |= *allow.actions;
    if (unconditional != nullptr && allow.statement->conditions.empty()) {
      *unconditional |= *allow.actions;
    }
    unknown.insert(unknown.end(), allow.unknown->begin(), allow.unknown->end());
  }
  if (granting.empty()) return grant;
  std::sort(unknown.begin(), unknown.end());
  unknown.erase(std::unique(unknown.begin(), unknown.end()), unknown.end());
  for (const IdentityStatement& deny : denies) {
    if (!Covers(*deny.statement, pattern)) continue;
    grant.actions -= *deny.actions;
    std::erase_if(unknown, [&](const std::string& unknown_name) {
      return NamesText(*deny.statement, unknown_name);
    });
  }
  const PolicySet& policies = principal.policies;
  if (policies.permissions_boundary.has_value()) {
    grant.actions &= PolicyListAllows(*policies.permissions_boundary, pattern,
                                      cache, unknown);
  }
  for (const std::vector<Policy>& level : policies.service_control_policies) {
    grant.actions &= PolicyListAllows(level, pattern, cache, unknown);
  }
  if (unconditional != nullptr) *unconditional &= grant.actions;
  grant.unknown_actions = std::move(unknown);
  grant.conditional = true;
  ActionSet granted;
  for (const IdentityStatement* allow : granting) {
    granted = *allow->actions;  // reuses the buffer
    granted &= grant.actions;
    bool grants_unknown = false;
    for (const std::string& name : *allow->unknown) {
      grants_unknown |= std::binary_search(grant.unknown_actions.begin(),
                                           grant.unknown_actions.end(), name);
    }
    if (granted.Empty() && !grants_unknown) continue;
    grant.statements.push_back(RefOf(*allow));
    if (allow->statement->conditions.empty()) grant.conditional = false;
  }
  return grant;
}

EffectivePermissions ForPrincipal(size_t index,
                                  const AccountPrincipal& principal,
                                  ActionCache& cache) {
  const Catalogue& catalogue = Catalogue::Builtin();
  EffectivePermissions result;
  result.principal = index;
  result.actions = catalogue.None();
  std::vector<IdentityStatement> allows;
  std::vector<IdentityStatement> denies;
  std::map<std::string, Pattern> patterns;  // by grant name, sorted
  const std::vector<Policy>& identity = principal.policies.identity;
  for (size_t p = 0; p < identity.size(); ++p) {
    for (size_t s = 0; s < identity[p].statements.size(); ++s) {
      const Statement& statement = identity[p].statements[s];
      const NamedActions& named = cache.Of(statement);
      IdentityStatement entry{.statement = &statement,
                              .actions = &named.actions,
                              .unknown = &named.unknown,
                              .policy_index = p,
                              .statement_index = s};
      if (statement.effect == Effect::kDeny) {
        if (IsUnconditionalDeny(statement)) denies.push_back(entry);
        continue;
      }
      allows.push_back(entry);
      if (!statement.has_resource) continue;
      if (statement.not_resource) {
        if (HasSymbolicResource(statement) || statement.resources.empty()) {
          continue;
        }
        Pattern pattern{.negated = true, .text = "", .values = {}};
        for (const LocatedString& value : statement.resources) {
          pattern.values.push_back(value.value);
        }
        std::string name = absl::StrCat(ToAbsl(internal::kNotResourcePrefix),
                                        absl::StrJoin(pattern.values, ", "));
        patterns.emplace(std::move(name), std::move(pattern));
        continue;
      }
      for (const LocatedString& value : statement.resources) {
        if (value.symbolic) continue;
        patterns.emplace(
            value.value,
            Pattern{.negated = false, .text = value.value, .values = {}});
      }
    }
  }
  ActionSet unconditional_everywhere = catalogue.None();
  for (const auto& [name, pattern] : patterns) {
    const bool everywhere = !pattern.negated && AllStars(pattern.text);
    ActionSet unconditional;
    PermissionGrant grant =
        GrantOn(name, pattern, principal, allows, denies, cache,
                everywhere ? &unconditional : nullptr);
    if (grant.actions.Empty() && grant.unknown_actions.empty()) continue;
    if (everywhere) unconditional_everywhere |= unconditional;
    result.actions |= grant.actions;
    result.grants.push_back(std::move(grant));
  }
  result.admin = internal::IsAdminActionSet(unconditional_everywhere);
  return result;
}

}  // namespace

ActionSet EffectivePermissions::ByLevel(AccessLevel level) const {
  ActionSet result = actions;
  if (result.Empty()) return Catalogue::Builtin().None();
  result &= internal::ActionsOfLevel(level);
  return result;
}

bool EffectivePermissions::Allows(size_t action,
                                  std::string_view resource_arn) const {
  for (const PermissionGrant& grant : grants) {
    if (grant.actions.Contains(action) &&
        internal::PatternMatches(grant.resource_pattern, resource_arn)) {
      return true;
    }
  }
  return false;
}

absl::StatusOr<std::vector<EffectivePermissions>> ComputeEffectivePermissions(
    const Account& account) {
  ActionCache cache;
  std::vector<EffectivePermissions> result;
  result.reserve(account.principals.size());
  for (size_t i = 0; i < account.principals.size(); ++i) {
    result.push_back(ForPrincipal(i, account.principals[i], cache));
  }
  return result;
}

}  // namespace polygraph::iam
