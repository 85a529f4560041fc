// PlanSubnets: the lowest free aligned blocks (cidr_planner.h).

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/numeric/int128.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "base/strings.h"
#include "cidr/plan_internal.h"
#include "polygraph/address_set.h"
#include "polygraph/cidr.h"
#include "polygraph/cidr_planner.h"
#include "polygraph/ip_address.h"

namespace polygraph::cidr {
namespace {

// The lowest block of `prefix_length` bits wholly inside `free`.
std::optional<ip::Cidr> LowestFree(const ip::AddressSet& free,
                                   ip::Family family, int prefix_length) {
  const int width = ip::AddressBits(family);
  const int host_bits = width - prefix_length;
  // host_bits may be 128 (::/0): the mask arithmetic below avoids 1 << 128.
  const absl::uint128 mask = host_bits >= 128
                                 ? absl::Uint128Max()
                                 : (absl::uint128(1) << host_bits) - 1;
  for (const auto& [first_address, last_address] : free.Ranges()) {
    if (first_address.family() != family) continue;
    absl::uint128 first = first_address.bits();
    absl::uint128 last = last_address.bits();
    absl::uint128 start = first;
    if ((start & mask) != 0) {
      if ((start | mask) == ip::IpAddress::Max(family).bits()) continue;
      start = (start | mask) + 1;
    }
    if (start < first) continue;  // wrapped
    if (start + mask > last || start + mask < start) continue;
    absl::StatusOr<ip::Cidr> block =
        ip::Cidr::Create(ip::IpAddress::FromBits(family, start), prefix_length);
    if (block.ok()) return *block;
  }
  return std::nullopt;
}

std::string Exhausted(const std::vector<ip::Cidr>& vpc_cidrs,
                      const ip::AddressSet& free, ip::Family family,
                      int prefix_length, int number, int total) {
  std::vector<ip::Cidr> free_blocks = free.ToCidrs();
  const ip::Cidr* largest = nullptr;
  for (const ip::Cidr& block : free_blocks) {
    if (largest == nullptr || block.prefix_length() < largest->prefix_length())
      largest = &block;
  }
  std::string where = absl::StrJoin(
      vpc_cidrs, ", ",
      [](std::string* out, const ip::Cidr& c) { out->append(c.ToString()); });
  std::string what =
      largest == nullptr
          ? std::string("nothing is free")
          : absl::StrCat(internal::FormatCount(free.size(family)),
                         " addresses free, the largest free block is ",
                         largest->ToString());
  return absl::StrCat("no free /", prefix_length, " left in ", where,
                      " for subnet ", number, " of ", total, ": ", what);
}

}  // namespace

absl::StatusOr<std::vector<PlannedSubnet>> PlanSubnets(
    const std::vector<ip::Cidr>& vpc_cidrs,
    const std::vector<ip::Cidr>& existing_subnets,
    const SubnetRequest& request) {
  if (vpc_cidrs.empty()) {
    return absl::InvalidArgumentError("no VPC address block given");
  }
  const ip::Family family = vpc_cidrs[0].family();
  for (const ip::Cidr& block : vpc_cidrs) {
    if (block.family() != family) {
      return absl::InvalidArgumentError(absl::StrCat(
          "VPC blocks ", vpc_cidrs[0].ToString(), " and ", block.ToString(),
          " are of different families; plan IPv4 and IPv6 separately"));
    }
  }
  if (request.count < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("count must not be negative, got ", request.count));
  }
  const int width = ip::AddressBits(family);
  if (request.prefix_length < 0 || request.prefix_length > width) {
    return absl::InvalidArgumentError(
        absl::StrCat("prefix length must be in 0..", width, " for ",
                     ::polygraph::internal::ToAbsl(ip::FamilyName(family)),
                     ", got ", request.prefix_length));
  }
  ip::AddressSet free = ip::AddressSet::Of(vpc_cidrs).Subtract(
      ip::AddressSet::Of(existing_subnets));
  std::vector<std::string> zones = request.availability_zones;
  if (zones.empty()) zones.push_back("");
  const int total = request.count * static_cast<int>(zones.size());
  std::vector<PlannedSubnet> planned;
  planned.reserve(total);
  for (const std::string& zone : zones) {
    for (int i = 0; i < request.count; ++i) {
      std::optional<ip::Cidr> block =
          LowestFree(free, family, request.prefix_length);
      if (!block.has_value()) {
        return absl::ResourceExhaustedError(
            Exhausted(vpc_cidrs, free, family, request.prefix_length,
                      static_cast<int>(planned.size()) + 1, total));
      }
      free = free.Subtract(ip::AddressSet::Of(*block));
      planned.push_back({*block, zone});
    }
  }
  return planned;
}

}  // namespace polygraph::cidr
