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

}  // namespace polygraph::internal
