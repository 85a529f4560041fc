// VPCs and subnets of a snapshot: their CIDR blocks as NetworkBlocks, and
// the Subnet facets (describe-vpcs, describe-subnets).

#include <optional>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ingest/aws_api/snapshot_context.h"
#include "polygraph/ip_address.h"

namespace polygraph::ingest::aws_api {
namespace {

// A block association is in use unless its state says it is gone.
absl::StatusOr<bool> Associated(const Value& association,
                                std::string_view state_key) {
  absl::StatusOr<const Value*> state = ObjectField(association, state_key);
  if (!state.ok()) return state.status();
  if (*state == nullptr) return true;
  absl::StatusOr<std::string> text = StringField(**state, "State");
  if (!text.ok()) return text.status();
  return *text != "disassociated" && *text != "disassociating" &&
         *text != "failed";
}

// Calls `visit` with each associated block of the association set `set_key`
// (CIDR member `cidr_key`, state member `state_key`) and its value.
absl::Status ForEachBlock(
    const Value& object, std::string_view set_key, std::string_view cidr_key,
    std::string_view state_key, ip::Family family,
    const std::function<void(std::string cidr, const Value& value)>& visit) {
  return ForEachObject(object, set_key, [&](const Value& association) {
    absl::StatusOr<bool> associated = Associated(association, state_key);
    if (!associated.ok()) return associated.status();
    if (!*associated) return absl::OkStatus();
    absl::StatusOr<std::string> cidr = CidrField(association, cidr_key, family);
    if (!cidr.ok()) return cidr.status();
    if (!cidr->empty()) visit(*std::move(cidr), *association.Find(cidr_key));
    return absl::OkStatus();
  });
}

absl::Status ReadVpc(SnapshotContext& context, const Declared& vpc) {
  const Value& object = *vpc.object;
  auto add = [&](std::string cidr, const Value& value) {
    context.builder.AddNetworkBlock(NetworkBlock{.resource = vpc.index,
                                                 .vpc = vpc.index,
                                                 .subnet = false,
                                                 .cidr = std::move(cidr),
                                                 .availability_zone = "",
                                                 .location = value.location});
  };
  if (object.Find("CidrBlockAssociationSet") != nullptr) {
    if (absl::Status s =
            ForEachBlock(object, "CidrBlockAssociationSet", "CidrBlock",
                         "CidrBlockState", ip::Family::kIpv4, add);
        !s.ok()) {
      return s;
    }
  } else {
    absl::StatusOr<std::string> cidr =
        CidrField(object, "CidrBlock", ip::Family::kIpv4);
    if (!cidr.ok()) return cidr.status();
    if (!cidr->empty()) add(*std::move(cidr), *object.Find("CidrBlock"));
  }
  return ForEachBlock(object, "Ipv6CidrBlockAssociationSet", "Ipv6CidrBlock",
                      "Ipv6CidrBlockState", ip::Family::kIpv6, add);
}

absl::Status ReadSubnet(SnapshotContext& context, const Declared& declared) {
  const Value& object = *declared.object;
  Subnet subnet;
  subnet.resource = declared.index;
  subnet.location = object.location;
  absl::StatusOr<Link> vpc = LinkField(context, object, "VpcId");
  if (!vpc.ok()) return vpc.status();
  subnet.vpc = vpc->index;
  subnet.vpc_id = std::move(vpc->id);
  absl::StatusOr<std::string> zone = StringField(object, "AvailabilityZone");
  if (!zone.ok()) return zone.status();
  subnet.availability_zone = *std::move(zone);
  absl::StatusOr<std::string> ipv4 =
      CidrField(object, "CidrBlock", ip::Family::kIpv4);
  if (!ipv4.ok()) return ipv4.status();
  subnet.ipv4_cidr = *std::move(ipv4);
  auto add = [&](std::string cidr, const Value& value) {
    context.builder.AddNetworkBlock(
        NetworkBlock{.resource = declared.index,
                     .vpc = subnet.vpc,
                     .subnet = true,
                     .cidr = cidr,
                     .availability_zone = subnet.availability_zone,
                     .location = value.location});
  };
  if (!subnet.ipv4_cidr.empty())
    add(subnet.ipv4_cidr, *object.Find("CidrBlock"));
  if (absl::Status s =
          ForEachBlock(object, "Ipv6CidrBlockAssociationSet", "Ipv6CidrBlock",
                       "Ipv6CidrBlockState", ip::Family::kIpv6,
                       [&](std::string cidr, const Value& value) {
                         if (subnet.ipv6_cidr.empty()) subnet.ipv6_cidr = cidr;
                         add(std::move(cidr), value);
                       });
      !s.ok()) {
    return s;
  }
  absl::StatusOr<std::optional<bool>> map_public =
      BoolField(object, "MapPublicIpOnLaunch");
  if (!map_public.ok()) return map_public.status();
  if (map_public->has_value()) {
    subnet.map_public_ip_on_launch =
        LocatedBool{.value = **map_public,
                    .set = true,
                    .location = object.Find("MapPublicIpOnLaunch")->location};
  }
  context.builder.AddSubnet(std::move(subnet));
  return absl::OkStatus();
}

}  // namespace

absl::Status ReadVpcsAndSubnets(SnapshotContext& context) {
  for (const Declared& vpc : context.Objects("Vpcs")) {
    if (absl::Status s = ReadVpc(context, vpc); !s.ok()) return s;
  }
  for (const Declared& subnet : context.Objects("Subnets")) {
    if (absl::Status s = ReadSubnet(context, subnet); !s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace polygraph::ingest::aws_api
