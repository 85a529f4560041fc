#ifndef POLYGRAPH_PACKET_SET_H_
#define POLYGRAPH_PACKET_SET_H_

// Protocol, ProtocolSet and PacketSet: exact sets of packets described by
// (protocol, source address, destination address, destination port), as a
// security group rule or a network ACL entry describes them.
//
//   PacketSet allowed = PacketSet::Of(*ParseProtocol("tcp"),
//                                     *AddressSet::Parse("0.0.0.0/0"),
//                                     AddressSet::All(),
//                                     *PortSet::Parse("22"));
//   allowed.Contains(Protocol::Tcp(), src, dst, /*port=*/22);
//
// A PacketSet is a union of boxes; algebra is exact and never enumerates
// packets. Two rules of the model:
// - Ports exist only for tcp and udp. A box holding any other protocol
//   holds every port value for it, and Contains() ignores the port of such a
//   packet (ICMP type and code are not modelled).
// - A packet's source and destination are of one family, so a PacketSet
//   never holds an IPv4-to-IPv6 packet: Of(all, 0.0.0.0/0, ::/0, ...) is
//   empty.

#include <array>
#include <cstdint>
#include <initializer_list>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "polygraph/address_set.h"
#include "polygraph/ip_address.h"
#include "polygraph/port_range.h"

namespace polygraph::ip {

// Thread safety: value type; thread-compatible. Copyable (1 byte).
//
// An IP protocol number 0..255 (IPv4 Protocol / IPv6 Next Header).
class Protocol {
 public:
  constexpr explicit Protocol(uint8_t number) : number_(number) {}
  constexpr Protocol(const Protocol&) = default;
  constexpr Protocol& operator=(const Protocol&) = default;
  static constexpr Protocol Icmp() { return Protocol(1); }
  static constexpr Protocol Tcp() { return Protocol(6); }
  static constexpr Protocol Udp() { return Protocol(17); }
  static constexpr Protocol Icmpv6() { return Protocol(58); }

  int number() const { return number_; }
  // True for tcp and udp, the protocols whose packets carry ports here.
  bool has_ports() const { return number_ == 6 || number_ == 17; }
  // "tcp", "udp", "icmp", "icmpv6", or the decimal number ("47").
  std::string Name() const;

  friend bool operator==(Protocol, Protocol) = default;
  friend auto operator<=>(Protocol, Protocol) = default;
  friend std::ostream& operator<<(std::ostream& os, Protocol p) {
    return os << p.Name();
  }

 private:
  uint8_t number_;
};

// Thread safety: value type; thread-compatible. Copyable (32 bytes).
//
// A set of IP protocol numbers.
class ProtocolSet {
 public:
  // The empty set.
  ProtocolSet() = default;
  ProtocolSet(const ProtocolSet&) = default;
  ProtocolSet& operator=(const ProtocolSet&) = default;
  static ProtocolSet None() { return ProtocolSet(); }
  static ProtocolSet All();
  static ProtocolSet Of(std::initializer_list<Protocol> protocols);

  void Add(Protocol protocol);
  ProtocolSet Union(const ProtocolSet& other) const;
  ProtocolSet Intersect(const ProtocolSet& other) const;
  ProtocolSet Subtract(const ProtocolSet& other) const;

  bool empty() const;
  bool is_all() const;
  int size() const;
  bool Contains(Protocol protocol) const;
  bool Contains(const ProtocolSet& other) const;  // subset test
  bool Overlaps(const ProtocolSet& other) const;
  std::vector<Protocol> protocols() const;  // ascending
  // "all", or names joined by ", " in ascending number ("tcp, udp, 47").
  std::string ToString() const;

  friend bool operator==(const ProtocolSet&, const ProtocolSet&) = default;
  template <typename H>
  friend H AbslHashValue(H h, const ProtocolSet& s) {
    return H::combine(std::move(h), s.words_[0], s.words_[1], s.words_[2],
                      s.words_[3]);
  }
  friend std::ostream& operator<<(std::ostream& os, const ProtocolSet& s) {
    return os << "{" << s.ToString() << "}";
  }

 private:
  std::array<uint64_t, 4> words_{};
};

// Parses a protocol as AWS writes it: a name in any case ("tcp", "UDP",
// "icmp", "icmpv6"), a number 0-255 ("6") or every protocol ("-1", "all").
// Errors: InvalidArgument naming the text.
absl::StatusOr<ProtocolSet> ParseProtocol(std::string_view text);

// Thread safety: value type; thread-compatible. Copyable (copies every box)
// and cheaply movable.
//
// An exact set of packets: a union of boxes (see the file comment).
class PacketSet {
 public:
  // Every packet with a protocol in `protocols`, a source in `sources`, a
  // destination in `destinations` and, for tcp and udp, a destination port
  // in `ports`.
  struct Box {
    ProtocolSet protocols;
    AddressSet sources;
    AddressSet destinations;
    PortSet ports;  // PortSet::All() whenever `protocols` has a portless one
  };

  // The empty set.
  PacketSet() = default;
  PacketSet(const PacketSet&) = default;
  PacketSet& operator=(const PacketSet&) = default;
  PacketSet(PacketSet&&) = default;
  PacketSet& operator=(PacketSet&&) = default;

  static PacketSet None() { return PacketSet(); }
  static PacketSet All();
  static PacketSet Of(const ProtocolSet& protocols, const AddressSet& sources,
                      const AddressSet& destinations, const PortSet& ports);

  // The union of `boxes` (any boxes), merged once: faster than Add for
  // many boxes.
  static PacketSet FromBoxes(const std::vector<Box>& boxes);

  void Add(const ProtocolSet& protocols, const AddressSet& sources,
           const AddressSet& destinations, const PortSet& ports);
  void Add(const PacketSet& other);

  // Results are exact; their boxes are merged where boxes differ in one
  // dimension only, and boxes inside another box are dropped.
  PacketSet Union(const PacketSet& other) const;
  PacketSet Intersect(const PacketSet& other) const;
  PacketSet Subtract(const PacketSet& other) const;

  bool empty() const { return boxes_.empty(); }
  // `port` is ignored unless `protocol` has ports.
  bool Contains(Protocol protocol, IpAddress source, IpAddress destination,
                int port) const;
  bool IsSubsetOf(const PacketSet& other) const;
  bool Overlaps(const PacketSet& other) const;

  // Non-empty boxes, each of one address family; they may overlap.
  const std::vector<Box>& boxes() const { return boxes_; }
  // Boxes in sorted order joined by "; ", each as
  // "tcp, udp ports 22, 80-443 from 10.0.0.0/8 to 0.0.0.0/0" (no "ports"
  // part when every port is included); "" when empty.
  std::string ToString() const;

  // Set equality (mutual inclusion), not equality of boxes.
  friend bool operator==(const PacketSet& a, const PacketSet& b) {
    return a.IsSubsetOf(b) && b.IsSubsetOf(a);
  }
  friend std::ostream& operator<<(std::ostream& os, const PacketSet& s) {
    return os << "{" << s.ToString() << "}";
  }

 private:
  std::vector<Box> boxes_;
};

}  // namespace polygraph::ip

#endif  // POLYGRAPH_PACKET_SET_H_
