#include "polygraph/glob.h"

#include <cstddef>
#include <string_view>

#include "absl/strings/ascii.h"

namespace polygraph {
namespace {

bool CharEquals(char a, char b, GlobCase case_mode) {
  if (a == b) return true;
  return case_mode == GlobCase::kInsensitive &&
         absl::ascii_tolower(static_cast<unsigned char>(a)) ==
             absl::ascii_tolower(static_cast<unsigned char>(b));
}

}  // namespace

// The classic two-pointer algorithm: on a mismatch, retry from the most
// recent '*' with it absorbing one more character. Earlier stars never need
// revisiting, because the latest star can absorb anything they could.
bool GlobMatch(std::string_view pattern, std::string_view text,
               GlobCase case_mode) {
  size_t p = 0;
  size_t t = 0;
  size_t star = std::string_view::npos;  // pattern index after the last '*'
  size_t star_text = 0;                  // text index that '*' resumes from
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = ++p;
      star_text = t;
    } else if (p < pattern.size() &&
               (pattern[p] == '?' ||
                CharEquals(pattern[p], text[t], case_mode))) {
      ++p;
      ++t;
    } else if (star != std::string_view::npos) {
      p = star;
      t = ++star_text;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

bool IsGlobPattern(std::string_view text) {
  return text.find_first_of("*?") != std::string_view::npos;
}

}  // namespace polygraph
