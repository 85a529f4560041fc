// PG-IAM-006: long-lived access keys. PG-IAM-007: IAM users with a console
// password and no policy that denies requests made without MFA.

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "access/model_principals.h"
#include "polygraph/diagnostic.h"
#include "polygraph/iam_decision.h"
#include "rules/check_registry.h"
#include "rules/checks/checks.h"
#include "rules/checks/iam_internal.h"
#include "rules/checks/terraform_fix.h"

namespace polygraph::rules::internal {
namespace {

bool IsAccessKey(const Resource& resource) {
  return resource.type == "AWS::IAM::AccessKey" ||
         resource.type == "aws_iam_access_key";
}

bool IsLoginProfile(const Resource& resource) {
  return resource.type == "aws_iam_user_login_profile";
}

// A policy resource that names the principals it applies to.
bool IsPolicyResource(const Resource& resource) {
  return resource.kind == ResourceKind::kManagedPolicy ||
         resource.type == "AWS::IAM::Policy" ||
         resource.type == "AWS::IAM::UserPolicy" ||
         resource.type == "AWS::IAM::GroupPolicy";
}

// The first user `from` refers to, or kNoResource.
size_t ReferencedUser(const Model& model, size_t from) {
  for (const Reference& reference : model.references()) {
    if (reference.from == from && reference.to < model.resources().size() &&
        model.resources()[reference.to].kind == ResourceKind::kUser) {
      return reference.to;
    }
  }
  return kNoResource;
}

// The identity policies that apply to the principals `members`: their own,
// managed policies they refer to, policy resources that refer to them.
std::vector<const PolicyDocument*> PoliciesOf(const Model& model,
                                              const std::set<size_t>& members) {
  std::set<size_t> owners = members;
  for (const Reference& reference : model.references()) {
    const size_t n = model.resources().size();
    if (reference.from >= n || reference.to >= n) continue;
    if (members.contains(reference.from) &&
        IsPolicyResource(model.resources()[reference.to])) {
      owners.insert(reference.to);
    }
    if (members.contains(reference.to) &&
        IsPolicyResource(model.resources()[reference.from])) {
      owners.insert(reference.from);
    }
  }
  std::vector<const PolicyDocument*> out;
  for (const PolicyDocument& policy : model.policies()) {
    if (policy.kind == iam::PolicyKind::kIdentity &&
        owners.contains(policy.owner)) {
      out.push_back(&policy);
    }
  }
  return out;
}

// Requests a console user makes every day; MFA is enforced when each is
// explicitly denied without MFA and some is not with it.
struct Probe {
  std::string_view action;
  std::string_view resource;
};
constexpr Probe kProbes[] = {
    {"ec2:DescribeInstances", "*"},
    {"s3:ListAllMyBuckets", "*"},
    {"s3:GetObject", "arn:aws:s3:::any-bucket/any-object"},
};

// Whether the policies deny the user's requests made without MFA, decided by
// the Authorizer: each probe with aws:MultiFactorAuthPresent "false" (a
// console session without MFA) must be an explicit deny, and one of them
// with MFA ("true", aws:MultiFactorAuthAge set) must not. A policy that does
// not compile (a symbolic value) is left out with a note.
bool EnforcesMfa(const CheckContext& context, const std::string& user_name,
                 const std::vector<const PolicyDocument*>& policies) {
  iam::PolicySet set;
  for (const PolicyDocument* policy : policies) {
    iam::PolicySet one;
    one.identity.push_back(policy->policy);
    absl::StatusOr<iam::Authorizer> compiled = iam::Authorizer::Compile(one);
    if (!compiled.ok()) {
      context.AddDiagnostic(Diagnostic{
          .level = Diagnostic::Level::kNote,
          .code = "policy-not-analysed",
          .location = policy->policy.location,
          .message =
              absl::StrCat("policy \"", policy->name,
                           "\" is left out of the MFA decision for IAM user \"",
                           user_name, "\": ", compiled.status().message())});
      continue;
    }
    set.identity.push_back(policy->policy);
  }
  if (set.identity.empty()) return false;
  absl::StatusOr<iam::Authorizer> authorizer = iam::Authorizer::Compile(set);
  if (!authorizer.ok()) return false;
  bool some_allowed_with_mfa = false;
  for (const Probe& probe : kProbes) {
    iam::Request request;
    request.principal =
        absl::StrCat("arn:aws:iam::000000000000:user/", user_name);
    request.action = std::string(probe.action);
    request.resource = std::string(probe.resource);
    request.context["aws:MultiFactorAuthPresent"] = {"false"};
    if (authorizer->Decide(request).kind != iam::DecisionKind::kExplicitDeny)
      return false;
    request.context["aws:MultiFactorAuthPresent"] = {"true"};
    request.context["aws:MultiFactorAuthAge"] = {"300"};
    if (authorizer->Decide(request).kind != iam::DecisionKind::kExplicitDeny)
      some_allowed_with_mfa = true;
  }
  return some_allowed_with_mfa;
}

// The user's name as AWS knows it: UserName when literal, else its name.
std::string UserName(const Resource& user) {
  if (const Value* name = user.properties.Find("UserName");
      name != nullptr && name->is_string() && !name->text.empty()) {
    return name->text;
  }
  return TerraformLabel(user.name);
}

std::string MfaFix(bool terraform, const std::string& user) {
  if (terraform) {
    return absl::StrCat(
        "attach to ", user, TerraformModuleNote(user),
        " (or its group) a policy with a statement Effect = \"Deny\", "
        "NotAction = [\"iam:CreateVirtualMFADevice\", "
        "\"iam:EnableMFADevice\", \"iam:GetUser\", \"iam:ListMFADevices\", "
        "\"iam:ResyncMFADevice\", \"sts:GetSessionToken\"], Resource = \"*\", "
        "Condition = { BoolIfExists = { \"aws:MultiFactorAuthPresent\" = "
        "\"false\" } } (aws_iam_user_policy_attachment or "
        "aws_iam_group_policy_attachment), and register an MFA device for "
        "the user");
  }
  return absl::StrCat(
      "attach to ", user,
      " (or its group) a policy with a statement Effect: Deny, NotAction: "
      "[iam:CreateVirtualMFADevice, iam:EnableMFADevice, iam:GetUser, "
      "iam:ListMFADevices, iam:ResyncMFADevice, sts:GetSessionToken], "
      "Resource: \"*\", Condition: BoolIfExists: aws:MultiFactorAuthPresent: "
      "\"false\" (ManagedPolicyArns or Groups), and register an MFA device "
      "for the user");
}

}  // namespace

std::vector<Finding> CheckIamAccessKey(const CheckContext& context,
                                       const RuleInfo& rule) {
  const Model& model = context.model();
  std::vector<Finding> findings;
  for (size_t i = 0; i < model.resources().size(); ++i) {
    const Resource& key = model.resources()[i];
    if (!IsAccessKey(key)) continue;
    const Value* status = key.properties.Find("Status");
    if (status == nullptr) status = key.properties.Find("status");
    if (status != nullptr && status->is_string() && status->text == "Inactive")
      continue;
    const size_t user = ReferencedUser(model, i);
    std::string user_name;
    if (user != kNoResource) {
      user_name = model.resources()[user].name;
    } else {
      const Value* name = key.properties.Find("UserName");
      if (name == nullptr) name = key.properties.Find("user");
      if (name != nullptr && name->is_string()) user_name = name->text;
    }
    const bool terraform = IsTerraform(key);
    Finding finding = NewFinding(rule);
    finding.location = key.location;
    finding.resource = key.name;
    finding.message = absl::StrCat(
        terraform ? "aws_iam_access_key" : "AWS::IAM::AccessKey", " \"",
        key.name, "\"",
        user_name.empty() ? std::string()
                          : absl::StrCat(" of IAM user \"", user_name, "\""),
        " is a long-lived access key: it never expires and works from "
        "anywhere until someone rotates or deletes it");
    finding.fix = absl::StrCat(
        "remove ",
        terraform ? absl::StrCat(key.name, TerraformModuleNote(key.name))
                  : absl::StrCat("the AWS::IAM::AccessKey \"", key.name, "\""),
        " and give the workload an IAM role instead (an instance profile, "
        "ECS task role, Lambda execution role or IRSA), or federate CI "
        "through an OIDC provider; people sign in through IAM Identity "
        "Center");
    findings.push_back(std::move(finding));
  }
  return findings;
}

std::vector<Finding> CheckIamConsoleWithoutMfa(const CheckContext& context,
                                               const RuleInfo& rule) {
  const Model& model = context.model();
  std::vector<Finding> findings;
  for (size_t i = 0; i < model.resources().size(); ++i) {
    const Resource& resource = model.resources()[i];
    size_t user = kNoResource;
    SourceLocation location;
    if (resource.kind == ResourceKind::kUser &&
        resource.properties.Find("LoginProfile") != nullptr) {
      user = i;
      location = resource.properties.KeyLocation("LoginProfile");
    } else if (IsLoginProfile(resource)) {
      user = ReferencedUser(model, i);
      location = resource.location;
    }
    if (user == kNoResource) continue;
    const Resource& user_resource = model.resources()[user];
    const std::string user_name = UserName(user_resource);
    if (EnforcesMfa(context, user_name,
                    PoliciesOf(model, ::polygraph::internal::UserAndGroups(
                                          model, user)))) {
      continue;
    }
    const bool terraform = IsTerraform(user_resource);
    Finding finding = NewFinding(rule);
    finding.location = location.known() ? location : resource.location;
    finding.resource = user_resource.name;
    finding.message = absl::StrCat(
        "IAM user \"", user_resource.name, "\" has a console password (",
        terraform ? "aws_iam_user_login_profile" : "LoginProfile",
        ") and no policy of the user or its groups denies requests made "
        "without MFA (aws:MultiFactorAuthPresent false)");
    finding.fix = MfaFix(terraform, user_resource.name);
    findings.push_back(std::move(finding));
  }
  return findings;
}

}  // namespace polygraph::rules::internal
