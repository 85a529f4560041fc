#include "polygraph/address_set.h"

#include <algorithm>
#include <iterator>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "base/strings.h"

namespace polygraph::ip {
namespace {

// The interval algebra below works on any sorted, disjoint, non-adjacent
// vector of {first, last} intervals over absl::uint128 (the list type is a
// template parameter because AddressSet::Interval is private).

bool FirstLess(const auto& x, const auto& y) { return x.first < y.first; }

// Merges the overlapping or adjacent intervals of `list`, sorted by first.
template <typename List>
List Coalesced(const List& list) {
  List out;
  out.reserve(list.size());
  for (const auto& r : list) {
    // `first - 1` cannot underflow: first == 0 is tested first.
    if (!out.empty() && (r.first == 0 || r.first - 1 <= out.back().last)) {
      out.back().last = std::max(out.back().last, r.last);
    } else {
      out.push_back(r);
    }
  }
  return out;
}

template <typename List>
List UnionOf(const List& a, const List& b) {
  if (b.empty()) return a;
  if (a.empty()) return b;
  List all;
  all.reserve(a.size() + b.size());
  std::merge(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(all),
             [](const auto& x, const auto& y) { return FirstLess(x, y); });
  return Coalesced(all);
}

// Inserts [lo, hi] into `list` in place: a binary search, then one merge
// of the intervals it overlaps or touches.
template <typename List>
void InsertInto(List& list, absl::uint128 lo, absl::uint128 hi) {
  // The first interval that ends at or after lo - 1.
  auto begin = std::lower_bound(list.begin(), list.end(), lo,
                                [](const auto& r, absl::uint128 value) {
                                  return r.last < value && r.last + 1 < value;
                                });
  auto end = begin;
  while (end != list.end() && (end->first == 0 || end->first - 1 <= hi)) {
    ++end;
  }
  if (begin == end) {
    list.insert(begin, {lo, hi});
    return;
  }
  begin->first = std::min(begin->first, lo);
  begin->last = std::max((end - 1)->last, hi);
  list.erase(begin + 1, end);
}

template <typename List>
List IntersectionOf(const List& a, const List& b) {
  List out;
  size_t i = 0;
  size_t j = 0;
  while (i < a.size() && j < b.size()) {
    const absl::uint128 lo = std::max(a[i].first, b[j].first);
    const absl::uint128 hi = std::min(a[i].last, b[j].last);
    if (lo <= hi) out.push_back({lo, hi});
    if (a[i].last < b[j].last) {
      ++i;
    } else {
      ++j;
    }
  }
  return out;
}

template <typename List>
List DifferenceOf(const List& a, const List& b) {
  List out;
  size_t j = 0;
  for (const auto& r : a) {
    absl::uint128 lo = r.first;
    while (j < b.size() && b[j].last < lo) ++j;
    bool covered_to_end = false;
    for (size_t k = j; k < b.size() && b[k].first <= r.last; ++k) {
      if (b[k].first > lo) out.push_back({lo, b[k].first - 1});
      if (b[k].last >= r.last) {
        covered_to_end = true;
        break;
      }
      lo = b[k].last + 1;  // b[k].last < r.last: no overflow
    }
    if (!covered_to_end) out.push_back({lo, r.last});
  }
  return out;
}

// True if the interval [lo, hi] lies inside one interval of `list`.
template <typename List>
bool Covers(const List& list, absl::uint128 lo, absl::uint128 hi) {
  auto it = std::lower_bound(
      list.begin(), list.end(), lo,
      [](const auto& r, absl::uint128 value) { return r.last < value; });
  return it != list.end() && it->first <= lo && hi <= it->last;
}

}  // namespace

AddressSet AddressSet::All() {
  AddressSet set = All(Family::kIpv4);
  set.v6_ = All(Family::kIpv6).v6_;
  return set;
}

AddressSet AddressSet::All(Family family) {
  AddressSet set;
  set.List(family).push_back({0, IpAddress::Max(family).bits()});
  return set;
}

AddressSet AddressSet::Of(const Cidr& cidr) {
  AddressSet set;
  set.Add(cidr);
  return set;
}

AddressSet AddressSet::Of(const std::vector<Cidr>& cidrs) {
  AddressSet set;
  for (const Cidr& cidr : cidrs) {
    set.List(cidr.family())
        .push_back({cidr.first().bits(), cidr.last().bits()});
  }
  for (IntervalList* list : {&set.v4_, &set.v6_}) {
    std::sort(list->begin(), list->end(),
              [](const auto& x, const auto& y) { return FirstLess(x, y); });
    *list = Coalesced(*list);
  }
  return set;
}

absl::StatusOr<AddressSet> AddressSet::Parse(std::string_view text,
                                             const CidrParseOptions& options) {
  std::vector<std::string_view> items;
  if (!internal::SplitCommaList(text, items)) {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid address set ", internal::QuoteForMessage(text),
                     ": empty item"));
  }
  AddressSet set;
  for (std::string_view item : items) {
    absl::StatusOr<Cidr> cidr = Cidr::Parse(item, options);
    if (!cidr.ok()) return cidr.status();
    set.Add(*cidr);
  }
  return set;
}

void AddressSet::Add(const Cidr& cidr) { Add(cidr.first(), cidr.last()); }

void AddressSet::Add(IpAddress first, IpAddress last) {
  if (first.family() != last.family() || first > last) return;
  InsertInto(List(first.family()), first.bits(), last.bits());
}

void AddressSet::Add(const AddressSet& other) {
  v4_ = UnionOf(v4_, other.v4_);
  v6_ = UnionOf(v6_, other.v6_);
}

AddressSet AddressSet::Union(const AddressSet& other) const {
  AddressSet out;
  out.v4_ = UnionOf(v4_, other.v4_);
  out.v6_ = UnionOf(v6_, other.v6_);
  return out;
}

AddressSet AddressSet::Intersect(const AddressSet& other) const {
  AddressSet out;
  out.v4_ = IntersectionOf(v4_, other.v4_);
  out.v6_ = IntersectionOf(v6_, other.v6_);
  return out;
}

AddressSet AddressSet::Subtract(const AddressSet& other) const {
  AddressSet out;
  out.v4_ = DifferenceOf(v4_, other.v4_);
  out.v6_ = DifferenceOf(v6_, other.v6_);
  return out;
}

AddressSet AddressSet::Only(Family family) const {
  AddressSet out;
  out.List(family) = List(family);
  return out;
}

bool AddressSet::IsAll(Family family) const {
  const IntervalList& list = List(family);
  return list.size() == 1 && list[0].first == 0 &&
         list[0].last == IpAddress::Max(family).bits();
}

absl::uint128 AddressSet::size(Family family) const {
  if (IsAll(family) && family == Family::kIpv6) return absl::Uint128Max();
  // Anything short of the whole IPv6 space has fewer than 2^128 addresses,
  // so neither a term nor the sum overflows.
  absl::uint128 total = 0;
  for (const Interval& r : List(family)) total += r.last - r.first + 1;
  return total;
}

bool AddressSet::Contains(IpAddress address) const {
  return Covers(List(address.family()), address.bits(), address.bits());
}

bool AddressSet::Contains(const Cidr& cidr) const {
  return Covers(List(cidr.family()), cidr.first().bits(), cidr.last().bits());
}

bool AddressSet::Contains(const AddressSet& other) const {
  for (Family family : {Family::kIpv4, Family::kIpv6}) {
    for (const Interval& r : other.List(family)) {
      if (!Covers(List(family), r.first, r.last)) return false;
    }
  }
  return true;
}

bool AddressSet::Overlaps(const AddressSet& other) const {
  for (Family family : {Family::kIpv4, Family::kIpv6}) {
    const IntervalList& a = List(family);
    const IntervalList& b = other.List(family);
    size_t i = 0;
    size_t j = 0;
    while (i < a.size() && j < b.size()) {
      if (std::max(a[i].first, b[j].first) <= std::min(a[i].last, b[j].last)) {
        return true;
      }
      if (a[i].last < b[j].last) {
        ++i;
      } else {
        ++j;
      }
    }
  }
  return false;
}

std::vector<Cidr> AddressSet::ToCidrs() const {
  std::vector<Cidr> out;
  for (const auto& [first, last] : Ranges()) {
    std::vector<Cidr> cover = Cidr::FromRange(first, last);
    out.insert(out.end(), cover.begin(), cover.end());
  }
  return out;
}

std::vector<std::pair<IpAddress, IpAddress>> AddressSet::Ranges() const {
  std::vector<std::pair<IpAddress, IpAddress>> out;
  out.reserve(interval_count());
  for (Family family : {Family::kIpv4, Family::kIpv6}) {
    for (const Interval& r : List(family)) {
      out.emplace_back(IpAddress::FromBits(family, r.first),
                       IpAddress::FromBits(family, r.last));
    }
  }
  return out;
}

std::string AddressSet::ToString() const {
  return absl::StrJoin(ToCidrs(), ", ", [](std::string* out, const Cidr& c) {
    absl::StrAppend(out, c.ToString());
  });
}

}  // namespace polygraph::ip
