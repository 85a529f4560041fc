// PG-IAM-001: an Allow statement of an identity policy granting "*" or
// "<service>:*" on Resource "*".

#include <string>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "rules/check_registry.h"
#include "rules/checks/checks.h"
#include "rules/checks/iam_internal.h"
#include "rules/checks/terraform_fix.h"

namespace polygraph::rules::internal {
namespace {

// "*", or "<service>:*" with a service name (any case) and no further colon.
bool IsServiceWildcard(std::string_view action) {
  if (action == "*") return true;
  if (action.size() < 3 || !action.ends_with(":*")) return false;
  std::string_view service = action.substr(0, action.size() - 2);
  return service.find(':') == std::string_view::npos;
}

// The same advice in the names Terraform gives the policy's parts: Action and
// Resource in a jsonencode()d document, actions and resources in an
// aws_iam_policy_document statement.
std::string TerraformFix(std::string_view action, const std::string& owner) {
  const absl::string_view text(action.data(), action.size());
  const std::string where = owner.empty()
                                ? std::string()
                                : absl::StrCat(" in the policy of ", owner,
                                               TerraformModuleNote(owner));
  if (action == "*") {
    return absl::StrCat(
        "replace Action = \"*\" (actions = [\"*\"] in an "
        "aws_iam_policy_document)",
        where,
        " with the specific actions this principal calls (e.g. "
        "\"s3:GetObject\") and scope Resource = \"*\" (resources) to the "
        "ARNs it needs, e.g. aws_s3_bucket.<name>.arn");
  }
  std::string_view service = action.substr(0, action.size() - 2);
  return absl::StrCat(
      "replace \"", text,
      "\" in Action (actions in an aws_iam_policy_document)", where,
      " with the ", absl::string_view(service.data(), service.size()),
      " actions this principal calls and scope Resource = \"*\" (resources) "
      "to the ARNs they act on, e.g. aws_s3_bucket.<name>.arn (IAM Access "
      "Analyzer can generate the list from CloudTrail)");
}

std::string Fix(std::string_view action) {
  if (action == "*") {
    return "replace Action \"*\" with the specific actions this principal "
           "calls (e.g. "
           "\"s3:GetObject\") and scope Resource \"*\" to the ARNs it needs";
  }
  std::string_view service = action.substr(0, action.size() - 2);
  return absl::StrCat(
      "replace \"", absl::string_view(action.data(), action.size()),
      "\" with the ", absl::string_view(service.data(), service.size()),
      " actions this principal calls and scope Resource \"*\" to the ARNs they "
      "act on (IAM Access Analyzer can generate the list from CloudTrail)");
}

}  // namespace

std::vector<Finding> CheckIamWildcardAction(const CheckContext& context,
                                            const RuleInfo& rule) {
  const Model& model = context.model();
  std::vector<Finding> findings;
  for (const PolicyDocument& policy : model.policies()) {
    // In a resource policy (a bucket, key or queue policy) Resource "*"
    // means the resource itself, and a trust policy has no Resource.
    if (policy.kind == iam::PolicyKind::kResource ||
        policy.kind == iam::PolicyKind::kTrust) {
      continue;
    }
    std::string owner = policy.owner < model.resources().size()
                            ? model.resources()[policy.owner].name
                            : policy.name;
    for (const iam::Statement& statement : policy.policy.statements) {
      if (statement.effect != iam::Effect::kAllow || statement.not_action ||
          !HasWildcardResource(statement) || IsAdminEquivalent(statement)) {
        continue;  // an admin-equivalent statement is PG-IAM-002's
      }
      for (const iam::LocatedString& action : statement.actions) {
        if (action.symbolic || !IsServiceWildcard(action.value)) continue;
        Finding finding = NewFinding(rule);
        finding.location =
            action.location.known() ? action.location : statement.location;
        finding.resource = owner;
        std::string where = absl::StrCat("policy \"", policy.name, "\"");
        if (!statement.sid.empty())
          absl::StrAppend(&where, " statement \"", statement.sid, "\"");
        finding.message = absl::StrCat(where, " allows \"", action.value,
                                       "\" on Resource \"*\"");
        const bool terraform = policy.owner < model.resources().size() &&
                               IsTerraform(model.resources()[policy.owner]);
        finding.fix =
            terraform ? TerraformFix(action.value, owner) : Fix(action.value);
        findings.push_back(std::move(finding));
      }
    }
  }
  return findings;
}

}  // namespace polygraph::rules::internal
