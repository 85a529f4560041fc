#include "polygraph/arn.h"

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "polygraph/glob.h"

namespace polygraph {
namespace {

constexpr size_t kParts = 6;

constexpr std::array<std::string_view, 7> kPartitions = {
    "aws",       "aws-cn",    "aws-us-gov", "aws-iso",
    "aws-iso-b", "aws-iso-e", "aws-iso-f"};

absl::Status ArnError(std::string_view text, std::string_view problem) {
  constexpr size_t kMax = 128;
  return absl::InvalidArgumentError(absl::StrCat(
      "invalid ARN \"",
      absl::CHexEscape(internal::ToAbsl(text.substr(0, kMax))),
      text.size() > kMax ? "..." : "", "\": ", internal::ToAbsl(problem)));
}

// Splits `text` at its first five ':' into at most six parts; the last part
// is the remainder. Returns the number of parts.
size_t SplitParts(std::string_view text,
                  std::array<std::string_view, kParts>& parts) {
  size_t count = 0;
  while (count + 1 < kParts) {
    const size_t colon = text.find(':');
    if (colon == std::string_view::npos) break;
    parts[count++] = text.substr(0, colon);
    text.remove_prefix(colon + 1);
  }
  parts[count++] = text;
  return count;
}

// Lowercase letters, digits and '-', or any text with a wildcard.
bool IsNameOrPattern(std::string_view text) {
  if (IsGlobPattern(text)) return true;
  for (char c : text) {
    if (!absl::ascii_islower(static_cast<unsigned char>(c)) &&
        !absl::ascii_isdigit(static_cast<unsigned char>(c)) && c != '-') {
      return false;
    }
  }
  return true;
}

bool IsValidAccount(std::string_view account) {
  if (account.empty() || account == "aws" || IsGlobPattern(account)) {
    return true;
  }
  if (account.size() != 12) return false;
  for (char c : account) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

}  // namespace

absl::StatusOr<Arn> Arn::Parse(std::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F) {
      return ArnError(text, "contains whitespace or a control character");
    }
  }
  if (text.substr(0, 4) != "arn:") {
    return ArnError(text, "must start with \"arn:\"");
  }
  std::array<std::string_view, kParts> parts;
  const size_t count = SplitParts(text, parts);
  if (count < kParts) {
    return ArnError(text, absl::StrCat("has ", count,
                                       " ':'-separated parts, expected 6 "
                                       "(arn:partition:service:region:"
                                       "account:resource)"));
  }
  Arn arn;
  arn.partition = std::string(parts[1]);
  arn.service = std::string(parts[2]);
  arn.region = std::string(parts[3]);
  arn.account = std::string(parts[4]);
  arn.resource = std::string(parts[5]);
  bool known_partition = IsGlobPattern(arn.partition);
  for (std::string_view partition : kPartitions) {
    known_partition = known_partition || arn.partition == partition;
  }
  if (!known_partition) {
    return ArnError(text, absl::StrCat("unknown partition \"",
                                       absl::CHexEscape(arn.partition), "\""));
  }
  if (arn.service.empty()) return ArnError(text, "the service is empty");
  if (!IsNameOrPattern(arn.service)) {
    return ArnError(text, absl::StrCat("invalid service \"", arn.service,
                                       "\" (expected lowercase letters, "
                                       "digits and '-')"));
  }
  if (!IsNameOrPattern(arn.region)) {
    return ArnError(text, absl::StrCat("invalid region \"", arn.region, "\""));
  }
  if (!IsValidAccount(arn.account)) {
    return ArnError(text, absl::StrCat("invalid account \"", arn.account,
                                       "\" (expected 12 digits, \"aws\", "
                                       "empty, or a wildcard)"));
  }
  if (arn.resource.empty()) return ArnError(text, "the resource is empty");
  return arn;
}

std::string Arn::ToString() const {
  return absl::StrCat("arn:", partition, ":", service, ":", region, ":",
                      account, ":", resource);
}

std::string_view Arn::resource_type() const {
  const size_t separator = resource.find_first_of("/:");
  if (separator == std::string::npos) return {};
  return std::string_view(resource).substr(0, separator);
}

std::string_view Arn::resource_id() const {
  const size_t separator = resource.find_first_of("/:");
  if (separator == std::string::npos) return resource;
  return std::string_view(resource).substr(separator + 1);
}

bool ArnMatches(std::string_view pattern, std::string_view arn) {
  if (pattern == "*") return true;
  std::array<std::string_view, kParts> pattern_parts;
  std::array<std::string_view, kParts> arn_parts;
  const size_t pattern_count = SplitParts(pattern, pattern_parts);
  const size_t arn_count = SplitParts(arn, arn_parts);
  for (size_t i = 0; i < pattern_count; ++i) {
    const std::string_view part = pattern_parts[i];
    if (i + 1 == pattern_count && pattern_count < kParts) {
      // A short pattern: its last part must end in '*' and takes the rest
      // of the ARN, colons included.
      if (part.empty() || part.back() != '*' || i >= arn_count) return false;
      const size_t offset =
          static_cast<size_t>(arn_parts[i].data() - arn.data());
      return GlobMatch(part, arn.substr(offset), GlobCase::kSensitive);
    }
    if (i >= arn_count ||
        !GlobMatch(part, arn_parts[i], GlobCase::kSensitive)) {
      return false;
    }
  }
  return arn_count == kParts;
}

}  // namespace polygraph
