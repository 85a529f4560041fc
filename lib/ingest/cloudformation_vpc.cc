// VPC and subnet address blocks from CloudFormation (see
// cloudformation_facets.h: AddVpcFacets).

#include <optional>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ingest/cloudformation_context.h"
#include "ingest/cloudformation_facets.h"
#include "polygraph/ip_address.h"
#include "polygraph/model.h"

namespace polygraph::ingest {
namespace {

// Adds the block in property `key` of `declaration`, if present and not
// symbolic.
absl::Status AddBlock(TemplateContext& context, const Declaration& declaration,
                      std::string_view key, ip::Family family,
                      NetworkBlock block) {
  const Value* value = declaration.properties->Find(key);
  if (value == nullptr) return absl::OkStatus();
  absl::StatusOr<std::optional<std::string>> cidr =
      context.ReadCidr(key, *value, family, "the address block is unknown");
  if (!cidr.ok()) return cidr.status();
  if (!cidr->has_value()) return absl::OkStatus();
  block.cidr = **cidr;
  block.location = value->location;
  context.builder.AddNetworkBlock(std::move(block));
  return absl::OkStatus();
}

// The VPC named by the VpcId property, when declared in the template.
size_t VpcOf(const TemplateContext& context, const Declaration& declaration) {
  const Value* vpc = declaration.properties->Find("VpcId");
  return vpc == nullptr ? kNoResource : context.ReferencedResource(*vpc);
}

}  // namespace

absl::Status AddVpcFacets(TemplateContext& context) {
  for (const Declaration& declaration : context.declarations) {
    if (declaration.properties == nullptr ||
        !declaration.properties->is_object()) {
      continue;
    }
    NetworkBlock block;
    block.resource = declaration.index;
    absl::Status status;
    if (declaration.type == "AWS::EC2::VPC") {
      block.vpc = declaration.index;
      status =
          AddBlock(context, declaration, "CidrBlock", ip::Family::kIpv4, block);
    } else if (declaration.type == "AWS::EC2::VPCCidrBlock") {
      block.vpc = VpcOf(context, declaration);
      status =
          AddBlock(context, declaration, "CidrBlock", ip::Family::kIpv4, block);
    } else if (declaration.type == "AWS::EC2::Subnet") {
      block.vpc = VpcOf(context, declaration);
      block.subnet = true;
      if (const Value* zone =
              declaration.properties->Find("AvailabilityZone")) {
        if (const Value* resolved = context.Resolve(*zone)) {
          block.availability_zone = resolved->text;
        }
      }
      status =
          AddBlock(context, declaration, "CidrBlock", ip::Family::kIpv4, block);
      if (status.ok()) {
        status = AddBlock(context, declaration, "Ipv6CidrBlock",
                          ip::Family::kIpv6, block);
      }
    }
    if (!status.ok()) return status;
  }
  return absl::OkStatus();
}

}  // namespace polygraph::ingest
