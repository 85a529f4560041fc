// Network topology facets of a CloudFormation template: subnets, security
// groups, route tables and routes, gateways, network ACLs and prefix lists
// (see cloudformation_facets.h: AddTopologyFacets).

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "ingest/cloudformation_context.h"
#include "ingest/cloudformation_facets.h"
#include "ingest/cloudformation_links.h"
#include "ingest/protocol.h"
#include "polygraph/iam_policy.h"
#include "polygraph/ip_address.h"
#include "polygraph/model.h"

namespace polygraph::ingest {

namespace {

const Value& Properties(const Declaration& declaration) {
  static const Value* const kNone = new Value();
  return declaration.properties != nullptr ? *declaration.properties : *kNone;
}

// The link in property `key`, or an empty Link when absent.
Link LinkProperty(TemplateContext& context, const Value& holder,
                  std::string_view key) {
  const Value* value = holder.Find(key);
  if (value == nullptr) return Link{};
  return ReadLink(context, key, *value, "it is not declared here");
}

// A scalar property as text; "" when absent or symbolic (then noted).
std::string TextProperty(TemplateContext& context, const Value& holder,
                         std::string_view key) {
  const Value* value = holder.Find(key);
  if (value == nullptr) return "";
  if (const Value* resolved = context.Resolve(*value)) return resolved->text;
  context.NoteSymbolic(key, *value, "it is not analysed");
  return "";
}

// Reads an optional CIDR property into `out` ("" when absent or symbolic).
absl::Status CidrProperty(TemplateContext& context, const Value& holder,
                          std::string_view key, ip::Family family,
                          std::string& out) {
  const Value* value = holder.Find(key);
  if (value == nullptr) return absl::OkStatus();
  absl::StatusOr<std::optional<std::string>> cidr =
      context.ReadCidr(key, *value, family, "the address block is unknown");
  if (!cidr.ok()) return cidr.status();
  if (cidr->has_value()) out = **cidr;
  return absl::OkStatus();
}

// An integer property in [low, high]; nullopt when absent or symbolic.
absl::StatusOr<std::optional<int>> IntProperty(TemplateContext& context,
                                               const Value& holder,
                                               std::string_view key, int low,
                                               int high) {
  const Value* value = holder.Find(key);
  if (value == nullptr) return std::nullopt;
  const Value* resolved = context.Resolve(*value);
  if (resolved == nullptr) {
    context.NoteSymbolic(key, *value, "the number is unknown");
    return std::nullopt;
  }
  int number = 0;
  if ((!resolved->is_number() && !resolved->is_string()) ||
      !absl::SimpleAtoi(resolved->text, &number) || number < low ||
      number > high) {
    return InputError(
        resolved->location,
        absl::StrCat(internal::ToAbsl(key), " must be a number ", low, " to ",
                     high, ", found ", DescribeValue(*resolved)));
  }
  return number;
}

class TopologyReader {
 public:
  explicit TopologyReader(TemplateContext& context) : context_(context) {}

  absl::Status Read() {
    // Attachments first: a gateway's VPC comes from them.
    for (const Declaration& declaration : context_.declarations) {
      if (declaration.type != "AWS::EC2::VPCGatewayAttachment") continue;
      const Value& properties = Properties(declaration);
      const Value* gateway = properties.Find("InternetGatewayId");
      const Value* vpc = properties.Find("VpcId");
      if (gateway == nullptr || vpc == nullptr) continue;
      size_t gateway_index = context_.ReferencedResource(*gateway);
      if (gateway_index != kNoResource) {
        gateway_vpc_[gateway_index] = context_.ReferencedResource(*vpc);
      }
    }
    for (const Declaration& declaration : context_.declarations) {
      if (absl::Status s = ReadDeclaration(declaration); !s.ok()) return s;
    }
    return absl::OkStatus();
  }

 private:
  absl::Status ReadDeclaration(const Declaration& declaration) {
    const std::string& type = declaration.type;
    const Value& properties = Properties(declaration);
    if (type == "AWS::EC2::Subnet") return ReadSubnet(declaration, properties);
    if (type == "AWS::EC2::SecurityGroup") {
      return ReadSecurityGroup(declaration, properties);
    }
    if (type == "AWS::EC2::RouteTable") {
      Link vpc = LinkProperty(context_, properties, "VpcId");
      context_.builder.AddRouteTable(
          RouteTable{.resource = declaration.index,
                     .vpc = vpc.index,
                     .vpc_id = std::move(vpc.id),
                     .main = false,
                     .location = declaration.location});
      return absl::OkStatus();
    }
    if (type == "AWS::EC2::Route") return ReadRoute(declaration, properties);
    if (type == "AWS::EC2::SubnetRouteTableAssociation") {
      Link subnet = LinkProperty(context_, properties, "SubnetId");
      context_.builder.AddRouteTableAssociation(RouteTableAssociation{
          .route_table =
              LinkProperty(context_, properties, "RouteTableId").index,
          .subnet = subnet.index,
          .subnet_id = std::move(subnet.id),
          .location = declaration.location});
      return absl::OkStatus();
    }
    if (type == "AWS::EC2::InternetGateway") {
      auto it = gateway_vpc_.find(declaration.index);
      AddGateway(declaration, GatewayKind::kInternetGateway,
                 it == gateway_vpc_.end() ? kNoResource : it->second);
      return absl::OkStatus();
    }
    if (type == "AWS::EC2::EgressOnlyInternetGateway") {
      AddGateway(declaration, GatewayKind::kEgressOnlyInternetGateway,
                 LinkProperty(context_, properties, "VpcId").index);
      return absl::OkStatus();
    }
    if (type == "AWS::EC2::NatGateway") {
      return ReadNatGateway(declaration, properties);
    }
    if (type == "AWS::EC2::VPCEndpoint") {
      return ReadEndpoint(declaration, properties);
    }
    if (type == "AWS::EC2::NetworkAcl") {
      Link vpc = LinkProperty(context_, properties, "VpcId");
      context_.builder.AddNetworkAcl(
          NetworkAcl{.resource = declaration.index,
                     .vpc = vpc.index,
                     .vpc_id = std::move(vpc.id),
                     .is_default = false,
                     .location = declaration.location});
      return absl::OkStatus();
    }
    if (type == "AWS::EC2::NetworkAclEntry") {
      return context_.LeaveOutInvalid(ReadAclEntry(declaration, properties),
                                      "the entry is left out");
    }
    if (type == "AWS::EC2::SubnetNetworkAclAssociation") {
      Link subnet = LinkProperty(context_, properties, "SubnetId");
      context_.builder.AddNetworkAclAssociation(NetworkAclAssociation{
          .network_acl =
              LinkProperty(context_, properties, "NetworkAclId").index,
          .subnet = subnet.index,
          .subnet_id = std::move(subnet.id),
          .location = declaration.location});
      return absl::OkStatus();
    }
    if (type == "AWS::EC2::PrefixList") {
      return ReadPrefixList(declaration, properties);
    }
    return absl::OkStatus();
  }

  absl::Status ReadSubnet(const Declaration& declaration,
                          const Value& properties) {
    Subnet subnet;
    subnet.resource = declaration.index;
    Link vpc = LinkProperty(context_, properties, "VpcId");
    subnet.vpc = vpc.index;
    subnet.vpc_id = std::move(vpc.id);
    // AddVpcFacets already validated (and noted) the blocks: reuse them.
    for (const NetworkBlock& block :
         context_.builder.current().network_blocks()) {
      if (block.resource != declaration.index || !block.subnet) continue;
      (absl::StrContains(block.cidr, ":") ? subnet.ipv6_cidr
                                          : subnet.ipv4_cidr) = block.cidr;
    }
    subnet.availability_zone =
        TextProperty(context_, properties, "AvailabilityZone");
    if (absl::Status s = context_.ReadFlag(properties, "MapPublicIpOnLaunch",
                                           subnet.map_public_ip_on_launch);
        !s.ok()) {
      return s;
    }
    subnet.location = declaration.location;
    context_.builder.AddSubnet(std::move(subnet));
    return absl::OkStatus();
  }

  absl::Status ReadSecurityGroup(const Declaration& declaration,
                                 const Value& properties) {
    Link vpc = LinkProperty(context_, properties, "VpcId");
    // CloudFormation keeps AWS's allow-all egress rule unless egress is
    // given inline; standalone AWS::EC2::SecurityGroupEgress rules add to
    // it. AddNetworkFacets reads the written rules, never this one.
    const bool default_egress =
        properties.Find("SecurityGroupEgress") == nullptr;
    context_.builder.AddSecurityGroup(
        SecurityGroup{.resource = declaration.index,
                      .vpc = vpc.index,
                      .vpc_id = std::move(vpc.id),
                      .default_egress = default_egress,
                      .location = declaration.location});
    if (default_egress) {
      SecurityGroupRule rule;
      rule.group = declaration.index;
      rule.ingress = false;
      rule.protocol = "-1";
      rule.cidr = "0.0.0.0/0";
      rule.implicit_default = true;
      rule.location = declaration.location;
      context_.builder.AddSecurityGroupRule(std::move(rule));
    }
    return absl::OkStatus();
  }

  absl::Status ReadRoute(const Declaration& declaration,
                         const Value& properties) {
    Route route;
    route.route_table =
        LinkProperty(context_, properties, "RouteTableId").index;
    route.location = declaration.location;
    if (absl::Status s =
            CidrProperty(context_, properties, "DestinationCidrBlock",
                         ip::Family::kIpv4, route.destination_cidr);
        !s.ok()) {
      return s;
    }
    if (absl::Status s =
            CidrProperty(context_, properties, "DestinationIpv6CidrBlock",
                         ip::Family::kIpv6, route.destination_cidr);
        !s.ok()) {
      return s;
    }
    if (properties.Find("DestinationPrefixListId") != nullptr) {
      Link list = LinkProperty(context_, properties, "DestinationPrefixListId");
      route.destination_prefix_list = list.index;
      route.destination_prefix_list_id = std::move(list.id);
    }
    static constexpr std::pair<std::string_view, RouteTargetKind> kTargets[] = {
        {"GatewayId", RouteTargetKind::kUnknown},
        {"NatGatewayId", RouteTargetKind::kNatGateway},
        {"EgressOnlyInternetGatewayId",
         RouteTargetKind::kEgressOnlyInternetGateway},
        {"VpcPeeringConnectionId", RouteTargetKind::kVpcPeering},
        {"TransitGatewayId", RouteTargetKind::kTransitGateway},
        {"VpcEndpointId", RouteTargetKind::kVpcEndpoint},
        {"NetworkInterfaceId", RouteTargetKind::kNetworkInterface},
        {"InstanceId", RouteTargetKind::kInstance},
        {"CarrierGatewayId", RouteTargetKind::kCarrierGateway},
        {"LocalGatewayId", RouteTargetKind::kLocalGateway},
    };
    for (const auto& [key, kind] : kTargets) {
      if (properties.Find(key) == nullptr) continue;
      Link target = LinkProperty(context_, properties, key);
      route.target = target.index;
      route.target_id = std::move(target.id);
      route.target_kind = key == "GatewayId"
                              ? GatewayKindOf(route.target, route.target_id)
                              : kind;
      break;
    }
    context_.builder.AddRoute(std::move(route));
    return absl::OkStatus();
  }

  // GatewayId names an internet gateway, a gateway endpoint, or "local".
  RouteTargetKind GatewayKindOf(size_t index, std::string_view id) const {
    if (index != kNoResource) {
      std::string_view type = TypeOf(context_, index);
      if (type == "AWS::EC2::InternetGateway") {
        return RouteTargetKind::kInternetGateway;
      }
      if (type == "AWS::EC2::VPCEndpoint") return RouteTargetKind::kVpcEndpoint;
      return RouteTargetKind::kUnknown;
    }
    if (id == "local") return RouteTargetKind::kLocal;
    if (absl::StartsWith(internal::ToAbsl(id), "igw-")) {
      return RouteTargetKind::kInternetGateway;
    }
    if (absl::StartsWith(internal::ToAbsl(id), "vpce-")) {
      return RouteTargetKind::kVpcEndpoint;
    }
    return RouteTargetKind::kUnknown;
  }

  void AddGateway(const Declaration& declaration, GatewayKind kind, size_t vpc,
                  size_t subnet = kNoResource, bool private_nat = false,
                  std::string service_name = "") {
    context_.builder.AddGateway(Gateway{.resource = declaration.index,
                                        .kind = kind,
                                        .vpc = vpc,
                                        .subnet = subnet,
                                        .private_nat = private_nat,
                                        .service_name = std::move(service_name),
                                        .location = declaration.location});
  }

  absl::Status ReadNatGateway(const Declaration& declaration,
                              const Value& properties) {
    const size_t subnet = LinkProperty(context_, properties, "SubnetId").index;
    size_t vpc = kNoResource;
    if (const Declaration* subnet_declaration =
            DeclarationOf(context_, subnet)) {
      if (const Value* vpc_value =
              Properties(*subnet_declaration).Find("VpcId")) {
        vpc = context_.ReferencedResource(*vpc_value);
      }
    }
    const std::string connectivity = absl::AsciiStrToLower(
        TextProperty(context_, properties, "ConnectivityType"));
    AddGateway(declaration, GatewayKind::kNatGateway, vpc, subnet,
               /*private_nat=*/connectivity == "private");
    return absl::OkStatus();
  }

  // Gateway endpoints (the default type) add a route to the service's
  // prefix list in each of their RouteTableIds; interface endpoints are
  // workloads (AddWorkloadFacets).
  absl::Status ReadEndpoint(const Declaration& declaration,
                            const Value& properties) {
    const size_t vpc = LinkProperty(context_, properties, "VpcId").index;
    std::string service;
    if (const Value* name = properties.Find("ServiceName")) {
      const Value* resolved = context_.Resolve(*name);
      if (resolved != nullptr) {
        service = resolved->text;
      } else {
        service = iam::RenderSymbolic(*name);
        context_.NoteSymbolic("ServiceName", *name,
                              "the service is kept as its rendering");
      }
    }
    // Absent means Gateway; a symbolic type (noted) is read as that default.
    const std::string type = absl::AsciiStrToLower(
        TextProperty(context_, properties, "VpcEndpointType"));
    const bool gateway = type.empty() || type == "gateway";
    // An interface endpoint's first declared subnet; AddWorkloadFacets reads
    // (and notes) its SubnetIds.
    size_t subnet = kNoResource;
    const Value* subnets = properties.Find("SubnetIds");
    if (!gateway && subnets != nullptr && subnets->is_array()) {
      for (const Value& entry : subnets->items) {
        subnet = context_.ReferencedResource(entry);
        if (subnet != kNoResource) break;
      }
    }
    AddGateway(declaration, GatewayKind::kVpcEndpoint, vpc, subnet,
               /*private_nat=*/false, service);
    const Value* tables = properties.Find("RouteTableIds");
    if (!gateway || tables == nullptr) return absl::OkStatus();
    ForEachLink(context_, "RouteTableIds", *tables, [&](Link table) {
      Route route;
      route.route_table = table.index;
      route.destination_prefix_list_id = absl::StrCat("pl-", service);
      route.target_kind = RouteTargetKind::kVpcEndpoint;
      route.target = declaration.index;
      route.location = tables->location;
      context_.builder.AddRoute(std::move(route));
    });
    return absl::OkStatus();
  }

  absl::Status ReadAclEntry(const Declaration& declaration,
                            const Value& properties) {
    NetworkAclEntry entry;
    entry.network_acl =
        LinkProperty(context_, properties, "NetworkAclId").index;
    entry.location = declaration.location;
    absl::StatusOr<std::optional<int>> number =
        IntProperty(context_, properties, "RuleNumber", 1, 32766);
    if (!number.ok()) return number.status();
    entry.rule_number = number->value_or(0);
    if (absl::Status s = ReadAclProtocol(properties, entry); !s.ok()) return s;
    if (const Value* action = properties.Find("RuleAction")) {
      if (const Value* resolved = context_.Resolve(*action)) {
        const std::string text = absl::AsciiStrToLower(resolved->text);
        if (!resolved->is_string() || (text != "allow" && text != "deny")) {
          return InputError(resolved->location,
                            absl::StrCat("RuleAction must be allow or deny, "
                                         "found ",
                                         DescribeValue(*resolved)));
        }
        entry.allow = text == "allow";
      } else {
        context_.NoteSymbolic("RuleAction", *action,
                              "the entry is read as a deny");
      }
    }
    LocatedBool egress;
    if (absl::Status s = context_.ReadFlag(properties, "Egress", egress);
        !s.ok()) {
      return s;
    }
    entry.egress = egress.value;
    if (absl::Status s = CidrProperty(context_, properties, "CidrBlock",
                                      ip::Family::kIpv4, entry.cidr);
        !s.ok()) {
      return s;
    }
    if (absl::Status s = CidrProperty(context_, properties, "Ipv6CidrBlock",
                                      ip::Family::kIpv6, entry.cidr);
        !s.ok()) {
      return s;
    }
    if (absl::Status s = ReadPortRange(properties, entry); !s.ok()) return s;
    context_.builder.AddNetworkAclEntry(std::move(entry));
    return absl::OkStatus();
  }

  // Protocol is a number (-1 for all); names are accepted too.
  absl::Status ReadAclProtocol(const Value& properties,
                               NetworkAclEntry& entry) {
    const Value* value = properties.Find("Protocol");
    if (value == nullptr) return absl::OkStatus();
    const Value* resolved = context_.Resolve(*value);
    if (resolved == nullptr) {
      context_.NoteSymbolic("Protocol", *value,
                            "the entry's protocol is unknown");
      return absl::OkStatus();
    }
    if (std::optional<std::string> protocol = NormalizeProtocol(*resolved)) {
      entry.protocol = *std::move(protocol);
    } else {
      return InputError(
          resolved->location,
          absl::StrCat("Protocol must be a protocol number (0 to 255) or -1, "
                       "found ",
                       DescribeValue(*resolved)));
    }
    return absl::OkStatus();
  }

  absl::Status ReadPortRange(const Value& properties, NetworkAclEntry& entry) {
    const Value* range = properties.Find("PortRange");
    if (range == nullptr || !range->is_object()) return absl::OkStatus();
    absl::StatusOr<std::optional<int>> from =
        IntProperty(context_, *range, "From", 0, 65535);
    if (!from.ok()) return from.status();
    absl::StatusOr<std::optional<int>> to =
        IntProperty(context_, *range, "To", 0, 65535);
    if (!to.ok()) return to.status();
    if (from->has_value() && to->has_value() && **from > **to) {
      return InputError(range->Find("From")->location,
                        absl::StrCat("PortRange From ", **from,
                                     " is greater than To ", **to));
    }
    if (entry.protocol == "tcp" || entry.protocol == "udp") {
      entry.from_port = from->value_or(-1);
      entry.to_port = to->value_or(-1);
    }
    return absl::OkStatus();
  }

  absl::Status ReadPrefixList(const Declaration& declaration,
                              const Value& properties) {
    PrefixList list;
    list.resource = declaration.index;
    list.location = declaration.location;
    const std::string family =
        TextProperty(context_, properties, "AddressFamily");
    const ip::Family cidr_family = absl::AsciiStrToLower(family) == "ipv6"
                                       ? ip::Family::kIpv6
                                       : ip::Family::kIpv4;
    if (const Value* entries = properties.Find("Entries")) {
      if (absl::Status s = ForEachListEntry(
              *entries, "Entries", context_,
              [&](const Value& entry) {
                std::string cidr;
                if (absl::Status s = CidrProperty(context_, entry, "Cidr",
                                                  cidr_family, cidr);
                    !s.ok()) {
                  return s;
                }
                if (!cidr.empty()) list.cidrs.push_back(std::move(cidr));
                return absl::OkStatus();
              });
          !s.ok()) {
        return s;
      }
    }
    context_.builder.AddPrefixList(std::move(list));
    return absl::OkStatus();
  }

  TemplateContext& context_;
  // Internet gateway index -> the VPC its attachment names.
  absl::flat_hash_map<size_t, size_t> gateway_vpc_;
};

}  // namespace

absl::Status AddTopologyFacets(TemplateContext& context) {
  return TopologyReader(context).Read();
}

}  // namespace polygraph::ingest
