// PG-NET-007: security group ingress from a private CIDR on a non-web port,
// where a security group reference fits (the guide: reference other security
// groups as sources instead of CIDRs for internal traffic).

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "graph/describe.h"
#include "polygraph/cidr.h"
#include "rules/check_registry.h"
#include "rules/checks/checks.h"
#include "rules/checks/net_facts.h"
#include "rules/checks/terraform_fix.h"

namespace polygraph::rules::internal {
namespace {

namespace describe = ::polygraph::graph::internal;
namespace facts = net_facts;

// Whether the rule admits anything beyond tcp 80 and 443. ICMP and symbolic
// protocols or ports are not decided.
bool NonWeb(const SecurityGroupRule& rule) {
  if (describe::IsAllProtocols(rule)) return true;
  const std::string protocol = describe::ProtocolName(rule);
  if (protocol.empty() || protocol == "icmp" || protocol == "icmpv6") {
    return false;
  }
  if (!describe::HasPorts(rule)) return true;
  if (rule.from_port < 0 && rule.to_port < 0) return false;
  const int first = describe::FirstPort(rule);
  const int last = describe::LastPort(rule);
  return !(first == last && (first == 80 || first == 443));
}

const SecurityGroup* GroupFacet(const Model& model, size_t group) {
  for (const SecurityGroup& facet : model.security_groups()) {
    if (facet.resource == group) return &facet;
  }
  return nullptr;
}

// The declared groups (other than `self`) of the workloads in the subnets of
// `vpc` that lie inside `cidr`, in Model order, without repeats.
std::vector<size_t> GroupsInCidr(const Model& model, size_t vpc,
                                 const ip::Cidr& cidr, size_t self) {
  std::vector<size_t> groups;
  for (const Workload& workload : model.workloads()) {
    bool inside = false;
    for (size_t subnet : workload.subnets) {
      const Subnet* facet = facts::SubnetFacet(model, subnet);
      if (facet == nullptr || facet->ipv4_cidr.empty()) continue;
      if (vpc != kNoResource && facet->vpc != vpc) continue;
      absl::StatusOr<ip::Cidr> block = ip::Cidr::Parse(facet->ipv4_cidr);
      if (block.ok() && cidr.Contains(*block)) inside = true;
    }
    if (!inside) continue;
    for (size_t group : workload.security_groups) {
      if (group == self || group >= model.resources().size()) continue;
      bool known = false;
      for (size_t g : groups) known = known || g == group;
      if (!known) groups.push_back(group);
    }
  }
  return groups;
}

std::string Fix(const Model& model, const Resource& group,
                const SecurityGroupRule& rule, const std::string& traffic,
                const std::vector<size_t>& peers) {
  const bool terraform = IsTerraform(group);
  std::vector<std::string> names;
  for (size_t peer : peers) {
    const std::string& name = model.resources()[peer].name;
    names.push_back(terraform ? TerraformRef(name, "id")
                              : absl::StrCat("!GetAtt ", name, ".GroupId"));
  }
  std::string source;
  if (names.size() == 1) {
    source = terraform ? absl::StrCat("security_groups = [", names[0], "]")
                       : absl::StrCat("SourceSecurityGroupId: ", names[0]);
  } else if (!names.empty() && names.size() <= 3) {
    source = absl::StrCat(
        terraform ? "security_groups = [...]" : "SourceSecurityGroupId",
        " of the clients' group (", absl::StrJoin(names, " or "), ")");
  } else {
    source = terraform
                 ? "security_groups = [aws_security_group.<clients>.id]"
                 : "SourceSecurityGroupId: !GetAtt <ClientsGroup>.GroupId";
  }
  if (terraform) {
    return absl::StrCat("in ", group.name, TerraformModuleNote(group.name),
                        ", replace cidr_blocks [\"", rule.cidr, "\"] of ",
                        traffic, " with ", source,
                        " (referenced_security_group_id in an "
                        "aws_vpc_security_group_ingress_rule)");
  }
  return absl::StrCat("in ", group.name, ", replace CidrIp ", rule.cidr, " of ",
                      traffic, " with ", source);
}

}  // namespace

std::vector<Finding> CheckNetSgCidrReference(const CheckContext& context,
                                             const RuleInfo& rule) {
  const Model& model = context.model();
  std::vector<Finding> findings;
  for (const SecurityGroupRule& sg_rule : model.security_group_rules()) {
    if (!sg_rule.ingress || sg_rule.implicit_default || sg_rule.cidr.empty() ||
        sg_rule.cidr.find(':') != std::string::npos || !NonWeb(sg_rule)) {
      continue;
    }
    const Resource* group = facts::ResourceAt(model, sg_rule.group);
    if (group == nullptr) continue;
    absl::StatusOr<ip::Cidr> cidr =
        ip::Cidr::Parse(sg_rule.cidr, {.normalize_host_bits = true});
    if (!cidr.ok()) continue;
    // Internal traffic: inside the group's VPC blocks. A private range
    // outside them, or any range when the VPC's blocks are not known (a
    // parameter, an import), may be another network (on premises, a VPN, a
    // peer), where no group reference reaches and a known CIDR is right.
    const SecurityGroup* facet = GroupFacet(model, sg_rule.group);
    const size_t vpc = facet != nullptr ? facet->vpc : kNoResource;
    const std::vector<ip::Cidr> blocks = facts::VpcBlocks(model, vpc);
    if (!facts::WithinAny(*cidr, blocks)) continue;
    const std::string traffic = describe::DescribeTraffic(sg_rule);
    Finding finding = NewFinding(rule);
    finding.location = sg_rule.cidr_location.known() ? sg_rule.cidr_location
                       : sg_rule.location.known()    ? sg_rule.location
                                                     : group->location;
    finding.resource = group->name;
    finding.message =
        absl::StrCat("security group \"", group->name, "\" admits ", traffic,
                     " from the private CIDR ", sg_rule.cidr,
                     blocks.empty() ? "" : " (inside its VPC)",
                     " instead of the clients' security group");
    finding.fix = Fix(model, *group, sg_rule, traffic,
                      GroupsInCidr(model, vpc, *cidr, sg_rule.group));
    findings.push_back(std::move(finding));
  }
  return findings;
}

}  // namespace polygraph::rules::internal
