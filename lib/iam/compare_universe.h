#ifndef POLYGRAPH_LIB_IAM_COMPARE_UNIVERSE_H_
#define POLYGRAPH_LIB_IAM_COMPARE_UNIVERSE_H_

// The finite request space of a comparison: each side's statements compiled
// as Authorizer compiles them, the action classes, and the principal
// candidates.
//
// Thread safety: plain value types; thread-compatible.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "iam/compare_internal.h"
#include "iam/condition_evaluation.h"
#include "iam/statement_matching.h"
#include "polygraph/iam_catalogue.h"
#include "polygraph/iam_compare.h"
#include "polygraph/iam_decision.h"

namespace polygraph::iam::internal {

// Calls `visit` for every policy of `set`, in Authorizer's order, with the
// scope Authorizer compiles it with and its level (SCPs and RCPs; 0
// elsewhere).
void ForEachPolicy(
    const PolicySet& set,
    const std::function<void(const Policy&, const StatementScope&, PolicyRole,
                             size_t level)>& visit);

// Every statement of one PolicySet, flattened. REQUIRES: the PolicySet
// outlives this object.
struct SideStatements {
  // A statement compiled for matching (its sid and location aside: the
  // search reads only what it matches).
  struct Compiled {
    const CompiledStatement* statement;  // `owned`, or an Authorizer's
    std::optional<CompiledStatement> owned;
    std::vector<CompiledCondition> conditions;  // as statement.conditions
  };
  struct Entry {
    const Statement* source;
    // Shared with the equal statement of another side (Add's `reuse`).
    std::shared_ptr<const Compiled> shared;
    bool substitute;
    PolicyRole role;
    size_t level;  // SCP / RCP level; 0 elsewhere

    const CompiledStatement& compiled() const { return *shared->statement; }
    const std::vector<CompiledCondition>& conditions() const {
      return shared->conditions;
    }
  };
  std::vector<Entry> entries;
  bool has_boundary = false;

  // Errors: what CompiledStatement::Compile rejects. A statement that
  // `reuse` (another side, or null) has compiled in the same role and
  // policy version, with the same effect, elements and conditions, is not
  // compiled again (looked for at the same position, then among a bounded
  // number of others). With `authorizer` (compiled from `set`; it must
  // outlive this object) its compiled statements are used.
  absl::Status Add(const PolicySet& set, const SideStatements* reuse = nullptr,
                   const Authorizer* authorizer = nullptr);
};

struct ActionClass {
  std::string representative;
  // The class of every catalogue action (shared by the classes of one
  // ActionClasses); this class is number `id`. Null for an unknown name,
  // which is then the only member.
  std::shared_ptr<const std::vector<uint32_t>> class_of;
  uint32_t id = 0;
  size_t first = 0;  // the first member's index
  size_t count = 0;  // members
  // Catalogue indices of the members, ascending; empty when unknown.
  std::vector<size_t> Indices() const;
  // Every member, catalogue spelling or as written.
  std::vector<std::string> Names() const;
};
struct ActionClasses {
  std::vector<ActionClass> classes;
  std::vector<std::string> unknown;  // as written, sorted
};
// Partitions the catalogue plus the unknown names written in `sides` (and
// `extra_patterns`) by which Action/NotAction patterns match.
void BuildActionClasses(const std::vector<const SideStatements*>& sides,
                        const std::vector<std::string>& extra_patterns,
                        ActionClasses& out);

// options.principal alone when no statement has a Principal element
// (`*named` false); otherwise also every principal named, sessions of named
// roles, and the root, a user, a role, a session and a federated user of
// every account in play and of an unknown account, kAnonymous, a service
// and an external identity.
std::vector<std::string> PrincipalCandidates(
    const std::vector<const SideStatements*>& sides,
    const CompareOptions& options, bool* named);

}  // namespace polygraph::iam::internal

#endif  // POLYGRAPH_LIB_IAM_COMPARE_UNIVERSE_H_
