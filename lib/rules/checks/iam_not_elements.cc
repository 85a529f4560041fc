// PG-IAM-004: an Allow statement written with NotAction. PG-IAM-005: an
// Allow statement written with NotPrincipal.

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "rules/check_registry.h"
#include "rules/checks/checks.h"
#include "rules/checks/iam_internal.h"
#include "rules/checks/terraform_fix.h"

namespace polygraph::rules::internal {
namespace {

std::string Quoted(const std::vector<iam::LocatedString>& values) {
  std::string out;
  for (const iam::LocatedString& value : values) {
    absl::StrAppend(&out, out.empty() ? "" : ", ", "\"", value.value, "\"");
  }
  return out;
}

std::string Where(bool terraform, const std::string& owner) {
  return terraform ? absl::StrCat(" in the policy of ", owner,
                                  TerraformModuleNote(owner))
                   : std::string();
}

}  // namespace

std::vector<Finding> CheckIamAllowNotAction(const CheckContext& context,
                                            const RuleInfo& rule) {
  const Model& model = context.model();
  std::vector<Finding> findings;
  for (const PolicyDocument& policy : model.policies()) {
    for (const iam::Statement& statement : policy.policy.statements) {
      if (statement.effect != iam::Effect::kAllow || !statement.not_action) {
        continue;
      }
      const bool terraform = IsTerraformPolicy(model, policy);
      Finding finding = NewFinding(rule);
      finding.location = FirstActionLocation(statement);
      finding.resource = PolicyOwnerName(model, policy);
      finding.message = absl::StrCat(
          StatementLabel(policy, statement),
          " allows every action except NotAction ", Quoted(statement.actions),
          ": ", StatementActions(statement).Count(),
          " catalogue actions today, and every action AWS adds later");
      finding.fix = absl::StrCat(
          "replace ", ElementName("NotAction", terraform),
          Where(terraform, finding.resource), " with an ",
          ElementName("Action", terraform),
          " list of the actions the principal needs; to forbid the excluded "
          "actions whatever else is granted, add a Deny statement naming them");
      findings.push_back(std::move(finding));
    }
  }
  return findings;
}

std::vector<Finding> CheckIamAllowNotPrincipal(const CheckContext& context,
                                               const RuleInfo& rule) {
  const Model& model = context.model();
  std::vector<Finding> findings;
  for (const PolicyDocument& policy : model.policies()) {
    for (const iam::Statement& statement : policy.policy.statements) {
      if (statement.effect != iam::Effect::kAllow || !statement.not_principal) {
        continue;
      }
      const bool terraform = IsTerraformPolicy(model, policy);
      std::string values;
      SourceLocation location = statement.location;
      for (const iam::Principal& principal : statement.principals) {
        if (values.empty() && principal.value.location.known())
          location = principal.value.location;
        absl::StrAppend(&values, values.empty() ? "" : ", ", principal.type,
                        principal.type == "*" ? "" : " ", "\"",
                        principal.value.value, "\"");
      }
      Finding finding = NewFinding(rule);
      finding.location = location;
      finding.resource = PolicyOwnerName(model, policy);
      finding.message =
          absl::StrCat(StatementLabel(policy, statement),
                       " allows every principal except NotPrincipal ", values,
                       ", anonymous callers and every other account included");
      finding.fix = absl::StrCat(
          "replace ", ElementName("NotPrincipal", terraform),
          Where(terraform, finding.resource), " with a ",
          ElementName("Principal", terraform),
          " naming the accounts, roles or services that need access; to "
          "exclude a principal, use a Deny statement with a Condition on "
          "aws:PrincipalArn instead");
      findings.push_back(std::move(finding));
    }
  }
  return findings;
}

}  // namespace polygraph::rules::internal
