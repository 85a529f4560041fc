// CloudFront distribution facets of a CloudFormation template
// (cloudformation_facets.h: AddCdnFacets).

#include <string>
#include <string_view>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "iam/template_expression.h"
#include "ingest/cloudformation_context.h"
#include "ingest/cloudformation_facets.h"
#include "polygraph/iam_policy.h"

namespace polygraph::ingest {
namespace {

// A string property resolved, or its rendering when it is an expression
// (noted as symbolic when `note` is true); "" when absent.
std::string ReadText(TemplateContext& context, const Value& holder,
                     std::string_view key, SourceLocation* location = nullptr) {
  const Value* value = holder.Find(key);
  if (value == nullptr) return "";
  if (location != nullptr) *location = value->location;
  const Value* resolved = context.Resolve(*value);
  if (resolved != nullptr) return resolved->text;
  return iam::RenderSymbolic(*value);
}

absl::Status RequireObject(const Value& value, std::string_view what) {
  if (value.is_object()) return absl::OkStatus();
  return InputError(
      value.location,
      absl::StrCat(absl::string_view(what.data(), what.size()),
                   " must be an object, found ", DescribeValue(value)));
}

// The bucket resource a DomainName refers to: a Ref/GetAtt of it, or a
// Fn::Sub naming it ("${AssetsBucket}.s3.amazonaws.com").
size_t BucketOf(const TemplateContext& context, const Value& domain) {
  size_t index = context.ReferencedResource(domain);
  if (index == kNoResource) {
    std::string rendering = iam::RenderSymbolic(domain);
    for (const Declaration& declaration : context.declarations) {
      if (declaration.type == "AWS::S3::Bucket" &&
          (rendering.find(absl::StrCat("${", declaration.logical_id, "}")) !=
               std::string::npos ||
           rendering.find(absl::StrCat("${", declaration.logical_id, ".")) !=
               std::string::npos)) {
        return declaration.index;
      }
    }
    return kNoResource;
  }
  return context.KindOf(index) == ResourceKind::kBucket ? index : kNoResource;
}

absl::Status ReadOrigin(TemplateContext& context, const Value& value,
                        Distribution& distribution) {
  if (absl::Status s = RequireObject(value, "an origin"); !s.ok()) return s;
  DistributionOrigin origin;
  origin.location = value.location;
  origin.id = ReadText(context, value, "Id");
  origin.domain_name = ReadText(context, value, "DomainName");
  if (const Value* domain = value.Find("DomainName")) {
    origin.bucket_resource = BucketOf(context, *domain);
  }
  if (const Value* oac = value.Find("OriginAccessControlId")) {
    const Value* resolved = context.Resolve(*oac);
    origin.has_origin_access_control =
        resolved == nullptr || !resolved->text.empty();
    size_t index = context.ReferencedResource(*oac);
    if (index != kNoResource &&
        context.KindOf(index) == ResourceKind::kOriginAccessControl) {
      origin.origin_access_control = index;
    }
  }
  if (const Value* s3 = value.Find("S3OriginConfig"); s3 && s3->is_object()) {
    origin.origin_access_identity =
        ReadText(context, *s3, "OriginAccessIdentity");
  }
  distribution.origins.push_back(std::move(origin));
  return absl::OkStatus();
}

absl::Status ReadBehavior(TemplateContext& context, const Value& value,
                          bool is_default, Distribution& distribution) {
  if (absl::Status s = RequireObject(value, "a cache behavior"); !s.ok()) {
    return s;
  }
  CacheBehavior behavior;
  behavior.is_default = is_default;
  behavior.location = value.location;
  if (!is_default)
    behavior.path_pattern = ReadText(context, value, "PathPattern");
  behavior.target_origin_id = ReadText(context, value, "TargetOriginId");
  if (const Value* policy = value.Find("ViewerProtocolPolicy")) {
    behavior.viewer_protocol_policy_location = policy->location;
    if (const Value* resolved = context.Resolve(*policy)) {
      behavior.viewer_protocol_policy = resolved->text;
    } else {
      context.NoteSymbolic("ViewerProtocolPolicy", *policy,
                           "the viewer protocol policy is not checked");
    }
  }
  if (absl::Status s = context.ReadFlag(value, "Compress", behavior.compress);
      !s.ok()) {
    return s;
  }
  distribution.behaviors.push_back(std::move(behavior));
  return absl::OkStatus();
}

absl::Status ReadConfig(TemplateContext& context, const Value& config,
                        Distribution& distribution) {
  if (const Value* origins = config.Find("Origins")) {
    if (absl::Status s = ForEachListEntry(*origins, "Origins", context,
                                          [&](const Value& origin) {
                                            return ReadOrigin(context, origin,
                                                              distribution);
                                          });
        !s.ok()) {
      return s;
    }
  }
  if (const Value* behavior = config.Find("DefaultCacheBehavior")) {
    if (absl::Status s =
            ReadBehavior(context, *behavior, /*is_default=*/true, distribution);
        !s.ok()) {
      return s;
    }
  }
  if (const Value* behaviors = config.Find("CacheBehaviors")) {
    if (absl::Status s = ForEachListEntry(
            *behaviors, "CacheBehaviors", context,
            [&](const Value& behavior) {
              return ReadBehavior(context, behavior, /*is_default=*/false,
                                  distribution);
            });
        !s.ok()) {
      return s;
    }
  }
  if (const Value* certificate = config.Find("ViewerCertificate")) {
    if (absl::Status s = RequireObject(*certificate, "ViewerCertificate");
        !s.ok()) {
      return s;
    }
    distribution.has_viewer_certificate = true;
    distribution.viewer_certificate_location =
        config.KeyLocation("ViewerCertificate");
    if (const Value* version = certificate->Find("MinimumProtocolVersion")) {
      distribution.minimum_protocol_version_location = version->location;
      if (const Value* resolved = context.Resolve(*version)) {
        distribution.minimum_protocol_version = resolved->text;
      } else {
        context.NoteSymbolic("MinimumProtocolVersion", *version,
                             "the TLS policy is not checked");
      }
    }
    if (absl::Status s =
            context.ReadFlag(*certificate, "CloudFrontDefaultCertificate",
                             distribution.cloudfront_default_certificate);
        !s.ok()) {
      return s;
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status AddCdnFacets(TemplateContext& context) {
  for (const Declaration& declaration : context.declarations) {
    if (declaration.type != "AWS::CloudFront::Distribution") continue;
    Distribution distribution;
    distribution.resource = declaration.index;
    if (declaration.properties != nullptr &&
        declaration.properties->is_object()) {
      if (const Value* config =
              declaration.properties->Find("DistributionConfig")) {
        if (iam::AsTemplateExpression(*config).has_value()) {
          context.NoteSymbolic("DistributionConfig", *config,
                               "the distribution is not checked");
        } else if (absl::Status s =
                       RequireObject(*config, "DistributionConfig");
                   !s.ok()) {
          return s;
        } else if (absl::Status s = ReadConfig(context, *config, distribution);
                   !s.ok()) {
          return s;
        }
      }
    }
    context.builder.AddDistribution(std::move(distribution));
  }
  return absl::OkStatus();
}

}  // namespace polygraph::ingest
