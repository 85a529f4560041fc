#include "terraform/expression_evaluator.h"

#include <charconv>
#include <cmath>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "polygraph/source_location.h"
#include "terraform/functions_internal.h"

namespace polygraph::terraform {
namespace {

using Kind = TfValue::Kind;

std::string Quoted(const std::string& text) {
  return absl::StrCat("\"", text, "\"");
}

std::string KindOf(const TfValue& value) {
  return std::string(TfValue::KindName(value.kind));
}

// The kind and value for an operand message: "string \"abc\"", "null".
std::string KindAndValue(const TfValue& value) {
  if (value.is_null()) return "null";
  return absl::StrCat(KindOf(value), " ", Describe(value));
}

// An unknown standing for a result computed from `source` (an unknown
// operand): it keeps the operand's text for messages but links nothing.
TfValue UnknownFrom(const TfValue& source, const SourceLocation& location) {
  return TfValue::Unknown(
      source.text.empty() ? std::string("(known after apply)") : source.text,
      location);
}

// A number literal or a string converted to a number: decimal only, as
// Terraform reads it (not "+-1", "nan", " 8" or "0x10").
std::optional<double> ParseNumber(std::string_view text) {
  double number = 0;
  if (!functions_internal::ParseDecimal(text, number)) return std::nullopt;
  return number;
}

absl::StatusOr<double> RequireNumber(const TfValue& value,
                                     const SourceLocation& location) {
  if (value.kind == Kind::kNumber) return value.number;
  if (value.kind == Kind::kString) {
    if (std::optional<double> number = ParseNumber(value.text)) return *number;
  }
  return InputError(location,
                    absl::StrCat("Invalid operand: a number is required, got ",
                                 KindAndValue(value)));
}

absl::StatusOr<bool> RequireBool(const TfValue& value,
                                 const SourceLocation& location) {
  if (value.kind == Kind::kBool) return value.boolean;
  if (value.kind == Kind::kString &&
      (value.text == "true" || value.text == "false")) {
    return value.text == "true";
  }
  return InputError(location,
                    absl::StrCat("Invalid operand: a bool is required, got ",
                                 KindAndValue(value)));
}

// Terraform compares a number and a numeric string as unequal; null equals
// only null.
bool Equal(const TfValue& a, const TfValue& b) { return a == b; }

class Evaluator {
 public:
  explicit Evaluator(Scope& scope) : scope_(scope) {}

  absl::StatusOr<TfValue> Run(const Expression& expression) {
    switch (expression.kind) {
      case Expression::Kind::kLiteral:
        return Literal(expression);
      case Expression::Kind::kTemplate:
        return EvaluateTemplate(expression.template_parts, scope_,
                                expression.location);
      case Expression::Kind::kVariable:
      case Expression::Kind::kAttribute:
      case Expression::Kind::kIndex:
        return Traversal(expression);
      case Expression::Kind::kSplat:
        return Splat(expression);
      case Expression::Kind::kSplatItem:
        if (splat_items_.empty()) {
          return InputError(expression.location, "splat item outside a splat");
        }
        return *splat_items_.back();
      case Expression::Kind::kTuple: {
        std::vector<TfValue> items;
        items.reserve(expression.operands.size());
        for (const ExpressionPtr& operand : expression.operands) {
          absl::StatusOr<TfValue> item = Run(*operand);
          if (!item.ok()) return item.status();
          items.push_back(*std::move(item));
        }
        return TfValue::List(std::move(items), expression.location);
      }
      case Expression::Kind::kObject:
        return Object(expression);
      case Expression::Kind::kFunctionCall:
        return Call(expression);
      case Expression::Kind::kUnary:
        return Unary(expression);
      case Expression::Kind::kBinary:
        return Binary(expression);
      case Expression::Kind::kConditional:
        return Conditional(expression);
      case Expression::Kind::kForTuple:
      case Expression::Kind::kForObject:
        return For(expression);
      case Expression::Kind::kParenthesized: {
        absl::StatusOr<TfValue> inner = Run(*expression.operands[0]);
        if (!inner.ok()) return inner.status();
        inner->location = expression.location;
        return inner;
      }
    }
    return InputError(expression.location, "unsupported expression");
  }

 private:
  absl::StatusOr<TfValue> Literal(const Expression& expression) {
    const Value& literal = expression.literal;
    switch (literal.kind) {
      case Value::Kind::kBool:
        return TfValue::Bool(literal.boolean, expression.location);
      case Value::Kind::kNumber: {
        std::optional<double> number = ParseNumber(literal.text);
        if (!number) {
          return InputError(expression.location,
                            absl::StrCat("invalid number ", literal.text));
        }
        return TfValue::Number(*number, expression.location);
      }
      case Value::Kind::kString:
        return TfValue::String(literal.text, expression.location);
      default:
        return TfValue::Null(expression.location);
    }
  }

  absl::StatusOr<TfValue> Traversal(const Expression& expression) {
    std::vector<const Expression*> chain;
    const Expression* root = &expression;
    while (root->kind == Expression::Kind::kAttribute ||
           root->kind == Expression::Kind::kIndex) {
      chain.push_back(root);
      root = root->operands[0].get();
    }
    std::vector<TraversalStep> steps;
    steps.reserve(chain.size());
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
      const Expression& step = **it;
      TraversalStep traversal_step;
      traversal_step.location = step.location;
      if (step.kind == Expression::Kind::kAttribute) {
        traversal_step.name = step.name;
      } else {
        traversal_step.kind = TraversalStep::Kind::kIndex;
        absl::StatusOr<TfValue> key = Run(*step.operands[1]);
        if (!key.ok()) return key.status();
        traversal_step.key = *std::move(key);
      }
      steps.push_back(std::move(traversal_step));
    }
    size_t used = 0;
    absl::StatusOr<TfValue> value;
    if (root->kind == Expression::Kind::kVariable) {
      value = scope_.Resolve(root->name, root->location, steps, &used);
    } else {
      value = Run(*root);
    }
    if (!value.ok()) return value.status();
    for (size_t i = used; i < steps.size(); ++i) {
      value = ApplyStep(*value, steps[i]);
      if (!value.ok()) return value.status();
    }
    value->location = expression.location;
    return value;
  }

  absl::StatusOr<TfValue> Splat(const Expression& expression) {
    absl::StatusOr<TfValue> source = Run(*expression.operands[0]);
    if (!source.ok()) return source.status();
    if (!source->is_known()) {
      TfValue unknown = *source;
      unknown.text = absl::StrCat(source->text, "[*]");
      unknown.attribute.clear();
      unknown.resource_address.clear();
      unknown.location = expression.location;
      return unknown;
    }
    // The elements, read in place: a list's items, a single value as one
    // element, null as none.
    absl::Span<const TfValue> elements;
    if (source->kind == Kind::kList) {
      elements = source->items;
    } else if (!source->is_null()) {
      elements = absl::MakeConstSpan(&*source, 1);
    }
    std::vector<TfValue> results;
    results.reserve(elements.size());
    for (const TfValue& element : elements) {
      splat_items_.push_back(&element);
      absl::StatusOr<TfValue> result = Run(*expression.operands[1]);
      splat_items_.pop_back();
      if (!result.ok()) return result.status();
      results.push_back(*std::move(result));
    }
    return TfValue::List(std::move(results), expression.location);
  }

  absl::StatusOr<TfValue> Object(const Expression& expression) {
    std::vector<std::string> keys;
    std::vector<TfValue> values;
    std::vector<SourceLocation> key_locations;
    for (const ObjectItem& item : expression.object_items) {
      absl::StatusOr<TfValue> key = Run(*item.key);
      if (!key.ok()) return key.status();
      absl::StatusOr<TfValue> value = Run(*item.value);
      if (!value.ok()) return value.status();
      if (!key->is_known()) return UnknownFrom(*key, expression.location);
      absl::StatusOr<TfValue> text = ConvertToString(*key);
      if (!text.ok()) {
        return InputError(
            item.key->location,
            absl::StrCat("Invalid object key: ", ErrorReason(text.status())));
      }
      keys.push_back(text->text);
      key_locations.push_back(item.key->location);
      values.push_back(*std::move(value));
    }
    TfValue object =
        TfValue::Object(keys, std::move(values), expression.location);
    for (size_t i = 0; i < keys.size(); ++i) {
      for (size_t j = 0; j < object.keys.size(); ++j) {
        if (object.keys[j] == keys[i])
          object.key_locations[j] = key_locations[i];
      }
    }
    return object;
  }

  absl::StatusOr<TfValue> Call(const Expression& expression) {
    const std::string& name = expression.name;
    if (name == "try") return Try(expression);
    if (name == "can") {
      if (expression.operands.size() != 1) {
        return InputError(expression.location,
                          "Invalid function arguments: can takes 1 argument");
      }
      absl::StatusOr<TfValue> result = Run(*expression.operands[0]);
      if (result.ok() && !result->IsWhollyKnown()) {
        return TfValue::Unknown("can(...)", expression.location);
      }
      return TfValue::Bool(result.ok(), expression.location);
    }
    std::vector<TfValue> arguments;
    arguments.reserve(expression.operands.size());
    for (size_t i = 0; i < expression.operands.size(); ++i) {
      absl::StatusOr<TfValue> argument = Run(*expression.operands[i]);
      if (!argument.ok()) return argument.status();
      const bool expand =
          expression.expand_final && i + 1 == expression.operands.size();
      if (!expand) {
        arguments.push_back(*std::move(argument));
        continue;
      }
      if (!argument->is_known()) {
        return TfValue::Unknown(absl::StrCat(name, "(...)"),
                                expression.location);
      }
      if (argument->kind != Kind::kList) {
        return InputError(
            expression.operands[i]->location,
            absl::StrCat("Invalid expanding argument value: the final "
                         "argument of ",
                         name, " must be a list, got ", KindOf(*argument)));
      }
      for (TfValue& item : argument->items)
        arguments.push_back(std::move(item));
    }
    absl::StatusOr<TfValue> result = CallFunction(
        name, std::move(arguments), scope_.functions(), expression.location);
    if (absl::IsNotFound(result.status())) {
      scope_.Warn(expression.location,
                  absl::StrCat(result.status().message(),
                               "; the value stays symbolic"));
      return TfValue::Unknown(absl::StrCat(name, "(...)"), expression.location);
    }
    if (!result.ok()) {
      if (ErrorLocation(result.status())) return result.status();
      return InputError(expression.location,
                        std::string(result.status().message()));
    }
    return result;
  }

  absl::StatusOr<TfValue> Try(const Expression& expression) {
    absl::Status last = InputError(
        expression.location,
        "Invalid function arguments: try needs at least one argument");
    if (expression.operands.empty()) return last;
    for (const ExpressionPtr& operand : expression.operands) {
      absl::StatusOr<TfValue> result = Run(*operand);
      if (result.ok()) return result;
      last = result.status();
    }
    return InputError(
        expression.location,
        absl::StrCat("Error in function call: try: no expression succeeded; "
                     "the last failed with: ",
                     ErrorReason(last)));
  }

  absl::StatusOr<TfValue> Unary(const Expression& expression) {
    absl::StatusOr<TfValue> operand = Run(*expression.operands[0]);
    if (!operand.ok()) return operand.status();
    if (!operand->is_known()) return UnknownFrom(*operand, expression.location);
    if (expression.unary_operator == UnaryOperator::kNot) {
      absl::StatusOr<bool> value = RequireBool(*operand, expression.location);
      if (!value.ok()) return value.status();
      return TfValue::Bool(!*value, expression.location);
    }
    absl::StatusOr<double> value = RequireNumber(*operand, expression.location);
    if (!value.ok()) return value.status();
    return TfValue::Number(-*value, expression.location);
  }

  absl::StatusOr<TfValue> Binary(const Expression& expression) {
    absl::StatusOr<TfValue> left = Run(*expression.operands[0]);
    if (!left.ok()) return left.status();
    absl::StatusOr<TfValue> right = Run(*expression.operands[1]);
    if (!right.ok()) return right.status();
    const SourceLocation& at = expression.location;
    const BinaryOperator op = expression.binary_operator;
    if (op == BinaryOperator::kAnd || op == BinaryOperator::kOr) {
      // Every known operand must be a bool (Terraform converts both before
      // operating); one that settles the result decides it, even beside an
      // unknown.
      std::optional<bool> sides[2];
      for (size_t i = 0; i < 2; ++i) {
        const TfValue& side = i == 0 ? *left : *right;
        if (!side.is_known()) continue;
        absl::StatusOr<bool> flag =
            RequireBool(side, expression.operands[i]->location);
        if (!flag.ok()) return flag.status();
        sides[i] = *flag;
      }
      const bool settling = op == BinaryOperator::kOr;
      for (const std::optional<bool>& side : sides) {
        if (side == settling) return TfValue::Bool(settling, at);
      }
      if (!sides[0]) return UnknownFrom(*left, at);
      if (!sides[1]) return UnknownFrom(*right, at);
      return TfValue::Bool(op == BinaryOperator::kAnd
                               ? (*sides[0] && *sides[1])
                               : (*sides[0] || *sides[1]),
                           at);
    }
    if (!left->IsWhollyKnown()) return UnknownFrom(*left, at);
    if (!right->IsWhollyKnown()) return UnknownFrom(*right, at);
    if (op == BinaryOperator::kEqual || op == BinaryOperator::kNotEqual) {
      return TfValue::Bool(
          Equal(*left, *right) == (op == BinaryOperator::kEqual), at);
    }
    absl::StatusOr<double> a =
        RequireNumber(*left, expression.operands[0]->location);
    if (!a.ok()) return a.status();
    absl::StatusOr<double> b =
        RequireNumber(*right, expression.operands[1]->location);
    if (!b.ok()) return b.status();
    switch (op) {
      case BinaryOperator::kLess:
        return TfValue::Bool(*a < *b, at);
      case BinaryOperator::kLessOrEqual:
        return TfValue::Bool(*a <= *b, at);
      case BinaryOperator::kGreater:
        return TfValue::Bool(*a > *b, at);
      case BinaryOperator::kGreaterOrEqual:
        return TfValue::Bool(*a >= *b, at);
      case BinaryOperator::kAdd:
        return TfValue::Number(*a + *b, at);
      case BinaryOperator::kSubtract:
        return TfValue::Number(*a - *b, at);
      case BinaryOperator::kMultiply:
        return TfValue::Number(*a * *b, at);
      case BinaryOperator::kDivide:
        if (*b == 0) return InputError(at, "Error in division: divide by zero");
        return TfValue::Number(*a / *b, at);
      case BinaryOperator::kModulo:
        if (*b == 0) return InputError(at, "Error in modulo: divide by zero");
        return TfValue::Number(std::fmod(*a, *b), at);
      default:
        break;
    }
    return InputError(at, "unsupported operator");
  }

  absl::StatusOr<TfValue> Conditional(const Expression& expression) {
    absl::StatusOr<TfValue> condition = Run(*expression.operands[0]);
    if (!condition.ok()) return condition.status();
    if (!condition->is_known()) {
      return UnknownFrom(*condition, expression.location);
    }
    absl::StatusOr<bool> chosen =
        RequireBool(*condition, expression.operands[0]->location);
    if (!chosen.ok()) return chosen.status();
    return Run(*expression.operands[*chosen ? 1 : 2]);
  }

  absl::StatusOr<TfValue> For(const Expression& expression) {
    absl::StatusOr<TfValue> collection = Run(*expression.operands[0]);
    if (!collection.ok()) return collection.status();
    if (!collection->is_known()) {
      return UnknownFrom(*collection, expression.location);
    }
    if (collection->kind != Kind::kList && collection->kind != Kind::kObject) {
      return InputError(
          expression.operands[0]->location,
          absl::StrCat("Iteration over non-iterable value: a for expression "
                       "needs a list, set, map or object, got ",
                       KindOf(*collection)));
    }
    const bool object_result = expression.kind == Expression::Kind::kForObject;
    std::vector<TfValue> items;
    std::vector<std::string> keys;
    std::vector<std::vector<TfValue>> groups;
    for (size_t i = 0; i < collection->items.size(); ++i) {
      NestedScope scope(scope_);
      TfValue key = collection->kind == Kind::kList
                        ? TfValue::Number(static_cast<double>(i),
                                          collection->items[i].location)
                        : TfValue::String(collection->keys[i],
                                          collection->key_locations[i]);
      if (!expression.key_name.empty()) scope.Set(expression.key_name, key);
      scope.Set(expression.value_name, collection->items[i]);
      Evaluator inner(scope);
      if (expression.for_condition) {
        absl::StatusOr<TfValue> keep = inner.Run(*expression.for_condition);
        if (!keep.ok()) return keep.status();
        if (!keep->is_known()) return UnknownFrom(*keep, expression.location);
        absl::StatusOr<bool> flag =
            RequireBool(*keep, expression.for_condition->location);
        if (!flag.ok()) return flag.status();
        if (!*flag) continue;
      }
      absl::StatusOr<TfValue> value = inner.Run(*expression.operands[1]);
      if (!value.ok()) return value.status();
      if (!object_result) {
        items.push_back(*std::move(value));
        continue;
      }
      absl::StatusOr<TfValue> result_key = inner.Run(*expression.for_key);
      if (!result_key.ok()) return result_key.status();
      if (!result_key->is_known()) {
        return UnknownFrom(*result_key, expression.location);
      }
      absl::StatusOr<TfValue> text = ConvertToString(*result_key);
      if (!text.ok()) {
        return InputError(
            expression.for_key->location,
            absl::StrCat("Invalid object key: ", ErrorReason(text.status())));
      }
      auto existing = std::find(keys.begin(), keys.end(), text->text);
      if (existing == keys.end()) {
        keys.push_back(text->text);
        groups.emplace_back();
      } else if (!expression.grouping) {
        return InputError(
            expression.for_key->location,
            absl::StrCat("Duplicate object key: two elements produce the key ",
                         Quoted(text->text),
                         "; add an ellipsis (...) after the value to group "
                         "them"));
      }
      groups[static_cast<size_t>(
                 std::find(keys.begin(), keys.end(), text->text) -
                 keys.begin())]
          .push_back(*std::move(value));
    }
    if (!object_result)
      return TfValue::List(std::move(items), expression.location);
    std::vector<TfValue> values;
    for (std::vector<TfValue>& group : groups) {
      if (expression.grouping) {
        values.push_back(TfValue::List(std::move(group), expression.location));
      } else {
        values.push_back(std::move(group.front()));
      }
    }
    return TfValue::Object(std::move(keys), std::move(values),
                           expression.location);
  }

  Scope& scope_;
  std::vector<const TfValue*> splat_items_;
};

absl::Status RenderParts(const std::vector<TemplatePart>& parts, Scope& scope,
                         std::vector<TfValue>& out) {
  for (const TemplatePart& part : parts) {
    switch (part.kind) {
      case TemplatePart::Kind::kLiteral:
        out.push_back(TfValue::String(part.text, part.location));
        break;
      case TemplatePart::Kind::kInterpolation: {
        absl::StatusOr<TfValue> value = Evaluate(*part.expression, scope);
        if (!value.ok()) return value.status();
        absl::StatusOr<TfValue> text = ConvertToString(*value);
        if (!text.ok()) {
          return InputError(part.expression->location,
                            absl::StrCat("Invalid template interpolation "
                                         "value: ",
                                         ErrorReason(text.status())));
        }
        out.push_back(*std::move(text));
        break;
      }
      case TemplatePart::Kind::kIf: {
        absl::StatusOr<TfValue> condition = Evaluate(*part.expression, scope);
        if (!condition.ok()) return condition.status();
        if (!condition->is_known()) {
          out.push_back(UnknownFrom(*condition, part.location));
          break;
        }
        absl::StatusOr<bool> chosen =
            RequireBool(*condition, part.expression->location);
        if (!chosen.ok()) return chosen.status();
        absl::Status status =
            RenderParts(*chosen ? part.body : part.else_body, scope, out);
        if (!status.ok()) return status;
        break;
      }
      case TemplatePart::Kind::kFor: {
        absl::StatusOr<TfValue> collection = Evaluate(*part.expression, scope);
        if (!collection.ok()) return collection.status();
        if (!collection->is_known()) {
          out.push_back(UnknownFrom(*collection, part.location));
          break;
        }
        if (collection->kind != Kind::kList &&
            collection->kind != Kind::kObject) {
          return InputError(part.expression->location,
                            absl::StrCat("Iteration over non-iterable value: "
                                         "got ",
                                         KindOf(*collection)));
        }
        for (size_t i = 0; i < collection->items.size(); ++i) {
          NestedScope inner(scope);
          if (!part.key_name.empty()) {
            inner.Set(
                part.key_name,
                collection->kind == Kind::kList
                    ? TfValue::Number(static_cast<double>(i), part.location)
                    : TfValue::String(collection->keys[i], part.location));
          }
          inner.Set(part.value_name, collection->items[i]);
          absl::Status status = RenderParts(part.body, inner, out);
          if (!status.ok()) return status;
        }
        break;
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace

void NestedScope::Set(const std::string& name, TfValue value) {
  names_[name] = std::move(value);
}

absl::StatusOr<TfValue> NestedScope::Resolve(
    const std::string& root, const SourceLocation& location,
    absl::Span<const TraversalStep> steps, size_t* steps_used) {
  auto it = names_.find(root);
  if (it == names_.end()) {
    return parent_.Resolve(root, location, steps, steps_used);
  }
  *steps_used = 0;
  return it->second;
}

absl::StatusOr<TfValue> ConstantScope::Resolve(
    const std::string& root, const SourceLocation& location,
    absl::Span<const TraversalStep> steps, size_t* steps_used) {
  return InputError(location,
                    absl::StrCat("Variables not allowed: \"", root,
                                 "\" cannot be referred to here; a value "
                                 "must be a constant"));
}

absl::StatusOr<TfValue> Evaluate(const Expression& expression, Scope& scope) {
  return Evaluator(scope).Run(expression);
}

absl::StatusOr<TfValue> EvaluateTemplate(const std::vector<TemplatePart>& parts,
                                         Scope& scope,
                                         const SourceLocation& location) {
  // A template that is one interpolation keeps its value's type
  // ("${var.count}" is a number), as Terraform does.
  if (parts.size() == 1 &&
      parts.front().kind == TemplatePart::Kind::kInterpolation) {
    absl::StatusOr<TfValue> value = Evaluate(*parts.front().expression, scope);
    if (value.ok()) value->location = location;
    return value;
  }
  std::vector<TfValue> out;
  if (absl::Status status = RenderParts(parts, scope, out); !status.ok()) {
    return status;
  }
  return TfValue::Concatenation(std::move(out), location);
}

absl::StatusOr<TfValue> ApplyStep(const TfValue& value,
                                  const TraversalStep& step) {
  const bool attribute = step.kind == TraversalStep::Kind::kAttribute;
  std::string step_text =
      attribute
          ? absl::StrCat(".", step.name)
          : absl::StrCat("[",
                         step.key.kind == Kind::kString ? Quoted(step.key.text)
                                                        : step.key.text,
                         "]");
  if (!value.is_known()) {
    TfValue unknown =
        TfValue::Unknown(absl::StrCat(value.text, step_text), step.location);
    unknown.resource_address = value.resource_address;
    // An index into the instances of a resource whose count is unknown
    // names its one representative instance.
    const bool instance_index = !attribute && value.attribute.empty() &&
                                absl::EndsWith(value.resource_address, "[*]");
    if (!value.resource_address.empty() && !instance_index) {
      unknown.attribute = value.attribute.empty()
                              ? (attribute ? step.name : step_text)
                              : absl::StrCat(value.attribute, step_text);
    }
    return unknown;
  }
  if (!step.key.is_known() && !attribute) {
    return TfValue::Unknown(absl::StrCat(step.key.text), step.location);
  }
  if (value.is_null()) {
    return InputError(
        step.location,
        absl::StrCat("Attempt to get ", attribute ? "attribute" : "an element",
                     " from null value"));
  }
  if (value.kind == Kind::kObject) {
    std::string key = step.name;
    if (!attribute) {
      absl::StatusOr<TfValue> text = ConvertToString(step.key);
      if (!text.ok()) {
        return InputError(step.location,
                          "Invalid index: a map key must be a "
                          "string");
      }
      key = text->text;
    }
    if (const TfValue* member = value.Find(key)) {
      if (value.resource_address.empty() || member->kind != Kind::kString) {
        return *member;
      }
      // A configured attribute read through a reference: its value, and
      // where it came from (the front-end may link the two).
      TfValue linked = *member;
      linked.resource_address = value.resource_address;
      linked.attribute = key;
      return linked;
    }
    if (!value.resource_address.empty()) {
      return TfValue::ResourceAttribute(value.resource_address, key,
                                        step.location);
    }
    if (attribute) {
      return InputError(step.location,
                        absl::StrCat("Unsupported attribute: this object does "
                                     "not have an attribute named ",
                                     Quoted(key)));
    }
    return InputError(step.location,
                      absl::StrCat("Invalid index: the given key ", Quoted(key),
                                   " does not identify an element in this "
                                   "collection"));
  }
  if (value.kind == Kind::kList && !attribute) {
    absl::StatusOr<double> index = RequireNumber(step.key, step.location);
    if (!index.ok()) return index.status();
    if (*index < 0 || *index != std::floor(*index) ||
        *index >= static_cast<double>(value.items.size())) {
      return InputError(
          step.location,
          absl::StrCat("Invalid index: the collection has ", value.items.size(),
                       " elements; index ", step.key.text, " is out of range"));
    }
    return value.items[static_cast<size_t>(*index)];
  }
  if (value.kind == Kind::kList) {
    return InputError(
        step.location,
        absl::StrCat("Unsupported attribute: can't access attribute ",
                     Quoted(step.name),
                     " on a list; use an index or a splat ([*])"));
  }
  return InputError(
      step.location,
      absl::StrCat("Unsupported ", attribute ? "attribute" : "index", ": a ",
                   KindOf(value), " has none"));
}

absl::StatusOr<TfValue> ConvertToString(const TfValue& value) {
  switch (value.kind) {
    case Kind::kString:
    case Kind::kUnknown:
      return value;
    case Kind::kNumber:
    case Kind::kBool:
      return TfValue::String(value.text, value.location);
    case Kind::kNull:
      return absl::InvalidArgumentError("the value is null");
    default:
      return absl::InvalidArgumentError(
          absl::StrCat("a string is required, got ", KindOf(value)));
  }
}

}  // namespace polygraph::terraform
