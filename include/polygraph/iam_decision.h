#ifndef POLYGRAPH_IAM_DECISION_H_
#define POLYGRAPH_IAM_DECISION_H_

// Exact authorization decisions, following AWS's policy evaluation logic:
// an explicit Deny in any policy wins; every level of Organizations SCPs and
// RCPs must allow; a resource-based policy can allow on its own within one
// account (with the IAM user and role-session distinctions AWS documents);
// otherwise identity policy ∩ permissions boundary ∩ session policy must
// allow; a cross-account request needs both the principal's side and the
// resource policy; anything else is an implicit deny.
//
//   iam::PolicySet policies;
//   policies.identity.push_back(*iam::ParsePolicy(document, {}));
//   absl::StatusOr<iam::Authorizer> authorizer =
//       iam::Authorizer::Compile(policies);
//   iam::Request request;
//   request.principal = "arn:aws:iam::111122223333:user/alice";
//   request.action = "s3:GetObject";
//   request.resource = "arn:aws:s3:::logs/a.txt";
//   iam::Decision decision = authorizer->Decide(request);
//
// Thread safety: Authorizer is immutable after Compile; Decide is
// thread-safe and may run concurrently on one Authorizer. Request, PolicySet
// and Decision are plain value types; thread-compatible.

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "polygraph/iam_policy.h"
#include "polygraph/source_location.h"

namespace polygraph::iam {

// One request: who asks to do what to which resource, and the request
// context that conditions read.
struct Request {
  // The caller, as AWS identifies it: an IAM user
  // ("arn:aws:iam::111122223333:user/alice"), a role session
  // ("arn:aws:sts::111122223333:assumed-role/app/session"), a role ARN, the
  // account root ("arn:aws:iam::111122223333:root"), a federated user, a
  // service principal ("lambda.amazonaws.com"), or kAnonymous for an
  // unsigned request.
  std::string principal;
  // "service:Action"; case-insensitive, as in IAM.
  std::string action;
  // The resource ARN, or "*" for actions without a resource.
  std::string resource;
  // The account that owns the resource. Empty: the account in `resource`,
  // or, for ARNs without one (S3 buckets), the principal's account.
  std::string resource_account;
  // Request context: condition key → values. Keys compare
  // case-insensitively. A key that is absent is "missing" for conditions; a
  // key present with no values counts as an empty set (ForAllValues true,
  // ForAnyValue false) and as missing for every other operator.
  std::map<std::string, std::vector<std::string>> context;

  static constexpr std::string_view kAnonymous = "anonymous";
};

// Every policy in play for a request.
struct PolicySet {
  // Identity-based policies of the principal (its own, its groups').
  std::vector<Policy> identity;
  // Permissions boundary; absent means no boundary.
  std::optional<std::vector<Policy>> permissions_boundary;
  // Session policies passed when the role session was created; absent
  // means none.
  std::optional<std::vector<Policy>> session;
  // Service control policies, one entry per level of the organization
  // (root, each OU, the account); each level must allow. Empty: no SCPs.
  std::vector<std::vector<Policy>> service_control_policies;
  // Resource control policies, per level like SCPs. Empty: none.
  std::vector<std::vector<Policy>> resource_control_policies;
  // The resource-based policy of the resource (bucket policy, key policy,
  // role trust policy...); absent means none.
  std::optional<Policy> resource_policy;
};

enum class DecisionKind { kAllow, kExplicitDeny, kImplicitDeny };

// "Allow", "ExplicitDeny", "ImplicitDeny".
std::string_view DecisionKindName(DecisionKind kind);

enum class PolicyRole {
  kIdentity,
  kPermissionsBoundary,
  kSession,
  kServiceControl,
  kResourceControl,
  kResource,
};

// "identity", "permissions-boundary", "session", "scp", "rcp", "resource".
std::string_view PolicyRoleName(PolicyRole role);

// A statement that decided the answer.
struct DecidingStatement {
  PolicyRole role = PolicyRole::kIdentity;
  // For SCPs and RCPs: the level; otherwise 0.
  size_t level = 0;
  size_t policy_index = 0;     // within the role (and level)
  size_t statement_index = 0;  // within the policy
  std::string sid;
  SourceLocation location;
  Effect effect = Effect::kAllow;

  friend bool operator==(const DecidingStatement&,
                         const DecidingStatement&) = default;
};

struct Decision {
  DecisionKind kind = DecisionKind::kImplicitDeny;
  // kExplicitDeny: every Deny statement that matched. kAllow: the Allow
  // statements that granted it (for each policy that had to allow). For
  // kImplicitDeny: empty, and `reason` says which policy did not allow.
  std::vector<DecidingStatement> statements;
  // One sentence, e.g. "no identity-based policy allows s3:GetObject" or
  // "the permissions boundary does not allow iam:CreateUser".
  std::string reason;
  // Condition keys that conditions of otherwise-matching statements read
  // but the request context lacks, sorted, as written in the policies.
  std::vector<std::string> missing_context_keys;
};

struct AuthorizerOptions {
  // Treat a request whose action is unknown to the action catalogue as any
  // other (AWS matches action names as text). Default: true. When false,
  // Decide still answers but `reason` notes the unknown action.
  bool allow_unknown_actions = true;
};

class Authorizer {
 public:
  // Prepares a policy set for many decisions: matchers are compiled,
  // numbers, dates, CIDRs and policy variables parsed once. Errors
  // (InvalidArgument with the location): a symbolic value (an unresolved
  // template expression cannot be decided), an unknown condition operator,
  // a malformed policy variable, a value the operator cannot read (a bad
  // date for DateLessThan, a bad CIDR for IpAddress, a non-number for
  // NumericEquals).
  static absl::StatusOr<Authorizer> Compile(
      const PolicySet& policies, const AuthorizerOptions& options = {});

  Decision Decide(const Request& request) const;

  Authorizer(Authorizer&&) noexcept;
  Authorizer& operator=(Authorizer&&) noexcept;
  ~Authorizer();

  // The compiled policies, for the library's own analyses (defined in
  // lib/iam/authorizer_internal.h).
  struct Compiled;
  const Compiled& compiled() const { return *compiled_; }

 private:
  explicit Authorizer(std::unique_ptr<const Compiled> compiled);
  std::unique_ptr<const Compiled> compiled_;
};

// One decision without keeping the compiled form.
absl::StatusOr<Decision> Decide(const Request& request,
                                const PolicySet& policies);

}  // namespace polygraph::iam

#endif  // POLYGRAPH_IAM_DECISION_H_
