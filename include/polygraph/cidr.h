#ifndef POLYGRAPH_CIDR_H_
#define POLYGRAPH_CIDR_H_

// Cidr: an IPv4 or IPv6 network written "address/prefix-length".
//
//   absl::StatusOr<ip::Cidr> net = ip::Cidr::Parse("10.0.0.0/8");
//   net->Contains(*ip::IpAddress::Parse("10.1.2.3"));  // true
//   ip::Cidr::Parse("10.0.0.1/8");  // error: host bits set
//   ip::Cidr::Parse("10.0.0.1/8", {.normalize_host_bits = true}); // 10.0.0.0/8

#include <compare>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "absl/numeric/int128.h"
#include "absl/status/statusor.h"
#include "polygraph/ip_address.h"

namespace polygraph::ip {

// Per-call options of Cidr::Parse.
struct CidrParseOptions {
  // Accept an address with host bits set ("10.0.0.1/8") and clear them
  // (10.0.0.0/8). Default false: such text is an error, because it usually
  // means a typo or a misunderstanding of the network's extent. No cost.
  bool normalize_host_bits = false;
};

// Thread safety: value type; thread-compatible. Copyable (cheap, ~20 bytes).
//
// A network: an address whose host bits are zero, and a prefix length.
class Cidr {
 public:
  // 0.0.0.0/32: a single address, so that a forgotten Cidr never grants
  // everything.
  Cidr() = default;
  Cidr(const Cidr&) = default;
  Cidr& operator=(const Cidr&) = default;

  // Parses "address/prefix" strictly: the address as IpAddress::Parse does,
  // the prefix a decimal number without a leading zero, at most 32 (IPv4) or
  // 128 (IPv6), and no host bits set unless options.normalize_host_bits.
  // Errors: InvalidArgument, one line naming the text and the reason, e.g.
  // `invalid CIDR "10.0.0.1/8": host bits set (did you mean 10.0.0.0/8?)`.
  static absl::StatusOr<Cidr> Parse(std::string_view text,
                                    const CidrParseOptions& options = {});
  // The network `network`/`prefix_length`. Errors: InvalidArgument when the
  // prefix length is out of range or `network` has host bits set.
  static absl::StatusOr<Cidr> Create(IpAddress network, int prefix_length);
  // The network of `prefix_length` bits (clamped to the family's range)
  // that contains `address`.
  static Cidr Containing(IpAddress address, int prefix_length);
  // 0.0.0.0/0 or ::/0.
  static Cidr Any(Family family);
  // The single-address network: /32 or /128.
  static Cidr Host(IpAddress address);
  // The fewest CIDRs whose union is exactly [first, last], in address
  // order. Empty when the families differ or first > last.
  static std::vector<Cidr> FromRange(IpAddress first, IpAddress last);

  Family family() const { return network_.family(); }
  IpAddress network() const { return network_; }
  int prefix_length() const { return prefix_length_; }
  // The lowest and highest address in the network.
  IpAddress first() const { return network_; }
  IpAddress last() const;
  // The number of addresses. ::/0 holds 2^128 addresses, one more than
  // absl::uint128 holds: for it alone size() saturates to absl::Uint128Max().
  absl::uint128 size() const;

  // False across families: 10.0.0.0/8 does not contain ::ffff:10.0.0.1.
  bool Contains(IpAddress address) const;
  bool Contains(const Cidr& other) const;
  bool Overlaps(const Cidr& other) const;

  // "10.0.0.0/8", "2001:db8::/32" (the address in canonical form).
  std::string ToString() const;

  // Ordered by network address, then by prefix length.
  friend bool operator==(const Cidr& a, const Cidr& b) {
    return a.network_ == b.network_ && a.prefix_length_ == b.prefix_length_;
  }
  friend std::strong_ordering operator<=>(const Cidr& a, const Cidr& b) {
    if (auto order = a.network_ <=> b.network_; order != 0) return order;
    return a.prefix_length_ <=> b.prefix_length_;
  }
  template <typename H>
  friend H AbslHashValue(H h, const Cidr& c) {
    return H::combine(std::move(h), c.network_, c.prefix_length_);
  }
  friend std::ostream& operator<<(std::ostream& os, const Cidr& c) {
    return os << c.ToString();
  }

 private:
  Cidr(IpAddress network, int prefix_length)
      : network_(network), prefix_length_(prefix_length) {}

  IpAddress network_;
  int prefix_length_ = 32;
};

}  // namespace polygraph::ip

#endif  // POLYGRAPH_CIDR_H_
