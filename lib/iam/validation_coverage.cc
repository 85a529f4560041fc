// ActionCoverIndex (validation_coverage.h): the cases of
// ActionPatternCovers, each answered by the cheapest lookup that decides it.
// For an entry `pattern` and an action `covered`:
//   "*" covers everything;
//   when `covered` is literal (no '*' or '?'), `pattern` covers it iff it
//   glob-matches it: a literal entry iff they are equal ignoring ASCII case
//   (a hash lookup), a prefix entry "service:Text*" iff `covered` starts
//   with "service:Text" (a lookup per distinct prefix length), any other
//   pattern by GlobMatch;
//   when `covered` has a wildcard, only a prefix entry that it starts with
//   covers it.

#include "iam/validation_coverage.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "polygraph/glob.h"

namespace polygraph::iam::validation_internal {
namespace {

constexpr uint64_t kFnvBasis = 14695981039346656037ull;

// FNV-1a over ASCII-folded bytes, one byte at a time.
uint64_t FoldStep(uint64_t state, char c) {
  if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return (state ^ static_cast<unsigned char>(c)) * 1099511628211ull;
}

// MurmurHash3's finalizer: FNV's low bits are weak, and the hash table
// takes its control bits from them.
uint64_t Mix(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return h;
}

uint64_t FoldedHashOf(std::string_view text) {
  uint64_t state = kFnvBasis;
  for (char c : text) state = FoldStep(state, c);
  return Mix(state);
}

}  // namespace

ActionCoverIndex::ActionCoverIndex(const std::vector<LocatedString>& actions,
                                   const std::vector<size_t>* catalogue_indices)
    : entries_(actions.size()) {
  for (size_t i = 0; i < actions.size(); ++i) {
    if (actions[i].symbolic) continue;
    const std::string_view text = actions[i].value;
    const auto position = static_cast<uint32_t>(i);
    Entry& entry = entries_[i];
    entry.text = text;
    for (size_t c = 0; c < text.size(); ++c) {
      if (entry.colon == kNone && text[c] == ':') {
        entry.colon = static_cast<uint32_t>(c);
      }
      if (text[c] == '*' || text[c] == '?') {
        entry.wildcard = static_cast<uint32_t>(c);
        break;
      }
    }
    if (text == "*") {
      stars_.push_back(position);
    } else if (entry.wildcard == kNone) {
      if (catalogue_indices != nullptr) entry.action = (*catalogue_indices)[i];
      if (entry.action != kUnknown) {
        entry.first = Append(known_, entry.action, position);
      } else {
        entry.hash = FoldedHashOf(text);
        entry.first = Append(literals_, Key{text, entry.hash}, position);
      }
    } else if (entry.wildcard + 1 == text.size() && text.back() == '*' &&
               entry.colon != kNone) {
      // A prefix pattern: its one wildcard is the final '*', and the text
      // before it holds a ':'.
      const std::string_view prefix = text.substr(0, entry.wildcard);
      Append(prefixes_, Key{prefix, FoldedHashOf(prefix)}, position);
      prefix_lengths_.push_back(entry.wildcard);
    } else {
      globs_.push_back(position);
    }
  }
  std::sort(prefix_lengths_.begin(), prefix_lengths_.end());
  prefix_lengths_.erase(
      std::unique(prefix_lengths_.begin(), prefix_lengths_.end()),
      prefix_lengths_.end());
}

template <typename Map, typename K>
uint32_t ActionCoverIndex::Append(Map& map, const K& key, uint32_t position) {
  Chain& chain = map[key];
  if (chain.first == kNone) {
    chain.first = position;
  } else {
    entries_[chain.last].next = position;
  }
  chain.last = position;
  return chain.first;
}

template <typename Visit>
bool ActionCoverIndex::VisitKeyed(const ActionCoverIndex& source,
                                  size_t position, Visit visit) const {
  const Entry& covered = source.entries_[position];
  auto visit_from = [&](uint32_t first) {
    for (uint32_t p = first; p != kNone; p = entries_[p].next) {
      if (visit(p)) return true;
    }
    return false;
  };
  auto visit_key = [&](const ChainMap& map, const Key& key) {
    auto it = map.find(key);
    return it != map.end() && visit_from(it->second.first);
  };
  if (covered.wildcard == kNone && covered.text != "*") {
    if (&source == this) {
      if (visit_from(covered.first)) return true;
    } else if (covered.action != kUnknown) {
      if (auto it = known_.find(covered.action);
          it != known_.end() && visit_from(it->second.first)) {
        return true;
      }
    } else if (!literals_.empty() &&
               visit_key(literals_, Key{covered.text, covered.hash})) {
      return true;
    }
  }
  // A prefix key holds a ':' and no wildcard, so it can only be a prefix of
  // `covered` that reaches past its first ':' and stops before a wildcard.
  if (covered.colon == kNone || prefix_lengths_.empty()) return false;
  const size_t end = covered.wildcard == kNone ? covered.text.size()
                                               : size_t{covered.wildcard};
  uint64_t state = kFnvBasis;  // of covered.text.substr(0, hashed)
  size_t hashed = 0;
  for (size_t length : prefix_lengths_) {
    if (length > end) break;
    if (length <= covered.colon) continue;
    for (; hashed < length; ++hashed) {
      state = FoldStep(state, covered.text[hashed]);
    }
    if (visit_key(prefixes_, Key{covered.text.substr(0, length), Mix(state)})) {
      return true;
    }
  }
  return false;
}

bool ActionCoverIndex::GlobMatches(const Entry& covered,
                                   std::vector<size_t>* out) const {
  if (covered.wildcard != kNone) return false;
  for (uint32_t position : globs_) {
    if (GlobMatch(entries_[position].text, covered.text,
                  GlobCase::kInsensitive)) {
      if (out == nullptr) return true;
      out->push_back(position);
    }
  }
  return false;
}

void ActionCoverIndex::Covering(const ActionCoverIndex& source, size_t position,
                                std::vector<size_t>& out) const {
  out.assign(stars_.begin(), stars_.end());
  VisitKeyed(source, position, [&](uint32_t p) {
    out.push_back(p);
    return false;
  });
  GlobMatches(source.entries_[position], &out);
  std::sort(out.begin(), out.end());
}

bool ActionCoverIndex::AnyCovers(const ActionCoverIndex& source,
                                 size_t position) const {
  return !stars_.empty() ||
         VisitKeyed(source, position, [](uint32_t) { return true; }) ||
         GlobMatches(source.entries_[position], nullptr);
}

}  // namespace polygraph::iam::validation_internal
