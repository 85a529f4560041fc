// AnalysePlan (cidr_plan.h): collects VPC and subnet blocks per VPC,
// computes utilisation, and finds the per-VPC problems; overlaps between
// VPCs are in plan_vpc_overlaps.cc.

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/numeric/int128.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "cidr/plan_analysis.h"
#include "cidr/plan_internal.h"
#include "polygraph/address_set.h"
#include "polygraph/cidr.h"
#include "polygraph/cidr_plan.h"
#include "polygraph/cidr_planner.h"
#include "polygraph/model.h"

namespace polygraph::cidr {
namespace internal {
namespace {

absl::uint128 Usable(absl::uint128 addresses) {
  return addresses > kAwsReservedAddresses ? addresses - kAwsReservedAddresses
                                           : 0;
}

std::string JoinCidrs(const std::vector<ip::Cidr>& cidrs) {
  return absl::StrJoin(cidrs, ", ", [](std::string* out, const ip::Cidr& c) {
    out->append(c.ToString());
  });
}

}  // namespace

bool LocationBefore(const SourceLocation& a, const SourceLocation& b) {
  return std::tie(a.file, a.line, a.column) <
         std::tie(b.file, b.line, b.column);
}

std::vector<ip::Cidr> Analysis::VpcCidrs(size_t vpc, ip::Family family) const {
  std::vector<ip::Cidr> cidrs;
  for (size_t b : vpc_blocks[vpc]) {
    if (cidrs_[b].family() == family) cidrs.push_back(cidrs_[b]);
  }
  return cidrs;
}

std::optional<ip::Cidr> Analysis::LowestFree(size_t vpc, ip::Family family,
                                             int prefix_length) {
  auto [it, added] =
      free_cache_.try_emplace({vpc, family, prefix_length}, std::nullopt);
  if (!added) return it->second;
  std::vector<ip::Cidr> space = VpcCidrs(vpc, family);
  if (space.empty()) return std::nullopt;
  std::vector<ip::Cidr> used;
  for (size_t s : vpc_subnets[vpc]) {
    if (subnets[s].cidr.family() == family) used.push_back(subnets[s].cidr);
  }
  absl::StatusOr<std::vector<PlannedSubnet>> planned = PlanSubnets(
      space, used,
      {.count = 1, .prefix_length = prefix_length, .availability_zones = {}});
  if (planned.ok() && !planned->empty()) it->second = (*planned)[0].cidr;
  return it->second;
}

void Analysis::Report(PlanProblemKind kind, const SourceLocation& location,
                      std::string resource, std::string message,
                      std::string fix) {
  plan.problems.push_back({kind, location, std::move(resource),
                           std::move(message), std::move(fix)});
}

absl::Status Analysis::Collect() {
  const std::vector<Resource>& resources = model.resources();
  for (size_t i = 0; i < resources.size(); ++i) {
    if (resources[i].kind != ResourceKind::kVpc) continue;
    vpc_index[i] = plan.vpcs.size();
    vpc_resource.push_back(i);
    VpcPlan vpc;
    vpc.name = resources[i].name;
    vpc.file = resources[i].location.file;
    vpc.production = IsProduction(resources[i].properties);
    plan.vpcs.push_back(std::move(vpc));
  }
  vpc_blocks.resize(plan.vpcs.size());
  vpc_subnets.resize(plan.vpcs.size());
  const std::vector<NetworkBlock>& blocks = model.network_blocks();
  cidrs_.reserve(blocks.size());
  subnets.reserve(blocks.size());
  for (size_t k = 0; k < blocks.size(); ++k) {
    const NetworkBlock& block = blocks[k];
    absl::StatusOr<ip::Cidr> cidr = ip::Cidr::Parse(block.cidr);
    if (!cidr.ok()) {
      return absl::InternalError(absl::StrCat(
          "the model holds an invalid block: ", cidr.status().message()));
    }
    cidrs_.push_back(*cidr);
    auto vpc = vpc_index.find(block.vpc);
    const Resource* resource = block.resource < resources.size()
                                   ? &resources[block.resource]
                                   : nullptr;
    if (!block.subnet) {
      if (vpc != vpc_index.end()) vpc_blocks[vpc->second].push_back(k);
      continue;
    }
    SubnetRef subnet;
    subnet.block = k;
    subnet.cidr = *cidr;
    subnet.resource = block.resource;
    subnet.vpc = vpc == vpc_index.end() ? kNoResource : vpc->second;
    if (resource != nullptr) {
      subnet.name = resource->name;
      subnet.zone = ZoneOf(resource->properties, block.availability_zone);
      subnet.tier = TierOf(resource->properties, resource->name);
    }
    if (subnet.vpc != kNoResource) {
      vpc_subnets[subnet.vpc].push_back(subnets.size());
    }
    subnets.push_back(std::move(subnet));
  }
  // The primary block first, then secondary blocks as declared.
  for (size_t v = 0; v < plan.vpcs.size(); ++v) {
    std::stable_partition(
        vpc_blocks[v].begin(), vpc_blocks[v].end(),
        [&](size_t k) { return blocks[k].resource == vpc_resource[v]; });
  }
  return absl::OkStatus();
}

SubnetBlock Analysis::TakeSubnetBlock(SubnetRef& subnet) const {
  SubnetBlock out;
  out.name = std::move(subnet.name);
  out.cidr = model.network_blocks()[subnet.block].cidr;
  out.zone = std::move(subnet.zone);
  out.tier = std::move(subnet.tier);
  out.addresses = subnet.cidr.size();
  out.usable = Usable(out.addresses);
  out.location = model.network_blocks()[subnet.block].location;
  return out;
}

void Analysis::SummariseVpcs() {
  const std::vector<NetworkBlock>& blocks = model.network_blocks();
  const std::vector<Resource>& resources = model.resources();
  for (size_t v = 0; v < plan.vpcs.size(); ++v) {
    VpcPlan& vpc = plan.vpcs[v];
    ip::AddressSet space;
    for (size_t k : vpc_blocks[v]) {
      const NetworkBlock& block = blocks[k];
      vpc.blocks.push_back({block.cidr, resources[block.resource].name,
                            block.resource != vpc_resource[v], block.location});
      if (cidrs_[k].family() == ip::Family::kIpv4) space.Add(cidrs_[k]);
    }
    vpc.ipv4_addresses = space.size(ip::Family::kIpv4);
  }
}

void Analysis::SummariseSubnets() {
  for (size_t v = 0; v < plan.vpcs.size(); ++v) {
    VpcPlan& vpc = plan.vpcs[v];
    const ip::AddressSet space =
        ip::AddressSet::Of(VpcCidrs(v, ip::Family::kIpv4));
    std::vector<size_t> order = vpc_subnets[v];
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      return subnets[a].cidr < subnets[b].cidr;
    });
    // Built in one go (AddressSet::Of sorts and merges) rather than by
    // repeated Add, which shifts intervals.
    std::vector<ip::Cidr> used;
    std::map<std::string, std::vector<ip::Cidr>> zones;
    vpc.subnets.reserve(order.size());
    for (size_t s : order) {
      SubnetRef& subnet = subnets[s];
      if (subnet.cidr.family() == ip::Family::kIpv4) {
        used.push_back(subnet.cidr);
        zones[subnet.zone].push_back(subnet.cidr);
      }
      vpc.subnets.push_back(TakeSubnetBlock(subnet));
    }
    auto fraction = [&](absl::uint128 n) {
      return vpc.ipv4_addresses == 0
                 ? 0.0
                 : static_cast<double>(n) /
                       static_cast<double>(vpc.ipv4_addresses);
    };
    vpc.ipv4_used =
        ip::AddressSet::Of(used).Intersect(space).size(ip::Family::kIpv4);
    vpc.utilisation = fraction(vpc.ipv4_used);
    for (const auto& [zone, cidrs] : zones) {
      absl::uint128 n =
          ip::AddressSet::Of(cidrs).Intersect(space).size(ip::Family::kIpv4);
      vpc.zones.push_back({zone, n, fraction(n)});
    }
  }
  for (SubnetRef& subnet : subnets) {
    if (subnet.vpc == kNoResource) {
      plan.unattached_subnets.push_back(TakeSubnetBlock(subnet));
    }
  }
}

void Analysis::CheckSubnets() {
  const std::vector<NetworkBlock>& blocks = model.network_blocks();
  for (const SubnetRef& subnet : subnets) {
    const SourceLocation& location = blocks[subnet.block].location;
    const std::string& cidr = blocks[subnet.block].cidr;
    if (subnet.cidr.family() == ip::Family::kIpv4 &&
        Usable(subnet.cidr.size()) <
            static_cast<absl::uint128>(options.min_usable_addresses)) {
      int prefix = 32;
      while (prefix > 0 &&
             Usable(absl::uint128(1) << (32 - prefix)) <
                 static_cast<absl::uint128>(options.min_usable_addresses)) {
        --prefix;
      }
      Report(
          PlanProblemKind::kSubnetTooSmall, location, subnet.name,
          absl::StrCat("subnet ", cidr, " of ", subnet.name, " has ",
                       FormatCount(Usable(subnet.cidr.size())),
                       " usable addresses (", FormatCount(subnet.cidr.size()),
                       " less the 5 AWS reserves), fewer than ",
                       options.min_usable_addresses),
          absl::StrCat("use a /", prefix, " or larger for ", subnet.name, " (",
                       FormatCount(Usable(absl::uint128(1) << (32 - prefix))),
                       " usable); a subnet's CIDR cannot change, so "
                       "create a new subnet and move its resources"));
    }
    if (subnet.vpc == kNoResource) continue;
    std::vector<ip::Cidr> space = VpcCidrs(subnet.vpc, subnet.cidr.family());
    if (space.empty()) continue;  // symbolic VPC block, or IPv6 from AWS
    bool inside =
        std::any_of(space.begin(), space.end(),
                    [&](const ip::Cidr& c) { return c.Contains(subnet.cidr); });
    if (inside) continue;
    const std::string& vpc = plan.vpcs[subnet.vpc].name;
    std::optional<ip::Cidr> free = LowestFree(subnet.vpc, subnet.cidr.family(),
                                              subnet.cidr.prefix_length());
    std::string fix =
        free.has_value()
            ? absl::StrCat("move ", subnet.name, " to ", free->ToString(),
                           ", the lowest free /", subnet.cidr.prefix_length(),
                           " of VPC ", vpc,
                           ", or add an AWS::EC2::VPCCidrBlock "
                           "to ",
                           vpc, " that covers ", cidr)
            : absl::StrCat("add an AWS::EC2::VPCCidrBlock to ", vpc,
                           " that covers ", cidr, ", or give ", subnet.name,
                           " a smaller block inside ", JoinCidrs(space));
    Report(PlanProblemKind::kSubnetOutsideVpc, location, subnet.name,
           absl::StrCat("subnet ", cidr, " of ", subnet.name,
                        " is outside VPC ", JoinCidrs(space), " (", vpc, ")"),
           std::move(fix));
  }
}

void Analysis::CheckSubnetOverlaps() {
  std::vector<SweepBlock> sweep;
  sweep.reserve(subnets.size());
  for (size_t s = 0; s < subnets.size(); ++s) {
    const SubnetRef& subnet = subnets[s];
    if (subnet.vpc == kNoResource) continue;
    sweep.push_back({subnet.cidr.first().bits(), subnet.cidr.last().bits(),
                     static_cast<uint32_t>(subnet.vpc),
                     static_cast<uint32_t>(subnet.resource),
                     static_cast<uint32_t>(s),
                     static_cast<uint8_t>(subnet.cidr.prefix_length()),
                     subnet.cidr.family()});
  }
  const std::vector<NetworkBlock>& blocks = model.network_blocks();
  for (auto [a, b] : FindOverlaps(sweep)) {
    // The one declared later is at fault.
    if (LocationBefore(blocks[subnets[b].block].location,
                       blocks[subnets[a].block].location)) {
      std::swap(a, b);
    }
    const SubnetRef& first = subnets[a];
    const SubnetRef& later = subnets[b];
    const std::string& vpc = plan.vpcs[later.vpc].name;
    std::optional<ip::Cidr> free =
        LowestFree(later.vpc, later.cidr.family(), later.cidr.prefix_length());
    std::string fix =
        free.has_value()
            ? absl::StrCat("renumber ", later.name, " to ", free->ToString(),
                           ", the lowest free /", later.cidr.prefix_length(),
                           " of VPC ", vpc,
                           " (AWS rejects a subnet that overlaps another)")
            : absl::StrCat("shrink or remove ", later.name, " or ", first.name,
                           ": VPC ", vpc, " has no free /",
                           later.cidr.prefix_length());
    Report(PlanProblemKind::kSubnetOverlap, blocks[later.block].location,
           later.name,
           absl::StrCat("subnet ", blocks[later.block].cidr, " of ", later.name,
                        " overlaps subnet ", blocks[first.block].cidr, " of ",
                        first.name, " in VPC ", vpc),
           std::move(fix));
  }
}

void Analysis::CheckZonesAndSize() {
  const std::vector<NetworkBlock>& blocks = model.network_blocks();
  for (size_t v = 0; v < plan.vpcs.size(); ++v) {
    const VpcPlan& vpc = plan.vpcs[v];
    const int needed =
        vpc.production ? options.min_zones_production : options.min_zones;
    struct Tier {
      std::set<std::string> zones;
      std::vector<std::string> names;
      bool unknown = false;
      const SubnetRef* first = nullptr;
    };
    std::map<std::string, Tier> tiers;
    for (size_t s : vpc_subnets[v]) {
      const SubnetRef& subnet = subnets[s];
      Tier& tier = tiers[subnet.tier];
      if (subnet.zone.empty()) tier.unknown = true;
      tier.zones.insert(subnet.zone);
      if (tier.names.empty() || tier.names.back() != subnet.name)
        tier.names.push_back(subnet.name);
      if (tier.first == nullptr ||
          LocationBefore(blocks[subnet.block].location,
                         blocks[tier.first->block].location)) {
        tier.first = &subnet;
      }
    }
    for (const auto& [key, tier] : tiers) {
      if (tier.unknown || static_cast<int>(tier.zones.size()) >= needed)
        continue;
      const SubnetRef& first = *tier.first;
      std::optional<ip::Cidr> free =
          LowestFree(v, first.cidr.family(), first.cidr.prefix_length());
      Report(PlanProblemKind::kTooFewZones, blocks[first.block].location,
             first.name,
             absl::StrCat("tier ", key, " of VPC ", vpc.name, " spans ",
                          tier.zones.size(), " availability zone",
                          tier.zones.size() == 1 ? "" : "s", " (",
                          absl::StrJoin(tier.zones, ", "), ": ",
                          absl::StrJoin(tier.names, ", "), "); at least ",
                          needed, " needed",
                          vpc.production ? " for a production VPC" : ""),
             absl::StrCat("add a ", key,
                          " subnet in another availability "
                          "zone",
                          free.has_value()
                              ? absl::StrCat(", e.g. ", free->ToString(),
                                             " (the lowest free /",
                                             first.cidr.prefix_length(), " of ",
                                             vpc.name, ")")
                              : std::string()));
    }
    const absl::uint128 wanted = absl::uint128(1)
                                 << (32 - options.production_prefix_length);
    if (vpc.production && !vpc.blocks.empty() && vpc.ipv4_addresses > 0 &&
        vpc.ipv4_addresses < wanted) {
      const size_t primary = vpc_blocks[v][0];
      ip::Cidr suggestion = ip::Cidr::Containing(
          cidrs_[primary].network(), options.production_prefix_length);
      Report(PlanProblemKind::kProductionVpcTooSmall, blocks[primary].location,
             vpc.name,
             absl::StrCat("production VPC ", vpc.name, " has ",
                          FormatCount(vpc.ipv4_addresses), " IPv4 addresses (",
                          JoinCidrs(VpcCidrs(v, ip::Family::kIpv4)),
                          "), fewer than a /", options.production_prefix_length,
                          " (", FormatCount(wanted), ")"),
             absl::StrCat("plan production VPCs as a /",
                          options.production_prefix_length, ", e.g. ",
                          suggestion.ToString(),
                          ", or add secondary blocks "
                          "(AWS::EC2::VPCCidrBlock); a VPC's primary CIDR "
                          "cannot be changed in place"));
    }
  }
}

}  // namespace internal

std::string_view PlanProblemKindName(PlanProblemKind kind) {
  switch (kind) {
    case PlanProblemKind::kSubnetOutsideVpc:
      return "subnet-outside-vpc";
    case PlanProblemKind::kSubnetOverlap:
      return "subnet-overlap";
    case PlanProblemKind::kConnectedVpcOverlap:
      return "connected-vpc-overlap";
    case PlanProblemKind::kVpcOverlap:
      return "vpc-overlap";
    case PlanProblemKind::kTooFewZones:
      return "too-few-zones";
    case PlanProblemKind::kProductionVpcTooSmall:
      return "production-vpc-too-small";
    case PlanProblemKind::kSubnetTooSmall:
      return "subnet-too-small";
  }
  return "unknown";
}

absl::StatusOr<AddressPlan> AnalysePlan(const Model& model,
                                        const PlanOptions& options) {
  if (options.min_usable_addresses < 0 || options.min_zones < 0 ||
      options.min_zones_production < 0) {
    return absl::InvalidArgumentError(
        "plan options: counts must not be negative");
  }
  if (options.production_prefix_length < 0 ||
      options.production_prefix_length > 32) {
    return absl::InvalidArgumentError(absl::StrCat(
        "plan options: production_prefix_length must be in 0..32, got ",
        options.production_prefix_length));
  }
  internal::Analysis analysis(model, options);
  if (absl::Status status = analysis.Collect(); !status.ok()) return status;
  analysis.SummariseVpcs();
  analysis.CheckSubnets();
  analysis.CheckSubnetOverlaps();
  analysis.CheckZonesAndSize();
  analysis.CheckVpcOverlaps();
  analysis.SummariseSubnets();  // last: moves the subnets' names out
  std::vector<PlanProblem>& problems = analysis.plan.problems;
  std::stable_sort(problems.begin(), problems.end(),
                   [](const PlanProblem& a, const PlanProblem& b) {
                     if (a.location == b.location) return a.kind < b.kind;
                     return internal::LocationBefore(a.location, b.location);
                   });
  return std::move(analysis.plan);
}

}  // namespace polygraph::cidr
