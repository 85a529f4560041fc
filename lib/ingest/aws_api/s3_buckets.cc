// S3 buckets of a snapshot (`s3api list-buckets`, the per-bucket get-bucket-*
// files of s3/<bucket>/, `s3control get-public-access-block`; aws_api.h).

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "ingest/aws_api/snapshot_context.h"
#include "polygraph/iam_policy.h"

namespace polygraph::ingest::aws_api {
namespace {

using ::polygraph::internal::ToAbsl;

constexpr std::string_view kAllUsers =
    "http://acs.amazonaws.com/groups/global/AllUsers";
constexpr std::string_view kAuthenticatedUsers =
    "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";
constexpr std::string_view kLogDelivery =
    "http://acs.amazonaws.com/groups/s3/LogDelivery";

// Per-bucket file name -> the properties key its document is kept under.
struct Call {
  std::string_view file;
  std::string_view key;
};
constexpr Call kCalls[] = {
    {"policy.json", "BucketPolicy"},
    {"acl.json", "BucketAcl"},
    {"public-access-block.json", "PublicAccessBlock"},
    {"ownership-controls.json", "OwnershipControls"},
    {"encryption.json", "BucketEncryption"},
    {"versioning.json", "BucketVersioning"},
    {"lifecycle.json", "BucketLifecycleConfiguration"},
    {"logging.json", "BucketLogging"},
};

struct BucketFiles {
  std::string name;
  const Value* listed = nullptr;  // the list-buckets entry
  SourceLocation location;        // of the entry, else of the first file
  std::vector<std::pair<const Call*, const Value*>> documents;
  size_t index = kNoResource;
};

// An enumerated string member: the index of its value in `names`; nullopt
// when absent. Errors: a value that is not one of `names`.
template <size_t N>
absl::StatusOr<std::optional<size_t>> EnumField(
    const Value& object, std::string_view key,
    const std::string_view (&names)[N]) {
  absl::StatusOr<std::string> text = StringField(object, key);
  if (!text.ok()) return text.status();
  if (text->empty()) return std::nullopt;
  std::string allowed;
  for (size_t i = 0; i < N; ++i) {
    if (*text == names[i]) return i;
    absl::StrAppend(&allowed, i == 0 ? "" : (i + 1 == N ? " or " : ", "),
                    ToAbsl(names[i]));
  }
  return InputError(object.Find(key)->location,
                    absl::StrCat(ToAbsl(key), " must be ", allowed, ", found ",
                                 Describe(*object.Find(key))));
}

absl::Status ReadBlock(const Value& document, PublicAccessBlock& block) {
  absl::StatusOr<const Value*> configuration =
      ObjectField(document, "PublicAccessBlockConfiguration");
  if (!configuration.ok() || *configuration == nullptr) {
    return configuration.status();
  }
  block.present = true;
  block.location = document.KeyLocation("PublicAccessBlockConfiguration");
  for (const auto& [key, flag] : block.Settings()) {
    absl::StatusOr<std::optional<bool>> value = BoolField(**configuration, key);
    if (!value.ok()) return value.status();
    if (!value->has_value()) continue;
    *flag = LocatedBool{.value = **value,
                        .set = true,
                        .location = (*configuration)->Find(key)->location};
  }
  return absl::OkStatus();
}

class BucketReader {
 public:
  BucketReader(SnapshotContext& context, Bucket& bucket)
      : context_(context), bucket_(bucket) {}

  absl::Status Read(const Call& call, const Value& document) {
    if (!document.is_object()) {
      return InputError(
          document.location,
          absl::StrCat(ToAbsl(call.file), " must hold an object, found ",
                       Describe(document)));
    }
    if (call.key == "BucketPolicy") return ReadPolicy(document);
    if (call.key == "BucketAcl") return ReadAcl(document);
    if (call.key == "PublicAccessBlock") {
      return ReadBlock(document, bucket_.public_access_block);
    }
    if (call.key == "OwnershipControls") return ReadOwnership(document);
    if (call.key == "BucketEncryption") return ReadEncryption(document);
    if (call.key == "BucketVersioning") return ReadVersioning(document);
    if (call.key == "BucketLifecycleConfiguration") {
      return ReadLifecycle(document);
    }
    return ReadLogging(document);
  }

 private:
  void Note(const SourceLocation& location, std::string message) {
    context_.diagnostics.push_back(Diagnostic{Diagnostic::Level::kNote,
                                              "not-analysed", location,
                                              std::move(message)});
  }

  absl::Status ReadPolicy(const Value& document) {
    const Value* text = document.Find("Policy");
    if (text == nullptr || text->is_null()) {
      return InputError(document.location, "policy.json has no Policy");
    }
    absl::StatusOr<Value> decoded = EmbeddedDocument(*text, "Policy");
    if (!decoded.ok()) return decoded.status();
    absl::StatusOr<iam::Policy> policy =
        iam::ParsePolicy(*decoded, {.kind = iam::PolicyKind::kResource});
    if (!policy.ok()) return policy.status();
    context_.builder.AddPolicy(
        PolicyDocument{.owner = bucket_.resource,
                       .name = "BucketPolicy",
                       .kind = iam::PolicyKind::kResource,
                       .policy = *std::move(policy)});
    return absl::OkStatus();
  }

  // The grants' canned ACL (the mapping is in aws_api.h).
  absl::Status ReadAcl(const Value& document) {
    static constexpr std::string_view kPermissions[] = {
        "READ", "WRITE", "READ_ACP", "WRITE_ACP", "FULL_CONTROL"};
    static constexpr std::string_view kTypes[] = {"CanonicalUser", "Group",
                                                  "AmazonCustomerByEmail"};
    absl::StatusOr<std::string> owner_id = std::string();
    if (const Value* owner = document.Find("Owner");
        owner != nullptr && owner->is_object()) {
      owner_id = StringField(*owner, "ID");
      if (!owner_id.ok()) return owner_id.status();
    }
    CannedAcl acl = CannedAcl::kPrivate;
    SourceLocation location = document.KeyLocation("Grants");
    auto raise = [&](CannedAcl to, const SourceLocation& at) {
      // Stronger public grants win: PublicReadWrite > PublicRead >
      // AuthenticatedRead > LogDeliveryWrite > Private.
      auto rank = [](CannedAcl a) {
        switch (a) {
          case CannedAcl::kPublicReadWrite:
            return 4;
          case CannedAcl::kPublicRead:
            return 3;
          case CannedAcl::kAuthenticatedRead:
            return 2;
          case CannedAcl::kLogDeliveryWrite:
            return 1;
          default:
            return 0;
        }
      };
      if (rank(to) > rank(acl)) {
        acl = to;
        location = at;
      }
    };
    absl::Status status =
        ForEachObject(document, "Grants", [&](const Value& grant) {
          absl::StatusOr<std::optional<size_t>> permission =
              EnumField(grant, "Permission", kPermissions);
          if (!permission.ok()) return permission.status();
          if (!permission->has_value()) {
            return InputError(grant.location, "a grant has no Permission");
          }
          const std::string_view name = kPermissions[**permission];
          const SourceLocation& at = grant.Find("Permission")->location;
          absl::StatusOr<const Value*> grantee = ObjectField(grant, "Grantee");
          if (!grantee.ok()) return grantee.status();
          if (*grantee == nullptr) {
            return InputError(grant.location, "a grant has no Grantee");
          }
          absl::StatusOr<std::optional<size_t>> type =
              EnumField(**grantee, "Type", kTypes);
          if (!type.ok()) return type.status();
          if (!type->has_value()) {
            return InputError((*grantee)->location, "a Grantee has no Type");
          }
          if (kTypes[**type] != "Group") {
            absl::StatusOr<std::string> id = StringField(**grantee, "ID");
            if (!id.ok()) return id.status();
            if (kTypes[**type] == "AmazonCustomerByEmail" || *id != *owner_id) {
              Note(at, absl::StrCat("an ACL grant of ", ToAbsl(name),
                                    " to another account is not analysed"));
            }
            return absl::OkStatus();
          }
          absl::StatusOr<std::string> uri = StringField(**grantee, "URI");
          if (!uri.ok()) return uri.status();
          const bool write =
              name == "WRITE" || name == "WRITE_ACP" || name == "FULL_CONTROL";
          if (*uri == kAllUsers) {
            if (write) {
              raise(CannedAcl::kPublicReadWrite, at);
            } else if (name == "READ") {
              raise(CannedAcl::kPublicRead, at);
            } else {
              Note(at, "an ACL grant of READ_ACP to AllUsers is not analysed");
            }
          } else if (*uri == kAuthenticatedUsers) {
            if (name != "READ") {
              Note(at, absl::StrCat("an ACL grant of ", ToAbsl(name),
                                    " to AuthenticatedUsers is analysed as "
                                    "AuthenticatedRead"));
            }
            raise(CannedAcl::kAuthenticatedRead, at);
          } else if (*uri == kLogDelivery) {
            raise(CannedAcl::kLogDeliveryWrite, at);
          } else {
            return InputError(
                (*grantee)->Find("URI") != nullptr
                    ? (*grantee)->Find("URI")->location
                    : (*grantee)->location,
                absl::StrCat("a Group grantee's URI must be the AllUsers, "
                             "AuthenticatedUsers or LogDelivery group, found "
                             "\"",
                             *uri, "\""));
          }
          return absl::OkStatus();
        });
    if (!status.ok()) return status;
    bucket_.access_control = acl;
    bucket_.access_control_location = location;
    return absl::OkStatus();
  }

  absl::Status ReadOwnership(const Value& document) {
    absl::StatusOr<const Value*> controls =
        ObjectField(document, "OwnershipControls");
    if (!controls.ok() || *controls == nullptr) return controls.status();
    static constexpr std::string_view kNames[] = {
        "BucketOwnerEnforced", "BucketOwnerPreferred", "ObjectWriter"};
    static constexpr ObjectOwnership kValues[] = {
        ObjectOwnership::kBucketOwnerEnforced,
        ObjectOwnership::kBucketOwnerPreferred, ObjectOwnership::kObjectWriter};
    return ForEachObject(**controls, "Rules", [&](const Value& rule) {
      absl::StatusOr<std::optional<size_t>> index =
          EnumField(rule, "ObjectOwnership", kNames);
      if (!index.ok()) return index.status();
      if (index->has_value()) {
        bucket_.object_ownership = kValues[**index];
        bucket_.object_ownership_location =
            rule.Find("ObjectOwnership")->location;
      }
      return absl::OkStatus();
    });
  }

  // The first rule's ApplyServerSideEncryptionByDefault.
  absl::Status ReadEncryption(const Value& document) {
    absl::StatusOr<const Value*> configuration =
        ObjectField(document, "ServerSideEncryptionConfiguration");
    if (!configuration.ok() || *configuration == nullptr) {
      return configuration.status();
    }
    bool first = true;
    return ForEachObject(
        **configuration, "Rules", [&](const Value& rule) -> absl::Status {
          if (!first) return absl::OkStatus();
          first = false;
          absl::StatusOr<const Value*> settings =
              ObjectField(rule, "ApplyServerSideEncryptionByDefault");
          if (!settings.ok() || *settings == nullptr) {
            return settings.status();
          }
          static constexpr std::string_view kNames[] = {"AES256", "aws:kms",
                                                        "aws:kms:dsse"};
          static constexpr BucketEncryption kValues[] = {
              BucketEncryption::kSseS3, BucketEncryption::kSseKms,
              BucketEncryption::kDsseKms};
          absl::StatusOr<std::optional<size_t>> index =
              EnumField(**settings, "SSEAlgorithm", kNames);
          if (!index.ok()) return index.status();
          if (!index->has_value()) return absl::OkStatus();
          bucket_.encryption = kValues[**index];
          bucket_.encryption_location =
              (*settings)->Find("SSEAlgorithm")->location;
          absl::StatusOr<std::string> key =
              StringField(**settings, "KMSMasterKeyID");
          if (!key.ok()) return key.status();
          bucket_.kms_key = *std::move(key);
          return absl::OkStatus();
        });
  }

  absl::Status ReadVersioning(const Value& document) {
    static constexpr std::string_view kNames[] = {"Enabled", "Suspended"};
    static constexpr Versioning kValues[] = {Versioning::kEnabled,
                                             Versioning::kSuspended};
    absl::StatusOr<std::optional<size_t>> index =
        EnumField(document, "Status", kNames);
    if (!index.ok()) return index.status();
    if (!index->has_value()) return absl::OkStatus();
    bucket_.versioning = kValues[**index];
    bucket_.versioning_location = document.Find("Status")->location;
    return absl::OkStatus();
  }

  absl::Status ReadTransitions(const Value& rule, bool noncurrent,
                               LifecycleRule& out) {
    static constexpr std::string_view kClasses[] = {
        "STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING",
        "GLACIER_IR",  "GLACIER",    "DEEP_ARCHIVE"};
    return ForEachObject(
        rule, noncurrent ? "NoncurrentVersionTransitions" : "Transitions",
        [&](const Value& transition) -> absl::Status {
          absl::StatusOr<std::optional<size_t>> index =
              EnumField(transition, "StorageClass", kClasses);
          if (!index.ok()) return index.status();
          if (!index->has_value()) {
            return InputError(transition.location,
                              "a transition has no StorageClass");
          }
          absl::StatusOr<std::optional<int>> days = IntField(
              transition, noncurrent ? "NoncurrentDays" : "Days", 0, 1 << 30);
          if (!days.ok()) return days.status();
          out.transitions.push_back(LifecycleTransition{
              .storage_class = std::string(kClasses[**index]),
              .days = days->value_or(-1),
              .noncurrent = noncurrent,
              .location = transition.Find("StorageClass")->location});
          return absl::OkStatus();
        });
  }

  absl::Status ReadLifecycle(const Value& document) {
    bucket_.lifecycle_location = document.KeyLocation("Rules");
    return ForEachObject(document, "Rules", [&](const Value& rule) {
      LifecycleRule out;
      out.location = rule.location;
      absl::StatusOr<std::string> id = StringField(rule, "ID");
      if (!id.ok()) return id.status();
      out.id = *std::move(id);
      static constexpr std::string_view kStatus[] = {"Enabled", "Disabled"};
      absl::StatusOr<std::optional<size_t>> status =
          EnumField(rule, "Status", kStatus);
      if (!status.ok()) return status.status();
      out.enabled = status->has_value() && **status == 0;
      for (bool noncurrent : {false, true}) {
        if (absl::Status s = ReadTransitions(rule, noncurrent, out); !s.ok()) {
          return s;
        }
      }
      absl::StatusOr<const Value*> expiration = ObjectField(rule, "Expiration");
      if (!expiration.ok()) return expiration.status();
      if (*expiration != nullptr && ((*expiration)->Find("Days") != nullptr ||
                                     (*expiration)->Find("Date") != nullptr)) {
        out.expires = true;
      }
      if (rule.Find("NoncurrentVersionExpiration") != nullptr) {
        out.expires = true;
      }
      bucket_.lifecycle_rules.push_back(std::move(out));
      return absl::OkStatus();
    });
  }

  absl::Status ReadLogging(const Value& document) {
    absl::StatusOr<const Value*> enabled =
        ObjectField(document, "LoggingEnabled");
    if (!enabled.ok() || *enabled == nullptr) return enabled.status();
    bucket_.has_logging = true;
    bucket_.logging_location = document.KeyLocation("LoggingEnabled");
    absl::StatusOr<std::string> target = StringField(**enabled, "TargetBucket");
    if (!target.ok()) return target.status();
    auto it = context_.buckets.find(*target);
    if (it != context_.buckets.end()) bucket_.logging_destination = it->second;
    return absl::OkStatus();
  }

  SnapshotContext& context_;
  Bucket& bucket_;
};

const Call* CallOf(std::string_view path) {
  const std::string name = FileStem(path, "");
  for (const Call& call : kCalls) {
    if (call.file == name) return &call;
  }
  return nullptr;
}

// The buckets of list-buckets and of the s3/<bucket> folders, in that order.
absl::StatusOr<std::vector<BucketFiles>> CollectBuckets(
    const SnapshotContext& context) {
  std::vector<BucketFiles> buckets;
  absl::flat_hash_map<std::string, size_t> by_name;
  auto find = [&](const std::string& name) -> BucketFiles& {
    auto [it, inserted] = by_name.try_emplace(name, buckets.size());
    if (inserted) {
      BucketFiles bucket;
      bucket.name = name;
      buckets.push_back(std::move(bucket));
    }
    return buckets[it->second];
  };
  for (const AwsSnapshotFile* file : context.files) {
    const Value& document = file->document;
    if (!document.is_object() || !BucketOfPath(file->path).empty()) continue;
    const Value* list = document.Find("Buckets");
    if (list == nullptr || !list->is_array()) continue;
    if (absl::Status s = ForEachObject(
            document, "Buckets",
            [&](const Value& entry) -> absl::Status {
              absl::StatusOr<std::string> name = StringField(entry, "Name");
              if (!name.ok()) return name.status();
              if (name->empty()) {
                return InputError(entry.location,
                                  "a Buckets entry has no Name");
              }
              BucketFiles& bucket = find(*name);
              if (bucket.listed != nullptr) {
                return InputError(
                    entry.location,
                    absl::StrCat("bucket ", *name,
                                 " is listed twice (first at ",
                                 bucket.location.ToString(), ")"));
              }
              bucket.listed = &entry;
              bucket.location = entry.location;
              return absl::OkStatus();
            });
        !s.ok()) {
      return s;
    }
  }
  for (const AwsSnapshotFile* file : context.files) {
    const std::string name = BucketOfPath(file->path);
    if (name.empty()) continue;
    BucketFiles& bucket = find(name);
    if (!bucket.location.known()) bucket.location = file->document.location;
    bucket.documents.emplace_back(CallOf(file->path), &file->document);
  }
  return buckets;
}

// The resource properties: the list-buckets entry (or {"Name": name}) plus
// each call's document under its key.
Value Properties(const BucketFiles& bucket) {
  Value properties;
  if (bucket.listed != nullptr) {
    properties = *bucket.listed;
  } else {
    properties.kind = Value::Kind::kObject;
    properties.location = bucket.location;
    Value name;
    name.kind = Value::Kind::kString;
    name.text = bucket.name;
    name.location = bucket.location;
    properties.keys.push_back("Name");
    properties.key_locations.push_back(bucket.location);
    properties.items.push_back(std::move(name));
  }
  for (const auto& [call, document] : bucket.documents) {
    properties.keys.emplace_back(call->key);
    properties.key_locations.push_back(document->location);
    properties.items.push_back(*document);
  }
  return properties;
}

absl::Status ReadAccountBlocks(SnapshotContext& context) {
  for (const AwsSnapshotFile* file : context.files) {
    const Value& document = file->document;
    if (!document.is_object() || !BucketOfPath(file->path).empty() ||
        document.Find("PublicAccessBlockConfiguration") == nullptr) {
      continue;
    }
    AccountPublicAccessBlock block;
    if (absl::Status s = ReadBlock(document, block.settings); !s.ok()) {
      return s;
    }
    absl::StatusOr<size_t> index =
        DeclareResource(context,
                        Resource{.name = "account-public-access-block",
                                 .type = "AWS::S3::AccountPublicAccessBlock",
                                 .kind = ResourceKind::kOther,
                                 .format = SourceFormat::kAwsSnapshot,
                                 .location = document.location,
                                 .properties = document},
                        {}, document.location);
    if (!index.ok()) return index.status();
    block.resource = *index;
    context.builder.AddAccountPublicAccessBlock(std::move(block));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ReadS3Buckets(SnapshotContext& context) {
  absl::StatusOr<std::vector<BucketFiles>> buckets = CollectBuckets(context);
  if (!buckets.ok()) return buckets.status();
  for (BucketFiles& bucket : *buckets) {
    absl::StatusOr<size_t> index = DeclareResource(
        context,
        Resource{.name = bucket.name,
                 .type = "AWS::S3::Bucket",
                 .kind = ResourceKind::kBucket,
                 .format = SourceFormat::kAwsSnapshot,
                 .location = bucket.location,
                 .properties = Properties(bucket)},
        {absl::StrCat("arn:aws:s3:::", bucket.name)}, bucket.location);
    if (!index.ok()) return index.status();
    bucket.index = *index;
    context.buckets[bucket.name] = *index;
  }
  for (const BucketFiles& files : *buckets) {
    Bucket bucket;
    bucket.resource = files.index;
    bucket.bucket_name = files.name;
    BucketReader reader(context, bucket);
    for (const auto& [call, document] : files.documents) {
      if (absl::Status s = reader.Read(*call, *document); !s.ok()) return s;
    }
    context.builder.AddBucket(std::move(bucket));
  }
  return ReadAccountBlocks(context);
}

}  // namespace polygraph::ingest::aws_api
