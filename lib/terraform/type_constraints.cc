#include "terraform/type_constraints.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "terraform/expression_evaluator.h"
#include "terraform/functions_internal.h"

namespace polygraph::terraform {
namespace {

using Kind = TfValue::Kind;

absl::Status Mismatch(const std::string& path, const std::string& wanted,
                      const TfValue& value) {
  return absl::InvalidArgumentError(absl::StrCat(
      path.empty() ? "" : absl::StrCat(path, ": "), wanted,
      " is required, got ", std::string(TfValue::KindName(value.kind)), " ",
      Describe(value)));
}

// The text of a literal string key or a bare name ("string").
std::string NameOf(const Expression& expression) {
  if (expression.kind == Expression::Kind::kVariable) return expression.name;
  if (expression.kind == Expression::Kind::kTemplate &&
      expression.template_parts.size() == 1 &&
      expression.template_parts[0].kind == TemplatePart::Kind::kLiteral) {
    return expression.template_parts[0].text;
  }
  if (expression.kind == Expression::Kind::kLiteral &&
      expression.literal.kind == Value::Kind::kString) {
    return expression.literal.text;
  }
  return "";
}

absl::StatusOr<TfValue> Convert(const TfValue& value, const Expression& type,
                                const std::string& path);

// Checks the type names throughout `type`, so a misspelt name is an error
// even where no value reaches it (null, unknown, empty, absent optional).
absl::Status CheckType(const Expression& type) {
  if (type.kind == Expression::Kind::kVariable) {
    const std::string& name = type.name;
    if (name == "any" || name == "string" || name == "number" ||
        name == "bool") {
      return absl::OkStatus();
    }
    return absl::InvalidArgumentError(
        absl::StrCat("unknown type constraint \"", name, "\""));
  }
  if (type.kind != Expression::Kind::kFunctionCall || type.operands.empty()) {
    return absl::OkStatus();
  }
  const Expression& element = *type.operands[0];
  if (type.name == "list" || type.name == "set" || type.name == "map") {
    return CheckType(element);
  }
  std::vector<const Expression*> members;
  if (type.name == "tuple" && element.kind == Expression::Kind::kTuple) {
    for (const ExpressionPtr& member : element.operands) {
      members.push_back(member.get());
    }
  } else if (type.name == "object" &&
             element.kind == Expression::Kind::kObject) {
    for (const ObjectItem& item : element.object_items) {
      const Expression* member = item.value.get();
      if (member->kind == Expression::Kind::kFunctionCall &&
          member->name == "optional" && !member->operands.empty()) {
        member = member->operands[0].get();
      }
      members.push_back(member);
    }
  }
  for (const Expression* member : members) {
    if (absl::Status status = CheckType(*member); !status.ok()) return status;
  }
  return absl::OkStatus();
}

absl::StatusOr<TfValue> ConvertObject(const TfValue& value,
                                      const Expression& attributes,
                                      const std::string& path) {
  if (value.kind != Kind::kObject) return Mismatch(path, "an object", value);
  if (attributes.kind != Expression::Kind::kObject) {
    return absl::InvalidArgumentError(
        "object() needs an object of attribute "
        "types");
  }
  std::vector<std::string> keys;
  std::vector<TfValue> items;
  for (const ObjectItem& item : attributes.object_items) {
    const std::string name = NameOf(*item.key);
    const std::string inner_path =
        path.empty() ? absl::StrCat("attribute \"", name, "\"")
                     : absl::StrCat(path, ".", name);
    const Expression* attribute_type = item.value.get();
    const Expression* default_value = nullptr;
    bool optional = false;
    if (attribute_type->kind == Expression::Kind::kFunctionCall &&
        attribute_type->name == "optional" &&
        !attribute_type->operands.empty()) {
      optional = true;
      if (attribute_type->operands.size() > 1) {
        default_value = attribute_type->operands[1].get();
      }
      attribute_type = attribute_type->operands[0].get();
    }
    const TfValue* given = value.Find(name);
    TfValue member;
    if (given != nullptr && !given->is_null()) {
      absl::StatusOr<TfValue> converted =
          Convert(*given, *attribute_type, inner_path);
      if (!converted.ok()) return converted.status();
      member = *std::move(converted);
    } else if (default_value != nullptr) {
      ConstantScope constants;
      absl::StatusOr<TfValue> fallback = Evaluate(*default_value, constants);
      if (!fallback.ok()) return fallback.status();
      absl::StatusOr<TfValue> converted =
          Convert(*fallback, *attribute_type, inner_path);
      if (!converted.ok()) return converted.status();
      member = *std::move(converted);
    } else if (given != nullptr || optional) {
      member =
          TfValue::Null(given != nullptr ? given->location : value.location);
    } else {
      return absl::InvalidArgumentError(
          absl::StrCat(inner_path, " is required"));
    }
    keys.push_back(name);
    items.push_back(std::move(member));
  }
  TfValue object =
      TfValue::Object(std::move(keys), std::move(items), value.location);
  for (size_t i = 0; i < object.keys.size(); ++i) {
    if (const TfValue* given = value.Find(object.keys[i])) {
      object.key_locations[i] =
          value.key_locations[static_cast<size_t>(given - value.items.data())];
    }
  }
  return object;
}

absl::StatusOr<TfValue> Convert(const TfValue& value, const Expression& type,
                                const std::string& path) {
  if (!value.is_known() || value.is_null()) return value;
  if (type.kind == Expression::Kind::kVariable) {
    const std::string& name = type.name;
    if (name == "any") return value;
    if (name == "string") {
      absl::StatusOr<TfValue> text = ConvertToString(value);
      if (!text.ok()) return Mismatch(path, "a string", value);
      return text;
    }
    if (name == "number") {
      if (value.kind == Kind::kNumber) return value;
      if (value.kind == Kind::kString) {
        double number = 0;
        if (functions_internal::ParseDecimal(value.text, number)) {
          return TfValue::Number(number, value.location);
        }
      }
      return Mismatch(path, "a number", value);
    }
    if (name == "bool") {
      if (value.kind == Kind::kBool) return value;
      if (value.kind == Kind::kString &&
          (value.text == "true" || value.text == "false")) {
        return TfValue::Bool(value.text == "true", value.location);
      }
      return Mismatch(path, "a bool", value);
    }
    return absl::InvalidArgumentError(
        absl::StrCat("unknown type constraint \"", name, "\""));
  }
  if (type.kind != Expression::Kind::kFunctionCall || type.operands.empty()) {
    // A form this reader does not know is kept as `any`.
    return value;
  }
  const std::string& name = type.name;
  const Expression& element = *type.operands[0];
  if (name == "object") return ConvertObject(value, element, path);
  if (name == "list" || name == "set") {
    if (value.kind != Kind::kList) {
      return Mismatch(path, absl::StrCat("a ", name), value);
    }
    std::vector<TfValue> items;
    for (size_t i = 0; i < value.items.size(); ++i) {
      absl::StatusOr<TfValue> item =
          Convert(value.items[i], element, absl::StrCat(path, "[", i, "]"));
      if (!item.ok()) return item.status();
      items.push_back(*std::move(item));
    }
    return TfValue::List(std::move(items), value.location);
  }
  if (name == "map") {
    if (value.kind != Kind::kObject) return Mismatch(path, "a map", value);
    TfValue map = value;
    for (size_t i = 0; i < map.items.size(); ++i) {
      absl::StatusOr<TfValue> item =
          Convert(value.items[i], element,
                  absl::StrCat(path, "[\"", value.keys[i], "\"]"));
      if (!item.ok()) return item.status();
      map.items[i] = *std::move(item);
    }
    return map;
  }
  if (name == "tuple") {
    if (value.kind != Kind::kList) return Mismatch(path, "a tuple", value);
    if (element.kind != Expression::Kind::kTuple ||
        element.operands.size() != value.items.size()) {
      return Mismatch(path, "a tuple of the declared length", value);
    }
    std::vector<TfValue> items;
    for (size_t i = 0; i < value.items.size(); ++i) {
      absl::StatusOr<TfValue> item =
          Convert(value.items[i], *element.operands[i],
                  absl::StrCat(path, "[", i, "]"));
      if (!item.ok()) return item.status();
      items.push_back(*std::move(item));
    }
    return TfValue::List(std::move(items), value.location);
  }
  return value;
}

}  // namespace

absl::StatusOr<TfValue> ConvertToTypeConstraint(const TfValue& value,
                                                const Expression& type) {
  if (absl::Status status = CheckType(type); !status.ok()) return status;
  return Convert(value, type, "");
}

}  // namespace polygraph::terraform
