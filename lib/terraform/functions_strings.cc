// String functions, regular expressions via RE2, and tostring (format and
// formatlist are in functions_format.cc).

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "base/strings.h"
#include "re2/re2.h"
#include "terraform/functions_internal.h"

namespace polygraph::terraform::functions_internal {

namespace {

using Kind = TfValue::Kind;

re2::StringPiece Piece(std::string_view text) {
  return re2::StringPiece(text.data(), text.size());
}

absl::StatusOr<TfValue> Join(Call& call) {
  if (!call.args[0].is_known()) return UnknownResult(call);
  absl::StatusOr<std::string> separator = StringArg(call, 0);
  if (!separator.ok()) return separator.status();
  std::vector<TfValue> parts;
  bool first = true;
  for (size_t i = 1; i < call.args.size(); ++i) {
    if (!call.args[i].is_known()) return UnknownResult(call);
    if (absl::Status status = RequireList(call, i); !status.ok()) return status;
    const std::vector<TfValue>& items = call.args[i].items;
    for (size_t k = 0; k < items.size(); ++k) {
      if (!first) parts.push_back(TfValue::String(*separator, call.location));
      first = false;
      const TfValue& item = items[k];
      if (item.kind == Kind::kUnknown) {
        parts.push_back(item);
        continue;
      }
      if (item.is_null()) {
        return ArgumentError(call,
                             absl::StrCat("element ", k,
                                          " is null; cannot concatenate null "
                                          "values"));
      }
      absl::StatusOr<std::string> text = ConvertToString(item);
      if (!text.ok()) return ArgumentError(call, text.status().message());
      parts.push_back(TfValue::String(*std::move(text), call.location));
    }
  }
  return TfValue::Concatenation(std::move(parts), call.location);
}

absl::StatusOr<TfValue> Split(Call& call) {
  absl::StatusOr<std::string> separator = StringArg(call, 0);
  if (!separator.ok()) return separator.status();
  absl::StatusOr<std::string> text = StringArg(call, 1);
  if (!text.ok()) return text.status();
  std::vector<TfValue> items;
  if (separator->empty()) {
    // Like Go's strings.Split: one element per character.
    std::vector<size_t> offsets = CodePointOffsets(*text);
    for (size_t i = 0; i + 1 < offsets.size(); ++i) {
      items.push_back(
          TfValue::String(text->substr(offsets[i], offsets[i + 1] - offsets[i]),
                          call.location));
    }
  } else {
    for (absl::string_view piece :
         absl::StrSplit(*text, internal::ToAbsl(*separator))) {
      items.push_back(TfValue::String(std::string(piece), call.location));
    }
  }
  return TfValue::List(std::move(items), call.location);
}

// Compiles `pattern` (Go's syntax, which RE2 shares) or reports Terraform's
// error.
absl::StatusOr<std::unique_ptr<RE2>> Compile(const Call& call,
                                             const std::string& pattern) {
  RE2::Options options;
  options.set_log_errors(false);
  auto regex = std::make_unique<RE2>(Piece(pattern), options);
  if (!regex->ok()) {
    return ArgumentError(call, absl::StrCat("invalid regular expression ",
                                            internal::QuoteForMessage(pattern),
                                            ": ", regex->error()));
  }
  return regex;
}

// Calls `visit(groups)` for each match of `regex` in `text` as Go's
// FindAll/ReplaceAll see them: non-overlapping, left to right, an empty
// match right after a previous match skipped. groups[0] is the whole match.
template <typename Visit>
void ForEachMatch(const RE2& regex, std::string_view text, Visit visit) {
  const int count = regex.NumberOfCapturingGroups() + 1;
  std::vector<re2::StringPiece> groups(static_cast<size_t>(count));
  const re2::StringPiece subject = Piece(text);
  size_t position = 0;
  size_t previous_end = 0;
  bool matched_before = false;
  while (position <= text.size()) {
    if (!regex.Match(subject, position, text.size(), RE2::UNANCHORED,
                     groups.data(), count)) {
      break;
    }
    const size_t start = static_cast<size_t>(groups[0].data() - text.data());
    const size_t end = start + groups[0].size();
    const bool skip = start == end && matched_before && start == previous_end;
    if (!skip) {
      visit(groups);
      matched_before = true;
      previous_end = end;
    }
    if (end > start) {
      position = end;
    } else {
      const unsigned char byte =
          end < text.size() ? static_cast<unsigned char>(text[end]) : 0;
      size_t length = byte < 0x80 ? 1 : internal::Utf8SequenceLength(text, end);
      position = end + (length == 0 ? 1 : length);
    }
  }
}

// Go's Regexp.Expand: "$1", "${1}", "$name", "${name}", "$$".
void Expand(const RE2& regex, std::string_view replacement,
            const std::vector<re2::StringPiece>& groups, std::string& out) {
  const auto& names = regex.NamedCapturingGroups();
  for (size_t i = 0; i < replacement.size(); ++i) {
    if (replacement[i] != '$' || i + 1 >= replacement.size()) {
      out += replacement[i];
      continue;
    }
    if (replacement[i + 1] == '$') {
      out += '$';
      ++i;
      continue;
    }
    const bool braced = replacement[i + 1] == '{';
    size_t begin = i + (braced ? 2 : 1);
    size_t end = begin;
    while (end < replacement.size() &&
           (std::isalnum(static_cast<unsigned char>(replacement[end])) ||
            replacement[end] == '_')) {
      ++end;
    }
    if (end == begin ||
        (braced && (end >= replacement.size() || replacement[end] != '}'))) {
      out += '$';  // Not a reference: kept literally.
      continue;
    }
    std::string name(replacement.substr(begin, end - begin));
    int index = -1;
    if (std::all_of(name.begin(), name.end(),
                    [](char c) { return c >= '0' && c <= '9'; })) {
      index = name.size() < 6 ? std::stoi(name) : -1;
    } else if (auto it = names.find(name); it != names.end()) {
      index = it->second;
    }
    if (index >= 0 && static_cast<size_t>(index) < groups.size() &&
        groups[static_cast<size_t>(index)].data() != nullptr) {
      const re2::StringPiece& group = groups[static_cast<size_t>(index)];
      out.append(group.data(), group.size());
    }
    i = braced ? end : end - 1;
  }
}

absl::StatusOr<TfValue> Replace(Call& call) {
  absl::StatusOr<std::string> text = StringArg(call, 0);
  if (!text.ok()) return text.status();
  absl::StatusOr<std::string> search = StringArg(call, 1);
  if (!search.ok()) return search.status();
  absl::StatusOr<std::string> replacement = StringArg(call, 2);
  if (!replacement.ok()) return replacement.status();
  if (search->size() > 1 && search->front() == '/' && search->back() == '/') {
    absl::StatusOr<std::unique_ptr<RE2>> regex =
        Compile(call, search->substr(1, search->size() - 2));
    if (!regex.ok()) return regex.status();
    std::string out;
    size_t copied = 0;
    ForEachMatch(**regex, *text,
                 [&](const std::vector<re2::StringPiece>& groups) {
                   const size_t start =
                       static_cast<size_t>(groups[0].data() - text->data());
                   out.append(*text, copied, start - copied);
                   Expand(**regex, *replacement, groups, out);
                   copied = start + groups[0].size();
                 });
    out.append(*text, copied, std::string::npos);
    return TfValue::String(std::move(out), call.location);
  }
  if (search->empty()) {
    // Go's strings.Replace with an empty old string inserts around each
    // character.
    std::vector<size_t> offsets = CodePointOffsets(*text);
    std::string out = *replacement;
    for (size_t i = 0; i + 1 < offsets.size(); ++i) {
      out.append(*text, offsets[i], offsets[i + 1] - offsets[i]);
      out += *replacement;
    }
    return TfValue::String(std::move(out), call.location);
  }
  return TfValue::String(absl::StrReplaceAll(*text, {{*search, *replacement}}),
                         call.location);
}

// The captures of one match: a string without groups, a list of unnamed
// groups, an object of named ones; groups that did not take part are null.
TfValue MatchValue(const RE2& regex,
                   const std::vector<re2::StringPiece>& groups,
                   const SourceLocation& location) {
  auto capture = [&](size_t index) {
    const re2::StringPiece& group = groups[index];
    if (group.data() == nullptr) return TfValue::Null(location);
    return TfValue::String(std::string(group.data(), group.size()), location);
  };
  if (groups.size() == 1) return capture(0);
  const auto& names = regex.NamedCapturingGroups();
  if (names.empty()) {
    std::vector<TfValue> items;
    for (size_t i = 1; i < groups.size(); ++i) items.push_back(capture(i));
    return TfValue::List(std::move(items), location);
  }
  std::vector<std::string> keys;
  std::vector<TfValue> items;
  for (const auto& [name, index] : names) {
    keys.push_back(name);
    items.push_back(capture(static_cast<size_t>(index)));
  }
  return TfValue::Object(std::move(keys), std::move(items), location);
}

absl::StatusOr<std::unique_ptr<RE2>> CompileCaptures(const Call& call,
                                                     const std::string& text) {
  absl::StatusOr<std::unique_ptr<RE2>> regex = Compile(call, text);
  if (!regex.ok()) return regex;
  const size_t named = (*regex)->NamedCapturingGroups().size();
  if (named > 0 &&
      named != static_cast<size_t>((*regex)->NumberOfCapturingGroups())) {
    return ArgumentError(call,
                         "invalid regular expression: cannot mix both named "
                         "and unnamed capture groups");
  }
  return regex;
}

absl::StatusOr<TfValue> Regex(Call& call, bool all) {
  absl::StatusOr<std::string> pattern = StringArg(call, 0);
  if (!pattern.ok()) return pattern.status();
  absl::StatusOr<std::string> text = StringArg(call, 1);
  if (!text.ok()) return text.status();
  absl::StatusOr<std::unique_ptr<RE2>> regex = CompileCaptures(call, *pattern);
  if (!regex.ok()) return regex.status();
  std::vector<TfValue> matches;
  ForEachMatch(**regex, *text,
               [&](const std::vector<re2::StringPiece>& groups) {
                 if (!all && !matches.empty()) return;
                 matches.push_back(MatchValue(**regex, groups, call.location));
               });
  if (all) return TfValue::List(std::move(matches), call.location);
  if (matches.empty()) {
    return ArgumentError(call,
                         "pattern did not match any part of the given string");
  }
  return std::move(matches.front());
}

absl::StatusOr<TfValue> RegexOne(Call& call) { return Regex(call, false); }
absl::StatusOr<TfValue> RegexAll(Call& call) { return Regex(call, true); }

// Functions of one string argument mapped to a string.
template <std::string (*Apply)(std::string_view)>
absl::StatusOr<TfValue> StringMap(Call& call) {
  absl::StatusOr<std::string> text = StringArg(call, 0);
  if (!text.ok()) return text.status();
  return TfValue::String(Apply(*text), call.location);
}

std::string Lower(std::string_view text) {
  return absl::AsciiStrToLower(internal::ToAbsl(text));
}
std::string Upper(std::string_view text) {
  return absl::AsciiStrToUpper(internal::ToAbsl(text));
}
// Go's strings.Title: the first letter of each word in upper case.
std::string Title(std::string_view text) {
  std::string out(text);
  bool previous_separator = true;
  for (char& c : out) {
    const unsigned char byte = static_cast<unsigned char>(c);
    if (previous_separator) c = static_cast<char>(absl::ascii_toupper(byte));
    previous_separator =
        byte < 0x80 && !absl::ascii_isalnum(byte) && byte != '_';
  }
  return out;
}
std::string TrimSpace(std::string_view text) {
  return std::string(absl::StripAsciiWhitespace(internal::ToAbsl(text)));
}

absl::StatusOr<TfValue> Trim(Call& call) {
  absl::StatusOr<std::string> text = StringArg(call, 0);
  if (!text.ok()) return text.status();
  absl::StatusOr<std::string> cutset = StringArg(call, 1);
  if (!cutset.ok()) return cutset.status();
  std::vector<size_t> offsets = CodePointOffsets(*text);
  auto in_cutset = [&](size_t i) {
    std::string_view character =
        std::string_view(*text).substr(offsets[i], offsets[i + 1] - offsets[i]);
    return cutset->find(character) != std::string::npos;
  };
  size_t first = 0;
  size_t last = offsets.size() - 1;
  while (first < last && in_cutset(first)) ++first;
  while (last > first && in_cutset(last - 1)) --last;
  return TfValue::String(
      text->substr(offsets[first], offsets[last] - offsets[first]),
      call.location);
}

// trimprefix, trimsuffix, startswith, endswith, strcontains.
absl::StatusOr<TfValue> TwoStrings(Call& call) {
  absl::StatusOr<std::string> text = StringArg(call, 0);
  if (!text.ok()) return text.status();
  absl::StatusOr<std::string> other = StringArg(call, 1);
  if (!other.ok()) return other.status();
  std::string_view view = *text;
  const bool prefix = view.starts_with(*other);
  const bool suffix = view.ends_with(*other);
  if (call.name == "trimprefix") {
    if (prefix) view.remove_prefix(other->size());
    return TfValue::String(std::string(view), call.location);
  }
  if (call.name == "trimsuffix") {
    if (suffix) view.remove_suffix(other->size());
    return TfValue::String(std::string(view), call.location);
  }
  if (call.name == "startswith") return TfValue::Bool(prefix, call.location);
  if (call.name == "endswith") return TfValue::Bool(suffix, call.location);
  return TfValue::Bool(view.find(*other) != std::string_view::npos,
                       call.location);
}

absl::StatusOr<TfValue> Substr(Call& call) {
  absl::StatusOr<std::string> text = StringArg(call, 0);
  if (!text.ok()) return text.status();
  absl::StatusOr<int64_t> offset = IntegerArg(call, 1);
  if (!offset.ok()) return offset.status();
  absl::StatusOr<int64_t> length = IntegerArg(call, 2);
  if (!length.ok()) return length.status();
  std::vector<size_t> offsets = CodePointOffsets(*text);
  const int64_t total = static_cast<int64_t>(offsets.size()) - 1;
  int64_t start = *offset;
  if (start < 0) start += total;
  if (start < 0) start = 0;
  if (start > total) return TfValue::String("", call.location);
  int64_t end = *length < 0 ? total : std::min(total, start + *length);
  return TfValue::String(text->substr(offsets[static_cast<size_t>(start)],
                                      offsets[static_cast<size_t>(end)] -
                                          offsets[static_cast<size_t>(start)]),
                         call.location);
}

// chomp: the string without its trailing newlines ("\n", "\r\n", "\r").
std::string Chomp(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return std::string(text);
}

std::string Reverse(std::string_view text) {
  std::vector<size_t> offsets = CodePointOffsets(text);
  std::string out;
  for (size_t i = offsets.size() - 1; i > 0; --i) {
    out.append(text.substr(offsets[i - 1], offsets[i] - offsets[i - 1]));
  }
  return out;
}

// indent(spaces, text): every line but the first indented.
absl::StatusOr<TfValue> Indent(Call& call) {
  absl::StatusOr<int64_t> spaces = IntegerArg(call, 0);
  if (!spaces.ok()) return spaces.status();
  absl::StatusOr<std::string> text = StringArg(call, 1);
  if (!text.ok()) return text.status();
  // Built with append: GCC 12 at -O3 misreads `"\n" + std::string(n, ' ')`
  // as an overlapping copy (-Wrestrict).
  std::string pad = "\n";
  pad.append(static_cast<size_t>(std::clamp<int64_t>(*spaces, 0, 1024)), ' ');
  return TfValue::String(absl::StrReplaceAll(*text, {{"\n", pad}}),
                         call.location);
}

absl::StatusOr<TfValue> ToString(Call& call) {
  const TfValue& value = call.args[0];
  if (!value.is_known()) {
    // A string template stays a string; other unknowns stay unknown.
    if (!value.items.empty()) return value;
    return UnknownResult(call);
  }
  if (value.is_null()) return value;
  absl::StatusOr<std::string> text = ConvertToString(value);
  if (!text.ok()) return ArgumentError(call, text.status().message());
  return TfValue::String(*std::move(text), call.location);
}

constexpr FunctionSpec kFunctions[] = {
    {"format", 1, -1, true, Format},
    {"formatlist", 1, -1, true, FormatList},
    {"join", 2, -1, true, Join},
    {"split", 2, 2, false, Split},
    {"replace", 3, 3, false, Replace},
    {"lower", 1, 1, false, StringMap<Lower>},
    {"upper", 1, 1, false, StringMap<Upper>},
    {"title", 1, 1, false, StringMap<Title>},
    {"trimspace", 1, 1, false, StringMap<TrimSpace>},
    {"trim", 2, 2, false, Trim},
    {"trimprefix", 2, 2, false, TwoStrings},
    {"trimsuffix", 2, 2, false, TwoStrings},
    {"startswith", 2, 2, false, TwoStrings},
    {"endswith", 2, 2, false, TwoStrings},
    {"strcontains", 2, 2, false, TwoStrings},
    {"substr", 3, 3, false, Substr},
    {"regex", 2, 2, false, RegexOne},
    {"regexall", 2, 2, false, RegexAll},
    {"tostring", 1, 1, true, ToString},
    {"chomp", 1, 1, false, StringMap<Chomp>},
    {"strrev", 1, 1, false, StringMap<Reverse>},
    {"indent", 2, 2, false, Indent},
};

}  // namespace

std::span<const FunctionSpec> StringFunctions() { return kFunctions; }

}  // namespace polygraph::terraform::functions_internal
