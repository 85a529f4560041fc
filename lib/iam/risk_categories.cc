// Risk categories of principals (iam_effective.h), decided from their
// effective permissions by the tables of catalogue actions in
// risk_tables.cc (risk_tables.h).

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "base/strings.h"
#include "iam/effective_internal.h"
#include "iam/risk_tables.h"
#include "polygraph/glob.h"
#include "polygraph/iam_account.h"
#include "polygraph/iam_catalogue.h"
#include "polygraph/iam_effective.h"

namespace polygraph::iam {
namespace internal {

using ::polygraph::internal::ToAbsl;

bool MayNameIamResources(std::string_view pattern) {
  if (IsBroadPattern(pattern)) return true;
  std::vector<absl::string_view> fields =
      absl::StrSplit(ToAbsl(pattern), absl::MaxSplits(':', 3));
  if (fields.size() < 3) return IsGlobPattern(pattern);
  return GlobMatch(std::string_view(fields[0].data(), fields[0].size()), "arn",
                   GlobCase::kInsensitive) &&
         GlobMatch(std::string_view(fields[2].data(), fields[2].size()), "iam",
                   GlobCase::kInsensitive);
}

}  // namespace internal

namespace {

using ::polygraph::internal::JoinFirst;
using ::polygraph::internal::QuoteForMessage;
using ::polygraph::internal::ToAbsl;

// Action sets of statements by place, cached by the Action text.
class StatementActionCache {
 public:
  const ActionSet& Of(const Account& account, size_t principal,
                      const StatementRef& ref) {
    const Statement& statement = account.principals[principal]
                                     .policies.identity[ref.policy_index]
                                     .statements[ref.statement_index];
    std::string key = statement.not_action ? "!" : "=";
    for (const LocatedString& action : statement.actions) {
      if (!action.symbolic) absl::StrAppend(&key, action.value, "\n");
    }
    auto it = sets_.find(key);
    if (it != sets_.end()) return it->second;
    const Catalogue& catalogue = Catalogue::Builtin();
    ActionSet set = catalogue.None();
    for (const LocatedString& action : statement.actions) {
      if (!action.symbolic) set |= catalogue.Expand(action.value);
    }
    if (statement.not_action) set = set.Complement();
    return sets_.emplace(std::move(key), std::move(set)).first->second;
  }

 private:
  std::unordered_map<std::string, ActionSet> sets_;
};

std::string_view Phrase(RiskCategory category) {
  switch (category) {
    case RiskCategory::kPrivilegeEscalation:
      return "can escalate privileges";
    case RiskCategory::kDataExfiltration:
      return "can read data anywhere";
    case RiskCategory::kResourceExposure:
      return "can change resource policies anywhere";
    case RiskCategory::kInfrastructureModification:
      return "can modify infrastructure anywhere";
    case RiskCategory::kCredentialsExposure:
      return "can obtain credentials anywhere";
    case RiskCategory::kAdministrator:
      return "is an administrator";
  }
  return "";
}

std::vector<std::string> Names(const ActionSet& set) {
  const Catalogue& catalogue = Catalogue::Builtin();
  std::vector<std::string> names;
  for (size_t index : set.Indices()) {
    names.push_back(catalogue.action(index).FullName());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// As PrincipalLabel, with the name escaped and cut by QuoteForMessage:
// risk messages quote values copied from input.
std::string QuotedPrincipalLabel(const AccountPrincipal& principal) {
  return absl::StrCat(ToAbsl(PrincipalKindName(principal.kind)), " ",
                      QuoteForMessage(principal.name));
}

// Appends to `out` the statements of `refs` that grant some of `actions`
// and are not there yet.
void AddStatements(const Account& account, size_t principal,
                   const std::vector<StatementRef>& refs,
                   const ActionSet& actions, StatementActionCache& cache,
                   std::vector<StatementRef>& out) {
  const std::vector<size_t> indices = actions.Indices();
  for (const StatementRef& ref : refs) {
    const ActionSet& granted = cache.Of(account, principal, ref);
    if (std::none_of(indices.begin(), indices.end(),
                     [&](size_t i) { return granted.Contains(i); })) {
      continue;
    }
    if (std::find(out.begin(), out.end(), ref) == out.end()) {
      out.push_back(ref);
    }
  }
}

Risk MakeRisk(RiskCategory category, const Account& account, size_t principal,
              const PermissionGrant& grant, const ActionSet& actions,
              StatementActionCache& cache) {
  Risk risk;
  risk.category = category;
  risk.principal = principal;
  risk.actions = Names(actions);
  risk.resource_pattern = grant.resource_pattern;
  AddStatements(account, principal, grant.statements, actions, cache,
                risk.statements);
  risk.message =
      absl::StrCat(QuotedPrincipalLabel(account.principals[principal]), " ",
                   ToAbsl(Phrase(category)), ": ", JoinFirst(risk.actions, 5),
                   " on ", QuoteForMessage(grant.resource_pattern));
  return risk;
}

Risk AdministratorRisk(const Account& account,
                       const EffectivePermissions& permissions,
                       StatementActionCache& cache) {
  const Catalogue& catalogue = Catalogue::Builtin();
  Risk risk;
  risk.category = RiskCategory::kAdministrator;
  risk.principal = permissions.principal;
  risk.resource_pattern = std::string(1, '*');
  for (const PermissionGrant& grant : permissions.grants) {
    if (grant.resource_pattern != "*") continue;
    ActionSet actions = grant.actions;
    actions &= internal::IamPermissionsManagement();
    risk.actions = Names(actions);
    AddStatements(account, permissions.principal, grant.statements,
                  grant.actions, cache, risk.statements);
  }
  risk.message = absl::StrCat(
      QuotedPrincipalLabel(account.principals[permissions.principal]),
      " is an administrator: ", permissions.actions.Count(), " of ",
      catalogue.action_count(), " catalogue actions on \"*\"");
  return risk;
}

// Privilege-escalation findings of one principal: the direct IAM actions on
// each grant that may name IAM resources, with iam:PassRole there when the
// principal may also create or update compute somewhere.
void EscalationRisks(const Account& account,
                     const EffectivePermissions& permissions,
                     StatementActionCache& cache, std::vector<Risk>& out) {
  const Catalogue& catalogue = Catalogue::Builtin();
  const std::optional<size_t> pass_role = catalogue.FindAction("iam:PassRole");
  ActionSet compute = internal::PassRoleComputeActions();
  compute &= permissions.actions;
  for (const PermissionGrant& grant : permissions.grants) {
    if (!internal::MayNameIamResources(grant.resource_pattern)) continue;
    ActionSet actions = grant.actions;
    actions &= internal::RiskActions(RiskCategory::kPrivilegeEscalation);
    const bool passes = pass_role.has_value() && !compute.Empty() &&
                        grant.actions.Contains(*pass_role);
    if (passes) actions.Insert(*pass_role);
    if (actions.Empty()) continue;
    Risk risk = MakeRisk(RiskCategory::kPrivilegeEscalation, account,
                         permissions.principal, grant, actions, cache);
    if (passes) {
      for (const std::string& name : Names(compute)) {
        risk.actions.push_back(name);
      }
      std::sort(risk.actions.begin(), risk.actions.end());
      for (const PermissionGrant& other : permissions.grants) {
        AddStatements(account, permissions.principal, other.statements, compute,
                      cache, risk.statements);
      }
      risk.message = absl::StrCat(
          QuotedPrincipalLabel(account.principals[permissions.principal]), " ",
          ToAbsl(Phrase(RiskCategory::kPrivilegeEscalation)), ": ",
          JoinFirst(risk.actions, 5), " on ",
          QuoteForMessage(grant.resource_pattern));
    }
    out.push_back(std::move(risk));
  }
}

}  // namespace

std::string_view RiskCategoryName(RiskCategory category) {
  switch (category) {
    case RiskCategory::kPrivilegeEscalation:
      return "privilege-escalation";
    case RiskCategory::kDataExfiltration:
      return "data-exfiltration";
    case RiskCategory::kResourceExposure:
      return "resource-exposure";
    case RiskCategory::kInfrastructureModification:
      return "infrastructure-modification";
    case RiskCategory::kCredentialsExposure:
      return "credentials-exposure";
    case RiskCategory::kAdministrator:
      return "administrator";
  }
  return "administrator";
}

std::vector<Risk> ClassifyRisks(
    const Account& account,
    const std::vector<EffectivePermissions>& permissions) {
  static constexpr RiskCategory kBroadCategories[] = {
      RiskCategory::kDataExfiltration,
      RiskCategory::kResourceExposure,
      RiskCategory::kInfrastructureModification,
      RiskCategory::kCredentialsExposure,
  };
  StatementActionCache cache;
  std::vector<Risk> risks;
  for (const EffectivePermissions& principal : permissions) {
    if (principal.principal >= account.principals.size()) continue;
    if (principal.admin) {
      risks.push_back(AdministratorRisk(account, principal, cache));
      continue;
    }
    EscalationRisks(account, principal, cache, risks);
    for (const PermissionGrant& grant : principal.grants) {
      if (!internal::IsBroadPattern(grant.resource_pattern)) continue;
      for (RiskCategory category : kBroadCategories) {
        ActionSet actions = grant.actions;
        actions &= internal::RiskActions(category);
        if (actions.Empty()) continue;
        risks.push_back(MakeRisk(category, account, principal.principal, grant,
                                 actions, cache));
      }
    }
  }
  std::stable_sort(risks.begin(), risks.end(),
                   [](const Risk& a, const Risk& b) {
                     if (a.principal != b.principal) {
                       return a.principal < b.principal;
                     }
                     return a.category < b.category;
                   });
  return risks;
}

}  // namespace polygraph::iam
