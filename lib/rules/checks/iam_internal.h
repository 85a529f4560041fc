#ifndef POLYGRAPH_LIB_RULES_CHECKS_IAM_INTERNAL_H_
#define POLYGRAPH_LIB_RULES_CHECKS_IAM_INTERNAL_H_

// What the IAM checks (iam_*.cc) share: naming a policy and its statement,
// the actions a statement allows as a catalogue ActionSet, and the
// admin-equivalence test that decides which of PG-IAM-001/002/003/008
// reports a statement. Thread safety: pure functions over immutable data;
// thread-safe.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "polygraph/iam_catalogue.h"
#include "polygraph/iam_policy.h"
#include "polygraph/model.h"
#include "polygraph/source_location.h"

namespace polygraph::rules::internal {

// The resource a finding on `policy` names: its owner's name, else the
// policy's own name (a standalone policy file).
std::string PolicyOwnerName(const Model& model, const PolicyDocument& policy);

// Whether `policy` was read from Terraform (its owner was).
bool IsTerraformPolicy(const Model& model, const PolicyDocument& policy);

// `policy "AppPolicy"`, with ` statement "Sid"` when the statement has one.
std::string StatementLabel(const PolicyDocument& policy,
                           const iam::Statement& statement);

// Resource (not NotResource) holds a literal "*".
bool HasWildcardResource(const iam::Statement& statement);

// The catalogue actions the statement's Action names (union of the
// expansions of its literal patterns), or, for NotAction, every catalogue
// action none of them names. Symbolic values name nothing.
iam::ActionSet StatementActions(const iam::Statement& statement);

// An Allow statement without conditions, on Resource "*", whose allowed
// actions are the whole catalogue, or hold every permissions-management
// action of iam and at least 95% of the catalogue. Such a statement is
// PG-IAM-002's alone: PG-IAM-001, -003 and -008 leave it out.
bool IsAdminEquivalent(const iam::Statement& statement);

// The first Action/NotAction value's location, else the statement's.
SourceLocation FirstActionLocation(const iam::Statement& statement);

// The first `limit` actions of `set` ("s3:PutObject, s3:DeleteObject"),
// then " and N more" when there are more.
std::string ActionList(const iam::ActionSet& set, size_t limit = 5);

// "Action (actions in an aws_iam_policy_document)" for Terraform, `word`
// alone otherwise; `word` is a policy element name such as "Action".
std::string ElementName(std::string_view word, bool terraform);

}  // namespace polygraph::rules::internal

#endif  // POLYGRAPH_LIB_RULES_CHECKS_IAM_INTERNAL_H_
