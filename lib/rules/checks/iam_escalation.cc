// PG-IAM-010: a role or user that is not an administrator but can become
// one through the privilege-escalation graph (iam_escalation.h).

#include "polygraph/iam_escalation.h"

#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "base/strings.h"
#include "polygraph/account_from_model.h"
#include "rules/check_registry.h"
#include "rules/checks/checks.h"

namespace polygraph::rules::internal {
namespace {

using ::polygraph::internal::ToAbsl;

std::string Name(const iam::Account& account, size_t index) {
  return iam::PrincipalLabel(account.principals[index]);
}

// What to change for the first step of the path.
std::string StepFix(const iam::Account& account,
                    const iam::EscalationEdge& edge) {
  const std::string from = Name(account, edge.from);
  const std::string to = Name(account, edge.to);
  switch (edge.technique) {
    case iam::EscalationTechnique::kAssumeRole:
      return absl::StrCat("Remove sts:AssumeRole on ", to, " from ", from,
                          ", or narrow the trust policy of ", to,
                          " to the principals that need it.");
    case iam::EscalationTechnique::kPassRole:
      return absl::StrCat(
          "Allow ", from,
          " iam:PassRole only on roles that are not "
          "administrators, with a StringEquals iam:PassedToService "
          "condition naming the service, or remove ",
          absl::StrJoin(edge.actions, ", "), " from it.");
    case iam::EscalationTechnique::kCredentials:
      return absl::StrCat("Remove ", absl::StrJoin(edge.actions, ", "), " on ",
                          to, " from ", from,
                          ", or scope it to the caller's own user with "
                          "Resource arn:aws:iam::*:user/${aws:username}.");
    case iam::EscalationTechnique::kPolicyWrite:
    case iam::EscalationTechnique::kPolicyVersion:
      return absl::StrCat(
          "Remove ", absl::StrJoin(edge.actions, ", "), " on ", to, " from ",
          from,
          ", or require a permissions boundary (condition "
          "iam:PermissionsBoundary) on every principal it may change.");
    case iam::EscalationTechnique::kTrustUpdate:
      return absl::StrCat("Remove iam:UpdateAssumeRolePolicy on ", to, " from ",
                          from, ".");
  }
  return "Remove the permissions that make the first step possible.";
}

}  // namespace

std::vector<Finding> CheckIamEscalationToAdmin(const CheckContext& context,
                                               const RuleInfo& rule) {
  const AccountAnalysis& analysis = context.account();
  const iam::Account& account = analysis.account;
  std::vector<Finding> findings;
  for (const iam::AdminReach& reach : analysis.graph.AdminReaches()) {
    if (reach.edge_path.empty()) continue;
    const iam::EscalationEdge& first =
        analysis.graph.edges()[reach.edge_path.front()];
    std::vector<std::string> steps;
    for (size_t index : reach.edge_path) {
      const iam::EscalationEdge& edge = analysis.graph.edges()[index];
      steps.push_back(
          absl::StrCat(ToAbsl(iam::EscalationTechniqueName(edge.technique)),
                       " to ", Name(account, edge.to), " (",
                       absl::StrJoin(edge.actions, ", "), ")"));
    }
    Finding finding = NewFinding(rule);
    const iam::AccountPrincipal& principal =
        account.principals[reach.principal];
    finding.location = first.statements.empty() ? principal.location
                                                : first.statements[0].location;
    finding.resource = principal.name;
    finding.message =
        reach.admin == reach.principal
            ? absl::StrCat(Name(account, reach.principal),
                           " can make itself administrator: ",
                           absl::StrJoin(steps, ", then "))
            : absl::StrCat(
                  Name(account, reach.principal), " can become administrator ",
                  Name(account, reach.admin), " in ", reach.edge_path.size(),
                  reach.edge_path.size() == 1 ? " step: " : " steps: ",
                  absl::StrJoin(steps, ", then "));
    finding.fix = StepFix(account, first);
    findings.push_back(std::move(finding));
  }
  return findings;
}

}  // namespace polygraph::rules::internal
