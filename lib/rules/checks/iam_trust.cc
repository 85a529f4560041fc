// PG-IAM-009: a role trust policy that lets another AWS account assume the
// role without an external id or organization condition. PG-EKS-002: an
// IRSA trust policy (an OIDC provider, sts:AssumeRoleWithWebIdentity)
// without a condition on the provider's "sub" key.

#include <cctype>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "polygraph/iam_decision.h"
#include "rules/check_registry.h"
#include "rules/checks/checks.h"
#include "rules/checks/iam_internal.h"
#include "rules/checks/terraform_fix.h"

namespace polygraph::rules::internal {
namespace {

using ::polygraph::internal::ToAbsl;

// The account that owns the roles when the input does not say (a template
// deploys into whichever account runs it).
constexpr std::string_view kOwnAccount = "000000000000";
// The caller for a Principal "*": some account other than the owner.
constexpr std::string_view kAnyOtherAccount = "444455556666";

bool IsAccountId(std::string_view text) {
  if (text.size() != 12) return false;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// The account field of an ARN ("arn:aws:iam::123456789012:root"), or "".
std::string_view ArnAccount(std::string_view arn) {
  if (!arn.starts_with("arn:")) return {};
  size_t start = 0;
  for (int field = 0; field < 4; ++field) {
    start = arn.find(':', start);
    if (start == std::string_view::npos) return {};
    ++start;
  }
  const size_t end = arn.find(':', start);
  if (end == std::string_view::npos) return {};
  return arn.substr(start, end - start);
}

// The accounts known to own `policy`'s role: the account of its "Arn"
// property (a snapshot's role), else none.
std::set<std::string> OwnAccounts(const Model& model,
                                  const PolicyDocument& policy) {
  std::set<std::string> accounts;
  if (policy.owner >= model.resources().size()) return accounts;
  const Value& properties = model.resources()[policy.owner].properties;
  if (const Value* arn = properties.Find("Arn"); arn && arn->is_string()) {
    std::string_view account = ArnAccount(arn->text);
    if (IsAccountId(account)) accounts.insert(std::string(account));
  }
  return accounts;
}

bool IsGuardKey(std::string_view key) {
  const absl::string_view text = ToAbsl(key);
  return absl::EqualsIgnoreCase(text, "sts:ExternalId") ||
         absl::EqualsIgnoreCase(text, "aws:PrincipalOrgID") ||
         absl::EqualsIgnoreCase(text, "aws:PrincipalOrgPaths");
}

// The caller a principal value stands for when it is another account's:
// "*" is any account; an account id or an ARN of an account not in `own`.
std::optional<std::string> ExternalCaller(const iam::Principal& principal,
                                          const std::set<std::string>& own) {
  if (principal.value.symbolic) return std::nullopt;
  const std::string& value = principal.value.value;
  if (principal.type == "*" || (principal.type == "AWS" && value == "*")) {
    return absl::StrCat("arn:aws:iam::", ToAbsl(kAnyOtherAccount), ":root");
  }
  if (principal.type != "AWS") return std::nullopt;
  if (IsAccountId(value)) {
    if (own.contains(value)) return std::nullopt;
    return absl::StrCat("arn:aws:iam::", value, ":root");
  }
  std::string_view account = ArnAccount(value);
  if (!IsAccountId(account) || own.contains(std::string(account)) ||
      value.find_first_of("*?") != std::string::npos) {
    return std::nullopt;
  }
  return value;
}

// Whether the trust statement, reduced to `principal` and without its
// conditions, lets `caller` call sts:AssumeRole on the role: decided by the
// Authorizer with the caller's own side allowing everything.
bool AdmitsAssumeRole(const iam::Statement& statement,
                      const iam::Principal& principal,
                      const std::string& caller, std::string_view account,
                      std::string_view role_name) {
  iam::Statement probe = statement;
  probe.conditions.clear();
  probe.principals = {principal};
  probe.actions.clear();
  for (const iam::LocatedString& action : statement.actions) {
    if (!action.symbolic) probe.actions.push_back(action);
  }
  if (probe.actions.empty() && !statement.not_action) return false;
  iam::Policy trust;
  trust.version = "2012-10-17";
  trust.statements.push_back(std::move(probe));
  iam::Policy everything;
  everything.version = "2012-10-17";
  iam::Statement all;
  all.actions.push_back({"*", {}, false});
  all.resources.push_back({"*", {}, false});
  all.has_resource = true;
  everything.statements.push_back(std::move(all));
  iam::PolicySet policies;
  policies.identity.push_back(std::move(everything));
  policies.resource_policy = std::move(trust);
  absl::StatusOr<iam::Authorizer> authorizer =
      iam::Authorizer::Compile(policies);
  if (!authorizer.ok()) return false;
  iam::Request request;
  request.principal = caller;
  request.action = "sts:AssumeRole";
  request.resource = absl::StrCat("arn:aws:iam::", ToAbsl(account), ":role/",
                                  ToAbsl(role_name));
  request.resource_account = std::string(account);
  return authorizer->Decide(request).kind == iam::DecisionKind::kAllow;
}

std::string TrustWhere(const Model& model, const PolicyDocument& policy) {
  return absl::StrCat("trust policy of role \"", PolicyOwnerName(model, policy),
                      "\"");
}

std::string ExternalIdFix(bool terraform, const std::string& owner) {
  if (terraform) {
    return absl::StrCat(
        "add to this statement of the assume_role_policy of ", owner,
        TerraformModuleNote(owner),
        " Condition = { StringEquals = { \"sts:ExternalId\" = "
        "\"<id agreed with the third party>\" } } (a condition block with "
        "test \"StringEquals\", variable \"sts:ExternalId\" in an "
        "aws_iam_policy_document), or, for an account of your organization, "
        "{ StringEquals = { \"aws:PrincipalOrgID\" = \"o-<org id>\" } }");
  }
  return "add to this statement Condition: StringEquals: sts:ExternalId: "
         "\"<id agreed with the third party>\", or, for an account of your "
         "organization, Condition: StringEquals: aws:PrincipalOrgID: "
         "\"o-<org id>\"";
}

// The provider of an OIDC provider ARN
// ("arn:aws:iam::1:oidc-provider/oidc.eks.../id/X" gives "oidc.eks.../id/X"),
// or "".
std::string_view OidcProvider(std::string_view arn) {
  constexpr std::string_view kMarker = ":oidc-provider/";
  const size_t at = arn.find(kMarker);
  if (at == std::string_view::npos) return {};
  return arn.substr(at + kMarker.size());
}

// Whether the Federated principal names an OIDC identity provider: a
// literal oidc-provider ARN, or a reference to an AWS::IAM::OIDCProvider
// (Terraform: aws_iam_openid_connect_provider) resource.
bool IsOidcProvider(const Model& model, const iam::Principal& principal) {
  if (principal.type != "Federated") return false;
  const std::string& value = principal.value.value;
  if (!principal.value.symbolic) return !OidcProvider(value).empty();
  for (const Resource& resource : model.resources()) {
    if (resource.type != "AWS::IAM::OIDCProvider" &&
        resource.type != "aws_iam_openid_connect_provider") {
      continue;
    }
    if (absl::StrContains(value, absl::StrCat("{", resource.name, ".")) ||
        absl::StrContains(value, absl::StrCat("{", resource.name, "}"))) {
      return true;
    }
  }
  return absl::StrContains(value, "oidc-provider/");
}

// The statement's condition on "<provider>:sub" that names service accounts
// (not a bare "*" or "system:serviceaccount:*"); any "...:sub" key when the
// provider is not known literally.
bool HasSubjectCondition(const iam::Statement& statement,
                         std::string_view provider) {
  for (const iam::Condition& condition : statement.conditions) {
    const absl::string_view key = ToAbsl(condition.key);
    if (!absl::EndsWithIgnoreCase(key, ":sub")) continue;
    if (!provider.empty() &&
        !absl::EqualsIgnoreCase(key, absl::StrCat(ToAbsl(provider), ":sub"))) {
      continue;
    }
    if (absl::StrContains(absl::AsciiStrToLower(ToAbsl(condition.op)), "not"))
      continue;
    bool narrows = !condition.values.empty();
    for (const iam::LocatedString& value : condition.values) {
      if (!value.symbolic &&
          (value.value == "*" || value.value == "system:serviceaccount:*" ||
           value.value == "system:*")) {
        narrows = false;
      }
    }
    if (narrows) return true;
  }
  return false;
}

bool HasAudienceCondition(const iam::Statement& statement) {
  for (const iam::Condition& condition : statement.conditions) {
    if (absl::EndsWithIgnoreCase(ToAbsl(condition.key), ":aud")) return true;
  }
  return false;
}

std::string IrsaFix(bool terraform, const std::string& owner,
                    std::string_view provider) {
  const std::string shown =
      provider.empty() ? std::string("<provider>") : std::string(provider);
  if (terraform) {
    return absl::StrCat(
        "add to this statement of the assume_role_policy of ", owner,
        TerraformModuleNote(owner), " Condition = { StringEquals = { \"", shown,
        ":sub\" = \"system:serviceaccount:<namespace>:<service account>\", \"",
        shown,
        ":aud\" = \"sts.amazonaws.com\" } } (in an aws_iam_policy_document: "
        "condition blocks with test \"StringEquals\" and variable "
        "\"${replace(aws_iam_openid_connect_provider.<name>.url, \"https://\", "
        "\"\")}:sub\" and \":aud\")");
  }
  return absl::StrCat(
      "add to this statement a Condition StringEquals with \"", shown,
      ":sub\": \"system:serviceaccount:<namespace>:<service account>\" and \"",
      shown,
      ":aud\": \"sts.amazonaws.com\" (the keys hold the provider's issuer, so "
      "build the condition with Fn::Sub from the cluster's OpenIdConnect"
      "IssuerUrl)");
}

}  // namespace

std::vector<Finding> CheckIamCrossAccountTrust(const CheckContext& context,
                                               const RuleInfo& rule) {
  const Model& model = context.model();
  std::vector<Finding> findings;
  for (const PolicyDocument& policy : model.policies()) {
    if (policy.kind != iam::PolicyKind::kTrust) continue;
    const std::set<std::string> own = OwnAccounts(model, policy);
    const std::string account =
        own.empty() ? std::string(kOwnAccount) : *own.begin();
    const std::string owner = PolicyOwnerName(model, policy);
    for (const iam::Statement& statement : policy.policy.statements) {
      if (statement.effect != iam::Effect::kAllow || statement.not_principal) {
        continue;
      }
      bool guarded = false;
      for (const iam::Condition& condition : statement.conditions) {
        if (IsGuardKey(condition.key)) guarded = true;
      }
      if (guarded) continue;
      for (const iam::Principal& principal : statement.principals) {
        std::optional<std::string> caller = ExternalCaller(principal, own);
        if (!caller.has_value() ||
            !AdmitsAssumeRole(statement, principal, *caller, account, owner)) {
          continue;
        }
        const bool everyone =
            principal.type == "*" || principal.value.value == "*";
        Finding finding = NewFinding(rule);
        finding.location = principal.value.location.known()
                               ? principal.value.location
                               : statement.location;
        finding.resource = owner;
        finding.message = absl::StrCat(
            TrustWhere(model, policy),
            everyone
                ? " lets any AWS account"
                : absl::StrCat(" lets account ", ToAbsl(ArnAccount(*caller))),
            " (Principal ", principal.type == "*" ? "" : principal.type + " ",
            "\"", principal.value.value,
            "\") call sts:AssumeRole without an sts:ExternalId, "
            "aws:PrincipalOrgID or aws:PrincipalOrgPaths condition");
        finding.fix = ExternalIdFix(IsTerraformPolicy(model, policy), owner);
        findings.push_back(std::move(finding));
      }
    }
  }
  return findings;
}

std::vector<Finding> CheckEksIrsaTrust(const CheckContext& context,
                                       const RuleInfo& rule) {
  const Model& model = context.model();
  const iam::Catalogue& catalogue = iam::Catalogue::Builtin();
  const std::optional<size_t> web_identity =
      catalogue.FindAction("sts:AssumeRoleWithWebIdentity");
  std::vector<Finding> findings;
  if (!web_identity.has_value()) return findings;
  for (const PolicyDocument& policy : model.policies()) {
    if (policy.kind != iam::PolicyKind::kTrust) continue;
    for (const iam::Statement& statement : policy.policy.statements) {
      if (statement.effect != iam::Effect::kAllow || statement.not_principal ||
          !StatementActions(statement).Contains(*web_identity)) {
        continue;
      }
      for (const iam::Principal& principal : statement.principals) {
        if (!IsOidcProvider(model, principal)) continue;
        const std::string_view provider =
            principal.value.symbolic ? std::string_view()
                                     : OidcProvider(principal.value.value);
        if (HasSubjectCondition(statement, provider)) continue;
        const std::string owner = PolicyOwnerName(model, policy);
        Finding finding = NewFinding(rule);
        finding.location = principal.value.location.known()
                               ? principal.value.location
                               : statement.location;
        finding.resource = owner;
        finding.message = absl::StrCat(
            TrustWhere(model, policy), " lets OIDC provider \"",
            principal.value.value,
            "\" call sts:AssumeRoleWithWebIdentity without a condition on "
            "its \"sub\" key naming the service account",
            HasAudienceCondition(statement) ? "" : " (nor on its \"aud\" key)",
            ": any pod of any service account of the cluster can assume the "
            "role");
        finding.fix =
            IrsaFix(IsTerraformPolicy(model, policy), owner, provider);
        findings.push_back(std::move(finding));
      }
    }
  }
  return findings;
}

}  // namespace polygraph::rules::internal
