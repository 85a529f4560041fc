#ifndef POLYGRAPH_CIDR_PLANNER_H_
#define POLYGRAPH_CIDR_PLANNER_H_

// Subnet planning: the lowest free, aligned blocks of a VPC for new subnets.
//
//   absl::StatusOr<std::vector<cidr::PlannedSubnet>> planned =
//       cidr::PlanSubnets({*ip::Cidr::Parse("10.0.0.0/16")},
//                         {*ip::Cidr::Parse("10.0.0.0/24")},
//                         {.count = 1, .prefix_length = 24,
//                          .availability_zones = {"eu-west-1a",
//                                                 "eu-west-1b"}});
//   // 10.0.1.0/24 in eu-west-1a, 10.0.2.0/24 in eu-west-1b
//
// Exact: free space is an ip::AddressSet (the VPC blocks less the existing
// subnets), and each new subnet takes the lowest block of the requested
// size that is aligned to its size and entirely free.
//
// Thread safety: pure function; thread-safe.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "polygraph/cidr.h"

namespace polygraph::cidr {

struct SubnetRequest {
  // Subnets wanted; with availability_zones, subnets per zone. Default 1.
  int count = 1;
  // Prefix length of each new subnet, e.g. 24. Default 24. Must be at most
  // the family's width (32 or 128).
  int prefix_length = 24;
  // When not empty, `count` subnets for each zone, zones in the order given
  // (all of the first zone's, then the next's). Default empty: `count`
  // subnets with no zone.
  std::vector<std::string> availability_zones;
};

struct PlannedSubnet {
  ip::Cidr cidr;
  std::string availability_zone;  // "" without availability_zones
};

// The new subnets, in allocation order (lowest address first). Existing
// subnets may lie partly or wholly outside the VPC blocks; only the part
// inside counts as used. Errors:
// - InvalidArgument: no VPC block, VPC blocks of both families, a negative
//   count, or a prefix length outside 0..width;
// - ResourceExhausted: not enough space, e.g. "no free /24 left in
//   10.0.0.0/22 for subnet 4 of 4: 512 addresses free, the largest free
//   block is 10.0.3.0/25" (or "nothing is free").
absl::StatusOr<std::vector<PlannedSubnet>> PlanSubnets(
    const std::vector<ip::Cidr>& vpc_cidrs,
    const std::vector<ip::Cidr>& existing_subnets,
    const SubnetRequest& request);

}  // namespace polygraph::cidr

#endif  // POLYGRAPH_CIDR_PLANNER_H_
