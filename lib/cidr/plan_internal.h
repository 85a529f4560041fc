#ifndef POLYGRAPH_LIB_CIDR_PLAN_INTERNAL_H_
#define POLYGRAPH_LIB_CIDR_PLAN_INTERNAL_H_

// The parts of the address-plan analysis that are worth testing and
// benchmarking on their own: the overlap sweep, and the readers of
// resource properties (tags, zones, tiers).
//
// Thread safety: pure functions; thread-safe.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/numeric/int128.h"
#include "polygraph/ip_address.h"
#include "polygraph/value.h"

namespace polygraph::cidr::internal {

// One CIDR block in a sweep. Blocks overlap only within one `group` and
// one family; a pair is reported only when the owners differ.
struct SweepBlock {
  absl::uint128 first = 0;
  absl::uint128 last = 0;
  uint32_t group = 0;
  uint32_t owner = 0;
  uint32_t id = 0;  // the caller's index, returned in pairs
  uint8_t prefix_length = 0;
  ip::Family family = ip::Family::kIpv4;
};

// Overlapping blocks of different owners in one group. Sorts `blocks` by
// group, family, first address and size (largest first), then sweeps with
// a stack of enclosing blocks: CIDR blocks are nested or disjoint, so every
// block on the stack contains the current one. Each block is paired at most
// once, with the innermost enclosing (or equal) block of another owner, as
// (enclosing id, contained id). O(n log n); `blocks` is reordered.
std::vector<std::pair<uint32_t, uint32_t>> FindOverlaps(
    std::vector<SweepBlock>& blocks);

// The value of the tag `key` (case-insensitive when `ignore_case`) in the
// CloudFormation Tags list of `properties`, or nullptr when absent or
// symbolic.
const Value* FindTag(const Value& properties, std::string_view key,
                     bool ignore_case);

// The subnet's zone: `availability_zone` when the loader resolved it, else
// "GetAZs[N]" for `!Select [N, !GetAZs ...]` (short or long form) in
// AvailabilityZone; "" when unknown.
std::string ZoneOf(const Value& properties,
                   const std::string& availability_zone);

// The tier key of a subnet: its "Tier" tag, else its logical id with the AZ
// suffix stripped (see cidr_plan.h).
std::string TierOf(const Value& properties, std::string_view logical_id);

// True when a tag Environment, Env or Stage (any case) is prod/production.
bool IsProduction(const Value& properties);

// "65,536": decimal with thousands separators.
std::string FormatCount(absl::uint128 count);

}  // namespace polygraph::cidr::internal

#endif  // POLYGRAPH_LIB_CIDR_PLAN_INTERNAL_H_
