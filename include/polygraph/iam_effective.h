#ifndef POLYGRAPH_IAM_EFFECTIVE_H_
#define POLYGRAPH_IAM_EFFECTIVE_H_

// Effective permissions of each principal of an account, and the risk
// categories they fall into.
//
// A principal's effective permissions are, per resource pattern named by
// its identity policies' Allow statements, the catalogue actions allowed on
// a resource of that pattern after the identity policies' Deny statements,
// the permissions boundary and every SCP level: the set algebra Decide
// follows, done on ActionSet bitsets. A grant that rests on a condition is
// marked conditional (the condition may or may not hold).
//
//   absl::StatusOr<std::vector<iam::EffectivePermissions>> all =
//       iam::ComputeEffectivePermissions(account);
//   std::vector<iam::Risk> risks = iam::ClassifyRisks(account, *all);
//
// Thread safety: pure functions; thread-safe. Results are value types.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "polygraph/iam_account.h"
#include "polygraph/iam_catalogue.h"
#include "polygraph/iam_decision.h"
#include "polygraph/source_location.h"

namespace polygraph::iam {

// A statement of a principal's policies, by its place in PolicySet.
struct StatementRef {
  PolicyRole role = PolicyRole::kIdentity;
  size_t level = 0;  // SCP level; 0 otherwise
  size_t policy_index = 0;
  size_t statement_index = 0;
  std::string sid;
  SourceLocation location;

  friend bool operator==(const StatementRef&, const StatementRef&) = default;
};

// What is allowed on resources matching one pattern.
struct PermissionGrant {
  std::string resource_pattern;  // "*", "arn:aws:s3:::logs/*", or
                                 // "NotResource: arn:..." as written
  ActionSet actions;             // catalogue actions allowed on it
  // Allowed action names the catalogue does not know, as written.
  std::vector<std::string> unknown_actions;
  // True when every statement granting some of these actions has a
  // condition.
  bool conditional = false;
  // The Allow statements that grant them.
  std::vector<StatementRef> statements;
};

struct EffectivePermissions {
  size_t principal = 0;                 // index in Account::principals
  std::vector<PermissionGrant> grants;  // sorted by resource_pattern
  // Union of every grant's actions.
  ActionSet actions;
  // Unconditional grants on "*" amount to every action, or to every
  // permissions-management action of iam and at least 95% of the catalogue
  // (the administrator test of PG-IAM-002), NotAction and wildcards
  // included.
  bool admin = false;

  // The grants' actions of one access level.
  ActionSet ByLevel(AccessLevel level) const;
  // Whether `action` (a catalogue index) is granted on some resource
  // matching `resource_arn` (a glob match against each grant's pattern).
  bool Allows(size_t action, std::string_view resource_arn) const;
};

// One entry per principal, in Account order. A statement value that is
// symbolic (an unresolved template expression) names nothing: a symbolic
// Action or Resource contributes no grant, a symbolic Deny denies nothing.
// Never fails today; the StatusOr leaves room for limits.
absl::StatusOr<std::vector<EffectivePermissions>> ComputeEffectivePermissions(
    const Account& account);

enum class RiskCategory {
  kPrivilegeEscalation,
  kDataExfiltration,
  kResourceExposure,
  kInfrastructureModification,
  kCredentialsExposure,
  kAdministrator,
};

// "privilege-escalation", "data-exfiltration", "resource-exposure",
// "infrastructure-modification", "credentials-exposure", "administrator".
std::string_view RiskCategoryName(RiskCategory category);

// One risk of one principal.
struct Risk {
  RiskCategory category = RiskCategory::kDataExfiltration;
  size_t principal = 0;
  // The actions that put the principal in this category, as catalogue
  // names, sorted.
  std::vector<std::string> actions;
  // The resource pattern they are granted on ("*" for the broad ones).
  std::string resource_pattern;
  // The statements granting them; the first one's location is the
  // finding's.
  std::vector<StatementRef> statements;
  // One sentence naming the principal and the first actions.
  std::string message;
};

// Risk categories decided from effective permissions:
// - administrator: EffectivePermissions::admin;
// - privilege escalation: actions that change who may do what
//   (iam:PutRolePolicy, iam:AttachUserPolicy, iam:CreatePolicyVersion,
//   iam:SetDefaultPolicyVersion, iam:UpdateAssumeRolePolicy,
//   iam:CreateAccessKey, iam:CreateLoginProfile, iam:UpdateLoginProfile,
//   iam:PassRole together with a compute create/update action, ...) on
//   "*" or on an IAM resource pattern;
// - data exfiltration: reads of data or secrets (s3:GetObject,
//   ssm:GetParameter*, secretsmanager:GetSecretValue, kms:Decrypt,
//   dynamodb:Scan/Query/GetItem, rds:DownloadDBLogFilePortion, ...) on "*";
// - resource exposure: actions that change resource policies or ACLs
//   (s3:PutBucketPolicy, s3:PutObjectAcl, kms:PutKeyPolicy,
//   secretsmanager:PutResourcePolicy, lambda:AddPermission,
//   sqs:SetQueueAttributes, sns:SetTopicAttributes, ecr:SetRepositoryPolicy,
//   ...) on "*";
// - infrastructure modification: Write actions on "*" of compute, network
//   and database services (ec2, lambda, ecs, eks, rds, cloudformation, ...);
// - credentials exposure: actions that return credentials
//   (iam:CreateAccessKey, sts:GetFederationToken, ecr:GetAuthorizationToken,
//   redshift:GetClusterCredentials, rds-db:connect, cognito-identity:
//   GetCredentialsForIdentity, ...) on "*".
// An administrator gets only the administrator risk. Sorted by principal,
// then category.
std::vector<Risk> ClassifyRisks(
    const Account& account,
    const std::vector<EffectivePermissions>& permissions);

}  // namespace polygraph::iam

#endif  // POLYGRAPH_IAM_EFFECTIVE_H_
