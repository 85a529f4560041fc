#include "ingest/parameter_constraints.h"

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "base/strings.h"
#include "polygraph/source_location.h"
#include "re2/re2.h"

namespace polygraph::ingest {
namespace {

bool IsNumberType(std::string_view type) {
  return type == "Number" || type == "List<Number>";
}

// "parameter "Env" is given "qa"" or "... defaults to "qa"".
std::string Subject(std::string_view name, std::string_view value, bool given) {
  return absl::StrCat("parameter ", internal::QuoteForMessage(name),
                      given ? " is given " : " defaults to ",
                      internal::QuoteForMessage(value));
}

absl::Status CheckEntry(std::string_view name, const Value& declaration,
                        std::string_view type, std::string_view entry,
                        bool given, std::vector<Diagnostic>& diagnostics) {
  if (const Value* allowed = declaration.Find("AllowedValues");
      allowed != nullptr && allowed->is_array()) {
    bool found = false;
    std::vector<std::string> options;
    for (const Value& option : allowed->items) {
      found = found || option.text == entry;
      options.push_back(internal::QuoteForMessage(option.text));
    }
    if (!found) {
      return InputError(allowed->location,
                        absl::StrCat(Subject(name, entry, given),
                                     ", which is not one of its "
                                     "AllowedValues [",
                                     absl::StrJoin(options, ", "), "]"));
    }
  }
  if (const Value* pattern = declaration.Find("AllowedPattern");
      pattern != nullptr && pattern->is_string()) {
    RE2 regex(pattern->text, RE2::Quiet);
    if (!regex.ok()) {
      diagnostics.push_back(Diagnostic{
          Diagnostic::Level::kNote, "not-analysed", pattern->location,
          absl::StrCat("AllowedPattern of parameter ",
                       internal::QuoteForMessage(name),
                       " is not checked: its regular expression uses what "
                       "RE2 does not support (",
                       regex.error(), ")")});
    } else if (!RE2::FullMatch(re2::StringPiece(entry.data(), entry.size()),
                               regex)) {
      return InputError(
          pattern->location,
          absl::StrCat(Subject(name, entry, given),
                       ", which does not match its AllowedPattern ",
                       internal::QuoteForMessage(pattern->text)));
    }
  }
  if (IsNumberType(type)) {
    double number = 0;
    if (!absl::SimpleAtod(internal::ToAbsl(entry), &number)) {
      return InputError(
          declaration.location,
          absl::StrCat(Subject(name, entry, given), ", which is not a number"));
    }
    for (const char* key : {"MinValue", "MaxValue"}) {
      const Value* bound = declaration.Find(key);
      if (bound == nullptr) continue;
      double limit = 0;
      if (!bound->is_scalar() || !absl::SimpleAtod(bound->text, &limit)) {
        return InputError(
            bound->location,
            absl::StrCat(key, " of parameter ", internal::QuoteForMessage(name),
                         " must be a number"));
      }
      const bool low = std::string_view(key) == "MinValue";
      if (low ? number < limit : number > limit) {
        return InputError(bound->location,
                          absl::StrCat(Subject(name, entry, given), ", ",
                                       low ? "below" : "above", " its ", key,
                                       " ", bound->text));
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace

bool IsListParameterType(std::string_view type) {
  return type == "CommaDelimitedList" || type.starts_with("List<");
}

absl::Status CheckParameterValue(std::string_view name,
                                 const Value& declaration,
                                 std::string_view value, bool given,
                                 std::vector<Diagnostic>& diagnostics) {
  const Value* type_value = declaration.Find("Type");
  const std::string type = type_value != nullptr && type_value->is_string()
                               ? type_value->text
                               : "String";
  if (!IsListParameterType(type)) {
    for (const char* key : {"MinLength", "MaxLength"}) {
      const Value* bound = declaration.Find(key);
      if (bound == nullptr || IsNumberType(type)) continue;
      size_t limit = 0;
      if (!bound->is_scalar() || !absl::SimpleAtoi(bound->text, &limit)) {
        return InputError(
            bound->location,
            absl::StrCat(key, " of parameter ", internal::QuoteForMessage(name),
                         " must be a whole number"));
      }
      const bool low = std::string_view(key) == "MinLength";
      if (low ? value.size() < limit : value.size() > limit) {
        return InputError(
            bound->location,
            absl::StrCat(Subject(name, value, given), " (", value.size(),
                         " characters), ", low ? "shorter" : "longer",
                         " than its ", key, " ", bound->text));
      }
    }
    return CheckEntry(name, declaration, type, value, given, diagnostics);
  }
  for (absl::string_view entry : absl::StrSplit(internal::ToAbsl(value), ',')) {
    std::string trimmed(absl::StripAsciiWhitespace(entry));
    if (absl::Status s =
            CheckEntry(name, declaration, type, trimmed, given, diagnostics);
        !s.ok()) {
      return s;
    }
  }
  return absl::OkStatus();
}

}  // namespace polygraph::ingest
