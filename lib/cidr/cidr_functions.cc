// Terraform's CIDR functions. Terraform computes them with
// github.com/apparentlymart/go-cidr over big integers; here absl::uint128
// holds any address, so the arithmetic is exact for both families.

#include "polygraph/cidr_functions.h"

#include <algorithm>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "absl/numeric/int128.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "polygraph/cidr.h"
#include "polygraph/ip_address.h"

namespace polygraph::cidr {
namespace {

using ip::Cidr;
using ip::Family;
using ip::IpAddress;

std::string Decimal(absl::int128 value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

// The value with the low `bits` bits set; bits may be 0 to 128.
absl::uint128 LowBits(int bits) {
  if (bits <= 0) return 0;
  if (bits >= 128) return absl::Uint128Max();
  return (absl::uint128(1) << bits) - 1;
}

// True for an IPv6 address in ::ffff:0:0/96, which Go treats as IPv4.
bool IsV4Mapped(const IpAddress& address) {
  return address.is_v6() && (address.bits() >> 32) == 0xffff;
}

// Go's rendering (net.IP.String, net.IPNet.String): an IPv4-mapped address
// prints as IPv4, and a mapped network's mask keeps only its last 32 bits.
std::string GoString(const IpAddress& address) {
  if (!IsV4Mapped(address)) return address.ToString();
  return IpAddress::V4(static_cast<uint32_t>(address.bits())).ToString();
}

std::string GoString(const Cidr& network) {
  if (!IsV4Mapped(network.network())) return network.ToString();
  return absl::StrCat(
      IpAddress::V4(static_cast<uint32_t>(network.network().bits())).ToString(),
      "/", std::max(network.prefix_length() - 96, 0));
}

// `text` as Terraform's parser (a fork of Go's pre-1.17 net.ParseCIDR)
// reads it: IPv4 octets and the prefix length may carry leading zeros, read
// as decimal. Returns `text` with those zeros removed.
std::string StripLeadingZeros(std::string_view text) {
  size_t slash = text.rfind('/');
  if (slash == std::string_view::npos) return std::string(text);
  std::string_view address = text.substr(0, slash);
  std::string_view length = text.substr(slash + 1);
  auto strip = [](std::string_view digits) {
    if (digits.empty() ||
        !std::all_of(digits.begin(), digits.end(), absl::ascii_isdigit)) {
      return std::string(digits);
    }
    size_t first = digits.find_first_not_of('0');
    return first == std::string_view::npos ? std::string("0")
                                           : std::string(digits.substr(first));
  };
  std::string out;
  if (address.find('.') != std::string_view::npos) {
    size_t colon = address.rfind(':');
    size_t start = colon == std::string_view::npos ? 0 : colon + 1;
    out = std::string(address.substr(0, start));
    std::string_view quad = address.substr(start);
    bool first_part = true;
    while (true) {
      size_t dot = quad.find('.');
      if (!first_part) out += '.';
      first_part = false;
      out += strip(quad.substr(0, dot));
      if (dot == std::string_view::npos) break;
      quad = quad.substr(dot + 1);
    }
  } else {
    out = std::string(address);
  }
  return absl::StrCat(out, "/", strip(length));
}

absl::StatusOr<Cidr> ParseLikeTerraform(std::string_view text) {
  absl::StatusOr<Cidr> parsed =
      Cidr::Parse(StripLeadingZeros(text), {.normalize_host_bits = true});
  if (!parsed.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid CIDR expression: invalid CIDR address: ",
                     internal::ToAbsl(text)));
  }
  return parsed;
}

}  // namespace

absl::StatusOr<Cidr> CidrSubnet(const Cidr& prefix, int newbits,
                                absl::int128 netnum) {
  const int width = ip::AddressBits(prefix.family());
  const int parent = prefix.prefix_length();
  if (newbits < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("newbits must not be negative, got ", newbits));
  }
  if (static_cast<int64_t>(parent) + newbits > width) {
    return absl::InvalidArgumentError(
        absl::StrCat("insufficient address space to extend prefix of ", parent,
                     " by ", newbits));
  }
  // netnum < 2^newbits; an int128 is always below 2^127.
  if (netnum < 0 || (newbits < 127 && netnum >= (absl::int128(1) << newbits))) {
    return absl::InvalidArgumentError(absl::StrCat(
        "prefix extension of ", newbits,
        " does not accommodate a subnet numbered ", Decimal(netnum)));
  }
  const int length = parent + newbits;
  const int shift = width - length;
  absl::uint128 bits = prefix.network().bits();
  if (shift < 128) bits |= static_cast<absl::uint128>(netnum) << shift;
  return Cidr::Create(IpAddress::FromBits(prefix.family(), bits), length);
}

absl::StatusOr<std::vector<Cidr>> CidrSubnets(const Cidr& prefix,
                                              const std::vector<int>& newbits) {
  const Family family = prefix.family();
  const int width = ip::AddressBits(family);
  const absl::uint128 all = LowBits(width);
  std::vector<Cidr> subnets;
  subnets.reserve(newbits.size());
  Cidr current;
  for (size_t i = 0; i < newbits.size(); ++i) {
    if (newbits[i] < 1) {
      return absl::InvalidArgumentError(
          "must extend prefix by at least one bit");
    }
    // Terraform's limit, kept for portability to 32-bit subnet numbers.
    if (newbits[i] > 32) {
      return absl::InvalidArgumentError(
          "may not extend prefix by more than 32 bits");
    }
    const int length = prefix.prefix_length() + newbits[i];
    if (length > width) {
      return absl::InvalidArgumentError(absl::StrCat(
          "would extend prefix to ", length, " bits, which is too long for an ",
          internal::ToAbsl(ip::FamilyName(family)), " address"));
    }
    if (i == 0) {
      // Start from the subnet just below the prefix, wrapping at zero.
      current = Cidr::Containing(
          IpAddress::FromBits(family, (prefix.network().bits() - 1) & all),
          length);
    }
    // The next subnet of `length` bits after the one of that size holding
    // the current subnet's last address. Like go-cidr, reaching address zero
    // counts as running out, even at the start of ::/n or 0.0.0.0/n.
    const Cidr holding = Cidr::Containing(current.last(), length);
    const absl::uint128 after = (holding.last().bits() + 1) & all;
    const Cidr next =
        Cidr::Containing(IpAddress::FromBits(family, after), length);
    if (after == 0 || !prefix.Contains(next.network())) {
      return absl::InvalidArgumentError(absl::StrCat(
          "not enough remaining address space for a subnet with a prefix of ",
          length, " bits after ", GoString(current)));
    }
    current = next;
    subnets.push_back(current);
  }
  return subnets;
}

absl::StatusOr<IpAddress> CidrHost(const Cidr& prefix, int64_t hostnum) {
  const int width = ip::AddressBits(prefix.family());
  const absl::uint128 max_host = LowBits(width - prefix.prefix_length());
  absl::uint128 number;
  if (hostnum >= 0) {
    number = static_cast<absl::uint128>(static_cast<uint64_t>(hostnum));
    if (number > max_host) {
      return absl::InvalidArgumentError(
          absl::StrCat("prefix of ", prefix.prefix_length(),
                       " does not accommodate a host numbered ", hostnum));
    }
  } else {
    // -1 is the last address: count back (-hostnum - 1) from max_host.
    const absl::uint128 back = static_cast<uint64_t>(-(hostnum + 1));
    if (back > max_host) {
      // go-cidr reports the adjusted number, max_host - back (negative).
      return absl::InvalidArgumentError(
          absl::StrCat("prefix of ", prefix.prefix_length(),
                       " does not accommodate a host numbered ",
                       Decimal(static_cast<absl::int128>(max_host) -
                               static_cast<absl::int128>(back))));
    }
    number = max_host - back;
  }
  return IpAddress::FromBits(prefix.family(), prefix.network().bits() | number);
}

absl::StatusOr<std::string> CidrNetmask(const Cidr& prefix) {
  if (prefix.family() != Family::kIpv4) {
    return absl::InvalidArgumentError(absl::StrCat(
        "IPv6 addresses cannot have a netmask: ", prefix.ToString()));
  }
  const absl::uint128 mask =
      LowBits(32) & ~LowBits(32 - prefix.prefix_length());
  return IpAddress::V4(static_cast<uint32_t>(mask)).ToString();
}

absl::StatusOr<std::string> CidrSubnet(std::string_view prefix, int newbits,
                                       absl::int128 netnum) {
  absl::StatusOr<Cidr> network = ParseLikeTerraform(prefix);
  if (!network.ok()) return network.status();
  absl::StatusOr<Cidr> subnet = CidrSubnet(*network, newbits, netnum);
  if (!subnet.ok()) return subnet.status();
  return GoString(*subnet);
}

absl::StatusOr<std::vector<std::string>> CidrSubnets(
    std::string_view prefix, const std::vector<int>& newbits) {
  absl::StatusOr<Cidr> network = ParseLikeTerraform(prefix);
  if (!network.ok()) return network.status();
  absl::StatusOr<std::vector<Cidr>> subnets = CidrSubnets(*network, newbits);
  if (!subnets.ok()) return subnets.status();
  std::vector<std::string> out;
  out.reserve(subnets->size());
  for (const Cidr& subnet : *subnets) out.push_back(GoString(subnet));
  return out;
}

absl::StatusOr<std::string> CidrHost(std::string_view prefix, int64_t hostnum) {
  absl::StatusOr<Cidr> network = ParseLikeTerraform(prefix);
  if (!network.ok()) return network.status();
  absl::StatusOr<IpAddress> host = CidrHost(*network, hostnum);
  if (!host.ok()) return host.status();
  return GoString(*host);
}

absl::StatusOr<std::string> CidrNetmask(std::string_view prefix) {
  absl::StatusOr<Cidr> network = ParseLikeTerraform(prefix);
  if (!network.ok()) return network.status();
  // Go keeps the 128-bit mask of an IPv4-mapped network, printed as IPv6.
  if (IsV4Mapped(network->network())) {
    return IpAddress::V6(~LowBits(128 - network->prefix_length())).ToString();
  }
  if (network->family() != Family::kIpv4) {
    return absl::InvalidArgumentError(absl::StrCat(
        "IPv6 addresses cannot have a netmask: ", internal::ToAbsl(prefix)));
  }
  return CidrNetmask(*network);
}

}  // namespace polygraph::cidr
