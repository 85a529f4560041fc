// Terraform's S3 resources as CloudFormation's (terraform_resources.h): an
// aws_s3_bucket with its legacy inline settings, the split-out settings
// resources merged into the bucket they name, bucket policies, and account
// Block Public Access.

#include <cctype>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "ingest/cloudformation_text.h"
#include "ingest/terraform_resources_internal.h"
#include "polygraph/source_location.h"

namespace polygraph::ingest::terraform_internal {
namespace {

// "public-read" -> "PublicRead": S3's canned ACL as CloudFormation spells it.
Value AclName(Synthesis& synthesis, const TfValue& acl) {
  if (acl.kind != TfValue::Kind::kString) return synthesis.Convert(acl);
  std::string name;
  bool start = true;
  for (char c : acl.text) {
    if (c == '-') {
      start = true;
      continue;
    }
    name.push_back(
        start ? static_cast<char>(std::toupper(static_cast<unsigned char>(c)))
              : c);
    start = false;
  }
  return Text(std::move(name), acl.location);
}

// The first block of `key`, or nullptr.
const TfValue* FirstBlock(const TfValue& object, std::string_view key) {
  std::vector<const TfValue*> blocks = Blocks(object, key);
  return blocks.empty() ? nullptr : blocks.front();
}

// BucketEncryption from the `rule` blocks of a server-side encryption
// configuration (legacy inline or split out).
Value Encryption(Synthesis& synthesis, const TfValue& configuration) {
  Value rules = evaluation::MakeArray({}, configuration.location);
  for (const TfValue* rule : Blocks(configuration, "rule")) {
    Value entry = evaluation::MakeObject(rule->location);
    if (const TfValue* by_default =
            FirstBlock(*rule, "apply_server_side_encryption_by_default")) {
      Value settings = evaluation::MakeObject(by_default->location);
      CopyAll(synthesis, *by_default, settings,
              {{"sse_algorithm", "SSEAlgorithm"},
               {"kms_master_key_id", "KMSMasterKeyID"}});
      Put(entry, "ServerSideEncryptionByDefault", std::move(settings),
          by_default->location);
    }
    Copy(synthesis, *rule, "bucket_key_enabled", entry, "BucketKeyEnabled");
    rules.items.push_back(std::move(entry));
  }
  Value encryption = evaluation::MakeObject(configuration.location);
  Put(encryption, "ServerSideEncryptionConfiguration", std::move(rules),
      configuration.location);
  return encryption;
}

// VersioningConfiguration for a status; nullopt for "Disabled" (never
// enabled).
std::optional<Value> Versioning(Synthesis& synthesis, const TfValue& status) {
  if (status.kind == TfValue::Kind::kString && status.text == "Disabled") {
    return std::nullopt;
  }
  Value versioning = evaluation::MakeObject(status.location);
  Value converted =
      status.kind == TfValue::Kind::kBool
          ? Text(status.boolean ? "Enabled" : "Suspended", status.location)
          : synthesis.Convert(status);
  Put(versioning, "Status", std::move(converted), status.location);
  return versioning;
}

// A list of transitions: {StorageClass, TransitionInDays or
// TransitionDate}.
Value Transitions(Synthesis& synthesis, const std::vector<const TfValue*>& list,
                  std::string_view days_key, const SourceLocation& at) {
  Value transitions = evaluation::MakeArray({}, at);
  for (const TfValue* transition : list) {
    Value item = evaluation::MakeObject(transition->location);
    CopyAll(synthesis, *transition, item,
            {{"storage_class", "StorageClass"},
             {days_key, "TransitionInDays"},
             {"date", "TransitionDate"}});
    transitions.items.push_back(std::move(item));
  }
  return transitions;
}

// One lifecycle rule; `split_out` selects aws_s3_bucket_lifecycle_
// configuration's names over the legacy lifecycle_rule's.
Value LifecycleRule(Synthesis& synthesis, const TfValue& rule, bool split_out) {
  Value out = evaluation::MakeObject(rule.location);
  Copy(synthesis, rule, "id", out, "Id");
  if (split_out) {
    Copy(synthesis, rule, "status", out, "Status");
    if (const TfValue* filter = FirstBlock(rule, "filter")) {
      Copy(synthesis, *filter, "prefix", out, "Prefix");
    }
    Copy(synthesis, rule, "prefix", out, "Prefix");
  } else {
    if (const TfValue* enabled = Attribute(rule, "enabled")) {
      Put(out, "Status",
          enabled->kind == TfValue::Kind::kBool
              ? Text(enabled->boolean ? "Enabled" : "Disabled",
                     enabled->location)
              : synthesis.Convert(*enabled),
          KeyLocation(rule, "enabled"));
    }
    Copy(synthesis, rule, "prefix", out, "Prefix");
  }
  if (const TfValue* expiration = FirstBlock(rule, "expiration")) {
    CopyAll(synthesis, *expiration, out,
            {{"days", "ExpirationInDays"}, {"date", "ExpirationDate"}});
  }
  const std::string_view noncurrent_days =
      split_out ? "noncurrent_days" : "days";
  if (const TfValue* expiration =
          FirstBlock(rule, "noncurrent_version_expiration")) {
    Copy(synthesis, *expiration, noncurrent_days, out,
         "NoncurrentVersionExpirationInDays");
  }
  std::vector<const TfValue*> transitions = Blocks(rule, "transition");
  if (!transitions.empty()) {
    Put(out, "Transitions",
        Transitions(synthesis, transitions, "days", rule.location),
        KeyLocation(rule, "transition"));
  }
  std::vector<const TfValue*> noncurrent =
      Blocks(rule, "noncurrent_version_transition");
  if (!noncurrent.empty()) {
    Put(out, "NoncurrentVersionTransitions",
        Transitions(synthesis, noncurrent, noncurrent_days, rule.location),
        KeyLocation(rule, "noncurrent_version_transition"));
  }
  return out;
}

Value Lifecycle(Synthesis& synthesis, const std::vector<const TfValue*>& rules,
                bool split_out, const SourceLocation& at) {
  Value list = evaluation::MakeArray({}, at);
  for (const TfValue* rule : rules) {
    list.items.push_back(LifecycleRule(synthesis, *rule, split_out));
  }
  Value configuration = evaluation::MakeObject(at);
  Put(configuration, "Rules", std::move(list), at);
  return configuration;
}

Value Logging(Synthesis& synthesis, const TfValue& logging) {
  Value out = evaluation::MakeObject(logging.location);
  CopyAll(synthesis, logging, out,
          {{"target_bucket", "DestinationBucketName"},
           {"target_prefix", "LogFilePrefix"}});
  return out;
}

absl::Status Bucket(const ResourceInstance& instance, Synthesis& synthesis) {
  Entry& entry = synthesis.AddMain(instance, "AWS::S3::Bucket");
  const TfValue& a = instance.attributes;
  Value& properties = entry.properties;
  Copy(synthesis, a, "bucket", properties, "BucketName");
  if (const TfValue* acl = Attribute(a, "acl")) {
    Put(properties, "AccessControl", AclName(synthesis, *acl),
        KeyLocation(a, "acl"));
  }
  if (const TfValue* versioning = FirstBlock(a, "versioning")) {
    if (const TfValue* enabled = Attribute(*versioning, "enabled")) {
      // Legacy: enabled = false is the default, never enabled.
      if (!(enabled->kind == TfValue::Kind::kBool && !enabled->boolean)) {
        Put(properties, "VersioningConfiguration",
            *Versioning(synthesis, *enabled), KeyLocation(a, "versioning"));
      }
    }
  }
  if (const TfValue* encryption =
          FirstBlock(a, "server_side_encryption_configuration")) {
    Put(properties, "BucketEncryption", Encryption(synthesis, *encryption),
        KeyLocation(a, "server_side_encryption_configuration"));
  }
  if (const TfValue* logging = FirstBlock(a, "logging")) {
    Put(properties, "LoggingConfiguration", Logging(synthesis, *logging),
        KeyLocation(a, "logging"));
  }
  std::vector<const TfValue*> rules = Blocks(a, "lifecycle_rule");
  if (!rules.empty()) {
    Put(properties, "LifecycleConfiguration",
        Lifecycle(synthesis, rules, /*split_out=*/false,
                  KeyLocation(a, "lifecycle_rule")),
        KeyLocation(a, "lifecycle_rule"));
  }
  if (const TfValue* policy = Attribute(a, "policy")) {
    const SourceLocation at = KeyLocation(a, "policy");
    const std::string id = entry.logical_id;
    Entry& extra =
        synthesis.AddExtra(instance, "policy", "AWS::S3::BucketPolicy", at);
    Put(extra.properties, "Bucket", Ref(id, at), at);
    absl::StatusOr<Value> document = synthesis.ConvertPolicy(*policy);
    if (!document.ok()) return document.status();
    Put(extra.properties, "PolicyDocument", *std::move(document), at);
  }
  return absl::OkStatus();
}

absl::Status BucketPolicy(const ResourceInstance& instance,
                          Synthesis& synthesis) {
  Entry& entry = synthesis.AddMain(instance, "AWS::S3::BucketPolicy");
  const TfValue& a = instance.attributes;
  Copy(synthesis, a, "bucket", entry.properties, "Bucket");
  const TfValue* policy = Attribute(a, "policy");
  if (policy == nullptr) return absl::OkStatus();
  absl::StatusOr<Value> document = synthesis.ConvertPolicy(*policy);
  if (!document.ok()) return document.status();
  Put(entry.properties, "PolicyDocument", *std::move(document),
      KeyLocation(a, "policy"));
  return absl::OkStatus();
}

absl::Status Generic(const ResourceInstance& instance, Synthesis& synthesis) {
  synthesis.AddGeneric(instance);
  return absl::OkStatus();
}

// The bucket entry the split-out resource `instance` names in `bucket`: a
// reference to an aws_s3_bucket, or its literal name; nullptr (noted) when
// the configuration declares none.
Entry* TargetBucket(const ResourceInstance& instance, Synthesis& synthesis) {
  const TfValue* bucket = Attribute(instance.attributes, "bucket");
  if (bucket == nullptr) return nullptr;
  if (const ResourceInstance* target = synthesis.Referenced(*bucket)) {
    Entry* entry = synthesis.MainEntry(target->address);
    if (entry != nullptr && entry->type == "AWS::S3::Bucket") return entry;
  } else if (bucket->kind == TfValue::Kind::kString) {
    for (Entry* entry : synthesis.MutableEntries()) {
      const Value* name = entry->properties.Find("BucketName");
      if (entry->type == "AWS::S3::Bucket" && name != nullptr &&
          name->is_string() && name->text == bucket->text) {
        return entry;
      }
    }
  }
  synthesis.Note(bucket->is_known() ? "unresolved-reference" : "symbolic-value",
                 bucket->location,
                 absl::StrCat(instance.address, " names bucket ",
                              terraform::Describe(*bucket),
                              ", which is not declared here; its settings are "
                              "not analysed"));
  return nullptr;
}

absl::Status MergeSettings(const ResourceInstance& instance,
                           Synthesis& synthesis) {
  Entry* bucket = TargetBucket(instance, synthesis);
  if (bucket == nullptr) return absl::OkStatus();
  const TfValue& a = instance.attributes;
  const SourceLocation& at = instance.location;
  Value& properties = bucket->properties;
  const std::string& type = instance.type;
  if (type == "aws_s3_bucket_public_access_block") {
    Value block = evaluation::MakeObject(at);
    CopyAll(synthesis, a, block,
            {{"block_public_acls", "BlockPublicAcls"},
             {"ignore_public_acls", "IgnorePublicAcls"},
             {"block_public_policy", "BlockPublicPolicy"},
             {"restrict_public_buckets", "RestrictPublicBuckets"}});
    Put(properties, "PublicAccessBlockConfiguration", std::move(block), at);
  } else if (type == "aws_s3_bucket_acl") {
    if (const TfValue* acl = Attribute(a, "acl")) {
      Put(properties, "AccessControl", AclName(synthesis, *acl), at);
    }
  } else if (type == "aws_s3_bucket_ownership_controls") {
    if (const TfValue* rule = FirstBlock(a, "rule")) {
      Value entry = evaluation::MakeObject(rule->location);
      Copy(synthesis, *rule, "object_ownership", entry, "ObjectOwnership");
      Value controls = evaluation::MakeObject(at);
      Put(controls, "Rules", evaluation::MakeArray({std::move(entry)}, at), at);
      Put(properties, "OwnershipControls", std::move(controls), at);
    }
  } else if (type == "aws_s3_bucket_server_side_encryption_configuration") {
    Put(properties, "BucketEncryption", Encryption(synthesis, a), at);
  } else if (type == "aws_s3_bucket_versioning") {
    const TfValue* configuration = FirstBlock(a, "versioning_configuration");
    const TfValue* status = configuration != nullptr
                                ? Attribute(*configuration, "status")
                                : nullptr;
    if (status != nullptr) {
      if (std::optional<Value> versioning = Versioning(synthesis, *status)) {
        Put(properties, "VersioningConfiguration", *std::move(versioning), at);
      }
    }
  } else if (type == "aws_s3_bucket_lifecycle_configuration") {
    Put(properties, "LifecycleConfiguration",
        Lifecycle(synthesis, Blocks(a, "rule"), /*split_out=*/true, at), at);
  } else if (type == "aws_s3_bucket_logging") {
    Put(properties, "LoggingConfiguration", Logging(synthesis, a), at);
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status AddAccountPublicAccessBlocks(
    const terraform::Configuration& configuration, size_t first_resource,
    ModelBuilder& builder) {
  for (const ResourceInstance& instance : configuration.resources) {
    if (instance.type != "aws_s3_account_public_access_block") continue;
    AccountPublicAccessBlock block;
    const std::vector<Resource>& resources = builder.current().resources();
    for (size_t i = first_resource; i < resources.size(); ++i) {
      if (resources[i].name == instance.address) block.resource = i;
    }
    const TfValue& a = instance.attributes;
    if (const TfValue* account = Attribute(a, "account_id")) {
      block.account_id =
          account->is_known() ? account->text : terraform::Describe(*account);
    }
    block.settings.present = true;
    block.settings.location = instance.location;
    const std::pair<std::string_view, LocatedBool*> flags[] = {
        {"block_public_acls", &block.settings.block_public_acls},
        {"ignore_public_acls", &block.settings.ignore_public_acls},
        {"block_public_policy", &block.settings.block_public_policy},
        {"restrict_public_buckets", &block.settings.restrict_public_buckets}};
    for (const auto& [key, flag] : flags) {
      const TfValue* value = Attribute(a, key);
      if (value == nullptr) continue;
      if (value->kind != TfValue::Kind::kBool) {
        if (value->is_known()) {
          return InputError(
              value->location,
              absl::StrCat(internal::ToAbsl(key), " must be a bool, found ",
                           terraform::Describe(*value)));
        }
        continue;  // known after apply: unset
      }
      *flag = LocatedBool{
          .value = value->boolean, .set = true, .location = value->location};
    }
    builder.AddAccountPublicAccessBlock(std::move(block));
  }
  return absl::OkStatus();
}

Mappers StorageMapper(std::string_view type) {
  if (type == "aws_s3_bucket")
    return Mappers{.first = &Bucket, .merge = nullptr};
  if (type == "aws_s3_bucket_policy") {
    return Mappers{.first = &BucketPolicy, .merge = nullptr};
  }
  for (std::string_view split_out :
       {"aws_s3_bucket_public_access_block", "aws_s3_bucket_acl",
        "aws_s3_bucket_ownership_controls",
        "aws_s3_bucket_server_side_encryption_configuration",
        "aws_s3_bucket_versioning", "aws_s3_bucket_lifecycle_configuration",
        "aws_s3_bucket_logging"}) {
    if (split_out == type) {
      return Mappers{.first = &Generic, .merge = &MergeSettings};
    }
  }
  return {};
}

}  // namespace polygraph::ingest::terraform_internal
