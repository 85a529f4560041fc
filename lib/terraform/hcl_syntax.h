#ifndef POLYGRAPH_LIB_TERRAFORM_HCL_SYNTAX_H_
#define POLYGRAPH_LIB_TERRAFORM_HCL_SYNTAX_H_

// The syntax tree of HCL2's native syntax (HashiCorp's hclsyntax
// specification): a file is a body of attributes and blocks; attribute
// values are expressions. Every node keeps the SourceLocation where it
// starts. hcl_parser.h makes these trees; terraform/evaluator.h reads them.
//
// Thread safety: plain data; immutable once parsed, so a const tree may be
// shared across threads.

#include <memory>
#include <string>
#include <vector>

#include "polygraph/source_location.h"
#include "polygraph/value.h"

namespace polygraph::terraform {

struct Expression;
using ExpressionPtr = std::unique_ptr<Expression>;

// One piece of a string template, a quoted string or a heredoc.
struct TemplatePart {
  enum class Kind {
    kLiteral,        // `text`, escapes decoded, strip markers applied
    kInterpolation,  // ${ expression }
    kIf,             // %{ if expression } body [%{ else } else_body] %{ endif }
    kFor,            // %{ for [key_name,] value_name in expression } body
                     // %{ endfor }
  };
  Kind kind = Kind::kLiteral;
  std::string text;
  ExpressionPtr expression;
  std::string key_name;  // kFor: "" when only a value name is given
  std::string value_name;
  std::vector<TemplatePart> body;
  std::vector<TemplatePart> else_body;
  SourceLocation location;
};

struct ObjectItem {
  // A bare identifier key (`name = 1`) is parsed as a kLiteral string; a
  // parenthesized or template key is an expression evaluated to a string.
  ExpressionPtr key;
  ExpressionPtr value;
};

enum class UnaryOperator { kNegate, kNot };

enum class BinaryOperator {
  kOr,
  kAnd,
  kEqual,
  kNotEqual,
  kLess,
  kLessOrEqual,
  kGreater,
  kGreaterOrEqual,
  kAdd,
  kSubtract,
  kMultiply,
  kDivide,
  kModulo,
};

struct Expression {
  enum class Kind {
    // `literal`: null, true, false or a number (Value::text keeps the
    // number as written). A string without interpolation is a kTemplate
    // with one kLiteral part (or none when empty).
    kLiteral,
    // `template_parts`: a quoted string or heredoc.
    kTemplate,
    // `name`: a root variable (var, local, count, each, path, self,
    // module, data, a resource type, a for or dynamic iterator...).
    kVariable,
    // operands[0].name (`name` is the attribute; a legacy `.0` index is a
    // kIndex with a number literal instead).
    kAttribute,
    // operands[0][operands[1]].
    kIndex,
    // operands[0][*] or operands[0].*, then operands[1]: the traversal
    // applied to each element, written over a kSplatItem placeholder
    // (`a[*].id` is Splat(a, Attribute(SplatItem, "id"))). `full_splat`
    // is true for [*] and false for the attribute-only .* form.
    kSplat,
    kSplatItem,
    // operands: the elements.
    kTuple,
    // object_items.
    kObject,
    // `name`(operands...); `expand_final` when the last argument ends
    // with `...`. A provider function's name keeps its "provider::" parts.
    kFunctionCall,
    // unary_operator operands[0].
    kUnary,
    // operands[0] binary_operator operands[1].
    kBinary,
    // operands[0] ? operands[1] : operands[2].
    kConditional,
    // [for key_name, value_name in operands[0] : operands[1] if operands[2]]
    // (`for_key` null, `for_condition` null when there is no `if`).
    kForTuple,
    // {for key_name, value_name in operands[0] : for_key => operands[1]
    //  [...] if for_condition}; `grouping` for the `...` form.
    kForObject,
    // ( operands[0] ): kept so a parenthesized object key is evaluated.
    kParenthesized,
  };

  Kind kind = Kind::kLiteral;
  Value literal;
  std::string name;
  std::vector<ExpressionPtr> operands;
  std::vector<ObjectItem> object_items;
  std::vector<TemplatePart> template_parts;
  bool expand_final = false;
  bool full_splat = true;
  UnaryOperator unary_operator = UnaryOperator::kNot;
  BinaryOperator binary_operator = BinaryOperator::kAdd;
  // kForTuple/kForObject.
  std::string key_name;  // "" when only a value name is given
  std::string value_name;
  ExpressionPtr for_key;
  ExpressionPtr for_condition;
  bool grouping = false;
  SourceLocation location;
};

struct Block;

// Attributes and blocks each in source order.
struct Body {
  struct Attribute {
    std::string name;
    ExpressionPtr expression;
    SourceLocation location;  // of the name
  };
  std::vector<Attribute> attributes;
  std::vector<Block> blocks;
  SourceLocation location;  // where the body starts ("{" or the file start)

  // The attribute `name`, or nullptr.
  const Attribute* Find(const std::string& name) const;
};

struct Block {
  std::string type;
  std::vector<std::string> labels;  // quoted or identifier labels, decoded
  std::vector<SourceLocation> label_locations;
  Body body;
  SourceLocation location;  // of the type keyword
};

struct HclFile {
  std::string path;
  Body body;
};

}  // namespace polygraph::terraform

#endif  // POLYGRAPH_LIB_TERRAFORM_HCL_SYNTAX_H_
