#ifndef POLYGRAPH_IAM_ACCOUNT_H_
#define POLYGRAPH_IAM_ACCOUNT_H_

// An account's principals with every policy that applies to each: the input
// of effective permissions (iam_effective.h) and of the privilege-escalation
// graph (iam_escalation.h). Built from a Model by AccountFromModel
// (account_from_model.h), or by hand.
//
// Thread safety: plain value types; thread-compatible.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "polygraph/iam_decision.h"
#include "polygraph/iam_policy.h"
#include "polygraph/source_location.h"

namespace polygraph::iam {

enum class PrincipalKind { kUser, kRole };

// "user", "role".
std::string_view PrincipalKindName(PrincipalKind kind);

// Where a policy of a principal comes from, for explanations.
struct PolicySource {
  // "inline policy \"AppPolicy\" of role \"App\"", "managed policy
  // \"ReadOnly\"", "group \"Admins\" managed policy \"AdministratorAccess\"".
  std::string label;
  SourceLocation location;
};

struct AccountPrincipal {
  PrincipalKind kind = PrincipalKind::kRole;
  // The name as declared: CloudFormation logical id, Terraform address,
  // RoleName/UserName of a snapshot.
  std::string name;
  // The principal's ARN, e.g. "arn:aws:iam::111122223333:role/app"; for
  // templates, built from the declared name (RoleName/UserName, else the
  // logical id) and Account::id.
  std::string arn;
  SourceLocation location;  // of the declaration
  // Identity policies (its own, attached managed ones, and for a user those
  // of its groups), its permissions boundary and the account's SCPs.
  // policies.identity[i] came from identity_sources[i]; likewise
  // boundary_sources for permissions_boundary.
  PolicySet policies;
  std::vector<PolicySource> identity_sources;
  std::vector<PolicySource> boundary_sources;
  // A role's trust policy; absent for users.
  std::optional<Policy> trust_policy;
  // Services that may run as this role, from its trust policy
  // ("lambda.amazonaws.com", ...), sorted.
  std::vector<std::string> service_principals;
  // For a user: its groups' names, sorted.
  std::vector<std::string> groups;
};

// `role "DeployRole"`: the kind and the declared name, as messages name a
// principal.
std::string PrincipalLabel(const AccountPrincipal& principal);

struct Account {
  // The account id used in ARNs built for templates. Default 111122223333.
  std::string id = "111122223333";
  std::vector<AccountPrincipal> principals;

  // Index of the principal whose name or ARN is `name_or_arn` (exact, then
  // case-insensitive on the name); nullopt when none.
  std::optional<size_t> Find(std::string_view name_or_arn) const;
};

}  // namespace polygraph::iam

#endif  // POLYGRAPH_IAM_ACCOUNT_H_
