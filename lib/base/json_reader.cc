// A strict RFC 8259 JSON reader that records where every value and key
// starts. nlohmann-json is not used here because it cannot report the
// position of the values it produces (its SAX callbacks get no offsets; only
// a parse error carries a byte position), and findings must cite lines.
//
// Recursive descent; the depth is checked against ParseOptions::max_depth
// before each nested array or object, so the recursion is bounded.

#include <algorithm>
#include <climits>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "base/strings.h"
#include "polygraph/document.h"
#include "polygraph/source_location.h"
#include "polygraph/value.h"

namespace polygraph {
namespace {

void AppendUtf8(uint32_t code_point, std::string& out) {
  if (code_point < 0x80) {
    out.push_back(static_cast<char>(code_point));
    return;
  }
  const int trailing = code_point < 0x800 ? 1 : code_point < 0x10000 ? 2 : 3;
  constexpr unsigned char kLead[] = {0, 0xC0, 0xE0, 0xF0};
  out.push_back(
      static_cast<char>(kLead[trailing] | (code_point >> (6 * trailing))));
  for (int k = trailing - 1; k >= 0; --k) {
    out.push_back(static_cast<char>(0x80 | ((code_point >> (6 * k)) & 0x3F)));
  }
}

// The character a one-letter escape such as \n stands for, or 0.
char SimpleEscape(char letter) {
  constexpr std::string_view kPairs = "\"\"\\\\//b\bf\fn\nr\rt\t";
  for (size_t i = 0; i < kPairs.size(); i += 2) {
    if (kPairs[i] == letter) return kPairs[i + 1];
  }
  return 0;
}

class JsonParser {
 public:
  JsonParser(std::string_view text, std::string_view file_name,
             const ParseOptions& options)
      : text_(text), file_(file_name), options_(options) {}

  absl::StatusOr<Value> Parse() {
    if (text_.size() > options_.max_input_bytes) {
      return InputError({file_, 0, 0},
                        absl::StrCat("input is larger than ",
                                     options_.max_input_bytes, " bytes"));
    }
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = line_start_ = 3;
    SkipWhitespace();
    Value root;
    absl::Status status = ParseValue(/*depth=*/0, root);
    if (!status.ok()) return status;
    SkipWhitespace();
    if (pos_ < text_.size()) {
      return Error(absl::StrCat(
          "expected end of input after the JSON value, found ", Found()));
    }
    return root;
  }

 private:
  SourceLocation At(size_t pos) const {
    const size_t column = std::min<size_t>(pos - line_start_ + 1, INT_MAX);
    return {file_, line_, static_cast<int>(column)};
  }
  SourceLocation Here() const { return At(pos_); }
  absl::Status Error(std::string_view reason) const {
    return InputError(Here(), reason);
  }
  bool AtEnd() const { return pos_ >= text_.size(); }
  char Peek() const { return AtEnd() ? '\0' : text_[pos_]; }

  // Describes the byte at pos_ for an error message.
  std::string Found() const {
    if (AtEnd()) return "end of input";
    const unsigned char c = static_cast<unsigned char>(text_[pos_]);
    if (c == '\n') return "newline";
    if (c == '/' && pos_ + 1 < text_.size() &&
        (text_[pos_ + 1] == '/' || text_[pos_ + 1] == '*')) {
      return "'/' (JSON has no comments)";
    }
    if (c >= 0x20 && c < 0x7F) return absl::StrCat("'", std::string(1, c), "'");
    return absl::StrFormat("byte 0x%02X", c);
  }

  void SkipWhitespace() {
    while (!AtEnd()) {
      const char c = text_[pos_];
      if (c == '\n') {
        ++line_;
        line_start_ = pos_ + 1;
      } else if (c != ' ' && c != '\t' && c != '\r') {
        return;
      }
      ++pos_;
    }
  }

  // `depth` counts the arrays and objects enclosing the value.
  absl::Status ParseValue(int depth, Value& out) {
    out.location = Here();
    switch (Peek()) {
      case '{':
      case '[':
        if (depth >= options_.max_depth) {
          return Error(absl::StrCat("nesting deeper than ", options_.max_depth,
                                    " levels"));
        }
        return Peek() == '{' ? ParseObject(depth + 1, out)
                             : ParseArray(depth + 1, out);
      case '"':
        out.kind = Value::Kind::kString;
        return ParseString(out.text);
      case 't':
      case 'f':
      case 'n':
        return ParseLiteral(out);
      default:
        if (Peek() == '-' || absl::ascii_isdigit(Peek()))
          return ParseNumber(out);
        return Error(absl::StrCat("expected a JSON value, found ", Found()));
    }
  }

  absl::Status ParseObject(int depth, Value& out) {
    out.kind = Value::Kind::kObject;
    ++pos_;  // '{'
    SkipWhitespace();
    if (Peek() == '}') {
      ++pos_;
      return absl::OkStatus();
    }
    absl::flat_hash_set<std::string> seen;
    while (true) {
      if (Peek() != '"') {
        return Error(absl::StrCat(
            out.keys.empty() ? "expected '\"' or '}' to start an object member"
                             : "expected '\"' to start an object key",
            ", found ", Found()));
      }
      SourceLocation key_location = Here();
      std::string key;
      absl::Status status = ParseString(key);
      if (!status.ok()) return status;
      if (!seen.insert(key).second) {
        return InputError(key_location,
                          absl::StrCat("duplicate object key ",
                                       internal::QuoteForMessage(key)));
      }
      SkipWhitespace();
      if (Peek() != ':') {
        return Error(
            absl::StrCat("expected ':' after object key, found ", Found()));
      }
      ++pos_;
      SkipWhitespace();
      Value member;
      status = ParseValue(depth, member);
      if (!status.ok()) return status;
      out.keys.push_back(std::move(key));
      out.key_locations.push_back(std::move(key_location));
      out.items.push_back(std::move(member));
      SkipWhitespace();
      if (Peek() == '}') {
        ++pos_;
        return absl::OkStatus();
      }
      if (Peek() != ',') {
        return Error(absl::StrCat(
            "expected ',' or '}' after object member, found ", Found()));
      }
      ++pos_;
      SkipWhitespace();
      if (Peek() == '}') return Error("trailing comma before '}'");
    }
  }

  absl::Status ParseArray(int depth, Value& out) {
    out.kind = Value::Kind::kArray;
    ++pos_;  // '['
    SkipWhitespace();
    if (Peek() == ']') {
      ++pos_;
      return absl::OkStatus();
    }
    while (true) {
      Value element;
      absl::Status status = ParseValue(depth, element);
      if (!status.ok()) return status;
      out.items.push_back(std::move(element));
      SkipWhitespace();
      if (Peek() == ']') {
        ++pos_;
        return absl::OkStatus();
      }
      if (Peek() != ',') {
        return Error(absl::StrCat(
            "expected ',' or ']' after array element, found ", Found()));
      }
      ++pos_;
      SkipWhitespace();
      if (Peek() == ']') return Error("trailing comma before ']'");
    }
  }

  // Reads the four hex digits of a \u escape at pos_ into `unit`.
  bool ReadHex4(uint32_t& unit) {
    if (text_.size() - pos_ < 4) return false;
    unit = 0;
    for (size_t k = 0; k < 4; ++k) {
      const char c = text_[pos_ + k];
      int digit = 0;
      if (absl::ascii_isdigit(c)) {
        digit = c - '0';
      } else if (c >= 'a' && c <= 'f') {
        digit = c - 'a' + 10;
      } else if (c >= 'A' && c <= 'F') {
        digit = c - 'A' + 10;
      } else {
        return false;
      }
      unit = unit * 16 + static_cast<uint32_t>(digit);
    }
    pos_ += 4;
    return true;
  }

  // At '\\' followed by 'u': decodes one code point, joining surrogates.
  absl::Status ParseUnicodeEscape(std::string& out) {
    const size_t start = pos_;
    pos_ += 2;
    uint32_t unit = 0;
    if (!ReadHex4(unit)) {
      return InputError(At(start), "invalid \\u escape: expected 4 hex digits");
    }
    if (unit >= 0xDC00 && unit <= 0xDFFF) {
      return InputError(
          At(start), absl::StrFormat("unpaired low surrogate \\u%04X", unit));
    }
    if (unit >= 0xD800 && unit <= 0xDBFF) {
      uint32_t low = 0;
      if (text_.substr(pos_, 2) != "\\u") {
        return InputError(
            At(start),
            absl::StrFormat("unpaired high surrogate \\u%04X", unit));
      }
      pos_ += 2;
      if (!ReadHex4(low) || low < 0xDC00 || low > 0xDFFF) {
        return InputError(
            At(start),
            absl::StrFormat("high surrogate \\u%04X not followed by a low "
                            "surrogate escape",
                            unit));
      }
      unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
    }
    AppendUtf8(unit, out);
    return absl::OkStatus();
  }

  // At '"': reads the string and decodes its escapes into `out`.
  absl::Status ParseString(std::string& out) {
    const SourceLocation start = Here();
    ++pos_;
    while (true) {
      if (AtEnd()) return InputError(start, "unterminated string");
      const unsigned char c = static_cast<unsigned char>(text_[pos_]);
      if (c == '"') {
        ++pos_;
        return absl::OkStatus();
      }
      if (c == '\\') {
        if (pos_ + 1 >= text_.size()) {
          return InputError(start, "unterminated string");
        }
        const char escape = text_[pos_ + 1];
        if (escape == 'u') {
          absl::Status status = ParseUnicodeEscape(out);
          if (!status.ok()) return status;
          continue;
        }
        const char decoded = SimpleEscape(escape);
        if (decoded == 0) {
          const SourceLocation backslash = Here();
          ++pos_;
          return InputError(backslash,
                            absl::StrCat("invalid escape in string: '\\' "
                                         "followed by ",
                                         Found()));
        }
        out.push_back(decoded);
        pos_ += 2;
      } else if (c < 0x20) {
        return Error(
            absl::StrFormat("unescaped control character U+%04X in string", c));
      } else if (c < 0x80) {
        out.push_back(static_cast<char>(c));
        ++pos_;
      } else {
        const size_t length = internal::Utf8SequenceLength(text_, pos_);
        if (length == 0) {
          return Error(
              absl::StrFormat("invalid UTF-8 byte 0x%02X in string", c));
        }
        out.append(text_.substr(pos_, length));
        pos_ += length;
      }
    }
  }

  absl::Status ExpectDigit(std::string_view after) {
    if (absl::ascii_isdigit(Peek())) return absl::OkStatus();
    return Error(absl::StrCat("expected a digit after ",
                              internal::ToAbsl(after), " in number, found ",
                              Found()));
  }
  void SkipDigits() {
    while (absl::ascii_isdigit(Peek())) ++pos_;
  }

  absl::Status ParseNumber(Value& out) {
    const size_t start = pos_;
    absl::Status status;
    if (Peek() == '-') {
      ++pos_;
      if (!(status = ExpectDigit("'-'")).ok()) return status;
    }
    if (Peek() == '0') {
      ++pos_;
      if (absl::ascii_isdigit(Peek()))
        return Error("leading zeros are not allowed");
    } else {
      SkipDigits();
    }
    if (Peek() == '.') {
      ++pos_;
      if (!(status = ExpectDigit("'.'")).ok()) return status;
      SkipDigits();
    }
    if (Peek() == 'e' || Peek() == 'E') {
      ++pos_;
      if (Peek() == '+' || Peek() == '-') ++pos_;
      if (!(status = ExpectDigit("the exponent")).ok()) return status;
      SkipDigits();
    }
    out.kind = Value::Kind::kNumber;
    out.text = std::string(text_.substr(start, pos_ - start));
    return absl::OkStatus();
  }

  absl::Status ParseLiteral(Value& out) {
    const size_t start = pos_;
    while (!AtEnd() &&
           (absl::ascii_isalnum(static_cast<unsigned char>(text_[pos_])) ||
            text_[pos_] == '_')) {
      ++pos_;
    }
    const std::string_view word = text_.substr(start, pos_ - start);
    if (word == "true" || word == "false") {
      out.kind = Value::Kind::kBool;
      out.boolean = word == "true";
    } else if (word == "null") {
      out.kind = Value::Kind::kNull;
    } else {
      return InputError(
          At(start),
          absl::StrCat("invalid literal ", internal::QuoteForMessage(word),
                       " (expected true, false or null)"));
    }
    out.text = std::string(word);
    return absl::OkStatus();
  }

  std::string_view text_;
  std::string file_;
  const ParseOptions& options_;
  size_t pos_ = 0;
  int line_ = 1;
  size_t line_start_ = 0;  // offset of the first byte of line_
};

}  // namespace

absl::StatusOr<Value> ParseJson(std::string_view text,
                                std::string_view file_name,
                                const ParseOptions& options) {
  return JsonParser(text, file_name, options).Parse();
}

}  // namespace polygraph
