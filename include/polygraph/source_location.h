#ifndef POLYGRAPH_SOURCE_LOCATION_H_
#define POLYGRAPH_SOURCE_LOCATION_H_

// Where a value came from: every attribute polygraph reads carries one, from
// ingest through to the finding that cites it.
//
// Thread safety: plain value type; thread-compatible.

#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace polygraph {

struct SourceLocation {
  std::string file;  // path as given by the caller; "" when unknown
  int line = 0;      // 1-based; 0 when unknown
  int column = 0;    // 1-based, in bytes; 0 when unknown

  bool known() const { return line > 0; }
  // "file:line:col", or "file" when the line is unknown.
  std::string ToString() const;

  friend bool operator==(const SourceLocation&,
                         const SourceLocation&) = default;
};

// Returns an InvalidArgument status whose message is "file:line:col: reason"
// and which carries `location` as a payload, so callers (the CLI, Python) can
// recover the location without parsing the message.
absl::Status InputError(const SourceLocation& location,
                        std::string_view reason);

// The location attached by InputError(), if any.
std::optional<SourceLocation> ErrorLocation(const absl::Status& status);

// The reason given to InputError(): the message without its
// "file:line:col: " prefix; the whole message for any other status.
std::string ErrorReason(const absl::Status& status);

}  // namespace polygraph

#endif  // POLYGRAPH_SOURCE_LOCATION_H_
