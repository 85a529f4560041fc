// S3 bucket facets of a CloudFormation template.

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

absl::Status ReadPublicAccessBlock(TemplateContext& context,
                                   const Value& properties,
                                   PublicAccessBlock& block) {
  constexpr std::string_view kKey = "PublicAccessBlockConfiguration";
  const Value* configuration = properties.Find(kKey);
  if (configuration == nullptr) return absl::OkStatus();
  if (iam::AsTemplateExpression(*configuration).has_value()) {
    context.NoteSymbolic(kKey, *configuration,
                         "the bucket's public access block is unknown");
    return absl::OkStatus();
  }
  if (!configuration->is_object()) {
    return InputError(
        configuration->location,
        absl::StrCat("PublicAccessBlockConfiguration must be an object, found ",
                     std::string(Value::KindName(configuration->kind))));
  }
  block.present = true;
  block.location = properties.KeyLocation(kKey);
  struct {
    std::string_view key;
    LocatedBool* flag;
  } const flags[] = {
      {"BlockPublicAcls", &block.block_public_acls},
      {"IgnorePublicAcls", &block.ignore_public_acls},
      {"BlockPublicPolicy", &block.block_public_policy},
      {"RestrictPublicBuckets", &block.restrict_public_buckets},
  };
  for (const auto& [key, flag] : flags) {
    if (absl::Status s = context.ReadFlag(*configuration, key, *flag);
        !s.ok()) {
      return s;
    }
  }
  return absl::OkStatus();
}

// An enumerated string property: its value must be one of `names` (index i
// maps to values[i]); an unresolved expression is noted and left absent.
template <typename Enum, size_t N>
absl::Status ReadEnum(TemplateContext& context, const Value& holder,
                      std::string_view key, const std::string_view (&names)[N],
                      const Enum (&values)[N], Enum& out,
                      SourceLocation& location) {
  const Value* value = holder.Find(key);
  if (value == nullptr) return absl::OkStatus();
  location = value->location;
  const Value* resolved = context.Resolve(*value);
  if (resolved == nullptr) {
    context.NoteSymbolic(key, *value, "the setting is treated as absent");
    return absl::OkStatus();
  }
  if (resolved->is_string()) {
    for (size_t i = 0; i < N; ++i) {
      if (resolved->text == names[i]) {
        out = values[i];
        return absl::OkStatus();
      }
    }
  }
  std::string allowed;
  for (size_t i = 0; i < N; ++i) {
    absl::StrAppend(&allowed, i == 0 ? "" : (i + 1 == N ? " or " : ", "),
                    absl::string_view(names[i].data(), names[i].size()));
  }
  return InputError(
      resolved->location,
      absl::StrCat(absl::string_view(key.data(), key.size()), " must be ",
                   allowed, ", found ",
                   resolved->is_string()
                       ? absl::StrCat("\"", resolved->text, "\"")
                       : std::string(Value::KindName(resolved->kind))));
}

absl::Status ReadAccessControl(TemplateContext& context,
                               const Value& properties, Bucket& bucket) {
  static constexpr std::string_view kNames[] = {"Private",
                                                "PublicRead",
                                                "PublicReadWrite",
                                                "AuthenticatedRead",
                                                "LogDeliveryWrite",
                                                "BucketOwnerRead",
                                                "BucketOwnerFullControl",
                                                "AwsExecRead"};
  static constexpr CannedAcl kValues[] = {CannedAcl::kPrivate,
                                          CannedAcl::kPublicRead,
                                          CannedAcl::kPublicReadWrite,
                                          CannedAcl::kAuthenticatedRead,
                                          CannedAcl::kLogDeliveryWrite,
                                          CannedAcl::kBucketOwnerRead,
                                          CannedAcl::kBucketOwnerFullControl,
                                          CannedAcl::kAwsExecRead};
  return ReadEnum(context, properties, "AccessControl", kNames, kValues,
                  bucket.access_control, bucket.access_control_location);
}

// OwnershipControls: {Rules: [{ObjectOwnership: ...}]}. S3 takes one rule.
absl::Status ReadOwnershipControls(TemplateContext& context,
                                   const Value& properties, Bucket& bucket) {
  const Value* controls = properties.Find("OwnershipControls");
  if (controls == nullptr) return absl::OkStatus();
  if (iam::AsTemplateExpression(*controls).has_value()) {
    context.NoteSymbolic("OwnershipControls", *controls,
                         "the bucket's object ownership is unknown");
    return absl::OkStatus();
  }
  if (!controls->is_object()) {
    return InputError(
        controls->location,
        absl::StrCat("OwnershipControls must be an object, found ",
                     std::string(Value::KindName(controls->kind))));
  }
  const Value* rules = controls->Find("Rules");
  if (rules == nullptr) {
    return InputError(controls->location, "OwnershipControls has no Rules");
  }
  static constexpr std::string_view kNames[] = {
      "BucketOwnerEnforced", "BucketOwnerPreferred", "ObjectWriter"};
  static constexpr ObjectOwnership kValues[] = {
      ObjectOwnership::kBucketOwnerEnforced,
      ObjectOwnership::kBucketOwnerPreferred, ObjectOwnership::kObjectWriter};
  return ForEachListEntry(
      *rules, "Rules", context, [&](const Value& rule) -> absl::Status {
        if (!rule.is_object()) {
          return InputError(
              rule.location,
              absl::StrCat("an OwnershipControls rule must be an object, "
                           "found ",
                           std::string(Value::KindName(rule.kind))));
        }
        return ReadEnum(context, rule, "ObjectOwnership", kNames, kValues,
                        bucket.object_ownership,
                        bucket.object_ownership_location);
      });
}

}  // namespace

absl::Status AddStorageFacets(TemplateContext& context) {
  for (const Declaration& declaration : context.declarations) {
    if (declaration.type != "AWS::S3::Bucket") continue;
    Bucket bucket;
    bucket.resource = declaration.index;
    if (declaration.properties != nullptr &&
        declaration.properties->is_object()) {
      const Value& properties = *declaration.properties;
      if (const Value* name = properties.Find("BucketName")) {
        const Value* resolved = context.Resolve(*name);
        bucket.bucket_name =
            resolved != nullptr ? resolved->text : iam::RenderSymbolic(*name);
      }
      if (absl::Status s = ReadPublicAccessBlock(context, properties,
                                                 bucket.public_access_block);
          !s.ok()) {
        return s;
      }
      if (absl::Status s = ReadAccessControl(context, properties, bucket);
          !s.ok()) {
        return s;
      }
      if (absl::Status s = ReadOwnershipControls(context, properties, bucket);
          !s.ok()) {
        return s;
      }
    }
    context.builder.AddBucket(std::move(bucket));
  }
  return absl::OkStatus();
}

}  // namespace polygraph::ingest
