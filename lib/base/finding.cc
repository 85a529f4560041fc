#include "polygraph/finding.h"

#include <array>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace polygraph {
namespace {

constexpr std::array<std::string_view, 5> kSeverityNames = {
    "info", "low", "medium", "high", "critical"};

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

constexpr uint64_t kFnvOffset = 14695981039346656037ull;
constexpr uint64_t kFnvPrime = 1099511628211ull;

void HashBytes(std::string_view bytes, uint64_t& hash) {
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= kFnvPrime;
  }
}

// `message` without the ":N" and ":N:M" suffixes of locations it quotes.
std::string WithoutQuotedPositions(std::string_view message) {
  std::string out;
  out.reserve(message.size());
  size_t i = 0;
  while (i < message.size()) {
    if (message[i] == ':' && i + 1 < message.size() &&
        std::isdigit(static_cast<unsigned char>(message[i + 1]))) {
      size_t j = i + 1;
      while (j < message.size() &&
             std::isdigit(static_cast<unsigned char>(message[j])))
        ++j;
      i = j;
      continue;
    }
    out.push_back(message[i++]);
  }
  return out;
}

}  // namespace

std::string Fingerprint(const Finding& finding) {
  uint64_t hash = kFnvOffset;
  // A separator byte that cannot occur in the fields keeps ("ab","c") and
  // ("a","bc") apart.
  for (std::string_view field : {std::string_view(finding.rule_id),
                                 std::string_view(finding.location.file),
                                 std::string_view(finding.resource)}) {
    HashBytes(field, hash);
    HashBytes(std::string_view("\0", 1), hash);
  }
  HashBytes(WithoutQuotedPositions(finding.message), hash);
  return absl::StrFormat("%016x", hash);
}

std::vector<std::string> Fingerprints(const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  out.reserve(findings.size());
  std::map<std::string, int> seen;
  for (const Finding& finding : findings) {
    std::string fingerprint = Fingerprint(finding);
    int count = seen[fingerprint]++;
    out.push_back(count == 0 ? fingerprint
                             : absl::StrCat(fingerprint, ":", count));
  }
  return out;
}

std::string_view SeverityName(Severity severity) {
  size_t index = static_cast<size_t>(severity);
  return index < kSeverityNames.size() ? kSeverityNames[index] : "unknown";
}

std::optional<Severity> ParseSeverity(std::string_view name) {
  for (size_t i = 0; i < kSeverityNames.size(); ++i) {
    if (EqualsIgnoringCase(name, kSeverityNames[i]))
      return static_cast<Severity>(i);
  }
  return std::nullopt;
}

}  // namespace polygraph
