// Workloads of a CloudFormation template: what has network interfaces in
// subnets (see cloudformation_facets.h: AddWorkloadFacets).

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "ingest/cloudformation_context.h"
#include "ingest/cloudformation_facets.h"
#include "ingest/cloudformation_links.h"
#include "polygraph/model.h"

namespace polygraph::ingest {
namespace {

// Reads the port `value` of `key`; nullopt when symbolic (noted).
absl::StatusOr<std::optional<int>> ReadPort(TemplateContext& context,
                                            std::string_view key,
                                            const Value& value) {
  const Value* resolved = context.Resolve(value);
  if (resolved == nullptr) {
    context.NoteSymbolic(key, value, "the port is unknown");
    return std::nullopt;
  }
  int port = 0;
  if ((!resolved->is_number() && !resolved->is_string()) ||
      !absl::SimpleAtoi(resolved->text, &port) || port < 1 || port > 65535) {
    return InputError(
        resolved->location,
        absl::StrCat(internal::ToAbsl(key),
                     " must be a port number (1 to 65535), found ",
                     DescribeValue(*resolved)));
  }
  return port;
}

// A scalar property, resolved and lower-cased; "" when absent or symbolic
// (noted).
std::string LowerText(TemplateContext& context, const Value& holder,
                      std::string_view key) {
  const Value* value = holder.Find(key);
  if (value == nullptr) return "";
  const Value* resolved = context.Resolve(*value);
  if (resolved == nullptr) {
    context.NoteSymbolic(key, *value, "it is not analysed");
    return "";
  }
  return absl::AsciiStrToLower(resolved->text);
}

class WorkloadReader {
 public:
  explicit WorkloadReader(TemplateContext& context) : context_(context) {}

  absl::Status Read() {
    for (const Declaration& declaration : context_.declarations) {
      if (declaration.properties == nullptr ||
          !declaration.properties->is_object()) {
        continue;
      }
      if (absl::Status s = ReadDeclaration(declaration); !s.ok()) return s;
    }
    return absl::OkStatus();
  }

 private:
  absl::Status ReadDeclaration(const Declaration& declaration) {
    const std::string& type = declaration.type;
    const Value& properties = *declaration.properties;
    Workload workload;
    workload.resource = declaration.index;
    workload.location = declaration.location;
    absl::Status status;
    if (type == "AWS::EC2::Instance") {
      workload.kind = WorkloadKind::kInstance;
      status = ReadInstance(properties, workload);
    } else if (type == "AWS::EC2::NetworkInterface") {
      workload.kind = WorkloadKind::kNetworkInterface;
      status = Links(properties, "SubnetId", "GroupSet", workload);
    } else if (type == "AWS::ECS::Service") {
      workload.kind = WorkloadKind::kEcsService;
      const Value* config = properties.Find("NetworkConfiguration");
      if (config == nullptr) return absl::OkStatus();  // not awsvpc
      status = ReadEcsService(properties, *config, workload);
    } else if (type == "AWS::Lambda::Function") {
      workload.kind = WorkloadKind::kLambdaFunction;
      const Value* config = properties.Find("VpcConfig");
      if (config == nullptr) return absl::OkStatus();  // not in a VPC
      status = Links(*config, "SubnetIds", "SecurityGroupIds", workload);
    } else if (type == "AWS::RDS::DBInstance" ||
               type == "AWS::RDS::DBCluster") {
      workload.kind = type == "AWS::RDS::DBInstance" ? WorkloadKind::kDbInstance
                                                     : WorkloadKind::kDbCluster;
      status = ReadDatabase(properties, workload);
    } else if (type == "AWS::ElasticLoadBalancingV2::LoadBalancer") {
      workload.kind = WorkloadKind::kLoadBalancer;
      status = ReadLoadBalancer(declaration, properties, workload);
    } else if (type == "AWS::EC2::VPCEndpoint") {
      // AddTopologyFacets reads (and notes) the type; a symbolic one is
      // read as the default, Gateway, there and here.
      const Value* type_value = properties.Find("VpcEndpointType");
      const Value* endpoint_type =
          type_value != nullptr ? context_.Resolve(*type_value) : nullptr;
      if (endpoint_type == nullptr ||
          absl::AsciiStrToLower(endpoint_type->text) == "gateway") {
        return absl::OkStatus();  // routes, read by AddTopologyFacets
      }
      workload.kind = WorkloadKind::kVpcEndpoint;
      status = Links(properties, "SubnetIds", "SecurityGroupIds", workload);
    } else {
      return absl::OkStatus();
    }
    if (!status.ok()) return status;
    context_.builder.AddWorkload(std::move(workload));
    return absl::OkStatus();
  }

  // Adds the subnets named by `subnet_key` (one for "SubnetId", else a list)
  // and the groups named by `groups_key` (a list).
  absl::Status Links(const Value& holder, std::string_view subnet_key,
                     std::string_view groups_key, Workload& workload) {
    if (const Value* subnet = holder.Find(subnet_key);
        subnet != nullptr && subnet_key == "SubnetId") {
      AddSubnet(ReadLink(context_, subnet_key, *subnet, "it is not declared"),
                workload);
    } else if (absl::Status s =
                   ReadLinks(context_, holder, subnet_key, workload.subnets,
                             workload.subnet_ids);
               !s.ok()) {
      return s;
    }
    return ReadLinks(context_, holder, groups_key, workload.security_groups,
                     workload.security_group_ids);
  }

  static void AddSubnet(Link link, Workload& workload) {
    if (link.index != kNoResource) {
      workload.subnets.push_back(link.index);
    } else {
      workload.subnet_ids.push_back(std::move(link.id));
    }
  }

  // The declared subnet's MapPublicIpOnLaunch, when the workload's first
  // subnet is declared and says.
  void PublicIpFromSubnet(Workload& workload) const {
    if (workload.public_ip.set || workload.subnets.empty()) return;
    for (const Subnet& subnet : context_.builder.current().subnets()) {
      if (subnet.resource == workload.subnets.front()) {
        workload.public_ip = subnet.map_public_ip_on_launch;
        return;
      }
    }
  }

  absl::Status ReadInstance(const Value& properties, Workload& workload) {
    if (absl::Status s =
            Links(properties, "SubnetId", "SecurityGroupIds", workload);
        !s.ok()) {
      return s;
    }
    if (absl::Status s =
            ReadLinks(context_, properties, "SecurityGroups",
                      workload.security_groups, workload.security_group_ids);
        !s.ok()) {
      return s;
    }
    // The primary interface (DeviceIndex 0, else the first) decides.
    const Value* interfaces = properties.Find("NetworkInterfaces");
    const Value* primary = nullptr;
    if (interfaces != nullptr && interfaces->is_array()) {
      for (const Value& entry : interfaces->items) {
        if (!entry.is_object()) continue;
        const Value* index = entry.Find("DeviceIndex");
        const Value* resolved =
            index != nullptr ? context_.Resolve(*index) : nullptr;
        if (primary == nullptr ||
            (resolved != nullptr && resolved->text == "0")) {
          primary = &entry;
        }
      }
    }
    if (primary != nullptr) {
      if (absl::Status s = Links(*primary, "SubnetId", "GroupSet", workload);
          !s.ok()) {
        return s;
      }
      if (absl::Status s = context_.ReadFlag(
              *primary, "AssociatePublicIpAddress", workload.public_ip);
          !s.ok()) {
        return s;
      }
    }
    PublicIpFromSubnet(workload);
    return absl::OkStatus();
  }

  absl::Status ReadEcsService(const Value& properties, const Value& config,
                              Workload& workload) {
    const Value* vpc = config.Find("AwsvpcConfiguration");
    if (vpc != nullptr) {
      if (absl::Status s = Links(*vpc, "Subnets", "SecurityGroups", workload);
          !s.ok()) {
        return s;
      }
      if (const Value* assign = vpc->Find("AssignPublicIp")) {
        const std::string text = LowerText(context_, *vpc, "AssignPublicIp");
        if (text == "enabled" || text == "disabled") {
          workload.public_ip = LocatedBool{.value = text == "enabled",
                                           .set = true,
                                           .location = assign->location};
        } else if (!text.empty()) {
          return InputError(assign->location,
                            absl::StrCat("AssignPublicIp must be ENABLED or "
                                         "DISABLED, found ",
                                         DescribeValue(*assign)));
        }
      }
    }
    const Value* balancers = properties.Find("LoadBalancers");
    if (balancers == nullptr) return absl::OkStatus();
    return ForEachListEntry(
        *balancers, "LoadBalancers", context_, [&](const Value& entry) {
          const Value* port = entry.Find("ContainerPort");
          if (port == nullptr) return absl::OkStatus();
          absl::StatusOr<std::optional<int>> read =
              ReadPort(context_, "ContainerPort", *port);
          if (!read.ok()) return read.status();
          if (read->has_value()) {
            workload.listeners.push_back(Listener{
                .protocol = "tcp", .port = **read, .location = port->location});
          }
          return absl::OkStatus();
        });
  }

  absl::Status ReadDatabase(const Value& properties, Workload& workload) {
    // The subnets come from the DBSubnetGroup, when declared.
    if (const Value* group = properties.Find("DBSubnetGroupName")) {
      const size_t index = context_.ReferencedResource(*group);
      const Declaration* declaration = DeclarationOf(context_, index);
      if (declaration != nullptr &&
          declaration->type == "AWS::RDS::DBSubnetGroup" &&
          declaration->properties != nullptr) {
        if (absl::Status s =
                Links(*declaration->properties, "SubnetIds", "", workload);
            !s.ok()) {
          return s;
        }
      } else if (index == kNoResource && context_.Resolve(*group) == nullptr) {
        context_.NoteSymbolic("DBSubnetGroupName", *group,
                              "the database's subnets are unknown");
      }
    }
    for (std::string_view key : {"VPCSecurityGroups", "VpcSecurityGroupIds"}) {
      if (absl::Status s =
              ReadLinks(context_, properties, key, workload.security_groups,
                        workload.security_group_ids);
          !s.ok()) {
        return s;
      }
    }
    if (absl::Status s = context_.ReadFlag(properties, "PubliclyAccessible",
                                           workload.public_ip);
        !s.ok()) {
      return s;
    }
    if (const Value* port = properties.Find("Port")) {
      absl::StatusOr<std::optional<int>> read =
          ReadPort(context_, "Port", *port);
      if (!read.ok()) return read.status();
      if (read->has_value()) {
        workload.listeners.push_back(Listener{
            .protocol = "tcp", .port = **read, .location = port->location});
      }
      return absl::OkStatus();
    }
    const Value* engine_value = properties.Find("Engine");
    const std::string engine = LowerText(context_, properties, "Engine");
    int port = -1;
    if (engine == "mysql" || engine == "aurora-mysql" || engine == "aurora" ||
        engine == "mariadb") {
      port = 3306;
    } else if (engine == "postgres" || engine == "aurora-postgresql") {
      port = 5432;
    }
    if (port != -1) {
      workload.listeners.push_back(Listener{
          .protocol = "tcp", .port = port, .location = engine_value->location});
    }
    return absl::OkStatus();
  }

  absl::Status ReadLoadBalancer(const Declaration& declaration,
                                const Value& properties, Workload& workload) {
    if (absl::Status s =
            Links(properties, "Subnets", "SecurityGroups", workload);
        !s.ok()) {
      return s;
    }
    if (const Value* mappings = properties.Find("SubnetMappings")) {
      if (absl::Status s = ForEachListEntry(
              *mappings, "SubnetMappings", context_,
              [&](const Value& entry) {
                if (const Value* subnet = entry.Find("SubnetId")) {
                  AddSubnet(ReadLink(context_, "SubnetId", *subnet,
                                     "it is not declared"),
                            workload);
                }
                return absl::OkStatus();
              });
          !s.ok()) {
        return s;
      }
    }
    // Scheme defaults to internet-facing.
    if (const Value* scheme = properties.Find("Scheme")) {
      const std::string text = LowerText(context_, properties, "Scheme");
      if (!text.empty()) {
        workload.public_ip = LocatedBool{.value = text == "internet-facing",
                                         .set = true,
                                         .location = scheme->location};
      }
    } else {
      workload.public_ip = LocatedBool{
          .value = true, .set = true, .location = declaration.location};
    }
    return ReadListeners(declaration.index, workload);
  }

  // AWS::ElasticLoadBalancingV2::Listener resources whose LoadBalancerArn
  // names the load balancer at `index`.
  absl::Status ReadListeners(size_t index, Workload& workload) {
    for (const Declaration& listener : context_.declarations) {
      if (listener.type != "AWS::ElasticLoadBalancingV2::Listener" ||
          listener.properties == nullptr) {
        continue;
      }
      const Value* arn = listener.properties->Find("LoadBalancerArn");
      if (arn == nullptr || context_.ReferencedResource(*arn) != index) {
        continue;
      }
      const Value* port_value = listener.properties->Find("Port");
      std::optional<int> port;
      if (port_value != nullptr) {
        absl::StatusOr<std::optional<int>> read =
            ReadPort(context_, "Port", *port_value);
        if (!read.ok()) return read.status();
        port = *read;
      }
      const std::string protocol =
          LowerText(context_, *listener.properties, "Protocol");
      std::vector<std::string> protocols;
      if (protocol == "udp") {
        protocols = {"udp"};
      } else if (protocol == "tcp_udp") {
        protocols = {"tcp", "udp"};
      } else if (protocol != "geneve") {
        protocols = {"tcp"};  // HTTP, HTTPS, TCP, TLS, or absent
      }
      for (std::string& name : protocols) {
        workload.listeners.push_back(Listener{.protocol = std::move(name),
                                              .port = port.value_or(-1),
                                              .location = listener.location});
      }
    }
    return absl::OkStatus();
  }

  TemplateContext& context_;
};

}  // namespace

absl::Status AddWorkloadFacets(TemplateContext& context) {
  return WorkloadReader(context).Read();
}

}  // namespace polygraph::ingest
