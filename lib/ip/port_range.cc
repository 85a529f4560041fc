#include "polygraph/port_range.h"

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "base/strings.h"

namespace polygraph::ip {
namespace {

// A strict decimal port number, or the reason it is not one.
std::optional<std::string> ParsePort(std::string_view text, int& port) {
  if (text.empty()) return "missing port number";
  for (char c : text) {
    if (c < '0' || c > '9') {
      return absl::StrCat(internal::QuoteForMessage(text),
                          " is not a decimal port number");
    }
  }
  if (text.size() > 1 && text[0] == '0') {
    return absl::StrCat(internal::QuoteForMessage(text), " has a leading zero");
  }
  if (text.size() > 5) {
    return absl::StrCat(internal::QuoteForMessage(text),
                        " is out of range (0-65535)");
  }
  port = 0;
  for (char c : text) port = port * 10 + (c - '0');
  if (port > kMaxPort) {
    return absl::StrCat(port, " is out of range (0-65535)");
  }
  return std::nullopt;
}

}  // namespace

absl::StatusOr<PortRange> PortRange::Parse(std::string_view text) {
  if (text == "*") return All();
  auto error = [&](std::string_view reason) {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid port range ", internal::QuoteForMessage(text),
                     ": ", absl::string_view(reason.data(), reason.size())));
  };
  const size_t dash = text.find('-');
  int first = 0;
  int last = 0;
  if (auto reason = ParsePort(text.substr(0, dash), first)) {
    return error(*reason);
  }
  if (dash == std::string_view::npos) return PortRange(first, first);
  if (auto reason = ParsePort(text.substr(dash + 1), last)) {
    return error(*reason);
  }
  if (first > last) return error(absl::StrCat(first, " > ", last));
  return PortRange(first, last);
}

absl::StatusOr<PortRange> PortRange::Create(int first, int last) {
  if (first < 0 || last > kMaxPort || first > last) {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid port range ", first, "-", last,
                     ": ports must satisfy 0 <= first <= last <= 65535"));
  }
  return PortRange(first, last);
}

PortRange PortRange::Single(int port) {
  port = std::clamp(port, 0, kMaxPort);
  return PortRange(port, port);
}

std::string PortRange::ToString() const {
  if (first_ == last_) return absl::StrCat(first_);
  return absl::StrCat(first_, "-", last_);
}

PortSet PortSet::Of(PortRange range) {
  PortSet set;
  set.ranges_.push_back(range);
  return set;
}

absl::StatusOr<PortSet> PortSet::Parse(std::string_view text) {
  std::vector<std::string_view> items;
  if (!internal::SplitCommaList(text, items)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "invalid port set ", internal::QuoteForMessage(text), ": empty item"));
  }
  PortSet set;
  for (std::string_view item : items) {
    absl::StatusOr<PortRange> range = PortRange::Parse(item);
    if (!range.ok()) return range.status();
    set.Add(*range);
  }
  return set;
}

void PortSet::Add(PortRange range) { *this = Union(Of(range)); }

void PortSet::Add(const PortSet& other) { *this = Union(other); }

PortSet PortSet::Union(const PortSet& other) const {
  std::vector<PortRange> all;
  all.reserve(ranges_.size() + other.ranges_.size());
  std::merge(ranges_.begin(), ranges_.end(), other.ranges_.begin(),
             other.ranges_.end(), std::back_inserter(all));
  PortSet out;
  for (const PortRange& r : all) {
    if (!out.ranges_.empty() && r.first() <= out.ranges_.back().last() + 1) {
      PortRange& back = out.ranges_.back();
      back = PortRange(back.first(), std::max(back.last(), r.last()));
    } else {
      out.ranges_.push_back(r);
    }
  }
  return out;
}

PortSet PortSet::Intersect(const PortSet& other) const {
  PortSet out;
  size_t i = 0;
  size_t j = 0;
  while (i < ranges_.size() && j < other.ranges_.size()) {
    const PortRange& a = ranges_[i];
    const PortRange& b = other.ranges_[j];
    const int lo = std::max(a.first(), b.first());
    const int hi = std::min(a.last(), b.last());
    if (lo <= hi) out.ranges_.push_back(PortRange(lo, hi));
    if (a.last() < b.last()) {
      ++i;
    } else {
      ++j;
    }
  }
  return out;
}

PortSet PortSet::Subtract(const PortSet& other) const {
  PortSet out;
  size_t j = 0;
  for (const PortRange& a : ranges_) {
    int lo = a.first();
    while (j < other.ranges_.size() && other.ranges_[j].last() < lo) ++j;
    size_t k = j;
    bool done = false;
    while (k < other.ranges_.size() && other.ranges_[k].first() <= a.last()) {
      const PortRange& b = other.ranges_[k];
      if (b.first() > lo) out.ranges_.push_back(PortRange(lo, b.first() - 1));
      if (b.last() >= a.last()) {
        done = true;
        break;
      }
      lo = b.last() + 1;
      ++k;
    }
    if (!done) out.ranges_.push_back(PortRange(lo, a.last()));
  }
  return out;
}

int PortSet::size() const {
  int total = 0;
  for (const PortRange& r : ranges_) total += r.size();
  return total;
}

bool PortSet::Contains(int port) const {
  return Contains(PortRange(port, port));
}

bool PortSet::Contains(PortRange range) const {
  auto it = std::lower_bound(
      ranges_.begin(), ranges_.end(), range.first(),
      [](const PortRange& r, int port) { return r.last() < port; });
  return it != ranges_.end() && it->Contains(range);
}

bool PortSet::Contains(const PortSet& other) const {
  // Ranges are non-adjacent, so a range inside the set is inside one range.
  for (const PortRange& r : other.ranges_) {
    if (!Contains(r)) return false;
  }
  return true;
}

bool PortSet::Overlaps(const PortSet& other) const {
  // A merge walk over both sorted lists; no allocation.
  size_t i = 0;
  size_t j = 0;
  while (i < ranges_.size() && j < other.ranges_.size()) {
    const PortRange& a = ranges_[i];
    const PortRange& b = other.ranges_[j];
    if (a.last() < b.first()) {
      ++i;
    } else if (b.last() < a.first()) {
      ++j;
    } else {
      return true;
    }
  }
  return false;
}

std::string PortSet::ToString() const {
  return absl::StrJoin(ranges_, ", ", [](std::string* out, PortRange r) {
    absl::StrAppend(out, r.ToString());
  });
}

}  // namespace polygraph::ip
