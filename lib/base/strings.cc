#include "base/strings.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace polygraph::internal {

std::string JoinFirst(const std::vector<std::string>& items, size_t limit) {
  std::string out;
  for (size_t i = 0; i < items.size() && i < limit; ++i) {
    absl::StrAppend(&out, i == 0 ? "" : ", ", items[i]);
  }
  if (items.size() > limit) {
    absl::StrAppend(&out, " and ", items.size() - limit, " more");
  }
  return out;
}

std::string QuoteForMessage(std::string_view text) {
  constexpr size_t kMaxShown = 80;
  const bool cut = text.size() > kMaxShown;
  if (cut) text = text.substr(0, kMaxShown);
  return absl::StrCat("\"", absl::CHexEscape(ToAbsl(text)),
                      cut ? "...\"" : "\"");
}

bool SplitCommaList(std::string_view text,
                    std::vector<std::string_view>& items) {
  items.clear();
  auto trim = [](std::string_view part) {
    const char* const kSpace = " \t\r\n\f\v";
    const size_t first = part.find_first_not_of(kSpace);
    if (first == std::string_view::npos) return std::string_view();
    return part.substr(first, part.find_last_not_of(kSpace) - first + 1);
  };
  if (trim(text).empty()) return true;
  size_t start = 0;
  while (true) {
    const size_t comma = text.find(',', start);
    const std::string_view item = trim(text.substr(
        start, comma == std::string_view::npos ? comma : comma - start));
    if (item.empty()) return false;
    items.push_back(item);
    if (comma == std::string_view::npos) return true;
    start = comma + 1;
  }
}

size_t Utf8SequenceLength(std::string_view text, size_t i) {
  const unsigned char lead = static_cast<unsigned char>(text[i]);
  const size_t length = (lead >= 0xC2 && lead <= 0xDF)   ? 2
                        : (lead >= 0xE0 && lead <= 0xEF) ? 3
                        : (lead >= 0xF0 && lead <= 0xF4) ? 4
                                                         : 0;
  if (length == 0 || text.size() - i < length) return 0;
  uint32_t code_point = lead & (0x7F >> length);
  for (size_t k = 1; k < length; ++k) {
    const unsigned char byte = static_cast<unsigned char>(text[i + k]);
    if ((byte & 0xC0) != 0x80) return 0;
    code_point = (code_point << 6) | (byte & 0x3F);
  }
  const uint32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
  if (code_point < smallest[length] || code_point > 0x10FFFF ||
      (code_point >= 0xD800 && code_point <= 0xDFFF)) {
    return 0;
  }
  return length;
}

std::optional<size_t> FirstInvalidUtf8(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    const size_t length = Utf8SequenceLength(text, i);
    if (length == 0) return i;
    i += length;
  }
  return std::nullopt;
}

size_t SkipAddressIndex(std::string_view text, size_t open) {
  bool quoted = false;
  for (size_t i = open + 1; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        quoted = false;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ']') {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

}  // namespace polygraph::internal
