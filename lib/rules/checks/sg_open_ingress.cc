// PG-NET-001: an ingress rule open to the whole internet (a CIDR with prefix
// length 0) on a port other than 80/443.

#include <string>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "graph/describe.h"
#include "polygraph/cidr.h"
#include "rules/check_registry.h"
#include "rules/checks/checks.h"
#include "rules/checks/terraform_fix.h"

namespace polygraph::rules::internal {
namespace {

namespace describe = ::polygraph::graph::internal;

// True for "0.0.0.0/0", "::/0" and any other CIDR of prefix length 0 (the
// model normalizes CIDRs, but host bits are ignored here too, so
// "10.0.0.0/0" counts; a bare address is a host).
bool IsWholeInternet(std::string_view cidr) {
  absl::StatusOr<ip::Cidr> parsed =
      ip::Cidr::Parse(cidr, {.normalize_host_bits = true});
  return parsed.ok() && parsed->prefix_length() == 0;
}

bool Contains(const SecurityGroupRule& rule, int port) {
  return describe::FirstPort(rule) <= port && port <= describe::LastPort(rule);
}

// Whether the rule admits anything beyond the web ports 80 and 443. ICMP has
// no ports and is left to other rules. A symbolic protocol ("") or TCP/UDP
// ports that are both unknown (symbolic; AWS requires them for TCP/UDP) are
// not decided: the loader's "symbolic-value" note reports them.
bool ExposesNonWebPort(const SecurityGroupRule& rule) {
  if (describe::IsAllProtocols(rule)) return true;
  std::string protocol = describe::ProtocolName(rule);
  if (protocol.empty() || protocol == "icmp" || protocol == "icmpv6")
    return false;
  if (!describe::HasPorts(rule))
    return true;  // another protocol: all of its traffic
  if (rule.from_port < 0 && rule.to_port < 0) return false;
  int first = describe::FirstPort(rule);
  int last = describe::LastPort(rule);
  return !(first == last && (first == 80 || first == 443));
}

// All traffic, SSH and RDP open to the internet are critical.
bool IsCritical(const SecurityGroupRule& rule) {
  if (describe::IsAllProtocols(rule)) return true;
  return describe::HasPorts(rule) &&
         (Contains(rule, 22) || Contains(rule, 3389));
}

std::string Fix(const SecurityGroupRule& rule, const std::string& traffic) {
  const std::string& cidr = rule.cidr;
  if (describe::IsAllProtocols(rule)) {
    return absl::StrCat(
        "replace this all-traffic rule from ", cidr,
        " with rules for only the ports clients use, each from the clients' "
        "security group or a known CIDR");
  }
  if (describe::HasPorts(rule) &&
      (Contains(rule, 22) || Contains(rule, 3389))) {
    return absl::StrCat(
        "replace the source ", cidr, " of ", traffic,
        " with a known CIDR (a VPN or office range) or a security group, or "
        "close the port and use AWS Systems Manager Session Manager");
  }
  return absl::StrCat(
      "replace the source ", cidr, " of ", traffic,
      " with the security group of the clients that need it (e.g. the load "
      "balancer's or application's) or a known CIDR");
}

// The same advice in Terraform's names: the CIDR is in cidr_blocks or
// ipv6_cidr_blocks of an ingress block or aws_security_group_rule, or in
// cidr_ipv4 / cidr_ipv6 of an aws_vpc_security_group_ingress_rule.
std::string TerraformFix(const SecurityGroupRule& rule,
                         const std::string& traffic, const std::string& group) {
  const bool v6 = rule.cidr.find(':') != std::string::npos;
  const std::string source = absl::StrCat(
      "\"", rule.cidr, "\" (", v6 ? "ipv6_cidr_blocks" : "cidr_blocks", ", or ",
      v6 ? "cidr_ipv6" : "cidr_ipv4",
      " of an aws_vpc_security_group_ingress_rule)");
  const std::string in =
      group.empty() ? std::string()
                    : absl::StrCat(" in ", group, TerraformModuleNote(group));
  const std::string peer =
      "security_groups = [aws_security_group.<clients>.id] "
      "(referenced_security_group_id)";
  if (describe::IsAllProtocols(rule)) {
    return absl::StrCat(
        "replace this protocol = \"-1\" rule from ", source, in,
        " with rules for only the ports clients use, each with ", peer,
        " or a known CIDR");
  }
  if (describe::HasPorts(rule) &&
      (Contains(rule, 22) || Contains(rule, 3389))) {
    return absl::StrCat(
        "replace the source ", source, " of ", traffic, in,
        " with a known CIDR (a VPN or office range) or ", peer,
        ", or close the port and use AWS Systems Manager Session Manager");
  }
  return absl::StrCat("replace the source ", source, " of ", traffic, in,
                      " with ", peer,
                      " for the clients that need it (e.g. the load "
                      "balancer's or application's) or a known CIDR");
}

}  // namespace

std::vector<Finding> CheckSgOpenIngress(const CheckContext& context,
                                        const RuleInfo& rule) {
  const Model& model = context.model();
  std::vector<Finding> findings;
  for (const SecurityGroupRule& sg_rule : model.security_group_rules()) {
    if (!sg_rule.ingress || !IsWholeInternet(sg_rule.cidr) ||
        !ExposesNonWebPort(sg_rule)) {
      continue;
    }
    const Resource* group = sg_rule.group < model.resources().size()
                                ? &model.resources()[sg_rule.group]
                                : nullptr;
    // A standalone rule may name a group that no file read declares.
    std::string subject =
        group != nullptr ? absl::StrCat("security group \"", group->name, "\"")
                         : std::string("security group rule");
    std::string traffic = describe::DescribeTraffic(sg_rule);
    Finding finding = NewFinding(rule);
    if (IsCritical(sg_rule) && finding.severity < Severity::kCritical) {
      finding.severity = Severity::kCritical;
    }
    if (sg_rule.cidr_location.known()) {
      finding.location = sg_rule.cidr_location;
    } else if (sg_rule.location.known() || group == nullptr) {
      finding.location = sg_rule.location;
    } else {
      finding.location = group->location;
    }
    finding.resource = group != nullptr ? group->name : "";
    finding.message =
        absl::StrCat(subject, " allows ", traffic, " from ", sg_rule.cidr);
    finding.fix = group != nullptr && IsTerraform(*group)
                      ? TerraformFix(sg_rule, traffic, group->name)
                      : Fix(sg_rule, traffic);
    findings.push_back(std::move(finding));
  }
  return findings;
}

}  // namespace polygraph::rules::internal
