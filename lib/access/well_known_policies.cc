// AWS managed policies known by ARN (well_known_policies.h).

#include "access/well_known_policies.h"

#include <string>
#include <string_view>

#include "polygraph/document.h"
#include "polygraph/iam_policy.h"

namespace polygraph::internal {
namespace {

struct Known {
  std::string_view name;
  std::string_view document;
};

constexpr Known kKnown[] = {
    {"AdministratorAccess",
     R"({"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Action": "*", "Resource": "*"}]})"},
    {"PowerUserAccess",
     R"({"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow",
           "NotAction": ["iam:*", "organizations:*", "account:*"],
           "Resource": "*"},
          {"Effect": "Allow",
           "Action": ["iam:CreateServiceLinkedRole",
                      "iam:DeleteServiceLinkedRole", "iam:ListRoles",
                      "organizations:DescribeOrganization",
                      "account:GetAccountInformation", "account:ListRegions"],
           "Resource": "*"}]})"},
    {"IAMFullAccess",
     R"({"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow",
           "Action": ["iam:*", "organizations:Describe*",
                      "organizations:List*"],
           "Resource": "*"}]})"},
};

void Relocate(iam::LocatedString& value, const SourceLocation& where) {
  value.location = where;
}

void RelocateAll(iam::Policy& policy, const SourceLocation& where) {
  policy.location = where;
  for (iam::Statement& statement : policy.statements) {
    statement.location = where;
    statement.effect_location = where;
    for (iam::LocatedString& action : statement.actions) {
      Relocate(action, where);
    }
    for (iam::LocatedString& resource : statement.resources) {
      Relocate(resource, where);
    }
  }
}

}  // namespace

std::string ManagedPolicyName(std::string_view arn) {
  size_t slash = arn.rfind('/');
  return std::string(slash == std::string_view::npos ? arn
                                                     : arn.substr(slash + 1));
}

const iam::Policy* WellKnownManagedPolicy(std::string_view arn,
                                          const SourceLocation& where) {
  constexpr std::string_view kPrefix = "arn:aws:iam::aws:policy/";
  if (arn.substr(0, kPrefix.size()) != kPrefix) return nullptr;
  std::string name = ManagedPolicyName(arn);
  for (const Known& known : kKnown) {
    if (known.name != name) continue;
    absl::StatusOr<Value> document = ParseJson(known.document, name);
    if (!document.ok()) return nullptr;
    absl::StatusOr<iam::Policy> policy =
        iam::ParsePolicy(*document, {.kind = iam::PolicyKind::kIdentity});
    if (!policy.ok()) return nullptr;
    thread_local iam::Policy result;
    result = *std::move(policy);
    RelocateAll(result, where);
    return &result;
  }
  return nullptr;
}

}  // namespace polygraph::internal
