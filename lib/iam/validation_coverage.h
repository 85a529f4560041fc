#ifndef POLYGRAPH_LIB_IAM_VALIDATION_COVERAGE_H_
#define POLYGRAPH_LIB_IAM_VALIDATION_COVERAGE_H_

// Which entries of an Action list cover a given action, in the sense of
// ActionPatternCovers (validation_internal.h), found by hashing instead of
// matching every pair of entries: the redundancy checks ask this of every
// entry of every statement, and AWS managed policies list up to thousands
// of actions in one statement.
//
//   ActionCoverIndex index(statement.actions);
//   std::vector<size_t> covering;
//   index.Covering(index, 0, covering);  // the entries covering the first
//
// Thread safety: immutable once built; thread-safe.

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "iam/catalogue_tables.h"
#include "polygraph/iam_policy.h"

namespace polygraph::iam::validation_internal {

class ActionCoverIndex {
 public:
  // Indexes every entry of `actions` that is not symbolic. Borrows the
  // entries' text: `actions` must outlive the index and stay unchanged.
  // `catalogue_indices`, when given, holds each entry's catalogue index
  // (Catalogue::FindAction) or kUnknown: equal literal entries have equal
  // indices, so known ones are compared by index instead of by text.
  static constexpr size_t kUnknown = SIZE_MAX;
  explicit ActionCoverIndex(
      const std::vector<LocatedString>& actions,
      const std::vector<size_t>* catalogue_indices = nullptr);

  // Copying would only duplicate a large table; moving is cheap.
  ActionCoverIndex(const ActionCoverIndex&) = delete;
  ActionCoverIndex& operator=(const ActionCoverIndex&) = delete;
  ActionCoverIndex(ActionCoverIndex&&) = default;
  ActionCoverIndex& operator=(ActionCoverIndex&&) = default;

  // Replaces `out` with the positions, ascending, of this index's entries e
  // for which ActionPatternCovers(e, covered) holds, `covered` being the
  // entry at `position` of `source` (this index or another).
  // REQUIRES: that entry is not symbolic; both indexes were built with
  // catalogue indices (of one catalogue), or both without.
  void Covering(const ActionCoverIndex& source, size_t position,
                std::vector<size_t>& out) const;
  // True when some entry of this index covers entry `position` of `source`.
  // REQUIRES: as for Covering.
  bool AnyCovers(const ActionCoverIndex& source, size_t position) const;

 private:
  static constexpr uint32_t kNone = UINT32_MAX;
  // Entries fall in four groups (see validation_coverage.cc): "*", literal
  // ones, prefix patterns "service:Text*", and any other glob.
  struct Entry {
    std::string_view text;
    uint64_t hash = 0;          // of the folded text, for a literal entry
    size_t action = kUnknown;   // its catalogue index, when known
    uint32_t wildcard = kNone;  // where the first '*' or '?' is
    uint32_t colon = kNone;     // where the first ':' is
    uint32_t first = kNone;     // a literal's first equal entry
    uint32_t next = kNone;      // the next entry with the same key
  };
  // A key (an entry's text, or a prefix pattern's text without its '*')
  // with the hash of its ASCII-folded text. The hash is computed byte by
  // byte, so one pass over an action gives the hashes of all its prefixes.
  struct Key {
    std::string_view text;
    uint64_t hash = 0;
  };
  struct KeyHash {
    size_t operator()(const Key& key) const { return key.hash; }
  };
  struct KeyEq {
    bool operator()(const Key& a, const Key& b) const {
      return a.hash == b.hash &&
             catalogue_internal::EqualsFolded(a.text, b.text);
    }
  };
  // The first and last entry with one key, chained through Entry::next.
  struct Chain {
    uint32_t first = kNone;
    uint32_t last = kNone;
  };
  using ChainMap = absl::flat_hash_map<Key, Chain, KeyHash, KeyEq>;

  // Appends entry `position` to the chain of `key`; returns the chain's
  // first entry.
  template <typename Map, typename K>
  uint32_t Append(Map& map, const K& key, uint32_t position);
  // Calls visit(position) for each literal or prefix entry that covers
  // `covered`, ascending within each key, stopping when visit returns true;
  // returns whether it did.
  template <typename Visit>
  bool VisitKeyed(const ActionCoverIndex& source, size_t position,
                  Visit visit) const;
  // Whether some glob entry matches the literal `covered`; with `out`,
  // appends every such entry's position instead of stopping at the first.
  bool GlobMatches(const Entry& covered, std::vector<size_t>* out) const;

  std::vector<Entry> entries_;  // by position in the list; symbolic unused
  ChainMap literals_;  // literal entries whose catalogue index is unknown
  absl::flat_hash_map<size_t, Chain> known_;  // the others, by that index
  ChainMap prefixes_;
  std::vector<uint32_t> prefix_lengths_;  // of the prefix keys; ascending
  std::vector<uint32_t> stars_;           // ascending
  std::vector<uint32_t> globs_;           // ascending
};

}  // namespace polygraph::iam::validation_internal

#endif  // POLYGRAPH_LIB_IAM_VALIDATION_COVERAGE_H_
