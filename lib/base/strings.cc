#include "base/strings.h"

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace polygraph::internal {

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

}  // namespace polygraph::internal
