// PG-NET-010: a VPC without flow logs. PG-COST-002: a VPC whose private
// subnets reach the internet through a NAT gateway without an S3 or
// DynamoDB gateway endpoint.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "rules/check_registry.h"
#include "rules/checks/checks.h"
#include "rules/checks/net_facts.h"
#include "rules/checks/terraform_fix.h"

namespace polygraph::rules::internal {
namespace {

namespace facts = net_facts;

bool IsFlowLog(const Resource& resource) {
  return resource.type == "AWS::EC2::FlowLog" ||
         resource.type == "aws_flow_log";
}

// Whether a flow log refers to `vpc` (ResourceId, vpc_id).
bool HasFlowLog(const Model& model, size_t vpc) {
  for (const Reference& reference : model.references()) {
    if (reference.to != vpc) continue;
    const Resource* from = facts::ResourceAt(model, reference.from);
    if (from != nullptr && IsFlowLog(*from)) return true;
  }
  return false;
}

// Whether the endpoint's service is S3 or DynamoDB
// ("com.amazonaws.<region>.s3", a rendering ending so).
bool IsStorageService(std::string_view service) {
  return service.ends_with(".s3") || service.ends_with(".dynamodb");
}

}  // namespace

std::vector<Finding> CheckNetFlowLogs(const CheckContext& context,
                                      const RuleInfo& rule) {
  const Model& model = context.model();
  std::vector<Finding> findings;
  for (size_t i = 0; i < model.resources().size(); ++i) {
    const Resource& vpc = model.resources()[i];
    // A snapshot does not list flow logs: not decided there.
    if (vpc.kind != ResourceKind::kVpc ||
        vpc.format == SourceFormat::kAwsSnapshot || HasFlowLog(model, i)) {
      continue;
    }
    Finding finding = NewFinding(rule);
    finding.location = vpc.location;
    finding.resource = vpc.name;
    finding.message =
        absl::StrCat("VPC \"", vpc.name, "\" has no flow log (",
                     Spelled(vpc, "no AWS::EC2::FlowLog with ResourceId",
                             "no aws_flow_log with vpc_id"),
                     " referring to it)");
    finding.fix =
        IsTerraform(vpc)
            ? absl::StrCat("add an aws_flow_log with vpc_id = ",
                           TerraformRef(vpc.name, "id"),
                           ", traffic_type = \"ALL\" and a CloudWatch Logs "
                           "or S3 log_destination",
                           TerraformModuleNote(vpc.name))
            : absl::StrCat("add an AWS::EC2::FlowLog with ResourceId: !Ref ",
                           vpc.name,
                           ", ResourceType: VPC, TrafficType: ALL and a "
                           "CloudWatch Logs or S3 LogDestination");
    findings.push_back(std::move(finding));
  }
  return findings;
}

std::vector<Finding> CheckCostNatWithoutEndpoints(const CheckContext& context,
                                                  const RuleInfo& rule) {
  const Model& model = context.model();
  std::vector<Finding> findings;
  for (const Gateway& nat : model.gateways()) {
    if (nat.kind != GatewayKind::kNatGateway || nat.private_nat ||
        nat.vpc == kNoResource) {
      continue;
    }
    // The first NAT gateway of its VPC speaks for it.
    bool first = true;
    for (const Gateway& other : model.gateways()) {
      if (&other == &nat) break;
      first = first && !(other.kind == GatewayKind::kNatGateway &&
                         !other.private_nat && other.vpc == nat.vpc);
    }
    if (!first) continue;
    bool endpoint = false;
    for (const Gateway& gateway : model.gateways()) {
      endpoint = endpoint || (gateway.kind == GatewayKind::kVpcEndpoint &&
                              gateway.vpc == nat.vpc &&
                              IsStorageService(gateway.service_name));
    }
    if (endpoint) continue;
    // Some route table of the VPC sends 0.0.0.0/0 to a NAT gateway.
    const Route* nat_route = nullptr;
    for (const RouteTable& table : model.route_tables()) {
      if (table.vpc != nat.vpc) continue;
      nat_route = facts::DefaultRouteTo(model, table.resource,
                                        RouteTargetKind::kNatGateway);
      if (nat_route != nullptr) break;
    }
    if (nat_route == nullptr) continue;
    const Resource* resource = facts::ResourceAt(model, nat.resource);
    const std::string vpc = facts::NameAt(model, nat.vpc);
    const std::string table = facts::NameAt(model, nat_route->route_table);
    Finding finding = NewFinding(rule);
    finding.location = nat.location.known() || resource == nullptr
                           ? nat.location
                           : resource->location;
    finding.resource = resource != nullptr ? resource->name : "";
    finding.message = absl::StrCat(
        "VPC \"", vpc,
        "\" sends its private subnets' traffic through NAT "
        "gateway \"",
        finding.resource, "\" (route table \"", table,
        "\") but has no S3 or DynamoDB gateway endpoint, so S3 and DynamoDB "
        "traffic pays NAT data processing");
    finding.fix =
        resource != nullptr && IsTerraform(*resource)
            ? absl::StrCat(
                  "add an aws_vpc_endpoint with vpc_id = ",
                  TerraformRef(vpc, "id"),
                  ", service_name = \"com.amazonaws.<region>.s3\", "
                  "vpc_endpoint_type = \"Gateway\" and route_table_ids = [",
                  TerraformRef(table, "id"),
                  "] (and one for dynamodb if used); gateway endpoints are "
                  "free")
            : absl::StrCat(
                  "add an AWS::EC2::VPCEndpoint with VpcId: !Ref ", vpc,
                  ", ServiceName: !Sub com.amazonaws.${AWS::Region}.s3, "
                  "VpcEndpointType: Gateway and RouteTableIds: [!Ref ",
                  table,
                  "] (and one for dynamodb if used); gateway endpoints are "
                  "free");
    findings.push_back(std::move(finding));
  }
  return findings;
}

}  // namespace polygraph::rules::internal
