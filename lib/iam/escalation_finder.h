#ifndef POLYGRAPH_IAM_ESCALATION_FINDER_H_
#define POLYGRAPH_IAM_ESCALATION_FINDER_H_

// EdgeFinder, the state FindEscalationEdges (escalation_internal.h) keeps
// while it runs the six techniques. Its members are defined by technique:
//   escalation_techniques.cc  set-up, the shared exact questions, and the
//                             per-principal orchestration;
//   escalation_assume_role.cc assume-role and trust-update;
//   escalation_pass_role.cc   pass-role and the PassRoleServices() table;
//   escalation_iam_writes.cc  credentials, policy-write and policy-version.
//
// Thread safety: thread-hostile (it caches Authorizers and reuses one
// Request); each FindEscalationEdges call makes its own.

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "polygraph/iam_account.h"
#include "polygraph/iam_catalogue.h"
#include "polygraph/iam_decision.h"
#include "polygraph/iam_effective.h"
#include "polygraph/iam_escalation.h"
#include "polygraph/iam_policy.h"

namespace polygraph::iam::internal {

class EdgeFinder {
 public:
  // The actions the techniques ask about (EscalationActionNames() lists
  // them with the PassRoleServices() ones).
  static constexpr std::string_view kAssumeRole = "sts:AssumeRole";
  static constexpr std::string_view kPassRole = "iam:PassRole";
  static constexpr std::string_view kCredentialActions[] = {
      "iam:CreateAccessKey", "iam:CreateLoginProfile",
      "iam:UpdateLoginProfile"};
  static constexpr std::string_view kRoleWriteActions[] = {
      "iam:PutRolePolicy", "iam:AttachRolePolicy"};
  static constexpr std::string_view kUserWriteActions[] = {
      "iam:PutUserPolicy", "iam:AttachUserPolicy"};
  static constexpr std::string_view kGroupWriteActions[] = {
      "iam:PutGroupPolicy", "iam:AttachGroupPolicy"};
  static constexpr std::string_view kAddUserToGroup = "iam:AddUserToGroup";
  static constexpr std::string_view kVersionActions[] = {
      "iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion"};
  static constexpr std::string_view kUpdateTrust = "iam:UpdateAssumeRolePolicy";

  // REQUIRES: permissions.size() == account.principals.size(). `account`,
  // `permissions` and `edges` must outlive the finder.
  EdgeFinder(const Account& account,
             const std::vector<EffectivePermissions>& permissions,
             std::vector<EscalationEdge>* edges);

  // Not copyable or movable: it holds references and per-principal caches.
  EdgeFinder(const EdgeFinder&) = delete;
  EdgeFinder& operator=(const EdgeFinder&) = delete;

  // Appends every edge of every technique to the edges. Errors: a policy
  // Authorizer::Compile rejects.
  absl::Status Run();

 private:
  // How a trust policy names its principals, for choosing the candidates.
  struct TrustCandidates {
    bool everyone = false;  // "*", wildcards, NotPrincipal: anyone may match
    bool account = false;   // an account root: identity policies decide
    std::vector<size_t> named;
  };

  // --- shared (escalation_techniques.cc) ---

  static StatementRef ToRef(const DecidingStatement& statement);
  static void AddUnique(const StatementRef& ref,
                        std::vector<StatementRef>* out);

  // Whether principal p's effective permissions allow `action` on some
  // resource: the prefilter, and the whole test for creation actions.
  std::optional<size_t> Id(std::string_view action) const;
  bool Has(size_t p, std::string_view action) const;
  bool HasAny(size_t p, std::span<const std::string_view> actions) const {
    for (std::string_view action : actions) {
      if (Has(p, action)) return true;
    }
    return false;
  }

  // P's policies, with a resource policy that lets P's own account
  // sts:AssumeRole: deciding sts:AssumeRole on a role then answers whether
  // P's side (identity ∩ boundary ∩ SCPs, no Deny) allows it; every other
  // action is decided as without it (the statement never matches).
  absl::StatusOr<const Authorizer*> AuthorizerFor(size_t p);

  static Statement AllowAssumeRole();
  // A resource policy letting the account of `arn` sts:AssumeRole.
  Policy AccountTrust(std::string_view arn) const;

  // Exact question: may p do `action` on `resource`? On Allow, appends the
  // deciding statements of P's policies to `statements`.
  absl::StatusOr<bool> Allowed(
      size_t p, std::string_view action, const std::string& resource,
      std::vector<StatementRef>* statements,
      std::string_view passed_to_service = std::string_view());

  // The statements granting a creation action that needs only be allowed
  // on some resource: those of the first grant that has it.
  void GrantStatements(size_t p, std::string_view action,
                       std::vector<StatementRef>* statements) const;

  void Emit(size_t from, size_t to, EscalationTechnique technique,
            std::vector<std::string> actions, std::string service,
            std::vector<StatementRef> statements, std::string explanation);

  std::string GroupArn(const std::string& group) const;

  // Every technique but assume-role from principal p.
  absl::Status FromPrincipal(size_t p);

  // --- assume-role and trust-update (escalation_assume_role.cc) ---

  // Q's trust policy with an identity policy allowing sts:AssumeRole on
  // everything: deciding sts:AssumeRole then answers whether the trust
  // policy lets P in, by whatever route (the principal itself, its role,
  // everyone, its account).
  absl::StatusOr<const Authorizer*> TrustAuthorizerFor(size_t q);
  static Policy AnyAssumeRole();
  TrustCandidates ScanTrust(const Policy& trust) const;
  absl::Status AssumeRoleEdges();
  absl::Status TrustEdge(size_t p, size_t q);

  // --- pass-role (escalation_pass_role.cc) ---

  // Fills usable_ for p; false when no service is usable.
  bool FindUsableServices(size_t p);
  absl::Status PassRoleEdges(size_t p, size_t q);

  // --- credentials, policy-write, policy-version (escalation_iam_writes.cc)

  absl::Status CredentialEdge(size_t p, size_t q);
  // Policy writes on q itself (`own` actions), on q's groups, and for a
  // user adding itself to a group.
  absl::Status WriteEdge(size_t p, size_t q,
                         std::span<const std::string_view> own,
                         const std::vector<std::string>& groups);
  absl::Status PolicyVersionEdges(size_t p);

  const Account& account_;
  const std::vector<EffectivePermissions>& permissions_;
  const Catalogue& catalogue_;
  std::vector<EscalationEdge>* edges_;
  std::vector<std::optional<Authorizer>> authorizers_;
  std::vector<std::optional<Authorizer>> trust_authorizers_;
  Request request_;  // reused by Allowed
  absl::flat_hash_map<std::string, size_t> by_arn_;
  std::vector<std::string> groups_;  // every group of every user, sorted
  absl::flat_hash_map<std::string_view, std::optional<size_t>> ids_;
  // For the principal FromPrincipal is on: per PassRoleServices() entry, the
  // alternative whose actions it has, or null.
  std::vector<const std::vector<std::string_view>*> usable_;
};

}  // namespace polygraph::iam::internal

#endif  // POLYGRAPH_IAM_ESCALATION_FINDER_H_
