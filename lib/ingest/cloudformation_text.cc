#include "ingest/cloudformation_text.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "iam/template_expression.h"

namespace polygraph::ingest::evaluation {

Value MakeString(std::string text, const SourceLocation& location) {
  Value value;
  value.kind = Value::Kind::kString;
  value.text = std::move(text);
  value.location = location;
  return value;
}

Value MakeObject(const SourceLocation& location) {
  Value value;
  value.kind = Value::Kind::kObject;
  value.location = location;
  return value;
}

Value MakeArray(std::vector<Value> items, const SourceLocation& location) {
  Value value;
  value.kind = Value::Kind::kArray;
  value.items = std::move(items);
  value.location = location;
  return value;
}

Value MakeExpression(std::string name, Value argument,
                     const SourceLocation& location) {
  Value value;
  value.kind = Value::Kind::kObject;
  value.keys.push_back(std::move(name));
  value.key_locations.push_back(location);
  value.items.push_back(std::move(argument));
  value.location = location;
  return value;
}

Value Relocated(Value value, const SourceLocation& location) {
  value.location = location;
  for (SourceLocation& key : value.key_locations) key = location;
  for (Value& item : value.items) item = Relocated(std::move(item), location);
  return value;
}

bool IsLiteral(const Value& value) {
  if (iam::AsTemplateExpression(value).has_value()) return false;
  for (const Value& item : value.items) {
    if (!IsLiteral(item)) return false;
  }
  return true;
}

void SymbolicText::AppendLiteral(std::string_view text) {
  absl::StrAppend(&literal_, internal::ToAbsl(text));
  // A literal "${" must not read as a variable in the Fn::Sub text.
  size_t start = 0;
  for (size_t at = text.find("${"); at != std::string_view::npos;
       at = text.find("${", start)) {
    absl::StrAppend(&sub_, internal::ToAbsl(text.substr(start, at + 2 - start)),
                    "!");
    start = at + 2;
  }
  absl::StrAppend(&sub_, internal::ToAbsl(text.substr(start)));
}

void SymbolicText::AppendVariable(std::string_view name) {
  ++symbolic_;
  absl::StrAppend(&sub_, "${", internal::ToAbsl(name), "}");
}

void SymbolicText::AppendSubText(std::string_view text) {
  for (const SubPiece& piece : SplitSubText(text)) {
    if (piece.variable) {
      AppendVariable(piece.text);
    } else {
      AppendLiteral(piece.text);
    }
  }
}

Value SymbolicText::ToValue(const SourceLocation& location) const {
  if (is_literal()) return MakeString(literal_, location);
  return MakeExpression("Fn::Sub", MakeString(sub_, location), location);
}

std::vector<SubPiece> SplitSubText(std::string_view text) {
  std::vector<SubPiece> pieces;
  auto literal = [&](std::string_view part) {
    if (part.empty()) return;
    if (pieces.empty() || pieces.back().variable) {
      pieces.push_back(SubPiece{false, ""});
    }
    absl::StrAppend(&pieces.back().text, internal::ToAbsl(part));
  };
  size_t start = 0;
  while (start < text.size()) {
    size_t open = text.find("${", start);
    size_t close =
        open == std::string_view::npos ? open : text.find('}', open + 2);
    if (close == std::string_view::npos) {
      literal(text.substr(start));
      break;
    }
    literal(text.substr(start, open - start));
    std::string_view name = text.substr(open + 2, close - open - 2);
    if (name.empty()) {
      literal("${}");
    } else if (name[0] == '!') {
      literal(absl::StrCat("${", internal::ToAbsl(name.substr(1)), "}"));
    } else {
      pieces.push_back(SubPiece{true, std::string(name)});
    }
    start = close + 1;
  }
  return pieces;
}

std::optional<std::string> PlainSubText(const Value& value) {
  std::optional<iam::TemplateExpression> expression =
      iam::AsTemplateExpression(value);
  if (!expression.has_value() || expression->name != "Fn::Sub" ||
      !expression->argument->is_string() || !IsLiteral(*expression->argument)) {
    return std::nullopt;
  }
  return expression->argument->text;
}

}  // namespace polygraph::ingest::evaluation
