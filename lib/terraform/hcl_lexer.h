#ifndef POLYGRAPH_LIB_TERRAFORM_HCL_LEXER_H_
#define POLYGRAPH_LIB_TERRAFORM_HCL_LEXER_H_

// The tokenizer of HCL2's native syntax, used by the parser (internal).
// It produces one token at a time on demand: the parser switches to raw
// character access (Advance, Peek) for the inside of quoted strings and
// heredocs, whose template content is not made of tokens, and resumes
// tokenizing after them.
//
// Comments are skipped: `#` and `//` run to the end of the line (the newline
// that ends them is still a kNewline token), `/* */` may span lines. Input
// must be valid UTF-8 (the parser checks it first); bytes >= 0x80 are taken
// as identifier characters.
//
// Thread safety: thread-compatible (one lexer per parse).

#include <cstddef>
#include <string>
#include <string_view>

namespace polygraph::terraform::internal {

enum class HclTokenKind {
  kEof,
  kNewline,
  kIdentifier,
  kNumber,
  kQuote,    // `"` opening a quoted template
  kHeredoc,  // `<<MARKER` or `<<-MARKER` and the newline after it
  kLBrace,
  kRBrace,
  kLBracket,
  kRBracket,
  kLParen,
  kRParen,
  kComma,
  kDot,
  kEllipsis,
  kAssign,  // =
  kEqual,   // ==
  kNotEqual,
  kLess,
  kLessOrEqual,
  kGreater,
  kGreaterOrEqual,
  kPlus,
  kMinus,
  kStar,
  kSlash,
  kPercent,
  kAnd,
  kOr,
  kBang,
  kQuestion,
  kColon,
  kDoubleColon,
  kFatArrow,
  kTilde,
  kInvalid,          // a character that starts no token
  kUnclosedComment,  // `/*` without `*/`; the token is at the `/*`
};

struct HclToken {
  HclTokenKind kind = HclTokenKind::kEof;
  std::string_view text;  // the bytes of the token
  int line = 0;
  int column = 0;
  // kHeredoc: the marker name and whether it is the indented `<<-` form.
  std::string_view heredoc_marker;
  bool heredoc_flush = false;
};

// A description of `token` for error messages: `identifier "foo"`,
// `number "22"`, `"="`, `newline`, `end of file`...
std::string DescribeToken(const HclToken& token);

// The spelling of a punctuation kind ("=", "=>"...), or a word for the
// others ("identifier").
std::string_view TokenKindName(HclTokenKind kind);

class HclLexer {
 public:
  // Where the lexer stands; copy it to look ahead and restore.
  struct State {
    size_t pos = 0;
    int line = 1;
    size_t line_start = 0;
  };

  // Locations are reported from (first_line, first_column) on: the first
  // line's columns are shifted by first_column - 1.
  HclLexer(std::string_view text, int first_line, int first_column)
      : text_(text), first_line_(first_line), first_column_(first_column) {
    state_.line = first_line;
  }

  HclLexer(const HclLexer&) = delete;
  HclLexer& operator=(const HclLexer&) = delete;

  // The next token, skipping spaces and comments.
  HclToken Next();

  // Raw character access for template content.
  bool AtEnd() const { return state_.pos >= text_.size(); }
  size_t pos() const { return state_.pos; }
  char PeekChar(size_t ahead = 0) const {
    return state_.pos + ahead < text_.size() ? text_[state_.pos + ahead] : '\0';
  }
  // Moves past `count` bytes, counting the newlines crossed.
  void Advance(size_t count);
  std::string_view text() const { return text_; }
  std::string_view Rest() const { return text_.substr(state_.pos); }

  const State& state() const { return state_; }
  void set_state(const State& state) { state_ = state; }

  // The line and column of the current position.
  int line() const { return state_.line; }
  int column() const { return ColumnAt(state_.pos); }
  // The column of `pos`, which must be on the current line.
  int ColumnAt(size_t pos) const {
    int column = static_cast<int>(pos - state_.line_start) + 1;
    if (state_.line == first_line_) column += first_column_ - 1;
    return column;
  }

 private:
  HclToken Make(HclTokenKind kind, size_t start, size_t length);
  void LexHeredoc(HclToken& token);

  std::string_view text_;
  int first_line_;
  int first_column_;
  State state_;
};

// Identifier characters: ASCII letters, `_` and any non-ASCII byte start an
// identifier; digits and `-` may follow.
inline bool IsIdentifierStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}
inline bool IsIdentifierContinue(char c) {
  return IsIdentifierStart(c) || (c >= '0' && c <= '9') || c == '-';
}
inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace polygraph::terraform::internal

#endif  // POLYGRAPH_LIB_TERRAFORM_HCL_LEXER_H_
