// PG-IAM-002: an identity policy statement that is admin-equivalent
// (iam_internal.h IsAdminEquivalent), seen through wildcards and NotAction.

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "rules/check_registry.h"
#include "rules/checks/checks.h"
#include "rules/checks/iam_internal.h"
#include "rules/checks/terraform_fix.h"

namespace polygraph::rules::internal {
namespace {

// The statement's Action/NotAction values, quoted and comma-separated.
std::string Values(const iam::Statement& statement) {
  std::string out;
  for (const iam::LocatedString& action : statement.actions) {
    absl::StrAppend(&out, out.empty() ? "" : ", ", "\"", action.value, "\"");
  }
  return out;
}

std::string Fix(bool terraform, const std::string& owner) {
  const std::string where = terraform
                                ? absl::StrCat(" in the policy of ", owner,
                                               TerraformModuleNote(owner))
                                : std::string();
  return absl::StrCat(
      "replace this statement", where, " with one whose ",
      ElementName("Action", terraform),
      " lists the specific actions the principal calls and whose ",
      ElementName("Resource", terraform),
      " lists the ARNs they act on; if an administrator role is really "
      "needed, attach the AWS-managed AdministratorAccess policy to a role "
      "that requires MFA to assume instead of writing an allow-all statement");
}

}  // namespace

std::vector<Finding> CheckIamAdminEquivalent(const CheckContext& context,
                                             const RuleInfo& rule) {
  const Model& model = context.model();
  const iam::Catalogue& catalogue = iam::Catalogue::Builtin();
  std::vector<Finding> findings;
  for (const PolicyDocument& policy : model.policies()) {
    if (policy.kind == iam::PolicyKind::kResource ||
        policy.kind == iam::PolicyKind::kTrust) {
      continue;
    }
    for (const iam::Statement& statement : policy.policy.statements) {
      if (!IsAdminEquivalent(statement)) continue;
      const iam::ActionSet allowed = StatementActions(statement);
      Finding finding = NewFinding(rule);
      finding.location = FirstActionLocation(statement);
      finding.resource = PolicyOwnerName(model, policy);
      const std::string values = Values(statement);
      if (statement.not_action) {
        finding.message = absl::StrCat(
            StatementLabel(policy, statement),
            " allows every action except NotAction ", values,
            " on Resource \"*\": ", allowed.Count(), " of ",
            catalogue.action_count(),
            " actions, every iam permissions-management action among them "
            "(administrator access)");
      } else {
        finding.message = absl::StrCat(
            StatementLabel(policy, statement), " allows Action ", values,
            " on Resource \"*\": ", allowed.Count(), " of ",
            catalogue.action_count(), " actions (administrator access)");
      }
      finding.fix = Fix(IsTerraformPolicy(model, policy), finding.resource);
      findings.push_back(std::move(finding));
    }
  }
  return findings;
}

}  // namespace polygraph::rules::internal
