// PG-CF-006 and PG-CF-009: how a distribution reaches its origins — a
// legacy origin access identity on an S3 origin, plain HTTP or old TLS to a
// custom origin.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "rules/check_registry.h"
#include "rules/checks/cdn_internal.h"
#include "rules/checks/checks.h"
#include "rules/checks/terraform_fix.h"

namespace polygraph::rules::internal {
namespace {

// The OriginSSLProtocols entries older than TLSv1.2.
std::vector<std::string> OldProtocols(const DistributionOrigin& origin) {
  std::vector<std::string> old;
  for (const std::string& protocol : origin.origin_ssl_protocols) {
    if (protocol == "SSLv3" || protocol == "TLSv1" || protocol == "TLSv1.1") {
      old.push_back(protocol);
    }
  }
  return old;
}

// The first behaviour that sends viewers of `origin` and lets them use
// plain HTTP (ViewerProtocolPolicy allow-all); nullptr when none.
const CacheBehavior* HttpBehaviorFor(const Distribution& distribution,
                                     const DistributionOrigin& origin) {
  for (const CacheBehavior& behavior : distribution.behaviors) {
    if (behavior.target_origin_id == origin.id &&
        behavior.viewer_protocol_policy == "allow-all") {
      return &behavior;
    }
  }
  return nullptr;
}

std::string OriginName(const DistributionOrigin& origin) {
  return origin.domain_name.empty()
             ? origin.id
             : absl::StrCat(origin.id, " (", origin.domain_name, ")");
}

}  // namespace

std::vector<Finding> CheckCdnLegacyOai(const CheckContext& context,
                                       const RuleInfo& rule) {
  const Model& model = context.model();
  std::vector<Finding> findings;
  for (const Distribution& distribution : model.distributions()) {
    if (distribution.resource >= model.resources().size()) continue;
    for (const DistributionOrigin& origin : distribution.origins) {
      if (origin.origin_access_identity.empty()) continue;
      const std::string& cdn = CdnNameOf(model, distribution.resource);
      Finding finding = NewFinding(rule);
      finding.resource = cdn;
      finding.location = origin.origin_access_identity_location.known()
                             ? origin.origin_access_identity_location
                             : origin.location;
      finding.message = absl::StrCat(
          "distribution ", cdn, " reads its origin ", origin.id,
          " with the legacy origin access identity ",
          origin.origin_access_identity_resource < model.resources().size()
              ? CdnNameOf(model, origin.origin_access_identity_resource)
              : origin.origin_access_identity,
          "; use Origin Access Control");
      const bool terraform =
          IsTerraform(model.resources()[distribution.resource]);
      std::string bucket =
          origin.bucket_resource < model.resources().size()
              ? CdnNameOf(model, origin.bucket_resource)
              : std::string(terraform ? "aws_s3_bucket.<name>" : "<Bucket>");
      finding.fix = absl::StrCat(
          "replace the origin access identity by Origin Access Control and ",
          (terraform ? TerraformOacFix : CdnOacFix)(
              bucket, cdn, /*with_oac=*/true,
              origin.bucket_resource < model.resources().size() &&
                  CdnHasBucketPolicy(model, origin.bucket_resource)),
          "then remove the origin access identity's statement from the bucket "
          "policy",
          terraform ? " and the aws_cloudfront_origin_access_identity" : "");
      findings.push_back(std::move(finding));
    }
  }
  return findings;
}

std::vector<Finding> CheckCdnOriginTransport(const CheckContext& context,
                                             const RuleInfo& rule) {
  const Model& model = context.model();
  std::vector<Finding> findings;
  for (const Distribution& distribution : model.distributions()) {
    if (distribution.resource >= model.resources().size()) continue;
    const std::string& cdn = CdnNameOf(model, distribution.resource);
    for (const DistributionOrigin& origin : distribution.origins) {
      if (!origin.custom_origin) continue;
      Finding finding = NewFinding(rule);
      finding.resource = cdn;
      finding.location = origin.origin_protocol_policy_location;
      finding.fix =
          "set OriginProtocolPolicy https-only and OriginSSLProtocols "
          "[TLSv1.2] (the origin must serve HTTPS with a certificate valid "
          "for its domain)";
      const bool terraform =
          IsTerraform(model.resources()[distribution.resource]);
      if (terraform) {
        finding.fix = absl::StrCat(
            "in the custom_origin_config of origin \"", origin.id, "\" of ",
            cdn, TerraformModuleNote(cdn),
            " set origin_protocol_policy = \"https-only\" and "
            "origin_ssl_protocols = [\"TLSv1.2\"] (the origin must serve "
            "HTTPS with a certificate valid for its domain)");
      }
      if (terraform && origin.bucket_resource < model.resources().size()) {
        const std::string& bucket = CdnNameOf(model, origin.bucket_resource);
        finding.fix = absl::StrCat(
            "an S3 website endpoint serves only HTTP: make origin \"",
            origin.id, "\" of ", cdn, TerraformModuleNote(cdn),
            " the bucket's REST endpoint (domain_name = ",
            TerraformRef(bucket, "bucket_regional_domain_name"),
            ") with origin_access_control_id = "
            "aws_cloudfront_origin_access_control.<name>.id instead of "
            "custom_origin_config");
      } else if (origin.bucket_resource < model.resources().size()) {
        finding.fix = absl::StrCat(
            "an S3 website endpoint serves only HTTP: make the origin the "
            "bucket's REST endpoint (DomainName: !GetAtt ",
            CdnNameOf(model, origin.bucket_resource),
            ".RegionalDomainName) with Origin Access Control instead of "
            "CustomOriginConfig");
      }
      // Terraform quotes the values it names.
      const char* quote = terraform ? "\"" : "";
      const std::string prefix = absl::StrCat(
          "distribution ", cdn, " reaches its custom origin ",
          OriginName(origin), " over plain HTTP: ",
          terraform ? "origin_protocol_policy " : "OriginProtocolPolicy ",
          quote);
      if (origin.origin_protocol_policy == "http-only") {
        finding.message = absl::StrCat(prefix, "http-only", quote);
        findings.push_back(std::move(finding));
        continue;
      }
      if (origin.origin_protocol_policy == "match-viewer") {
        if (const CacheBehavior* http = HttpBehaviorFor(distribution, origin)) {
          Finding match = finding;
          match.message =
              absl::StrCat(prefix, "match-viewer", quote, ", and ",
                           CdnBehaviorName(*http), " lets viewers use HTTP (",
                           terraform ? "viewer_protocol_policy \"allow-all\""
                                     : "ViewerProtocolPolicy allow-all",
                           ")");
          findings.push_back(std::move(match));
        }
      }
      std::vector<std::string> old = OldProtocols(origin);
      if (old.empty()) continue;
      finding.location = origin.origin_ssl_protocols_location;
      finding.message = absl::StrCat(
          "distribution ", cdn, " may reach its custom origin ",
          OriginName(origin), " over ", absl::StrJoin(old, ", "), ": ",
          terraform ? "origin_ssl_protocols" : "OriginSSLProtocols",
          " allows protocols older than TLSv1.2");
      findings.push_back(std::move(finding));
    }
  }
  return findings;
}

}  // namespace polygraph::rules::internal
