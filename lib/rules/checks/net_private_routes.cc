// PG-NET-011: a private subnet whose route table sends 0.0.0.0/0 to an
// internet gateway. PG-RDS-006: a database placed in such a subnet.

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "rules/check_registry.h"
#include "rules/checks/checks.h"
#include "rules/checks/net_facts.h"
#include "rules/checks/terraform_fix.h"

namespace polygraph::rules::internal {
namespace {

namespace facts = net_facts;

bool InSubnet(const Workload& workload, size_t subnet) {
  for (size_t s : workload.subnets) {
    if (s == subnet) return true;
  }
  return false;
}

// The default route of the subnet's table to an internet gateway, or null.
const Route* InternetRoute(const Model& model, size_t subnet) {
  return facts::DefaultRouteTo(model, facts::RouteTableOf(model, subnet),
                               RouteTargetKind::kInternetGateway);
}

std::string RouteFix(const Model& model, const Route& route, bool terraform) {
  const std::string table = facts::NameAt(model, route.route_table);
  if (terraform) {
    return absl::StrCat(
        "in ", table, TerraformModuleNote(table),
        ", send 0.0.0.0/0 to a NAT gateway (nat_gateway_id = "
        "aws_nat_gateway.<name>.id) instead of gateway_id, or give the "
        "subnet a private route table of its own");
  }
  return absl::StrCat(
      "in ", table,
      ", route 0.0.0.0/0 with NatGatewayId: !Ref <NatGateway> instead of "
      "GatewayId, or associate the subnet with a private route table");
}

}  // namespace

std::vector<Finding> CheckNetPrivateSubnetInternetRoute(
    const CheckContext& context, const RuleInfo& rule) {
  const Model& model = context.model();
  std::vector<Finding> findings;
  for (const Subnet& subnet : model.subnets()) {
    const Resource* resource = facts::ResourceAt(model, subnet.resource);
    if (resource == nullptr || subnet.map_public_ip_on_launch.value) continue;
    // Private by its workloads: at least one, none with a public address,
    // and no NAT gateway (which lives in a public subnet).
    std::vector<std::string> members;
    bool public_member = false;
    for (const Workload& workload : model.workloads()) {
      if (!InSubnet(workload, subnet.resource)) continue;
      public_member = public_member || workload.public_ip.value;
      members.push_back(facts::DescribeWorkload(model, workload));
    }
    for (const Gateway& gateway : model.gateways()) {
      public_member =
          public_member || (gateway.kind == GatewayKind::kNatGateway &&
                            gateway.subnet == subnet.resource);
    }
    if (members.empty() || public_member) continue;
    const Route* route = InternetRoute(model, subnet.resource);
    if (route == nullptr) continue;
    if (members.size() > 3) {
      members.resize(3);
      members.push_back("...");
    }
    Finding finding = NewFinding(rule);
    finding.location =
        route->location.known() ? route->location : resource->location;
    finding.resource = resource->name;
    finding.message = absl::StrCat(
        "private subnet \"", resource->name, "\" (",
        absl::StrJoin(members, ", "),
        ", none with a public address) uses route table \"",
        facts::NameAt(model, route->route_table), "\", which sends ",
        route->destination_cidr, " to internet gateway \"",
        route->target != kNoResource ? facts::NameAt(model, route->target)
                                     : route->target_id,
        "\"");
    const Resource* table = facts::ResourceAt(model, route->route_table);
    finding.fix = RouteFix(
        model, *route,
        table != nullptr ? IsTerraform(*table) : IsTerraform(*resource));
    findings.push_back(std::move(finding));
  }
  return findings;
}

std::vector<Finding> CheckRdsPublicSubnet(const CheckContext& context,
                                          const RuleInfo& rule) {
  const Model& model = context.model();
  std::vector<Finding> findings;
  for (const Workload& workload : model.workloads()) {
    const Resource* resource = facts::ResourceAt(model, workload.resource);
    if (resource == nullptr || !facts::IsDatabase(workload) ||
        facts::IsClusterMember(model, workload)) {
      continue;
    }
    std::vector<std::string> subnets;
    const Route* first = nullptr;
    for (size_t subnet : workload.subnets) {
      const Route* route = InternetRoute(model, subnet);
      if (route == nullptr) continue;
      if (first == nullptr) first = route;
      subnets.push_back(absl::StrCat("\"", facts::NameAt(model, subnet), "\""));
    }
    if (first == nullptr) continue;
    const bool terraform = IsTerraform(*resource);
    Finding finding = NewFinding(rule);
    finding.location =
        workload.location.known() ? workload.location : resource->location;
    finding.resource = resource->name;
    finding.message =
        absl::StrCat("database ", facts::DescribeWorkload(model, workload),
                     " is placed in subnet", subnets.size() == 1 ? " " : "s ",
                     absl::StrJoin(subnets, ", "), " whose route table \"",
                     facts::NameAt(model, first->route_table), "\" sends ",
                     first->destination_cidr, " to an internet gateway");
    finding.fix =
        terraform
            ? absl::StrCat("point db_subnet_group_name of ", resource->name,
                           TerraformModuleNote(resource->name),
                           " at an aws_db_subnet_group of private subnets "
                           "(route tables without a route to an internet "
                           "gateway) and set publicly_accessible = false")
            : absl::StrCat("point DBSubnetGroupName of ", resource->name,
                           " at an AWS::RDS::DBSubnetGroup of private "
                           "subnets (route tables without a route to an "
                           "internet gateway) and set PubliclyAccessible: "
                           "false");
    findings.push_back(std::move(finding));
  }
  return findings;
}

}  // namespace polygraph::rules::internal
