// ActionSet: a bitset over a catalogue's action indices, 64 actions a word.
// Bits at or above universe_size_ are always zero, so Count, equality and
// IsSubsetOf need no masking.

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "polygraph/iam_catalogue.h"

namespace polygraph::iam {

ActionSet::ActionSet(size_t universe_size)
    : universe_size_(universe_size), words_((universe_size + 63) / 64, 0) {}

bool ActionSet::Contains(size_t index) const {
  if (index >= universe_size_) return false;
  return (words_[index / 64] >> (index % 64)) & 1;
}

void ActionSet::Insert(size_t index) {
  // REQUIRES: index < universe size; other indices are ignored.
  if (index >= universe_size_) return;
  words_[index / 64] |= uint64_t{1} << (index % 64);
}

size_t ActionSet::Count() const {
  size_t count = 0;
  for (uint64_t word : words_)
    count += static_cast<size_t>(std::popcount(word));
  return count;
}

bool ActionSet::Empty() const {
  return std::all_of(words_.begin(), words_.end(),
                     [](uint64_t word) { return word == 0; });
}

std::vector<size_t> ActionSet::Indices() const {
  std::vector<size_t> indices;
  indices.reserve(Count());
  for (size_t w = 0; w < words_.size(); ++w) {
    uint64_t word = words_[w];
    while (word != 0) {
      indices.push_back(w * 64 + static_cast<size_t>(std::countr_zero(word)));
      word &= word - 1;
    }
  }
  return indices;
}

ActionSet& ActionSet::operator|=(const ActionSet& other) {
  size_t n = std::min(words_.size(), other.words_.size());
  for (size_t i = 0; i < n; ++i) words_[i] |= other.words_[i];
  return *this;
}

ActionSet& ActionSet::operator&=(const ActionSet& other) {
  size_t n = std::min(words_.size(), other.words_.size());
  for (size_t i = 0; i < n; ++i) words_[i] &= other.words_[i];
  for (size_t i = n; i < words_.size(); ++i) words_[i] = 0;
  return *this;
}

ActionSet& ActionSet::operator-=(const ActionSet& other) {
  size_t n = std::min(words_.size(), other.words_.size());
  for (size_t i = 0; i < n; ++i) words_[i] &= ~other.words_[i];
  return *this;
}

ActionSet ActionSet::Complement() const {
  ActionSet result = *this;
  for (uint64_t& word : result.words_) word = ~word;
  if (size_t tail = universe_size_ % 64; tail != 0) {
    result.words_.back() &= (uint64_t{1} << tail) - 1;
  }
  return result;
}

bool ActionSet::IsSubsetOf(const ActionSet& other) const {
  for (size_t i = 0; i < words_.size(); ++i) {
    uint64_t theirs = i < other.words_.size() ? other.words_[i] : 0;
    if ((words_[i] & ~theirs) != 0) return false;
  }
  return true;
}

}  // namespace polygraph::iam
