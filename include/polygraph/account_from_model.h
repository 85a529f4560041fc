#ifndef POLYGRAPH_ACCOUNT_FROM_MODEL_H_
#define POLYGRAPH_ACCOUNT_FROM_MODEL_H_

// The IAM principals of a Model as an iam::Account (iam_account.h): every
// role and user with its inline policies, the managed policies attached to
// it (declared ones, and AdministratorAccess, PowerUserAccess and
// IAMFullAccess by ARN), for a user those of its groups, its permissions
// boundary, and a role's trust policy.
//
// Policies read from templates may hold unresolved expressions. The
// account's policies hold none: a rendering that names a declared role or
// user ("${DeployRole.Arn}", "${DeployRole}") becomes that principal's ARN
// or name, any other becomes the literal text "unresolved-<expression>",
// which no real ARN matches. So an Allow on an unresolved resource grants
// nothing the analyses can name, and a Deny on one denies nothing: the
// analyses err towards reporting access, never towards hiding it.
//
//   absl::StatusOr<iam::Account> account = AccountFromModel(model);
//   absl::StatusOr<AccountAnalysis> analysis = AnalyseAccount(model);
//
// Thread safety: pure functions; thread-safe. AccountAnalysis is immutable
// once built; its members' const methods are thread-safe.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "polygraph/iam_account.h"
#include "polygraph/iam_effective.h"
#include "polygraph/iam_escalation.h"
#include "polygraph/model.h"

namespace polygraph {

struct AccountFromModelOptions {
  // The account id of ARNs built for templates; a snapshot's own ARNs are
  // kept. Default: 111122223333.
  std::string account_id = "111122223333";
};

// Never fails today; the StatusOr leaves room for limits.
absl::StatusOr<iam::Account> AccountFromModel(
    const Model& model, const AccountFromModelOptions& options = {});

// Everything the least-privilege analyses say about a model's principals.
struct AccountAnalysis {
  iam::Account account;
  std::vector<iam::EffectivePermissions> permissions;  // per principal
  std::vector<iam::Risk> risks;
  iam::EscalationGraph graph;
};

// AccountFromModel, then ComputeEffectivePermissions, ClassifyRisks and
// EscalationGraph::Build. Errors: theirs.
absl::StatusOr<AccountAnalysis> AnalyseAccount(
    const Model& model, const AccountFromModelOptions& options = {});

}  // namespace polygraph

#endif  // POLYGRAPH_ACCOUNT_FROM_MODEL_H_
