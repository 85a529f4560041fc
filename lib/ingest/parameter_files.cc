#include "ingest/parameter_files.h"

#include <map>
#include <string>
#include <string_view>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "polygraph/source_location.h"

namespace polygraph::ingest {
namespace {

const char kFormats[] =
    "a parameter file must be [{\"ParameterKey\": ..., \"ParameterValue\": "
    "...}], [\"Name=Value\", ...] or {\"Parameters\": {...}}";

bool IsValueText(const Value& value) {
  return value.is_string() || value.is_number() || value.is_bool();
}

absl::Status AddEntry(const Value& entry,
                      std::map<std::string, std::string>& values) {
  if (entry.is_string()) {
    absl::StatusOr<std::pair<std::string, std::string>> assignment =
        ParseParameterAssignment(entry.text);
    if (!assignment.ok()) {
      return InputError(entry.location,
                        std::string(assignment.status().message()));
    }
    values[assignment->first] = assignment->second;
    return absl::OkStatus();
  }
  if (!entry.is_object()) {
    return InputError(entry.location, kFormats);
  }
  const Value* key = entry.Find("ParameterKey");
  const Value* value = entry.Find("ParameterValue");
  const Value* previous = entry.Find("UsePreviousValue");
  if (key == nullptr || !key->is_string() || key->text.empty()) {
    return InputError(entry.location,
                      "a parameter entry needs a string \"ParameterKey\"");
  }
  if (value == nullptr && previous != nullptr && previous->is_bool() &&
      previous->boolean) {
    return absl::OkStatus();  // the stack's current value: not known here
  }
  if (value == nullptr || !IsValueText(*value)) {
    return InputError(
        value == nullptr ? entry.location : value->location,
        absl::StrCat("parameter ", internal::QuoteForMessage(key->text),
                     " needs a string \"ParameterValue\""));
  }
  values[key->text] = value->text;
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::pair<std::string, std::string>> ParseParameterAssignment(
    std::string_view text) {
  const size_t equals = text.find('=');
  if (equals == std::string_view::npos || equals == 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("parameter ", internal::QuoteForMessage(text),
                     " must be written Name=Value"));
  }
  return std::make_pair(std::string(text.substr(0, equals)),
                        std::string(text.substr(equals + 1)));
}

absl::Status AddParameterFile(const Value& document,
                              std::map<std::string, std::string>& values) {
  if (document.is_array()) {
    for (const Value& entry : document.items) {
      if (absl::Status s = AddEntry(entry, values); !s.ok()) return s;
    }
    return absl::OkStatus();
  }
  const Value* parameters =
      document.is_object() ? document.Find("Parameters") : nullptr;
  if (parameters == nullptr || !parameters->is_object()) {
    return InputError(document.location, kFormats);
  }
  for (size_t i = 0; i < parameters->keys.size(); ++i) {
    const Value& value = parameters->items[i];
    if (!IsValueText(value)) {
      return InputError(
          value.location,
          absl::StrCat("parameter ",
                       internal::QuoteForMessage(parameters->keys[i]),
                       " must have a string value, found ",
                       internal::ToAbsl(Value::KindName(value.kind))));
    }
    values[parameters->keys[i]] = value.text;
  }
  return absl::OkStatus();
}

}  // namespace polygraph::ingest
