#include "rules/checks/terraform_fix.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "base/strings.h"

namespace polygraph::rules::internal {
namespace {

using ::polygraph::internal::ToAbsl;

constexpr std::string_view kModule = "module.";

}  // namespace

TerraformAddress SplitTerraformAddress(std::string_view address) {
  size_t local = 0;  // start of the address inside the innermost module
  size_t at = 0;
  while (address.substr(at).starts_with(kModule)) {
    size_t i = at + kModule.size();
    while (i < address.size() && address[i] != '.' && address[i] != '[') ++i;
    while (i < address.size() && address[i] == '[') {
      i = ::polygraph::internal::SkipAddressIndex(address, i);
      if (i == std::string_view::npos) return {"", std::string(address)};
    }
    if (i >= address.size() || address[i] != '.') break;
    at = i + 1;
    local = at;
  }
  TerraformAddress split;
  if (local > 0) split.module = std::string(address.substr(0, local - 1));
  split.local = std::string(address.substr(local));
  return split;
}

std::string TerraformRef(std::string_view address, std::string_view attribute) {
  return absl::StrCat(SplitTerraformAddress(address).local, ".",
                      ToAbsl(attribute));
}

std::string TerraformLabel(std::string_view address) {
  std::string local = SplitTerraformAddress(address).local;
  std::string_view name = local;
  if (size_t bracket = name.find('['); bracket != std::string_view::npos) {
    name = name.substr(0, bracket);
  }
  if (size_t dot = name.rfind('.'); dot != std::string_view::npos) {
    name = name.substr(dot + 1);
  }
  return std::string(name.empty() ? std::string_view("this") : name);
}

std::string TerraformModuleNote(std::string_view address) {
  std::string module = SplitTerraformAddress(address).module;
  return module.empty() ? std::string() : absl::StrCat(" (in ", module, ")");
}

std::string_view TerraformCannedAcl(CannedAcl acl) {
  switch (acl) {
    case CannedAcl::kAbsent:
      return "";
    case CannedAcl::kPrivate:
      return "private";
    case CannedAcl::kPublicRead:
      return "public-read";
    case CannedAcl::kPublicReadWrite:
      return "public-read-write";
    case CannedAcl::kAuthenticatedRead:
      return "authenticated-read";
    case CannedAcl::kLogDeliveryWrite:
      return "log-delivery-write";
    case CannedAcl::kBucketOwnerRead:
      return "bucket-owner-read";
    case CannedAcl::kBucketOwnerFullControl:
      return "bucket-owner-full-control";
    case CannedAcl::kAwsExecRead:
      return "aws-exec-read";
  }
  return "";
}

std::string TerraformS3Phrase(std::string_view text) {
  std::vector<std::pair<std::string, std::string>> names = {
      {"BlockPublicAcls", "block_public_acls"},
      {"IgnorePublicAcls", "ignore_public_acls"},
      {"BlockPublicPolicy", "block_public_policy"},
      {"RestrictPublicBuckets", "restrict_public_buckets"},
  };
  for (ObjectOwnership ownership : {ObjectOwnership::kBucketOwnerEnforced,
                                    ObjectOwnership::kBucketOwnerPreferred,
                                    ObjectOwnership::kObjectWriter}) {
    const absl::string_view name = ToAbsl(ObjectOwnershipName(ownership));
    names.push_back({absl::StrCat("ObjectOwnership ", name),
                     absl::StrCat("object_ownership \"", name, "\"")});
  }
  // Longer names win where one is a prefix of another (PublicReadWrite).
  for (CannedAcl acl :
       {CannedAcl::kPrivate, CannedAcl::kPublicRead,
        CannedAcl::kPublicReadWrite, CannedAcl::kAuthenticatedRead,
        CannedAcl::kLogDeliveryWrite, CannedAcl::kBucketOwnerRead,
        CannedAcl::kBucketOwnerFullControl, CannedAcl::kAwsExecRead}) {
    names.push_back(
        {absl::StrCat("AccessControl ", ToAbsl(CannedAclName(acl))),
         absl::StrCat("acl \"", ToAbsl(TerraformCannedAcl(acl)), "\"")});
  }
  return absl::StrReplaceAll(ToAbsl(text), names);
}

std::string TerraformDenyInsecureStatement(std::string_view bucket,
                                           int indent) {
  const std::string pad(static_cast<size_t>(indent), ' ');
  const std::string arn = TerraformRef(bucket, "arn");
  return absl::StrCat(
      pad, "{\n",                                              //
      pad, "  Sid       = \"DenyInsecureTransport\"\n",        //
      pad, "  Effect    = \"Deny\"\n",                         //
      pad, "  Principal = \"*\"\n",                            //
      pad, "  Action    = \"s3:*\"\n",                         //
      pad, "  Resource  = [", arn, ", \"${", arn, "}/*\"]\n",  //
      pad, "  Condition = { Bool = { \"aws:SecureTransport\" = \"false\" } }\n",
      pad, "},\n");
}

std::string TerraformOacFix(std::string_view bucket, std::string_view cdn,
                            bool with_oac, bool has_policy) {
  const std::string arn = TerraformRef(bucket, "arn");
  auto allow = [&](int indent) {
    const std::string pad(static_cast<size_t>(indent), ' ');
    return absl::StrCat(
        pad, "{\n",                                                         //
        pad, "  Sid       = \"AllowCloudFrontOAC\"\n",                      //
        pad, "  Effect    = \"Allow\"\n",                                   //
        pad, "  Principal = { Service = \"cloudfront.amazonaws.com\" }\n",  //
        pad, "  Action    = \"s3:GetObject\"\n",                            //
        pad, "  Resource  = \"${", arn, "}/*\"\n",                          //
        pad, "  Condition = { StringEquals = { \"AWS:SourceArn\" = ",
        TerraformRef(cdn, "arn"), " } }\n",  //
        pad, "},\n");
  };
  std::string fix;
  if (has_policy) {
    fix = absl::StrCat(
        "add this statement to the Statement list of the aws_s3_bucket_policy "
        "of ",
        ToAbsl(bucket), TerraformModuleNote(bucket), ":\n", allow(0));
  } else {
    // A new policy also denies requests without TLS (PG-S3-009).
    fix = absl::StrCat("add this bucket policy", TerraformModuleNote(bucket),
                       ":\nresource \"aws_s3_bucket_policy\" \"",
                       TerraformLabel(bucket),
                       "\" {\n  bucket = ", TerraformRef(bucket, "id"),
                       "\n  policy = jsonencode({\n"
                       "    Version = \"2012-10-17\"\n"
                       "    Statement = [\n",
                       allow(6), TerraformDenyInsecureStatement(bucket, 6),
                       "    ]\n"
                       "  })\n"
                       "}\n");
  }
  if (!with_oac) return fix;
  const std::string label = TerraformLabel(bucket);
  return absl::StrCat(
      fix, "with an Origin Access Control", TerraformModuleNote(cdn),
      ":\nresource \"aws_cloudfront_origin_access_control\" \"", label,
      "\" {\n"
      "  name                              = \"",
      label,
      "-oac\"\n"
      "  origin_access_control_origin_type = \"s3\"\n"
      "  signing_behavior                  = \"always\"\n"
      "  signing_protocol                  = \"sigv4\"\n"
      "}\n"
      "and in the origin block of ",
      ToAbsl(cdn),
      " (without an s3_origin_config origin_access_identity):\n"
      "  origin_access_control_id = aws_cloudfront_origin_access_control.",
      label, ".id\n");
}

}  // namespace polygraph::rules::internal
