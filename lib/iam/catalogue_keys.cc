// Case-insensitive hashing and condition-key pattern matching for the
// catalogue tables.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "absl/hash/hash.h"
#include "iam/catalogue_tables.h"

namespace polygraph::iam::catalogue_internal {
namespace {

char Fold(char c) { return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c; }

// FNV-1a over the folded bytes; absl::HashOf mixes the result so the table's
// control bits are well distributed.
uint64_t FoldedFnv(uint64_t state, std::string_view text) {
  for (char c : text) {
    state ^= static_cast<unsigned char>(Fold(c));
    state *= 1099511628211ull;
  }
  return state;
}

constexpr uint64_t kFnvBasis = 14695981039346656037ull;

bool StartsWithFolded(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() &&
         EqualsFolded(text.substr(0, prefix.size()), prefix);
}

// The first placeholder of `pattern` at or after `from`: its start and the
// position after it; false when there is none.
bool FindPlaceholder(std::string_view pattern, size_t from, size_t& begin,
                     size_t& end) {
  for (size_t i = from; i < pattern.size(); ++i) {
    std::string_view closer;
    size_t body = i;
    if (pattern[i] == '$' && i + 1 < pattern.size() && pattern[i + 1] == '{') {
      closer = "}";
      body = i + 2;
    } else if (pattern[i] == '<') {
      closer = ">";
      body = i + 1;
    } else {
      continue;
    }
    size_t close = pattern.find(closer, body);
    if (close == std::string_view::npos || close == body) continue;
    begin = i;
    end = close + 1;
    return true;
  }
  return false;
}

}  // namespace

size_t FoldedHash::operator()(std::string_view text) const {
  return absl::HashOf(FoldedFnv(kFnvBasis, text));
}

bool FoldedEq::operator()(std::string_view a, std::string_view b) const {
  return EqualsFolded(a, b);
}

size_t ActionKeyHash::operator()(const ActionKey& key) const {
  uint64_t state = FoldedFnv(kFnvBasis, key.service);
  state = FoldedFnv(state, ":");
  return absl::HashOf(FoldedFnv(state, key.name));
}

bool ActionKeyEq::operator()(const ActionKey& a, const ActionKey& b) const {
  return EqualsFolded(a.service, b.service) && EqualsFolded(a.name, b.name);
}

bool EqualsFolded(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Fold(a[i]) != Fold(b[i])) return false;
  }
  return true;
}

bool HasPlaceholder(std::string_view key) {
  size_t begin = 0;
  size_t end = 0;
  return FindPlaceholder(key, 0, begin, end);
}

bool ConditionKeyMatches(std::string_view pattern, std::string_view key) {
  size_t begin = 0;
  size_t end = 0;
  if (!FindPlaceholder(pattern, 0, begin, end)) {
    return EqualsFolded(pattern, key);
  }
  if (!StartsWithFolded(key, pattern.substr(0, begin))) return false;
  std::string_view rest_pattern = pattern.substr(end);
  std::string_view rest_key = key.substr(begin);
  // The placeholder takes 1..n bytes; documented keys hold at most two
  // placeholders, so trying each split stays cheap.
  for (size_t taken = 1; taken <= rest_key.size(); ++taken) {
    if (ConditionKeyMatches(rest_pattern, rest_key.substr(taken))) return true;
  }
  return false;
}

}  // namespace polygraph::iam::catalogue_internal
