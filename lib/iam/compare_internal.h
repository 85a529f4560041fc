#ifndef POLYGRAPH_LIB_IAM_COMPARE_INTERNAL_H_
#define POLYGRAPH_LIB_IAM_COMPARE_INTERNAL_H_

// The pieces of iam::Compare and the custom policy checks:
//  - cells: representative strings, one per realizable combination of the
//    glob / ARN patterns they match (patterns: compare_cells.cc; the search:
//    compare_cell_search.cc);
//  - condition values: representative request values per condition key
//    (compare_values.cc);
//  - the search: for one allowing PolicySet and an optional reference set,
//    every action class with a request the first allows and the second does
//    not (compare_search.h: compare_prepare.cc, compare.cc).
//
// Thread safety: pure functions over their arguments; thread-safe.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "polygraph/iam_compare.h"
#include "polygraph/iam_condition.h"
#include "polygraph/iam_decision.h"
#include "polygraph/iam_policy.h"

namespace polygraph::iam::internal {

// A pattern over whole strings: literal characters and the wildcards of
// IAM globs, with variants that do not cross ':' (the first five ARN parts).
struct CellToken {
  enum class Kind { kChar, kAny, kAnyNoColon, kStar, kStarNoColon };
  Kind kind = Kind::kChar;
  char c = 0;
};
struct CellPattern {
  std::vector<CellToken> tokens;
  bool fold = false;  // letters compare case-insensitively
};

// The value every policy variable "${key}" takes in the searched requests;
// Compare puts the same value in the request context.
std::string VariableValue(std::string_view key);

// A String* / Action pattern: '*' and '?' are wildcards when `wildcards`;
// variables (when `substitute`) become VariableValue(key). Errors as
// PolicyVariableText::Parse.
absl::StatusOr<CellPattern> TextCellPattern(std::string_view text,
                                            bool wildcards, bool fold,
                                            bool substitute);
// An ARN pattern as ArnPattern matches it (per ARN part); nullopt when it
// matches nothing (a short pattern whose last part does not end in '*').
absl::StatusOr<std::optional<CellPattern>> ArnCellPattern(std::string_view text,
                                                          bool substitute);

bool CellMatches(const CellPattern& pattern, std::string_view text);

struct CellSearch {
  // One shortest string per realizable set of matched patterns.
  std::vector<std::string> representatives;
  // For each representative: true when it matches none of the patterns.
  std::vector<bool> matches_none;
  // The search stopped at `state_limit` before visiting every state.
  bool capped = false;
};
// Breadth-first search over the product of the patterns' automata, over an
// alphabet of the characters the patterns use (both cases where a pattern
// folds) plus one character none uses, plus `extra_chars`.
CellSearch SearchCells(const std::vector<CellPattern>& patterns,
                       size_t state_limit, std::string_view extra_chars = {});

// One condition of a policy with how to read its values.
struct ConditionRef {
  const Condition* condition = nullptr;
  bool substitute = false;  // policy version 2012-10-17
};

struct ValueCandidates {
  std::vector<std::string> values;
  // values[i] matches no value the conditions name (for the public access
  // check's identifying keys).
  std::vector<bool> names_nothing;
  bool capped = false;
  // The key is read by operators of several families (a string and a
  // number...): their cells are combined per family, not jointly.
  bool mixed = false;
};
// Representative single request values of one key for `conditions` (all on
// that key): string/ARN cells, numeric and date boundaries and their
// neighbours, booleans, addresses at and around every CIDR's ends, and an
// unreadable value.
ValueCandidates ConditionValueCandidates(
    const std::vector<ConditionRef>& conditions, size_t state_limit);

// What the search looks for, beyond Decide(allowing) == Allow and
// Decide(reference) != Allow.
struct SearchFocus {
  // Only requests whose action matches one of these (empty: any action).
  std::vector<std::string> actions;
  // Only requests whose resource matches one of these ARN patterns (empty:
  // any resource).
  std::vector<std::string> resources;
  // Extra resource strings to consider (a resource of the checked type).
  std::vector<std::string> extra_resource_patterns;
  // Replace the principal candidates (the public access check).
  std::optional<std::vector<std::string>> principals;
  // Keys (lowercase) whose values must name nothing the policies name.
  std::vector<std::string> identifying_keys;
  // Only requests whose Allow cites a statement of the resource policy.
  bool require_resource_statement = false;
  // Fixed Request::resource_account (empty: options.resource_account).
  std::string resource_account;
};

struct DirectionResult {
  std::vector<Witness> witnesses;
  std::vector<std::string> actions;  // sorted
};

struct SearchResult {
  DirectionResult forward;   // allowed by `first`, not by `second`
  DirectionResult backward;  // allowed by `second`, not by `first`
  std::vector<std::string> unknown_actions;
  std::vector<std::string> notes;
};

// Searches both directions between `first` and `second`; `second` null means
// a reference that allows nothing (then only `forward` is filled).
absl::StatusOr<SearchResult> Search(const PolicySet& first,
                                    const PolicySet* second,
                                    const SearchFocus& focus,
                                    const CompareOptions& options);

}  // namespace polygraph::iam::internal

#endif  // POLYGRAPH_LIB_IAM_COMPARE_INTERNAL_H_
