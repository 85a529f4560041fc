#include "polygraph/cidr.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "base/strings.h"

namespace polygraph::ip {
namespace {

// The host part of a /prefix network of `family`: the low bits that vary.
absl::uint128 HostMask(Family family, int prefix) {
  const int host_bits = AddressBits(family) - prefix;
  if (host_bits <= 0) return 0;
  if (host_bits >= 128) return absl::Uint128Max();
  return (absl::uint128(1) << host_bits) - 1;
}

int CountTrailingZeros(absl::uint128 v) {
  if (absl::Uint128Low64(v) != 0)
    return std::countr_zero(absl::Uint128Low64(v));
  if (absl::Uint128High64(v) != 0) {
    return 64 + std::countr_zero(absl::Uint128High64(v));
  }
  return 128;
}

// floor(log2(v)); REQUIRES: v != 0.
int FloorLog2(absl::uint128 v) {
  if (absl::Uint128High64(v) != 0) {
    return 127 - std::countl_zero(absl::Uint128High64(v));
  }
  return 63 - std::countl_zero(absl::Uint128Low64(v));
}

}  // namespace

absl::StatusOr<Cidr> Cidr::Parse(std::string_view text,
                                 const CidrParseOptions& options) {
  auto error = [&](std::string_view reason) {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid CIDR ", internal::QuoteForMessage(text), ": ",
                     absl::string_view(reason.data(), reason.size())));
  };
  const size_t slash = text.find('/');
  if (slash == std::string_view::npos) {
    absl::StatusOr<IpAddress> address = IpAddress::Parse(text);
    if (!address.ok()) return error("missing \"/\" and prefix length");
    return error(absl::StrCat("missing prefix length (did you mean ",
                              Host(*address).ToString(), "?)"));
  }
  absl::StatusOr<IpAddress> address =
      IpAddress::ParseWithin(text.substr(0, slash), "CIDR", text);
  if (!address.ok()) return address.status();
  const std::string_view digits = text.substr(slash + 1);
  if (digits.empty()) return error("missing prefix length after \"/\"");
  if (!std::all_of(digits.begin(), digits.end(),
                   [](char c) { return c >= '0' && c <= '9'; })) {
    return error(absl::StrCat("prefix length ",
                              internal::QuoteForMessage(digits),
                              " is not a decimal number"));
  }
  if (digits.size() > 1 && digits[0] == '0') {
    return error(absl::StrCat("prefix length ",
                              internal::QuoteForMessage(digits),
                              " has a leading zero"));
  }
  const int max = AddressBits(address->family());
  int prefix = 0;
  for (char c : digits) {
    prefix = prefix * 10 + (c - '0');
    if (prefix > max) {
      return error(absl::StrCat(
          "prefix length ", internal::QuoteForMessage(digits), " exceeds ", max,
          ", the ", internal::ToAbsl(FamilyName(address->family())),
          " maximum"));
    }
  }
  const absl::uint128 host = HostMask(address->family(), prefix);
  if ((address->bits() & host) != 0) {
    const Cidr masked = Containing(*address, prefix);
    if (!options.normalize_host_bits) {
      return error(absl::StrCat("host bits set (did you mean ",
                                masked.ToString(), "?)"));
    }
    return masked;
  }
  return Cidr(*address, prefix);
}

absl::StatusOr<Cidr> Cidr::Create(IpAddress network, int prefix_length) {
  const int max = AddressBits(network.family());
  if (prefix_length < 0 || prefix_length > max) {
    return absl::InvalidArgumentError(absl::StrCat(
        "invalid CIDR prefix length ", prefix_length, " for ",
        internal::ToAbsl(FamilyName(network.family())), " (0-", max, ")"));
  }
  if ((network.bits() & HostMask(network.family(), prefix_length)) != 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid CIDR ",
                     internal::QuoteForMessage(
                         absl::StrCat(network.ToString(), "/", prefix_length)),
                     ": host bits set (did you mean ",
                     Containing(network, prefix_length).ToString(), "?)"));
  }
  return Cidr(network, prefix_length);
}

Cidr Cidr::Containing(IpAddress address, int prefix_length) {
  const int prefix =
      std::clamp(prefix_length, 0, AddressBits(address.family()));
  const absl::uint128 host = HostMask(address.family(), prefix);
  return Cidr(IpAddress::FromBits(address.family(), address.bits() & ~host),
              prefix);
}

Cidr Cidr::Any(Family family) { return Cidr(IpAddress::Min(family), 0); }

Cidr Cidr::Host(IpAddress address) {
  return Cidr(address, AddressBits(address.family()));
}

std::vector<Cidr> Cidr::FromRange(IpAddress first, IpAddress last) {
  std::vector<Cidr> out;
  if (first.family() != last.family() || first > last) return out;
  const Family family = first.family();
  const int bits = AddressBits(family);
  absl::uint128 lo = first.bits();
  const absl::uint128 hi = last.bits();
  while (true) {
    const absl::uint128 span = hi - lo;  // count - 1
    int block_bits = 0;                  // log2 of the block's size
    if (span == absl::Uint128Max()) {
      block_bits = 128;
    } else {
      block_bits = std::min(CountTrailingZeros(lo), FloorLog2(span + 1));
    }
    block_bits = std::min(block_bits, bits);
    out.push_back(Cidr(IpAddress::FromBits(family, lo), bits - block_bits));
    const absl::uint128 block_last = lo + HostMask(family, bits - block_bits);
    if (block_last == hi) break;
    lo = block_last + 1;
  }
  return out;
}

IpAddress Cidr::last() const {
  return IpAddress::FromBits(
      family(), network_.bits() | HostMask(family(), prefix_length_));
}

absl::uint128 Cidr::size() const {
  const absl::uint128 host = HostMask(family(), prefix_length_);
  return host == absl::Uint128Max() ? host : host + 1;
}

bool Cidr::Contains(IpAddress address) const {
  return address.family() == family() && address >= first() &&
         address <= last();
}

bool Cidr::Contains(const Cidr& other) const {
  return other.family() == family() && other.prefix_length_ >= prefix_length_ &&
         Contains(other.network_);
}

bool Cidr::Overlaps(const Cidr& other) const {
  return Contains(other) || other.Contains(*this);
}

std::string Cidr::ToString() const {
  return absl::StrCat(network_.ToString(), "/", prefix_length_);
}

}  // namespace polygraph::ip
