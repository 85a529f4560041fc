// Fuzz target for Arn::Parse, ArnMatches and GlobMatch. Checks invariants:
// a parsed ARN round-trips through ToString(), matches itself as a pattern,
// and every text glob-matches itself (a wildcard matches itself too).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "polygraph/arn.h"
#include "polygraph/glob.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<polygraph::Arn> arn = polygraph::Arn::Parse(text);
  if (arn.ok()) {
    if (arn->ToString() != text) std::abort();
    absl::StatusOr<polygraph::Arn> again =
        polygraph::Arn::Parse(arn->ToString());
    if (!again.ok() || !(*again == *arn)) std::abort();
    if (!polygraph::ArnMatches(text, text)) std::abort();
    if (arn->resource_type().size() + arn->resource_id().size() >
        arn->resource.size()) {
      std::abort();
    }
  }
  if (!polygraph::GlobMatch(text, text, polygraph::GlobCase::kSensitive)) {
    std::abort();
  }
  // Split the input at its first newline into a pattern and a subject.
  const size_t newline = text.find('\n');
  if (newline != std::string_view::npos) {
    const std::string_view pattern = text.substr(0, newline);
    const std::string_view subject = text.substr(newline + 1);
    const bool sensitive =
        polygraph::GlobMatch(pattern, subject, polygraph::GlobCase::kSensitive);
    const bool insensitive = polygraph::GlobMatch(
        pattern, subject, polygraph::GlobCase::kInsensitive);
    if (sensitive && !insensitive) std::abort();
    if (polygraph::GlobMatch("*", subject, polygraph::GlobCase::kSensitive) !=
        true) {
      std::abort();
    }
    (void)polygraph::ArnMatches(pattern, subject);
  }
  return 0;
}
