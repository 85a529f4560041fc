#ifndef POLYGRAPH_TESTS_INGEST_EVALUATION_TESTING_H_
#define POLYGRAPH_TESTS_INGEST_EVALUATION_TESTING_H_

// Helpers for the template evaluator's tests: evaluate one property of a
// template and render the result compactly for golden comparisons.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "ingest/cloudformation_evaluation.h"
#include "polygraph/diagnostic.h"
#include "polygraph/document.h"
#include "polygraph/value.h"

namespace polygraph::ingest::testing {

// `value` as compact JSON-like text: strings quoted, numbers and Booleans
// as written, {key: value} for objects (a long-form expression included).
inline std::string Render(const Value& value) {
  const std::string tag = value.tag.empty() ? "" : value.tag + " ";
  switch (value.kind) {
    case Value::Kind::kString:
      return absl::StrCat(tag, "\"", value.text, "\"");
    case Value::Kind::kArray: {
      std::vector<std::string> items;
      for (const Value& item : value.items) items.push_back(Render(item));
      return absl::StrCat(tag, "[", absl::StrJoin(items, ", "), "]");
    }
    case Value::Kind::kObject: {
      std::vector<std::string> members;
      for (size_t i = 0; i < value.items.size(); ++i) {
        members.push_back(
            absl::StrCat(value.keys[i], ": ", Render(value.items[i])));
      }
      return absl::StrCat("{", absl::StrJoin(members, ", "), "}");
    }
    default:
      return value.text;
  }
}

struct Evaluated {
  std::string rendered;  // "<no value>" for AWS::NoValue
  std::optional<Value> value;
  std::vector<Diagnostic> diagnostics;
};

// Evaluates the member `property` of the Properties of resource "R" in
// the YAML template `text`.
inline absl::StatusOr<Evaluated> EvaluateProperty(
    const std::string& text, const std::string& property,
    const TemplateInputs& inputs = {}) {
  absl::StatusOr<Value> document = ParseYaml(text, "t.yaml");
  if (!document.ok()) return document.status();
  Evaluated result;
  TemplateEvaluator evaluator(*document, inputs, result.diagnostics);
  const Value* value = document->Find("Resources")
                           ->Find("R")
                           ->Find("Properties")
                           ->Find(property);
  absl::StatusOr<std::optional<Value>> evaluated = evaluator.Evaluate(*value);
  if (!evaluated.ok()) return evaluated.status();
  result.value = *evaluated;
  result.rendered = evaluated->has_value() ? Render(**evaluated) : "<no value>";
  return result;
}

}  // namespace polygraph::ingest::testing

#endif  // POLYGRAPH_TESTS_INGEST_EVALUATION_TESTING_H_
