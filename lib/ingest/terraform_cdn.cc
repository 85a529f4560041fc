// Terraform's CloudFront resources as CloudFormation's
// (terraform_resources.h): distributions, origin access controls and
// identities.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "ingest/cloudformation_text.h"
#include "ingest/terraform_resources_internal.h"

namespace polygraph::ingest::terraform_internal {
namespace {

const TfValue* FirstBlock(const TfValue& object, std::string_view key) {
  std::vector<const TfValue*> blocks = Blocks(object, key);
  return blocks.empty() ? nullptr : blocks.front();
}

Value Origin(Synthesis& synthesis, const TfValue& origin) {
  Value out = evaluation::MakeObject(origin.location);
  CopyAll(synthesis, origin, out,
          {{"origin_id", "Id"},
           {"domain_name", "DomainName"},
           {"origin_path", "OriginPath"},
           {"origin_access_control_id", "OriginAccessControlId"}});
  if (const TfValue* s3 = FirstBlock(origin, "s3_origin_config")) {
    Value config = evaluation::MakeObject(s3->location);
    Copy(synthesis, *s3, "origin_access_identity", config,
         "OriginAccessIdentity");
    Put(out, "S3OriginConfig", std::move(config),
        KeyLocation(origin, "s3_origin_config"));
  }
  if (const TfValue* custom = FirstBlock(origin, "custom_origin_config")) {
    Value config = evaluation::MakeObject(custom->location);
    CopyAll(synthesis, *custom, config,
            {{"origin_protocol_policy", "OriginProtocolPolicy"},
             {"http_port", "HTTPPort"},
             {"https_port", "HTTPSPort"}});
    CopyLists(synthesis, *custom, config,
              {{"origin_ssl_protocols", "OriginSSLProtocols"}});
    Put(out, "CustomOriginConfig", std::move(config),
        KeyLocation(origin, "custom_origin_config"));
  }
  return out;
}

Value Behavior(Synthesis& synthesis, const TfValue& behavior) {
  Value out = evaluation::MakeObject(behavior.location);
  CopyAll(synthesis, behavior, out,
          {{"path_pattern", "PathPattern"},
           {"target_origin_id", "TargetOriginId"},
           {"viewer_protocol_policy", "ViewerProtocolPolicy"},
           {"compress", "Compress"},
           {"cache_policy_id", "CachePolicyId"}});
  return out;
}

absl::Status Distribution(const ResourceInstance& instance,
                          Synthesis& synthesis) {
  Entry& entry = synthesis.AddMain(instance, "AWS::CloudFront::Distribution");
  const TfValue& a = instance.attributes;
  Value config = evaluation::MakeObject(instance.location);
  CopyAll(synthesis, a, config,
          {{"enabled", "Enabled"},
           {"price_class", "PriceClass"},
           {"web_acl_id", "WebACLId"},
           {"default_root_object", "DefaultRootObject"}});
  CopyLists(synthesis, a, config, {{"aliases", "Aliases"}});
  std::vector<const TfValue*> origins = Blocks(a, "origin");
  if (!origins.empty()) {
    Value list = evaluation::MakeArray({}, KeyLocation(a, "origin"));
    for (const TfValue* origin : origins) {
      list.items.push_back(Origin(synthesis, *origin));
    }
    Put(config, "Origins", std::move(list), KeyLocation(a, "origin"));
  }
  if (const TfValue* behavior = FirstBlock(a, "default_cache_behavior")) {
    Put(config, "DefaultCacheBehavior", Behavior(synthesis, *behavior),
        KeyLocation(a, "default_cache_behavior"));
  }
  std::vector<const TfValue*> ordered = Blocks(a, "ordered_cache_behavior");
  if (!ordered.empty()) {
    Value list =
        evaluation::MakeArray({}, KeyLocation(a, "ordered_cache_behavior"));
    for (const TfValue* behavior : ordered) {
      list.items.push_back(Behavior(synthesis, *behavior));
    }
    Put(config, "CacheBehaviors", std::move(list),
        KeyLocation(a, "ordered_cache_behavior"));
  }
  if (const TfValue* certificate = FirstBlock(a, "viewer_certificate")) {
    Value out = evaluation::MakeObject(certificate->location);
    CopyAll(synthesis, *certificate, out,
            {{"cloudfront_default_certificate", "CloudFrontDefaultCertificate"},
             {"minimum_protocol_version", "MinimumProtocolVersion"},
             {"acm_certificate_arn", "AcmCertificateArn"},
             {"iam_certificate_id", "IamCertificateId"},
             {"ssl_support_method", "SslSupportMethod"}});
    Put(config, "ViewerCertificate", std::move(out),
        KeyLocation(a, "viewer_certificate"));
  }
  if (const TfValue* logging = FirstBlock(a, "logging_config")) {
    Value out = evaluation::MakeObject(logging->location);
    CopyAll(synthesis, *logging, out,
            {{"bucket", "Bucket"},
             {"prefix", "Prefix"},
             {"include_cookies", "IncludeCookies"}});
    Put(config, "Logging", std::move(out), KeyLocation(a, "logging_config"));
  }
  if (const TfValue* restrictions = FirstBlock(a, "restrictions")) {
    if (const TfValue* geo = FirstBlock(*restrictions, "geo_restriction")) {
      Value out = evaluation::MakeObject(geo->location);
      Copy(synthesis, *geo, "restriction_type", out, "RestrictionType");
      CopyLists(synthesis, *geo, out, {{"locations", "Locations"}});
      Value holder = evaluation::MakeObject(restrictions->location);
      Put(holder, "GeoRestriction", std::move(out), geo->location);
      Put(config, "Restrictions", std::move(holder),
          KeyLocation(a, "restrictions"));
    }
  }
  Put(entry.properties, "DistributionConfig", std::move(config),
      instance.location);
  return absl::OkStatus();
}

absl::Status OriginAccessControl(const ResourceInstance& instance,
                                 Synthesis& synthesis) {
  Entry& entry =
      synthesis.AddMain(instance, "AWS::CloudFront::OriginAccessControl");
  Value config = evaluation::MakeObject(instance.location);
  CopyAll(
      synthesis, instance.attributes, config,
      {{"name", "Name"},
       {"description", "Description"},
       {"origin_access_control_origin_type", "OriginAccessControlOriginType"},
       {"signing_behavior", "SigningBehavior"},
       {"signing_protocol", "SigningProtocol"}});
  Put(entry.properties, "OriginAccessControlConfig", std::move(config),
      instance.location);
  return absl::OkStatus();
}

absl::Status OriginAccessIdentity(const ResourceInstance& instance,
                                  Synthesis& synthesis) {
  Entry& entry = synthesis.AddMain(
      instance, "AWS::CloudFront::CloudFrontOriginAccessIdentity");
  Value config = evaluation::MakeObject(instance.location);
  Copy(synthesis, instance.attributes, "comment", config, "Comment");
  Put(entry.properties, "CloudFrontOriginAccessIdentityConfig",
      std::move(config), instance.location);
  return absl::OkStatus();
}

}  // namespace

Mappers CdnMapper(std::string_view type) {
  static constexpr std::pair<std::string_view, Mapper> kMappers[] = {
      {"aws_cloudfront_distribution", &Distribution},
      {"aws_cloudfront_origin_access_control", &OriginAccessControl},
      {"aws_cloudfront_origin_access_identity", &OriginAccessIdentity},
  };
  for (const auto& [name, mapper] : kMappers) {
    if (name == type) return Mappers{.first = mapper, .merge = nullptr};
  }
  return {};
}

}  // namespace polygraph::ingest::terraform_internal
