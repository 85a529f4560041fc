#ifndef POLYGRAPH_IP_ADDRESS_H_
#define POLYGRAPH_IP_ADDRESS_H_

// IpAddress: one IPv4 or IPv6 address, parsed strictly.
//
//   absl::StatusOr<ip::IpAddress> a = ip::IpAddress::Parse("2001:DB8::0:1");
//   a->ToString();  // "2001:db8::1" (RFC 5952 canonical form)
//
// IPv4 and IPv6 never mix: an IPv4-mapped IPv6 address such as
// "::ffff:10.0.0.1" is an IPv6 address, distinct from "10.0.0.1".

#include <compare>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "absl/numeric/int128.h"
#include "absl/status/statusor.h"

namespace polygraph::ip {

enum class Family : uint8_t { kIpv4, kIpv6 };

// "IPv4" or "IPv6".
std::string_view FamilyName(Family family);
// Number of bits in an address of `family`: 32 or 128.
int AddressBits(Family family);

// Thread safety: value type; thread-compatible. Copyable and movable (16
// bytes plus a tag; copies are cheap).
//
// One IPv4 or IPv6 address.
class IpAddress {
 public:
  // 0.0.0.0.
  constexpr IpAddress() = default;
  IpAddress(const IpAddress&) = default;
  IpAddress& operator=(const IpAddress&) = default;

  static IpAddress V4(uint32_t bits) { return IpAddress(Family::kIpv4, bits); }
  static IpAddress V6(absl::uint128 bits) {
    return IpAddress(Family::kIpv6, bits);
  }
  // An address of `family` with the given value; bits above the family's
  // width are dropped.
  static IpAddress FromBits(Family family, absl::uint128 bits);
  // The lowest (all zeros) and highest (all ones) address of `family`.
  static IpAddress Min(Family family) { return FromBits(family, 0); }
  static IpAddress Max(Family family);

  // Parses dotted-quad IPv4 ("192.0.2.1") or any RFC 4291 IPv6 text form:
  // full, "::"-compressed, with a trailing dotted quad ("::ffff:1.2.3.4"),
  // hex digits in either case. Strict: no whitespace, no IPv4 octet with a
  // leading zero ("010.0.0.1") or above 255, no empty parts, no zone index
  // ("fe80::1%eth0"). Errors: InvalidArgument, one line, naming the text and
  // the reason, e.g. `invalid IP address "300.1.1.1": octet 300 is out of
  // range (0-255)`.
  static absl::StatusOr<IpAddress> Parse(std::string_view text);

  Family family() const { return family_; }
  bool is_v4() const { return family_ == Family::kIpv4; }
  bool is_v6() const { return family_ == Family::kIpv6; }
  // The address as an unsigned integer (an IPv4 address uses the low 32).
  absl::uint128 bits() const { return bits_; }

  // The following / preceding address of the same family, or nullopt at the
  // end of the address space.
  std::optional<IpAddress> Next() const;
  std::optional<IpAddress> Prev() const;

  // Dotted quad for IPv4. For IPv6 the RFC 5952 form: lowercase, no leading
  // zeros, the longest run (first on a tie) of two or more zero groups as
  // "::", and IPv4-mapped addresses as "::ffff:a.b.c.d".
  std::string ToString() const;

  // Every IPv4 address orders before every IPv6 address.
  friend bool operator==(const IpAddress& a, const IpAddress& b) {
    return a.family_ == b.family_ && a.bits_ == b.bits_;
  }
  friend std::strong_ordering operator<=>(const IpAddress& a,
                                          const IpAddress& b) {
    if (a.family_ != b.family_) return a.family_ <=> b.family_;
    if (a.bits_ == b.bits_) return std::strong_ordering::equal;
    return a.bits_ < b.bits_ ? std::strong_ordering::less
                             : std::strong_ordering::greater;
  }
  template <typename H>
  friend H AbslHashValue(H h, const IpAddress& a) {
    return H::combine(std::move(h), a.family_, a.bits_);
  }
  friend std::ostream& operator<<(std::ostream& os, const IpAddress& a) {
    return os << a.ToString();
  }

 private:
  friend class Cidr;

  constexpr IpAddress(Family family, absl::uint128 bits)
      : family_(family), bits_(bits) {}

  // Parse() with errors worded `invalid <what> "<whole>": reason`, so that a
  // CIDR error names the whole CIDR text.
  static absl::StatusOr<IpAddress> ParseWithin(std::string_view text,
                                               std::string_view what,
                                               std::string_view whole);

  Family family_ = Family::kIpv4;
  absl::uint128 bits_ = 0;
};

}  // namespace polygraph::ip

#endif  // POLYGRAPH_IP_ADDRESS_H_
