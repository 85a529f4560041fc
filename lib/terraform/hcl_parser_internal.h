#ifndef POLYGRAPH_LIB_TERRAFORM_HCL_PARSER_INTERNAL_H_
#define POLYGRAPH_LIB_TERRAFORM_HCL_PARSER_INTERNAL_H_

// The recursive-descent parser behind hcl_parser.h (internal). Bodies and
// expressions are in hcl_parser.cc, templates (quoted strings, heredocs and
// bare templates) in hcl_template.cc.
//
// Recursion is bounded: every nested expression, block and template
// directive counts against HclParseOptions::max_depth, and so does every
// step of a chain built in a loop (binary operators, traversal steps), so
// the height of any tree it returns is bounded too (destroying or walking
// it recursively is safe).
//
// Thread safety: thread-compatible (one parser per parse).

#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "polygraph/source_location.h"
#include "terraform/hcl_lexer.h"
#include "terraform/hcl_parser.h"
#include "terraform/hcl_syntax.h"

#define POLYGRAPH_HCL_RETURN_IF_ERROR(expr)    \
  do {                                         \
    absl::Status hcl_status_ = (expr);         \
    if (!hcl_status_.ok()) return hcl_status_; \
  } while (0)

namespace polygraph::terraform::internal {

// Concatenates strings, string views and integers for error messages
// (absl::StrCat does not take std::string_view with this Abseil).
inline void AppendPiece(std::string& out, std::string_view piece) {
  out.append(piece);
}
template <typename Integer>
requires std::is_integral_v<Integer>
void AppendPiece(std::string& out, Integer value) {
  out.append(std::to_string(value));
}
template <typename... Pieces>
std::string Cat(const Pieces&... pieces) {
  std::string out;
  (AppendPiece(out, pieces), ...);
  return out;
}

// One piece of scanned template content (defined in hcl_template.cc).
struct TemplateItem;

class HclParser {
 public:
  // `text` must outlive the parser. Locations start at (first_line,
  // first_column) and name `path`.
  HclParser(std::string_view text, std::string_view path, int first_line,
            int first_column, const HclParseOptions& options);

  HclParser(const HclParser&) = delete;
  HclParser& operator=(const HclParser&) = delete;

  // Checks the size limit and UTF-8; call before any Parse* below.
  absl::Status CheckInput() const;

  // The whole text as a body of attributes and blocks.
  absl::Status ParseFile(Body& body);
  // The whole text as one expression (newlines around it allowed).
  absl::StatusOr<ExpressionPtr> ParseWholeExpression();
  // The whole text as bare template content.
  absl::StatusOr<std::vector<TemplatePart>> ParseBareTemplate();

 private:
  enum class TemplateMode { kQuoted, kHeredoc, kBare };

  // Tokens. Peek() skips newline tokens while newlines are not significant
  // (inside parentheses, brackets, for expressions and interpolations).
  const HclToken& Peek();
  HclToken Take();
  // The token after Peek()'s (same newline rule), without consuming.
  HclToken PeekSecond();
  void PushNewlines(bool significant) { newlines_.push_back(significant); }
  void PopNewlines() { newlines_.pop_back(); }
  void SkipNewlines();

  SourceLocation Location(int line, int column) const;
  SourceLocation Location(const HclToken& token) const {
    return Location(token.line, token.column);
  }
  absl::Status ErrorAt(const SourceLocation& location,
                       std::string_view message) const;
  absl::Status ErrorAt(const HclToken& token, std::string_view message) const {
    return ErrorAt(Location(token), message);
  }
  // "expected <what>, found <token>", at the token; a lexical problem in
  // the token (an unclosed comment) is reported instead.
  absl::Status Expected(std::string_view what, const HclToken& found) const;
  // Expects `kind` to close `opener`; at end of file the error is at the
  // opener ("unclosed ...").
  absl::Status ExpectClose(HclTokenKind kind, const HclToken& opener);
  // Counts one level of nesting; an error past max_depth.
  absl::Status Enter(const HclToken& at);
  void Leave() { --depth_; }

  // Bodies (hcl_parser.cc).
  absl::Status ParseBody(Body& body, const HclToken* open_brace);
  // `open_brace` is the "{" of the enclosing body, or null at top level.
  absl::Status ParseBlock(const HclToken& type, Body& parent,
                          const HclToken* open_brace);
  absl::Status ParseAttribute(const HclToken& name, Body& body,
                              const HclToken* open_brace);
  // After an attribute or block: a newline, or the end of the body.
  absl::Status ExpectItemEnd(const HclToken* open_brace,
                             std::string_view after);

  // Expressions (hcl_parser.cc).
  absl::StatusOr<ExpressionPtr> ParseExpression();
  absl::StatusOr<ExpressionPtr> ParseBinary(int min_precedence);
  absl::StatusOr<ExpressionPtr> ParseUnary();
  absl::StatusOr<ExpressionPtr> ParseTerm();
  absl::StatusOr<ExpressionPtr> ParseTraversals(ExpressionPtr from,
                                                bool in_full_splat);
  absl::StatusOr<ExpressionPtr> ParseTuple(const HclToken& open);
  absl::StatusOr<ExpressionPtr> ParseObject(const HclToken& open);
  absl::StatusOr<ExpressionPtr> ParseFor(const HclToken& open);
  absl::StatusOr<ExpressionPtr> ParseCall(const HclToken& first);

  // Templates (hcl_template.cc). `opener` is the `"` or heredoc token.
  absl::StatusOr<ExpressionPtr> ParseQuoted(const HclToken& quote);
  absl::StatusOr<ExpressionPtr> ParseHeredoc(const HclToken& heredoc);
  absl::Status ParseTemplate(TemplateMode mode, const HclToken* opener,
                             std::vector<TemplatePart>& parts);
  absl::Status ScanTemplate(TemplateMode mode, const HclToken* opener,
                            std::vector<TemplateItem>& items);
  // At "${" or "%{": one interpolation or directive, as one item.
  absl::Status ScanSequence(bool directive, bool line_start,
                            std::vector<TemplateItem>& items);
  absl::Status CloseSequence(const HclToken& open, bool& strip_right);
  absl::Status BuildTemplate(std::vector<TemplateItem>& items,
                             std::vector<TemplatePart>& parts);

  std::string_view path_;
  const HclParseOptions& options_;
  HclLexer lexer_;
  HclToken peek_;
  bool has_peek_ = false;
  std::vector<bool> newlines_;
  int depth_ = 0;
};

}  // namespace polygraph::terraform::internal

#endif  // POLYGRAPH_LIB_TERRAFORM_HCL_PARSER_INTERNAL_H_
