// PG-CF-003, 004, 005, 007 and 008: what viewers meet at a distribution —
// plain HTTP, old TLS, uncompressed content, no WAF web ACL, no access logs.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "base/strings.h"
#include "rules/check_registry.h"
#include "rules/checks/cdn_internal.h"
#include "rules/checks/checks.h"
#include "rules/checks/terraform_fix.h"

namespace polygraph::rules::internal {
namespace {

using ::polygraph::internal::ToAbsl;

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

// The block of a Terraform distribution that holds `behavior`:
// "default_cache_behavior" or "the ordered_cache_behavior with path_pattern =
// \"/img/*\"".
std::string TerraformBehaviorBlock(const CacheBehavior& behavior) {
  return behavior.is_default
             ? std::string("default_cache_behavior")
             : absl::StrCat("the ordered_cache_behavior with path_pattern = \"",
                            behavior.path_pattern, "\"");
}

// "set <what> in <block> of <distribution> (in module.x)".
std::string TerraformSet(std::string_view what, std::string_view block,
                         const std::string& distribution) {
  return absl::StrCat("set ", ToAbsl(what), " in ", ToAbsl(block), " of ",
                      distribution, TerraformModuleNote(distribution));
}

// The visibility_config of a web ACL or rule named `metric`, indented.
std::string VisibilityHcl(std::string_view metric, std::string_view pad) {
  return absl::StrCat(
      ToAbsl(pad), "visibility_config {\n", ToAbsl(pad),
      "  cloudwatch_metrics_enabled = true\n", ToAbsl(pad),
      "  metric_name                = \"", ToAbsl(metric), "\"\n", ToAbsl(pad),
      "  sampled_requests_enabled   = true\n", ToAbsl(pad), "}\n");
}

// A rule block using the AWS managed rule group `group`.
std::string ManagedRuleHcl(std::string_view group, int priority) {
  return absl::StrCat(
      "  rule {\n"
      "    name     = \"",
      ToAbsl(group),
      "\"\n"
      "    priority = ",
      priority,
      "\n"
      "    override_action {\n"
      "      none {}\n"
      "    }\n"
      "    statement {\n"
      "      managed_rule_group_statement {\n"
      "        name        = \"",
      ToAbsl(group),
      "\"\n"
      "        vendor_name = \"AWS\"\n"
      "      }\n"
      "    }\n",
      VisibilityHcl(group, "    "), "  }\n");
}

std::string TerraformWebAclFix(const std::string& distribution) {
  const std::string label = TerraformLabel(distribution);
  return absl::StrCat(
      "set web_acl_id = aws_wafv2_web_acl.", label, ".arn in ", distribution,
      TerraformModuleNote(distribution),
      " and add a web ACL with scope CLOUDFRONT, created in us-east-1 (a "
      "provider configured with region = \"us-east-1\"):\n"
      "resource \"aws_wafv2_web_acl\" \"",
      label,
      "\" {\n"
      "  provider = aws.us_east_1\n"
      "  name     = \"",
      label,
      "-cdn\"\n"
      "  scope    = \"CLOUDFRONT\"\n"
      "  default_action {\n"
      "    allow {}\n"
      "  }\n",
      ManagedRuleHcl("AWSManagedRulesCommonRuleSet", 1),
      ManagedRuleHcl("AWSManagedRulesKnownBadInputsRuleSet", 2),
      VisibilityHcl(absl::StrCat(label, "-cdn"), "  "), "}\n");
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
                       CdnBehaviorName(behavior), " over plain HTTP: ",
                       Spelled(model.resources()[distribution.resource],
                               "ViewerProtocolPolicy allow-all",
                               "viewer_protocol_policy \"allow-all\""));
      finding.fix =
          IsTerraform(model.resources()[distribution.resource])
              ? absl::StrCat(
                    TerraformSet(
                        "viewer_protocol_policy = \"redirect-to-https\"",
                        TerraformBehaviorBlock(behavior), finding.resource),
                    " (or \"https-only\")")
              : "set ViewerProtocolPolicy redirect-to-https (or https-only)";
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
    if (IsTerraform(resource)) {
      finding.fix = absl::StrCat(
          "use an ACM certificate (issued in us-east-1) in the "
          "viewer_certificate of ",
          resource.name, TerraformModuleNote(resource.name),
          ", without cloudfront_default_certificate:\n"
          "  viewer_certificate {\n"
          "    acm_certificate_arn      = aws_acm_certificate.<name>.arn\n"
          "    ssl_support_method       = \"sni-only\"\n"
          "    minimum_protocol_version = \"TLSv1.2_2021\"\n"
          "  }\n");
    }
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
      finding.message = absl::StrCat(
          "distribution ", resource.name,
          " accepts TLS older than TLSv1.2_2021: ",
          IsTerraform(resource)
              ? absl::StrCat("minimum_protocol_version \"",
                             distribution.minimum_protocol_version, "\"")
              : absl::StrCat("MinimumProtocolVersion ",
                             distribution.minimum_protocol_version));
    } else if (distribution.minimum_protocol_version.empty() &&
               !distribution.minimum_protocol_version_location.known()) {
      finding.location = distribution.viewer_certificate_location;
      finding.message =
          absl::StrCat("distribution ", resource.name, " sets no ",
                       Spelled(resource, "MinimumProtocolVersion",
                               "minimum_protocol_version"),
                       "; CloudFront's default is TLSv1");
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
      finding.message =
          absl::StrCat("distribution ", finding.resource, " does not compress ",
                       CdnBehaviorName(behavior), ": ",
                       Spelled(model.resources()[distribution.resource],
                               "Compress", "compress"),
                       behavior.compress.set ? " false" : " not set");
      finding.fix =
          IsTerraform(model.resources()[distribution.resource])
              ? TerraformSet("compress = true",
                             TerraformBehaviorBlock(behavior), finding.resource)
              : "set Compress: true";
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
        "distribution ", finding.resource, " has no AWS WAF web ACL: ",
        Spelled(model.resources()[distribution.resource], "WebACLId",
                "web_acl_id"),
        empty ? " is empty" : " not set", GeoNote(distribution));
    if (IsTerraform(model.resources()[distribution.resource])) {
      finding.fix = TerraformWebAclFix(finding.resource);
      findings.push_back(std::move(finding));
      continue;
    }
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
    finding.message = absl::StrCat(
        "distribution ", finding.resource, " does not log viewer requests: ",
        Spelled(model.resources()[distribution.resource], "Logging",
                "logging_config"),
        " not set");
    if (IsTerraform(model.resources()[distribution.resource])) {
      finding.fix = absl::StrCat(
          "add to ", finding.resource, TerraformModuleNote(finding.resource),
          ":\n"
          "  logging_config {\n"
          "    bucket = aws_s3_bucket.<logs>.bucket_domain_name\n"
          "    prefix = \"cdn/\"\n"
          "  }\n"
          "(standard logs are written with an ACL: the logs bucket needs an "
          "aws_s3_bucket_ownership_controls with object_ownership = "
          "\"BucketOwnerPreferred\", not \"BucketOwnerEnforced\")");
      findings.push_back(std::move(finding));
      continue;
    }
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
