#ifndef POLYGRAPH_LIB_IAM_STATEMENT_MATCHING_H_
#define POLYGRAPH_LIB_IAM_STATEMENT_MATCHING_H_

// A policy statement compiled for decisions: Action/NotAction patterns
// (case-insensitive), Resource/NotResource ARN patterns (case-sensitive, per
// ARN part, with policy variables), Principal/NotPrincipal entries, and the
// conditions.
//
// Thread safety: immutable after Compile; matching is thread-safe.

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "iam/compiled_pattern.h"
#include "iam/condition_evaluation.h"
#include "iam/request_context.h"
#include "polygraph/iam_policy.h"
#include "polygraph/source_location.h"

namespace polygraph::iam::internal {

// How a statement's Principal named the requester, weakest first. AWS
// treats these differently within one account: naming the account only
// delegates to the identity-based policies, naming the role is limited by
// the permissions boundary and session policy, naming the user or session
// itself grants directly. Naming everyone ("*", or an Allow with
// NotPrincipal) grants directly too, except that a role session's session
// policy still limits it: AWS lifts the session policy only for a policy
// that "specifically references" the session.
enum class PrincipalMatch { kNone, kAccount, kRole, kEveryone, kDirect };

// Where a statement sits, which decides the meaning of absent elements.
struct StatementScope {
  // A statement without Resource applies to the resource (resource-based
  // policies, SCPs, RCPs); elsewhere it matches nothing.
  bool absent_resource_matches = false;
  // A statement without Principal matches nothing (resource-based policies
  // must name whom they grant).
  bool principal_required = false;
};

// The request as statements see it.
struct StatementInput {
  const RequestContext* context = nullptr;
  const PrincipalInfo* principal = nullptr;
  std::string_view action;
  const ArnView* resource = nullptr;
  // The principal has a permissions boundary: a Deny with NotPrincipal then
  // always applies to it, as AWS documents.
  bool has_permissions_boundary = false;
};

class CompiledStatement {
 public:
  // Errors (InputError at the value): symbolic values, malformed policy
  // variables, and the condition errors of CompiledCondition::Compile.
  // Policy variables are substituted when `substitute_variables` (policy
  // version 2012-10-17).
  static absl::StatusOr<CompiledStatement> Compile(const Statement& statement,
                                                   bool substitute_variables,
                                                   const StatementScope& scope);

  // Whether Action, Resource and Principal match (conditions aside), and how
  // the principal was named; kNone when the statement does not apply. A
  // statement without a Principal element returns kDirect when the rest
  // matches.
  PrincipalMatch MatchTarget(const StatementInput& input) const;
  // Every condition holds. All conditions are evaluated so that `missing`
  // collects every absent key.
  bool ConditionsHold(const RequestContext& context,
                      MissingKeys* missing) const;

  bool MatchesAction(std::string_view action) const;
  bool MatchesResource(const ArnView& resource,
                       const RequestContext* context) const;
  PrincipalMatch MatchPrincipal(const PrincipalInfo& principal,
                                bool has_permissions_boundary) const;

  Effect effect() const { return effect_; }
  const std::string& sid() const { return sid_; }
  const SourceLocation& location() const { return location_; }

 private:
  struct PrincipalEntry {
    enum class Kind { kEveryone, kAccount, kRole, kExact };
    Kind kind = Kind::kExact;
    std::string text;       // the entry as written (kExact, kRole)
    std::string account;    // kAccount, kRole
    std::string partition;  // kRole
    std::string name;       // kRole: the role name without its path
  };
  bool Names(const PrincipalEntry& entry, const PrincipalInfo& principal) const;
  bool Excluded(const PrincipalInfo& principal) const;

  Effect effect_ = Effect::kAllow;
  std::string sid_;
  SourceLocation location_;
  std::vector<TextPattern> actions_;
  bool not_action_ = false;
  std::vector<ArnPattern> resources_;
  bool not_resource_ = false;
  bool has_resource_ = false;
  bool absent_resource_matches_ = false;
  std::vector<PrincipalEntry> principals_;
  bool has_principal_ = false;
  bool not_principal_ = false;
  bool principal_required_ = false;
  std::vector<CompiledCondition> conditions_;
};

}  // namespace polygraph::iam::internal

#endif  // POLYGRAPH_LIB_IAM_STATEMENT_MATCHING_H_
