// PolicyVariableText: a policy string split into literal text, escaped
// characters and "${key}" / "${key, 'default'}" policy variables.

#include <string>
#include <string_view>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "polygraph/iam_condition.h"

namespace polygraph::iam {
namespace {

using Part = PolicyVariableText::Part;

bool IsSpace(char c) { return c == ' ' || c == '\t'; }

std::string_view Trim(std::string_view text) {
  while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsSpace(text.back())) text.remove_suffix(1);
  return text;
}

void AppendLiteral(std::vector<Part>& parts, std::string_view text) {
  if (text.empty()) return;
  if (!parts.empty() && parts.back().kind == Part::Kind::kLiteral) {
    parts.back().text.append(text);
    return;
  }
  parts.push_back(Part{Part::Kind::kLiteral, std::string(text), std::nullopt});
}

absl::Status Malformed(std::string_view text, std::string_view reason) {
  return absl::InvalidArgumentError(absl::StrCat(
      "malformed policy variable in ", internal::QuoteForMessage(text), ": ",
      internal::ToAbsl(reason)));
}

}  // namespace

absl::StatusOr<PolicyVariableText> PolicyVariableText::Parse(
    std::string_view text) {
  PolicyVariableText result;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t open = text.find("${", pos);
    if (open == std::string_view::npos) {
      AppendLiteral(result.parts, text.substr(pos));
      break;
    }
    AppendLiteral(result.parts, text.substr(pos, open - pos));
    size_t i = open + 2;
    // The key runs to ',' (a default follows) or '}'.
    size_t end = text.find_first_of(",}", i);
    if (end == std::string_view::npos) {
      return Malformed(text, "\"${\" without a closing '}'");
    }
    std::string_view key = Trim(text.substr(i, end - i));
    if (key.empty()) return Malformed(text, "empty variable name");
    if (end == i + 1 && text[end] == '}' &&
        (key == "*" || key == "?" || key == "$")) {
      if (key == "$") {
        AppendLiteral(result.parts, "$");
      } else {
        result.parts.push_back(
            Part{Part::Kind::kEscapedWildcard, std::string(key), std::nullopt});
      }
      pos = end + 1;
      continue;
    }
    for (char c : key) {
      if (IsSpace(c) || c == '$' || c == '{' || c == '\'') {
        return Malformed(text, "invalid character in variable name");
      }
    }
    Part part{Part::Kind::kVariable, std::string(key), std::nullopt};
    i = end;
    if (text[i] == ',') {
      ++i;
      while (i < text.size() && IsSpace(text[i])) ++i;
      if (i >= text.size() || text[i] != '\'') {
        return Malformed(text, "the default value must be in single quotes");
      }
      size_t close_quote = text.find('\'', i + 1);
      if (close_quote == std::string_view::npos) {
        return Malformed(text, "unterminated default value");
      }
      part.default_value = std::string(text.substr(i + 1, close_quote - i - 1));
      i = close_quote + 1;
      while (i < text.size() && IsSpace(text[i])) ++i;
      if (i >= text.size() || text[i] != '}') {
        return Malformed(text, "expected '}' after the default value");
      }
    }
    result.parts.push_back(std::move(part));
    pos = i + 1;
  }
  return result;
}

bool PolicyVariableText::HasVariables() const {
  for (const Part& part : parts) {
    if (part.kind == Part::Kind::kVariable) return true;
  }
  return false;
}

}  // namespace polygraph::iam
