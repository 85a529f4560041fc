#include "polygraph/source_location.h"

#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace polygraph {
namespace {
constexpr char kLocationPayloadUrl[] = "type.polygraph.dev/SourceLocation";
}  // namespace

std::string SourceLocation::ToString() const {
  if (!known()) return file.empty() ? "<unknown>" : file;
  return absl::StrCat(file.empty() ? "<input>" : file, ":", line, ":", column);
}

absl::Status InputError(const SourceLocation& location,
                        std::string_view reason) {
  absl::Status status = absl::InvalidArgumentError(
      absl::StrCat(location.ToString(), ": ",
                   absl::string_view(reason.data(), reason.size())));
  status.SetPayload(
      kLocationPayloadUrl,
      absl::Cord(absl::StrCat(location.line, "\n", location.column, "\n",
                              location.file)));
  return status;
}

std::optional<SourceLocation> ErrorLocation(const absl::Status& status) {
  absl::optional<absl::Cord> payload = status.GetPayload(kLocationPayloadUrl);
  if (!payload.has_value()) return std::nullopt;
  std::vector<std::string> parts =
      absl::StrSplit(std::string(*payload), absl::MaxSplits('\n', 2));
  SourceLocation location;
  if (parts.size() != 3 || !absl::SimpleAtoi(parts[0], &location.line) ||
      !absl::SimpleAtoi(parts[1], &location.column)) {
    return std::nullopt;
  }
  location.file = parts[2];
  return location;
}

std::string ErrorReason(const absl::Status& status) {
  std::string message(status.message());
  if (std::optional<SourceLocation> location = ErrorLocation(status)) {
    std::string prefix = absl::StrCat(location->ToString(), ": ");
    if (absl::StartsWith(message, prefix)) message.erase(0, prefix.size());
  }
  return message;
}

}  // namespace polygraph
