// Terraform's VPC resources as CloudFormation's (terraform_resources.h):
// VPCs, subnets, routing, gateways, endpoints, security groups and their
// rules, network ACLs.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "ingest/cloudformation_text.h"
#include "ingest/terraform_resources_internal.h"

namespace polygraph::ingest::terraform_internal {
namespace {

absl::Status Vpc(const ResourceInstance& instance, Synthesis& synthesis) {
  Entry& entry = synthesis.AddMain(instance, "AWS::EC2::VPC");
  CopyAll(synthesis, instance.attributes, entry.properties,
          {{"cidr_block", "CidrBlock"},
           {"instance_tenancy", "InstanceTenancy"},
           {"enable_dns_support", "EnableDnsSupport"},
           {"enable_dns_hostnames", "EnableDnsHostnames"}});
  return absl::OkStatus();
}

absl::Status VpcCidrBlock(const ResourceInstance& instance,
                          Synthesis& synthesis) {
  Entry& entry = synthesis.AddMain(instance, "AWS::EC2::VPCCidrBlock");
  CopyAll(synthesis, instance.attributes, entry.properties,
          {{"vpc_id", "VpcId"}, {"cidr_block", "CidrBlock"}});
  return absl::OkStatus();
}

absl::Status Subnet(const ResourceInstance& instance, Synthesis& synthesis) {
  Entry& entry = synthesis.AddMain(instance, "AWS::EC2::Subnet");
  CopyAll(synthesis, instance.attributes, entry.properties,
          {{"vpc_id", "VpcId"},
           {"cidr_block", "CidrBlock"},
           {"ipv6_cidr_block", "Ipv6CidrBlock"},
           {"availability_zone", "AvailabilityZone"},
           {"availability_zone_id", "AvailabilityZoneId"},
           {"map_public_ip_on_launch", "MapPublicIpOnLaunch"}});
  return absl::OkStatus();
}

// The destination and target of a route (an aws_route or a route block),
// whose attribute names differ only in the destination's.
void RouteProperties(Synthesis& synthesis, const TfValue& route,
                     bool inline_block, Value& properties) {
  if (inline_block) {
    CopyAll(synthesis, route, properties,
            {{"cidr_block", "DestinationCidrBlock"},
             {"ipv6_cidr_block", "DestinationIpv6CidrBlock"},
             {"destination_prefix_list_id", "DestinationPrefixListId"}});
  } else {
    CopyAll(synthesis, route, properties,
            {{"destination_cidr_block", "DestinationCidrBlock"},
             {"destination_ipv6_cidr_block", "DestinationIpv6CidrBlock"},
             {"destination_prefix_list_id", "DestinationPrefixListId"}});
  }
  CopyAll(synthesis, route, properties,
          {{"gateway_id", "GatewayId"},
           {"nat_gateway_id", "NatGatewayId"},
           {"egress_only_gateway_id", "EgressOnlyInternetGatewayId"},
           {"vpc_peering_connection_id", "VpcPeeringConnectionId"},
           {"transit_gateway_id", "TransitGatewayId"},
           {"vpc_endpoint_id", "VpcEndpointId"},
           {"network_interface_id", "NetworkInterfaceId"},
           {"instance_id", "InstanceId"},
           {"carrier_gateway_id", "CarrierGatewayId"},
           {"local_gateway_id", "LocalGatewayId"}});
}

absl::Status RouteTable(const ResourceInstance& instance,
                        Synthesis& synthesis) {
  Entry& entry = synthesis.AddMain(instance, "AWS::EC2::RouteTable");
  Copy(synthesis, instance.attributes, "vpc_id", entry.properties, "VpcId");
  const std::string id = entry.logical_id;
  std::vector<const TfValue*> routes = Blocks(instance.attributes, "route");
  for (size_t i = 0; i < routes.size(); ++i) {
    Entry& route = synthesis.AddExtra(instance, absl::StrCat("route[", i, "]"),
                                      "AWS::EC2::Route", routes[i]->location);
    Put(route.properties, "RouteTableId", Ref(id, routes[i]->location),
        routes[i]->location);
    RouteProperties(synthesis, *routes[i], /*inline_block=*/true,
                    route.properties);
  }
  return absl::OkStatus();
}

absl::Status Route(const ResourceInstance& instance, Synthesis& synthesis) {
  Entry& entry = synthesis.AddMain(instance, "AWS::EC2::Route");
  Copy(synthesis, instance.attributes, "route_table_id", entry.properties,
       "RouteTableId");
  RouteProperties(synthesis, instance.attributes, /*inline_block=*/false,
                  entry.properties);
  return absl::OkStatus();
}

absl::Status RouteTableAssociation(const ResourceInstance& instance,
                                   Synthesis& synthesis) {
  if (Attribute(instance.attributes, "subnet_id") == nullptr) {
    synthesis.AddGeneric(instance);  // a gateway's edge association
    return absl::OkStatus();
  }
  Entry& entry =
      synthesis.AddMain(instance, "AWS::EC2::SubnetRouteTableAssociation");
  CopyAll(synthesis, instance.attributes, entry.properties,
          {{"subnet_id", "SubnetId"}, {"route_table_id", "RouteTableId"}});
  return absl::OkStatus();
}

absl::Status InternetGateway(const ResourceInstance& instance,
                             Synthesis& synthesis) {
  Entry& entry = synthesis.AddMain(instance, "AWS::EC2::InternetGateway");
  const std::string id = entry.logical_id;
  if (const TfValue* vpc = Attribute(instance.attributes, "vpc_id")) {
    Entry& attachment =
        synthesis.AddExtra(instance, "attachment",
                           "AWS::EC2::VPCGatewayAttachment", vpc->location);
    Put(attachment.properties, "InternetGatewayId", Ref(id, vpc->location),
        vpc->location);
    Put(attachment.properties, "VpcId", synthesis.Convert(*vpc),
        KeyLocation(instance.attributes, "vpc_id"));
  }
  return absl::OkStatus();
}

absl::Status GatewayAttachment(const ResourceInstance& instance,
                               Synthesis& synthesis) {
  Entry& entry = synthesis.AddMain(instance, "AWS::EC2::VPCGatewayAttachment");
  CopyAll(synthesis, instance.attributes, entry.properties,
          {{"internet_gateway_id", "InternetGatewayId"}, {"vpc_id", "VpcId"}});
  return absl::OkStatus();
}

absl::Status EgressOnlyGateway(const ResourceInstance& instance,
                               Synthesis& synthesis) {
  Entry& entry =
      synthesis.AddMain(instance, "AWS::EC2::EgressOnlyInternetGateway");
  Copy(synthesis, instance.attributes, "vpc_id", entry.properties, "VpcId");
  return absl::OkStatus();
}

absl::Status NatGateway(const ResourceInstance& instance,
                        Synthesis& synthesis) {
  Entry& entry = synthesis.AddMain(instance, "AWS::EC2::NatGateway");
  CopyAll(synthesis, instance.attributes, entry.properties,
          {{"subnet_id", "SubnetId"},
           {"allocation_id", "AllocationId"},
           {"connectivity_type", "ConnectivityType"}});
  return absl::OkStatus();
}

absl::Status VpcEndpoint(const ResourceInstance& instance,
                         Synthesis& synthesis) {
  Entry& entry = synthesis.AddMain(instance, "AWS::EC2::VPCEndpoint");
  const TfValue& a = instance.attributes;
  CopyAll(synthesis, a, entry.properties,
          {{"vpc_id", "VpcId"},
           {"service_name", "ServiceName"},
           {"vpc_endpoint_type", "VpcEndpointType"},
           {"private_dns_enabled", "PrivateDnsEnabled"}});
  for (const auto& [from, to] :
       {Pair{"route_table_ids", "RouteTableIds"},
        Pair{"subnet_ids", "SubnetIds"},
        Pair{"security_group_ids", "SecurityGroupIds"}}) {
    if (const TfValue* list = Attribute(a, from)) {
      Put(entry.properties, to, ListOf(synthesis, *list), KeyLocation(a, from));
    }
  }
  if (const TfValue* policy = Attribute(a, "policy")) {
    absl::StatusOr<Value> document = synthesis.ConvertPolicy(*policy);
    if (!document.ok()) return document.status();
    Put(entry.properties, "PolicyDocument", *std::move(document),
        KeyLocation(a, "policy"));
  }
  return absl::OkStatus();
}

absl::Status PeeringConnection(const ResourceInstance& instance,
                               Synthesis& synthesis) {
  Entry& entry = synthesis.AddMain(instance, "AWS::EC2::VPCPeeringConnection");
  CopyAll(synthesis, instance.attributes, entry.properties,
          {{"vpc_id", "VpcId"},
           {"peer_vpc_id", "PeerVpcId"},
           {"peer_owner_id", "PeerOwnerId"},
           {"peer_region", "PeerRegion"}});
  return absl::OkStatus();
}

// --- Security groups ---

// A rule object with the protocol, ports and description of `block`.
Value RuleBase(Synthesis& synthesis, const TfValue& block,
               std::string_view protocol_key) {
  Value rule = evaluation::MakeObject(block.location);
  Copy(synthesis, block, protocol_key, rule, "IpProtocol");
  Copy(synthesis, block, "from_port", rule, "FromPort");
  Copy(synthesis, block, "to_port", rule, "ToPort");
  Copy(synthesis, block, "description", rule, "Description");
  return rule;
}

// The peers of a rule block as (CloudFormation key, value) pairs: one per
// CIDR, prefix list and peer group; `self_group`, when set, is the group
// the block's self = true names.
std::vector<std::pair<std::string, Value>> Peers(Synthesis& synthesis,
                                                 const TfValue& block,
                                                 bool ingress,
                                                 const Value* self_group) {
  std::vector<std::pair<std::string, Value>> peers;
  const std::string group_key =
      ingress ? "SourceSecurityGroupId" : "DestinationSecurityGroupId";
  const std::string prefix_key =
      ingress ? "SourcePrefixListId" : "DestinationPrefixListId";
  const std::pair<std::string_view, std::string> lists[] = {
      {"cidr_blocks", "CidrIp"},
      {"ipv6_cidr_blocks", "CidrIpv6"},
      {"prefix_list_ids", prefix_key},
      {"security_groups", group_key}};
  for (const auto& [from, to] : lists) {
    const TfValue* list = Attribute(block, from);
    if (list == nullptr) continue;
    if (list->kind == TfValue::Kind::kList) {
      for (const TfValue& item : list->items) {
        peers.emplace_back(to, synthesis.Convert(item));
      }
    } else {  // a single value, or a whole list known after apply
      peers.emplace_back(to, synthesis.Convert(*list));
    }
  }
  // aws_security_group_rule and the VPC rule resources.
  const std::pair<std::string_view, std::string> singles[] = {
      {"source_security_group_id", group_key},
      {"referenced_security_group_id", group_key},
      {"cidr_ipv4", "CidrIp"},
      {"cidr_ipv6", "CidrIpv6"},
      {"prefix_list_id", prefix_key}};
  for (const auto& [from, to] : singles) {
    if (const TfValue* value = Attribute(block, from)) {
      peers.emplace_back(to, synthesis.Convert(*value));
    }
  }
  const TfValue* self = Attribute(block, "self");
  // A bool argument may arrive as a string ("true" from a map(string)
  // variable); the provider converts it as Terraform does.
  const bool self_set =
      self != nullptr &&
      ((self->kind == TfValue::Kind::kBool && self->boolean) ||
       (self->kind == TfValue::Kind::kString && self->text == "true"));
  if (self_group != nullptr && self_set) {
    Value group = *self_group;
    group = evaluation::Relocated(std::move(group), self->location);
    peers.emplace_back(group_key, std::move(group));
  }
  // Whether the rule admits its own group is known only after apply, and
  // it names no other peer: the peer stays symbolic (a note), not "none".
  if (peers.empty() && self != nullptr && !self->is_known()) {
    peers.emplace_back(group_key, synthesis.Convert(*self));
  }
  return peers;
}

absl::Status SecurityGroup(const ResourceInstance& instance,
                           Synthesis& synthesis) {
  Entry& entry = synthesis.AddMain(instance, "AWS::EC2::SecurityGroup");
  const TfValue& a = instance.attributes;
  const std::string id = entry.logical_id;
  Put(entry.properties, "GroupDescription",
      Attribute(a, "description") != nullptr
          ? synthesis.Convert(*Attribute(a, "description"))
          : Text("Managed by Terraform", instance.location),
      KeyLocation(a, "description"));
  CopyAll(synthesis, a, entry.properties,
          {{"name", "GroupName"}, {"vpc_id", "VpcId"}});
  for (bool ingress : {true, false}) {
    const std::string_view block_type = ingress ? "ingress" : "egress";
    const std::string key =
        ingress ? "SecurityGroupIngress" : "SecurityGroupEgress";
    // Terraform removes AWS's allow-all egress rule: an empty
    // SecurityGroupEgress says the group has no egress rule.
    Value rules = evaluation::MakeArray({}, instance.location);
    std::vector<const TfValue*> blocks = Blocks(a, block_type);
    for (size_t i = 0; i < blocks.size(); ++i) {
      const TfValue& block = *blocks[i];
      // A self rule names the group itself: a standalone rule resource, as
      // an inline Ref to the group would be a circular dependency.
      const Value self = Ref(id, block.location);
      for (auto& [peer_key, peer] : Peers(synthesis, block, ingress, &self)) {
        const bool is_self = peer.is_object() && peer.keys.size() == 1 &&
                             peer.keys[0] == "Ref" && peer.items[0].text == id;
        Value rule = RuleBase(synthesis, block, "protocol");
        Put(rule, peer_key, std::move(peer), block.location);
        if (!is_self) {
          rules.items.push_back(std::move(rule));
          continue;
        }
        Entry& standalone = synthesis.AddExtra(
            instance,
            absl::StrCat(internal::ToAbsl(block_type), "[", i, "].self"),
            ingress ? "AWS::EC2::SecurityGroupIngress"
                    : "AWS::EC2::SecurityGroupEgress",
            block.location);
        standalone.properties = std::move(rule);
        Put(standalone.properties, "GroupId", Ref(id, block.location),
            block.location);
      }
    }
    Put(entry.properties, key, std::move(rules),
        blocks.empty() ? instance.location : KeyLocation(a, block_type));
  }
  return absl::OkStatus();
}

// One standalone rule resource per peer: the first is the instance's own,
// the others extras named after the peer.
absl::Status StandaloneRules(const ResourceInstance& instance,
                             Synthesis& synthesis, bool ingress,
                             std::string_view protocol_key) {
  const TfValue& a = instance.attributes;
  const std::string type = ingress ? "AWS::EC2::SecurityGroupIngress"
                                   : "AWS::EC2::SecurityGroupEgress";
  const TfValue* group = Attribute(a, "security_group_id");
  Value group_value = group != nullptr ? synthesis.Convert(*group) : Value();
  std::vector<std::pair<std::string, Value>> peers =
      Peers(synthesis, a, ingress, group != nullptr ? &group_value : nullptr);
  if (peers.empty()) peers.emplace_back("", Value());
  for (size_t i = 0; i < peers.size(); ++i) {
    Entry& entry =
        i == 0 ? synthesis.AddMain(instance, type)
               : synthesis.AddExtra(instance, absl::StrCat("peer[", i, "]"),
                                    type, instance.location);
    entry.properties = RuleBase(synthesis, a, protocol_key);
    entry.properties.location = instance.location;
    if (group != nullptr) {
      Put(entry.properties, "GroupId", group_value,
          KeyLocation(a, "security_group_id"));
    }
    if (!peers[i].first.empty()) {
      Put(entry.properties, peers[i].first, std::move(peers[i].second),
          peers[i].second.location);
    }
  }
  return absl::OkStatus();
}

absl::Status SecurityGroupRule(const ResourceInstance& instance,
                               Synthesis& synthesis) {
  const TfValue* type = Attribute(instance.attributes, "type");
  const bool ingress = type == nullptr || type->text != "egress";
  return StandaloneRules(instance, synthesis, ingress, "protocol");
}

absl::Status VpcIngressRule(const ResourceInstance& instance,
                            Synthesis& synthesis) {
  return StandaloneRules(instance, synthesis, /*ingress=*/true, "ip_protocol");
}

absl::Status VpcEgressRule(const ResourceInstance& instance,
                           Synthesis& synthesis) {
  return StandaloneRules(instance, synthesis, /*ingress=*/false, "ip_protocol");
}

// --- Network ACLs ---

// An AWS::EC2::NetworkAclEntry's properties from an inline block or an
// aws_network_acl_rule; `inline_block` selects the attribute names.
void AclEntry(Synthesis& synthesis, const TfValue& rule, bool inline_block,
              Value& properties) {
  CopyAll(synthesis, rule, properties,
          {{inline_block ? "rule_no" : "rule_number", "RuleNumber"},
           {inline_block ? "action" : "rule_action", "RuleAction"},
           {"protocol", "Protocol"},
           {"cidr_block", "CidrBlock"},
           {"ipv6_cidr_block", "Ipv6CidrBlock"}});
  if (!inline_block) Copy(synthesis, rule, "egress", properties, "Egress");
  if (Attribute(rule, "from_port") != nullptr ||
      Attribute(rule, "to_port") != nullptr) {
    Value range = evaluation::MakeObject(rule.location);
    Copy(synthesis, rule, "from_port", range, "From");
    Copy(synthesis, rule, "to_port", range, "To");
    Put(properties, "PortRange", std::move(range),
        KeyLocation(rule, "from_port"));
  }
}

absl::Status NetworkAcl(const ResourceInstance& instance,
                        Synthesis& synthesis) {
  Entry& entry = synthesis.AddMain(instance, "AWS::EC2::NetworkAcl");
  const TfValue& a = instance.attributes;
  Copy(synthesis, a, "vpc_id", entry.properties, "VpcId");
  const std::string id = entry.logical_id;
  for (bool egress : {false, true}) {
    const std::string_view block_type = egress ? "egress" : "ingress";
    std::vector<const TfValue*> blocks = Blocks(a, block_type);
    for (size_t i = 0; i < blocks.size(); ++i) {
      const SourceLocation& at = blocks[i]->location;
      Entry& rule = synthesis.AddExtra(
          instance, absl::StrCat(internal::ToAbsl(block_type), "[", i, "]"),
          "AWS::EC2::NetworkAclEntry", at);
      Put(rule.properties, "NetworkAclId", Ref(id, at), at);
      Value flag;
      flag.kind = Value::Kind::kBool;
      flag.boolean = egress;
      flag.text = egress ? "true" : "false";
      flag.location = at;
      Put(rule.properties, "Egress", std::move(flag), at);
      AclEntry(synthesis, *blocks[i], /*inline_block=*/true, rule.properties);
    }
  }
  if (const TfValue* subnets = Attribute(a, "subnet_ids")) {
    std::vector<TfValue> items;
    if (subnets->kind == TfValue::Kind::kList) {
      items = subnets->items;
    } else {
      items.push_back(*subnets);
    }
    for (size_t i = 0; i < items.size(); ++i) {
      Entry& association = synthesis.AddExtra(
          instance, absl::StrCat("subnet_ids[", i, "]"),
          "AWS::EC2::SubnetNetworkAclAssociation", items[i].location);
      Put(association.properties, "NetworkAclId", Ref(id, items[i].location),
          items[i].location);
      Put(association.properties, "SubnetId", synthesis.Convert(items[i]),
          items[i].location);
    }
  }
  return absl::OkStatus();
}

absl::Status NetworkAclRule(const ResourceInstance& instance,
                            Synthesis& synthesis) {
  Entry& entry = synthesis.AddMain(instance, "AWS::EC2::NetworkAclEntry");
  Copy(synthesis, instance.attributes, "network_acl_id", entry.properties,
       "NetworkAclId");
  AclEntry(synthesis, instance.attributes, /*inline_block=*/false,
           entry.properties);
  return absl::OkStatus();
}

absl::Status NetworkAclAssociation(const ResourceInstance& instance,
                                   Synthesis& synthesis) {
  Entry& entry =
      synthesis.AddMain(instance, "AWS::EC2::SubnetNetworkAclAssociation");
  CopyAll(synthesis, instance.attributes, entry.properties,
          {{"subnet_id", "SubnetId"}, {"network_acl_id", "NetworkAclId"}});
  return absl::OkStatus();
}

}  // namespace

Mappers NetworkMapper(std::string_view type) {
  static constexpr std::pair<std::string_view, Mapper> kMappers[] = {
      {"aws_vpc", &Vpc},
      {"aws_vpc_ipv4_cidr_block_association", &VpcCidrBlock},
      {"aws_subnet", &Subnet},
      {"aws_route_table", &RouteTable},
      {"aws_route", &Route},
      {"aws_route_table_association", &RouteTableAssociation},
      {"aws_internet_gateway", &InternetGateway},
      {"aws_internet_gateway_attachment", &GatewayAttachment},
      {"aws_egress_only_internet_gateway", &EgressOnlyGateway},
      {"aws_nat_gateway", &NatGateway},
      {"aws_vpc_endpoint", &VpcEndpoint},
      {"aws_vpc_peering_connection", &PeeringConnection},
      {"aws_security_group", &SecurityGroup},
      {"aws_security_group_rule", &SecurityGroupRule},
      {"aws_vpc_security_group_ingress_rule", &VpcIngressRule},
      {"aws_vpc_security_group_egress_rule", &VpcEgressRule},
      {"aws_network_acl", &NetworkAcl},
      {"aws_network_acl_rule", &NetworkAclRule},
      {"aws_network_acl_association", &NetworkAclAssociation},
  };
  for (const auto& [name, mapper] : kMappers) {
    if (name == type) return Mappers{.first = mapper, .merge = nullptr};
  }
  return {};
}

}  // namespace polygraph::ingest::terraform_internal
