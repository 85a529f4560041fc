#ifndef POLYGRAPH_LIB_INGEST_TERRAFORM_RESOURCES_H_
#define POLYGRAPH_LIB_INGEST_TERRAFORM_RESOURCES_H_

// Maps evaluated Terraform resource instances (terraform/configuration.h)
// into the Model, with the AWS provider's semantics where they differ from
// CloudFormation's. Each instance of a type the analyses read is rewritten
// as the CloudFormation resource it corresponds to (aws_subnet ->
// AWS::EC2::Subnet with CidrBlock, VpcId...), and the CloudFormation facets
// read them; the resources are then named by their Terraform address, typed
// by their Terraform type and marked SourceFormat::kTerraform, so findings
// say "aws_subnet.private[1]" at the .tf line.
//
// - A reference to another instance (an unknown with resource_address)
//   becomes a Ref or Fn::GetAtt to it, so references link model objects.
// - Other unknowns stay symbolic (a "symbolic-value" note where a facet
//   needs them), never invented.
// - Provider semantics: an aws_security_group without egress blocks has no
//   egress rules (Terraform removes AWS's default allow-all); inline
//   ingress/egress blocks, aws_security_group_rule and
//   aws_vpc_security_group_{ingress,egress}_rule all land on their group;
//   aws_s3_bucket's split-out resources (policy, public_access_block, acl,
//   ownership_controls, server_side_encryption_configuration, versioning,
//   lifecycle_configuration, logging) land on the bucket they name;
//   aws_iam_role_policy_attachment and friends attach to their role.
// - A type the analyses do not read is still a Resource (its attributes as
//   properties), so the graph and references see it.
//
// Thread safety: stateless; thread-compatible on the builder it fills.

#include <vector>

#include "absl/status/status.h"
#include "polygraph/diagnostic.h"
#include "polygraph/model.h"
#include "terraform/configuration.h"

namespace polygraph::ingest {

// Adds `configuration`'s resources to `builder`. Errors: the CloudFormation
// facets' InputErrors for invalid values (an invalid CIDR, a port out of
// range, a policy that does not parse), located in the .tf files.
absl::Status ImportTerraformResources(
    const terraform::Configuration& configuration, ModelBuilder& builder,
    std::vector<Diagnostic>& diagnostics);

}  // namespace polygraph::ingest

#endif  // POLYGRAPH_LIB_INGEST_TERRAFORM_RESOURCES_H_
