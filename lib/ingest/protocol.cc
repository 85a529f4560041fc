#include "ingest/protocol.h"

#include <optional>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"

namespace polygraph::ingest {

std::optional<std::string> NormalizeProtocol(const Value& value) {
  if (!value.is_string() && !value.is_number()) return std::nullopt;
  const std::string text = absl::AsciiStrToLower(value.text);
  if (text == "tcp" || text == "6") return "tcp";
  if (text == "udp" || text == "17") return "udp";
  if (text == "icmp" || text == "1") return "icmp";
  if (text == "icmpv6" || text == "58") return "icmpv6";
  if (text == "-1" || text == "all") return "-1";
  int number = 0;
  if (absl::SimpleAtoi(text, &number) && number >= 0 && number <= 255) {
    return std::to_string(number);
  }
  return std::nullopt;
}

}  // namespace polygraph::ingest
