// SearchCells (compare_internal.h): representative strings of the cells
// of string patterns, by a breadth-first search over the product of the
// patterns' automata, run as bit-parallel position masks.

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/hash/hash.h"
#include "absl/types/span.h"
#include "iam/compare_internal.h"

namespace polygraph::iam::internal {
namespace {

using Kind = CellToken::Kind;

char Lower(char c) { return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c; }
char Upper(char c) { return c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c; }

// A pattern as bit-parallel masks over its positions (0..n, n accepts).
// A character advances position i when token i is a literal naming it
// (`literal_masks`), '?', or '?' not crossing ':' (any other character than
// ':'); it stays at i on a star token (the same way).
struct BitPattern {
  size_t words = 1;
  // Into the search's shared pools (BitPool); set by Place.
  const uint64_t* literal_masks = nullptr;  // [char][word]
  const uint64_t* any = nullptr;            // [word]: kAny
  const uint64_t* any_no_colon = nullptr;   // [word]: kAnyNoColon
  const uint64_t* star = nullptr;           // [word]: kStar
  const uint64_t* star_no_colon = nullptr;  // [word]: kStarNoColon
  const uint64_t* stars = nullptr;          // [word]: star tokens (closure)
  const uint64_t* universal = nullptr;  // [word]: every continuation accepts
  size_t accept = 0;
  bool has_stars = false;
  // Per position: the alphabet indices its literal character matches
  // (-1: none).
  const std::pair<int, int>* literal = nullptr;
  size_t mask_at = 0, literal_at = 0;  // offsets into the pools

  // Single-word patterns (words == 1): the masks above, inline.
  const uint64_t* literal1 = nullptr;  // [char]
  uint64_t any1 = 0, any_no_colon1 = 0, star1 = 0, star_no_colon1 = 0,
           stars1 = 0, universal1 = 0;

  uint64_t Advance(size_t a, size_t w, bool colon) const {
    uint64_t m = literal_masks[a * words + w] | any[w];
    if (!colon) m |= any_no_colon[w];
    return m;
  }
  uint64_t Stay(size_t w, bool colon) const {
    return colon ? star[w] : star[w] | star_no_colon[w];
  }
};

// The masks of every pattern of one search, in two allocations.
struct BitPool {
  std::vector<uint64_t> masks;
  std::vector<std::pair<int, int>> literals;
};

void ShiftLeftOne(const uint64_t* in, uint64_t* out, size_t words) {
  uint64_t carry = 0;
  for (size_t w = 0; w < words; ++w) {
    out[w] = (in[w] << 1) | carry;
    carry = in[w] >> 63;
  }
}

// `index[c]`: the alphabet index of character c, -1 when absent. The masks
// go to the end of `pool`; Place points at them once the pool is whole.
BitPattern Compile(const CellPattern& p, size_t alphabet_size, const int* index,
                   BitPool& pool) {
  BitPattern b;
  const size_t n = p.tokens.size();
  const size_t words = (n + 1 + 63) / 64;
  b.words = words;
  b.accept = n;
  b.mask_at = pool.masks.size();
  b.literal_at = pool.literals.size();
  // literal masks, then any, any_no_colon, star, star_no_colon, stars,
  // universal.
  pool.masks.resize(pool.masks.size() + (alphabet_size + 6) * words, 0);
  pool.literals.resize(pool.literals.size() + n + 1, {-1, -1});
  uint64_t* masks = pool.masks.data() + b.mask_at;
  uint64_t* tail = masks + alphabet_size * words;
  std::pair<int, int>* literal = pool.literals.data() + b.literal_at;
  auto set = [&](uint64_t* v, size_t i) {
    v[i / 64] |= uint64_t{1} << (i % 64);
  };
  uint64_t* any = tail;
  uint64_t* any_no_colon = tail + words;
  uint64_t* star = tail + 2 * words;
  uint64_t* star_no_colon = tail + 3 * words;
  uint64_t* stars = tail + 4 * words;
  uint64_t* universal = tail + 5 * words;
  bool all_star = true;
  for (size_t i = n; i-- > 0;) {
    all_star = all_star && p.tokens[i].kind == Kind::kStar;
    if (all_star) set(universal, i);
  }
  for (size_t i = 0; i < n; ++i) {
    const CellToken& t = p.tokens[i];
    switch (t.kind) {
      case Kind::kChar: {
        const unsigned char c = static_cast<unsigned char>(t.c);
        int first =
            p.fold ? index[static_cast<unsigned char>(Lower(t.c))] : index[c];
        int second =
            p.fold ? index[static_cast<unsigned char>(Upper(t.c))] : -1;
        if (second == first) second = -1;
        literal[i] = {first, second};
        for (int a : {first, second}) {
          if (a >= 0) set(masks + static_cast<size_t>(a) * words, i);
        }
        break;
      }
      case Kind::kAny:
        set(any, i);
        break;
      case Kind::kAnyNoColon:
        set(any_no_colon, i);
        break;
      case Kind::kStar:
        set(star, i);
        set(stars, i);
        b.has_stars = true;
        break;
      case Kind::kStarNoColon:
        set(star_no_colon, i);
        set(stars, i);
        b.has_stars = true;
        break;
    }
  }
  return b;
}

void Place(BitPattern& b, size_t alphabet_size, const BitPool& pool) {
  const size_t w = b.words;
  b.literal_masks = pool.masks.data() + b.mask_at;
  const uint64_t* tail = b.literal_masks + alphabet_size * w;
  b.any = tail;
  b.any_no_colon = tail + w;
  b.star = tail + 2 * w;
  b.star_no_colon = tail + 3 * w;
  b.stars = tail + 4 * w;
  b.universal = tail + 5 * w;
  b.literal = pool.literals.data() + b.literal_at;
  if (w != 1) return;
  b.literal1 = b.literal_masks;
  b.any1 = b.any[0];
  b.any_no_colon1 = b.any_no_colon[0];
  b.star1 = b.star[0];
  b.star_no_colon1 = b.star_no_colon[0];
  b.stars1 = b.stars[0];
  b.universal1 = b.universal[0];
}

// Adds the positions reachable by skipping star tokens.
void Closure(const BitPattern& b, uint64_t* mask) {
  if (!b.has_stars) return;
  if (b.words == 1) {
    while (true) {
      uint64_t add = (mask[0] & b.stars[0]) << 1;
      if ((add & ~mask[0]) == 0) return;
      mask[0] |= add;
    }
  }
  uint64_t add[8];
  std::vector<uint64_t> big;
  uint64_t* tmp = add;
  uint64_t masked[8];
  uint64_t* m = masked;
  std::vector<uint64_t> big_masked;
  if (b.words > 8) {
    big.resize(b.words);
    big_masked.resize(b.words);
    tmp = big.data();
    m = big_masked.data();
  }
  while (true) {
    for (size_t w = 0; w < b.words; ++w) m[w] = mask[w] & b.stars[w];
    ShiftLeftOne(m, tmp, b.words);
    bool changed = false;
    for (size_t w = 0; w < b.words; ++w) {
      if ((tmp[w] & ~mask[w]) != 0) changed = true;
      mask[w] |= tmp[w];
    }
    if (!changed) return;
  }
}

// The states of the cell search, one after another: state i is
// words[begin[i]..begin[i + 1]).
struct StateArena {
  std::vector<uint64_t> words;
  std::vector<size_t> begin = {0};
  std::vector<size_t> hashes;  // per state
  absl::Span<const uint64_t> Get(uint32_t id) const {
    return absl::Span<const uint64_t>(words.data() + begin[id],
                                      begin[id + 1] - begin[id]);
  }
};
struct StateHash {
  using is_transparent = void;
  const StateArena* arena;
  size_t operator()(uint32_t id) const { return arena->hashes[id]; }
  size_t operator()(absl::Span<const uint64_t> s) const {
    return absl::Hash<absl::Span<const uint64_t>>{}(s);
  }
};
struct StateEq {
  using is_transparent = void;
  const StateArena* arena;
  absl::Span<const uint64_t> Get(uint32_t id) const { return arena->Get(id); }
  absl::Span<const uint64_t> Get(absl::Span<const uint64_t> s) const {
    return s;
  }
  template <typename A, typename B>
  bool operator()(const A& a, const B& b) const {
    return Get(a) == Get(b);
  }
};

}  // namespace

CellSearch SearchCells(const std::vector<CellPattern>& patterns,
                       size_t state_limit, std::string_view extra_chars) {
  CellSearch result;
  bool used[256] = {};
  for (char c : extra_chars) used[static_cast<unsigned char>(c)] = true;
  for (const CellPattern& p : patterns) {
    for (const CellToken& t : p.tokens) {
      if (t.kind != Kind::kChar) continue;
      used[static_cast<unsigned char>(t.c)] = true;
      if (p.fold) {
        used[static_cast<unsigned char>(Lower(t.c))] = true;
        used[static_cast<unsigned char>(Upper(t.c))] = true;
      }
    }
  }
  std::string alphabet;
  for (int c = 0; c < 256; ++c) {
    if (used[c]) alphabet.push_back(static_cast<char>(c));
  }
  // One character no pattern uses, last.
  std::string candidates = "#~%^=_!Qqz0";
  for (int c = 33; c < 127; ++c) candidates.push_back(static_cast<char>(c));
  for (char fresh : candidates) {
    if (!used[static_cast<unsigned char>(fresh)]) {
      alphabet.push_back(fresh);
      break;
    }
  }
  int index[256];
  std::fill(std::begin(index), std::end(index), -1);
  for (size_t a = 0; a < alphabet.size(); ++a) {
    index[static_cast<unsigned char>(alphabet[a])] = static_cast<int>(a);
  }
  std::vector<BitPattern> bits;
  bits.reserve(patterns.size());
  BitPool pool;
  size_t mask_words = 0, positions = 0;
  for (const CellPattern& p : patterns) {
    mask_words += (alphabet.size() + 6) * ((p.tokens.size() + 64) / 64);
    positions += p.tokens.size() + 1;
  }
  pool.masks.reserve(mask_words);
  pool.literals.reserve(positions);
  for (const CellPattern& p : patterns) {
    bits.push_back(Compile(p, alphabet.size(), index, pool));
  }
  for (BitPattern& b : bits) Place(b, alphabet.size(), pool);

  // A state lists its live patterns: index, then the position mask. States
  // live in one arena (state i is arena[begin[i]..begin[i + 1])), with the
  // state they were reached from and the character, to spell their text.
  auto accepts = [&](size_t pid, const uint64_t* mask) {
    return (mask[bits[pid].accept / 64] >> (bits[pid].accept % 64)) & 1;
  };
  StateArena states;
  // How each state was reached: from `parent` by the characters `edge`.
  std::vector<uint32_t> parent;
  std::vector<std::string> edge;
  std::vector<size_t> depth;  // length of the state's text
  using Span = absl::Span<const uint64_t>;
  auto span = [&](uint32_t id) { return states.Get(id); };
  absl::flat_hash_set<uint32_t, StateHash, StateEq> seen(16, StateHash{&states},
                                                         StateEq{&states});
  // Visit order: by depth, so that representatives are shortest.
  std::vector<std::vector<uint32_t>> buckets;
  auto add_state = [&](Span state, uint32_t from, std::string_view chars) {
    const uint32_t id = static_cast<uint32_t>(parent.size());
    states.words.insert(states.words.end(), state.begin(), state.end());
    states.begin.push_back(states.words.size());
    states.hashes.push_back(absl::Hash<Span>{}(state));
    parent.push_back(from);
    edge.emplace_back(chars);
    depth.push_back(id == 0 ? 0 : depth[from] + chars.size());
    seen.insert(id);
    return id;
  };
  auto text_of = [&](uint32_t id) {
    std::string text;
    for (; id != 0; id = parent[id]) {
      text.append(edge[id].rbegin(), edge[id].rend());
    }
    std::reverse(text.begin(), text.end());
    return text;
  };
  absl::flat_hash_set<std::vector<uint32_t>> signatures;
  std::vector<uint32_t> signature;
  // Visits a state; true when its continuations may still differ.
  auto visit = [&](uint32_t id) {
    const Span state = span(id);
    signature.clear();
    bool settled = true;
    for (size_t k = 0; k < state.size();) {
      const size_t pid = state[k];
      const BitPattern& b = bits[pid];
      const uint64_t* mask = state.data() + k + 1;
      if (accepts(pid, mask)) signature.push_back(static_cast<uint32_t>(pid));
      bool universal = false;
      for (size_t w = 0; w < b.words; ++w) {
        universal = universal || (mask[w] & b.universal[w]) != 0;
      }
      settled = settled && universal;
      k += 1 + b.words;
    }
    if (!signatures.contains(signature)) {
      signatures.insert(signature);
      result.representatives.push_back(text_of(id));
      result.matches_none.push_back(signature.empty());
    }
    return !settled;
  };
  // Characters that no live literal position names behave alike: only
  // the named ones, ':' and the fresh character are tried.
  const size_t colon = alphabet.find(':');
  const size_t fresh = alphabet.size() - 1;
  std::vector<uint64_t> next;
  // The state after character a.
  auto step = [&](Span state, size_t a, std::vector<uint64_t>& to) {
    const bool is_colon = a == colon;
    to.resize(state.size());
    size_t length = 0;
    for (size_t k = 0; k < state.size();) {
      const size_t pid = state[k];
      const BitPattern& b = bits[pid];
      const uint64_t* mask = state.data() + k + 1;
      k += 1 + b.words;
      uint64_t* out = to.data() + length + 1;
      bool any = false;
      if (b.words == 1) {
        const uint64_t m = mask[0];
        uint64_t o;
        if ((m & b.universal1) != 0) {
          // Every continuation accepts: only that matters from here (the
          // star tail and its closure).
          o = m & b.universal1;
        } else {
          const uint64_t advance =
              b.literal1[a] | b.any1 | (is_colon ? 0 : b.any_no_colon1);
          const uint64_t stay = b.star1 | (is_colon ? 0 : b.star_no_colon1);
          o = ((m & advance) << 1) | (m & stay);
        }
        if (o != 0 && b.has_stars) {
          while (true) {
            const uint64_t add = (o & b.stars1) << 1;
            if ((add & ~o) == 0) break;
            o |= add;
          }
        }
        out[0] = o;
        any = o != 0;
      } else {
        next.assign(b.words, 0);
        for (size_t w = 0; w < b.words; ++w) {
          next[w] = mask[w] & b.Advance(a, w, is_colon);
        }
        ShiftLeftOne(next.data(), out, b.words);
        for (size_t w = 0; w < b.words; ++w) {
          out[w] |= mask[w] & b.Stay(w, is_colon);
          any = any || out[w] != 0;
        }
        if (any) Closure(b, out);
      }
      if (!any) continue;
      to[length] = pid;
      length += 1 + b.words;
    }
    to.resize(length);
  };
  // A state is in lockstep when every live pattern either sits on one
  // literal position, all on the same character c (not ':'), or on no
  // literal position but ':' (passive: wildcards, the end, ':', or a
  // settled pattern). Then every character but c and ':' leads to one state,
  // and the passive patterns decide it and the state after ':'. Returns c's
  // alphabet index, or -1; `passive` gets the passive entries (settled
  // masks as the step leaves them).
  auto lockstep = [&](Span state, std::vector<uint64_t>& passive) {
    int lock = -1;
    passive.clear();
    for (size_t k = 0; k < state.size();) {
      const BitPattern& b = bits[state[k]];
      const uint64_t m = state[k + 1];
      if (b.words != 1) return -1;
      k += 2;
      if ((m & b.universal1) != 0) {
        uint64_t o = m & b.universal1;
        while (true) {
          const uint64_t add = (o & b.stars1) << 1;
          if ((add & ~o) == 0) break;
          o |= add;
        }
        passive.push_back(state[k - 2]);
        passive.push_back(o);
        continue;
      }
      bool literal = false;
      for (uint64_t rest = m; rest != 0; rest &= rest - 1) {
        const size_t i = static_cast<size_t>(__builtin_ctzll(rest));
        // A literal ':' acts only on ':', which is tried apart.
        literal = literal || (b.literal[i].first >= 0 &&
                              static_cast<size_t>(b.literal[i].first) != colon);
      }
      if (!literal) {
        passive.push_back(state[k - 2]);
        passive.push_back(m);
        continue;
      }
      if ((m & (m - 1)) != 0) return -1;
      const auto& lit = b.literal[static_cast<size_t>(__builtin_ctzll(m))];
      if (lit.second >= 0 || static_cast<size_t>(lit.first) == colon) {
        return -1;
      }
      if (lock >= 0 && lock != lit.first) return -1;
      lock = lit.first;
    }
    return lock;
  };
  {
    std::vector<uint64_t> start;
    for (size_t i = 0; i < bits.size(); ++i) {
      start.push_back(i);
      size_t at = start.size();
      start.resize(at + bits[i].words, 0);
      start[at] = 1;
      Closure(bits[i], start.data() + at);
    }
    add_state(Span(start), 0, "");
  }
  // from[i]: the lockstep state i was reached from by its c, whose other
  // successors are known; when i is in lockstep with the same passive
  // entries, so are i's.
  constexpr uint32_t kNone = UINT32_MAX;
  std::vector<uint32_t> from = {kNone};
  auto materialize = [&](Span state, uint32_t parent_id, std::string_view text,
                         uint32_t lockstep_parent) -> bool {
    const uint32_t added = add_state(state, parent_id, text);
    from.push_back(lockstep_parent);
    if (seen.size() > state_limit) return false;
    if (visit(added)) {
      const size_t d = depth[added];
      if (buckets.size() <= d) buckets.resize(d + 1);
      buckets[d].push_back(added);
    }
    return true;
  };
  if (visit(0)) buckets.push_back({0});
  std::vector<uint64_t> to, walk, passive, other;
  std::vector<bool> relevant(alphabet.size());
  std::vector<size_t> chars;
  std::string run;
  for (size_t d = 0; d < buckets.size(); ++d) {
    for (size_t j = 0; j < buckets[d].size(); ++j) {
      const uint32_t id = buckets[d][j];
      const int lock = lockstep(span(id), passive);
      if (lock >= 0 && from[id] != kNone &&
          lockstep(span(from[id]), other) >= 0 && other == passive) {
        // Every character but c leads where it led from from[id]: follow
        // c while that stays so, without keeping the states in between.
        walk.assign(span(id).begin(), span(id).end());
        run.clear();
        int c = lock;
        while (true) {
          step(Span(walk), static_cast<size_t>(c), to);
          run.push_back(alphabet[static_cast<size_t>(c)]);
          if (seen.contains(Span(to))) break;
          const int again = lockstep(Span(to), other);
          if (again < 0 || other != passive) {
            if (!materialize(Span(to), id, run, kNone)) {
              result.capped = true;
              return result;
            }
            break;
          }
          walk.swap(to);
          c = again;
        }
        continue;
      }
      std::fill(relevant.begin(), relevant.end(), false);
      chars.clear();
      auto mark = [&](int a) {
        if (a >= 0 && !relevant[a]) {
          relevant[a] = true;
          chars.push_back(static_cast<size_t>(a));
        }
      };
      mark(static_cast<int>(fresh));
      // ':' differs from the fresh character only where a literal names it
      // or a wildcard does not cross it.
      bool colon_differs = false;
      {
        const Span state = span(id);
        for (size_t k = 0; k < state.size();) {
          const BitPattern& b = bits[state[k]];
          for (size_t w = 0; w < b.words; ++w) {
            uint64_t m = state[k + 1 + w];
            if (b.words > 1 || (m & b.universal1) == 0) {
              colon_differs =
                  colon_differs ||
                  (m & (b.any_no_colon[w] | b.star_no_colon[w])) != 0;
            }
            while (m != 0) {
              const size_t i = w * 64 + static_cast<size_t>(__builtin_ctzll(m));
              m &= m - 1;
              mark(b.literal[i].first);
              mark(b.literal[i].second);
            }
          }
          k += 1 + b.words;
        }
      }
      if (colon != std::string::npos && colon_differs) {
        mark(static_cast<int>(colon));
      }
      for (size_t a : chars) {
        step(span(id), a, to);
        if (seen.contains(Span(to))) continue;
        const bool advancing = lock >= 0 && a == static_cast<size_t>(lock);
        const char c = alphabet[a];
        if (!materialize(Span(to), id, std::string_view(&c, 1),
                         advancing ? id : kNone)) {
          result.capped = true;
          return result;
        }
      }
    }
  }
  return result;
}

}  // namespace polygraph::iam::internal
