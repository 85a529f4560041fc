// CloudFront distribution facets of a CloudFormation template
// (cloudformation_facets.h: AddCdnFacets).

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "iam/template_expression.h"
#include "ingest/cloudformation_context.h"
#include "ingest/cloudformation_facets.h"
#include "polygraph/iam_policy.h"

namespace polygraph::ingest {
namespace {

using ::polygraph::internal::ToAbsl;

constexpr std::string_view kOaiPrefix = "origin-access-identity/cloudfront/";

// A string property resolved, or its rendering when it is an expression;
// "" when absent.
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
  return InputError(value.location,
                    absl::StrCat(ToAbsl(what), " must be an object, found ",
                                 DescribeValue(value)));
}

// Whether `value` is a template expression (an Fn::If choosing the
// object, say); then it is noted, saying `consequence`.
bool NotedSymbolic(TemplateContext& context, const Value& value,
                   std::string_view element, std::string_view consequence) {
  if (!iam::AsTemplateExpression(value).has_value()) return false;
  context.NoteSymbolic(element, value, consequence);
  return true;
}

// "a, b or c".
template <size_t N>
std::string Alternatives(const std::string_view (&names)[N]) {
  std::string out;
  for (size_t i = 0; i < N; ++i) {
    absl::StrAppend(&out, i == 0 ? "" : (i + 1 == N ? " or " : ", "),
                    ToAbsl(names[i]));
  }
  return out;
}

// Whether the scalar `value` is one of `names`; InputError naming `what`
// otherwise.
template <size_t N>
absl::Status RequireOneOf(const Value& value, std::string_view what,
                          const std::string_view (&names)[N]) {
  if (value.is_string()) {
    for (std::string_view name : names) {
      if (value.text == name) return absl::OkStatus();
    }
  }
  return InputError(value.location,
                    absl::StrCat(ToAbsl(what), " must be ", Alternatives(names),
                                 ", found ", DescribeValue(value)));
}

// Reads the enumerated string property `key` of `holder` into `out` and its
// location. Absent: left alone; symbolic: noted (saying `consequence`) and
// left ""; errors: any value not in `names`.
template <size_t N>
absl::Status ReadEnumText(TemplateContext& context, const Value& holder,
                          std::string_view key,
                          const std::string_view (&names)[N],
                          std::string_view consequence, std::string& out,
                          SourceLocation& location) {
  const Value* value = holder.Find(key);
  if (value == nullptr) return absl::OkStatus();
  location = value->location;
  const Value* resolved = context.Resolve(*value);
  if (resolved == nullptr) {
    context.NoteSymbolic(key, *value, consequence);
    return absl::OkStatus();
  }
  if (absl::Status s = RequireOneOf(*resolved, key, names); !s.ok()) return s;
  out = resolved->text;
  return absl::OkStatus();
}

// Reads the list of strings `key` of `holder` into `out` and its location.
// Each entry must be one of `names` (any string when `names` is empty);
// symbolic entries are noted and skipped.
absl::Status ReadTextList(TemplateContext& context, const Value& holder,
                          std::string_view key,
                          std::vector<std::string_view> names,
                          std::vector<std::string>& out,
                          SourceLocation& location) {
  const Value* list = holder.Find(key);
  if (list == nullptr) return absl::OkStatus();
  location = list->location;
  return ForEachListEntry(*list, key, context, [&](const Value& entry) {
    const Value* resolved = context.Resolve(entry);
    if (resolved == nullptr) {
      context.NoteSymbolic(key, entry, "the entry is not checked");
      return absl::OkStatus();
    }
    bool known = names.empty() && resolved->is_string();
    for (std::string_view name : names) {
      if (resolved->is_string() && resolved->text == name) known = true;
    }
    if (!known) {
      std::string allowed = names.empty() ? "a string" : "";
      for (size_t i = 0; i < names.size(); ++i) {
        absl::StrAppend(&allowed,
                        i == 0 ? "" : (i + 1 == names.size() ? " or " : ", "),
                        ToAbsl(names[i]));
      }
      return InputError(
          resolved->location,
          absl::StrCat("an entry of ", ToAbsl(key), " must be ", allowed,
                       ", found ", DescribeValue(*resolved)));
    }
    out.push_back(resolved->text);
    return absl::OkStatus();
  });
}

// The declared resource of `type` whose logical id `rendering` names as
// "${Id}" or "${Id.Attribute}"; kNoResource when none.
size_t NamedIn(const TemplateContext& context, std::string_view rendering,
               std::string_view type) {
  for (const Declaration& declaration : context.declarations) {
    if (declaration.type != type) continue;
    if (absl::StrContains(ToAbsl(rendering),
                          absl::StrCat("${", declaration.logical_id, "}")) ||
        absl::StrContains(ToAbsl(rendering),
                          absl::StrCat("${", declaration.logical_id, "."))) {
      return declaration.index;
    }
  }
  return kNoResource;
}

// The bucket resource a DomainName refers to: a Ref/GetAtt of it, or a
// Fn::Sub naming it ("${AssetsBucket}.s3.amazonaws.com").
size_t BucketOf(const TemplateContext& context, const Value& domain) {
  size_t index = context.ReferencedResource(domain);
  if (index == kNoResource) {
    return NamedIn(context, iam::RenderSymbolic(domain), "AWS::S3::Bucket");
  }
  return context.KindOf(index) == ResourceKind::kBucket ? index : kNoResource;
}

// The declared bucket whose literal BucketName `domain` is the S3 endpoint
// of ("<name>.s3.amazonaws.com", "<name>.s3.<region>.amazonaws.com");
// kNoResource when none.
size_t BucketNamed(const TemplateContext& context, std::string_view domain) {
  for (const Declaration& declaration : context.declarations) {
    if (declaration.type != "AWS::S3::Bucket" ||
        declaration.properties == nullptr ||
        !declaration.properties->is_object()) {
      continue;
    }
    const Value* name = declaration.properties->Find("BucketName");
    const Value* resolved = name ? context.Resolve(*name) : nullptr;
    if (resolved == nullptr || resolved->text.empty()) continue;
    if (absl::StartsWith(ToAbsl(domain),
                         absl::StrCat(resolved->text, ".s3.")) &&
        absl::EndsWith(ToAbsl(domain), ".amazonaws.com")) {
      return declaration.index;
    }
  }
  return kNoResource;
}

// S3OriginConfig OriginAccessIdentity: "" means none; a literal
// "origin-access-identity/cloudfront/<id>"; or an expression naming a
// declared CloudFrontOriginAccessIdentity. Any other expression is noted.
void ReadOriginAccessIdentity(TemplateContext& context, const Value& s3,
                              DistributionOrigin& origin) {
  const Value* value = s3.Find("OriginAccessIdentity");
  if (value == nullptr) return;
  const Value* resolved = context.Resolve(*value);
  if (resolved != nullptr && resolved->text.empty()) return;
  origin.origin_access_identity_location = value->location;
  if (resolved != nullptr) {
    origin.origin_access_identity = resolved->text;
    return;
  }
  origin.origin_access_identity = iam::RenderSymbolic(*value);
  size_t index = context.ReferencedResource(*value);
  if (index == kNoResource ||
      context.KindOf(index) != ResourceKind::kOriginAccessIdentity) {
    index = NamedIn(context, origin.origin_access_identity,
                    "AWS::CloudFront::CloudFrontOriginAccessIdentity");
  }
  origin.origin_access_identity_resource = index;
  if (index == kNoResource) {
    context.NoteSymbolic("OriginAccessIdentity", *value,
                         "whether the bucket policy grants it is not checked");
  }
}

absl::Status ReadCustomOrigin(TemplateContext& context, const Value& custom,
                              DistributionOrigin& origin) {
  origin.custom_origin = true;
  if (NotedSymbolic(context, custom, "CustomOriginConfig",
                    "the origin's transport is not checked")) {
    return absl::OkStatus();
  }
  if (absl::Status s = RequireObject(custom, "CustomOriginConfig"); !s.ok()) {
    return s;
  }
  static constexpr std::string_view kPolicies[] = {"http-only", "match-viewer",
                                                   "https-only"};
  if (absl::Status s =
          ReadEnumText(context, custom, "OriginProtocolPolicy", kPolicies,
                       "the origin's transport is not checked",
                       origin.origin_protocol_policy,
                       origin.origin_protocol_policy_location);
      !s.ok()) {
    return s;
  }
  return ReadTextList(context, custom, "OriginSSLProtocols",
                      {"SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2"},
                      origin.origin_ssl_protocols,
                      origin.origin_ssl_protocols_location);
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
    ReadOriginAccessIdentity(context, *s3, origin);
  }
  if (const Value* custom = value.Find("CustomOriginConfig")) {
    if (absl::Status s = ReadCustomOrigin(context, *custom, origin); !s.ok()) {
      return s;
    }
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

absl::Status ReadCertificate(TemplateContext& context, const Value& config,
                             Distribution& distribution) {
  const Value* certificate = config.Find("ViewerCertificate");
  if (certificate == nullptr) return absl::OkStatus();
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
  return context.ReadFlag(*certificate, "CloudFrontDefaultCertificate",
                          distribution.cloudfront_default_certificate);
}

// Logging: set (an expression counts as set, noted), with its Bucket.
absl::Status ReadLogging(TemplateContext& context, const Value& config,
                         Distribution& distribution) {
  const Value* logging = config.Find("Logging");
  if (logging == nullptr) return absl::OkStatus();
  distribution.has_logging = true;
  distribution.logging_location = config.KeyLocation("Logging");
  if (NotedSymbolic(context, *logging, "Logging",
                    "logging is taken to be on")) {
    return absl::OkStatus();
  }
  if (absl::Status s = RequireObject(*logging, "Logging"); !s.ok()) return s;
  if (const Value* bucket = logging->Find("Bucket")) {
    distribution.logging_bucket = BucketOf(context, *bucket);
    const Value* resolved = context.Resolve(*bucket);
    if (distribution.logging_bucket == kNoResource && resolved != nullptr) {
      distribution.logging_bucket = BucketNamed(context, resolved->text);
    }
  }
  return absl::OkStatus();
}

// WebACLId, Logging, PriceClass and Restrictions.
absl::Status ReadEdgeSettings(TemplateContext& context, const Value& config,
                              Distribution& distribution) {
  distribution.web_acl_id =
      ReadText(context, config, "WebACLId", &distribution.web_acl_location);
  if (absl::Status s = ReadLogging(context, config, distribution); !s.ok()) {
    return s;
  }
  static constexpr std::string_view kPriceClasses[] = {
      "PriceClass_100", "PriceClass_200", "PriceClass_All"};
  if (absl::Status s =
          ReadEnumText(context, config, "PriceClass", kPriceClasses,
                       "the price class is unknown", distribution.price_class,
                       distribution.price_class_location);
      !s.ok()) {
    return s;
  }
  const Value* restrictions = config.Find("Restrictions");
  if (restrictions == nullptr ||
      NotedSymbolic(context, *restrictions, "Restrictions",
                    "the geo restriction is unknown")) {
    return absl::OkStatus();
  }
  if (absl::Status s = RequireObject(*restrictions, "Restrictions"); !s.ok()) {
    return s;
  }
  const Value* geo = restrictions->Find("GeoRestriction");
  if (geo == nullptr || NotedSymbolic(context, *geo, "GeoRestriction",
                                      "the geo restriction is unknown")) {
    return absl::OkStatus();
  }
  if (absl::Status s = RequireObject(*geo, "GeoRestriction"); !s.ok()) return s;
  distribution.geo_restriction_location =
      restrictions->KeyLocation("GeoRestriction");
  static constexpr std::string_view kTypes[] = {"none", "whitelist",
                                                "blacklist"};
  SourceLocation type_location;
  if (absl::Status s =
          ReadEnumText(context, *geo, "RestrictionType", kTypes,
                       "the geo restriction is unknown",
                       distribution.geo_restriction_type, type_location);
      !s.ok()) {
    return s;
  }
  SourceLocation locations;
  return ReadTextList(context, *geo, "Locations", {},
                      distribution.geo_locations, locations);
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
  if (absl::Status s = ReadCertificate(context, config, distribution);
      !s.ok()) {
    return s;
  }
  return ReadEdgeSettings(context, config, distribution);
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
        distribution.location =
            declaration.properties->KeyLocation("DistributionConfig");
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
