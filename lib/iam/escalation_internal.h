#ifndef POLYGRAPH_IAM_ESCALATION_INTERNAL_H_
#define POLYGRAPH_IAM_ESCALATION_INTERNAL_H_

// The escalation techniques that EscalationGraph::Build (escalation.cc)
// turns into a graph: FindEscalationEdges (escalation_techniques.cc) runs
// an EdgeFinder (escalation_finder.h), whose techniques live in
// escalation_assume_role.cc, escalation_pass_role.cc (with
// PassRoleServices()) and escalation_iam_writes.cc.
//
// Thread safety: pure functions over immutable tables; thread-safe.

#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "polygraph/iam_account.h"
#include "polygraph/iam_effective.h"
#include "polygraph/iam_escalation.h"

namespace polygraph::iam::internal {

// A service that runs compute as a role passed to it with iam:PassRole.
struct PassRoleService {
  std::string_view service;  // the trusted service principal
  std::string_view noun;     // "a new Lambda function"
  // Alternative sets of actions that create and start the compute; any one
  // set, all of whose actions are allowed on some resource, is enough.
  std::vector<std::vector<std::string_view>> alternatives;
};

// Lambda, EC2, ECS, Glue, CloudFormation, CodeBuild, SageMaker, Data
// Pipeline, in that order.
const std::vector<PassRoleService>& PassRoleServices();

// Every action name a technique asks about (for tests: each must be in the
// catalogue).
std::vector<std::string_view> EscalationActionNames();

// Appends every edge of every technique to `edges`, in no particular order.
// REQUIRES: permissions.size() == account.principals.size(), and
// permissions[i] is principal i's. Errors: a policy Authorizer::Compile
// rejects, with its location.
absl::Status FindEscalationEdges(
    const Account& account,
    const std::vector<EffectivePermissions>& permissions,
    std::vector<EscalationEdge>* edges);

}  // namespace polygraph::iam::internal

#endif  // POLYGRAPH_IAM_ESCALATION_INTERNAL_H_
