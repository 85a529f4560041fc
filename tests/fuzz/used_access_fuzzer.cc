// Fuzz target for ParseUsedAccess over CloudTrail, Access Advisor and text
// inputs, and Minimize of a fixed policy to what it reads. Checks
// invariants: every error carries a location in the input; every access
// read has a non-empty action and resource and a location in the input;
// the minimized policy allows every used access the original allows.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "polygraph/document.h"
#include "polygraph/iam_decision.h"
#include "polygraph/iam_minimize.h"
#include "polygraph/iam_policy.h"
#include "polygraph/source_location.h"

namespace {

const polygraph::iam::Policy& Original() {
  static const polygraph::iam::Policy* policy = [] {
    absl::StatusOr<polygraph::Value> value = polygraph::ParseJson(
        R"({"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Action": ["s3:Get*", "sqs:*"],
           "Resource": "*"},
          {"Effect": "Deny", "Action": "s3:GetObjectAcl", "Resource": "*"}]})",
        "policy.json");
    return new polygraph::iam::Policy(*polygraph::iam::ParsePolicy(*value, {}));
  }();
  return *policy;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace iam = polygraph::iam;
  if (size > 4096) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<std::vector<iam::UsedAccess>> used =
      iam::ParseUsedAccess(text, "fuzz.in");
  if (!used.ok()) {
    std::optional<polygraph::SourceLocation> at =
        polygraph::ErrorLocation(used.status());
    if (!at.has_value() || at->file != "fuzz.in" || at->line < 1) std::abort();
    return 0;
  }
  for (const iam::UsedAccess& access : *used) {
    if (access.action.empty() || access.resource.empty() ||
        access.location.file != "fuzz.in" || access.location.line < 1) {
      std::abort();
    }
  }
  if (used->empty() || used->size() > 8) return 0;
  iam::MinimizeOptions options;
  options.compare.max_witnesses = 1;
  absl::StatusOr<iam::MinimizedPolicy> minimized =
      iam::Minimize(Original(), *used, options);
  if (!minimized.ok()) return 0;
  if (minimized->proof.b_allows_more()) std::abort();
  return 0;
}
