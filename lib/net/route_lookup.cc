// Longest-prefix route lookup over address sets.

#include <algorithm>
#include <utility>
#include <vector>

#include "net/internal.h"

namespace polygraph::net::internal {

void SortRoutes(std::vector<RouteEntry>& routes) {
  std::stable_sort(routes.begin(), routes.end(),
                   [](const RouteEntry& a, const RouteEntry& b) {
                     return a.prefix_length > b.prefix_length;
                   });
}

std::vector<std::pair<ip::AddressSet, size_t>> LookupRoutes(
    const RouteTableInfo& table, const ip::AddressSet& addresses) {
  std::vector<std::pair<ip::AddressSet, size_t>> parts;
  ip::AddressSet remaining = addresses;
  // Routes are sorted longest prefix first, so the first route covering an
  // address is its longest match; IPv4 and IPv6 prefixes never compete
  // because their destinations never overlap.
  for (size_t i = 0; i < table.routes.size() && !remaining.empty(); ++i) {
    ip::AddressSet part = remaining.Intersect(table.routes[i].destination);
    if (part.empty()) continue;
    remaining = remaining.Subtract(part);
    parts.emplace_back(std::move(part), i);
  }
  if (!remaining.empty()) {
    parts.emplace_back(std::move(remaining), table.routes.size());
  }
  return parts;
}

bool ToInternetGateway(const RouteEntry& route, size_t vpc) {
  if (route.target_vpc != kNoResource && vpc != kNoResource &&
      route.target_vpc != vpc) {
    return false;  // another VPC's gateway carries nothing from here
  }
  return route.resolved && !route.blackhole &&
         route.target_kind == RouteTargetKind::kInternetGateway;
}

}  // namespace polygraph::net::internal
