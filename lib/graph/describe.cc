#include "graph/describe.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace polygraph::graph::internal {
namespace {

std::string Lower(const std::string& text) {
  return absl::AsciiStrToLower(text);
}

}  // namespace

std::string_view PolicyKindName(iam::PolicyKind kind) {
  switch (kind) {
    case iam::PolicyKind::kIdentity:
      return "identity";
    case iam::PolicyKind::kResource:
      return "resource";
    case iam::PolicyKind::kTrust:
      return "trust";
    case iam::PolicyKind::kAny:
      return "any";
  }
  return "any";
}

bool IsAllProtocols(const SecurityGroupRule& rule) {
  std::string protocol = Lower(rule.protocol);
  return protocol == "-1" || protocol == "all";
}

std::string ProtocolName(const SecurityGroupRule& rule) {
  std::string protocol = Lower(rule.protocol);
  if (protocol == "-1" || protocol == "all") return "all";
  if (protocol == "6") return "tcp";
  if (protocol == "17") return "udp";
  if (protocol == "1") return "icmp";
  if (protocol == "58") return "icmpv6";
  return protocol;
}

bool HasPorts(const SecurityGroupRule& rule) {
  std::string name = ProtocolName(rule);
  return name == "tcp" || name == "udp";
}

int FirstPort(const SecurityGroupRule& rule) {
  return rule.from_port < 0 ? 0 : rule.from_port;
}

int LastPort(const SecurityGroupRule& rule) {
  return rule.to_port < 0 || rule.to_port > 65535 ? 65535 : rule.to_port;
}

std::string DescribeTraffic(const SecurityGroupRule& rule) {
  std::string name = ProtocolName(rule);
  if (name == "all") return "all traffic";
  if (HasPorts(rule)) {
    if (rule.from_port < 0 && rule.to_port < 0) return name;  // ports unknown
    int first = FirstPort(rule);
    int last = LastPort(rule);
    if (first == last) return absl::StrCat(name, " ", first);
    return absl::StrCat(name, " ", first, "-", last);
  }
  if (name == "icmp" || name == "icmpv6") {
    if (rule.from_port < 0) return name;
    if (rule.to_port < 0) return absl::StrCat(name, " type ", rule.from_port);
    return absl::StrCat(name, " type ", rule.from_port, " code ", rule.to_port);
  }
  if (name.empty()) return "protocol ?";  // symbolic
  return absl::StrCat("protocol ", name);
}

}  // namespace polygraph::graph::internal
