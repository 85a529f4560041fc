// Routing of a snapshot: route tables with their routes and subnet
// associations, gateways (internet, egress-only, NAT, VPC endpoints,
// peering connections, transit gateways) and managed prefix lists.

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "base/strings.h"
#include "ingest/aws_api/snapshot_context.h"
#include "polygraph/ip_address.h"

namespace polygraph::ingest::aws_api {
namespace {

using ::polygraph::internal::ToAbsl;

// GatewayId names "local", an internet gateway, a gateway endpoint, or a
// virtual private gateway (which the model has no kind for).
RouteTargetKind GatewayKindOf(std::string_view id) {
  if (id == "local") return RouteTargetKind::kLocal;
  if (absl::StartsWith(ToAbsl(id), "igw-")) {
    return RouteTargetKind::kInternetGateway;
  }
  if (absl::StartsWith(ToAbsl(id), "vpce-")) {
    return RouteTargetKind::kVpcEndpoint;
  }
  return RouteTargetKind::kUnknown;
}

absl::Status ReadRoute(SnapshotContext& context, size_t table,
                       const Value& object) {
  Route route;
  route.route_table = table;
  route.location = object.location;
  absl::StatusOr<std::string> ipv4 =
      CidrField(object, "DestinationCidrBlock", ip::Family::kIpv4);
  if (!ipv4.ok()) return ipv4.status();
  absl::StatusOr<std::string> ipv6 =
      CidrField(object, "DestinationIpv6CidrBlock", ip::Family::kIpv6);
  if (!ipv6.ok()) return ipv6.status();
  route.destination_cidr = ipv4->empty() ? *std::move(ipv6) : *std::move(ipv4);
  if (route.destination_cidr.empty()) {
    absl::StatusOr<Link> list =
        LinkField(context, object, "DestinationPrefixListId");
    if (!list.ok()) return list.status();
    route.destination_prefix_list = list->index;
    route.destination_prefix_list_id = std::move(list->id);
  }
  // An instance route lists both InstanceId and NetworkInterfaceId: the
  // instance comes first.
  static constexpr std::pair<std::string_view, RouteTargetKind> kTargets[] = {
      {"GatewayId", RouteTargetKind::kUnknown},
      {"NatGatewayId", RouteTargetKind::kNatGateway},
      {"TransitGatewayId", RouteTargetKind::kTransitGateway},
      {"VpcPeeringConnectionId", RouteTargetKind::kVpcPeering},
      {"EgressOnlyInternetGatewayId",
       RouteTargetKind::kEgressOnlyInternetGateway},
      {"InstanceId", RouteTargetKind::kInstance},
      {"NetworkInterfaceId", RouteTargetKind::kNetworkInterface},
      {"CarrierGatewayId", RouteTargetKind::kCarrierGateway},
      {"LocalGatewayId", RouteTargetKind::kLocalGateway},
  };
  for (const auto& [key, kind] : kTargets) {
    absl::StatusOr<Link> target = LinkField(context, object, key);
    if (!target.ok()) return target.status();
    if (target->id.empty()) continue;
    route.target_kind = key == "GatewayId" ? GatewayKindOf(target->id) : kind;
    route.target = target->index;
    route.target_id = std::move(target->id);
    break;
  }
  absl::StatusOr<std::string> state = StringField(object, "State");
  if (!state.ok()) return state.status();
  route.blackhole = *state == "blackhole";
  context.builder.AddRoute(std::move(route));
  return absl::OkStatus();
}

absl::Status ReadRouteTable(SnapshotContext& context,
                            const Declared& declared) {
  const Value& object = *declared.object;
  absl::StatusOr<Link> vpc = LinkField(context, object, "VpcId");
  if (!vpc.ok()) return vpc.status();
  bool main = false;
  if (absl::Status s = ForEachObject(
          object, "Associations",
          [&](const Value& association) {
            absl::StatusOr<std::optional<bool>> is_main =
                BoolField(association, "Main");
            if (!is_main.ok()) return is_main.status();
            main = main || is_main->value_or(false);
            absl::StatusOr<Link> subnet =
                LinkField(context, association, "SubnetId");
            if (!subnet.ok()) return subnet.status();
            if (subnet->id.empty()) return absl::OkStatus();
            context.builder.AddRouteTableAssociation(
                RouteTableAssociation{.route_table = declared.index,
                                      .subnet = subnet->index,
                                      .subnet_id = std::move(subnet->id),
                                      .location = association.location});
            return absl::OkStatus();
          });
      !s.ok()) {
    return s;
  }
  context.builder.AddRouteTable(RouteTable{.resource = declared.index,
                                           .vpc = vpc->index,
                                           .vpc_id = std::move(vpc->id),
                                           .main = main,
                                           .location = object.location});
  return ForEachObject(object, "Routes", [&](const Value& route) {
    return ReadRoute(context, declared.index, route);
  });
}

void AddGateway(SnapshotContext& context, const Declared& declared,
                GatewayKind kind, size_t vpc, size_t subnet = kNoResource,
                bool private_nat = false, std::string service_name = "") {
  context.builder.AddGateway(Gateway{.resource = declared.index,
                                     .kind = kind,
                                     .vpc = vpc,
                                     .subnet = subnet,
                                     .private_nat = private_nat,
                                     .service_name = std::move(service_name),
                                     .location = declared.object->location});
}

// Internet and egress-only gateways: the VPC of their first attachment.
absl::Status ReadAttachedGateway(SnapshotContext& context,
                                 const Declared& declared, GatewayKind kind) {
  size_t vpc = kNoResource;
  if (absl::Status s = ForEachObject(*declared.object, "Attachments",
                                     [&](const Value& attachment) {
                                       absl::StatusOr<Link> link = LinkField(
                                           context, attachment, "VpcId");
                                       if (!link.ok()) return link.status();
                                       if (vpc == kNoResource)
                                         vpc = link->index;
                                       return absl::OkStatus();
                                     });
      !s.ok()) {
    return s;
  }
  AddGateway(context, declared, kind, vpc);
  return absl::OkStatus();
}

absl::Status ReadNatGateway(SnapshotContext& context,
                            const Declared& declared) {
  const Value& object = *declared.object;
  absl::StatusOr<Link> vpc = LinkField(context, object, "VpcId");
  if (!vpc.ok()) return vpc.status();
  absl::StatusOr<Link> subnet = LinkField(context, object, "SubnetId");
  if (!subnet.ok()) return subnet.status();
  absl::StatusOr<std::string> connectivity =
      StringField(object, "ConnectivityType");
  if (!connectivity.ok()) return connectivity.status();
  AddGateway(context, declared, GatewayKind::kNatGateway, vpc->index,
             subnet->index,
             /*private_nat=*/absl::AsciiStrToLower(*connectivity) == "private");
  return absl::OkStatus();
}

// Gateway endpoints appear as routes in their route tables already; an
// interface endpoint's first subnet is kept here (workloads.cc reads all).
absl::Status ReadEndpoint(SnapshotContext& context, const Declared& declared) {
  const Value& object = *declared.object;
  absl::StatusOr<Link> vpc = LinkField(context, object, "VpcId");
  if (!vpc.ok()) return vpc.status();
  absl::StatusOr<std::string> service = StringField(object, "ServiceName");
  if (!service.ok()) return service.status();
  size_t subnet = kNoResource;
  absl::StatusOr<const Value*> subnets = ArrayField(object, "SubnetIds");
  if (!subnets.ok()) return subnets.status();
  if (*subnets != nullptr && !(*subnets)->items.empty() &&
      (*subnets)->items[0].is_string()) {
    subnet = context.Find((*subnets)->items[0].text);
  }
  AddGateway(context, declared, GatewayKind::kVpcEndpoint, vpc->index, subnet,
             /*private_nat=*/false, *std::move(service));
  return absl::OkStatus();
}

// A peering connection belongs to the requester's VPC when the snapshot
// declares it, else to the accepter's.
absl::Status ReadPeering(SnapshotContext& context, const Declared& declared) {
  size_t vpc = kNoResource;
  for (std::string_view side : {"RequesterVpcInfo", "AccepterVpcInfo"}) {
    absl::StatusOr<const Value*> info = ObjectField(*declared.object, side);
    if (!info.ok()) return info.status();
    if (*info == nullptr) continue;
    absl::StatusOr<Link> link = LinkField(context, **info, "VpcId");
    if (!link.ok()) return link.status();
    if (vpc == kNoResource) vpc = link->index;
  }
  AddGateway(context, declared, GatewayKind::kVpcPeering, vpc);
  return absl::OkStatus();
}

// describe-prefix-lists prints Cidrs; get-managed-prefix-list-entries
// output merged into the list prints Entries[].Cidr. Either family.
absl::Status ReadPrefixList(SnapshotContext& context,
                            const Declared& declared) {
  const Value& object = *declared.object;
  PrefixList list;
  list.resource = declared.index;
  list.id = context.builder.current().resources()[declared.index].name;
  list.location = object.location;
  absl::StatusOr<const Value*> cidrs = ArrayField(object, "Cidrs");
  if (!cidrs.ok()) return cidrs.status();
  if (*cidrs != nullptr) {
    for (const Value& value : (*cidrs)->items) {
      absl::StatusOr<std::string> cidr =
          CidrValue(value, "Cidrs", std::nullopt);
      if (!cidr.ok()) return cidr.status();
      if (!cidr->empty()) list.cidrs.push_back(*std::move(cidr));
    }
  }
  if (absl::Status s = ForEachObject(object, "Entries",
                                     [&](const Value& entry) {
                                       absl::StatusOr<std::string> cidr =
                                           CidrField(entry, "Cidr",
                                                     std::nullopt);
                                       if (!cidr.ok()) return cidr.status();
                                       if (!cidr->empty()) {
                                         list.cidrs.push_back(*std::move(cidr));
                                       }
                                       return absl::OkStatus();
                                     });
      !s.ok()) {
    return s;
  }
  context.builder.AddPrefixList(std::move(list));
  return absl::OkStatus();
}

}  // namespace

absl::Status ReadRouting(SnapshotContext& context) {
  for (const Declared& table : context.Objects("RouteTables")) {
    if (absl::Status s = ReadRouteTable(context, table); !s.ok()) return s;
  }
  for (const Declared& gateway : context.Objects("InternetGateways")) {
    if (absl::Status s = ReadAttachedGateway(context, gateway,
                                             GatewayKind::kInternetGateway);
        !s.ok()) {
      return s;
    }
  }
  for (const Declared& gateway :
       context.Objects("EgressOnlyInternetGateways")) {
    if (absl::Status s = ReadAttachedGateway(
            context, gateway, GatewayKind::kEgressOnlyInternetGateway);
        !s.ok()) {
      return s;
    }
  }
  for (const Declared& gateway : context.Objects("NatGateways")) {
    if (absl::Status s = ReadNatGateway(context, gateway); !s.ok()) return s;
  }
  for (const Declared& endpoint : context.Objects("VpcEndpoints")) {
    if (absl::Status s = ReadEndpoint(context, endpoint); !s.ok()) return s;
  }
  for (const Declared& peering : context.Objects("VpcPeeringConnections")) {
    if (absl::Status s = ReadPeering(context, peering); !s.ok()) return s;
  }
  for (const Declared& gateway : context.Objects("TransitGateways")) {
    AddGateway(context, gateway, GatewayKind::kTransitGateway, kNoResource);
  }
  for (const Declared& list : context.Objects("PrefixLists")) {
    if (absl::Status s = ReadPrefixList(context, list); !s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace polygraph::ingest::aws_api
