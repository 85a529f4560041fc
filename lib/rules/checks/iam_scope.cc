// PG-IAM-003: write or permissions-management actions that support
// resource-level scoping allowed on Resource "*". PG-IAM-008: iam:PassRole
// allowed for any role.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "polygraph/iam_decision.h"
#include "rules/check_registry.h"
#include "rules/checks/checks.h"
#include "rules/checks/iam_internal.h"
#include "rules/checks/terraform_fix.h"

namespace polygraph::rules::internal {
namespace {

// "*" or "<service>:*": PG-IAM-001's values.
bool IsServiceWildcard(std::string_view action) {
  if (action == "*") return true;
  if (action.size() < 3 || !action.ends_with(":*")) return false;
  return action.substr(0, action.size() - 2).find(':') ==
         std::string_view::npos;
}

bool IsIdentityLike(const PolicyDocument& policy) {
  return policy.kind != iam::PolicyKind::kResource &&
         policy.kind != iam::PolicyKind::kTrust;
}

// The write and permissions-management actions of `set` that name at least
// one resource type (so a Resource ARN can scope them), without
// iam:PassRole (PG-IAM-008's).
iam::ActionSet ScopableWrites(const iam::ActionSet& set) {
  const iam::Catalogue& catalogue = iam::Catalogue::Builtin();
  const std::optional<size_t> pass_role = catalogue.FindAction("iam:PassRole");
  iam::ActionSet out = catalogue.None();
  for (size_t index : set.Indices()) {
    const iam::ActionInfo& action = catalogue.action(index);
    if (action.access_level != iam::AccessLevel::kWrite &&
        action.access_level != iam::AccessLevel::kPermissionsManagement) {
      continue;
    }
    if (action.resources.empty() || index == pass_role) continue;
    out.Insert(index);
  }
  return out;
}

// The probe for PG-IAM-008: a caller of this account passing a role of this
// account that no policy names.
constexpr std::string_view kProbeCaller =
    "arn:aws:iam::111122223333:user/probe";
constexpr std::string_view kProbeRole =
    "arn:aws:iam::111122223333:role/any-role-of-the-account";

// Whether `statement` alone allows iam:PassRole of any role, decided by the
// Authorizer with an empty request context (a condition such as
// iam:PassedToService narrows it, so it does not). Symbolic actions and
// resources are left out first (they name specific things); a statement
// that still does not compile (a symbolic condition value) is conditioned,
// so it does not either.
bool AllowsPassingAnyRole(const iam::Statement& statement) {
  iam::Statement probe = statement;
  probe.actions.clear();
  for (const iam::LocatedString& action : statement.actions) {
    if (!action.symbolic) probe.actions.push_back(action);
  }
  if (probe.actions.empty() && !statement.not_action) return false;
  probe.resources.clear();
  for (const iam::LocatedString& resource : statement.resources) {
    if (!resource.symbolic) probe.resources.push_back(resource);
  }
  if (statement.has_resource && probe.resources.empty()) return false;
  iam::PolicySet policies;
  iam::Policy policy;
  policy.version = "2012-10-17";
  policy.statements.push_back(std::move(probe));
  policies.identity.push_back(std::move(policy));
  absl::StatusOr<iam::Authorizer> authorizer =
      iam::Authorizer::Compile(policies);
  if (!authorizer.ok()) return false;
  iam::Request request;
  request.principal = std::string(kProbeCaller);
  request.action = "iam:PassRole";
  request.resource = std::string(kProbeRole);
  return authorizer->Decide(request).kind == iam::DecisionKind::kAllow;
}

std::string WriteFix(bool terraform, const std::string& owner,
                     const std::string& first) {
  const std::string where = terraform
                                ? absl::StrCat(" in the policy of ", owner,
                                               TerraformModuleNote(owner))
                                : std::string();
  return absl::StrCat(
      "scope ", ElementName("Resource", terraform), " \"*\"", where,
      " to the ARNs these actions must change (e.g. ",
      terraform ? "aws_s3_bucket.<name>.arn" : "!GetAtt <Bucket>.Arn", " for ",
      first,
      "), moving them to their own statement if the read actions need "
      "\"*\"");
}

std::string PassRoleFix(bool terraform, const std::string& owner) {
  const std::string where = terraform
                                ? absl::StrCat(" in the policy of ", owner,
                                               TerraformModuleNote(owner))
                                : std::string();
  return absl::StrCat(
      "allow iam:PassRole", where,
      " only on the ARNs of the roles this "
      "principal must hand to a service (",
      ElementName("Resource", terraform), ", e.g. ",
      terraform ? "aws_iam_role.<name>.arn" : "!GetAtt <Role>.Arn",
      ") and add a ", ElementName("Condition", terraform),
      " StringEquals iam:PassedToService naming that service (e.g. "
      "\"ecs-tasks.amazonaws.com\")");
}

}  // namespace

std::vector<Finding> CheckIamUnscopedWrite(const CheckContext& context,
                                           const RuleInfo& rule) {
  const Model& model = context.model();
  const iam::Catalogue& catalogue = iam::Catalogue::Builtin();
  std::vector<Finding> findings;
  for (const PolicyDocument& policy : model.policies()) {
    if (!IsIdentityLike(policy)) continue;
    for (const iam::Statement& statement : policy.policy.statements) {
      if (statement.effect != iam::Effect::kAllow || statement.not_action ||
          !statement.conditions.empty() || !HasWildcardResource(statement) ||
          IsAdminEquivalent(statement)) {
        continue;
      }
      iam::ActionSet writes = catalogue.None();
      SourceLocation location;
      for (const iam::LocatedString& action : statement.actions) {
        if (action.symbolic || IsServiceWildcard(action.value)) continue;
        const iam::ActionSet these =
            ScopableWrites(catalogue.Expand(action.value));
        if (these.Empty()) continue;
        if (writes.Empty()) location = action.location;
        writes |= these;
      }
      if (writes.Empty()) continue;
      Finding finding = NewFinding(rule);
      finding.location =
          location.known() ? location : FirstActionLocation(statement);
      finding.resource = PolicyOwnerName(model, policy);
      finding.message = absl::StrCat(
          StatementLabel(policy, statement), " allows ", writes.Count(),
          " write or permissions-management action",
          writes.Count() == 1 ? "" : "s",
          " that support resource-level scoping on Resource \"*\": ",
          ActionList(writes));
      finding.fix =
          WriteFix(IsTerraformPolicy(model, policy), finding.resource,
                   catalogue.action(writes.Indices().front()).FullName());
      findings.push_back(std::move(finding));
    }
  }
  return findings;
}

std::vector<Finding> CheckIamPassRole(const CheckContext& context,
                                      const RuleInfo& rule) {
  const Model& model = context.model();
  const iam::Catalogue& catalogue = iam::Catalogue::Builtin();
  const std::optional<size_t> pass_role = catalogue.FindAction("iam:PassRole");
  std::vector<Finding> findings;
  if (!pass_role.has_value()) return findings;
  for (const PolicyDocument& policy : model.policies()) {
    if (!IsIdentityLike(policy)) continue;
    for (const iam::Statement& statement : policy.policy.statements) {
      if (statement.effect != iam::Effect::kAllow ||
          IsAdminEquivalent(statement) || !AllowsPassingAnyRole(statement)) {
        continue;
      }
      // The value that grants it: the first Action whose expansion holds
      // iam:PassRole, or the first NotAction value.
      const iam::LocatedString* value = nullptr;
      for (const iam::LocatedString& action : statement.actions) {
        if (action.symbolic) continue;
        if (statement.not_action ||
            catalogue.Expand(action.value).Contains(*pass_role)) {
          value = &action;
          break;
        }
      }
      Finding finding = NewFinding(rule);
      finding.location = value != nullptr && value->location.known()
                             ? value->location
                             : FirstActionLocation(statement);
      finding.resource = PolicyOwnerName(model, policy);
      std::string resources;
      for (const iam::LocatedString& resource : statement.resources) {
        absl::StrAppend(&resources, resources.empty() ? "" : ", ", "\"",
                        resource.value, "\"");
      }
      finding.message = absl::StrCat(
          StatementLabel(policy, statement), " allows iam:PassRole",
          value == nullptr
              ? std::string()
              : absl::StrCat(" through ",
                             statement.not_action ? "NotAction " : "Action ",
                             "\"", value->value, "\""),
          " on ", statement.not_resource ? "NotResource " : "Resource ",
          resources.empty() ? std::string("(any)") : resources,
          " with no condition narrowing it: the principal can hand "
          "any role of the account to a service and act with its "
          "permissions");
      finding.fix =
          PassRoleFix(IsTerraformPolicy(model, policy), finding.resource);
      findings.push_back(std::move(finding));
    }
  }
  return findings;
}

}  // namespace polygraph::rules::internal
