// PG-S3-002..005: bucket exposure as decided by storage::AnalyseBucketExposure.

#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "polygraph/storage_exposure.h"
#include "rules/check_registry.h"
#include "rules/checks/checks.h"
#include "rules/checks/terraform_fix.h"

namespace polygraph::rules::internal {
namespace {

using ::polygraph::internal::ToAbsl;
using storage::Access;
using storage::AccessResult;
using storage::Audience;
using storage::BucketExposure;
using storage::Grant;

const Grant* FirstEffective(const AccessResult& result) {
  for (const Grant& grant : result.grants) {
    if (grant.blocked_by.empty()) return &grant;
  }
  return nullptr;
}

// The ACL fix for a bucket read from Terraform.
std::string TerraformAclFix(const Resource& resource, bool block_acls) {
  return absl::StrCat(
      "remove the bucket's aws_s3_bucket_acl (or its acl argument) and add",
      TerraformModuleNote(resource.name),
      ":\nresource \"aws_s3_bucket_ownership_controls\" \"",
      TerraformLabel(resource.name),
      "\" {\n  bucket = ", TerraformRef(resource.name, "id"),
      "\n  rule {\n    object_ownership = \"BucketOwnerEnforced\"\n  }\n}\n",
      block_acls ? "then set ignore_public_acls = true and block_public_acls = "
                   "true in its aws_s3_bucket_public_access_block"
                 : "which disables ACLs");
}

std::string Fix(const Resource& resource, const Grant& grant,
                bool anonymous_read) {
  if (IsTerraform(resource)) {
    if (!grant.from_policy) return TerraformAclFix(resource, true);
    std::string statement = grant.sid.empty()
                                ? absl::StrCat("#", grant.statement_index + 1)
                                : absl::StrCat("\"", grant.sid, "\"");
    std::string where = absl::StrCat(
        "in statement ", statement,
        " of the aws_s3_bucket_policy with bucket = ",
        TerraformRef(resource.name, "id"), TerraformModuleNote(resource.name));
    if (anonymous_read) {
      return absl::StrCat(
          where,
          " replace Principal = \"*\" with Principal = { Service = "
          "\"cloudfront.amazonaws.com\" } and add Condition = { StringEquals "
          "= { \"AWS:SourceArn\" = aws_cloudfront_distribution.<name>.arn } } "
          "(Origin Access Control); set restrict_public_buckets = true in "
          "its aws_s3_bucket_public_access_block");
    }
    return absl::StrCat(
        where,
        " name the principals that need access instead of \"*\", or add a "
        "Condition on a fixed aws:SourceVpce, aws:PrincipalOrgID or "
        "aws:SourceArn; set restrict_public_buckets = true in its "
        "aws_s3_bucket_public_access_block");
  }
  if (!grant.from_policy) {
    return "remove AccessControl and set OwnershipControls ObjectOwnership "
           "BucketOwnerEnforced (ACLs disabled); turn on IgnorePublicAcls and "
           "BlockPublicAcls";
  }
  std::string statement = grant.sid.empty()
                              ? absl::StrCat("#", grant.statement_index + 1)
                              : absl::StrCat("\"", grant.sid, "\"");
  if (anonymous_read) {
    return absl::StrCat(
        "in statement ", statement,
        " replace Principal \"*\" with Service cloudfront.amazonaws.com and "
        "add Condition StringEquals AWS:SourceArn <distribution ARN> (Origin "
        "Access Control); set RestrictPublicBuckets true");
  }
  return absl::StrCat("in statement ", statement,
                      " name the principals that need access instead of "
                      "\"*\", or add a condition on a fixed aws:SourceVpce, "
                      "aws:PrincipalOrgID or aws:SourceArn; set "
                      "RestrictPublicBuckets true");
}

// One finding for the first effective grant among `accesses` for `audience`.
bool Report(const Model& model, const RuleInfo& rule,
            const BucketExposure& exposure, Audience audience,
            std::initializer_list<Access> accesses, std::string_view what,
            std::vector<Finding>& findings) {
  for (Access access : accesses) {
    const Grant* grant = FirstEffective(exposure.Get(audience, access));
    if (grant == nullptr) continue;
    const Bucket& bucket = model.buckets()[exposure.bucket];
    const Resource& resource = model.resources()[bucket.resource];
    Finding finding = NewFinding(rule);
    finding.resource = resource.name;
    finding.location =
        grant->location.known() ? grant->location : resource.location;
    finding.message = absl::StrCat(
        "bucket \"", resource.name, "\" ", ToAbsl(what), ": ",
        IsTerraform(resource) ? TerraformS3Phrase(grant->description)
                              : grant->description);
    finding.fix = Fix(resource, *grant,
                      audience == Audience::kAnonymous &&
                          access != Access::kWriteObjects &&
                          access != Access::kChangePermissions);
    findings.push_back(std::move(finding));
    return true;
  }
  return false;
}

bool Valid(const Model& model, const BucketExposure& exposure) {
  return exposure.bucket < model.buckets().size() &&
         model.buckets()[exposure.bucket].resource < model.resources().size();
}

}  // namespace

std::vector<Finding> CheckS3AnonymousRead(const CheckContext& context,
                                          const RuleInfo& rule) {
  const Model& model = context.model();
  std::vector<Finding> findings;
  for (const BucketExposure& exposure : context.bucket_exposures()) {
    if (!Valid(model, exposure)) continue;
    Report(model, rule, exposure, Audience::kAnonymous,
           {Access::kReadObjects, Access::kList}, "is readable by anyone",
           findings);
  }
  return findings;
}

std::vector<Finding> CheckS3PublicWrite(const CheckContext& context,
                                        const RuleInfo& rule) {
  const Model& model = context.model();
  std::vector<Finding> findings;
  for (const BucketExposure& exposure : context.bucket_exposures()) {
    if (!Valid(model, exposure)) continue;
    if (Report(model, rule, exposure, Audience::kAnonymous,
               {Access::kWriteObjects, Access::kChangePermissions},
               "is writable by anyone", findings)) {
      continue;
    }
    Report(model, rule, exposure, Audience::kAuthenticatedOutsider,
           {Access::kWriteObjects, Access::kChangePermissions},
           "is writable by any AWS account", findings);
  }
  return findings;
}

std::vector<Finding> CheckS3CrossAccountRead(const CheckContext& context,
                                             const RuleInfo& rule) {
  const Model& model = context.model();
  std::vector<Finding> findings;
  for (const BucketExposure& exposure : context.bucket_exposures()) {
    if (!Valid(model, exposure)) continue;
    // Anonymous readers are PG-S3-002's.
    if (FirstEffective(exposure.Get(Audience::kAnonymous,
                                    Access::kReadObjects)) != nullptr ||
        FirstEffective(exposure.Get(Audience::kAnonymous, Access::kList)) !=
            nullptr) {
      continue;
    }
    Report(model, rule, exposure, Audience::kAuthenticatedOutsider,
           {Access::kReadObjects, Access::kList},
           "is readable by any authenticated AWS principal outside the "
           "account",
           findings);
  }
  return findings;
}

std::vector<Finding> CheckS3PublicAcl(const CheckContext& context,
                                      const RuleInfo& rule) {
  const Model& model = context.model();
  std::vector<Finding> findings;
  for (const BucketExposure& exposure : context.bucket_exposures()) {
    if (!Valid(model, exposure) || !exposure.public_acl) continue;
    const Bucket& bucket = model.buckets()[exposure.bucket];
    const Resource& resource = model.resources()[bucket.resource];
    // Every ACL grant comes from the one canned ACL: find what blocks it.
    std::string blocked;
    for (const auto& by_access : exposure.results) {
      for (const AccessResult& result : by_access) {
        for (const Grant& grant : result.grants) {
          if (!grant.from_policy && !grant.blocked_by.empty()) {
            blocked = grant.blocked_by;
          }
        }
      }
    }
    Finding finding = NewFinding(rule);
    finding.resource = resource.name;
    finding.location = bucket.access_control_location.known()
                           ? bucket.access_control_location
                           : resource.location;
    const std::string acl =
        IsTerraform(resource)
            ? absl::StrCat("acl \"",
                           ToAbsl(TerraformCannedAcl(bucket.access_control)),
                           "\"")
            : absl::StrCat("AccessControl ",
                           ToAbsl(CannedAclName(bucket.access_control)));
    if (IsTerraform(resource)) blocked = TerraformS3Phrase(blocked);
    finding.message = absl::StrCat(
        "bucket \"", resource.name, "\" grants a public ACL: ", acl,
        blocked.empty() ? " (in effect)"
                        : absl::StrCat(" (not in effect: ", blocked, ")"));
    finding.fix =
        IsTerraform(resource)
            ? TerraformAclFix(resource, false)
            : "remove AccessControl and set OwnershipControls ObjectOwnership "
              "BucketOwnerEnforced, which disables ACLs";
    findings.push_back(std::move(finding));
  }
  return findings;
}

}  // namespace polygraph::rules::internal
