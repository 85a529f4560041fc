// S3 bucket facets of a CloudFormation template.

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "iam/template_expression.h"
#include "ingest/cloudformation_context.h"
#include "ingest/cloudformation_facets.h"
#include "polygraph/iam_policy.h"

namespace polygraph::ingest {
namespace {

using ::polygraph::internal::ToAbsl;

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
  for (const auto& [key, flag] : block.Settings()) {
    if (absl::Status s = context.ReadFlag(*configuration, key, *flag);
        !s.ok()) {
      return s;
    }
  }
  return absl::OkStatus();
}

// "A, B or C" for a message.
template <size_t N>
std::string Allowed(const std::string_view (&names)[N]) {
  std::string allowed;
  for (size_t i = 0; i < N; ++i) {
    absl::StrAppend(&allowed, i == 0 ? "" : (i + 1 == N ? " or " : ", "),
                    ToAbsl(names[i]));
  }
  return allowed;
}

// The index of `value`'s text in `names`, or nullopt.
template <size_t N>
std::optional<size_t> IndexIn(const Value& value,
                              const std::string_view (&names)[N]) {
  if (!value.is_string()) return std::nullopt;
  for (size_t i = 0; i < N; ++i) {
    if (value.text == names[i]) return i;
  }
  return std::nullopt;
}

// An enumerated string property: its value must be one of `names` (index i
// maps to values[i]); an unresolved expression is noted and left absent. A
// string that is none of them is an "invalid-value" error diagnostic and the
// setting is left absent, so the rest is still analysed. Errors: a value
// that is not a string.
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
  if (std::optional<size_t> i = IndexIn(*resolved, names)) {
    out = values[*i];
    return absl::OkStatus();
  }
  if (!resolved->is_string()) {
    return InputError(resolved->location,
                      absl::StrCat(ToAbsl(key), " must be ", Allowed(names),
                                   ", found ", DescribeValue(*resolved)));
  }
  context.Error("invalid-value", resolved->location,
                absl::StrCat(ToAbsl(key), " ", DescribeValue(*resolved),
                             " is not one of ", Allowed(names),
                             "; the setting is left out"));
  location = {};
  return absl::OkStatus();
}

// A string `value` of element `key` that S3 validates against `names`, read
// without stopping the load: the index; nullopt when symbolic (noted, saying
// `if_symbolic`) or not one of `names` (an "invalid-value" error diagnostic
// saying `if_invalid`; `invalid` is set). Errors: a value that is not a
// string.
template <size_t N>
absl::StatusOr<std::optional<size_t>> ReadChecked(
    TemplateContext& context, const Value& value, std::string_view key,
    const std::string_view (&names)[N], std::string_view if_symbolic,
    std::string_view if_invalid, bool& invalid) {
  invalid = false;
  const Value* resolved = context.Resolve(value);
  if (resolved == nullptr && !iam::AsTemplateExpression(value).has_value()) {
    resolved = &value;  // an object or a list: reported below
  }
  if (resolved == nullptr) {
    context.NoteSymbolic(key, value, if_symbolic);
    return std::nullopt;
  }
  if (!resolved->is_string()) {
    return InputError(resolved->location,
                      absl::StrCat(ToAbsl(key), " must be a string, found ",
                                   DescribeValue(*resolved)));
  }
  if (std::optional<size_t> i = IndexIn(*resolved, names)) return i;
  invalid = true;
  context.Error("invalid-value", resolved->location,
                absl::StrCat(ToAbsl(key), " ", DescribeValue(*resolved),
                             " is not one of ", Allowed(names), "; ",
                             ToAbsl(if_invalid)));
  return std::nullopt;
}

// `value` when it is an object (or nullptr when it is an expression, then
// noted with `consequence`). Errors: any other kind, naming `key`.
absl::StatusOr<const Value*> ObjectOrSymbolic(TemplateContext& context,
                                              const Value& value,
                                              std::string_view key,
                                              std::string_view consequence) {
  if (iam::AsTemplateExpression(value).has_value()) {
    context.NoteSymbolic(key, value, consequence);
    return nullptr;
  }
  if (!value.is_object()) {
    return InputError(value.location,
                      absl::StrCat(ToAbsl(key), " must be an object, found ",
                                   DescribeValue(value)));
  }
  return &value;
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

// BucketEncryption: the first ServerSideEncryptionConfiguration entry's
// ServerSideEncryptionByDefault (an empty one declares nothing).
absl::Status ReadEncryption(TemplateContext& context, const Value& properties,
                            Bucket& bucket) {
  const Value* encryption = properties.Find("BucketEncryption");
  if (encryption == nullptr) return absl::OkStatus();
  absl::StatusOr<const Value*> object =
      ObjectOrSymbolic(context, *encryption, "BucketEncryption",
                       "the bucket's default encryption is unknown");
  if (!object.ok() || *object == nullptr) return object.status();
  const Value* rules = (*object)->Find("ServerSideEncryptionConfiguration");
  if (rules == nullptr) {
    return InputError(
        encryption->location,
        "BucketEncryption has no ServerSideEncryptionConfiguration");
  }
  bool first = true;
  return ForEachListEntry(
      *rules, "ServerSideEncryptionConfiguration", context,
      [&](const Value& rule) -> absl::Status {
        if (!first) return absl::OkStatus();
        first = false;
        absl::StatusOr<const Value*> entry = ObjectOrSymbolic(
            context, rule, "a ServerSideEncryptionConfiguration entry",
            "the bucket's default encryption is unknown");
        if (!entry.ok() || *entry == nullptr) return entry.status();
        const Value* by_default =
            (*entry)->Find("ServerSideEncryptionByDefault");
        if (by_default == nullptr || by_default->is_null()) {
          return absl::OkStatus();
        }
        absl::StatusOr<const Value*> settings = ObjectOrSymbolic(
            context, *by_default, "ServerSideEncryptionByDefault",
            "the bucket's default encryption is unknown");
        if (!settings.ok() || *settings == nullptr) return settings.status();
        const Value* algorithm = (*settings)->Find("SSEAlgorithm");
        if (algorithm == nullptr) return absl::OkStatus();
        static constexpr std::string_view kNames[] = {"AES256", "aws:kms",
                                                      "aws:kms:dsse"};
        static constexpr BucketEncryption kValues[] = {
            BucketEncryption::kSseS3, BucketEncryption::kSseKms,
            BucketEncryption::kDsseKms};
        bool invalid = false;
        absl::StatusOr<std::optional<size_t>> index =
            ReadChecked(context, *algorithm, "SSEAlgorithm", kNames,
                        "the bucket's default encryption is unknown",
                        "the bucket's default encryption is left out", invalid);
        if (!index.ok()) return index.status();
        if (!index->has_value()) return absl::OkStatus();
        bucket.encryption = kValues[**index];
        bucket.encryption_location = algorithm->location;
        if (const Value* key = (*settings)->Find("KMSMasterKeyID")) {
          const Value* resolved = context.Resolve(*key);
          bucket.kms_key =
              resolved != nullptr ? resolved->text : iam::RenderSymbolic(*key);
        }
        return absl::OkStatus();
      });
}

absl::Status ReadVersioning(TemplateContext& context, const Value& properties,
                            Bucket& bucket) {
  const Value* versioning = properties.Find("VersioningConfiguration");
  if (versioning == nullptr) return absl::OkStatus();
  absl::StatusOr<const Value*> object =
      ObjectOrSymbolic(context, *versioning, "VersioningConfiguration",
                       "the bucket's versioning is unknown");
  if (!object.ok() || *object == nullptr) return object.status();
  static constexpr std::string_view kNames[] = {"Enabled", "Suspended"};
  static constexpr Versioning kValues[] = {Versioning::kEnabled,
                                           Versioning::kSuspended};
  return ReadEnum(context, **object, "Status", kNames, kValues,
                  bucket.versioning, bucket.versioning_location);
}

// A whole number of days; -1 when symbolic (noted). Errors: anything else.
absl::StatusOr<int> ReadDays(TemplateContext& context, const Value& value,
                             std::string_view key) {
  const Value* resolved = context.Resolve(value);
  if (resolved == nullptr && !iam::AsTemplateExpression(value).has_value()) {
    resolved = &value;  // an object or a list: reported below
  }
  if (resolved == nullptr) {
    context.NoteSymbolic(key, value, "the number of days is unknown");
    return -1;
  }
  int days = -1;
  if ((!resolved->is_number() && !resolved->is_string()) ||
      !absl::SimpleAtoi(resolved->text, &days) || days < 0) {
    return InputError(
        resolved->location,
        absl::StrCat(ToAbsl(key), " must be a whole number of days, found ",
                     DescribeValue(*resolved)));
  }
  return days;
}

// One transition object; left out of `rule` when its StorageClass is not
// one S3 accepts (an "invalid-value" error diagnostic).
absl::Status ReadTransition(TemplateContext& context, const Value& value,
                            bool noncurrent, LifecycleRule& rule) {
  absl::StatusOr<const Value*> object = ObjectOrSymbolic(
      context, value, noncurrent ? "NoncurrentVersionTransition" : "Transition",
      "the transition is unknown");
  if (!object.ok() || *object == nullptr) return object.status();
  LifecycleTransition transition;
  transition.noncurrent = noncurrent;
  const Value* storage_class = (*object)->Find("StorageClass");
  if (storage_class == nullptr) {
    return InputError(value.location, "a transition has no StorageClass");
  }
  transition.location = storage_class->location;
  static constexpr std::string_view kClasses[] = {
      "STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING",
      "GLACIER_IR",  "GLACIER",    "DEEP_ARCHIVE"};
  bool invalid = false;
  absl::StatusOr<std::optional<size_t>> index =
      ReadChecked(context, *storage_class, "StorageClass", kClasses,
                  "the transition's storage class is unknown",
                  "the transition is left out", invalid);
  if (!index.ok()) return index.status();
  if (invalid) return absl::OkStatus();
  if (index->has_value()) transition.storage_class = kClasses[**index];
  if (const Value* days = (*object)->Find("TransitionInDays")) {
    absl::StatusOr<int> read = ReadDays(context, *days, "TransitionInDays");
    if (!read.ok()) return read.status();
    transition.days = *read;
  }
  rule.transitions.push_back(std::move(transition));
  return absl::OkStatus();
}

absl::Status ReadLifecycleRule(TemplateContext& context, const Value& value,
                               Bucket& bucket) {
  absl::StatusOr<const Value*> object = ObjectOrSymbolic(
      context, value, "a lifecycle rule", "the lifecycle rule is unknown");
  if (!object.ok() || *object == nullptr) return object.status();
  const Value& entry = **object;
  LifecycleRule rule;
  rule.location = entry.location;
  if (const Value* id = entry.Find("Id")) {
    const Value* resolved = context.Resolve(*id);
    rule.id = resolved != nullptr ? resolved->text : iam::RenderSymbolic(*id);
  }
  static constexpr std::string_view kNames[] = {"Enabled", "Disabled"};
  static constexpr bool kValues[] = {true, false};
  SourceLocation status_location;
  if (absl::Status s = ReadEnum(context, entry, "Status", kNames, kValues,
                                rule.enabled, status_location);
      !s.ok()) {
    return s;
  }
  for (bool noncurrent : {false, true}) {
    const char* list =
        noncurrent ? "NoncurrentVersionTransitions" : "Transitions";
    const char* single =
        noncurrent ? "NoncurrentVersionTransition" : "Transition";
    if (const Value* transitions = entry.Find(list)) {
      if (absl::Status s = ForEachListEntry(
              *transitions, list, context,
              [&](const Value& transition) {
                return ReadTransition(context, transition, noncurrent, rule);
              });
          !s.ok()) {
        return s;
      }
    }
    if (const Value* transition = entry.Find(single)) {
      if (absl::Status s =
              ReadTransition(context, *transition, noncurrent, rule);
          !s.ok()) {
        return s;
      }
    }
  }
  for (std::string_view key :
       {"ExpirationInDays", "ExpirationDate", "NoncurrentVersionExpiration",
        "NoncurrentVersionExpirationInDays"}) {
    if (entry.Find(key) != nullptr) rule.expires = true;
  }
  bucket.lifecycle_rules.push_back(std::move(rule));
  return absl::OkStatus();
}

absl::Status ReadLifecycle(TemplateContext& context, const Value& properties,
                           Bucket& bucket) {
  constexpr std::string_view kKey = "LifecycleConfiguration";
  const Value* lifecycle = properties.Find(kKey);
  if (lifecycle == nullptr) return absl::OkStatus();
  bucket.lifecycle_location = properties.KeyLocation(kKey);
  absl::StatusOr<const Value*> object = ObjectOrSymbolic(
      context, *lifecycle, kKey, "the bucket's lifecycle rules are unknown");
  if (!object.ok() || *object == nullptr) return object.status();
  const Value* rules = (*object)->Find("Rules");
  if (rules == nullptr) {
    return InputError(lifecycle->location,
                      "LifecycleConfiguration has no Rules");
  }
  return ForEachListEntry(*rules, "Rules", context, [&](const Value& rule) {
    return ReadLifecycleRule(context, rule, bucket);
  });
}

absl::Status ReadLogging(TemplateContext& context, const Value& properties,
                         Bucket& bucket) {
  constexpr std::string_view kKey = "LoggingConfiguration";
  const Value* logging = properties.Find(kKey);
  if (logging == nullptr) return absl::OkStatus();
  absl::StatusOr<const Value*> object = ObjectOrSymbolic(
      context, *logging, kKey, "the bucket's access logging is unknown");
  if (!object.ok() || *object == nullptr) return object.status();
  bucket.has_logging = true;
  bucket.logging_location = properties.KeyLocation(kKey);
  const Value* destination = (*object)->Find("DestinationBucketName");
  if (destination == nullptr) {
    bucket.logging_destination = bucket.resource;  // S3 logs to the bucket
    return absl::OkStatus();
  }
  size_t target = context.ReferencedResource(*destination);
  if (target != kNoResource &&
      context.KindOf(target) == ResourceKind::kBucket) {
    bucket.logging_destination = target;
    return absl::OkStatus();
  }
  if (const Value* resolved = context.Resolve(*destination)) {
    if (resolved->is_string()) {
      bucket.logging_destination = context.BucketNamed(resolved->text);
    }
  } else if (target == kNoResource) {
    context.NoteSymbolic("DestinationBucketName", *destination,
                         "the access log destination is unknown");
  }
  return absl::OkStatus();
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
      for (auto read : {&ReadOwnershipControls, &ReadEncryption,
                        &ReadVersioning, &ReadLifecycle, &ReadLogging}) {
        if (absl::Status s = read(context, properties, bucket); !s.ok()) {
          return s;
        }
      }
    }
    context.builder.AddBucket(std::move(bucket));
  }
  return absl::OkStatus();
}

}  // namespace polygraph::ingest
