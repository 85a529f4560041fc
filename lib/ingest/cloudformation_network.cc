// Security group facets of a CloudFormation template.

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "iam/template_expression.h"
#include "ingest/cloudformation_context.h"
#include "ingest/cloudformation_facets.h"
#include "ingest/protocol.h"
#include "polygraph/cidr.h"
#include "polygraph/iam_policy.h"
#include "polygraph/ip_address.h"

namespace polygraph::ingest {
namespace {

class RuleReader {
 public:
  RuleReader(TemplateContext& context, const Value& rule)
      : context_(context), rule_(rule) {}

  absl::StatusOr<SecurityGroupRule> Read(size_t group, bool ingress) {
    SecurityGroupRule out;
    out.group = group;
    out.ingress = ingress;
    out.location = rule_.location;
    if (absl::Status s = ReadProtocol(out); !s.ok()) return s;
    if (out.protocol != "-1") {
      if (absl::Status s = ReadPort("FromPort", out.from_port); !s.ok()) {
        return s;
      }
      if (absl::Status s = ReadPort("ToPort", out.to_port); !s.ok()) return s;
      if ((out.protocol == "tcp" || out.protocol == "udp") &&
          out.from_port > out.to_port && out.to_port != -1) {
        return InputError(
            rule_.KeyLocation("FromPort"),
            absl::StrCat("FromPort ", out.from_port, " is greater than ToPort ",
                         out.to_port));
      }
    }
    if (absl::Status s = ReadPeer(out); !s.ok()) return s;
    if (const Value* description = rule_.Find("Description")) {
      const Value* resolved = context_.Resolve(*description);
      out.description = resolved != nullptr ? resolved->text
                                            : iam::RenderSymbolic(*description);
    }
    return out;
  }

 private:
  absl::Status ReadProtocol(SecurityGroupRule& out) {
    const Value* value = rule_.Find("IpProtocol");
    if (value == nullptr) {
      return InputError(rule_.location,
                        "security group rule has no IpProtocol");
    }
    const Value* resolved = context_.Resolve(*value);
    if (resolved == nullptr) {
      context_.NoteSymbolic("IpProtocol", *value,
                            "the rule's protocol is unknown");
      return absl::OkStatus();
    }
    std::optional<std::string> protocol = NormalizeProtocol(*resolved);
    if (!protocol.has_value()) {
      return InputError(
          resolved->location,
          absl::StrCat("IpProtocol must be tcp, udp, icmp, icmpv6, -1 or a "
                       "protocol number, found ",
                       DescribeValue(*resolved)));
    }
    out.protocol = *std::move(protocol);
    return absl::OkStatus();
  }

  absl::Status ReadPort(std::string_view key, int& port) {
    const Value* value = rule_.Find(key);
    if (value == nullptr) return absl::OkStatus();
    const Value* resolved = context_.Resolve(*value);
    if (resolved == nullptr) {
      context_.NoteSymbolic(key, *value, "the rule's port range is unknown");
      return absl::OkStatus();
    }
    int number = 0;
    if ((!resolved->is_number() && !resolved->is_string()) ||
        !absl::SimpleAtoi(resolved->text, &number) || number < -1 ||
        number > 65535) {
      return InputError(
          resolved->location,
          absl::StrCat(absl::string_view(key.data(), key.size()),
                       " must be a port number (-1 to 65535), found ",
                       DescribeValue(*resolved)));
    }
    port = number;
    return absl::OkStatus();
  }

  absl::Status ReadCidr(std::string_view key, const Value& value, bool ipv6,
                        SecurityGroupRule& out) {
    out.cidr_location = value.location;
    absl::StatusOr<std::optional<std::string>> cidr = context_.ReadCidr(
        key, value, ipv6 ? ip::Family::kIpv6 : ip::Family::kIpv4,
        "the rule's CIDR is unknown");
    if (!cidr.ok()) return cidr.status();
    if (cidr->has_value()) out.cidr = **cidr;
    return absl::OkStatus();
  }

  absl::Status ReadGroupPeer(std::string_view key, const Value& value,
                             SecurityGroupRule& out) {
    out.cidr_location = value.location;
    size_t target = context_.ReferencedResource(value);
    if (target != kNoResource) {
      out.peer_group = target;
    } else if (const Value* resolved = context_.Resolve(value)) {
      out.peer_group_id = resolved->text;
    } else {
      out.peer_group_id = iam::RenderSymbolic(value);
      context_.NoteSymbolic(key, value,
                            "the peer group is not declared in this template");
    }
    return absl::OkStatus();
  }

  absl::Status ReadPeer(SecurityGroupRule& out) {
    const bool ingress = out.ingress;
    const std::string_view group_key =
        ingress ? "SourceSecurityGroupId" : "DestinationSecurityGroupId";
    const std::string_view prefix_key =
        ingress ? "SourcePrefixListId" : "DestinationPrefixListId";
    const std::string_view keys[] = {"CidrIp", "CidrIpv6", group_key,
                                     "SourceSecurityGroupName", prefix_key};
    const Value* peer = nullptr;
    std::string_view peer_key;
    for (std::string_view key : keys) {
      const Value* value = rule_.Find(key);
      if (value == nullptr) continue;
      if (peer != nullptr) {
        return InputError(
            rule_.KeyLocation(key),
            absl::StrCat("security group rule has both ",
                         absl::string_view(peer_key.data(), peer_key.size()),
                         " and ", absl::string_view(key.data(), key.size())));
      }
      peer = value;
      peer_key = key;
    }
    if (peer == nullptr) {
      return InputError(
          rule_.location,
          absl::StrCat(
              "security group rule has no peer (CidrIp, CidrIpv6, ",
              absl::string_view(group_key.data(), group_key.size()), " or ",
              absl::string_view(prefix_key.data(), prefix_key.size()), ")"));
    }
    if (peer_key == "CidrIp" || peer_key == "CidrIpv6") {
      return ReadCidr(peer_key, *peer, peer_key == "CidrIpv6", out);
    }
    if (peer_key == prefix_key) {
      out.cidr_location = peer->location;
      const Value* resolved = context_.Resolve(*peer);
      out.prefix_list =
          resolved != nullptr ? resolved->text : iam::RenderSymbolic(*peer);
      return absl::OkStatus();
    }
    return ReadGroupPeer(peer_key, *peer, out);
  }

  TemplateContext& context_;
  const Value& rule_;
};

absl::Status AddRule(TemplateContext& context, const Value& rule, size_t group,
                     bool ingress) {
  if (!rule.is_object()) {
    return context.LeaveOutInvalid(
        InputError(rule.location,
                   absl::StrCat("a security group rule must be an object, "
                                "found ",
                                std::string(Value::KindName(rule.kind)))),
        "the rule is left out");
  }
  absl::StatusOr<SecurityGroupRule> read =
      RuleReader(context, rule).Read(group, ingress);
  if (!read.ok()) {
    return context.LeaveOutInvalid(read.status(), "the rule is left out");
  }
  context.builder.AddSecurityGroupRule(*std::move(read));
  return absl::OkStatus();
}

absl::Status AddGroupRules(TemplateContext& context,
                           const Declaration& declaration) {
  for (bool ingress : {true, false}) {
    const char* key = ingress ? "SecurityGroupIngress" : "SecurityGroupEgress";
    const Value* rules = declaration.properties->Find(key);
    if (rules == nullptr) continue;
    if (absl::Status s = ForEachListEntry(
            *rules, key, context,
            [&](const Value& rule) {
              return AddRule(context, rule, declaration.index, ingress);
            });
        !s.ok()) {
      return s;
    }
  }
  return absl::OkStatus();
}

// AWS::EC2::SecurityGroupIngress/Egress: the properties are the rule; the
// group is named by GroupId (or GroupName, for a default VPC).
absl::Status AddStandaloneRule(TemplateContext& context,
                               const Declaration& declaration, bool ingress) {
  const Value& properties = *declaration.properties;
  size_t group = kNoResource;
  const Value* name = properties.Find("GroupId");
  if (name == nullptr) name = properties.Find("GroupName");
  if (name != nullptr) group = context.ReferencedResource(*name);
  if (group == kNoResource) {
    context.Note(
        "symbolic-value",
        name != nullptr ? name->location : declaration.location,
        absl::StrCat("the security group of \"", declaration.logical_id,
                     "\" is not declared in this template"));
  }
  absl::StatusOr<SecurityGroupRule> read =
      RuleReader(context, properties).Read(group, ingress);
  if (!read.ok()) {
    return context.LeaveOutInvalid(read.status(), "the rule is left out");
  }
  read->location = declaration.location;
  context.builder.AddSecurityGroupRule(*std::move(read));
  return absl::OkStatus();
}

}  // namespace

absl::Status AddNetworkFacets(TemplateContext& context) {
  for (const Declaration& declaration : context.declarations) {
    if (declaration.properties == nullptr ||
        !declaration.properties->is_object()) {
      continue;
    }
    absl::Status status;
    if (declaration.type == "AWS::EC2::SecurityGroup") {
      status = AddGroupRules(context, declaration);
    } else if (declaration.type == "AWS::EC2::SecurityGroupIngress") {
      status = AddStandaloneRule(context, declaration, /*ingress=*/true);
    } else if (declaration.type == "AWS::EC2::SecurityGroupEgress") {
      status = AddStandaloneRule(context, declaration, /*ingress=*/false);
    }
    if (!status.ok()) return status;
  }
  return absl::OkStatus();
}

}  // namespace polygraph::ingest
