// AccountFromModel: the roles and users of a Model with the policies that
// apply to each (account_from_model.h).
//
// Attachments are read from the model's references: a principal refers to
// a managed policy (ManagedPolicyArns, AttachedManagedPolicies) or to its
// permissions boundary (a property starting with "PermissionsBoundary"); a
// policy resource refers to the principals it applies to (Roles, Users,
// Groups); a user refers to its groups, or a membership resource names the
// user and the group together.

#include "polygraph/account_from_model.h"

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "access/model_principals.h"
#include "access/symbolic_values.h"
#include "access/well_known_policies.h"
#include "base/strings.h"

namespace polygraph {
namespace {

using ::polygraph::internal::ToAbsl;

bool IsPrincipal(const Resource& resource) {
  return resource.kind == ResourceKind::kRole ||
         resource.kind == ResourceKind::kUser;
}

bool IsPolicyResource(const Resource& resource) {
  return resource.kind == ResourceKind::kManagedPolicy ||
         resource.kind == ResourceKind::kInlinePolicy ||
         resource.type == "AWS::IAM::Policy" ||
         resource.type == "AWS::IAM::RolePolicy" ||
         resource.type == "AWS::IAM::UserPolicy" ||
         resource.type == "AWS::IAM::GroupPolicy";
}

bool IsBoundaryProperty(std::string_view property) {
  return absl::StartsWith(ToAbsl(property), "PermissionsBoundary");
}

// A literal string property, or "".
std::string LiteralProperty(const Resource& resource, std::string_view key) {
  const Value* value = resource.properties.Find(key);
  if (value == nullptr || !value->is_string() || !value->tag.empty()) return "";
  return value->text;
}

class AccountBuilder {
 public:
  AccountBuilder(const Model& model, const AccountFromModelOptions& options)
      : model_(model), options_(options) {}

  iam::Account Build() {
    account_.id = options_.account_id;
    const std::vector<Resource>& resources = model_.resources();
    for (size_t i = 0; i < resources.size(); ++i) {
      if (!IsPrincipal(resources[i])) continue;
      indices_.push_back(i);
      account_.principals.push_back(Declare(resources[i]));
    }
    // Renderings resolve to principals only once all are declared.
    internal::SymbolResolver resolver(options_.account_id);
    for (size_t p = 0; p < indices_.size(); ++p) {
      const Resource& resource = resources[indices_[p]];
      resolver.Add(resource.name, account_.principals[p].arn,
                   PrincipalName(resource));
    }
    for (size_t p = 0; p < indices_.size(); ++p) {
      Attach(indices_[p], account_.principals[p], resolver);
    }
    return std::move(account_);
  }

 private:
  std::string PrincipalName(const Resource& resource) const {
    std::string_view key =
        resource.kind == ResourceKind::kRole ? "RoleName" : "UserName";
    std::string name = LiteralProperty(resource, key);
    return name.empty() ? resource.name : name;
  }

  iam::AccountPrincipal Declare(const Resource& resource) const {
    iam::AccountPrincipal principal;
    principal.kind = resource.kind == ResourceKind::kRole
                         ? iam::PrincipalKind::kRole
                         : iam::PrincipalKind::kUser;
    principal.name = resource.name;
    principal.location = resource.location;
    principal.arn = LiteralProperty(resource, "Arn");
    if (principal.arn.empty()) {
      std::string path = LiteralProperty(resource, "Path");
      if (path.empty()) path.push_back('/');
      principal.arn =
          absl::StrCat("arn:aws:iam::", options_.account_id, ":",
                       ToAbsl(iam::PrincipalKindName(principal.kind)), path,
                       PrincipalName(resource));
    }
    return principal;
  }

  // The principal, and for a user the groups it belongs to.
  std::set<size_t> Members(size_t principal) const {
    if (model_.resources()[principal].kind != ResourceKind::kUser) {
      return {principal};
    }
    return internal::UserAndGroups(model_, principal);
  }

  void AddPolicy(const PolicyDocument& document, std::string label,
                 bool boundary, iam::AccountPrincipal& principal,
                 const internal::SymbolResolver& resolver) const {
    iam::PolicySource source{.label = std::move(label),
                             .location = document.policy.location};
    iam::Policy policy = resolver.Resolve(document.policy);
    if (boundary) {
      if (!principal.policies.permissions_boundary.has_value()) {
        principal.policies.permissions_boundary.emplace();
      }
      principal.policies.permissions_boundary->push_back(std::move(policy));
      principal.boundary_sources.push_back(std::move(source));
    } else {
      principal.policies.identity.push_back(std::move(policy));
      principal.identity_sources.push_back(std::move(source));
    }
  }

  std::string Label(const PolicyDocument& document, size_t member,
                    size_t principal) const {
    const std::vector<Resource>& resources = model_.resources();
    std::string owner_part;
    if (document.owner != member && document.owner < resources.size()) {
      owner_part = absl::StrCat(
          resources[document.owner].kind == ResourceKind::kManagedPolicy
              ? "managed policy \""
              : "policy \"",
          document.name, "\"");
    } else {
      owner_part = absl::StrCat("inline policy \"", document.name, "\"");
    }
    if (member == principal) return owner_part;
    return absl::StrCat("group \"", resources[member].name, "\" ", owner_part);
  }

  // Adds the well-known AWS managed policies named by ARN in the
  // ManagedPolicyArns of `member`.
  void AddWellKnown(size_t member, size_t principal_index,
                    iam::AccountPrincipal& principal,
                    const internal::SymbolResolver& resolver) const {
    const Resource& resource = model_.resources()[member];
    for (std::string_view key : {std::string_view("ManagedPolicyArns"),
                                 std::string_view("AttachedManagedPolicies")}) {
      const Value* list = resource.properties.Find(key);
      if (list == nullptr || !list->is_array()) continue;
      for (const Value& item : list->items) {
        const Value* arn = &item;
        if (item.is_object()) arn = item.Find("PolicyArn");
        if (arn == nullptr || !arn->is_string()) continue;
        const iam::Policy* policy =
            internal::WellKnownManagedPolicy(arn->text, arn->location);
        if (policy == nullptr) continue;
        PolicyDocument document{.owner = kNoResource,
                                .name = internal::ManagedPolicyName(arn->text),
                                .kind = iam::PolicyKind::kIdentity,
                                .policy = *policy};
        std::string label =
            absl::StrCat("AWS managed policy \"", document.name, "\"");
        if (member != principal_index) {
          label = absl::StrCat("group \"", resource.name, "\" ", label);
        }
        AddPolicy(document, std::move(label), false, principal, resolver);
      }
    }
  }

  void Attach(size_t index, iam::AccountPrincipal& principal,
              const internal::SymbolResolver& resolver) const {
    const std::vector<Resource>& resources = model_.resources();
    const size_t n = resources.size();
    const std::set<size_t> members = Members(index);
    for (size_t member : members) {
      if (member != index) principal.groups.push_back(resources[member].name);
    }
    std::sort(principal.groups.begin(), principal.groups.end());
    // Policy resource → (the member it applies to, whether a boundary).
    std::vector<std::pair<size_t, std::pair<size_t, bool>>> attached;
    for (const Reference& reference : model_.references()) {
      if (reference.from >= n || reference.to >= n) continue;
      if (members.contains(reference.from) &&
          IsPolicyResource(resources[reference.to])) {
        bool boundary =
            reference.from == index && IsBoundaryProperty(reference.property);
        attached.push_back({reference.to, {reference.from, boundary}});
      }
      if (members.contains(reference.to) &&
          IsPolicyResource(resources[reference.from])) {
        attached.push_back({reference.from, {reference.to, false}});
      }
    }
    std::sort(attached.begin(), attached.end());
    attached.erase(std::unique(attached.begin(), attached.end()),
                   attached.end());
    for (const PolicyDocument& document : model_.policies()) {
      if (document.kind == iam::PolicyKind::kTrust && document.owner == index) {
        principal.trust_policy = resolver.Resolve(document.policy);
        continue;
      }
      if (document.kind != iam::PolicyKind::kIdentity) continue;
      if (members.contains(document.owner)) {
        AddPolicy(document, Label(document, document.owner, index), false,
                  principal, resolver);
        continue;
      }
      for (const auto& [policy_resource, use] : attached) {
        if (policy_resource != document.owner) continue;
        AddPolicy(document, Label(document, use.first, index), use.second,
                  principal, resolver);
        break;
      }
    }
    for (size_t member : members) {
      AddWellKnown(member, index, principal, resolver);
    }
    if (principal.trust_policy.has_value()) {
      std::set<std::string> services;
      for (const iam::Statement& statement :
           principal.trust_policy->statements) {
        if (statement.effect != iam::Effect::kAllow || statement.not_principal)
          continue;
        for (const iam::Principal& entry : statement.principals) {
          if (entry.type == "Service" && !entry.value.symbolic) {
            services.insert(entry.value.value);
          }
        }
      }
      principal.service_principals.assign(services.begin(), services.end());
    }
  }

  const Model& model_;
  const AccountFromModelOptions& options_;
  iam::Account account_;
  std::vector<size_t> indices_;  // principal → resource index
};

}  // namespace

absl::StatusOr<iam::Account> AccountFromModel(
    const Model& model, const AccountFromModelOptions& options) {
  return AccountBuilder(model, options).Build();
}

absl::StatusOr<AccountAnalysis> AnalyseAccount(
    const Model& model, const AccountFromModelOptions& options) {
  absl::StatusOr<iam::Account> account = AccountFromModel(model, options);
  if (!account.ok()) return account.status();
  absl::StatusOr<std::vector<iam::EffectivePermissions>> permissions =
      iam::ComputeEffectivePermissions(*account);
  if (!permissions.ok()) return permissions.status();
  absl::StatusOr<iam::EscalationGraph> graph =
      iam::EscalationGraph::Build(*account, *permissions);
  if (!graph.ok()) return graph.status();
  std::vector<iam::Risk> risks = iam::ClassifyRisks(*account, *permissions);
  return AccountAnalysis{.account = *std::move(account),
                         .permissions = *std::move(permissions),
                         .risks = std::move(risks),
                         .graph = *std::move(graph)};
}

}  // namespace polygraph
