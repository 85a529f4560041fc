#include "polygraph/ip_address.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "base/strings.h"

namespace polygraph::ip {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Parses a strict dotted quad into `out`; on failure returns the reason.
std::optional<std::string> ParseV4(std::string_view text, uint32_t& out) {
  if (text.empty()) return "empty address";
  uint32_t value = 0;
  int octets = 0;
  size_t start = 0;
  while (true) {
    const size_t dot = text.find('.', start);
    const std::string_view part =
        text.substr(start, dot == std::string_view::npos ? dot : dot - start);
    if (part.empty()) return "empty octet";
    if (++octets > 4) break;
    for (char c : part) {
      if (!absl::ascii_isdigit(c)) {
        return absl::StrCat("octet ", internal::QuoteForMessage(part),
                            " is not a decimal number");
      }
    }
    if (part.size() > 1 && part[0] == '0') {
      return absl::StrCat("octet ", internal::QuoteForMessage(part),
                          " has a leading zero");
    }
    if (part.size() > 3) {
      return absl::StrCat("octet ", internal::QuoteForMessage(part),
                          " is out of range (0-255)");
    }
    int octet = 0;
    for (char c : part) octet = octet * 10 + (c - '0');
    if (octet > 255) {
      return absl::StrCat("octet ", octet, " is out of range (0-255)");
    }
    value = (value << 8) | static_cast<uint32_t>(octet);
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  if (octets != 4) {
    return octets > 4 ? std::string("more than 4 octets")
                      : absl::StrCat("expected 4 octets, found ", octets);
  }
  out = value;
  return std::nullopt;
}

// Parses RFC 4291 text into `out`; on failure returns the reason.
std::optional<std::string> ParseV6(std::string_view text, absl::uint128& out) {
  std::array<uint16_t, 8> groups{};
  int count = 0;
  int gap = -1;  // index in `groups` where "::" stands, or -1
  size_t i = 0;
  if (text.substr(0, 2) == "::") {
    gap = 0;
    i = 2;
  } else if (!text.empty() && text[0] == ':') {
    return "leading single \":\"";
  }
  while (i < text.size()) {
    size_t end = text.find(':', i);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view token = text.substr(i, end - i);
    if (token.empty()) return "empty group (\":::\")";
    if (token.find('.') != std::string_view::npos) {
      if (end != text.size()) {
        return "an embedded IPv4 address must come last";
      }
      if (count + 2 > 8) return "more than 8 groups";
      uint32_t v4 = 0;
      if (auto reason = ParseV4(token, v4)) {
        return absl::StrCat("embedded IPv4 address: ", *reason);
      }
      groups[count++] = static_cast<uint16_t>(v4 >> 16);
      groups[count++] = static_cast<uint16_t>(v4 & 0xffff);
      break;
    }
    if (count == 8) return "more than 8 groups";
    int value = 0;
    for (char c : token) {
      const int digit = HexValue(c);
      if (digit < 0) {
        return absl::StrCat("invalid character ",
                            internal::QuoteForMessage(std::string_view(&c, 1)));
      }
      value = value * 16 + digit;
      if (value > 0xffff) break;
    }
    if (token.size() > 4) {
      return absl::StrCat("group ", internal::QuoteForMessage(token),
                          " has more than 4 digits");
    }
    groups[count++] = static_cast<uint16_t>(value);
    if (end == text.size()) break;
    if (end + 1 < text.size() && text[end + 1] == ':') {
      if (gap >= 0) return "more than one \"::\"";
      gap = count;
      i = end + 2;
      continue;
    }
    i = end + 1;
    if (i == text.size()) return "trailing single \":\"";
  }
  if (gap < 0 && count != 8) {
    return absl::StrCat("expected 8 groups, found ", count);
  }
  if (gap >= 0 && count > 7) return "\"::\" must stand for at least one group";
  absl::uint128 bits = 0;
  const int zeros = 8 - count;
  int source = 0;
  for (int k = 0; k < 8; ++k) {
    uint16_t group = 0;
    if (gap >= 0 && k >= gap && k < gap + zeros) {
      group = 0;
    } else {
      group = groups[source++];
    }
    bits = (bits << 16) | group;
  }
  out = bits;
  return std::nullopt;
}

std::string V4String(uint32_t bits) {
  return absl::StrCat(bits >> 24, ".", (bits >> 16) & 0xff, ".",
                      (bits >> 8) & 0xff, ".", bits & 0xff);
}

std::string V6String(absl::uint128 bits) {
  if (absl::Uint128High64(bits) == 0 &&
      (absl::Uint128Low64(bits) >> 32) == 0xffff) {
    return absl::StrCat(
        "::ffff:", V4String(static_cast<uint32_t>(absl::Uint128Low64(bits))));
  }
  std::array<uint16_t, 8> groups{};
  for (int k = 7; k >= 0; --k) {
    groups[k] = static_cast<uint16_t>(absl::Uint128Low64(bits) & 0xffff);
    bits >>= 16;
  }
  // The longest run of two or more zero groups; the first one on a tie.
  int best_start = -1;
  int best_length = 1;
  for (int k = 0; k < 8;) {
    if (groups[k] != 0) {
      ++k;
      continue;
    }
    int end = k;
    while (end < 8 && groups[end] == 0) ++end;
    if (end - k > best_length) {
      best_start = k;
      best_length = end - k;
    }
    k = end;
  }
  std::string out;
  for (int k = 0; k < 8; ++k) {
    if (k == best_start) {
      out += "::";
      k += best_length - 1;
      continue;
    }
    if (!out.empty() && out.back() != ':') out += ':';
    absl::StrAppendFormat(&out, "%x", groups[k]);
  }
  return out;
}

}  // namespace

std::string_view FamilyName(Family family) {
  return family == Family::kIpv4 ? "IPv4" : "IPv6";
}

int AddressBits(Family family) { return family == Family::kIpv4 ? 32 : 128; }

IpAddress IpAddress::FromBits(Family family, absl::uint128 bits) {
  if (family == Family::kIpv4) bits &= 0xffffffffu;
  return IpAddress(family, bits);
}

IpAddress IpAddress::Max(Family family) {
  return FromBits(family, absl::Uint128Max());
}

absl::StatusOr<IpAddress> IpAddress::Parse(std::string_view text) {
  return ParseWithin(text, "IP address", text);
}

absl::StatusOr<IpAddress> IpAddress::ParseWithin(std::string_view text,
                                                 std::string_view what,
                                                 std::string_view whole) {
  std::optional<std::string> reason;
  IpAddress address;
  const size_t percent = text.find('%');
  if (percent != std::string_view::npos) {
    reason = absl::StrCat("zone index ",
                          internal::QuoteForMessage(text.substr(percent)),
                          " is not supported");
  } else if (text.find(':') != std::string_view::npos) {
    absl::uint128 bits = 0;
    reason = ParseV6(text, bits);
    address = V6(bits);
  } else {
    uint32_t bits = 0;
    reason = ParseV4(text, bits);
    address = V4(bits);
  }
  if (reason.has_value()) {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid ", internal::ToAbsl(what), " ",
                     internal::QuoteForMessage(whole), ": ", *reason));
  }
  return address;
}

std::optional<IpAddress> IpAddress::Next() const {
  if (*this == Max(family_)) return std::nullopt;
  return IpAddress(family_, bits_ + 1);
}

std::optional<IpAddress> IpAddress::Prev() const {
  if (bits_ == 0) return std::nullopt;
  return IpAddress(family_, bits_ - 1);
}

std::string IpAddress::ToString() const {
  if (is_v4())
    return V4String(static_cast<uint32_t>(absl::Uint128Low64(bits_)));
  return V6String(bits_);
}

}  // namespace polygraph::ip
