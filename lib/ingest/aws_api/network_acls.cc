// Network ACLs of a snapshot (describe-network-acls): the ACLs, their
// numbered entries and their subnet associations. The entries AWS adds with
// rule number 32767 (shown as "*" in the console) are the final deny of each
// direction; the model's "no match is a deny" is that rule, so they are
// validated and skipped.

#include <optional>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "ingest/aws_api/snapshot_context.h"
#include "polygraph/ip_address.h"

namespace polygraph::ingest::aws_api {
namespace {

constexpr int kDefaultRuleNumber = 32767;

absl::Status ReadPortRange(const Value& object, NetworkAclEntry& entry) {
  absl::StatusOr<const Value*> range = ObjectField(object, "PortRange");
  if (!range.ok()) return range.status();
  if (*range == nullptr) return absl::OkStatus();
  absl::StatusOr<std::optional<int>> from = IntField(**range, "From", 0, 65535);
  if (!from.ok()) return from.status();
  absl::StatusOr<std::optional<int>> to = IntField(**range, "To", 0, 65535);
  if (!to.ok()) return to.status();
  if (from->has_value() && to->has_value() && **from > **to) {
    return InputError(
        (*range)->Find("From")->location,
        absl::StrCat("PortRange From ", **from, " is greater than To ", **to));
  }
  if (entry.protocol == "tcp" || entry.protocol == "udp") {
    entry.from_port = from->value_or(-1);
    entry.to_port = to->value_or(-1);
  }
  return absl::OkStatus();
}

class AclReader {
 public:
  AclReader(SnapshotContext& context, const Declared& declared)
      : context_(context), declared_(declared) {}

  absl::Status Read() {
    const Value& object = *declared_.object;
    absl::StatusOr<Link> vpc = LinkField(context_, object, "VpcId");
    if (!vpc.ok()) return vpc.status();
    absl::StatusOr<std::optional<bool>> is_default =
        BoolField(object, "IsDefault");
    if (!is_default.ok()) return is_default.status();
    context_.builder.AddNetworkAcl(
        NetworkAcl{.resource = declared_.index,
                   .vpc = vpc->index,
                   .vpc_id = std::move(vpc->id),
                   .is_default = is_default->value_or(false),
                   .location = object.location});
    if (absl::Status s =
            ForEachObject(object, "Entries",
                          [&](const Value& entry) { return ReadEntry(entry); });
        !s.ok()) {
      return s;
    }
    return ForEachObject(object, "Associations", [&](const Value& association) {
      absl::StatusOr<Link> subnet =
          LinkField(context_, association, "SubnetId");
      if (!subnet.ok()) return subnet.status();
      if (subnet->id.empty()) return absl::OkStatus();
      context_.builder.AddNetworkAclAssociation(
          NetworkAclAssociation{.network_acl = declared_.index,
                                .subnet = subnet->index,
                                .subnet_id = std::move(subnet->id),
                                .location = association.location});
      return absl::OkStatus();
    });
  }

 private:
  absl::Status ReadEntry(const Value& object) {
    NetworkAclEntry entry;
    entry.network_acl = declared_.index;
    entry.location = object.location;
    absl::StatusOr<std::optional<int>> number =
        IntField(object, "RuleNumber", 1, kDefaultRuleNumber);
    if (!number.ok()) return number.status();
    if (!number->has_value()) {
      return InputError(object.location, "an ACL entry has no RuleNumber");
    }
    entry.rule_number = **number;
    absl::StatusOr<std::string> protocol = ProtocolField(object, "Protocol");
    if (!protocol.ok()) return protocol.status();
    entry.protocol = *std::move(protocol);
    absl::StatusOr<std::string> action = StringField(object, "RuleAction");
    if (!action.ok()) return action.status();
    const std::string lowered = absl::AsciiStrToLower(*action);
    if (lowered != "allow" && lowered != "deny") {
      const Value* value = object.Find("RuleAction");
      return InputError(
          value != nullptr ? value->location : object.location,
          absl::StrCat("RuleAction must be allow or deny, found ",
                       value != nullptr ? Describe(*value) : "none"));
    }
    entry.allow = lowered == "allow";
    absl::StatusOr<std::optional<bool>> egress = BoolField(object, "Egress");
    if (!egress.ok()) return egress.status();
    entry.egress = egress->value_or(false);
    absl::StatusOr<std::string> ipv4 =
        CidrField(object, "CidrBlock", ip::Family::kIpv4);
    if (!ipv4.ok()) return ipv4.status();
    absl::StatusOr<std::string> ipv6 =
        CidrField(object, "Ipv6CidrBlock", ip::Family::kIpv6);
    if (!ipv6.ok()) return ipv6.status();
    entry.cidr = ipv4->empty() ? *std::move(ipv6) : *std::move(ipv4);
    if (absl::Status s = ReadPortRange(object, entry); !s.ok()) return s;
    if (entry.rule_number == kDefaultRuleNumber) return absl::OkStatus();
    context_.builder.AddNetworkAclEntry(std::move(entry));
    return absl::OkStatus();
  }

  SnapshotContext& context_;
  const Declared& declared_;
};

}  // namespace

absl::Status ReadNetworkAcls(SnapshotContext& context) {
  for (const Declared& acl : context.Objects("NetworkAcls")) {
    if (absl::Status s = AclReader(context, acl).Read(); !s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace polygraph::ingest::aws_api
