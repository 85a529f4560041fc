// Cell patterns: IAM globs and ARN patterns as token sequences
// (compare_internal.h); SearchCells is in compare_cell_search.cc.

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "iam/compare_internal.h"
#include "iam/condition_values.h"

namespace polygraph::iam::internal {
namespace {

using Part = PolicyVariableText::Part;
using Kind = CellToken::Kind;

char Lower(char c) { return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c; }

// One element of a pattern before ARN splitting.
struct Item {
  char c;
  bool wild;  // '*' or '?' acting as a wildcard
};

absl::StatusOr<std::vector<Item>> Items(std::string_view text, bool wildcards,
                                        bool substitute) {
  std::vector<Item> items;
  if (!substitute) {
    for (char c : text)
      items.push_back({c, wildcards && (c == '*' || c == '?')});
    return items;
  }
  absl::StatusOr<PolicyVariableText> parsed = PolicyVariableText::Parse(text);
  if (!parsed.ok()) return parsed.status();
  for (const Part& part : parsed->parts) {
    switch (part.kind) {
      case Part::Kind::kLiteral:
        for (char c : part.text) {
          items.push_back({c, wildcards && (c == '*' || c == '?')});
        }
        break;
      case Part::Kind::kEscapedWildcard:
        for (char c : part.text) items.push_back({c, false});
        break;
      case Part::Kind::kVariable:
        for (char c : VariableValue(part.text)) items.push_back({c, false});
        break;
    }
  }
  return items;
}

void Append(std::vector<CellToken>& out, const Item& item, bool no_colon) {
  if (!item.wild) {
    out.push_back({Kind::kChar, item.c});
  } else if (item.c == '*') {
    out.push_back({no_colon ? Kind::kStarNoColon : Kind::kStar, 0});
  } else {
    out.push_back({no_colon ? Kind::kAnyNoColon : Kind::kAny, 0});
  }
}

// The NFA position set of one pattern after its epsilon closure.
void Close(const CellPattern& p, std::vector<bool>& set) {
  for (size_t i = 0; i < p.tokens.size(); ++i) {
    if (set[i] && (p.tokens[i].kind == Kind::kStar ||
                   p.tokens[i].kind == Kind::kStarNoColon)) {
      set[i + 1] = true;
    }
  }
}

bool Step(const CellPattern& p, const std::vector<bool>& from, char c,
          std::vector<bool>& to) {
  std::fill(to.begin(), to.end(), false);
  bool any = false;
  for (size_t i = 0; i < p.tokens.size(); ++i) {
    if (!from[i]) continue;
    const CellToken& t = p.tokens[i];
    switch (t.kind) {
      case Kind::kChar:
        if (p.fold ? Lower(t.c) == Lower(c) : t.c == c) to[i + 1] = any = true;
        break;
      case Kind::kAny:
        to[i + 1] = any = true;
        break;
      case Kind::kAnyNoColon:
        if (c != ':') to[i + 1] = any = true;
        break;
      case Kind::kStar:
        to[i] = any = true;
        break;
      case Kind::kStarNoColon:
        if (c != ':') to[i] = any = true;
        break;
    }
  }
  if (any) Close(p, to);
  return any;
}

}  // namespace

std::string VariableValue(std::string_view key) {
  std::string value = "var-";
  for (char c : key) {
    value.push_back((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                            (c >= '0' && c <= '9')
                        ? Lower(c)
                        : '-');
  }
  return value;
}

absl::StatusOr<CellPattern> TextCellPattern(std::string_view text,
                                            bool wildcards, bool fold,
                                            bool substitute) {
  absl::StatusOr<std::vector<Item>> items = Items(text, wildcards, substitute);
  if (!items.ok()) return items.status();
  CellPattern pattern;
  pattern.fold = fold;
  for (const Item& item : *items) Append(pattern.tokens, item, false);
  return pattern;
}

absl::StatusOr<std::optional<CellPattern>> ArnCellPattern(std::string_view text,
                                                          bool substitute) {
  CellPattern pattern;
  if (text == "*") {
    pattern.tokens.push_back({Kind::kStar, 0});
    return std::optional<CellPattern>(pattern);
  }
  std::vector<Item> items;
  if (!substitute || text.find('$') == std::string_view::npos) {
    items.reserve(text.size());
    for (char c : text) items.push_back({c, c == '*' || c == '?'});
  } else {
    absl::StatusOr<std::vector<Item>> parsed = Items(text, true, substitute);
    if (!parsed.ok()) return parsed.status();
    items = *std::move(parsed);
  }
  // Split at the first five literal ':' (a variable's value has none).
  size_t ends[6];
  size_t n = 0;
  for (size_t i = 0; i < items.size() && n < 5; ++i) {
    if (!items[i].wild && items[i].c == ':') ends[n++] = i;
  }
  ends[n++] = items.size();
  if (n < 6) {
    const size_t start = n >= 2 ? ends[n - 2] + 1 : 0;
    if (ends[n - 1] == start || !items[ends[n - 1] - 1].wild ||
        items[ends[n - 1] - 1].c != '*') {
      return std::optional<CellPattern>();
    }
  }
  pattern.tokens.reserve(items.size());
  size_t start = 0;
  for (size_t part = 0; part < n; ++part) {
    if (part > 0) pattern.tokens.push_back({Kind::kChar, ':'});
    const bool no_colon = part + 1 < n;
    for (size_t i = start; i < ends[part]; ++i) {
      const Item& item = items[i];
      if (!item.wild && item.c == ':' && no_colon) {
        // A literal ':' inside the first five parts cannot occur.
        return std::optional<CellPattern>();
      }
      Append(pattern.tokens, item, no_colon);
    }
    start = ends[part] + 1;
  }
  return std::optional<CellPattern>(std::move(pattern));
}

bool CellMatches(const CellPattern& pattern, std::string_view text) {
  std::vector<bool> set(pattern.tokens.size() + 1), next(set.size());
  set[0] = true;
  Close(pattern, set);
  for (char c : text) {
    if (!Step(pattern, set, c, next)) return false;
    set.swap(next);
  }
  return set.back();
}

}  // namespace polygraph::iam::internal
