#ifndef POLYGRAPH_LIB_RULES_CHECKS_NET_FACTS_H_
#define POLYGRAPH_LIB_RULES_CHECKS_NET_FACTS_H_

// Small lookups over the Model's network facets shared by the network rules
// (net_*.cc): a subnet's route table, its default IPv4 route, a VPC's blocks,
// a workload's VPC. Thread safety: pure functions over an immutable Model;
// thread-safe.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "polygraph/cidr.h"
#include "polygraph/model.h"

namespace polygraph::rules::internal::net_facts {

// The Resource at `index`, or nullptr for kNoResource / out of range.
inline const Resource* ResourceAt(const Model& model, size_t index) {
  return index < model.resources().size() ? &model.resources()[index] : nullptr;
}

inline std::string NameAt(const Model& model, size_t index) {
  const Resource* resource = ResourceAt(model, index);
  return resource != nullptr ? resource->name : std::string();
}

// The Subnet facet of the subnet resource `subnet`, or nullptr.
inline const Subnet* SubnetFacet(const Model& model, size_t subnet) {
  for (const Subnet& value : model.subnets()) {
    if (value.resource == subnet) return &value;
  }
  return nullptr;
}

// The route table the subnet uses: its explicit association, else its VPC's
// declared main table; kNoResource when neither is known (AWS's main table
// with only the local route).
inline size_t RouteTableOf(const Model& model, size_t subnet) {
  for (const RouteTableAssociation& association :
       model.route_table_associations()) {
    if (association.subnet == subnet &&
        association.route_table != kNoResource) {
      return association.route_table;
    }
  }
  const Subnet* facet = SubnetFacet(model, subnet);
  if (facet == nullptr || facet->vpc == kNoResource) return kNoResource;
  for (const RouteTable& table : model.route_tables()) {
    if (table.main && table.vpc == facet->vpc) return table.resource;
  }
  return kNoResource;
}

// Whether `cidr` is an IPv4 CIDR of prefix length 0 ("0.0.0.0/0").
inline bool IsIpv4Default(std::string_view cidr) {
  absl::StatusOr<ip::Cidr> parsed =
      ip::Cidr::Parse(cidr, {.normalize_host_bits = true});
  return parsed.ok() && parsed->prefix_length() == 0 &&
         cidr.find(':') == std::string_view::npos;
}

// The route of `table` for 0.0.0.0/0 to a target of `kind`, or nullptr.
inline const Route* DefaultRouteTo(const Model& model, size_t table,
                                   RouteTargetKind kind) {
  if (table == kNoResource) return nullptr;
  for (const Route& route : model.routes()) {
    if (route.route_table == table && !route.blackhole &&
        route.target_kind == kind && IsIpv4Default(route.destination_cidr)) {
      return &route;
    }
  }
  return nullptr;
}

// The IPv4 and IPv6 blocks of `vpc` (primary and secondary), parsed.
inline std::vector<ip::Cidr> VpcBlocks(const Model& model, size_t vpc) {
  std::vector<ip::Cidr> blocks;
  if (vpc == kNoResource) return blocks;
  for (const NetworkBlock& block : model.network_blocks()) {
    if (block.subnet || block.vpc != vpc) continue;
    absl::StatusOr<ip::Cidr> parsed = ip::Cidr::Parse(block.cidr);
    if (parsed.ok()) blocks.push_back(*parsed);
  }
  return blocks;
}

// Whether `cidr` lies inside one of `blocks`.
inline bool WithinAny(const ip::Cidr& cidr,
                      const std::vector<ip::Cidr>& blocks) {
  for (const ip::Cidr& block : blocks) {
    if (block.Contains(cidr)) return true;
  }
  return false;
}

// The VPC of the workload: its first declared subnet's, else its first
// declared group's; kNoResource when unknown.
inline size_t WorkloadVpc(const Model& model, const Workload& workload) {
  for (size_t subnet : workload.subnets) {
    const Subnet* facet = SubnetFacet(model, subnet);
    if (facet != nullptr && facet->vpc != kNoResource) return facet->vpc;
  }
  for (size_t group : workload.security_groups) {
    for (const SecurityGroup& facet : model.security_groups()) {
      if (facet.resource == group && facet.vpc != kNoResource) {
        return facet.vpc;
      }
    }
  }
  return kNoResource;
}

inline bool IsDatabase(const Workload& workload) {
  return workload.kind == WorkloadKind::kDbInstance ||
         workload.kind == WorkloadKind::kDbCluster;
}

// A DB instance that is a member of a cluster (DBClusterIdentifier, which
// Terraform's aws_rds_cluster_instance cluster_identifier maps to): the
// cluster's settings (groups, subnets) are the ones that matter, and the
// cluster is reported instead.
inline bool IsClusterMember(const Model& model, const Workload& workload) {
  const Resource* resource = ResourceAt(model, workload.resource);
  return workload.kind == WorkloadKind::kDbInstance && resource != nullptr &&
         resource->properties.Find("DBClusterIdentifier") != nullptr;
}

// "db-instance \"Db\"": the workload's kind and name.
inline std::string DescribeWorkload(const Model& model,
                                    const Workload& workload) {
  return absl::StrCat(std::string(WorkloadKindName(workload.kind)), " \"",
                      NameAt(model, workload.resource), "\"");
}

}  // namespace polygraph::rules::internal::net_facts

#endif  // POLYGRAPH_LIB_RULES_CHECKS_NET_FACTS_H_
