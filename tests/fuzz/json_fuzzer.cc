// Fuzz target for ParseJson: must never crash, and every node and key of a
// successful parse must be located (line >= 1, column >= 1).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "polygraph/document.h"
#include "polygraph/value.h"

namespace {

void CheckLocated(const polygraph::Value& value) {
  if (value.location.line < 1 || value.location.column < 1) std::abort();
  if (value.is_object() && (value.keys.size() != value.items.size() ||
                            value.key_locations.size() != value.items.size())) {
    std::abort();
  }
  for (const polygraph::SourceLocation& key : value.key_locations) {
    if (key.line < 1 || key.column < 1) std::abort();
  }
  for (const polygraph::Value& item : value.items) CheckLocated(item);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<polygraph::Value> value =
      polygraph::ParseJson(text, "fuzz.json");
  if (value.ok()) {
    CheckLocated(*value);
  } else if (value.status().code() != absl::StatusCode::kInvalidArgument) {
    std::abort();
  }
  return 0;
}
