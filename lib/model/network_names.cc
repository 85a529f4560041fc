// Names of the network facets' enumerations (network_model.h).

#include <string_view>

#include "polygraph/network_model.h"

namespace polygraph {

std::string_view RouteTargetKindName(RouteTargetKind kind) {
  switch (kind) {
    case RouteTargetKind::kLocal:
      return "local";
    case RouteTargetKind::kInternetGateway:
      return "internet-gateway";
    case RouteTargetKind::kEgressOnlyInternetGateway:
      return "egress-only-internet-gateway";
    case RouteTargetKind::kNatGateway:
      return "nat-gateway";
    case RouteTargetKind::kVpcPeering:
      return "vpc-peering";
    case RouteTargetKind::kTransitGateway:
      return "transit-gateway";
    case RouteTargetKind::kVpcEndpoint:
      return "vpc-endpoint";
    case RouteTargetKind::kNetworkInterface:
      return "network-interface";
    case RouteTargetKind::kInstance:
      return "instance";
    case RouteTargetKind::kCarrierGateway:
      return "carrier-gateway";
    case RouteTargetKind::kLocalGateway:
      return "local-gateway";
    case RouteTargetKind::kUnknown:
      return "unknown";
  }
  return "unknown";
}

std::string_view WorkloadKindName(WorkloadKind kind) {
  switch (kind) {
    case WorkloadKind::kInstance:
      return "instance";
    case WorkloadKind::kNetworkInterface:
      return "network-interface";
    case WorkloadKind::kEcsService:
      return "ecs-service";
    case WorkloadKind::kLambdaFunction:
      return "lambda-function";
    case WorkloadKind::kDbInstance:
      return "db-instance";
    case WorkloadKind::kDbCluster:
      return "db-cluster";
    case WorkloadKind::kLoadBalancer:
      return "load-balancer";
    case WorkloadKind::kVpcEndpoint:
      return "vpc-endpoint";
  }
  return "instance";
}

}  // namespace polygraph
