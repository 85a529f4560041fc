// PG-NET-003..005: the network audits of polygraph/network_audit.h over the
// run's Network: shadowed ACL entries, redundant security group rules and
// ACLs that block the return traffic of what they allow.

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "polygraph/network_audit.h"
#include "polygraph/reachability.h"
#include "rules/check_registry.h"
#include "rules/checks/checks.h"
#include "rules/checks/terraform_fix.h"

namespace polygraph::rules::internal {
namespace {

std::string NameOf(const Model& model, size_t resource) {
  return resource < model.resources().size() ? model.resources()[resource].name
                                             : std::string();
}

// The location of the entry or rule; its resource's when unknown.
SourceLocation LocationOf(const Model& model, const SourceLocation& location,
                          size_t resource) {
  if (location.known() || resource >= model.resources().size()) {
    return location;
  }
  return model.resources()[resource].location;
}

bool TerraformResource(const Model& model, size_t resource) {
  return resource < model.resources().size() &&
         IsTerraform(model.resources()[resource]);
}

}  // namespace

std::vector<Finding> CheckNetShadowedAclEntry(const CheckContext& context,
                                              const RuleInfo& rule) {
  const Model& model = context.model();
  std::vector<Finding> findings;
  for (const net::ShadowedAclEntry& entry :
       net::ShadowedAclEntries(context.network())) {
    Finding finding = NewFinding(rule);
    finding.location = LocationOf(model, entry.location, entry.network_acl);
    finding.resource = NameOf(model, entry.network_acl);
    finding.message = entry.message;
    std::string covers;
    for (const net::Cover& cover : entry.covered_by) {
      absl::StrAppend(&covers, covers.empty() ? "" : "; ", cover.rule);
    }
    finding.fix = entry.allow ? absl::StrCat(
                                    "this allow never takes effect: if the "
                                    "traffic should pass, give ",
                                    entry.rule, " a rule number lower than ",
                                    covers, "; otherwise delete it")
                              : absl::StrCat("delete ", entry.rule,
                                             ", which changes nothing (",
                                             covers, " decides first)");
    if (TerraformResource(model, entry.network_acl)) {
      const std::string& acl = finding.resource;
      finding.fix =
          entry.allow
              ? absl::StrCat(
                    "this allow never takes effect: if the traffic should "
                    "pass, give ",
                    entry.rule, " (its ingress or egress block in ", acl,
                    TerraformModuleNote(acl),
                    ", or its aws_network_acl_rule) a rule_no lower than ",
                    covers, "; otherwise delete it")
              : absl::StrCat("delete ", entry.rule,
                             " (its ingress or egress block in ", acl,
                             TerraformModuleNote(acl),
                             ", or its aws_network_acl_rule), which changes "
                             "nothing (",
                             covers, " decides first)");
    }
    findings.push_back(std::move(finding));
  }
  return findings;
}

std::vector<Finding> CheckNetRedundantSgRule(const CheckContext& context,
                                             const RuleInfo& rule) {
  const Model& model = context.model();
  std::vector<Finding> findings;
  for (const net::RedundantSgRule& redundant :
       net::RedundantSecurityGroupRules(context.network())) {
    Finding finding = NewFinding(rule);
    finding.location =
        LocationOf(model, redundant.location, redundant.security_group);
    finding.resource = NameOf(model, redundant.security_group);
    finding.message = redundant.message;
    finding.fix = absl::StrCat("delete ", redundant.rule,
                               ": what the group admits stays the same");
    if (TerraformResource(model, redundant.security_group)) {
      finding.fix = absl::StrCat(
          "delete ", redundant.rule, " (its ingress or egress block in ",
          finding.resource, TerraformModuleNote(finding.resource),
          ", or its aws_security_group_rule or "
          "aws_vpc_security_group_ingress_rule / egress_rule): what the group "
          "admits stays the same");
    }
    findings.push_back(std::move(finding));
  }
  return findings;
}

std::vector<Finding> CheckNetAclBlocksReturn(const CheckContext& context,
                                             const RuleInfo& rule) {
  const Model& model = context.model();
  std::vector<Finding> findings;
  for (const net::BlockedReturn& blocked :
       net::BlockedReturnTraffic(context.network())) {
    Finding finding = NewFinding(rule);
    finding.location = LocationOf(model, blocked.location, blocked.network_acl);
    finding.resource = NameOf(model, blocked.network_acl);
    finding.message = blocked.message;
    finding.fix = absl::StrCat(
        "network ACLs are stateless: add an ",
        blocked.inbound_initiated ? "outbound" : "inbound",
        " allow entry, numbered before any deny that matches, for the "
        "replies ",
        blocked.blocked.ToString());
    if (TerraformResource(model, blocked.network_acl)) {
      const bool egress = blocked.inbound_initiated;
      finding.fix = absl::StrCat(
          "network ACLs are stateless: add to ", finding.resource,
          TerraformModuleNote(finding.resource), " an ",
          egress ? "egress" : "ingress",
          " block (or an aws_network_acl_rule with egress = ",
          egress ? "true" : "false",
          ") with action = \"allow\" and a rule_no lower than any deny that "
          "matches, for the replies ",
          blocked.blocked.ToString());
    }
    findings.push_back(std::move(finding));
  }
  return findings;
}

}  // namespace polygraph::rules::internal
