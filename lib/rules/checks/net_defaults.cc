// PG-NET-008: workloads on the VPC's default security group, and default
// security groups with ingress rules. PG-NET-009: subnets left on the
// default network ACL (allow all) in a VPC that declares network ACLs, and
// a default network ACL written to allow all traffic.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "rules/check_registry.h"
#include "rules/checks/checks.h"
#include "rules/checks/net_facts.h"
#include "rules/checks/terraform_fix.h"

namespace polygraph::rules::internal {
namespace {

namespace facts = net_facts;

// Where the workload's groups are written, in its format's names; "" for a
// kind that has no security groups of its own.
std::string GroupSetting(WorkloadKind kind, bool terraform) {
  switch (kind) {
    case WorkloadKind::kInstance:
      return terraform ? "vpc_security_group_ids" : "SecurityGroupIds";
    case WorkloadKind::kEcsService:
      return terraform ? "network_configuration { security_groups }"
                       : "NetworkConfiguration.AwsvpcConfiguration."
                         "SecurityGroups";
    case WorkloadKind::kLambdaFunction:
      return terraform ? "vpc_config { security_group_ids }"
                       : "VpcConfig.SecurityGroupIds";
    case WorkloadKind::kDbInstance:
      return terraform ? "vpc_security_group_ids" : "VPCSecurityGroups";
    case WorkloadKind::kDbCluster:
      return terraform ? "vpc_security_group_ids" : "VpcSecurityGroupIds";
    default:
      return "";
  }
}

// Whether the workload is placed in a VPC where it would get the default
// group: ECS services and Lambda functions only with subnets (awsvpc mode,
// VpcConfig); instances and databases always (without a subnet, in the
// default VPC).
bool InVpc(const Workload& workload) {
  const bool placed = !workload.subnets.empty() || !workload.subnet_ids.empty();
  if (workload.kind == WorkloadKind::kEcsService ||
      workload.kind == WorkloadKind::kLambdaFunction) {
    return placed;
  }
  return true;
}

// The text of a scalar member, lower case; "" when absent or not a scalar.
std::string Text(const Value& object, std::string_view key) {
  const Value* value = object.is_object() ? object.Find(key) : nullptr;
  return value != nullptr && value->is_scalar()
             ? absl::AsciiStrToLower(value->text)
             : std::string();
}

// The blocks of a Terraform nested block attribute: an object or an array
// of objects.
std::vector<const Value*> Blocks(const Value& properties,
                                 std::string_view key) {
  std::vector<const Value*> blocks;
  const Value* value = properties.Find(key);
  if (value == nullptr) return blocks;
  if (value->is_object()) blocks.push_back(value);
  if (value->is_array()) {
    for (const Value& item : value->items) {
      if (item.is_object()) blocks.push_back(&item);
    }
  }
  return blocks;
}

}  // namespace

std::vector<Finding> CheckNetDefaultSecurityGroup(const CheckContext& context,
                                                  const RuleInfo& rule) {
  const Model& model = context.model();
  std::vector<Finding> findings;
  for (const Workload& workload : model.workloads()) {
    const Resource* resource = facts::ResourceAt(model, workload.resource);
    if (resource == nullptr || !workload.security_groups.empty() ||
        !workload.security_group_ids.empty() || !InVpc(workload) ||
        facts::IsClusterMember(model, workload)) {
      continue;
    }
    const std::string setting =
        GroupSetting(workload.kind, IsTerraform(*resource));
    if (setting.empty()) continue;
    Finding finding = NewFinding(rule);
    finding.location =
        workload.location.known() ? workload.location : resource->location;
    finding.resource = resource->name;
    finding.message = absl::StrCat(
        facts::DescribeWorkload(model, workload), " gives no ", setting,
        ", so it is placed in its VPC's default security group");
    finding.fix = absl::StrCat(
        "create a security group for ", resource->name,
        " that admits only its clients (by their security group) and list "
        "it in ",
        setting,
        IsTerraform(*resource) ? TerraformModuleNote(resource->name)
                               : std::string());
    findings.push_back(std::move(finding));
  }
  for (const Resource& resource : model.resources()) {
    if (resource.type == "aws_default_security_group") {
      std::vector<const Value*> ingress =
          Blocks(resource.properties, "ingress");
      if (ingress.empty()) continue;
      Finding finding = NewFinding(rule);
      finding.location = resource.properties.KeyLocation("ingress");
      finding.resource = resource.name;
      finding.message = absl::StrCat(
          "default security group ", resource.name, " has ", ingress.size(),
          " ingress block", ingress.size() == 1 ? "" : "s",
          ": every workload created without groups gets them");
      finding.fix =
          absl::StrCat("remove the ingress blocks from ", resource.name,
                       TerraformModuleNote(resource.name),
                       " (leave the default group without rules) and give the "
                       "workloads their own aws_security_group");
      findings.push_back(std::move(finding));
    } else if (resource.kind == ResourceKind::kSecurityGroup &&
               resource.format == SourceFormat::kAwsSnapshot &&
               Text(resource.properties, "GroupName") == "default") {
      const size_t index =
          static_cast<size_t>(&resource - model.resources().data());
      for (const SecurityGroupRule& sg_rule : model.security_group_rules()) {
        if (sg_rule.group != index || !sg_rule.ingress ||
            sg_rule.implicit_default) {
          continue;
        }
        Finding finding = NewFinding(rule);
        finding.location =
            sg_rule.location.known() ? sg_rule.location : resource.location;
        finding.resource = resource.name;
        finding.message = absl::StrCat(
            "default security group ", resource.name,
            " has ingress rules: every workload launched without groups "
            "gets them");
        finding.fix = absl::StrCat(
            "remove the inbound and outbound rules of the default security "
            "group ",
            resource.name,
            " and give the workloads security groups of their own");
        findings.push_back(std::move(finding));
        break;
      }
    }
  }
  return findings;
}

std::vector<Finding> CheckNetDefaultNetworkAcl(const CheckContext& context,
                                               const RuleInfo& rule) {
  const Model& model = context.model();
  std::vector<Finding> findings;
  for (const Subnet& subnet : model.subnets()) {
    const Resource* resource = facts::ResourceAt(model, subnet.resource);
    if (resource == nullptr || subnet.vpc == kNoResource ||
        resource->format == SourceFormat::kAwsSnapshot) {
      continue;
    }
    bool associated = false;
    for (const NetworkAclAssociation& association :
         model.network_acl_associations()) {
      associated = associated || association.subnet == subnet.resource;
    }
    if (associated) continue;
    const NetworkAcl* declared = nullptr;
    for (const NetworkAcl& acl : model.network_acls()) {
      if (acl.vpc == subnet.vpc && !acl.is_default) {
        declared = &acl;
        break;
      }
    }
    if (declared == nullptr) continue;
    const std::string acl = facts::NameAt(model, declared->resource);
    Finding finding = NewFinding(rule);
    finding.location = resource->location;
    finding.resource = resource->name;
    finding.message = absl::StrCat(
        "subnet \"", resource->name,
        "\" is associated with no network ACL, so the VPC's default ACL "
        "(allow all traffic) applies, while the VPC declares network ACL \"",
        acl, "\"");
    finding.fix = IsTerraform(*resource)
                      ? absl::StrCat("add ", TerraformRef(resource->name, "id"),
                                     " to the subnet_ids of ", acl,
                                     " (or an aws_network_acl_association)")
                      : absl::StrCat(
                            "add an AWS::EC2::SubnetNetworkAclAssociation with "
                            "SubnetId: !Ref ",
                            resource->name, " and NetworkAclId: !Ref ", acl);
    findings.push_back(std::move(finding));
  }
  // aws_default_network_acl written with an allow-all entry.
  for (const Resource& resource : model.resources()) {
    if (resource.type != "aws_default_network_acl") continue;
    for (const char* direction : {"ingress", "egress"}) {
      for (const Value* block : Blocks(resource.properties, direction)) {
        const std::string protocol = Text(*block, "protocol");
        if (Text(*block, "action") != "allow" ||
            (protocol != "-1" && protocol != "all") ||
            (Text(*block, "cidr_block") != "0.0.0.0/0" &&
             Text(*block, "ipv6_cidr_block") != "::/0")) {
          continue;
        }
        Finding finding = NewFinding(rule);
        finding.location = block->location;
        finding.resource = resource.name;
        finding.message = absl::StrCat(
            "default network ACL ", resource.name, " allows all ", direction,
            " traffic (rule_no ", Text(*block, "rule_no"),
            "): subnets without an ACL of their own are not filtered");
        finding.fix = absl::StrCat(
            "remove the allow-all ", direction, " block from ", resource.name,
            TerraformModuleNote(resource.name),
            " and associate every subnet with an aws_network_acl whose "
            "entries allow only the traffic it needs");
        findings.push_back(std::move(finding));
      }
    }
  }
  return findings;
}

}  // namespace polygraph::rules::internal
