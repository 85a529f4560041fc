#ifndef POLYGRAPH_LIB_BASE_STRINGS_H_
#define POLYGRAPH_LIB_BASE_STRINGS_H_

// Small string helpers shared by every module's implementation.
// Thread safety: pure functions; thread-safe.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/string_view.h"

namespace polygraph::internal {

// Debian's Abseil does not alias absl::string_view to std::string_view;
// this bridges the two without copying.
inline absl::string_view ToAbsl(std::string_view text) {
  return absl::string_view(text.data(), text.size());
}

// `text` in double quotes for a one-line message: C-escaped (so control
// characters and quotes cannot break the line) and cut after 80 bytes,
// marked by "...".
std::string QuoteForMessage(std::string_view text);

// The first `limit` items joined by ", ", then " and N more" for the rest:
// {"a", "b", "c"} with limit 2 -> "a, b and 1 more".
std::string JoinFirst(const std::vector<std::string>& items, size_t limit);

// The comma-separated items of `text`, each trimmed of ASCII whitespace:
// "10.0.0.0/8, ::/0" -> {"10.0.0.0/8", "::/0"}; blank text -> {}. Returns
// false, leaving `items` unspecified, when an item is empty ("a,,b", "a,").
bool SplitCommaList(std::string_view text,
                    std::vector<std::string_view>& items);

// Length of the valid UTF-8 sequence starting at text[i] (a byte >= 0x80),
// or 0 when it is malformed, overlong, a surrogate or above U+10FFFF.
size_t Utf8SequenceLength(std::string_view text, size_t i);

// The offset of the first byte of `text` that does not start or continue a
// valid UTF-8 sequence, or nullopt when all of `text` is valid UTF-8.
std::optional<size_t> FirstInvalidUtf8(std::string_view text);

// In a Terraform address ("module.a[\"k]\"].aws_s3_bucket.this[0]"), the
// position one past the ']' closing the index that opens at text[open]
// ('['), skipping quoted keys with their escapes; npos when unterminated.
size_t SkipAddressIndex(std::string_view text, size_t open);

}  // namespace polygraph::internal

#endif  // POLYGRAPH_LIB_BASE_STRINGS_H_
