// The exact part of Diff's access delta: what the identity or resource
// documents of one owner newly allow, decided by iam::Compare, grouped by
// the Resource pattern of the head statement that allows each witness.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "access/symbolic_values.h"
#include "api/diff_internal.h"
#include "polygraph/glob.h"
#include "polygraph/iam_catalogue.h"
#include "polygraph/iam_compare.h"

namespace polygraph::diff_internal {
namespace {

// The statement of `set` a deciding statement names, or nullptr.
const iam::Statement* StatementOf(const iam::PolicySet& set,
                                  const iam::DecidingStatement& deciding) {
  const iam::Policy* policy = nullptr;
  if (deciding.role == iam::PolicyRole::kIdentity &&
      deciding.policy_index < set.identity.size()) {
    policy = &set.identity[deciding.policy_index];
  } else if (deciding.role == iam::PolicyRole::kResource &&
             set.resource_policy.has_value()) {
    policy = &*set.resource_policy;
  }
  if (policy == nullptr ||
      deciding.statement_index >= policy->statements.size()) {
    return nullptr;
  }
  return &policy->statements[deciding.statement_index];
}

// The statement's Resource value that matches `resource`, or "*" for
// NotResource and an absent Resource.
std::string PatternFor(const iam::Statement& statement,
                       std::string_view resource) {
  if (statement.has_resource && !statement.not_resource) {
    for (const iam::LocatedString& value : statement.resources) {
      if (GlobMatch(value.value, resource, GlobCase::kSensitive)) {
        return value.value;
      }
    }
  }
  return "*";
}

// The actions of `names` the statement's Action (or NotAction) names.
std::vector<std::string> NamedBy(const iam::Statement& statement,
                                 const std::vector<std::string>& names) {
  std::vector<std::string> out;
  for (const std::string& name : names) {
    bool named = false;
    for (const iam::LocatedString& action : statement.actions) {
      named = named || GlobMatch(action.value, name, GlobCase::kInsensitive);
    }
    if (named != statement.not_action) out.push_back(name);
  }
  return out;
}

}  // namespace

std::optional<iam::PolicySet> AsPolicySet(
    const std::vector<const PolicyDocument*>& documents) {
  internal::SymbolResolver resolver("111122223333");
  iam::PolicySet set;
  for (const PolicyDocument* document : documents) {
    iam::Policy policy = resolver.Resolve(document->policy);
    if (document->kind == iam::PolicyKind::kIdentity) {
      set.identity.push_back(std::move(policy));
    } else if (document->kind == iam::PolicyKind::kResource &&
               !set.resource_policy.has_value()) {
      set.resource_policy = std::move(policy);
    } else {
      return std::nullopt;
    }
  }
  return set;
}

std::optional<std::vector<DeltaItem>> ExactAccessItems(
    const std::vector<const PolicyDocument*>& base,
    const std::vector<const PolicyDocument*>& head, const AccessSubject& who) {
  std::optional<iam::PolicySet> before = AsPolicySet(base);
  std::optional<iam::PolicySet> after = AsPolicySet(head);
  if (!before.has_value() || !after.has_value()) return std::nullopt;
  iam::CompareOptions options;
  options.max_witnesses = 100;
  absl::StatusOr<iam::Comparison> comparison =
      iam::Compare(*before, *after, options);
  if (!comparison.ok()) return std::nullopt;
  std::vector<DeltaItem> items;
  std::vector<std::string> patterns;
  for (const iam::Witness& witness : comparison->only_b) {
    const iam::Statement* statement = nullptr;
    for (const iam::DecidingStatement& deciding : witness.allowed.statements) {
      statement = StatementOf(*after, deciding);
      if (statement != nullptr) break;
    }
    if (statement == nullptr) continue;
    std::string pattern = PatternFor(*statement, witness.request.resource);
    bool seen = false;
    for (const std::string& known : patterns) seen = seen || known == pattern;
    if (seen) continue;
    patterns.push_back(pattern);
    std::vector<std::string> actions =
        NamedBy(*statement, comparison->only_b_actions);
    if (actions.empty()) actions.push_back(witness.request.action);
    std::string more = actions.size() > 1
                           ? absl::StrCat(" (+", actions.size() - 1, " more)")
                           : std::string();
    items.push_back(
        {.kind = DeltaItem::Kind::kAccess,
         .resource = who.resource,
         .location = statement->location,
         .description = absl::StrCat(who.subject, who.verb, actions.front(),
                                     more, " on ", pattern)});
  }
  return items;
}

}  // namespace polygraph::diff_internal
