// The YAML reader: yaml-cpp parses, this file turns its nodes into a located
// Value tree. yaml-cpp throws on malformed input; every exception is caught
// here and becomes an InputError, so none crosses the API.
//
// yaml-cpp facts this relies on (0.7):
//   - Mark line/column are 0-based, columns and pos in bytes; a UTF-8 BOM is
//     skipped by yaml-cpp without counting (we strip it first anyway).
//   - Tag() is "?" for plain untagged scalars and collections, "!" for
//     quoted/block scalars (and an explicit "!"), "tag:yaml.org,2002:xxx"
//     for "!!xxx", and the tag as written for application tags ("!Ref");
//     a verbatim "!<!Ref>" also gives "!Ref".
//   - Untagged plain null/Null/NULL/~ and empty nodes come back as
//     NodeType::Null without their text; an empty node's mark is that of
//     the next token, so its location is taken from its key instead.
//   - Aliases share the anchored node (Load does not copy), so a "billion
//     laughs" document is small for yaml-cpp but huge once expanded here:
//     ParseOptions::max_nodes bounds the expansion. An alias inside its own
//     anchor ("&a [*a]") makes a cycle, stopped by max_depth.
//   - yaml-cpp keeps duplicate mapping keys; we reject them.
//   - yaml-cpp's parser recursion stops at depth 2000 (DeepRecursion).
//   - YAML::LoadAll loops forever on a stray top-level ',' (see ParseYaml).
//   - An unterminated quoted scalar at the end of input is accepted by
//     yaml-cpp; CheckQuoteClosed() refuses it.

#include <algorithm>
#include <cstddef>
#include <exception>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "base/strings.h"
#include "polygraph/document.h"
#include "polygraph/source_location.h"
#include "polygraph/value.h"
#include "yaml-cpp/eventhandler.h"
#include "yaml-cpp/parser.h"
#include "yaml-cpp/yaml.h"

namespace polygraph {
namespace {

constexpr std::string_view kCoreTagPrefix = "tag:yaml.org,2002:";

bool AllOf(std::string_view s, bool (*predicate)(unsigned char)) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!predicate(static_cast<unsigned char>(c))) return false;
  }
  return true;
}
bool IsOctalDigit(unsigned char c) { return c >= '0' && c <= '7'; }
bool IsHexDigit(unsigned char c) { return absl::ascii_isxdigit(c); }

// YAML 1.2 core schema numbers: decimal ints and floats (with optional sign,
// leading zeros allowed), 0o octal, 0x hex, .inf and .nan.
bool IsYamlNumber(std::string_view s) {
  if (s.size() > 2 && s[0] == '0' && s[1] == 'o') {
    return AllOf(s.substr(2), IsOctalDigit);
  }
  if (s.size() > 2 && s[0] == '0' && s[1] == 'x') {
    return AllOf(s.substr(2), IsHexDigit);
  }
  if (s == ".nan" || s == ".NaN" || s == ".NAN") return true;
  size_t i = 0;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) i = 1;
  const std::string_view unsigned_part = s.substr(i);
  if (unsigned_part == ".inf" || unsigned_part == ".Inf" ||
      unsigned_part == ".INF") {
    return true;
  }
  size_t digits = 0;
  while (i < s.size() && absl::ascii_isdigit(s[i])) ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && absl::ascii_isdigit(s[i])) ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (i == s.size()) return false;
    while (i < s.size() && absl::ascii_isdigit(s[i])) ++i;
  }
  return i == s.size();
}

bool IsYamlBool(std::string_view s) {
  return s == "true" || s == "True" || s == "TRUE" || s == "false" ||
         s == "False" || s == "FALSE";
}

bool IsYamlNull(std::string_view s) {
  return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}

// Sets kind (and boolean) from a plain scalar's text.
void ClassifyPlain(Value& out) {
  if (IsYamlNull(out.text)) {
    out.kind = Value::Kind::kNull;
  } else if (IsYamlBool(out.text)) {
    out.kind = Value::Kind::kBool;
    out.boolean = out.text[0] == 't' || out.text[0] == 'T';
  } else if (IsYamlNumber(out.text)) {
    out.kind = Value::Kind::kNumber;
  } else {
    out.kind = Value::Kind::kString;
  }
}

class YamlConverter {
 public:
  YamlConverter(std::string_view text, std::string_view file_name,
                const ParseOptions& options)
      : text_(text), file_(file_name), options_(options) {}

  SourceLocation Location(const YAML::Mark& mark,
                          const SourceLocation& fallback) const {
    if (mark.line < 0 || mark.column < 0) return fallback;
    return {file_, mark.line + 1, mark.column + 1};
  }

  // Converts `node`, which is nested in `depth` collections. `fallback` is
  // where an empty node is said to be (its key, or its parent).
  absl::Status Convert(const YAML::Node& node, int depth,
                       const SourceLocation& fallback, Value& out) {
    out.location = Location(node.Mark(), fallback);
    if (++nodes_ > options_.max_nodes) {
      return InputError(
          out.location,
          absl::StrCat("document expands to more than ", options_.max_nodes,
                       " nodes (too many alias expansions?)"));
    }
    switch (node.Type()) {
      case YAML::NodeType::Null:
        out.kind = Value::Kind::kNull;
        out.text = NullLiteral(node.Mark());
        if (out.text.empty() && fallback.known()) out.location = fallback;
        return absl::OkStatus();
      case YAML::NodeType::Scalar:
        return ConvertScalar(node, out);
      case YAML::NodeType::Sequence:
      case YAML::NodeType::Map:
        break;
      case YAML::NodeType::Undefined:
        return InputError(out.location, "undefined YAML node");
    }
    if (depth >= options_.max_depth) {
      return InputError(out.location,
                        absl::StrCat("nesting deeper than ", options_.max_depth,
                                     " levels (or a recursive alias)"));
    }
    out.tag = CollectionTag(node.Tag());
    if (node.IsSequence()) {
      out.kind = Value::Kind::kArray;
      for (const YAML::Node& child : node) {
        Value element;
        absl::Status status = Convert(child, depth + 1, out.location, element);
        if (!status.ok()) return status;
        out.items.push_back(std::move(element));
      }
      return absl::OkStatus();
    }
    out.kind = Value::Kind::kObject;
    absl::flat_hash_set<std::string> seen;
    for (const auto& pair : node) {
      const YAML::Node& key = pair.first;
      SourceLocation key_location = Location(key.Mark(), out.location);
      std::string key_text;
      if (key.IsScalar()) {
        key_text = key.Scalar();
      } else if (key.IsNull()) {
        key_text = NullLiteral(key.Mark());
      } else {
        return InputError(key_location,
                          absl::StrCat("mapping key must be a scalar, found a ",
                                       key.IsMap() ? "mapping" : "sequence"));
      }
      if (++nodes_ > options_.max_nodes) {
        return InputError(key_location,
                          absl::StrCat("document expands to more than ",
                                       options_.max_nodes, " nodes"));
      }
      if (!seen.insert(key_text).second) {
        return InputError(key_location,
                          absl::StrCat("duplicate mapping key ",
                                       internal::QuoteForMessage(key_text)));
      }
      Value member;
      absl::Status status =
          Convert(pair.second, depth + 1, key_location, member);
      if (!status.ok()) return status;
      out.keys.push_back(std::move(key_text));
      out.key_locations.push_back(std::move(key_location));
      out.items.push_back(std::move(member));
    }
    return absl::OkStatus();
  }

 private:
  static std::string CollectionTag(const std::string& tag) {
    if (tag == "?" || tag == "!" ||
        absl::StartsWith(tag, internal::ToAbsl(kCoreTagPrefix))) {
      return "";
    }
    return tag;
  }

  absl::Status ConvertScalar(const YAML::Node& node, Value& out) const {
    const std::string& tag = node.Tag();
    out.text = node.Scalar();
    if (tag == "?") {
      ClassifyPlain(out);
      return absl::OkStatus();
    }
    out.kind = Value::Kind::kString;
    if (tag == "!") return CheckQuoteClosed(node.Mark(), out.location);
    if (!absl::StartsWith(tag, internal::ToAbsl(kCoreTagPrefix))) {
      out.tag = tag;  // an application tag such as "!Ref"
      return absl::OkStatus();
    }
    const std::string name = tag.substr(kCoreTagPrefix.size());
    if (name == "str") return absl::OkStatus();
    if (name == "null") {
      out.kind = Value::Kind::kNull;
      return absl::OkStatus();
    }
    if (name == "bool" || name == "int" || name == "float") {
      ClassifyPlain(out);
      const bool fits = name == "bool" ? out.is_bool() : out.is_number();
      if (!fits) {
        return InputError(out.location,
                          absl::StrCat("invalid !!", name, " value ",
                                       internal::QuoteForMessage(out.text)));
      }
      return absl::OkStatus();
    }
    out.tag = absl::StrCat("!!", name);  // !!binary, !!timestamp...: kept
    return absl::OkStatus();
  }

  // yaml-cpp accepts a quoted scalar left open at the end of the input
  // ('a: "abc'); refuse it. `mark` is where the scalar starts; block scalars
  // and scalars whose mark is not at a quote are not checked.
  absl::Status CheckQuoteClosed(const YAML::Mark& mark,
                                const SourceLocation& location) const {
    if (mark.pos < 0 || static_cast<size_t>(mark.pos) >= text_.size()) {
      return absl::OkStatus();
    }
    const size_t start = static_cast<size_t>(mark.pos);
    const char quote = text_[start];
    if (quote != '"' && quote != '\'') return absl::OkStatus();
    for (size_t i = start + 1; i < text_.size(); ++i) {
      if (quote == '"' && text_[i] == '\\') {
        ++i;  // an escape: the next character is never the closing quote
      } else if (text_[i] == quote) {
        const bool doubled =
            quote == '\'' && i + 1 < text_.size() && text_[i + 1] == '\'';
        if (!doubled) return absl::OkStatus();
        ++i;  // '' inside a single-quoted scalar is a literal quote
      }
    }
    return InputError(location,
                      absl::StrCat("unterminated quoted string (no closing ",
                                   std::string(1, quote), ")"));
  }

  // The text of an untagged null ("null", "~", ...) read back from the
  // source, or "" for an empty node.
  std::string NullLiteral(const YAML::Mark& mark) const {
    if (mark.pos < 0 || static_cast<size_t>(mark.pos) >= text_.size()) {
      return "";
    }
    const std::string_view rest = text_.substr(static_cast<size_t>(mark.pos));
    for (std::string_view literal : {"null", "Null", "NULL", "~"}) {
      if (rest.substr(0, literal.size()) == literal) {
        return std::string(literal);
      }
    }
    return "";
  }

  std::string_view text_;
  std::string file_;
  const ParseOptions& options_;
  size_t nodes_ = 0;
};

// Sees only document starts; remembers where the second one begins.
class DocumentCounter : public YAML::EventHandler {
 public:
  const YAML::Mark& first_start() const { return first_start_; }
  const YAML::Mark& second_start() const { return second_start_; }

  void OnDocumentStart(const YAML::Mark& mark) override {
    ++documents_;
    (documents_ == 1 ? first_start_ : second_start_) = mark;
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}

 private:
  int documents_ = 0;
  YAML::Mark first_start_ = YAML::Mark::null_mark();
  YAML::Mark second_start_ = YAML::Mark::null_mark();
};

// True when no line after the first starts with a document marker ("---",
// "...") or with a character that cannot continue a block mapping or
// sequence at the top level (',', ']', '}'), so the stream holds one
// document that YAML::Load reads whole. Anything else is counted first.
bool IsPlainSingleDocument(std::string_view text) {
  for (size_t at = text.find('\n'); at != std::string_view::npos;
       at = text.find('\n', at + 1)) {
    const std::string_view line = text.substr(at + 1);
    if (line.starts_with("---") || line.starts_with("...") ||
        line.starts_with(",") || line.starts_with("]") ||
        line.starts_with("}")) {
      return false;
    }
  }
  return !text.starts_with(",") && !text.starts_with("]") &&
         !text.starts_with("}") && !text.starts_with("...");
}

}  // namespace

absl::StatusOr<Value> ParseYaml(std::string_view text,
                                std::string_view file_name,
                                const ParseOptions& options) {
  const SourceLocation start{std::string(file_name), 1, 1};
  const size_t limit =
      std::min(options.max_input_bytes, options.max_yaml_bytes);
  if (text.size() > limit) {
    return InputError(
        {std::string(file_name), 0, 0},
        absl::StrCat("input is larger than ", limit,
                     " bytes, the most a YAML document may have"));
  }
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  if (std::optional<size_t> bad = internal::FirstInvalidUtf8(text)) {
    // YAML streams are Unicode; yaml-cpp would pass the bytes through.
    const size_t line_start = text.rfind('\n', *bad);
    const int line = 1 + static_cast<int>(std::count(
                             text.begin(), text.begin() + *bad, '\n'));
    const int column = static_cast<int>(
        line_start == std::string_view::npos ? *bad + 1 : *bad - line_start);
    return InputError({std::string(file_name), line, column},
                      absl::StrFormat("invalid UTF-8 byte 0x%02X",
                                      static_cast<unsigned char>(text[*bad])));
  }
  YamlConverter converter(text, file_name, options);
  try {
    const std::string owned(text);
    // Count the documents first, stopping after the second one starts.
    // (YAML::LoadAll cannot be used: on a stray ',' at the top level,
    // yaml-cpp 0.7 yields empty documents forever without consuming it.)
    if (IsPlainSingleDocument(text)) {
      // One parse, not two: nothing at the start of a line can begin
      // another document.
      Value root;
      absl::Status status =
          converter.Convert(YAML::Load(owned), /*depth=*/0, start, root);
      if (!status.ok()) return status;
      return root;
    }
    std::istringstream stream(owned);
    YAML::Parser parser(stream);
    DocumentCounter counter;
    if (!parser.HandleNextDocument(counter)) {
      Value root;
      root.location = start;
      return root;  // an empty stream
    }
    if (parser.HandleNextDocument(counter)) {
      const YAML::Mark& second = counter.second_start();
      if (second.pos >= 0 && static_cast<size_t>(second.pos) < text.size() &&
          (second.pos == counter.first_start().pos ||
           text[static_cast<size_t>(second.pos)] == ',')) {
        // A token that cannot start a document, such as ','.
        return InputError(converter.Location(second, start),
                          absl::StrCat("unexpected ",
                                       internal::QuoteForMessage(text.substr(
                                           static_cast<size_t>(second.pos), 1)),
                                       " at the start of a document"));
      }
      return InputError(converter.Location(counter.second_start(), start),
                        "multiple YAML documents in one stream (only one is "
                        "supported)");
    }
    Value root;
    absl::Status status =
        converter.Convert(YAML::Load(owned), /*depth=*/0, start, root);
    if (!status.ok()) return status;
    return root;
  } catch (const YAML::Exception& e) {
    return InputError(
        converter.Location(e.mark, {std::string(file_name), 0, 0}), e.msg);
  } catch (const std::exception& e) {
    return InputError({std::string(file_name), 0, 0},
                      absl::StrCat("YAML reader failed: ", e.what()));
  } catch (...) {
    return InputError({std::string(file_name), 0, 0},
                      "YAML reader failed: unknown exception");
  }
}

}  // namespace polygraph
