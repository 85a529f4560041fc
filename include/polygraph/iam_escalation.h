#ifndef POLYGRAPH_IAM_ESCALATION_H_
#define POLYGRAPH_IAM_ESCALATION_H_

// The privilege-escalation graph of an account: an edge P → Q when P can
// act as Q, or give itself Q's permissions, by one known technique:
// - assume-role: Q's trust policy allows P to sts:AssumeRole and P's
//   policies allow it on Q;
// - pass-role: P may iam:PassRole Q and create or update a compute
//   resource that runs as Q, where Q trusts that service (Lambda, EC2,
//   ECS, Glue, CloudFormation, CodeBuild, SageMaker, Data Pipeline, ...);
// - credentials: P may iam:CreateAccessKey, iam:CreateLoginProfile or
//   iam:UpdateLoginProfile on user Q;
// - policy-write: P may put or attach policies on Q (iam:PutRolePolicy,
//   iam:AttachRolePolicy, iam:PutUserPolicy, iam:AttachUserPolicy,
//   iam:PutGroupPolicy / iam:AttachGroupPolicy on a group of Q,
//   iam:AddUserToGroup), Q == P being the "on self" case that makes P admin;
// - policy-version: P may iam:CreatePolicyVersion or
//   iam:SetDefaultPolicyVersion on a managed policy attached to Q;
// - trust-update: P may iam:UpdateAssumeRolePolicy on role Q (then assume
//   it).
// Each edge names the statements of P's policies (and of Q's trust policy)
// that enable it. A self edge (policy-write or policy-version on self)
// means P can make itself administrator.
//
//   absl::StatusOr<iam::EscalationGraph> graph =
//       iam::EscalationGraph::Build(account, permissions);
//   for (size_t p : graph->WhoCanReach(target)) ...
//
// Thread safety: EscalationGraph is immutable after Build; its methods are
// thread-safe.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "polygraph/iam_account.h"
#include "polygraph/iam_effective.h"

namespace polygraph::iam {

enum class EscalationTechnique {
  kAssumeRole,
  kPassRole,
  kCredentials,
  kPolicyWrite,
  kPolicyVersion,
  kTrustUpdate,
};

// "assume-role", "pass-role", "credentials", "policy-write",
// "policy-version", "trust-update".
std::string_view EscalationTechniqueName(EscalationTechnique technique);

struct EscalationEdge {
  size_t from = 0;  // Account::principals index
  size_t to = 0;
  EscalationTechnique technique = EscalationTechnique::kAssumeRole;
  // The actions P uses, e.g. {"iam:PassRole", "lambda:CreateFunction",
  // "lambda:InvokeFunction"}.
  std::vector<std::string> actions;
  // The service a pass-role edge runs Q under ("lambda.amazonaws.com");
  // empty otherwise.
  std::string service;
  // The statements that enable it: P's Allow statements, then for
  // assume-role the trust policy statement (role kResource).
  std::vector<StatementRef> statements;
  // One sentence: "role \"Ci\" can pass role \"Deploy\" to a new Lambda
  // function (iam:PassRole, lambda:CreateFunction) and run as it".
  std::string explanation;
};

// A non-administrator principal that can reach an administrator.
struct AdminReach {
  size_t principal = 0;
  size_t admin = 0;               // the administrator reached
  std::vector<size_t> edge_path;  // edge indices, shortest
};

class EscalationGraph {
 public:
  // `permissions` is ComputeEffectivePermissions(account). Errors: a
  // policy Compile rejects, with its location.
  static absl::StatusOr<EscalationGraph> Build(
      const Account& account,
      const std::vector<EffectivePermissions>& permissions);

  const std::vector<EscalationEdge>& edges() const { return edges_; }
  // Edge indices leaving / entering a principal.
  const std::vector<size_t>& out_edges(size_t principal) const;
  const std::vector<size_t>& in_edges(size_t principal) const;

  // Every principal other than `target` with a path to it, sorted.
  std::vector<size_t> WhoCanReach(size_t target) const;
  // Shortest paths (as edge indices) from `from` to `to`, at most
  // `max_paths` of them, shortest first; {} when none. from == to gives
  // {}.
  std::vector<std::vector<size_t>> Paths(size_t from, size_t to,
                                         size_t max_paths = 10) const;
  // Every non-administrator principal that can become an administrator,
  // sorted by principal. Policy-write and policy-version edges change what
  // their target may do; they count only when the principal can also act
  // as that target (or is it): P reaches an administrator over assume-role,
  // pass-role, credentials and trust-update edges, or it can act as some R
  // (or is R) whose rewrite edge points at a T it can act as (or is). The
  // latter, for R ≠ T, is searched over the first 1,000 such edges.
  std::vector<AdminReach> AdminReaches() const;

 private:
  // Shortest act-as path (edge indices); {} when from == to or none.
  std::vector<size_t> ActAsPath(size_t from, size_t to) const;
  // Principals with an act-as path to `target`, `target` included.
  std::vector<bool> ReachersOverActAs(size_t target) const;

  std::vector<EscalationEdge> edges_;
  std::vector<std::vector<size_t>> out_;
  std::vector<std::vector<size_t>> in_;
  std::vector<bool> admin_;
};

}  // namespace polygraph::iam

#endif  // POLYGRAPH_IAM_ESCALATION_H_
