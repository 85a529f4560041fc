#include "polygraph/diagnostic.h"

#include "absl/strings/str_cat.h"

namespace polygraph {

std::string_view Diagnostic::LevelName(Level level) {
  switch (level) {
    case Level::kNote:
      return "note";
    case Level::kWarning:
      return "warning";
    case Level::kError:
      return "error";
  }
  return "note";
}

std::string Diagnostic::ToString() const {
  std::string_view level_name = LevelName(level);
  std::string text = absl::StrCat(
      location.ToString(), ": ",
      absl::string_view(level_name.data(), level_name.size()), ": ", message);
  if (!code.empty()) absl::StrAppend(&text, " [", code, "]");
  return text;
}

}  // namespace polygraph
