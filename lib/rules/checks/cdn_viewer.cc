// PG-CF-003, 004, 005, 007 and 008: what viewers meet at a distribution —
// plain HTTP, old TLS, uncompressed content, no WAF web ACL, no access logs.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "rules/check_registry.h"
#include "rules/checks/cdn_internal.h"
#include "rules/checks/checks.h"

namespace polygraph::rules::internal {
namespace {

bool OlderThanTls12_2021(std::string_view version) {
  for (std::string_view old : {"SSLv3", "TLSv1", "TLSv1_2016", "TLSv1.1_2016",
                               "TLSv1.2_2018", "TLSv1.2_2019"}) {
    if (version == old) return true;
  }
  return false;
}

// "; viewers are filtered only by the geo restriction (whitelist US, CA)",
// or "" when the distribution has none.
std::string GeoNote(const Distribution& distribution) {
  if (distribution.geo_restriction_type.empty() ||
      distribution.geo_restriction_type == "none") {
    return "";
  }
  return absl::StrCat("; viewers are filtered only by its geo restriction (",
                      distribution.geo_restriction_type, " ",
                      absl::StrJoin(distribution.geo_locations, ", "), ")");
}

}  // namespace

std::string CdnBehaviorName(const CacheBehavior& behavior) {
  return behavior.is_default ? std::string("its default behavior")
                             : absl::StrCat("path ", behavior.path_pattern);
}

SourceLocation CdnConfigLocation(const Model& model,
                                 const Distribution& distribution) {
  return distribution.location.known()
             ? distribution.location
             : model.resources()[distribution.resource].location;
}

std::vector<Finding> CheckCdnViewerProtocol(const CheckContext& context,
                                            const RuleInfo& rule) {
  const Model& model = context.model();
  std::vector<Finding> findings;
  for (const Distribution& distribution : model.distributions()) {
    if (distribution.resource >= model.resources().size()) continue;
    for (const CacheBehavior& behavior : distribution.behaviors) {
      if (behavior.viewer_protocol_policy != "allow-all") continue;
      Finding finding = NewFinding(rule);
      finding.resource = CdnNameOf(model, distribution.resource);
      finding.location = behavior.viewer_protocol_policy_location;
      finding.message =
          absl::StrCat("distribution ", finding.resource, " serves ",
                       CdnBehaviorName(behavior),
                       " over plain HTTP: ViewerProtocolPolicy allow-all");
      finding.fix =
          "set ViewerProtocolPolicy redirect-to-https (or https-only)";
      findings.push_back(std::move(finding));
    }
  }
  return findings;
}

std::vector<Finding> CheckCdnTlsPolicy(const CheckContext& context,
                                       const RuleInfo& rule) {
  const Model& model = context.model();
  std::vector<Finding> findings;
  for (const Distribution& distribution : model.distributions()) {
    if (distribution.resource >= model.resources().size()) continue;
    const Resource& resource = model.resources()[distribution.resource];
    Finding finding = NewFinding(rule);
    finding.resource = resource.name;
    finding.fix =
        "use an ACM certificate (AcmCertificateArn) with SslSupportMethod "
        "sni-only and MinimumProtocolVersion TLSv1.2_2021";
    if (!distribution.has_viewer_certificate ||
        (distribution.cloudfront_default_certificate.set &&
         distribution.cloudfront_default_certificate.value)) {
      finding.location =
          distribution.cloudfront_default_certificate.set
              ? distribution.cloudfront_default_certificate.location
              : resource.location;
      finding.message = absl::StrCat(
          "distribution ", resource.name,
          " uses the CloudFront default certificate, which accepts TLSv1");
    } else if (OlderThanTls12_2021(distribution.minimum_protocol_version)) {
      finding.location = distribution.minimum_protocol_version_location;
      finding.message = absl::StrCat("distribution ", resource.name,
                                     " accepts TLS older than TLSv1.2_2021: "
                                     "MinimumProtocolVersion ",
                                     distribution.minimum_protocol_version);
    } else if (distribution.minimum_protocol_version.empty() &&
               !distribution.minimum_protocol_version_location.known()) {
      finding.location = distribution.viewer_certificate_location;
      finding.message = absl::StrCat(
          "distribution ", resource.name,
          " sets no MinimumProtocolVersion; CloudFront's default is TLSv1");
    } else {
      continue;
    }
    findings.push_back(std::move(finding));
  }
  return findings;
}

std::vector<Finding> CheckCdnCompress(const CheckContext& context,
                                      const RuleInfo& rule) {
  const Model& model = context.model();
  std::vector<Finding> findings;
  for (const Distribution& distribution : model.distributions()) {
    if (distribution.resource >= model.resources().size()) continue;
    for (const CacheBehavior& behavior : distribution.behaviors) {
      if (behavior.compress.set && behavior.compress.value) continue;
      Finding finding = NewFinding(rule);
      finding.resource = CdnNameOf(model, distribution.resource);
      finding.location = behavior.compress.set ? behavior.compress.location
                                               : behavior.location;
      finding.message = absl::StrCat(
          "distribution ", finding.resource, " does not compress ",
          CdnBehaviorName(behavior),
          behavior.compress.set ? ": Compress false" : ": Compress not set");
      finding.fix = "set Compress: true";
      findings.push_back(std::move(finding));
    }
  }
  return findings;
}

std::vector<Finding> CheckCdnWebAcl(const CheckContext& context,
                                    const RuleInfo& rule) {
  const Model& model = context.model();
  std::vector<Finding> findings;
  for (const Distribution& distribution : model.distributions()) {
    if (distribution.resource >= model.resources().size() ||
        !distribution.web_acl_id.empty()) {
      continue;
    }
    Finding finding = NewFinding(rule);
    finding.resource = CdnNameOf(model, distribution.resource);
    const bool empty = distribution.web_acl_location.known();
    finding.location = empty ? distribution.web_acl_location
                             : CdnConfigLocation(model, distribution);
    finding.message = absl::StrCat(
        "distribution ", finding.resource, " has no AWS WAF web ACL: WebACLId ",
        empty ? "is empty" : "not set", GeoNote(distribution));
    finding.fix =
        "add an AWS::WAFv2::WebACL with Scope CLOUDFRONT (in us-east-1, with "
        "the AWS managed rule groups AWSManagedRulesCommonRuleSet and "
        "AWSManagedRulesKnownBadInputsRuleSet) and set WebACLId: !GetAtt "
        "<WebACL>.Arn in the DistributionConfig";
    findings.push_back(std::move(finding));
  }
  return findings;
}

std::vector<Finding> CheckCdnLogging(const CheckContext& context,
                                     const RuleInfo& rule) {
  const Model& model = context.model();
  std::vector<Finding> findings;
  for (const Distribution& distribution : model.distributions()) {
    if (distribution.resource >= model.resources().size() ||
        distribution.has_logging) {
      continue;
    }
    Finding finding = NewFinding(rule);
    finding.resource = CdnNameOf(model, distribution.resource);
    finding.location = CdnConfigLocation(model, distribution);
    finding.message = absl::StrCat("distribution ", finding.resource,
                                   " does not log viewer requests: Logging "
                                   "not set");
    finding.fix =
        "add to the DistributionConfig:\n"
        "        Logging:\n"
        "          Bucket: !GetAtt <LogsBucket>.RegionalDomainName\n"
        "          Prefix: cdn/\n"
        "(standard logs are written with an ACL: the logs bucket needs "
        "ObjectOwnership BucketOwnerPreferred, not BucketOwnerEnforced)";
    findings.push_back(std::move(finding));
  }
  return findings;
}

}  // namespace polygraph::rules::internal
