#ifndef POLYGRAPH_LIB_RULES_CHECKS_TERRAFORM_FIX_H_
#define POLYGRAPH_LIB_RULES_CHECKS_TERRAFORM_FIX_H_

// Spelling fixes in Terraform (AWS provider v5) for findings on resources
// read from Terraform, whose Resource::name is a Terraform address such as
// "module.logs.aws_s3_bucket.this[0]". Thread safety: pure functions;
// thread-safe.

#include <string>
#include <string_view>

#include "polygraph/model.h"

namespace polygraph::rules::internal {

// An address split into the module path that declares the resource and the
// address inside that module: "module.logs.module.b[\"x\"].aws_s3_bucket.
// this[0]" gives {"module.logs.module.b[\"x\"]", "aws_s3_bucket.this[0]"};
// a root resource has an empty module. Brackets (with quoted keys, which may
// hold dots) are kept whole.
struct TerraformAddress {
  std::string module;
  std::string local;
};
TerraformAddress SplitTerraformAddress(std::string_view address);

// The reference to `attribute` of the resource at `address`, written from
// the module that declares it: ("aws_s3_bucket.assets", "id") gives
// "aws_s3_bucket.assets.id"; ("module.logs.aws_s3_bucket.this[0]", "arn")
// gives "aws_s3_bucket.this[0].arn".
std::string TerraformRef(std::string_view address, std::string_view attribute);

// A label for a new resource that belongs to the resource at `address`: its
// name without index, "assets" for "aws_s3_bucket.assets", "this" for
// "module.logs.aws_s3_bucket.this[0]".
std::string TerraformLabel(std::string_view address);

// " (in module.logs)" when the resource is declared in a module, else "".
std::string TerraformModuleNote(std::string_view address);

// Whether `resource` was read from Terraform.
inline bool IsTerraform(const Resource& resource) {
  return resource.format == SourceFormat::kTerraform;
}

// The name a finding's message gives a setting of `resource`, in the
// vocabulary its author wrote: `terraform` for a resource read from
// Terraform, else `cloudformation`.
inline const char* Spelled(const Resource& resource, const char* cloudformation,
                           const char* terraform) {
  return IsTerraform(resource) ? terraform : cloudformation;
}

// The canned ACL as Terraform's acl argument spells it: "public-read",
// "log-delivery-write"; "" for kAbsent.
std::string_view TerraformCannedAcl(CannedAcl acl);

// `text`, a phrase that names S3 settings in CloudFormation's spelling (a
// grant's description or what blocks it, from the storage analysis), with
// those names in Terraform's: "AccessControl PublicRead" becomes
// `acl "public-read"`, "ObjectOwnership BucketOwnerEnforced" becomes
// `object_ownership "BucketOwnerEnforced"`, "IgnorePublicAcls" becomes
// "ignore_public_acls"; the rest is kept.
std::string TerraformS3Phrase(std::string_view text);

// The HCL giving the S3 origin bucket `bucket` of the distribution `cdn`
// (both addresses) Origin Access Control: a statement to add to the bucket's
// aws_s3_bucket_policy when `has_policy`, else a new aws_s3_bucket_policy
// with that statement and one denying requests without TLS; with
// `with_oac`, also an aws_cloudfront_origin_access_control and the origin's
// origin_access_control_id. Ends with a newline.
std::string TerraformOacFix(std::string_view bucket, std::string_view cdn,
                            bool with_oac, bool has_policy);

// The statement that denies requests without TLS to `bucket`, as an element
// of a jsonencode()d policy's Statement list, indented by `indent` spaces;
// ends with a newline.
std::string TerraformDenyInsecureStatement(std::string_view bucket, int indent);

}  // namespace polygraph::rules::internal

#endif  // POLYGRAPH_LIB_RULES_CHECKS_TERRAFORM_FIX_H_
