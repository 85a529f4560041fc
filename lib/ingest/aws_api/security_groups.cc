// Security groups of a snapshot (describe-security-groups): the groups and
// one SecurityGroupRule per peer of each IpPermissions / IpPermissionsEgress
// entry.

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "ingest/aws_api/snapshot_context.h"
#include "polygraph/ip_address.h"

namespace polygraph::ingest::aws_api {
namespace {

class PermissionReader {
 public:
  PermissionReader(SnapshotContext& context, size_t group, bool ingress)
      : context_(context), group_(group), ingress_(ingress) {}

  // Reads one IpPermissions entry. Sets `default_egress` when it is the
  // all-traffic egress rule to 0.0.0.0/0.
  absl::Status Read(const Value& permission, bool& default_egress) {
    SecurityGroupRule base;
    base.group = group_;
    base.ingress = ingress_;
    base.location = permission.location;
    absl::StatusOr<std::string> protocol =
        ProtocolField(permission, "IpProtocol");
    if (!protocol.ok()) return protocol.status();
    if (protocol->empty()) {
      return InputError(permission.location, "a permission has no IpProtocol");
    }
    base.protocol = *std::move(protocol);
    if (base.protocol != "-1") {
      // icmp: FromPort is the type and ToPort the code, -1 for all.
      absl::StatusOr<std::optional<int>> from =
          IntField(permission, "FromPort", -1, 65535);
      if (!from.ok()) return from.status();
      absl::StatusOr<std::optional<int>> to =
          IntField(permission, "ToPort", -1, 65535);
      if (!to.ok()) return to.status();
      base.from_port = from->value_or(-1);
      base.to_port = to->value_or(-1);
      if ((base.protocol == "tcp" || base.protocol == "udp") &&
          base.from_port > base.to_port) {
        return InputError(
            permission.KeyLocation("FromPort"),
            absl::StrCat("FromPort ", base.from_port,
                         " is greater than ToPort ", base.to_port));
      }
    }
    auto add = [&](const Value& peer, const Value& value,
                   auto&& set) -> absl::Status {
      SecurityGroupRule rule = base;
      rule.cidr_location = value.location;
      absl::StatusOr<std::string> description =
          StringField(peer, "Description");
      if (!description.ok()) return description.status();
      rule.description = *std::move(description);
      if (absl::Status s = set(rule); !s.ok()) return s;
      if (!ingress_ && rule.protocol == "-1" && rule.cidr == "0.0.0.0/0") {
        rule.implicit_default = true;
        default_egress = true;
      }
      context_.builder.AddSecurityGroupRule(std::move(rule));
      return absl::OkStatus();
    };
    auto cidrs = [&](std::string_view list, std::string_view key,
                     ip::Family family) {
      return ForEachObject(permission, list, [&](const Value& peer) {
        const Value* value = peer.Find(key);
        if (value == nullptr) return absl::OkStatus();
        return add(peer, *value, [&](SecurityGroupRule& rule) {
          absl::StatusOr<std::string> cidr = CidrField(peer, key, family);
          if (!cidr.ok()) return cidr.status();
          rule.cidr = *std::move(cidr);
          return absl::OkStatus();
        });
      });
    };
    if (absl::Status s = cidrs("IpRanges", "CidrIp", ip::Family::kIpv4);
        !s.ok()) {
      return s;
    }
    if (absl::Status s = cidrs("Ipv6Ranges", "CidrIpv6", ip::Family::kIpv6);
        !s.ok()) {
      return s;
    }
    if (absl::Status s = ForEachObject(
            permission, "UserIdGroupPairs",
            [&](const Value& peer) {
              const Value* value = peer.Find("GroupId");
              if (value == nullptr) return absl::OkStatus();
              return add(peer, *value, [&](SecurityGroupRule& rule) {
                absl::StatusOr<Link> link =
                    LinkField(context_, peer, "GroupId");
                if (!link.ok()) return link.status();
                rule.peer_group = link->index;
                if (link->index == kNoResource) {
                  rule.peer_group_id = std::move(link->id);
                }
                return absl::OkStatus();
              });
            });
        !s.ok()) {
      return s;
    }
    return ForEachObject(permission, "PrefixListIds", [&](const Value& peer) {
      const Value* value = peer.Find("PrefixListId");
      if (value == nullptr) return absl::OkStatus();
      return add(peer, *value, [&](SecurityGroupRule& rule) {
        absl::StatusOr<std::string> id = StringField(peer, "PrefixListId");
        if (!id.ok()) return id.status();
        rule.prefix_list = *std::move(id);
        return absl::OkStatus();
      });
    });
  }

 private:
  SnapshotContext& context_;
  size_t group_;
  bool ingress_;
};

absl::Status ReadGroup(SnapshotContext& context, const Declared& declared) {
  const Value& object = *declared.object;
  absl::StatusOr<Link> vpc = LinkField(context, object, "VpcId");
  if (!vpc.ok()) return vpc.status();
  bool default_egress = false;
  for (bool ingress : {true, false}) {
    PermissionReader reader(context, declared.index, ingress);
    if (absl::Status s = ForEachObject(
            object, ingress ? "IpPermissions" : "IpPermissionsEgress",
            [&](const Value& permission) {
              return reader.Read(permission, default_egress);
            });
        !s.ok()) {
      return s;
    }
  }
  context.builder.AddSecurityGroup(
      SecurityGroup{.resource = declared.index,
                    .vpc = vpc->index,
                    .vpc_id = std::move(vpc->id),
                    .default_egress = default_egress,
                    .location = object.location});
  return absl::OkStatus();
}

}  // namespace

absl::Status ReadSecurityGroups(SnapshotContext& context) {
  for (const Declared& group : context.Objects("SecurityGroups")) {
    if (absl::Status s = ReadGroup(context, group); !s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace polygraph::ingest::aws_api
