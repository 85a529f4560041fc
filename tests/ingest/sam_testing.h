#ifndef POLYGRAPH_TESTS_INGEST_SAM_TESTING_H_
#define POLYGRAPH_TESTS_INGEST_SAM_TESTING_H_

// Helpers for the SAM transform tests: expand inline YAML, find generated
// resources, and print Values compactly for golden comparisons.

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "ingest/sam_transform.h"
#include "polygraph/diagnostic.h"
#include "polygraph/document.h"
#include "polygraph/value.h"

namespace polygraph::ingest::testing {

struct Expanded {
  Value document;
  std::vector<Diagnostic> diagnostics;

  // The resource `id` of the expanded Resources, or nullptr.
  const Value* Resource(std::string_view id) const {
    const Value* resources = document.Find("Resources");
    return resources != nullptr ? resources->Find(id) : nullptr;
  }
  // The Properties of resource `id`; an empty Value when absent.
  const Value& Properties(std::string_view id) const {
    static const Value kNone;
    const Value* resource = Resource(id);
    const Value* properties =
        resource != nullptr ? resource->Find("Properties") : nullptr;
    return properties != nullptr ? *properties : kNone;
  }
  std::string TypeOf(std::string_view id) const {
    const Value* resource = Resource(id);
    const Value* type = resource != nullptr ? resource->Find("Type") : nullptr;
    return type != nullptr ? type->text : "";
  }
  // The ids of the expanded Resources, in order.
  std::vector<std::string> Ids() const {
    const Value* resources = document.Find("Resources");
    return resources != nullptr ? resources->keys : std::vector<std::string>{};
  }
  std::vector<Diagnostic> WithCode(std::string_view code) const {
    std::vector<Diagnostic> found;
    for (const Diagnostic& diagnostic : diagnostics) {
      if (diagnostic.code == code) found.push_back(diagnostic);
    }
    return found;
  }
};

inline absl::StatusOr<Expanded> ExpandYaml(const std::string& text) {
  absl::StatusOr<Value> document = ParseYaml(text, "t.yaml");
  if (!document.ok()) return document.status();
  Expanded expanded;
  absl::StatusOr<Value> result =
      ExpandServerlessTransform(*document, expanded.diagnostics);
  if (!result.ok()) return result.status();
  expanded.document = *std::move(result);
  return expanded;
}

// Compact JSON-like text of `value`; a YAML tag prefixes its node ("!Ref B").
inline std::string Dump(const Value& value) {
  std::string out = value.tag.empty() ? "" : value.tag + " ";
  switch (value.kind) {
    case Value::Kind::kArray: {
      out += "[";
      for (size_t i = 0; i < value.items.size(); ++i) {
        absl::StrAppend(&out, i ? "," : "", Dump(value.items[i]));
      }
      return out + "]";
    }
    case Value::Kind::kObject: {
      out += "{";
      for (size_t i = 0; i < value.keys.size(); ++i) {
        absl::StrAppend(&out, i ? "," : "", value.keys[i], ":",
                        Dump(value.items[i]));
      }
      return out + "}";
    }
    case Value::Kind::kString:
      return value.tag.empty() ? absl::StrCat("\"", value.text, "\"")
                               : out + value.text;
    case Value::Kind::kNull:
      return out + "null";
    default:
      return out + value.text;
  }
}

// Dump() of member `key` of `object`; "<absent>" when missing.
inline std::string DumpMember(const Value& object, std::string_view key) {
  const Value* member = object.is_object() ? object.Find(key) : nullptr;
  return member != nullptr ? Dump(*member) : "<absent>";
}

}  // namespace polygraph::ingest::testing

#endif  // POLYGRAPH_TESTS_INGEST_SAM_TESTING_H_
