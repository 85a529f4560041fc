// PG-CIDR-001..007: the problems of the address-plan analysis
// (polygraph/cidr_plan.h), one rule per problem kind, with default options.

#include "polygraph/cidr_plan.h"

#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_replace.h"
#include "rules/check_registry.h"
#include "rules/checks/checks.h"
#include "rules/checks/terraform_fix.h"

namespace polygraph::rules::internal {
namespace {

// Whether the resource named `name` was read from Terraform.
bool ReadFromTerraform(const Model& model, const std::string& name) {
  for (const Resource& resource : model.resources()) {
    if (resource.name == name) return IsTerraform(resource);
  }
  return false;
}

std::vector<Finding> FindingsOf(const Model& model, const RuleInfo& rule,
                                cidr::PlanProblemKind kind) {
  std::vector<Finding> findings;
  absl::StatusOr<cidr::AddressPlan> plan = cidr::AnalysePlan(model, {});
  // Fails only for a model with an invalid block, which no loader builds.
  if (!plan.ok()) return findings;
  for (cidr::PlanProblem& problem : plan->problems) {
    if (problem.kind != kind) continue;
    Finding finding = NewFinding(rule);
    finding.location = std::move(problem.location);
    finding.resource = std::move(problem.resource);
    finding.message = std::move(problem.message);
    finding.fix = std::move(problem.fix);
    if (ReadFromTerraform(model, finding.resource)) {
      // The plan names the CloudFormation type of a secondary VPC block.
      finding.fix = absl::StrReplaceAll(
          finding.fix,
          {{"AWS::EC2::VPCCidrBlock", "aws_vpc_ipv4_cidr_block_association"}});
    }
    findings.push_back(std::move(finding));
  }
  return findings;
}

}  // namespace

std::vector<Finding> CheckCidrSubnetOutsideVpc(const CheckContext& context,
                                               const RuleInfo& rule) {
  const Model& model = context.model();
  return FindingsOf(model, rule, cidr::PlanProblemKind::kSubnetOutsideVpc);
}

std::vector<Finding> CheckCidrSubnetOverlap(const CheckContext& context,
                                            const RuleInfo& rule) {
  const Model& model = context.model();
  return FindingsOf(model, rule, cidr::PlanProblemKind::kSubnetOverlap);
}

std::vector<Finding> CheckCidrConnectedVpcOverlap(const CheckContext& context,
                                                  const RuleInfo& rule) {
  const Model& model = context.model();
  return FindingsOf(model, rule, cidr::PlanProblemKind::kConnectedVpcOverlap);
}

std::vector<Finding> CheckCidrVpcOverlap(const CheckContext& context,
                                         const RuleInfo& rule) {
  const Model& model = context.model();
  return FindingsOf(model, rule, cidr::PlanProblemKind::kVpcOverlap);
}

std::vector<Finding> CheckCidrTierZones(const CheckContext& context,
                                        const RuleInfo& rule) {
  const Model& model = context.model();
  return FindingsOf(model, rule, cidr::PlanProblemKind::kTooFewZones);
}

std::vector<Finding> CheckCidrProductionVpcSize(const CheckContext& context,
                                                const RuleInfo& rule) {
  const Model& model = context.model();
  return FindingsOf(model, rule, cidr::PlanProblemKind::kProductionVpcTooSmall);
}

std::vector<Finding> CheckCidrSubnetTooSmall(const CheckContext& context,
                                             const RuleInfo& rule) {
  const Model& model = context.model();
  return FindingsOf(model, rule, cidr::PlanProblemKind::kSubnetTooSmall);
}

}  // namespace polygraph::rules::internal
