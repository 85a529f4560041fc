// Overlapping VPC blocks (PG-CIDR-003, PG-CIDR-004): between VPCs that are
// peered or attached to one transit gateway, and between VPCs declared in
// one template. Connections are read from the generic resources:
// AWS::EC2::VPCPeeringConnection (VpcId, PeerVpcId) and
// AWS::EC2::TransitGatewayAttachment / TransitGatewayVpcAttachment (VpcId,
// TransitGatewayId), through the Model's resolved references.

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "cidr/plan_analysis.h"
#include "cidr/plan_internal.h"
#include "polygraph/cidr.h"
#include "polygraph/cidr_plan.h"
#include "polygraph/cidr_planner.h"
#include "polygraph/model.h"

namespace polygraph::cidr::internal {
namespace {

constexpr std::string_view kPeering = "AWS::EC2::VPCPeeringConnection";

bool IsAttachment(std::string_view type) {
  return type == "AWS::EC2::TransitGatewayAttachment" ||
         type == "AWS::EC2::TransitGatewayVpcAttachment";
}

using VpcPair = std::pair<size_t, size_t>;  // smaller index first

VpcPair Ordered(size_t a, size_t b) {
  return a < b ? VpcPair{a, b} : VpcPair{b, a};
}

struct TransitGateway {
  std::string name;  // the resource's logical id, or the literal id
  std::vector<size_t> vpcs;
};

}  // namespace

void Analysis::CheckVpcOverlaps() {
  const std::vector<Resource>& resources = model.resources();
  const std::vector<NetworkBlock>& blocks = model.network_blocks();

  // Peerings and attachments, from references (Ref/GetAtt to declared
  // resources) and literal transit gateway ids.
  absl::flat_hash_map<size_t, VpcPair> peerings;  // resource -> (vpc, peer)
  absl::flat_hash_map<size_t, std::pair<size_t, std::string>> attachments;
  for (const Reference& ref : model.references()) {
    if (ref.from >= resources.size()) continue;
    const std::string& type = resources[ref.from].type;
    auto vpc = vpc_index.find(ref.to);
    if (type == kPeering && vpc != vpc_index.end()) {
      auto [it, added] =
          peerings.try_emplace(ref.from, VpcPair{kNoResource, kNoResource});
      if (ref.property == "VpcId") it->second.first = vpc->second;
      if (ref.property == "PeerVpcId") it->second.second = vpc->second;
    } else if (IsAttachment(type)) {
      auto [it, added] =
          attachments.try_emplace(ref.from, kNoResource, std::string());
      if (ref.property == "VpcId" && vpc != vpc_index.end())
        it->second.first = vpc->second;
      if (ref.property == "TransitGatewayId" && ref.to < resources.size())
        it->second.second = absl::StrCat("r", ref.to);
    }
  }
  std::map<std::string, TransitGateway> gateways;
  for (auto& [resource, attachment] : attachments) {
    std::string key = attachment.second;
    std::string name;
    if (!key.empty()) {
      name = resources[std::stoul(key.substr(1))].name;
    } else if (const Value* id =
                   resources[resource].properties.is_object()
                       ? resources[resource].properties.Find("TransitGatewayId")
                       : nullptr;
               id != nullptr && id->is_string() && id->tag.empty()) {
      key = "t" + id->text;
      name = id->text;
    }
    if (key.empty() || attachment.first == kNoResource) continue;
    TransitGateway& gateway = gateways[key];
    gateway.name = name;
    gateway.vpcs.push_back(attachment.first);
  }

  absl::flat_hash_map<VpcPair, std::string> connected;  // -> how
  for (const auto& [resource, pair] : peerings) {
    if (pair.first == kNoResource || pair.second == kNoResource ||
        pair.first == pair.second) {
      continue;
    }
    connected.try_emplace(
        Ordered(pair.first, pair.second),
        absl::StrCat("they are peered by ", resources[resource].name));
  }
  std::vector<SweepBlock> sweep;
  for (auto& [key, gateway] : gateways) {
    std::sort(gateway.vpcs.begin(), gateway.vpcs.end());
    gateway.vpcs.erase(std::unique(gateway.vpcs.begin(), gateway.vpcs.end()),
                       gateway.vpcs.end());
    for (size_t i = 0; i < gateway.vpcs.size(); ++i) {
      for (size_t j = i + 1; j < gateway.vpcs.size(); ++j) {
        connected.try_emplace(
            Ordered(gateway.vpcs[i], gateway.vpcs[j]),
            absl::StrCat("both are attached to transit gateway ",
                         gateway.name));
      }
    }
  }

  absl::flat_hash_set<VpcPair> reported_blocks;
  std::map<std::pair<std::string, int>, std::optional<ip::Cidr>> suggestions;
  auto report = [&](size_t ka, size_t kb, size_t va, size_t vb,
                    bool is_connected, const std::string& how) {
    if (!reported_blocks.insert(Ordered(ka, kb)).second) return;
    if (LocationBefore(blocks[kb].location, blocks[ka].location)) {
      std::swap(ka, kb);
      std::swap(va, vb);
    }
    const VpcPlan& earlier = plan.vpcs[va];
    const VpcPlan& later = plan.vpcs[vb];
    const ip::Cidr& cidr = cidrs_[kb];
    std::string fix = absl::StrCat("give ", later.name,
                                   " a block that no other VPC here uses");
    if (cidr.family() == ip::Family::kIpv4) {
      std::string range = "10.0.0.0/8";
      for (const char* text : {"172.16.0.0/12", "192.168.0.0/16"}) {
        if (ip::Cidr::Parse(text)->Contains(cidr)) range = text;
      }
      auto [it, added] =
          suggestions.try_emplace({range, cidr.prefix_length()}, std::nullopt);
      if (added) {
        std::vector<ip::Cidr> used;
        for (const std::vector<size_t>& vpc : vpc_blocks) {
          for (size_t k : vpc) {
            if (cidrs_[k].family() == ip::Family::kIpv4)
              used.push_back(cidrs_[k]);
          }
        }
        absl::StatusOr<std::vector<PlannedSubnet>> free =
            PlanSubnets({*ip::Cidr::Parse(range)}, used,
                        {.count = 1,
                         .prefix_length = cidr.prefix_length(),
                         .availability_zones = {}});
        if (free.ok()) it->second = (*free)[0].cidr;
      }
      if (it->second.has_value()) {
        absl::StrAppend(&fix, ", e.g. ", it->second->ToString(),
                        " (the lowest /", cidr.prefix_length(), " of ", range,
                        " that no VPC read uses)");
      }
    }
    absl::StrAppend(
        &fix, is_connected ? ": routes to an overlapping peer or attachment "
                             "CIDR cannot be created, so the VPCs cannot reach "
                             "each other's overlapping addresses"
                           : ": overlapping VPCs can never be peered or "
                             "attached to one transit gateway later");
    Report(is_connected ? PlanProblemKind::kConnectedVpcOverlap
                        : PlanProblemKind::kVpcOverlap,
           blocks[kb].location, later.name,
           absl::StrCat("VPC block ", blocks[kb].cidr, " of ", later.name,
                        " overlaps ", blocks[ka].cidr, " of ", earlier.name,
                        "; ", how),
           std::move(fix));
  };

  // Connected VPCs: every overlapping pair of blocks.
  std::vector<std::pair<VpcPair, std::string>> pairs(connected.begin(),
                                                     connected.end());
  std::sort(pairs.begin(), pairs.end());
  for (const auto& [pair, how] : pairs) {
    for (size_t ka : vpc_blocks[pair.first]) {
      for (size_t kb : vpc_blocks[pair.second]) {
        if (cidrs_[ka].Overlaps(cidrs_[kb]))
          report(ka, kb, pair.first, pair.second, /*is_connected=*/true, how);
      }
    }
  }

  // VPCs of one template (or of all files): the sweep.
  absl::flat_hash_map<std::string, uint32_t> file_ids;
  std::vector<size_t> vpc_of_block(blocks.size(), kNoResource);
  for (size_t v = 0; v < plan.vpcs.size(); ++v) {
    uint32_t file = 0;
    if (!options.overlap_across_files) {
      file = file_ids.try_emplace(plan.vpcs[v].file, file_ids.size())
                 .first->second;
    }
    for (size_t k : vpc_blocks[v]) {
      vpc_of_block[k] = v;
      sweep.push_back({cidrs_[k].first().bits(), cidrs_[k].last().bits(), file,
                       static_cast<uint32_t>(v), static_cast<uint32_t>(k),
                       static_cast<uint8_t>(cidrs_[k].prefix_length()),
                       cidrs_[k].family()});
    }
  }
  for (auto [ka, kb] : FindOverlaps(sweep)) {
    size_t va = vpc_of_block[ka];
    size_t vb = vpc_of_block[kb];
    if (connected.contains(Ordered(va, vb))) continue;  // reported above
    bool same_file = plan.vpcs[va].file == plan.vpcs[vb].file;
    report(ka, kb, va, vb, /*is_connected=*/false,
           same_file ? "both are declared in the same template"
                     : "they are declared in different files");
  }
}

}  // namespace polygraph::cidr::internal
