// Helpers shared by the report writers.

#include "report/internal/report_text.h"

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/strings.h"

namespace polygraph::report::internal {

std::string DumpJson(const Json& json) {
  return json.dump(2, ' ', /*ensure_ascii=*/false,
                   Json::error_handler_t::replace) +
         "\n";
}

std::string ValidUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      out.push_back(text[i]);
      ++i;
      continue;
    }
    const size_t length = polygraph::internal::Utf8SequenceLength(text, i);
    if (length == 0) {
      out.append("\xEF\xBF\xBD");  // U+FFFD
      ++i;
    } else {
      out.append(text.substr(i, length));
      i += length;
    }
  }
  return out;
}

std::string CountBySeverity(const std::vector<Finding>& findings) {
  if (findings.empty()) return "no findings";
  std::array<size_t, 5> by_severity{};
  for (const Finding& finding : findings) {
    ++by_severity[static_cast<size_t>(finding.severity)];
  }
  std::string counts;
  for (size_t i = by_severity.size(); i-- > 0;) {
    if (by_severity[i] == 0) continue;
    if (!counts.empty()) counts += ", ";
    counts += std::to_string(by_severity[i]) + " " +
              std::string(SeverityName(static_cast<Severity>(i)));
  }
  return std::to_string(findings.size()) +
         (findings.size() == 1 ? " finding (" : " findings (") + counts + ")";
}

std::string MarkdownCell(std::string_view text) {
  std::string out;
  const std::string valid = ValidUtf8(text);
  for (size_t i = 0; i < valid.size(); ++i) {
    const char c = valid[i];
    switch (c) {
      case '|':
        out += "\\|";
        break;
      case '\r':
        if (i + 1 < valid.size() && valid[i + 1] == '\n') ++i;
        out += "<br>";
        break;
      case '\n':
        out += "<br>";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '\\':
        out.push_back('\\');
        out.push_back(c);
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

std::string MarkdownWhere(const SourceLocation& location) {
  if (!location.known()) return MarkdownCell(location.file);
  return MarkdownCell(location.file + ":" + std::to_string(location.line));
}

}  // namespace polygraph::report::internal
