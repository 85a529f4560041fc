#ifndef POLYGRAPH_LIB_IAM_COMPARE_DECISION_H_
#define POLYGRAPH_LIB_IAM_COMPARE_DECISION_H_

// Authorizer::Decide's verdict from the statements that apply, for the
// comparison search: once the search knows which statements of a side match
// a candidate request (target and conditions), the verdict follows from
// them and a few traits of the request, without deciding the request
// again. Mirrors the evaluation flow of authorizer.cc; every witness the
// search reports is still decided by Authorizer::Decide, and
// compare_decision_test.cc checks the two agree.
//
// Thread safety: pure functions over their arguments; thread-safe.

#include <cstddef>
#include <string_view>

#include "iam/request_context.h"
#include "iam/statement_matching.h"
#include "polygraph/iam_decision.h"
#include "polygraph/iam_policy.h"

namespace polygraph::iam::internal {

// Which policies a side has, as Authorizer::Compile keeps them.
struct SideShape {
  bool boundary = false;
  bool session = false;
  bool resource_policy = false;
  size_t scp_levels = 0;
  size_t rcp_levels = 0;
};
SideShape ShapeOf(const PolicySet& set);

// A statement whose target matched (via != kNone) and whose conditions
// hold.
struct StatementHit {
  PolicyRole role = PolicyRole::kIdentity;
  size_t level = 0;  // SCP / RCP level; 0 elsewhere
  Effect effect = Effect::kAllow;
  PrincipalMatch via = PrincipalMatch::kNone;
};

// What Decide reads of the request besides the statements that apply.
struct RequestTraits {
  bool principal_side = false;  // the principal is in some account
  bool get_caller_identity = false;
  bool is_root = false;
  bool same_account = false;
  bool trust_policy = false;  // sts:AssumeRole* on an IAM role
  bool key_policy = false;    // a KMS key
};
// `resource_account` is Request::resource_account (empty: from the ARN, or
// the principal's account), as Decide reads it.
RequestTraits TraitsOf(std::string_view action, const PrincipalInfo& principal,
                       const ArnView& resource,
                       std::string_view resource_account);

struct QuickDecision {
  bool allow = false;
  // The Allow cites a statement of the resource-based policy.
  bool cites_resource = false;
};
// Decide's verdict given every statement of the side that applies (hits of
// identity, boundary, session and SCP statements are ignored when the
// principal is in no account, as Decide does not consult them).
QuickDecision QuickDecide(const SideShape& shape, const RequestTraits& traits,
                          const StatementHit* hits, size_t count);

}  // namespace polygraph::iam::internal

#endif  // POLYGRAPH_LIB_IAM_COMPARE_DECISION_H_
