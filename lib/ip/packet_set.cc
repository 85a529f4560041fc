#include "polygraph/packet_set.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/hash/hash.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace polygraph::ip {
namespace {

using Box = PacketSet::Box;

// Removing boxes inside others is quadratic in the number of boxes; above
// this many it is skipped (results stay exact, only less compact).
constexpr size_t kMaxBoxesForSubsumption = 512;

const ProtocolSet& PortProtocols() {
  static const ProtocolSet* const kSet =
      new ProtocolSet(ProtocolSet::Of({Protocol::Tcp(), Protocol::Udp()}));
  return *kSet;
}

bool BoxesOverlap(const Box& a, const Box& b) {
  return a.protocols.Overlaps(b.protocols) && a.ports.Overlaps(b.ports) &&
         a.sources.Overlaps(b.sources) &&
         a.destinations.Overlaps(b.destinations);
}

bool BoxContains(const Box& outer, const Box& inner) {
  return outer.protocols.Contains(inner.protocols) &&
         outer.ports.Contains(inner.ports) &&
         outer.sources.Contains(inner.sources) &&
         outer.destinations.Contains(inner.destinations);
}

bool NonEmpty(const Box& b) {
  return !b.protocols.empty() && !b.ports.empty() && !b.sources.empty() &&
         !b.destinations.empty();
}

// Appends `box` to `out` split into canonical boxes: one address family per
// box, and every port wherever a portless protocol is present.
void AppendCanonical(Box box, std::vector<Box>& out) {
  const ProtocolSet with_ports = box.protocols.Intersect(PortProtocols());
  const ProtocolSet portless = box.protocols.Subtract(PortProtocols());
  for (Family family : {Family::kIpv4, Family::kIpv6}) {
    AddressSet sources = box.sources.Only(family);
    AddressSet destinations = box.destinations.Only(family);
    if (sources.empty() || destinations.empty()) continue;
    if (box.ports.is_all()) {
      if (!box.protocols.empty()) {
        out.push_back({box.protocols, sources, destinations, box.ports});
      }
      continue;
    }
    if (!with_ports.empty() && !box.ports.empty()) {
      out.push_back({with_ports, sources, destinations, box.ports});
    }
    if (!portless.empty()) {
      out.push_back({portless, std::move(sources), std::move(destinations),
                     PortSet::All()});
    }
  }
}

// a \ b as up to four disjoint boxes, appended to `out`. Each piece keeps the
// canonical-box invariants of `a`: a piece whose protocols include a portless
// one comes from the protocols of both boxes, whose ports are then all.
void AppendDifference(const Box& a, const Box& b, std::vector<Box>& out) {
  if (!BoxesOverlap(a, b)) {
    out.push_back(a);
    return;
  }
  const ProtocolSet common = a.protocols.Intersect(b.protocols);
  const PortSet ports = a.ports.Intersect(b.ports);
  const AddressSet sources = a.sources.Intersect(b.sources);
  Box pieces[4] = {
      {a.protocols.Subtract(b.protocols), a.sources, a.destinations, a.ports},
      {common, a.sources, a.destinations, a.ports.Subtract(b.ports)},
      {common, a.sources.Subtract(b.sources), a.destinations, ports},
      {common, sources, a.destinations.Subtract(b.destinations), ports},
  };
  for (Box& piece : pieces) {
    if (NonEmpty(piece)) out.push_back(std::move(piece));
  }
}

// The box's three dimensions other than `dim` (0 protocols, 1 sources,
// 2 destinations, 3 ports) hashed / compared; `dim` united.
size_t HashExcept(const Box& b, int dim) {
  return absl::HashOf(dim == 0 ? 0 : absl::HashOf(b.protocols),
                      dim == 1 ? 0 : absl::HashOf(b.sources),
                      dim == 2 ? 0 : absl::HashOf(b.destinations),
                      dim == 3 ? 0 : absl::HashOf(b.ports));
}

bool EqualExcept(const Box& a, const Box& b, int dim) {
  return (dim == 0 || a.protocols == b.protocols) &&
         (dim == 3 || a.ports == b.ports) &&
         (dim == 1 || a.sources == b.sources) &&
         (dim == 2 || a.destinations == b.destinations);
}

void UniteAlong(Box& into, const Box& from, int dim) {
  switch (dim) {
    case 0:
      into.protocols = into.protocols.Union(from.protocols);
      break;
    case 1:
      into.sources.Add(from.sources);
      break;
    case 2:
      into.destinations.Add(from.destinations);
      break;
    default:
      into.ports.Add(from.ports);
      break;
  }
}

// Adds a canonical `box` to `boxes` in time linear in their number (for
// incremental building): skipped when inside a box, absorbing the boxes
// inside it, merged with a box equal in three dimensions.
void Insert(Box box, std::vector<Box>& boxes) {
  while (true) {
    for (const Box& b : boxes) {
      if (BoxContains(b, box)) return;
    }
    std::erase_if(boxes, [&](const Box& b) { return BoxContains(box, b); });
    bool merged = false;
    for (size_t i = 0; i < boxes.size() && !merged; ++i) {
      for (int dim = 0; dim < 4 && !merged; ++dim) {
        if (EqualExcept(boxes[i], box, dim)) {
          UniteAlong(box, boxes[i], dim);
          boxes.erase(boxes.begin() + i);
          merged = true;
        }
      }
    }
    // A merged box may now hold others or merge again: go round.
    if (!merged) break;
  }
  boxes.push_back(std::move(box));
}

// Merges boxes equal in every dimension but `dim`; true if any merged.
bool MergeAlong(std::vector<Box>& boxes, int dim) {
  absl::flat_hash_map<size_t, std::vector<size_t>> groups;
  std::vector<Box> out;
  out.reserve(boxes.size());
  bool merged_any = false;
  for (Box& box : boxes) {
    std::vector<size_t>& candidates = groups[HashExcept(box, dim)];
    bool merged = false;
    for (size_t index : candidates) {
      if (EqualExcept(out[index], box, dim)) {
        UniteAlong(out[index], box, dim);
        merged = merged_any = true;
        break;
      }
    }
    if (!merged) {
      candidates.push_back(out.size());
      out.push_back(std::move(box));
    }
  }
  boxes = std::move(out);
  return merged_any;
}

// Drops boxes inside others and merges boxes equal in three dimensions:
// linear-time merges first, then (for up to kMaxBoxesForSubsumption boxes) a
// quadratic pass that also removes boxes inside others.
void Canonicalize(std::vector<Box>& boxes) {
  bool changed = true;
  while (changed && boxes.size() > 1) {
    changed = false;
    for (int dim = 0; dim < 4; ++dim) changed |= MergeAlong(boxes, dim);
  }
  if (boxes.size() < 2 || boxes.size() > kMaxBoxesForSubsumption) return;
  std::vector<Box> all = std::move(boxes);
  boxes.clear();
  for (Box& box : all) Insert(std::move(box), boxes);
}

// The part of `a` outside every box of `others`, as disjoint boxes.
std::vector<Box> Minus(const Box& a, const std::vector<Box>& others) {
  std::vector<Box> pieces = {a};
  std::vector<Box> next;
  for (const Box& b : others) {
    next.clear();
    for (const Box& piece : pieces) AppendDifference(piece, b, next);
    pieces.swap(next);
    if (pieces.empty()) break;
  }
  return pieces;
}

std::string BoxString(const Box& b) {
  std::string out = b.protocols.ToString();
  if (!b.ports.is_all()) absl::StrAppend(&out, " ports ", b.ports.ToString());
  absl::StrAppend(&out, " from ", b.sources.ToString(), " to ",
                  b.destinations.ToString());
  return out;
}

}  // namespace

std::string Protocol::Name() const {
  if (number_ == 1) return "icmp";
  if (number_ == 6) return "tcp";
  if (number_ == 17) return "udp";
  if (number_ == 58) return "icmpv6";
  return absl::StrCat(number_);
}

ProtocolSet ProtocolSet::All() {
  ProtocolSet set;
  set.words_.fill(~uint64_t{0});
  return set;
}

ProtocolSet ProtocolSet::Of(std::initializer_list<Protocol> protocols) {
  ProtocolSet set;
  for (Protocol p : protocols) set.Add(p);
  return set;
}

void ProtocolSet::Add(Protocol protocol) {
  words_[protocol.number() / 64] |= uint64_t{1} << (protocol.number() % 64);
}

ProtocolSet ProtocolSet::Union(const ProtocolSet& other) const {
  ProtocolSet out;
  for (int i = 0; i < 4; ++i) out.words_[i] = words_[i] | other.words_[i];
  return out;
}

ProtocolSet ProtocolSet::Intersect(const ProtocolSet& other) const {
  ProtocolSet out;
  for (int i = 0; i < 4; ++i) out.words_[i] = words_[i] & other.words_[i];
  return out;
}

ProtocolSet ProtocolSet::Subtract(const ProtocolSet& other) const {
  ProtocolSet out;
  for (int i = 0; i < 4; ++i) out.words_[i] = words_[i] & ~other.words_[i];
  return out;
}

bool ProtocolSet::empty() const { return *this == None(); }

bool ProtocolSet::is_all() const { return *this == All(); }

int ProtocolSet::size() const {
  int total = 0;
  for (uint64_t word : words_) total += std::popcount(word);
  return total;
}

bool ProtocolSet::Contains(Protocol protocol) const {
  return (words_[protocol.number() / 64] >> (protocol.number() % 64)) & 1;
}

bool ProtocolSet::Contains(const ProtocolSet& other) const {
  return other.Subtract(*this).empty();
}

bool ProtocolSet::Overlaps(const ProtocolSet& other) const {
  return !Intersect(other).empty();
}

std::vector<Protocol> ProtocolSet::protocols() const {
  std::vector<Protocol> out;
  for (int n = 0; n < 256; ++n) {
    if (Contains(Protocol(static_cast<uint8_t>(n)))) {
      out.push_back(Protocol(static_cast<uint8_t>(n)));
    }
  }
  return out;
}

std::string ProtocolSet::ToString() const {
  if (is_all()) return "all";
  return absl::StrJoin(protocols(), ", ", [](std::string* out, Protocol p) {
    absl::StrAppend(out, p.Name());
  });
}

absl::StatusOr<ProtocolSet> ParseProtocol(std::string_view text) {
  const std::string lower =
      absl::AsciiStrToLower(absl::string_view(text.data(), text.size()));
  if (lower == "-1" || lower == "all") return ProtocolSet::All();
  for (Protocol p : {Protocol::Tcp(), Protocol::Udp(), Protocol::Icmp(),
                     Protocol::Icmpv6()}) {
    if (lower == p.Name()) return ProtocolSet::Of({p});
  }
  const bool digits =
      !text.empty() && text.size() <= 3 &&
      std::all_of(text.begin(), text.end(),
                  [](char c) { return c >= '0' && c <= '9'; }) &&
      (text.size() == 1 || text[0] != '0');
  int number = 0;
  for (char c : text) number = digits ? number * 10 + (c - '0') : 0;
  if (!digits || number > 255) {
    return absl::InvalidArgumentError(absl::StrCat(
        "invalid protocol \"",
        absl::CHexEscape(absl::string_view(text.data(), text.size())),
        "\": expected tcp, udp, icmp, icmpv6, all, -1 or a number 0-255"));
  }
  return ProtocolSet::Of({Protocol(static_cast<uint8_t>(number))});
}

PacketSet PacketSet::All() {
  return Of(ProtocolSet::All(), AddressSet::All(), AddressSet::All(),
            PortSet::All());
}

PacketSet PacketSet::Of(const ProtocolSet& protocols, const AddressSet& sources,
                        const AddressSet& destinations, const PortSet& ports) {
  PacketSet set;
  set.Add(protocols, sources, destinations, ports);
  return set;
}

PacketSet PacketSet::FromBoxes(const std::vector<Box>& boxes) {
  PacketSet set;
  for (const Box& box : boxes) AppendCanonical(box, set.boxes_);
  Canonicalize(set.boxes_);
  return set;
}

void PacketSet::Add(const ProtocolSet& protocols, const AddressSet& sources,
                    const AddressSet& destinations, const PortSet& ports) {
  std::vector<Box> added;
  AppendCanonical({protocols, sources, destinations, ports}, added);
  for (Box& box : added) Insert(std::move(box), boxes_);
}

void PacketSet::Add(const PacketSet& other) {
  for (const Box& box : other.boxes_) Insert(box, boxes_);
}

PacketSet PacketSet::Union(const PacketSet& other) const {
  PacketSet out = *this;
  out.Add(other);
  return out;
}

PacketSet PacketSet::Intersect(const PacketSet& other) const {
  PacketSet out;
  for (const Box& a : boxes_) {
    for (const Box& b : other.boxes_) {
      if (!BoxesOverlap(a, b)) continue;
      out.boxes_.push_back({a.protocols.Intersect(b.protocols),
                            a.sources.Intersect(b.sources),
                            a.destinations.Intersect(b.destinations),
                            a.ports.Intersect(b.ports)});
    }
  }
  Canonicalize(out.boxes_);
  return out;
}

PacketSet PacketSet::Subtract(const PacketSet& other) const {
  PacketSet out;
  for (const Box& a : boxes_) {
    for (Box& piece : Minus(a, other.boxes_)) {
      out.boxes_.push_back(std::move(piece));
    }
  }
  Canonicalize(out.boxes_);
  return out;
}

bool PacketSet::Contains(Protocol protocol, IpAddress source,
                         IpAddress destination, int port) const {
  for (const Box& b : boxes_) {
    if (b.protocols.Contains(protocol) &&
        (!protocol.has_ports() || b.ports.Contains(port)) &&
        b.sources.Contains(source) && b.destinations.Contains(destination)) {
      return true;
    }
  }
  return false;
}

bool PacketSet::IsSubsetOf(const PacketSet& other) const {
  for (const Box& a : boxes_) {
    if (std::none_of(other.boxes_.begin(), other.boxes_.end(),
                     [&](const Box& b) { return BoxContains(b, a); }) &&
        !Minus(a, other.boxes_).empty()) {
      return false;
    }
  }
  return true;
}

bool PacketSet::Overlaps(const PacketSet& other) const {
  for (const Box& a : boxes_) {
    for (const Box& b : other.boxes_) {
      if (BoxesOverlap(a, b)) return true;
    }
  }
  return false;
}

std::string PacketSet::ToString() const {
  std::vector<std::string> parts;
  parts.reserve(boxes_.size());
  for (const Box& b : boxes_) parts.push_back(BoxString(b));
  std::sort(parts.begin(), parts.end());
  return absl::StrJoin(parts, "; ");
}

}  // namespace polygraph::ip
