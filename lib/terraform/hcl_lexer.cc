#include "terraform/hcl_lexer.h"

#include <algorithm>
#include <string>
#include <string_view>

#include "base/strings.h"
#include "terraform/hcl_parser_internal.h"

namespace polygraph::terraform::internal {

std::string_view TokenKindName(HclTokenKind kind) {
  switch (kind) {
    case HclTokenKind::kEof:
      return "end of file";
    case HclTokenKind::kNewline:
      return "newline";
    case HclTokenKind::kIdentifier:
      return "identifier";
    case HclTokenKind::kNumber:
      return "number";
    case HclTokenKind::kQuote:
      return "string";
    case HclTokenKind::kHeredoc:
      return "heredoc";
    case HclTokenKind::kLBrace:
      return "{";
    case HclTokenKind::kRBrace:
      return "}";
    case HclTokenKind::kLBracket:
      return "[";
    case HclTokenKind::kRBracket:
      return "]";
    case HclTokenKind::kLParen:
      return "(";
    case HclTokenKind::kRParen:
      return ")";
    case HclTokenKind::kComma:
      return ",";
    case HclTokenKind::kDot:
      return ".";
    case HclTokenKind::kEllipsis:
      return "...";
    case HclTokenKind::kAssign:
      return "=";
    case HclTokenKind::kEqual:
      return "==";
    case HclTokenKind::kNotEqual:
      return "!=";
    case HclTokenKind::kLess:
      return "<";
    case HclTokenKind::kLessOrEqual:
      return "<=";
    case HclTokenKind::kGreater:
      return ">";
    case HclTokenKind::kGreaterOrEqual:
      return ">=";
    case HclTokenKind::kPlus:
      return "+";
    case HclTokenKind::kMinus:
      return "-";
    case HclTokenKind::kStar:
      return "*";
    case HclTokenKind::kSlash:
      return "/";
    case HclTokenKind::kPercent:
      return "%";
    case HclTokenKind::kAnd:
      return "&&";
    case HclTokenKind::kOr:
      return "||";
    case HclTokenKind::kBang:
      return "!";
    case HclTokenKind::kQuestion:
      return "?";
    case HclTokenKind::kColon:
      return ":";
    case HclTokenKind::kDoubleColon:
      return "::";
    case HclTokenKind::kFatArrow:
      return "=>";
    case HclTokenKind::kTilde:
      return "~";
    case HclTokenKind::kInvalid:
      return "invalid character";
    case HclTokenKind::kUnclosedComment:
      return "unclosed comment";
  }
  return "token";
}

std::string DescribeToken(const HclToken& token) {
  const std::string quoted = polygraph::internal::QuoteForMessage(token.text);
  switch (token.kind) {
    case HclTokenKind::kEof:
    case HclTokenKind::kNewline:
    case HclTokenKind::kQuote:
    case HclTokenKind::kUnclosedComment:
      return std::string(TokenKindName(token.kind));
    case HclTokenKind::kIdentifier:
      return Cat("identifier ", quoted);
    case HclTokenKind::kNumber:
      return Cat("number ", quoted);
    case HclTokenKind::kHeredoc:
      return Cat("heredoc ",
                 polygraph::internal::QuoteForMessage(token.heredoc_marker));
    case HclTokenKind::kInvalid:
      if (token.text.size() == 1 ||
          static_cast<unsigned char>(token.text[0]) >= 0x80) {
        return Cat("invalid character ", quoted);
      }
      return quoted;
    default:
      return quoted;
  }
}

void HclLexer::Advance(size_t count) {
  const size_t end = std::min(text_.size(), state_.pos + count);
  for (size_t i = state_.pos; i < end; ++i) {
    if (text_[i] == '\n') {
      ++state_.line;
      state_.line_start = i + 1;
    }
  }
  state_.pos = end;
}

HclToken HclLexer::Make(HclTokenKind kind, size_t start, size_t length) {
  HclToken token;
  token.kind = kind;
  token.text = text_.substr(start, length);
  token.line = state_.line;
  token.column = ColumnAt(start);
  state_.pos = start + length;
  return token;
}

// `<<` has been seen at pos(): a heredoc needs `-`?, an identifier and a
// newline right after it; anything else is an invalid "<<".
void HclLexer::LexHeredoc(HclToken& token) {
  const size_t start = state_.pos;
  size_t i = start + 2;
  bool flush = false;
  if (i < text_.size() && text_[i] == '-') {
    flush = true;
    ++i;
  }
  const size_t marker_start = i;
  if (i < text_.size() && IsIdentifierStart(text_[i])) {
    while (i < text_.size() && IsIdentifierContinue(text_[i])) ++i;
  }
  const size_t marker_end = i;
  size_t newline = i;
  if (newline < text_.size() && text_[newline] == '\r') ++newline;
  if (marker_end == marker_start || newline >= text_.size() ||
      text_[newline] != '\n') {
    token = Make(HclTokenKind::kInvalid, start, 2);
    return;
  }
  token = Make(HclTokenKind::kHeredoc, start, marker_end - start);
  token.heredoc_marker = text_.substr(marker_start, marker_end - marker_start);
  token.heredoc_flush = flush;
  Advance(newline + 1 - state_.pos);
}

HclToken HclLexer::Next() {
  const size_t size = text_.size();
  while (state_.pos < size) {
    const char c = text_[state_.pos];
    if (c == ' ' || c == '\t' ||
        (c == '\r' &&
         (state_.pos + 1 >= size || text_[state_.pos + 1] != '\n'))) {
      ++state_.pos;
    } else if (c == '#' || (c == '/' && state_.pos + 1 < size &&
                            text_[state_.pos + 1] == '/')) {
      const size_t end = text_.find('\n', state_.pos);
      state_.pos = end == std::string_view::npos ? size : end;
      // A `\r` before the newline belongs to the newline token.
      if (state_.pos < size && state_.pos > 0 && text_[state_.pos - 1] == '\r')
        --state_.pos;
    } else if (c == '/' && state_.pos + 1 < size &&
               text_[state_.pos + 1] == '*') {
      const size_t end = text_.find("*/", state_.pos + 2);
      if (end == std::string_view::npos) {
        HclToken token = Make(HclTokenKind::kUnclosedComment, state_.pos, 2);
        state_.pos = size;
        return token;
      }
      Advance(end + 2 - state_.pos);
    } else {
      break;
    }
  }
  const size_t start = state_.pos;
  if (start >= size) return Make(HclTokenKind::kEof, size, 0);
  const char c = text_[start];
  const char next = start + 1 < size ? text_[start + 1] : '\0';
  if (c == '\n' || c == '\r') {
    HclToken token = Make(HclTokenKind::kNewline, start, c == '\r' ? 2 : 1);
    ++state_.line;
    state_.line_start = state_.pos;
    return token;
  }
  if (IsIdentifierStart(c)) {
    size_t i = start + 1;
    while (i < size && IsIdentifierContinue(text_[i])) ++i;
    return Make(HclTokenKind::kIdentifier, start, i - start);
  }
  if (IsDigit(c)) {
    size_t i = start + 1;
    while (i < size && IsDigit(text_[i])) ++i;
    if (i + 1 < size && text_[i] == '.' && IsDigit(text_[i + 1])) {
      i += 2;
      while (i < size && IsDigit(text_[i])) ++i;
    }
    if (i < size && (text_[i] == 'e' || text_[i] == 'E')) {
      size_t j = i + 1;
      if (j < size && (text_[j] == '+' || text_[j] == '-')) ++j;
      if (j < size && IsDigit(text_[j])) {
        while (j < size && IsDigit(text_[j])) ++j;
        i = j;
      }
    }
    return Make(HclTokenKind::kNumber, start, i - start);
  }
  auto two = [&](char second, HclTokenKind both, HclTokenKind one) {
    return next == second ? Make(both, start, 2) : Make(one, start, 1);
  };
  switch (c) {
    case '"':
      return Make(HclTokenKind::kQuote, start, 1);
    case '{':
      return Make(HclTokenKind::kLBrace, start, 1);
    case '}':
      return Make(HclTokenKind::kRBrace, start, 1);
    case '[':
      return Make(HclTokenKind::kLBracket, start, 1);
    case ']':
      return Make(HclTokenKind::kRBracket, start, 1);
    case '(':
      return Make(HclTokenKind::kLParen, start, 1);
    case ')':
      return Make(HclTokenKind::kRParen, start, 1);
    case ',':
      return Make(HclTokenKind::kComma, start, 1);
    case '.':
      if (next == '.' && start + 2 < size && text_[start + 2] == '.') {
        return Make(HclTokenKind::kEllipsis, start, 3);
      }
      return Make(HclTokenKind::kDot, start, 1);
    case '=':
      if (next == '>') return Make(HclTokenKind::kFatArrow, start, 2);
      return two('=', HclTokenKind::kEqual, HclTokenKind::kAssign);
    case '!':
      return two('=', HclTokenKind::kNotEqual, HclTokenKind::kBang);
    case '<': {
      if (next == '<') {
        HclToken token;
        LexHeredoc(token);
        return token;
      }
      return two('=', HclTokenKind::kLessOrEqual, HclTokenKind::kLess);
    }
    case '>':
      return two('=', HclTokenKind::kGreaterOrEqual, HclTokenKind::kGreater);
    case '+':
      return Make(HclTokenKind::kPlus, start, 1);
    case '-':
      return Make(HclTokenKind::kMinus, start, 1);
    case '*':
      return Make(HclTokenKind::kStar, start, 1);
    case '/':
      return Make(HclTokenKind::kSlash, start, 1);
    case '%':
      return Make(HclTokenKind::kPercent, start, 1);
    case '&':
      if (next == '&') return Make(HclTokenKind::kAnd, start, 2);
      break;
    case '|':
      if (next == '|') return Make(HclTokenKind::kOr, start, 2);
      break;
    case '?':
      return Make(HclTokenKind::kQuestion, start, 1);
    case ':':
      return two(':', HclTokenKind::kDoubleColon, HclTokenKind::kColon);
    case '~':
      return Make(HclTokenKind::kTilde, start, 1);
    default:
      break;
  }
  return Make(HclTokenKind::kInvalid, start, 1);
}

}  // namespace polygraph::terraform::internal
