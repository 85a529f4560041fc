#include "polygraph/finding.h"

#include <array>
#include <cctype>
#include <cstddef>

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

}  // namespace

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
