#ifndef POLYGRAPH_TESTS_TERRAFORM_FUNCTIONS_TESTING_H_
#define POLYGRAPH_TESTS_TERRAFORM_FUNCTIONS_TESTING_H_

// Helpers for the built-in function tests: building arguments and rendering
// results as short, independent text.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "polygraph/document.h"
#include "terraform/functions.h"
#include "terraform/value.h"

namespace polygraph::terraform::function_testing {

inline const SourceLocation kCallAt{.file = "main.tf", .line = 7, .column = 3};

// A value from JSON text: `J(R"(["a", 1, {"k": true}])")`.
inline TfValue J(std::string_view json) {
  absl::StatusOr<Value> document = ParseJson(json, "arguments.json");
  EXPECT_TRUE(document.ok()) << document.status();
  if (!document.ok()) return TfValue::Null(kCallAt);
  return FromDocument(*document);
}
inline TfValue S(std::string text) {
  return TfValue::String(std::move(text), kCallAt);
}
inline TfValue N(double number) { return TfValue::Number(number, kCallAt); }
inline TfValue B(bool boolean) { return TfValue::Bool(boolean, kCallAt); }
inline TfValue Null() { return TfValue::Null(kCallAt); }
inline TfValue U(std::string what) {
  return TfValue::Unknown(std::move(what), kCallAt);
}
inline TfValue L(std::vector<TfValue> items) {
  return TfValue::List(std::move(items), kCallAt);
}

// Renders a value: strings quoted, lists [a, b], objects {k = v}, unknowns
// as ?name, templates as ?("a-", ?x).
inline std::string Render(const TfValue& value) {
  switch (value.kind) {
    case TfValue::Kind::kNull:
      return "null";
    case TfValue::Kind::kBool:
      return value.boolean ? "true" : "false";
    case TfValue::Kind::kNumber:
      return value.text;
    case TfValue::Kind::kString:
      return absl::StrCat("\"", value.text, "\"");
    case TfValue::Kind::kUnknown: {
      if (value.items.empty()) return absl::StrCat("?", value.text);
      std::string text = "?(";
      for (size_t i = 0; i < value.items.size(); ++i) {
        absl::StrAppend(&text, i > 0 ? ", " : "", Render(value.items[i]));
      }
      return text + ")";
    }
    case TfValue::Kind::kList: {
      std::string text = "[";
      for (size_t i = 0; i < value.items.size(); ++i) {
        absl::StrAppend(&text, i > 0 ? ", " : "", Render(value.items[i]));
      }
      return text + "]";
    }
    case TfValue::Kind::kObject: {
      std::string text = "{";
      for (size_t i = 0; i < value.items.size(); ++i) {
        absl::StrAppend(&text, i > 0 ? ", " : "", value.keys[i], " = ",
                        Render(value.items[i]));
      }
      return text + "}";
    }
  }
  return "";
}

// Calls `name` at kCallAt: the rendered result, or "error: <message>".
inline std::string Eval(std::string_view name, std::vector<TfValue> arguments,
                        const FunctionContext& context = {}) {
  absl::StatusOr<TfValue> result =
      CallFunction(name, std::move(arguments), context, kCallAt);
  if (!result.ok()) {
    return absl::StrCat("error: ", result.status().message());
  }
  EXPECT_EQ(result->location, kCallAt) << name;
  return Render(*result);
}

}  // namespace polygraph::terraform::function_testing

#endif  // POLYGRAPH_TESTS_TERRAFORM_FUNCTIONS_TESTING_H_
