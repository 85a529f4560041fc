// Fuzz target for ParseYaml: must never crash or let an exception escape;
// nodes of a successful parse are located, errors are InvalidArgument.
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
  for (const polygraph::Value& item : value.items) CheckLocated(item);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  polygraph::ParseOptions options;
  options.max_nodes = 10'000;  // keep alias bombs fast under the fuzzer
  absl::StatusOr<polygraph::Value> value =
      polygraph::ParseYaml(text, "fuzz.yaml", options);
  if (value.ok()) {
    CheckLocated(*value);
  } else if (value.status().code() != absl::StatusCode::kInvalidArgument) {
    std::abort();
  }
  return 0;
}
