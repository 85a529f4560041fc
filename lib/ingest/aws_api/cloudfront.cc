// CloudFront distributions of a snapshot (`cloudfront get-distribution-config`
// in cloudfront/<distribution-id>.json; aws_api.h).

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "base/strings.h"
#include "ingest/aws_api/snapshot_context.h"

namespace polygraph::ingest::aws_api {
namespace {

using ::polygraph::internal::ToAbsl;

// "a, b or c".
std::string Alternatives(const std::vector<std::string_view>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    absl::StrAppend(&out, i == 0 ? "" : (i + 1 == names.size() ? " or " : ", "),
                    ToAbsl(names[i]));
  }
  return out;
}

// The string member `key`, which must be one of `names` when set; "" when
// absent or empty. `location` is set when present.
absl::StatusOr<std::string> EnumText(const Value& object, std::string_view key,
                                     const std::vector<std::string_view>& names,
                                     SourceLocation& location) {
  absl::StatusOr<std::string> text = StringField(object, key);
  if (!text.ok() || text->empty()) return text;
  const Value& value = *object.Find(key);
  location = value.location;
  for (std::string_view name : names) {
    if (*text == name) return text;
  }
  return InputError(value.location,
                    absl::StrCat(ToAbsl(key), " must be ", Alternatives(names),
                                 ", found ", Describe(value)));
}

// The strings of {"Quantity": n, "Items": [...]} member `key`, each one of
// `names` (any string when empty). `location` is set when present.
absl::Status ItemTexts(const Value& object, std::string_view key,
                       const std::vector<std::string_view>& names,
                       std::vector<std::string>& out,
                       SourceLocation& location) {
  absl::StatusOr<const Value*> holder = ObjectField(object, key);
  if (!holder.ok() || *holder == nullptr) return holder.status();
  location = object.KeyLocation(key);
  absl::StatusOr<const Value*> items = ArrayField(**holder, "Items");
  if (!items.ok() || *items == nullptr) return items.status();
  for (const Value& item : (*items)->items) {
    bool known = item.is_string() && names.empty();
    for (std::string_view name : names) {
      if (item.is_string() && item.text == name) known = true;
    }
    if (!known) {
      return InputError(
          item.location,
          absl::StrCat("an entry of ", ToAbsl(key), " must be ",
                       names.empty() ? "a string" : Alternatives(names),
                       ", found ", Describe(item)));
    }
    out.push_back(item.text);
  }
  return absl::OkStatus();
}

// Calls `visit` on each object of {"Quantity": n, "Items": [...]} member
// `key`.
absl::Status ForEachItem(
    const Value& object, std::string_view key,
    const std::function<absl::Status(const Value&)>& visit) {
  absl::StatusOr<const Value*> holder = ObjectField(object, key);
  if (!holder.ok() || *holder == nullptr) return holder.status();
  return ForEachObject(**holder, "Items", visit);
}

// The snapshot bucket whose S3 endpoint `domain` is
// ("<name>.s3.amazonaws.com", "<name>.s3.<region>.amazonaws.com"), or
// kNoResource.
size_t BucketOfDomain(const SnapshotContext& context, std::string_view domain) {
  if (!absl::EndsWith(ToAbsl(domain), ".amazonaws.com")) return kNoResource;
  const size_t dot = domain.find(".s3.");
  for (size_t at = dot; at != std::string_view::npos;
       at = domain.find(".s3.", at + 1)) {
    auto it = context.buckets.find(ToAbsl(domain.substr(0, at)));
    if (it != context.buckets.end()) return it->second;
  }
  return kNoResource;
}

absl::Status ReadOrigin(const SnapshotContext& context, const Value& value,
                        Distribution& distribution) {
  DistributionOrigin origin;
  origin.location = value.location;
  for (auto [key, out] :
       {std::pair<std::string_view, std::string*>{"Id", &origin.id},
        {"DomainName", &origin.domain_name}}) {
    absl::StatusOr<std::string> text = StringField(value, key);
    if (!text.ok()) return text.status();
    *out = *std::move(text);
  }
  origin.bucket_resource = BucketOfDomain(context, origin.domain_name);
  absl::StatusOr<std::string> oac = StringField(value, "OriginAccessControlId");
  if (!oac.ok()) return oac.status();
  origin.has_origin_access_control = !oac->empty();
  if (!oac->empty()) origin.origin_access_control = context.Find(*oac);
  absl::StatusOr<const Value*> s3 = ObjectField(value, "S3OriginConfig");
  if (!s3.ok()) return s3.status();
  if (*s3 != nullptr) {
    absl::StatusOr<std::string> oai = StringField(**s3, "OriginAccessIdentity");
    if (!oai.ok()) return oai.status();
    if (!oai->empty()) {
      origin.origin_access_identity = *std::move(oai);
      origin.origin_access_identity_location =
          (*s3)->Find("OriginAccessIdentity")->location;
    }
  }
  absl::StatusOr<const Value*> custom =
      ObjectField(value, "CustomOriginConfig");
  if (!custom.ok()) return custom.status();
  if (*custom != nullptr) {
    origin.custom_origin = true;
    absl::StatusOr<std::string> policy =
        EnumText(**custom, "OriginProtocolPolicy",
                 {"http-only", "match-viewer", "https-only"},
                 origin.origin_protocol_policy_location);
    if (!policy.ok()) return policy.status();
    origin.origin_protocol_policy = *std::move(policy);
    if (absl::Status s = ItemTexts(**custom, "OriginSslProtocols",
                                   {"SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2"},
                                   origin.origin_ssl_protocols,
                                   origin.origin_ssl_protocols_location);
        !s.ok()) {
      return s;
    }
  }
  distribution.origins.push_back(std::move(origin));
  return absl::OkStatus();
}

absl::Status ReadBehavior(const Value& value, bool is_default,
                          Distribution& distribution) {
  CacheBehavior behavior;
  behavior.is_default = is_default;
  behavior.location = value.location;
  if (!is_default) {
    absl::StatusOr<std::string> pattern = StringField(value, "PathPattern");
    if (!pattern.ok()) return pattern.status();
    behavior.path_pattern = *std::move(pattern);
  }
  absl::StatusOr<std::string> target = StringField(value, "TargetOriginId");
  if (!target.ok()) return target.status();
  behavior.target_origin_id = *std::move(target);
  absl::StatusOr<std::string> policy =
      EnumText(value, "ViewerProtocolPolicy",
               {"allow-all", "redirect-to-https", "https-only"},
               behavior.viewer_protocol_policy_location);
  if (!policy.ok()) return policy.status();
  behavior.viewer_protocol_policy = *std::move(policy);
  absl::StatusOr<std::optional<bool>> compress = BoolField(value, "Compress");
  if (!compress.ok()) return compress.status();
  if (compress->has_value()) {
    behavior.compress =
        LocatedBool{.value = **compress,
                    .set = true,
                    .location = value.Find("Compress")->location};
  }
  distribution.behaviors.push_back(std::move(behavior));
  return absl::OkStatus();
}

absl::Status ReadCertificate(const Value& config, Distribution& distribution) {
  absl::StatusOr<const Value*> certificate =
      ObjectField(config, "ViewerCertificate");
  if (!certificate.ok() || *certificate == nullptr) {
    return certificate.status();
  }
  distribution.has_viewer_certificate = true;
  distribution.viewer_certificate_location =
      config.KeyLocation("ViewerCertificate");
  absl::StatusOr<std::string> version =
      StringField(**certificate, "MinimumProtocolVersion");
  if (!version.ok()) return version.status();
  if (!version->empty()) {
    distribution.minimum_protocol_version = *std::move(version);
    distribution.minimum_protocol_version_location =
        (*certificate)->Find("MinimumProtocolVersion")->location;
  }
  absl::StatusOr<std::optional<bool>> cloudfront_default =
      BoolField(**certificate, "CloudFrontDefaultCertificate");
  if (!cloudfront_default.ok()) return cloudfront_default.status();
  if (cloudfront_default->has_value()) {
    distribution.cloudfront_default_certificate = LocatedBool{
        .value = **cloudfront_default,
        .set = true,
        .location =
            (*certificate)->Find("CloudFrontDefaultCertificate")->location};
  }
  return absl::OkStatus();
}

// WebACLId, Logging, PriceClass and Restrictions.
absl::Status ReadEdgeSettings(const SnapshotContext& context,
                              const Value& config, Distribution& distribution) {
  absl::StatusOr<std::string> web_acl = StringField(config, "WebACLId");
  if (!web_acl.ok()) return web_acl.status();
  if (!web_acl->empty()) {
    distribution.web_acl_id = *std::move(web_acl);
    distribution.web_acl_location = config.Find("WebACLId")->location;
  }
  absl::StatusOr<const Value*> logging = ObjectField(config, "Logging");
  if (!logging.ok()) return logging.status();
  if (*logging != nullptr) {
    absl::StatusOr<std::optional<bool>> enabled =
        BoolField(**logging, "Enabled");
    if (!enabled.ok()) return enabled.status();
    if (enabled->value_or(false)) {
      distribution.has_logging = true;
      distribution.logging_location = config.KeyLocation("Logging");
      absl::StatusOr<std::string> bucket = StringField(**logging, "Bucket");
      if (!bucket.ok()) return bucket.status();
      distribution.logging_bucket = BucketOfDomain(context, *bucket);
    }
  }
  absl::StatusOr<std::string> price_class =
      EnumText(config, "PriceClass",
               {"PriceClass_100", "PriceClass_200", "PriceClass_All"},
               distribution.price_class_location);
  if (!price_class.ok()) return price_class.status();
  distribution.price_class = *std::move(price_class);
  absl::StatusOr<const Value*> restrictions =
      ObjectField(config, "Restrictions");
  if (!restrictions.ok() || *restrictions == nullptr) {
    return restrictions.status();
  }
  absl::StatusOr<const Value*> geo =
      ObjectField(**restrictions, "GeoRestriction");
  if (!geo.ok() || *geo == nullptr) return geo.status();
  distribution.geo_restriction_location =
      (*restrictions)->KeyLocation("GeoRestriction");
  SourceLocation type_location;
  absl::StatusOr<std::string> type =
      EnumText(**geo, "RestrictionType", {"none", "whitelist", "blacklist"},
               type_location);
  if (!type.ok()) return type.status();
  distribution.geo_restriction_type = *std::move(type);
  absl::StatusOr<const Value*> items = ArrayField(**geo, "Items");
  if (!items.ok() || *items == nullptr) return items.status();
  for (const Value& item : (*items)->items) {
    if (!item.is_string()) {
      return InputError(item.location,
                        absl::StrCat("GeoRestriction Items must be country "
                                     "codes, found ",
                                     Describe(item)));
    }
    distribution.geo_locations.push_back(item.text);
  }
  return absl::OkStatus();
}

absl::Status ReadConfig(const SnapshotContext& context, const Value& config,
                        Distribution& distribution) {
  if (absl::Status s = ForEachItem(config, "Origins",
                                   [&](const Value& origin) {
                                     return ReadOrigin(context, origin,
                                                       distribution);
                                   });
      !s.ok()) {
    return s;
  }
  absl::StatusOr<const Value*> default_behavior =
      ObjectField(config, "DefaultCacheBehavior");
  if (!default_behavior.ok()) return default_behavior.status();
  if (*default_behavior != nullptr) {
    if (absl::Status s =
            ReadBehavior(**default_behavior, /*is_default=*/true, distribution);
        !s.ok()) {
      return s;
    }
  }
  if (absl::Status s = ForEachItem(config, "CacheBehaviors",
                                   [&](const Value& behavior) {
                                     return ReadBehavior(behavior,
                                                         /*is_default=*/false,
                                                         distribution);
                                   });
      !s.ok()) {
    return s;
  }
  if (absl::Status s = ReadCertificate(config, distribution); !s.ok()) {
    return s;
  }
  return ReadEdgeSettings(context, config, distribution);
}

}  // namespace

bool IsCallerIdentity(const Value& document) {
  const Value* account = document.Find("Account");
  const Value* arn = document.Find("Arn");
  return document.is_object() && document.keys.size() == 3 &&
         document.Find("UserId") != nullptr && account != nullptr &&
         account->is_string() && arn != nullptr && arn->is_string();
}

std::string SnapshotAccount(const SnapshotContext& context) {
  for (const AwsSnapshotFile* file : context.files) {
    if (IsCallerIdentity(file->document)) {
      return file->document.Find("Account")->text;
    }
  }
  for (const Resource& resource : context.builder.current().resources()) {
    if (resource.format != SourceFormat::kAwsSnapshot ||
        !resource.type.starts_with("AWS::IAM::")) {
      continue;
    }
    const Value* arn = resource.properties.Find("Arn");
    if (arn == nullptr || !arn->is_string()) continue;
    // arn:aws:iam::<account>:role/... (AWS-managed policies say "aws").
    std::vector<std::string> parts = absl::StrSplit(arn->text, ':');
    if (parts.size() >= 6 && parts[4].size() == 12 &&
        parts[4].find_first_not_of("0123456789") == std::string::npos) {
      return parts[4];
    }
  }
  return "";
}

absl::Status ReadCloudFront(SnapshotContext& context) {
  const std::string account = SnapshotAccount(context);
  for (const AwsSnapshotFile* file : context.files) {
    const Value& document = file->document;
    if (!document.is_object()) continue;
    const Value* config = document.Find("DistributionConfig");
    if (config == nullptr) continue;
    if (!config->is_object()) {
      return InputError(config->location,
                        absl::StrCat("DistributionConfig must be an object, "
                                     "found ",
                                     Describe(*config)));
    }
    const std::string id = FileStem(file->path, ".json");
    absl::StatusOr<size_t> index =
        DeclareResource(context,
                        Resource{.name = id,
                                 .type = "AWS::CloudFront::Distribution",
                                 .kind = ResourceKind::kDistribution,
                                 .format = SourceFormat::kAwsSnapshot,
                                 .location = document.location,
                                 .properties = document},
                        {id}, document.KeyLocation("DistributionConfig"));
    if (!index.ok()) return index.status();
    Distribution distribution;
    distribution.resource = *index;
    distribution.location = document.KeyLocation("DistributionConfig");
    if (!account.empty()) {
      distribution.arn =
          absl::StrCat("arn:aws:cloudfront::", account, ":distribution/", id);
    }
    if (absl::Status s = ReadConfig(context, *config, distribution); !s.ok()) {
      return s;
    }
    context.builder.AddDistribution(std::move(distribution));
  }
  return absl::OkStatus();
}

}  // namespace polygraph::ingest::aws_api
