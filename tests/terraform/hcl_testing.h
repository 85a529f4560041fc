#ifndef POLYGRAPH_TESTS_TERRAFORM_HCL_TESTING_H_
#define POLYGRAPH_TESTS_TERRAFORM_HCL_TESTING_H_

// Test helpers for the HCL parser: a compact S-expression rendering of
// syntax trees, so tests can assert a whole tree's structure in one line.
//   a + b * 2        ->  (+ a (* b 2))
//   a[*].id          ->  (splat[*] a (. @ id))
//   "x${y}"          ->  (tpl "x" ${y})

#include <string>
#include <vector>

#include "terraform/hcl_syntax.h"

namespace polygraph::terraform::testing {

std::string Sexp(const Expression& expression);

inline std::string SexpParts(const std::vector<TemplatePart>& parts) {
  std::string out;
  for (const TemplatePart& part : parts) {
    if (!out.empty()) out += " ";
    switch (part.kind) {
      case TemplatePart::Kind::kLiteral:
        out += "\"" + part.text + "\"";
        break;
      case TemplatePart::Kind::kInterpolation:
        out += "${" + Sexp(*part.expression) + "}";
        break;
      case TemplatePart::Kind::kIf:
        out += "(%if " + Sexp(*part.expression) + " [" + SexpParts(part.body) +
               "] [" + SexpParts(part.else_body) + "])";
        break;
      case TemplatePart::Kind::kFor:
        out += "(%for " + part.key_name + "," + part.value_name + " " +
               Sexp(*part.expression) + " [" + SexpParts(part.body) + "])";
        break;
    }
  }
  return out;
}

inline std::string BinaryName(BinaryOperator op) {
  switch (op) {
    case BinaryOperator::kOr:
      return "||";
    case BinaryOperator::kAnd:
      return "&&";
    case BinaryOperator::kEqual:
      return "==";
    case BinaryOperator::kNotEqual:
      return "!=";
    case BinaryOperator::kLess:
      return "<";
    case BinaryOperator::kLessOrEqual:
      return "<=";
    case BinaryOperator::kGreater:
      return ">";
    case BinaryOperator::kGreaterOrEqual:
      return ">=";
    case BinaryOperator::kAdd:
      return "+";
    case BinaryOperator::kSubtract:
      return "-";
    case BinaryOperator::kMultiply:
      return "*";
    case BinaryOperator::kDivide:
      return "/";
    case BinaryOperator::kModulo:
      return "%";
  }
  return "?";
}

inline std::string Sexp(const Expression& e) {
  auto operand = [&](size_t i) { return Sexp(*e.operands[i]); };
  switch (e.kind) {
    case Expression::Kind::kLiteral:
      if (e.literal.is_string()) return "\"" + e.literal.text + "\"";
      return e.literal.text;
    case Expression::Kind::kTemplate:
      return "(tpl" + std::string(e.template_parts.empty() ? "" : " ") +
             SexpParts(e.template_parts) + ")";
    case Expression::Kind::kVariable:
      return e.name;
    case Expression::Kind::kAttribute:
      return "(. " + operand(0) + " " + e.name + ")";
    case Expression::Kind::kIndex:
      return "([] " + operand(0) + " " + operand(1) + ")";
    case Expression::Kind::kSplat:
      return std::string(e.full_splat ? "(splat[*] " : "(splat.* ") +
             operand(0) + " " + operand(1) + ")";
    case Expression::Kind::kSplatItem:
      return "@";
    case Expression::Kind::kTuple: {
      std::string out = "(tuple";
      for (const auto& item : e.operands) out += " " + Sexp(*item);
      return out + ")";
    }
    case Expression::Kind::kObject: {
      std::string out = "(obj";
      for (const ObjectItem& item : e.object_items) {
        out += " (" + Sexp(*item.key) + " " + Sexp(*item.value) + ")";
      }
      return out + ")";
    }
    case Expression::Kind::kFunctionCall: {
      std::string out = "(call " + e.name;
      for (const auto& item : e.operands) out += " " + Sexp(*item);
      return out + (e.expand_final ? " ...)" : ")");
    }
    case Expression::Kind::kUnary:
      return std::string(e.unary_operator == UnaryOperator::kNot ? "(! "
                                                                 : "(neg ") +
             operand(0) + ")";
    case Expression::Kind::kBinary:
      return "(" + BinaryName(e.binary_operator) + " " + operand(0) + " " +
             operand(1) + ")";
    case Expression::Kind::kConditional:
      return "(? " + operand(0) + " " + operand(1) + " " + operand(2) + ")";
    case Expression::Kind::kForTuple:
    case Expression::Kind::kForObject: {
      std::string out = "(for " + e.key_name + "," + e.value_name + " in " +
                        operand(0) + " : ";
      if (e.for_key != nullptr) out += Sexp(*e.for_key) + " => ";
      out += operand(1);
      if (e.grouping) out += " ...";
      if (e.for_condition != nullptr) out += " if " + Sexp(*e.for_condition);
      return out + ")";
    }
    case Expression::Kind::kParenthesized:
      return "(paren " + operand(0) + ")";
  }
  return "?";
}

}  // namespace polygraph::terraform::testing

#endif  // POLYGRAPH_TESTS_TERRAFORM_HCL_TESTING_H_
