// FindEscalationEdges (escalation_internal.h): EdgeFinder's set-up, the
// exact questions every technique asks, and the per-principal orchestration
// (escalation_finder.h lists which file holds which technique).
//
// Cost: every technique first asks the principal's effective action bitset
// (a few word tests) whether it could apply at all; only the survivors get
// an Authorizer, compiled once per principal, and exact Decide calls on the
// target's ARN. sts:AssumeRole pairs come from the trust policies' named
// principals, so no technique tries all pairs blindly.
//
// Approximations, all stated where they are made:
// - actions that create the compute a passed role runs as (and
//   sts:AssumeRole for trust-update) need only be allowed on some resource
//   by the effective permissions, a conditional grant included;
// - exact requests carry no context but iam:PassedToService, so a
//   statement whose condition reads another key does not apply (no edge);
// - policy-version: the managed policies' ARNs are not in the account
//   model, so P qualifies when it may change "arn:aws:iam::<account>:
//   policy/*" and reaches every principal with a policy whose source label
//   says "managed policy" (AWS managed ones, which nobody can change,
//   excluded);
// - iam:AddUserToGroup: a user that may add itself to a group it is not in
//   (a known one, or any when the grant is a wildcard) gets a self edge.

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "iam/escalation_finder.h"
#include "iam/escalation_internal.h"
#include "polygraph/glob.h"
#include "polygraph/iam_catalogue.h"
#include "polygraph/iam_decision.h"

namespace polygraph::iam::internal {
namespace {

// Whether `statement` names `action` in its Action (or leaves it out of
// its NotAction).
bool StatementNamesAction(const Statement& statement, std::string_view action) {
  bool any = false;
  for (const LocatedString& pattern : statement.actions) {
    if (!pattern.symbolic &&
        GlobMatch(pattern.value, action, GlobCase::kInsensitive)) {
      any = true;
      break;
    }
  }
  return any != statement.not_action;
}

}  // namespace

using ::polygraph::internal::ToAbsl;

StatementRef EdgeFinder::ToRef(const DecidingStatement& statement) {
  StatementRef ref;
  ref.role = statement.role;
  ref.level = statement.level;
  ref.policy_index = statement.policy_index;
  ref.statement_index = statement.statement_index;
  ref.sid = statement.sid;
  ref.location = statement.location;
  return ref;
}

void EdgeFinder::AddUnique(const StatementRef& ref,
                           std::vector<StatementRef>* out) {
  if (std::find(out->begin(), out->end(), ref) == out->end()) {
    out->push_back(ref);
  }
}

EdgeFinder::EdgeFinder(const Account& account,
                       const std::vector<EffectivePermissions>& permissions,
                       std::vector<EscalationEdge>* edges)
    : account_(account),
      permissions_(permissions),
      catalogue_(Catalogue::Builtin()),
      edges_(edges),
      authorizers_(account.principals.size()),
      trust_authorizers_(account.principals.size()) {
  for (std::string_view name : EscalationActionNames()) {
    ids_.emplace(name, catalogue_.FindAction(name));
  }
  for (size_t i = 0; i < account.principals.size(); ++i) {
    by_arn_.emplace(account.principals[i].arn, i);
    for (const std::string& group : account.principals[i].groups) {
      groups_.push_back(group);
    }
  }
  std::sort(groups_.begin(), groups_.end());
  groups_.erase(std::unique(groups_.begin(), groups_.end()), groups_.end());
}

absl::Status EdgeFinder::Run() {
  for (size_t p = 0; p < account_.principals.size(); ++p) {
    absl::Status status = FromPrincipal(p);
    if (!status.ok()) return status;
  }
  return AssumeRoleEdges();
}

std::optional<size_t> EdgeFinder::Id(std::string_view action) const {
  auto found = ids_.find(action);
  return found != ids_.end() ? found->second : catalogue_.FindAction(action);
}

bool EdgeFinder::Has(size_t p, std::string_view action) const {
  std::optional<size_t> id = Id(action);
  return id.has_value() && permissions_[p].actions.Contains(*id);
}

absl::StatusOr<const Authorizer*> EdgeFinder::AuthorizerFor(size_t p) {
  if (!authorizers_[p].has_value()) {
    const AccountPrincipal& principal = account_.principals[p];
    PolicySet policies = principal.policies;
    policies.resource_policy = AccountTrust(principal.arn);
    absl::StatusOr<Authorizer> compiled = Authorizer::Compile(policies);
    if (!compiled.ok()) return compiled.status();
    authorizers_[p].emplace(*std::move(compiled));
  }
  return &*authorizers_[p];
}

Statement EdgeFinder::AllowAssumeRole() {
  Statement statement;
  statement.effect = Effect::kAllow;
  statement.actions.push_back({std::string(kAssumeRole), {}, false});
  return statement;
}

Policy EdgeFinder::AccountTrust(std::string_view arn) const {
  // The account of an ARN is its fifth field.
  std::string_view account = account_.id;
  size_t start = 0;
  for (int field = 0; field < 4 && start != std::string_view::npos; ++field) {
    start = arn.find(':', start);
    if (start != std::string_view::npos) ++start;
  }
  if (start != std::string_view::npos) {
    size_t end = arn.find(':', start);
    if (end != std::string_view::npos && end > start) {
      account = arn.substr(start, end - start);
    }
  }
  Policy policy;
  policy.version = "2012-10-17";
  policy.statements.push_back(AllowAssumeRole());
  policy.statements.back().has_principal = true;
  policy.statements.back().principals.push_back(
      {"AWS",
       {absl::StrCat("arn:aws:iam::", ToAbsl(account), ":root"), {}, false}});
  return policy;
}

absl::StatusOr<bool> EdgeFinder::Allowed(size_t p, std::string_view action,
                                         const std::string& resource,
                                         std::vector<StatementRef>* statements,
                                         std::string_view passed_to_service) {
  if (!Has(p, action)) return false;
  absl::StatusOr<const Authorizer*> authorizer = AuthorizerFor(p);
  if (!authorizer.ok()) return authorizer.status();
  request_.principal = account_.principals[p].arn;
  request_.action.assign(action.data(), action.size());
  request_.resource = resource;
  request_.context.clear();
  if (!passed_to_service.empty()) {
    request_.context["iam:PassedToService"] = {std::string(passed_to_service)};
  }
  Decision decision = (*authorizer)->Decide(request_);
  if (decision.kind != DecisionKind::kAllow) return false;
  for (const DecidingStatement& s : decision.statements) {
    if (s.role != PolicyRole::kResource) AddUnique(ToRef(s), statements);
  }
  return true;
}

void EdgeFinder::GrantStatements(size_t p, std::string_view action,
                                 std::vector<StatementRef>* statements) const {
  std::optional<size_t> id = Id(action);
  if (!id.has_value()) return;
  const PolicySet& policies = account_.principals[p].policies;
  for (const PermissionGrant& grant : permissions_[p].grants) {
    if (!grant.actions.Contains(*id)) continue;
    for (const StatementRef& ref : grant.statements) {
      if (ref.role == PolicyRole::kIdentity &&
          ref.policy_index < policies.identity.size() &&
          ref.statement_index <
              policies.identity[ref.policy_index].statements.size() &&
          !StatementNamesAction(policies.identity[ref.policy_index]
                                    .statements[ref.statement_index],
                                action)) {
        continue;
      }
      AddUnique(ref, statements);
    }
    return;
  }
}

void EdgeFinder::Emit(size_t from, size_t to, EscalationTechnique technique,
                      std::vector<std::string> actions, std::string service,
                      std::vector<StatementRef> statements,
                      std::string explanation) {
  EscalationEdge edge;
  edge.from = from;
  edge.to = to;
  edge.technique = technique;
  edge.actions = std::move(actions);
  edge.service = std::move(service);
  edge.statements = std::move(statements);
  edge.explanation = std::move(explanation);
  edges_->push_back(std::move(edge));
}

std::string EdgeFinder::GroupArn(const std::string& group) const {
  return absl::StrCat("arn:aws:iam::", account_.id, ":group/", group);
}

absl::Status EdgeFinder::FromPrincipal(size_t p) {
  const bool pass_role = Has(p, kPassRole) && FindUsableServices(p);
  const bool credentials = HasAny(p, kCredentialActions);
  const bool role_write = HasAny(p, kRoleWriteActions);
  const bool user_write = HasAny(p, kUserWriteActions);
  const bool group_write = HasAny(p, kGroupWriteActions);
  const bool trust_update = Has(p, kUpdateTrust);
  absl::Status status = PolicyVersionEdges(p);
  if (!status.ok()) return status;
  if (!pass_role && !credentials && !role_write && !user_write &&
      !group_write && !trust_update && !Has(p, kAddUserToGroup)) {
    return absl::OkStatus();
  }
  for (size_t q = 0; q < account_.principals.size(); ++q) {
    const AccountPrincipal& to = account_.principals[q];
    if (to.kind == PrincipalKind::kRole) {
      if (pass_role && q != p) status = PassRoleEdges(p, q);
      if (status.ok() && trust_update && q != p) status = TrustEdge(p, q);
      if (status.ok() && role_write) {
        status = WriteEdge(p, q, kRoleWriteActions, {});
      }
    } else {
      if (credentials && q != p) status = CredentialEdge(p, q);
      if (status.ok() && (user_write || group_write || q == p)) {
        status = WriteEdge(p, q, kUserWriteActions, to.groups);
      }
    }
    if (!status.ok()) return status;
  }
  return absl::OkStatus();
}

std::vector<std::string_view> EscalationActionNames() {
  std::vector<std::string_view> names = {
      EdgeFinder::kAssumeRole, EdgeFinder::kPassRole,
      EdgeFinder::kAddUserToGroup, EdgeFinder::kUpdateTrust};
  auto add = [&](const auto& list) {
    names.insert(names.end(), std::begin(list), std::end(list));
  };
  add(EdgeFinder::kCredentialActions);
  add(EdgeFinder::kVersionActions);
  add(EdgeFinder::kRoleWriteActions);
  add(EdgeFinder::kUserWriteActions);
  add(EdgeFinder::kGroupWriteActions);
  for (const PassRoleService& service : PassRoleServices()) {
    for (const auto& set : service.alternatives) {
      names.insert(names.end(), set.begin(), set.end());
    }
  }
  return names;
}

absl::Status FindEscalationEdges(
    const Account& account,
    const std::vector<EffectivePermissions>& permissions,
    std::vector<EscalationEdge>* edges) {
  if (permissions.size() != account.principals.size()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "escalation graph: ", permissions.size(), " effective permissions for ",
        account.principals.size(), " principals"));
  }
  EdgeFinder finder(account, permissions, edges);
  return finder.Run();
}

}  // namespace polygraph::iam::internal
