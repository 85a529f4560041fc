#ifndef POLYGRAPH_ADDRESS_SET_H_
#define POLYGRAPH_ADDRESS_SET_H_

// AddressSet: an exact set of IP addresses, kept per family as sorted,
// disjoint, non-adjacent intervals, so that algebra costs time linear in the
// number of intervals and never in the number of addresses.
//
//   AddressSet s = AddressSet::Of(*Cidr::Parse("10.0.0.0/8"));
//   s = s.Subtract(AddressSet::Of(*Cidr::Parse("10.1.0.0/16")));
//   s.ToString();  // "10.0.0.0/16, 10.2.0.0/15, 10.4.0.0/14, ..."
//
// IPv4 and IPv6 addresses are kept apart and never mix: an IPv4-mapped IPv6
// address is an IPv6 address. Operations apply to both families at once.

#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/numeric/int128.h"
#include "absl/status/statusor.h"
#include "polygraph/cidr.h"
#include "polygraph/ip_address.h"

namespace polygraph::ip {

// Thread safety: value type; thread-compatible. Copyable (copies the
// intervals; cost linear in their number) and cheaply movable.
//
// Any set of addresses of both families (see the file comment).
class AddressSet {
 public:
  // The empty set.
  AddressSet() = default;
  AddressSet(const AddressSet&) = default;
  AddressSet& operator=(const AddressSet&) = default;
  AddressSet(AddressSet&&) = default;
  AddressSet& operator=(AddressSet&&) = default;

  static AddressSet None() { return AddressSet(); }
  // Every IPv4 and every IPv6 address.
  static AddressSet All();
  // Every address of one family.
  static AddressSet All(Family family);
  static AddressSet Of(const Cidr& cidr);
  static AddressSet Of(const std::vector<Cidr>& cidrs);
  // Parses a comma-separated list of CIDRs ("10.0.0.0/8, ::/0"); "" is the
  // empty set. Errors: those of Cidr::Parse, or InvalidArgument for an empty
  // item.
  static absl::StatusOr<AddressSet> Parse(std::string_view text,
                                          const CidrParseOptions& options = {});

  void Add(const Cidr& cidr);
  void Add(IpAddress address) { Add(address, address); }
  // Adds [first, last]. REQUIRES: same family and first <= last; otherwise
  // adds nothing.
  void Add(IpAddress first, IpAddress last);
  void Add(const AddressSet& other);

  AddressSet Union(const AddressSet& other) const;
  AddressSet Intersect(const AddressSet& other) const;
  AddressSet Subtract(const AddressSet& other) const;
  // Every address, of either family, not in this set.
  AddressSet Complement() const { return All().Subtract(*this); }
  // Every address of `family` not in this set (the other family is empty).
  AddressSet Complement(Family family) const {
    return All(family).Subtract(*this);
  }
  // The part of this set in `family`.
  AddressSet Only(Family family) const;

  bool empty() const { return v4_.empty() && v6_.empty(); }
  bool empty(Family family) const { return List(family).empty(); }
  // True if the set holds every address of `family`.
  bool IsAll(Family family) const;
  // The number of addresses of `family`. Exact, except that the whole IPv6
  // space (2^128 addresses, one more than absl::uint128 holds) saturates to
  // absl::Uint128Max(); IsAll(Family::kIpv6) tells the two apart.
  absl::uint128 size(Family family) const;

  bool Contains(IpAddress address) const;
  bool Contains(const Cidr& cidr) const;
  // Subset test: every address of `other` is in this set.
  bool Contains(const AddressSet& other) const;
  bool Overlaps(const AddressSet& other) const;

  // The fewest CIDRs whose union is this set: IPv4 first, each family in
  // address order.
  std::vector<Cidr> ToCidrs() const;
  // The maximal intervals [first, last]: IPv4 first, in address order.
  std::vector<std::pair<IpAddress, IpAddress>> Ranges() const;
  size_t interval_count() const { return v4_.size() + v6_.size(); }
  // ToCidrs() joined by ", " ("10.0.0.0/8, 192.168.1.0/24"); "" when empty.
  std::string ToString() const;

  friend bool operator==(const AddressSet& a, const AddressSet& b) {
    return a.v4_ == b.v4_ && a.v6_ == b.v6_;
  }
  template <typename H>
  friend H AbslHashValue(H h, const AddressSet& s) {
    for (const Interval& i : s.v4_)
      h = H::combine(std::move(h), i.first, i.last);
    h = H::combine(std::move(h), s.v4_.size());
    for (const Interval& i : s.v6_)
      h = H::combine(std::move(h), i.first, i.last);
    return H::combine(std::move(h), s.v6_.size());
  }
  friend std::ostream& operator<<(std::ostream& os, const AddressSet& s) {
    return os << "{" << s.ToString() << "}";
  }

 private:
  struct Interval {
    absl::uint128 first;
    absl::uint128 last;
    friend bool operator==(const Interval&, const Interval&) = default;
  };
  using IntervalList = std::vector<Interval>;

  const IntervalList& List(Family family) const {
    return family == Family::kIpv4 ? v4_ : v6_;
  }
  IntervalList& List(Family family) {
    return family == Family::kIpv4 ? v4_ : v6_;
  }

  // Sorted, disjoint, non-adjacent: a.last + 1 < b.first for neighbours.
  IntervalList v4_;
  IntervalList v6_;
};

}  // namespace polygraph::ip

#endif  // POLYGRAPH_ADDRESS_SET_H_
