#ifndef POLYGRAPH_LIB_CIDR_PLAN_ANALYSIS_H_
#define POLYGRAPH_LIB_CIDR_PLAN_ANALYSIS_H_

// The state of one AnalysePlan call, shared by plan.cc (collection,
// utilisation, per-VPC problems) and plan_vpc_overlaps.cc (overlaps between
// VPCs). Thread-compatible; lives for one call.

#include <cstddef>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "polygraph/cidr.h"
#include "polygraph/cidr_plan.h"
#include "polygraph/model.h"

namespace polygraph::cidr::internal {

// True when `a` comes before `b` by file, line, column.
bool LocationBefore(const SourceLocation& a, const SourceLocation& b);

// A subnet block being analysed.
struct SubnetRef {
  size_t block = 0;  // index in Model::network_blocks()
  ip::Cidr cidr;
  size_t resource = kNoResource;
  size_t vpc = kNoResource;  // index in plan.vpcs
  std::string name, zone, tier;
};

class Analysis {
 public:
  Analysis(const Model& model, const PlanOptions& options)
      : model(model), options(options) {}
  Analysis(const Analysis&) = delete;
  Analysis& operator=(const Analysis&) = delete;

  absl::Status Collect();
  // VPC blocks and sizes; then, after the checks, subnets and utilisation.
  void SummariseVpcs();
  void SummariseSubnets();
  void CheckSubnets();
  void CheckSubnetOverlaps();
  void CheckZonesAndSize();
  void CheckVpcOverlaps();  // plan_vpc_overlaps.cc

  const Model& model;
  const PlanOptions& options;
  AddressPlan plan;
  absl::flat_hash_map<size_t, size_t> vpc_index;  // resource -> plan.vpcs
  std::vector<size_t> vpc_resource;               // plan.vpcs -> resource
  std::vector<std::vector<size_t>> vpc_blocks;    // network block indices
  std::vector<std::vector<size_t>> vpc_subnets;   // indices into subnets
  std::vector<SubnetRef> subnets;

 private:
  std::vector<ip::Cidr> VpcCidrs(size_t vpc, ip::Family family) const;
  // The lowest block of `prefix_length` in VPC `vpc` that no subnet of the
  // VPC uses (a suggestion for a fix). Cached per VPC, family and length.
  std::optional<ip::Cidr> LowestFree(size_t vpc, ip::Family family,
                                     int prefix_length);
  // Moves the subnet's strings into the result.
  SubnetBlock TakeSubnetBlock(SubnetRef& subnet) const;
  void Report(PlanProblemKind kind, const SourceLocation& location,
              std::string resource, std::string message, std::string fix);

  std::vector<ip::Cidr> cidrs_;  // parsed, parallel to network_blocks()
  absl::flat_hash_map<std::tuple<size_t, ip::Family, int>,
                      std::optional<ip::Cidr>>
      free_cache_;
};

}  // namespace polygraph::cidr::internal

#endif  // POLYGRAPH_LIB_CIDR_PLAN_ANALYSIS_H_
