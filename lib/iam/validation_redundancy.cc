// Redundant statements: a statement that grants (or denies) nothing an
// earlier statement of the same effect does not already grant (or deny).
// Redundancy is claimed only when certain: both statements are plain
// (Action and Resource, no Condition, no template values, not an Fn::If
// branch), their principals are identical, each action is covered
// syntactically or, for a wildcard, by the catalogue's expansion, and each
// resource by an ARN pattern that matches every ARN it can match.

#include <algorithm>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "iam/validation_coverage.h"
#include "iam/validation_internal.h"
#include "polygraph/arn.h"
#include "polygraph/iam_catalogue.h"

namespace polygraph::iam::validation_internal {
namespace {

// Comparing every pair is quadratic; AWS's size quotas keep real policies
// far below this many statements, so larger ones are not searched.
constexpr size_t kMaxStatementsForRedundancy = 512;

bool IsPlain(const ValidationContext& context, const Statement& statement) {
  if (statement.not_action || statement.not_resource ||
      statement.not_principal || !statement.conditions.empty() ||
      statement.actions.empty() || context.IsConditional(statement)) {
    return false;
  }
  auto symbolic = [](const LocatedString& s) { return s.symbolic; };
  return std::none_of(statement.actions.begin(), statement.actions.end(),
                      symbolic) &&
         std::none_of(statement.resources.begin(), statement.resources.end(),
                      symbolic) &&
         std::none_of(statement.principals.begin(), statement.principals.end(),
                      [](const Principal& p) { return p.value.symbolic; });
}

std::vector<std::pair<std::string, std::string>> PrincipalKey(
    const Statement& statement) {
  std::vector<std::pair<std::string, std::string>> key;
  for (const Principal& principal : statement.principals) {
    key.emplace_back(principal.type, principal.value.value);
  }
  std::sort(key.begin(), key.end());
  key.erase(std::unique(key.begin(), key.end()), key.end());
  return key;
}

// True when the Resource pattern `pattern` matches every ARN `covered`
// matches (see ArnMatches for the per-part rules).
bool ResourceCovers(std::string_view pattern, std::string_view covered) {
  if (pattern == "*" || pattern == covered) return true;
  if (HasVariableSyntax(pattern) || HasVariableSyntax(covered)) return false;
  if (!HasWildcard(covered)) return ArnMatches(pattern, covered);
  if (covered == "*" || pattern.empty() || pattern.back() != '*') return false;
  std::string_view prefix = pattern.substr(0, pattern.size() - 1);
  if (HasWildcard(prefix) || !covered.starts_with(prefix)) return false;
  // The final '*' must be free to match colons: in the resource part (after
  // the fifth ':'), or as the last part of a short pattern.
  return std::count(prefix.begin(), prefix.end(), ':') >= 5 ||
         std::count(pattern.begin(), pattern.end(), ':') < 5;
}

// What CheckRedundantStatements knows of a plain statement, built when a
// pair first needs it.
struct PlainStatement {
  const Statement* statement = nullptr;
  std::vector<std::pair<std::string, std::string>> principals;
  std::unique_ptr<ActionSet> expansion;  // the union of their expansions

  const ActionSet& Expansion(ValidationContext& context) {
    if (expansion == nullptr) {
      expansion = std::make_unique<ActionSet>(context.catalogue().None());
      const std::vector<size_t>& indices = context.CatalogueIndices(*statement);
      for (size_t i = 0; i < statement->actions.size(); ++i) {
        if (HasWildcard(statement->actions[i].value)) {
          *expansion |= context.Expand(statement->actions[i].value);
        } else if (indices[i] != ValidationContext::kNoAction) {
          expansion->Insert(indices[i]);
        }
      }
    }
    return *expansion;
  }
};

bool ActionsCovered(ValidationContext& context, PlainStatement& earlier,
                    const Statement& later) {
  const ActionCoverIndex& earlier_index =
      context.CoverIndex(*earlier.statement);
  const ActionCoverIndex& later_index = context.CoverIndex(later);
  for (size_t i = 0; i < later.actions.size(); ++i) {
    const LocatedString& action = later.actions[i];
    bool covered = earlier_index.AnyCovers(later_index, i);
    if (!covered && HasWildcard(action.value) && action.value != "*" &&
        !HasWildcard(ActionService(action.value))) {
      const ActionSet& expansion = context.Expand(action.value);
      covered = !expansion.Empty() &&
                expansion.IsSubsetOf(earlier.Expansion(context));
    }
    if (!covered) return false;
  }
  return true;
}

bool ResourcesCovered(const Statement& earlier, const Statement& later) {
  if (earlier.has_resource != later.has_resource) return false;
  for (const LocatedString& resource : later.resources) {
    if (std::none_of(earlier.resources.begin(), earlier.resources.end(),
                     [&](const LocatedString& r) {
                       return ResourceCovers(r.value, resource.value);
                     })) {
      return false;
    }
  }
  return true;
}

}  // namespace

void CheckRedundantStatements(ValidationContext& context) {
  const std::vector<Statement>& statements = context.policy().statements;
  if (statements.size() < 2 ||
      statements.size() > kMaxStatementsForRedundancy) {
    return;
  }
  std::vector<PlainStatement> plain(statements.size());
  for (size_t i = 0; i < statements.size(); ++i) {
    if (!IsPlain(context, statements[i])) continue;
    plain[i].statement = &statements[i];
    plain[i].principals = PrincipalKey(statements[i]);
  }
  for (size_t later = 1; later < statements.size(); ++later) {
    if (plain[later].statement == nullptr) continue;
    const Statement& s = statements[later];
    for (size_t earlier = 0; earlier < later; ++earlier) {
      const Statement& e = statements[earlier];
      if (plain[earlier].statement == nullptr || e.effect != s.effect ||
          e.has_principal != s.has_principal ||
          plain[earlier].principals != plain[later].principals ||
          !ResourcesCovered(e, s) ||
          !ActionsCovered(context, plain[earlier], s)) {
        continue;
      }
      context.Add(
          "REDUNDANT_STATEMENT", ValidationCategory::kWarning, s.location,
          absl::StrCat(StatementName(context.policy(), s),
                       " adds nothing: its actions and resources are within "
                       "those of ",
                       StatementName(context.policy(), e), " (line ",
                       e.location.line, "), which has the same effect"),
          "Remove the statement, or merge what differs into the other one.");
      break;
    }
  }
}

}  // namespace polygraph::iam::validation_internal
