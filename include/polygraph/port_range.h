#ifndef POLYGRAPH_PORT_RANGE_H_
#define POLYGRAPH_PORT_RANGE_H_

// PortRange: an inclusive range of TCP/UDP ports (0-65535). PortSet: any set
// of ports, kept as sorted, disjoint, non-adjacent ranges.
//
//   absl::StatusOr<ip::PortSet> s = ip::PortSet::Parse("22, 80-443");
//   s->Subtract(ip::PortSet::Of(ip::PortRange::Single(100))).ToString();
//   // "22, 80-99, 101-443"

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace polygraph::ip {

inline constexpr int kMaxPort = 65535;

// Thread safety: value type; thread-compatible. Copyable (8 bytes).
//
// Ports first..last inclusive, 0 <= first <= last <= 65535.
class PortRange {
 public:
  // 0-65535.
  constexpr PortRange() = default;
  PortRange(const PortRange&) = default;
  PortRange& operator=(const PortRange&) = default;

  // Parses "443", "1024-65535" or "*" (every port). Strict: decimal numbers
  // without sign, whitespace or leading zero, at most 65535, first <= last.
  // Errors: InvalidArgument, e.g. `invalid port range "443-80": 443 > 80`.
  static absl::StatusOr<PortRange> Parse(std::string_view text);
  // [first, last]. Errors: InvalidArgument when out of 0..65535 or reversed.
  static absl::StatusOr<PortRange> Create(int first, int last);
  // A single port. REQUIRES: 0 <= port <= 65535 (clamped otherwise).
  static PortRange Single(int port);
  static constexpr PortRange All() { return PortRange(); }

  int first() const { return first_; }
  int last() const { return last_; }
  // Number of ports, 1..65536.
  int size() const { return last_ - first_ + 1; }
  bool is_all() const { return first_ == 0 && last_ == kMaxPort; }

  bool Contains(int port) const { return port >= first_ && port <= last_; }
  bool Contains(const PortRange& other) const {
    return other.first_ >= first_ && other.last_ <= last_;
  }
  bool Overlaps(const PortRange& other) const {
    return other.first_ <= last_ && first_ <= other.last_;
  }

  // "443" or "1024-65535" ("0-65535" for every port).
  std::string ToString() const;

  friend bool operator==(const PortRange&, const PortRange&) = default;
  friend auto operator<=>(const PortRange&, const PortRange&) = default;
  friend std::ostream& operator<<(std::ostream& os, const PortRange& r) {
    return os << r.ToString();
  }

 private:
  friend class PortSet;
  constexpr PortRange(int first, int last) : first_(first), last_(last) {}

  int first_ = 0;
  int last_ = kMaxPort;
};

// Thread safety: value type; thread-compatible. Copyable (a vector).
//
// Any set of ports, as sorted, disjoint, non-adjacent ranges.
class PortSet {
 public:
  // The empty set.
  PortSet() = default;
  PortSet(const PortSet&) = default;
  PortSet& operator=(const PortSet&) = default;
  PortSet(PortSet&&) = default;
  PortSet& operator=(PortSet&&) = default;

  static PortSet None() { return PortSet(); }
  static PortSet All() { return Of(PortRange::All()); }
  static PortSet Of(PortRange range);
  // Parses a comma-separated list of PortRange texts; spaces around commas
  // are allowed. "" is the empty set. Errors: those of PortRange::Parse, or
  // InvalidArgument for an empty item ("22,,80").
  static absl::StatusOr<PortSet> Parse(std::string_view text);

  void Add(PortRange range);
  void Add(const PortSet& other);

  PortSet Union(const PortSet& other) const;
  PortSet Intersect(const PortSet& other) const;
  PortSet Subtract(const PortSet& other) const;
  PortSet Complement() const { return All().Subtract(*this); }

  bool empty() const { return ranges_.empty(); }
  bool is_all() const { return ranges_.size() == 1 && ranges_[0].is_all(); }
  // Number of ports, 0..65536.
  int size() const;
  bool Contains(int port) const;
  bool Contains(PortRange range) const;
  // Subset test: every port of `other` is in this set.
  bool Contains(const PortSet& other) const;
  bool Overlaps(const PortSet& other) const;

  // Sorted, disjoint, non-adjacent ranges.
  const std::vector<PortRange>& ranges() const { return ranges_; }
  // "22, 80-443"; "" for the empty set.
  std::string ToString() const;

  friend bool operator==(const PortSet&, const PortSet&) = default;
  template <typename H>
  friend H AbslHashValue(H h, const PortSet& s) {
    for (const PortRange& r : s.ranges_) {
      h = H::combine(std::move(h), r.first(), r.last());
    }
    return H::combine(std::move(h), s.ranges_.size());
  }
  friend std::ostream& operator<<(std::ostream& os, const PortSet& s) {
    return os << "{" << s.ToString() << "}";
  }

 private:
  std::vector<PortRange> ranges_;
};

}  // namespace polygraph::ip

#endif  // POLYGRAPH_PORT_RANGE_H_
