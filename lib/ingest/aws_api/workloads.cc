// Workloads of a snapshot: instances (describe-instances' Reservations),
// network interfaces that nothing else covers, interface VPC endpoints and
// load balancers with their listeners (elbv2 describe-load-balancers,
// describe-listeners).

#include <algorithm>
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
#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "ingest/aws_api/snapshot_context.h"

namespace polygraph::ingest::aws_api {
namespace {

using ::polygraph::internal::ToAbsl;

void AddSubnet(Workload& workload, Link link) {
  if (link.id.empty()) return;
  if (link.index != kNoResource) {
    if (std::find(workload.subnets.begin(), workload.subnets.end(),
                  link.index) == workload.subnets.end()) {
      workload.subnets.push_back(link.index);
    }
  } else if (std::find(workload.subnet_ids.begin(), workload.subnet_ids.end(),
                       link.id) == workload.subnet_ids.end()) {
    workload.subnet_ids.push_back(std::move(link.id));
  }
}

void AddGroup(Workload& workload, Link link) {
  if (link.id.empty()) return;
  if (link.index != kNoResource) {
    if (std::find(workload.security_groups.begin(),
                  workload.security_groups.end(),
                  link.index) == workload.security_groups.end()) {
      workload.security_groups.push_back(link.index);
    }
  } else if (std::find(workload.security_group_ids.begin(),
                       workload.security_group_ids.end(),
                       link.id) == workload.security_group_ids.end()) {
    workload.security_group_ids.push_back(std::move(link.id));
  }
}

// The GroupId of each object of the list `key` ({GroupId, GroupName}).
absl::Status ReadGroupObjects(const SnapshotContext& context,
                              const Value& object, std::string_view key,
                              Workload& workload) {
  return ForEachObject(object, key, [&](const Value& group) {
    absl::StatusOr<Link> link = LinkField(context, group, "GroupId");
    if (!link.ok()) return link.status();
    AddGroup(workload, *std::move(link));
    return absl::OkStatus();
  });
}

// Each string of the list `key`, as a subnet or a group.
absl::Status ReadIdList(const SnapshotContext& context, const Value& object,
                        std::string_view key, bool subnets,
                        Workload& workload) {
  absl::StatusOr<const Value*> list = ArrayField(object, key);
  if (!list.ok()) return list.status();
  if (*list == nullptr) return absl::OkStatus();
  for (const Value& id : (*list)->items) {
    if (!id.is_string()) {
      return InputError(id.location, absl::StrCat(ToAbsl(key),
                                                  " entries must be strings, "
                                                  "found ",
                                                  Describe(id)));
    }
    Link link{.index = context.Find(id.text), .id = id.text};
    subnets ? AddSubnet(workload, std::move(link))
            : AddGroup(workload, std::move(link));
  }
  return absl::OkStatus();
}

// A public address in string member `key` of `holder` (absent: none).
absl::StatusOr<LocatedBool> PublicIp(const Value& holder, std::string_view key,
                                     const SourceLocation& fallback) {
  absl::StatusOr<std::string> address = StringField(holder, key);
  if (!address.ok()) return address.status();
  if (address->empty()) {
    return LocatedBool{.value = false, .set = true, .location = fallback};
  }
  return LocatedBool{
      .value = true, .set = true, .location = holder.Find(key)->location};
}

absl::Status ReadInstance(SnapshotContext& context, const Declared& declared) {
  const Value& object = *declared.object;
  absl::StatusOr<const Value*> state = ObjectField(object, "State");
  if (!state.ok()) return state.status();
  if (*state != nullptr) {
    absl::StatusOr<std::string> name = StringField(**state, "Name");
    if (!name.ok()) return name.status();
    if (*name == "terminated") return absl::OkStatus();
  }
  Workload workload;
  workload.resource = declared.index;
  workload.kind = WorkloadKind::kInstance;
  workload.location = object.location;
  absl::StatusOr<Link> subnet = LinkField(context, object, "SubnetId");
  if (!subnet.ok()) return subnet.status();
  AddSubnet(workload, *std::move(subnet));
  if (absl::Status s =
          ReadGroupObjects(context, object, "SecurityGroups", workload);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = ForEachObject(
          object, "NetworkInterfaces",
          [&](const Value& interface) {
            absl::StatusOr<Link> link =
                LinkField(context, interface, "SubnetId");
            if (!link.ok()) return link.status();
            AddSubnet(workload, *std::move(link));
            return ReadGroupObjects(context, interface, "Groups", workload);
          });
      !s.ok()) {
    return s;
  }
  absl::StatusOr<LocatedBool> public_ip =
      PublicIp(object, "PublicIpAddress", object.location);
  if (!public_ip.ok()) return public_ip.status();
  workload.public_ip = *public_ip;
  context.builder.AddWorkload(std::move(workload));
  return absl::OkStatus();
}

// Interfaces of an instance, a NAT gateway, an endpoint, a load balancer or
// a transit gateway are covered by that thing's own facet.
absl::StatusOr<bool> CoveredElsewhere(const Value& object) {
  absl::StatusOr<const Value*> attachment = ObjectField(object, "Attachment");
  if (!attachment.ok()) return attachment.status();
  if (*attachment != nullptr) {
    absl::StatusOr<std::string> instance =
        StringField(**attachment, "InstanceId");
    if (!instance.ok()) return instance.status();
    if (!instance->empty()) return true;
  }
  absl::StatusOr<std::string> type = StringField(object, "InterfaceType");
  if (!type.ok()) return type.status();
  for (std::string_view covered :
       {"nat_gateway", "vpc_endpoint", "gateway_load_balancer_endpoint",
        "network_load_balancer", "gateway_load_balancer", "transit_gateway"}) {
    if (*type == covered) return true;
  }
  absl::StatusOr<std::string> description = StringField(object, "Description");
  if (!description.ok()) return description.status();
  return absl::StartsWith(*description, "ELB ");
}

absl::Status ReadInterface(SnapshotContext& context, const Declared& declared) {
  const Value& object = *declared.object;
  absl::StatusOr<bool> covered = CoveredElsewhere(object);
  if (!covered.ok()) return covered.status();
  if (*covered) return absl::OkStatus();
  Workload workload;
  workload.resource = declared.index;
  workload.kind = WorkloadKind::kNetworkInterface;
  workload.location = object.location;
  absl::StatusOr<Link> subnet = LinkField(context, object, "SubnetId");
  if (!subnet.ok()) return subnet.status();
  AddSubnet(workload, *std::move(subnet));
  if (absl::Status s = ReadGroupObjects(context, object, "Groups", workload);
      !s.ok()) {
    return s;
  }
  workload.public_ip =
      LocatedBool{.value = false, .set = true, .location = object.location};
  absl::StatusOr<const Value*> association = ObjectField(object, "Association");
  if (!association.ok()) return association.status();
  if (*association != nullptr) {
    absl::StatusOr<LocatedBool> public_ip =
        PublicIp(**association, "PublicIp", object.location);
    if (!public_ip.ok()) return public_ip.status();
    workload.public_ip = *public_ip;
  }
  context.builder.AddWorkload(std::move(workload));
  return absl::OkStatus();
}

absl::Status ReadEndpoint(SnapshotContext& context, const Declared& declared) {
  const Value& object = *declared.object;
  absl::StatusOr<std::string> type = StringField(object, "VpcEndpointType");
  if (!type.ok()) return type.status();
  const std::string lowered = absl::AsciiStrToLower(*type);
  if (lowered != "interface" && lowered != "gatewayloadbalancer") {
    return absl::OkStatus();
  }
  Workload workload;
  workload.resource = declared.index;
  workload.kind = WorkloadKind::kVpcEndpoint;
  workload.location = object.location;
  workload.public_ip =
      LocatedBool{.value = false, .set = true, .location = object.location};
  if (absl::Status s =
          ReadIdList(context, object, "SubnetIds", /*subnets=*/true, workload);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = ReadGroupObjects(context, object, "Groups", workload);
      !s.ok()) {
    return s;
  }
  context.builder.AddWorkload(std::move(workload));
  return absl::OkStatus();
}

// A listener's Protocol: HTTP, HTTPS, TLS and TCP are tcp; UDP is udp;
// TCP_UDP is both; GENEVE (gateway load balancers) is udp.
absl::Status AddListeners(const Value& listener, Workload& workload) {
  absl::StatusOr<std::optional<int>> port =
      IntField(listener, "Port", 1, 65535);
  if (!port.ok()) return port.status();
  absl::StatusOr<std::string> protocol = StringField(listener, "Protocol");
  if (!protocol.ok()) return protocol.status();
  const std::string upper = absl::AsciiStrToUpper(*protocol);
  std::vector<std::string> protocols;
  if (upper == "HTTP" || upper == "HTTPS" || upper == "TLS" || upper == "TCP") {
    protocols = {"tcp"};
  } else if (upper == "UDP" || upper == "GENEVE") {
    protocols = {"udp"};
  } else if (upper == "TCP_UDP") {
    protocols = {"tcp", "udp"};
  } else {
    const Value* value = listener.Find("Protocol");
    return InputError(
        value != nullptr ? value->location : listener.location,
        absl::StrCat("Protocol must be HTTP, HTTPS, TLS, TCP, "
                     "UDP, TCP_UDP or GENEVE, found ",
                     value != nullptr ? Describe(*value) : "none"));
  }
  for (std::string& name : protocols) {
    workload.listeners.push_back(Listener{.protocol = std::move(name),
                                          .port = port->value_or(-1),
                                          .location = listener.location});
  }
  return absl::OkStatus();
}

class LoadBalancerReader {
 public:
  explicit LoadBalancerReader(SnapshotContext& context) : context_(context) {}

  absl::Status Read() {
    // Listeners by load balancer: the batfish layout groups them
    // ({LoadBalancerArn, Listeners: [...]}); describe-listeners prints them
    // flat, each with its LoadBalancerArn.
    for (const Value* group : context_.Entries("LoadBalancerListeners")) {
      if (!group->is_object()) continue;
      if (absl::Status s = ForEachObject(
              *group, "Listeners",
              [&](const Value& listener) { return Collect(listener); });
          !s.ok()) {
        return s;
      }
    }
    for (const Value* listener : context_.Entries("Listeners")) {
      if (!listener->is_object()) continue;
      if (absl::Status s = Collect(*listener); !s.ok()) return s;
    }
    for (const Declared& declared : context_.Objects("LoadBalancers")) {
      if (absl::Status s = ReadLoadBalancer(declared); !s.ok()) return s;
    }
    return absl::OkStatus();
  }

 private:
  absl::Status Collect(const Value& listener) {
    absl::StatusOr<std::string> arn = StringField(listener, "LoadBalancerArn");
    if (!arn.ok()) return arn.status();
    listeners_[*arn].push_back(&listener);
    return absl::OkStatus();
  }

  absl::Status ReadLoadBalancer(const Declared& declared) {
    const Value& object = *declared.object;
    Workload workload;
    workload.resource = declared.index;
    workload.kind = WorkloadKind::kLoadBalancer;
    workload.location = object.location;
    if (absl::Status s = ForEachObject(object, "AvailabilityZones",
                                       [&](const Value& zone) {
                                         absl::StatusOr<Link> link = LinkField(
                                             context_, zone, "SubnetId");
                                         if (!link.ok()) return link.status();
                                         AddSubnet(workload, *std::move(link));
                                         return absl::OkStatus();
                                       });
        !s.ok()) {
      return s;
    }
    if (absl::Status s = ReadIdList(context_, object, "SecurityGroups",
                                    /*subnets=*/false, workload);
        !s.ok()) {
      return s;
    }
    absl::StatusOr<std::string> scheme = StringField(object, "Scheme");
    if (!scheme.ok()) return scheme.status();
    if (!scheme->empty()) {
      workload.public_ip =
          LocatedBool{.value = *scheme == "internet-facing",
                      .set = true,
                      .location = object.Find("Scheme")->location};
    }
    absl::StatusOr<std::string> arn = StringField(object, "LoadBalancerArn");
    if (!arn.ok()) return arn.status();
    auto it = listeners_.find(*arn);
    if (it != listeners_.end()) {
      for (const Value* listener : it->second) {
        if (absl::Status s = AddListeners(*listener, workload); !s.ok()) {
          return s;
        }
      }
    }
    context_.builder.AddWorkload(std::move(workload));
    return absl::OkStatus();
  }

  SnapshotContext& context_;
  absl::flat_hash_map<std::string, std::vector<const Value*>> listeners_;
};

}  // namespace

absl::Status ReadWorkloads(SnapshotContext& context) {
  for (const Declared& instance : context.Objects("Instances")) {
    if (absl::Status s = ReadInstance(context, instance); !s.ok()) return s;
  }
  for (const Declared& interface : context.Objects("NetworkInterfaces")) {
    if (absl::Status s = ReadInterface(context, interface); !s.ok()) return s;
  }
  for (const Declared& endpoint : context.Objects("VpcEndpoints")) {
    if (absl::Status s = ReadEndpoint(context, endpoint); !s.ok()) return s;
  }
  return LoadBalancerReader(context).Read();
}

}  // namespace polygraph::ingest::aws_api
