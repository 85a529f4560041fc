#ifndef POLYGRAPH_LIB_IAM_COMPARE_SEARCH_H_
#define POLYGRAPH_LIB_IAM_COMPARE_SEARCH_H_

// The comparison search (compare_internal.h's Search): Prepare lays out the
// request space (compare_prepare.cc), Run visits it (compare.cc).
//
// Candidate requests are decided from precomputed tables: which statements'
// targets match per principal and resource cell, which match per action
// class, and every distinct condition's verdict per principal and value
// list; QuickDecide (compare_decision.h) turns the statements that apply
// into Decide's verdict. A request reported as a witness is decided again
// by Authorizer::Decide on both sides.
//
// Thread safety: a Searcher is used by one thread.

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/node_hash_map.h"
#include "absl/status/status.h"
#include "iam/compare_decision.h"
#include "iam/compare_internal.h"
#include "iam/compare_universe.h"
#include "iam/request_context.h"
#include "polygraph/iam_compare.h"
#include "polygraph/iam_decision.h"

namespace polygraph::iam::internal {

using ValueList = std::optional<std::vector<std::string>>;  // nullopt: absent

// A condition key read by some statement.
struct SearchKey {
  std::string name;  // as first written
  // The distinct conditions on the key (same operator, values and variable
  // reading), each once.
  std::vector<ConditionRef> refs;
  std::vector<const CompiledCondition*> compiled;  // per ref
  std::vector<ValueList> lists;
};

// A condition of some side's statement: its key and distinct condition.
struct CondAt {
  size_t key;
  size_t slot;  // index into the key's refs
};

struct SearchSide {
  const PolicySet* set = nullptr;
  SideStatements statements;
  SideShape shape;
  std::vector<std::vector<CondAt>> conds;  // per entry, per condition
  // Checks witnesses; SideStatements matches with its statements.
  std::optional<Authorizer> authorizer;
};

struct EntryMatch {
  uint32_t entry;  // global entry
  uint8_t via;     // PrincipalMatch, never kNone
};

class Searcher {
 public:
  Searcher(const SearchFocus& focus, const CompareOptions& options)
      : focus_(focus), options_(options) {}

  absl::Status Prepare(const PolicySet& first, const PolicySet* second);
  // Every witness allowed by sides_[x] and not by sides_[y] (y = -1: a
  // reference that allows nothing).
  DirectionResult Run(size_t x, int y);

  SearchResult result;

 private:
  // compare_prepare.cc
  absl::Status PrepareResources();
  void PrepareKeys(std::vector<std::string>& variable_keys);
  void PrepareVerdicts();
  void PrepareTargets();

  // compare.cc
  Request MakeRequest(const std::string& action, size_t p, size_t r) const;
  // `match`: the global entries whose target matches the request, with
  // how the principal was named (PrincipalMatch), ascending.
  std::optional<Witness> SearchContexts(size_t x, int y, size_t p, size_t r,
                                        const ActionClass& cls,
                                        const std::vector<EntryMatch>& match);
  // The value lists of key k with distinct verdicts for the conditions
  // `slots` (ascending) under principal p; remembered.
  const std::vector<size_t>& Picks(size_t p, size_t k,
                                   const std::vector<size_t>& slots);
  // Decides `request` on both sides with Authorizer::Decide; the witness
  // when x allows it and y does not.
  std::optional<Witness> Verify(size_t x, int y, Request request);
  bool Allows(const Decision& d) const;
  bool Verdict(size_t p, size_t k, size_t list, size_t slot) const {
    return verdicts_[p][k][list * keys_[k].refs.size() + slot] != 0;
  }
  void Note(std::string note);

  const SearchFocus& focus_;
  const CompareOptions& options_;
  std::vector<SearchSide> sides_;
  std::vector<size_t> side_offset_;      // first global entry of each side
  std::vector<StatementHit> entry_hit_;  // per global entry (via unset)
  std::vector<size_t> entry_side_;       // per global entry
  // Per global entry: its conditions (set by PrepareKeys).
  std::vector<const std::vector<CondAt>*> entry_conds_;
  size_t total_ = 0;  // global entries
  ActionClasses classes_;
  std::vector<std::string> principals_;
  std::vector<PrincipalInfo> principal_info_;
  std::vector<std::string> resources_;
  std::vector<ArnView> resource_arn_;
  std::vector<std::string> variable_keys_;
  std::vector<SearchKey> keys_;
  std::map<std::string, std::vector<std::string>> base_context_;
  // verdicts_[p][k][list * refs + slot]
  std::vector<std::vector<std::vector<uint8_t>>> verdicts_;
  size_t decisions_ = 0;
  // Target matches that do not depend on the action, nonzero ones:
  // [p][r] -> ascending entries.
  std::vector<std::vector<std::vector<EntryMatch>>> targets_;
  std::vector<std::vector<uint8_t>> action_matches_;  // [class][entry]
  // Picks by (p, k, slots...); node-based so that references stay valid.
  absl::node_hash_map<std::vector<size_t>, std::vector<size_t>> picks_;
  std::vector<std::vector<size_t>> relevant_;  // SearchContexts' buffer
};

}  // namespace polygraph::iam::internal

#endif  // POLYGRAPH_LIB_IAM_COMPARE_SEARCH_H_
