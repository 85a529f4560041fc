#ifndef POLYGRAPH_LIB_TERRAFORM_HCL_PARSER_H_
#define POLYGRAPH_LIB_TERRAFORM_HCL_PARSER_H_

// The HCL2 native-syntax parser (HashiCorp's hclsyntax specification):
// comments (#, //, /* */), attributes and blocks (one-line blocks too),
// numbers, quoted strings with escapes (\n \t \" \\ \uNNNN \UNNNNNNNN, $${
// and %%{), templates with ${...} interpolation and %{ if }/%{ for }
// directives and ~ strip markers, heredocs (<<EOF and the indented <<-EOF),
// tuples, objects (= or :, commas or newlines), operators with HCL's
// precedence, conditionals, for expressions, splats, index and attribute
// access (including legacy .0), and function calls with a final `...`.
//
//   absl::StatusOr<HclFile> file = ParseHclFile(text, "main.tf");
//
// Errors are InputErrors at the exact line and column, naming what was
// expected and what was found: "main.tf:3:9: expected \"=\" or a block
// body after \"ingress\", found \"22\"". Never a crash on any input: nesting
// deeper than HclParseOptions::max_depth is an error, not a stack overflow.
//
// Thread safety: stateless; thread-safe.

#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "terraform/hcl_syntax.h"

namespace polygraph::terraform {

struct HclParseOptions {
  // Nesting of expressions, blocks and template directives beyond this is
  // an error. Default 256.
  int max_depth = 256;
  // Input larger than this many bytes is refused. Default 16 MiB.
  size_t max_input_bytes = size_t{16} << 20;
};

// A whole file (`path` names it in locations). Invalid UTF-8 is an error.
absl::StatusOr<HclFile> ParseHclFile(std::string_view text,
                                     std::string_view path,
                                     const HclParseOptions& options = {});

// One expression filling all of `text` (a -var value, a .tfvars value);
// locations start at `start`.
absl::StatusOr<ExpressionPtr> ParseHclExpression(
    std::string_view text, const SourceLocation& start,
    const HclParseOptions& options = {});

// A bare template (templatefile's file): `text` is template content, not a
// quoted string, so quotes are literal and only ${ } and %{ } are special.
absl::StatusOr<std::vector<TemplatePart>> ParseHclTemplate(
    std::string_view text, std::string_view path,
    const HclParseOptions& options = {});

}  // namespace polygraph::terraform

#endif  // POLYGRAPH_LIB_TERRAFORM_HCL_PARSER_H_
