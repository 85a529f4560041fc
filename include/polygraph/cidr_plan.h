#ifndef POLYGRAPH_CIDR_PLAN_H_
#define POLYGRAPH_CIDR_PLAN_H_

// Address plans: the VPCs and subnets of a Model with their address blocks,
// how much of each VPC the subnets use, and the planning problems the guide
// warns about ("CIDR planning: use /16 for production VPCs; avoid
// overlapping CIDRs if you need VPC peering or Transit Gateway; subnets
// across at least 2 AZs, 3 for production").
//
//   absl::StatusOr<cidr::AddressPlan> plan = cidr::AnalysePlan(model, {});
//   for (const cidr::PlanProblem& p : plan->problems)
//     std::cout << p.location.ToString() << ": " << p.message << "\n";
//
// Definitions (each problem kind is also a built-in rule, PG-CIDR-00N):
// - A subnet's *tier* is its "Tier" tag when it has one, else its logical
//   id without its AZ index: every run of digits is removed; an id with no
//   digits loses one trailing letter written as an AZ suffix
//   ("PublicSubnetA", "subnet-b"); then a trailing "Az"/"AZ" goes. So
//   PublicSubnet1/PublicSubnet2, PrivateSubnetA/PrivateSubnetB and
//   NetworkPrivateSubnet1Subnet/NetworkPrivateSubnet2Subnet are one tier.
// - A subnet's zone is its AvailabilityZone text, or "GetAZs[N]" for
//   `!Select [N, !GetAZs ...]`; a tier with any subnet whose zone is
//   unknown (absent, a parameter) is not decided.
// - A VPC is *production* when a tag Environment, Env or Stage (any case)
//   has the value prod or production (any case).
// - VPCs are *connected* when an AWS::EC2::VPCPeeringConnection names both
//   (VpcId, PeerVpcId) or AWS::EC2::TransitGatewayAttachment /
//   TransitGatewayVpcAttachment resources attach both to the same
//   transit gateway (TransitGatewayId: the same Ref'd resource or text).
//
// Overlaps are found by sorting blocks and sweeping a stack of enclosing
// blocks (CIDRs nest or are disjoint): O(n log n) in the number of blocks.
//
// Thread safety: AnalysePlan is a pure function; thread-safe.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/numeric/int128.h"
#include "absl/status/statusor.h"
#include "polygraph/model.h"
#include "polygraph/source_location.h"

namespace polygraph::cidr {

// Addresses AWS reserves in every subnet (network, router, DNS, future use,
// broadcast).
inline constexpr int kAwsReservedAddresses = 5;

// Per-call options of AnalysePlan. Cost: none beyond the analysis itself.
struct PlanOptions {
  // An IPv4 subnet whose usable addresses (size - 5) are fewer is reported.
  // Default 27: a /27 (32 - 5) passes, a /28 (16 - 5 = 11) is reported.
  int64_t min_usable_addresses = 27;
  // The fewest zones a tier must span. Default 2 (the guide's "at least 2
  // AZs"); production VPCs: default 3.
  int min_zones = 2;
  int min_zones_production = 3;
  // A production VPC with fewer IPv4 addresses than a block of this prefix
  // length is reported. Default 16 (65,536 addresses, the guide's /16).
  int production_prefix_length = 16;
  // Report overlapping VPC blocks between VPCs of different files too (not
  // only within one template, or between connected VPCs). Default false:
  // separate templates are often separate accounts that never route to
  // each other.
  bool overlap_across_files = false;
};

enum class PlanProblemKind {
  kSubnetOutsideVpc,       // PG-CIDR-001
  kSubnetOverlap,          // PG-CIDR-002
  kConnectedVpcOverlap,    // PG-CIDR-003: peered or on one transit gateway
  kVpcOverlap,             // PG-CIDR-004: in one template
  kTooFewZones,            // PG-CIDR-005
  kProductionVpcTooSmall,  // PG-CIDR-006
  kSubnetTooSmall,         // PG-CIDR-007
};

// "subnet-outside-vpc", "subnet-overlap", "connected-vpc-overlap",
// "vpc-overlap", "too-few-zones", "production-vpc-too-small",
// "subnet-too-small": stable names used in JSON.
std::string_view PlanProblemKindName(PlanProblemKind kind);

struct PlanProblem {
  PlanProblemKind kind = PlanProblemKind::kSubnetOutsideVpc;
  SourceLocation location;  // of the offending CIDR value
  std::string resource;     // logical id of the subnet or VPC at fault
  std::string message;      // names the values, e.g. "subnet 10.0.5.0/24 of
                            // AppSubnetA is outside VPC 10.1.0.0/16 (AppVpc)"
  std::string fix;          // specific to this problem
};

// One address block of a VPC: its CidrBlock or an AWS::EC2::VPCCidrBlock.
struct VpcBlock {
  std::string cidr;      // normalized
  std::string resource;  // the VPC, or the VPCCidrBlock resource
  bool secondary = false;
  SourceLocation location;
};

// One address block of a subnet (a subnet with IPv4 and IPv6 blocks has two).
struct SubnetBlock {
  std::string name;  // logical id
  std::string cidr;  // normalized
  std::string zone;  // see the file comment; "" when unknown
  std::string tier;  // see the file comment
  absl::uint128 addresses = 0;
  absl::uint128 usable = 0;  // addresses - 5 (0 for a block smaller than 8)
  SourceLocation location;
};

// How much of a VPC's IPv4 space the subnets of one zone cover.
struct ZoneUsage {
  std::string zone;             // "" for subnets whose zone is unknown
  absl::uint128 addresses = 0;  // distinct IPv4 addresses inside the VPC
  double utilisation = 0;       // addresses / the VPC's IPv4 addresses
};

struct VpcPlan {
  std::string name;  // logical id
  std::string file;
  bool production = false;
  std::vector<VpcBlock> blocks;      // primary first, then as declared
  std::vector<SubnetBlock> subnets;  // in address order (IPv4 first)
  absl::uint128 ipv4_addresses = 0;  // in the VPC's IPv4 blocks
  absl::uint128 ipv4_used = 0;       // distinct ones covered by its subnets
  double utilisation = 0;        // ipv4_used / ipv4_addresses (0 when empty)
  std::vector<ZoneUsage> zones;  // sorted by zone
};

struct AddressPlan {
  std::vector<VpcPlan> vpcs;  // in declaration order
  // Subnets whose VPC is not declared in the files read.
  std::vector<SubnetBlock> unattached_subnets;
  // Sorted by file, line, column, kind.
  std::vector<PlanProblem> problems;
};

// Analyses every VPC and subnet address block of `model`.
// Errors: InvalidArgument for options out of range (a negative count, a
// prefix length outside 0..32); Internal if the model holds a block that is
// not a valid CIDR (the loader never builds one).
absl::StatusOr<AddressPlan> AnalysePlan(const Model& model,
                                        const PlanOptions& options);

// The plan as JSON text: {"vpcs": [...], "unattached_subnets": [...],
// "problems": [...]}; each problem has its kind name and the rule id that
// reports it (PG-CIDR-001 for kSubnetOutsideVpc, ... in enum order).
// Address counts are numbers, exact (IPv6 counts are written as integers,
// never rounded).
std::string PlanToJson(const AddressPlan& plan);

// The plan as a text table per VPC, then the problems as
// "file:line:col: PG-CIDR-00N message" and the fix.
std::string PlanToText(const AddressPlan& plan);

}  // namespace polygraph::cidr

#endif  // POLYGRAPH_CIDR_PLAN_H_
