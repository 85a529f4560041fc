// Templates of the HCL2 native syntax: quoted strings, heredocs and bare
// template files. Content is scanned character by character into a flat
// list of items (literal text, interpolations, directive keywords); then
// the indented heredoc's common indentation is removed, `~` strip markers
// trim the neighbouring literals, and the directives are nested into a
// tree of TemplateParts with an explicit stack (no recursion).

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "base/strings.h"
#include "terraform/hcl_lexer.h"
#include "terraform/hcl_parser_internal.h"
#include "terraform/hcl_syntax.h"

namespace polygraph::terraform::internal {

struct TemplateItem {
  enum class Kind {
    kLiteral,
    kInterpolation,
    kIf,
    kElse,
    kEndIf,
    kFor,
    kEndFor
  };
  Kind kind = Kind::kLiteral;
  std::string text;  // kLiteral: decoded text
  ExpressionPtr expression;
  std::string key_name;
  std::string value_name;
  bool strip_left = false;   // `${~` / `%{~`
  bool strip_right = false;  // `~}`
  bool line_start = false;   // heredoc: the item starts a line
  SourceLocation location;
};

namespace {

using Kind = HclTokenKind;

bool IsTemplateSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

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

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string_view DirectiveName(TemplateItem::Kind kind) {
  using ItemKind = TemplateItem::Kind;
  switch (kind) {
    case ItemKind::kIf:
      return "%{ if }";
    case ItemKind::kElse:
      return "%{ else }";
    case ItemKind::kEndIf:
      return "%{ endif }";
    case ItemKind::kFor:
      return "%{ for }";
    case ItemKind::kEndFor:
      return "%{ endfor }";
    default:
      return "";
  }
}

// Removes the smallest common indentation of the lines of an indented
// heredoc. Lines that are only whitespace do not count; a line starting
// with an interpolation or directive has no indentation.
void FlushIndentation(std::vector<TemplateItem>& items) {
  using ItemKind = TemplateItem::Kind;
  size_t min_spaces = std::string::npos;
  for (const TemplateItem& item : items) {
    if (!item.line_start) continue;
    if (item.kind != ItemKind::kLiteral) {
      min_spaces = 0;
      break;
    }
    const size_t spaces = item.text.find_first_not_of(" \t");
    const bool blank =
        item.text.find_first_not_of(" \t\r\n") == std::string::npos &&
        !item.text.empty() && item.text.back() == '\n';
    if (blank) continue;
    min_spaces = std::min(
        min_spaces, spaces == std::string::npos ? item.text.size() : spaces);
  }
  if (min_spaces == 0 || min_spaces == std::string::npos) return;
  for (TemplateItem& item : items) {
    if (!item.line_start || item.kind != ItemKind::kLiteral) continue;
    const size_t spaces = item.text.find_first_not_of(" \t");
    const bool blank =
        item.text.find_first_not_of(" \t\r\n") == std::string::npos &&
        !item.text.empty() && item.text.back() == '\n';
    if (blank && (spaces == std::string::npos || spaces < min_spaces)) {
      continue;
    }
    item.text.erase(0, min_spaces);
    item.location.column += static_cast<int>(min_spaces);
  }
}

// Joins adjacent literals (an indented heredoc is scanned line by line).
void MergeLiterals(std::vector<TemplateItem>& items) {
  using ItemKind = TemplateItem::Kind;
  size_t out = 0;
  for (size_t i = 0; i < items.size(); ++i) {
    if (out > 0 && items[i].kind == ItemKind::kLiteral &&
        items[out - 1].kind == ItemKind::kLiteral) {
      items[out - 1].text += items[i].text;
      continue;
    }
    if (out != i) items[out] = std::move(items[i]);
    ++out;
  }
  items.resize(out);
}

void ApplyStripMarkers(std::vector<TemplateItem>& items) {
  using ItemKind = TemplateItem::Kind;
  for (size_t i = 0; i < items.size(); ++i) {
    const TemplateItem& item = items[i];
    if (item.kind == ItemKind::kLiteral) continue;
    if (item.strip_left && i > 0 && items[i - 1].kind == ItemKind::kLiteral) {
      std::string& text = items[i - 1].text;
      size_t end = text.size();
      while (end > 0 && IsTemplateSpace(text[end - 1])) --end;
      text.resize(end);
    }
    if (item.strip_right && i + 1 < items.size() &&
        items[i + 1].kind == ItemKind::kLiteral) {
      std::string& text = items[i + 1].text;
      size_t start = 0;
      while (start < text.size() && IsTemplateSpace(text[start])) ++start;
      text.erase(0, start);
    }
  }
}

}  // namespace

absl::StatusOr<ExpressionPtr> HclParser::ParseQuoted(const HclToken& quote) {
  auto result = std::make_unique<Expression>();
  result->kind = Expression::Kind::kTemplate;
  result->location = Location(quote);
  POLYGRAPH_HCL_RETURN_IF_ERROR(
      ParseTemplate(TemplateMode::kQuoted, &quote, result->template_parts));
  return result;
}

absl::StatusOr<ExpressionPtr> HclParser::ParseHeredoc(const HclToken& heredoc) {
  auto result = std::make_unique<Expression>();
  result->kind = Expression::Kind::kTemplate;
  result->location = Location(heredoc);
  POLYGRAPH_HCL_RETURN_IF_ERROR(
      ParseTemplate(TemplateMode::kHeredoc, &heredoc, result->template_parts));
  return result;
}

absl::StatusOr<std::vector<TemplatePart>> HclParser::ParseBareTemplate() {
  std::vector<TemplatePart> parts;
  POLYGRAPH_HCL_RETURN_IF_ERROR(
      ParseTemplate(TemplateMode::kBare, nullptr, parts));
  return parts;
}

absl::Status HclParser::ParseTemplate(TemplateMode mode, const HclToken* opener,
                                      std::vector<TemplatePart>& parts) {
  std::vector<TemplateItem> items;
  POLYGRAPH_HCL_RETURN_IF_ERROR(ScanTemplate(mode, opener, items));
  if (mode == TemplateMode::kHeredoc && opener->heredoc_flush) {
    FlushIndentation(items);
  }
  MergeLiterals(items);
  ApplyStripMarkers(items);
  return BuildTemplate(items, parts);
}

absl::Status HclParser::ScanTemplate(TemplateMode mode, const HclToken* opener,
                                     std::vector<TemplateItem>& items) {
  if (has_peek_) {
    return absl::InternalError("template scan with a pending token");
  }
  const bool per_line = mode == TemplateMode::kHeredoc && opener->heredoc_flush;
  std::string literal;
  bool literal_open = false;
  bool line_start = mode != TemplateMode::kQuoted;
  TemplateItem pending;
  auto begin_literal = [&] {
    if (literal_open) return;
    literal_open = true;
    pending.location = Location(lexer_.line(), lexer_.column());
    pending.line_start = line_start;
  };
  auto end_literal = [&] {
    if (!literal_open) return;
    TemplateItem item;
    item.kind = TemplateItem::Kind::kLiteral;
    item.text = std::move(literal);
    item.location = pending.location;
    item.line_start = pending.line_start;
    items.push_back(std::move(item));
    literal.clear();
    literal_open = false;
  };
  while (true) {
    if (mode == TemplateMode::kHeredoc && line_start) {
      const std::string_view rest = lexer_.Rest();
      size_t i = rest.find_first_not_of(" \t");
      if (i != std::string_view::npos &&
          rest.substr(i, opener->heredoc_marker.size()) ==
              opener->heredoc_marker) {
        const size_t after = i + opener->heredoc_marker.size();
        if (after == rest.size() || rest[after] == '\n' ||
            (rest[after] == '\r' && after + 1 < rest.size() &&
             rest[after + 1] == '\n')) {
          end_literal();
          lexer_.Advance(after);
          return absl::OkStatus();
        }
      }
    }
    if (lexer_.AtEnd()) {
      if (mode == TemplateMode::kQuoted) {
        return ErrorAt(*opener,
                       "unclosed string: expected a closing \"\\\"\" before "
                       "end of file");
      }
      if (mode == TemplateMode::kHeredoc) {
        return ErrorAt(
            *opener,
            Cat("unclosed heredoc: expected ",
                polygraph::internal::QuoteForMessage(opener->heredoc_marker),
                " on a line of its own before end of file"));
      }
      end_literal();
      return absl::OkStatus();
    }
    const char c = lexer_.PeekChar();
    if (mode == TemplateMode::kQuoted) {
      if (c == '"') {
        end_literal();
        lexer_.Advance(1);
        return absl::OkStatus();
      }
      if (c == '\n' || (c == '\r' && lexer_.PeekChar(1) == '\n')) {
        return ErrorAt(*opener,
                       "unclosed string: expected a closing \"\\\"\" before "
                       "end of line (a quoted string cannot span lines; use "
                       "a heredoc)");
      }
      if (c == '\\') {
        begin_literal();
        const SourceLocation at = Location(lexer_.line(), lexer_.column());
        const char letter = lexer_.PeekChar(1);
        size_t digits = 0;
        switch (letter) {
          case 'n':
            literal.push_back('\n');
            break;
          case 'r':
            literal.push_back('\r');
            break;
          case 't':
            literal.push_back('\t');
            break;
          case '"':
            literal.push_back('"');
            break;
          case '\\':
            literal.push_back('\\');
            break;
          case 'u':
            digits = 4;
            break;
          case 'U':
            digits = 8;
            break;
          default: {
            const std::string_view rest = lexer_.Rest();
            size_t length = 2;
            if (rest.size() > 1 &&
                static_cast<unsigned char>(rest[1]) >= 0x80) {
              length =
                  1 + std::max<size_t>(
                          1, polygraph::internal::Utf8SequenceLength(rest, 1));
            }
            return ErrorAt(
                at, Cat("invalid escape sequence ",
                        polygraph::internal::QuoteForMessage(
                            rest.substr(0, std::min(length, rest.size()))),
                        ": expected \\n, \\r, \\t, \\\", \\\\, "
                        "\\uNNNN or \\UNNNNNNNN"));
          }
        }
        if (digits == 0) {
          lexer_.Advance(2);
          continue;
        }
        uint32_t code_point = 0;
        for (size_t k = 0; k < digits; ++k) {
          const int digit = HexDigit(lexer_.PeekChar(2 + k));
          if (digit < 0) {
            return ErrorAt(
                at, Cat("invalid escape sequence: \\", std::string(1, letter),
                        " needs ", digits, " hexadecimal digits"));
          }
          code_point = code_point * 16 + static_cast<uint32_t>(digit);
        }
        if (code_point > 0x10FFFF ||
            (code_point >= 0xD800 && code_point <= 0xDFFF)) {
          return ErrorAt(at,
                         "invalid escape sequence: not a Unicode scalar "
                         "value (a surrogate or above U+10FFFF)");
        }
        AppendUtf8(code_point, literal);
        lexer_.Advance(2 + digits);
        continue;
      }
    }
    if ((c == '$' || c == '%') && lexer_.PeekChar(1) == c &&
        lexer_.PeekChar(2) == '{') {
      begin_literal();
      literal.push_back(c);
      literal.push_back('{');
      lexer_.Advance(3);
      line_start = false;
      continue;
    }
    if ((c == '$' || c == '%') && lexer_.PeekChar(1) == '{') {
      end_literal();
      POLYGRAPH_HCL_RETURN_IF_ERROR(ScanSequence(c == '%', line_start, items));
      line_start = false;
      continue;
    }
    begin_literal();
    literal.push_back(c);
    lexer_.Advance(1);
    line_start = c == '\n';
    if (line_start && per_line) end_literal();
  }
}

absl::Status HclParser::ScanSequence(bool directive, bool line_start,
                                     std::vector<TemplateItem>& items) {
  HclToken open;
  open.kind = Kind::kInvalid;
  open.text = lexer_.Rest().substr(0, 2);
  open.line = lexer_.line();
  open.column = lexer_.column();
  TemplateItem item;
  item.location = Location(open);
  item.line_start = line_start;
  lexer_.Advance(2);
  if (lexer_.PeekChar() == '~') {
    item.strip_left = true;
    lexer_.Advance(1);
  }
  PushNewlines(false);
  if (!directive) {
    item.kind = TemplateItem::Kind::kInterpolation;
    absl::StatusOr<ExpressionPtr> expression = ParseExpression();
    if (!expression.ok()) return expression.status();
    item.expression = std::move(*expression);
  } else {
    const HclToken keyword = Take();
    const std::string_view word =
        keyword.kind == Kind::kIdentifier ? keyword.text : std::string_view();
    if (word == "if") {
      item.kind = TemplateItem::Kind::kIf;
    } else if (word == "for") {
      item.kind = TemplateItem::Kind::kFor;
    } else if (word == "else") {
      item.kind = TemplateItem::Kind::kElse;
    } else if (word == "endif") {
      item.kind = TemplateItem::Kind::kEndIf;
    } else if (word == "endfor") {
      item.kind = TemplateItem::Kind::kEndFor;
    } else {
      return Expected(
          "\"if\", \"for\", \"else\", \"endif\" or \"endfor\" after \"%{\"",
          keyword);
    }
    if (item.kind == TemplateItem::Kind::kFor) {
      const HclToken first = Take();
      if (first.kind != Kind::kIdentifier) {
        return Expected("a variable name after \"for\"", first);
      }
      if (Peek().kind == Kind::kComma) {
        Take();
        const HclToken second = Take();
        if (second.kind != Kind::kIdentifier) {
          return Expected("a value variable name after \",\"", second);
        }
        item.key_name = std::string(first.text);
        item.value_name = std::string(second.text);
      } else {
        item.value_name = std::string(first.text);
      }
      const HclToken in = Take();
      if (in.kind != Kind::kIdentifier || in.text != "in") {
        return Expected("\"in\" after the for variable names", in);
      }
    }
    if (item.kind == TemplateItem::Kind::kIf ||
        item.kind == TemplateItem::Kind::kFor) {
      absl::StatusOr<ExpressionPtr> expression = ParseExpression();
      if (!expression.ok()) return expression.status();
      item.expression = std::move(*expression);
    }
  }
  POLYGRAPH_HCL_RETURN_IF_ERROR(CloseSequence(open, item.strip_right));
  PopNewlines();
  items.push_back(std::move(item));
  return absl::OkStatus();
}

absl::Status HclParser::CloseSequence(const HclToken& open, bool& strip_right) {
  const HclToken token = Peek();
  if (token.kind == Kind::kTilde) {
    Take();
    if (lexer_.PeekChar() != '}') {
      HclToken after = lexer_.Next();
      return Expected("\"}\" right after the strip marker \"~\"", after);
    }
    lexer_.Advance(1);
    strip_right = true;
    return absl::OkStatus();
  }
  if (token.kind == Kind::kRBrace) {
    Take();
    return absl::OkStatus();
  }
  if (token.kind == Kind::kEof) {
    return ErrorAt(
        open, Cat("unclosed ", polygraph::internal::QuoteForMessage(open.text),
                  ": expected \"}\" before end of file"));
  }
  return Expected(
      Cat("\"}\" to close ", polygraph::internal::QuoteForMessage(open.text),
          " opened at ", open.line, ":", open.column),
      token);
}

absl::Status HclParser::BuildTemplate(std::vector<TemplateItem>& items,
                                      std::vector<TemplatePart>& parts) {
  struct Open {
    TemplatePart* part;
    const TemplateItem* item;
    bool in_else;
  };
  std::vector<std::vector<TemplatePart>*> targets = {&parts};
  std::vector<Open> open;
  for (TemplateItem& item : items) {
    TemplatePart part;
    part.location = item.location;
    switch (item.kind) {
      case TemplateItem::Kind::kLiteral:
        if (item.text.empty()) continue;
        part.kind = TemplatePart::Kind::kLiteral;
        part.text = std::move(item.text);
        targets.back()->push_back(std::move(part));
        continue;
      case TemplateItem::Kind::kInterpolation:
        part.kind = TemplatePart::Kind::kInterpolation;
        part.expression = std::move(item.expression);
        targets.back()->push_back(std::move(part));
        continue;
      case TemplateItem::Kind::kIf:
      case TemplateItem::Kind::kFor: {
        if (depth_ + static_cast<int>(open.size()) + 1 > options_.max_depth) {
          return ErrorAt(item.location, Cat("nesting deeper than the limit of ",
                                            options_.max_depth));
        }
        part.kind = item.kind == TemplateItem::Kind::kIf
                        ? TemplatePart::Kind::kIf
                        : TemplatePart::Kind::kFor;
        part.expression = std::move(item.expression);
        part.key_name = std::move(item.key_name);
        part.value_name = std::move(item.value_name);
        targets.back()->push_back(std::move(part));
        TemplatePart* added = &targets.back()->back();
        open.push_back(Open{added, &item, false});
        targets.push_back(&added->body);
        continue;
      }
      case TemplateItem::Kind::kElse:
      case TemplateItem::Kind::kEndIf:
      case TemplateItem::Kind::kEndFor: {
        const TemplateItem::Kind wanted =
            item.kind == TemplateItem::Kind::kEndFor ? TemplateItem::Kind::kFor
                                                     : TemplateItem::Kind::kIf;
        if (open.empty() || open.back().item->kind != wanted ||
            (item.kind == TemplateItem::Kind::kElse && open.back().in_else)) {
          std::string expected = "template text or a directive";
          if (!open.empty()) {
            const TemplateItem& top = *open.back().item;
            expected =
                Cat(top.kind == TemplateItem::Kind::kIf ? "\"%{ endif }\""
                                                        : "\"%{ endfor }\"",
                    " to close ", DirectiveName(top.kind), " opened at ",
                    top.location.line, ":", top.location.column);
          }
          return ErrorAt(item.location, Cat("expected ", expected, ", found ",
                                            DirectiveName(item.kind)));
        }
        if (item.kind == TemplateItem::Kind::kElse) {
          open.back().in_else = true;
          targets.back() = &open.back().part->else_body;
        } else {
          open.pop_back();
          targets.pop_back();
        }
        continue;
      }
    }
  }
  if (!open.empty()) {
    const TemplateItem& top = *open.back().item;
    return ErrorAt(top.location,
                   Cat("unclosed ", DirectiveName(top.kind), ": expected ",
                       top.kind == TemplateItem::Kind::kIf ? "\"%{ endif }\""
                                                           : "\"%{ endfor }\"",
                       " before the end of the template"));
  }
  return absl::OkStatus();
}

}  // namespace polygraph::terraform::internal
