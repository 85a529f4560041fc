#ifndef POLYGRAPH_LIB_ACCESS_MODEL_PRINCIPALS_H_
#define POLYGRAPH_LIB_ACCESS_MODEL_PRINCIPALS_H_

// Reading principals' memberships from a Model's references, shared by
// AccountFromModel and the IAM checks that judge a user's policies.
//
// Thread safety: pure functions; thread-safe.

#include <cstddef>
#include <set>

#include "polygraph/model.h"

namespace polygraph::internal {

// The user `user` and the groups it belongs to: groups it refers to
// (Groups, GroupList), and groups a membership resource
// (AWS::IAM::UserToGroupAddition, aws_iam_user_group_membership) names
// together with it.
std::set<size_t> UserAndGroups(const Model& model, size_t user);

}  // namespace polygraph::internal

#endif  // POLYGRAPH_LIB_ACCESS_MODEL_PRINCIPALS_H_
