// PG-S3-006..010: the guide's S3 advice beyond public exposure: default
// encryption, versioning, lifecycle transitions for log and asset buckets,
// TLS-only access, and object ACLs.

#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "base/strings.h"
#include "polygraph/source_location.h"
#include "polygraph/storage_exposure.h"
#include "rules/check_registry.h"
#include "rules/checks/checks.h"
#include "rules/checks/terraform_fix.h"

namespace polygraph::rules::internal {
namespace {

using ::polygraph::internal::ToAbsl;

// The bucket's resource, or nullptr when it is not a declared one.
const Resource* ResourceOf(const Model& model, const Bucket& bucket) {
  return bucket.resource < model.resources().size()
             ? &model.resources()[bucket.resource]
             : nullptr;
}

Finding BucketFinding(const RuleInfo& rule, const Resource& resource,
                      const SourceLocation& at) {
  Finding finding = NewFinding(rule);
  finding.resource = resource.name;
  finding.location = at.known() ? at : resource.location;
  return finding;
}

bool NameContains(const Bucket& bucket, const Resource& resource,
                  std::string_view word, std::string& reason) {
  for (const std::string* name : {&bucket.bucket_name, &resource.name}) {
    if (absl::StrContains(absl::AsciiStrToLower(*name),
                          absl::string_view(word.data(), word.size()))) {
      reason = absl::StrCat("its ",
                            name == &resource.name
                                ? Spelled(resource, "logical id", "address")
                                : "name",
                            " \"", *name, "\" contains \"",
                            absl::string_view(word.data(), word.size()), "\"");
      return true;
    }
  }
  return false;
}

// Why `bucket` holds logs; "" when it does not.
std::string LogReason(const Model& model, const Bucket& bucket,
                      const Resource& resource) {
  for (const Bucket& other : model.buckets()) {
    if (&other != &bucket && other.logging_destination == bucket.resource) {
      const Resource* source = ResourceOf(model, other);
      return absl::StrCat("bucket ", source ? source->name : "?",
                          " delivers its access logs to it");
    }
  }
  for (const Distribution& distribution : model.distributions()) {
    if (distribution.logging_bucket == bucket.resource &&
        distribution.resource < model.resources().size()) {
      return absl::StrCat("distribution ",
                          model.resources()[distribution.resource].name,
                          " delivers its access logs to it");
    }
  }
  if (bucket.access_control == CannedAcl::kLogDeliveryWrite) {
    return std::string(Spelled(resource,
                               "its AccessControl is LogDeliveryWrite",
                               "its acl is \"log-delivery-write\""));
  }
  std::string reason;
  NameContains(bucket, resource, "log", reason);
  return reason;
}

// Why `bucket` holds assets; "" when it does not.
std::string AssetReason(const Model& model, const Bucket& bucket,
                        const Resource& resource) {
  for (const Distribution& distribution : model.distributions()) {
    for (const DistributionOrigin& origin : distribution.origins) {
      if (origin.bucket_resource == bucket.resource &&
          distribution.resource < model.resources().size()) {
        return absl::StrCat("it is origin ", origin.id, " of distribution ",
                            model.resources()[distribution.resource].name);
      }
    }
  }
  std::string reason;
  NameContains(bucket, resource, "asset", reason);
  return reason;
}

constexpr char kEncryptionYaml[] =
    "      BucketEncryption:\n"
    "        ServerSideEncryptionConfiguration:\n"
    "          - ServerSideEncryptionByDefault:\n"
    "              SSEAlgorithm: AES256\n";

constexpr char kVersioningYaml[] =
    "      VersioningConfiguration:\n"
    "        Status: Enabled\n";

// `resource "<type>" "<label>" {\n  bucket = <bucket ref>.id\n<body>}\n`,
// the start of a split-out S3 resource for the bucket `resource`.
std::string BucketResourceHcl(std::string_view type, const Resource& resource,
                              std::string_view body) {
  return absl::StrCat("resource \"", ToAbsl(type), "\" \"",
                      TerraformLabel(resource.name),
                      "\" {\n  bucket = ", TerraformRef(resource.name, "id"),
                      "\n", ToAbsl(body), "}\n");
}

// "add this resource (in module.x):\n".
std::string AddHcl(const Resource& resource) {
  return absl::StrCat("add", TerraformModuleNote(resource.name), ":\n");
}

std::string EncryptionFix(const Resource& resource) {
  if (!IsTerraform(resource)) {
    return absl::StrCat(
        "add to the bucket's Properties:\n", kEncryptionYaml,
        "(or SSEAlgorithm: aws:kms with KMSMasterKeyID: <key ARN> and "
        "BucketKeyEnabled: true for auditable data)");
  }
  return absl::StrCat(
      AddHcl(resource),
      BucketResourceHcl("aws_s3_bucket_server_side_encryption_configuration",
                        resource,
                        "  rule {\n"
                        "    apply_server_side_encryption_by_default {\n"
                        "      sse_algorithm = \"aws:kms\"\n"
                        "    }\n"
                        "    bucket_key_enabled = true\n"
                        "  }\n"),
      "(kms_master_key_id = <key ARN> names a customer managed key; "
      "sse_algorithm = \"AES256\" is SSE-S3 for data that needs no audit)");
}

std::string VersioningFix(const Resource& resource, bool suspended) {
  if (!IsTerraform(resource)) {
    return suspended ? "set VersioningConfiguration Status to Enabled"
                     : absl::StrCat("add to the bucket's Properties:\n",
                                    kVersioningYaml);
  }
  if (suspended) {
    return absl::StrCat(
        "set status = \"Enabled\" in the versioning_configuration of the "
        "aws_s3_bucket_versioning with bucket = ",
        TerraformRef(resource.name, "id"), TerraformModuleNote(resource.name));
  }
  return absl::StrCat(AddHcl(resource),
                      BucketResourceHcl("aws_s3_bucket_versioning", resource,
                                        "  versioning_configuration {\n"
                                        "    status = \"Enabled\"\n"
                                        "  }\n"));
}

std::string LifecycleFix(const Resource& resource, bool log,
                         bool has_lifecycle) {
  if (!IsTerraform(resource)) {
    return absl::StrCat(
        "add an enabled rule with a transition to the bucket's "
        "Properties:\n"
        "      LifecycleConfiguration:\n"
        "        Rules:\n",
        log ? "          - Id: ArchiveLogs\n"
              "            Status: Enabled\n"
              "            Transitions:\n"
              "              - StorageClass: DEEP_ARCHIVE\n"
              "                TransitionInDays: 90\n"
              "            ExpirationInDays: 365\n"
            : "          - Id: TransitionToIA\n"
              "            Status: Enabled\n"
              "            Transitions:\n"
              "              - StorageClass: STANDARD_IA\n"
              "                TransitionInDays: 90\n");
  }
  const std::string rule = absl::StrCat(
      "  rule {\n"
      "    id     = \"",
      log ? "archive-logs" : "transition-to-ia",
      "\"\n"
      "    status = \"Enabled\"\n"
      "    filter {}\n"
      "    transition {\n"
      "      days          = 90\n"
      "      storage_class = \"",
      log ? "DEEP_ARCHIVE" : "STANDARD_IA",
      "\"\n"
      "    }\n",
      log ? "    expiration {\n"
            "      days = 365\n"
            "    }\n"
          : "",
      "  }\n");
  if (has_lifecycle) {
    // A bucket has one lifecycle configuration: the rule goes into it.
    return absl::StrCat(
        "add this rule to the aws_s3_bucket_lifecycle_configuration with "
        "bucket = ",
        TerraformRef(resource.name, "id"), TerraformModuleNote(resource.name),
        ":\n", rule);
  }
  return absl::StrCat(AddHcl(resource),
                      BucketResourceHcl("aws_s3_bucket_lifecycle_configuration",
                                        resource, rule));
}

std::string TlsOnlyFix(const Resource& resource, bool has_policy) {
  const std::string& name = resource.name;
  if (!IsTerraform(resource)) {
    return absl::StrCat(
        "add this statement to the bucket policy (an AWS::S3::BucketPolicy "
        "with Bucket: !Ref ",
        name,
        "):\n"
        "          - Sid: DenyInsecureTransport\n"
        "            Effect: Deny\n"
        "            Principal: '*'\n"
        "            Action: 's3:*'\n"
        "            Resource:\n"
        "              - !GetAtt ",
        name,
        ".Arn\n"
        "              - !Sub '${",
        name,
        ".Arn}/*'\n"
        "            Condition:\n"
        "              Bool:\n"
        "                aws:SecureTransport: 'false'\n");
  }
  if (has_policy) {
    // A bucket has one policy: a second aws_s3_bucket_policy would replace
    // it, so the statement goes into the one there is.
    return absl::StrCat(
        "add this statement to the Statement list of the aws_s3_bucket_policy "
        "with bucket = ",
        TerraformRef(name, "id"), TerraformModuleNote(name), ":\n",
        TerraformDenyInsecureStatement(name, 0),
        "(in an aws_iam_policy_document: a statement with effect = \"Deny\", "
        "principals { type = \"*\" identifiers = [\"*\"] }, actions = "
        "[\"s3:*\"] and condition { test = \"Bool\" variable = "
        "\"aws:SecureTransport\" values = [\"false\"] })");
  }
  return absl::StrCat(
      AddHcl(resource),
      BucketResourceHcl("aws_s3_bucket_policy", resource,
                        absl::StrCat("  policy = jsonencode({\n"
                                     "    Version = \"2012-10-17\"\n"
                                     "    Statement = [\n",
                                     TerraformDenyInsecureStatement(name, 6),
                                     "    ]\n"
                                     "  })\n")));
}

std::string ObjectAclsFix(const Resource& resource) {
  if (!IsTerraform(resource)) {
    return "set OwnershipControls Rules ObjectOwnership BucketOwnerEnforced "
           "(ACLs disabled), or IgnorePublicAcls true in "
           "PublicAccessBlockConfiguration";
  }
  return absl::StrCat(
      AddHcl(resource),
      BucketResourceHcl("aws_s3_bucket_ownership_controls", resource,
                        "  rule {\n"
                        "    object_ownership = \"BucketOwnerEnforced\"\n"
                        "  }\n"),
      "(ACLs disabled; remove any aws_s3_bucket_acl of the bucket), or set "
      "ignore_public_acls = true in its aws_s3_bucket_public_access_block");
}

}  // namespace

std::vector<Finding> CheckS3DefaultEncryption(const CheckContext& context,
                                              const RuleInfo& rule) {
  std::vector<Finding> findings;
  for (const Bucket& bucket : context.model().buckets()) {
    const Resource* resource = ResourceOf(context.model(), bucket);
    if (resource == nullptr || bucket.encryption != BucketEncryption::kAbsent) {
      continue;
    }
    Finding finding = BucketFinding(rule, *resource, resource->location);
    finding.message = absl::StrCat(
        "bucket \"", resource->name, "\" declares no default encryption (no ",
        Spelled(*resource, "BucketEncryption SSEAlgorithm",
                "aws_s3_bucket_server_side_encryption_configuration"),
        "); S3 has applied SSE-S3 to new objects since January "
        "2023, so this is about making the intent explicit and choosing "
        "SSE-KMS (aws:kms) for data whose access must be auditable");
    finding.fix = EncryptionFix(*resource);
    findings.push_back(std::move(finding));
  }
  return findings;
}

std::vector<Finding> CheckS3Versioning(const CheckContext& context,
                                       const RuleInfo& rule) {
  std::vector<Finding> findings;
  for (const Bucket& bucket : context.model().buckets()) {
    const Resource* resource = ResourceOf(context.model(), bucket);
    if (resource == nullptr || bucket.versioning == Versioning::kEnabled) {
      continue;
    }
    bool suspended = bucket.versioning == Versioning::kSuspended;
    Finding finding = BucketFinding(
        rule, *resource,
        suspended ? bucket.versioning_location : resource->location);
    finding.message =
        suspended
            ? absl::StrCat(
                  "bucket \"", resource->name, "\" has ",
                  Spelled(*resource, "VersioningConfiguration Status Suspended",
                          "aws_s3_bucket_versioning status "
                          "\"Suspended\""),
                  ": overwritten or deleted objects cannot be "
                  "recovered")
            : absl::StrCat("bucket \"", resource->name,
                           "\" does not enable versioning (no ",
                           Spelled(*resource, "VersioningConfiguration",
                                   "aws_s3_bucket_versioning with status "
                                   "\"Enabled\""),
                           "): overwritten or deleted objects cannot be "
                           "recovered");
    finding.fix = VersioningFix(*resource, suspended);
    findings.push_back(std::move(finding));
  }
  return findings;
}

std::vector<Finding> CheckS3Lifecycle(const CheckContext& context,
                                      const RuleInfo& rule) {
  const Model& model = context.model();
  std::vector<Finding> findings;
  for (const Bucket& bucket : model.buckets()) {
    const Resource* resource = ResourceOf(model, bucket);
    if (resource == nullptr) continue;
    bool transitions = false;
    for (const LifecycleRule& lifecycle : bucket.lifecycle_rules) {
      if (lifecycle.enabled && !lifecycle.transitions.empty()) {
        transitions = true;
      }
    }
    if (transitions) continue;
    std::string reason = LogReason(model, bucket, *resource);
    bool log = !reason.empty();
    if (!log) reason = AssetReason(model, bucket, *resource);
    if (reason.empty()) continue;
    Finding finding = BucketFinding(rule, *resource, bucket.lifecycle_location);
    finding.message = absl::StrCat(
        "bucket \"", resource->name, "\" is ", log ? "a log" : "an asset",
        " bucket (", reason,
        ") but has no enabled lifecycle rule that transitions objects to a "
        "cheaper storage class");
    finding.fix =
        LifecycleFix(*resource, log, bucket.lifecycle_location.known());
    findings.push_back(std::move(finding));
  }
  return findings;
}

std::vector<Finding> CheckS3TlsOnly(const CheckContext& context,
                                    const RuleInfo& rule) {
  const Model& model = context.model();
  std::vector<Finding> findings;
  for (size_t i = 0; i < model.buckets().size(); ++i) {
    const Bucket& bucket = model.buckets()[i];
    const Resource* resource = ResourceOf(model, bucket);
    if (resource == nullptr) continue;
    absl::StatusOr<storage::InsecureTransport> transport =
        storage::InsecureRequestsNotDenied(model, i);
    if (!transport.ok()) {
      context.AddDiagnostic(
          {.level = Diagnostic::Level::kError,
           .code = "policy-not-analysed",
           .location =
               ErrorLocation(transport.status()).value_or(SourceLocation{}),
           .message = ErrorReason(transport.status())});
      continue;
    }
    if (transport->not_denied.empty()) continue;
    SourceLocation at = resource->location;
    for (const PolicyDocument& document : model.policies()) {
      if (document.kind == iam::PolicyKind::kResource &&
          document.owner == bucket.resource) {
        at = document.policy.location;
        break;
      }
    }
    Finding finding = BucketFinding(rule, *resource, at);
    std::string requests = absl::StrJoin(transport->not_denied, ", ");
    finding.message =
        transport->has_policy
            ? absl::StrCat("the bucket policy of \"", resource->name,
                           "\" does not deny ", requests,
                           " without TLS (aws:SecureTransport false)")
            : absl::StrCat("bucket \"", resource->name,
                           "\" has no bucket policy, so nothing denies ",
                           requests,
                           " without TLS (aws:SecureTransport false)");
    finding.fix = TlsOnlyFix(*resource, transport->has_policy);
    findings.push_back(std::move(finding));
  }
  return findings;
}

std::vector<Finding> CheckS3ObjectAcls(const CheckContext& context,
                                       const RuleInfo& rule) {
  const Model& model = context.model();
  const std::vector<storage::BucketExposure>& exposures =
      context.bucket_exposures();
  std::vector<Finding> findings;
  for (const storage::BucketExposure& exposure : exposures) {
    if (!exposure.object_acls_can_grant_public ||
        exposure.bucket >= model.buckets().size()) {
      continue;
    }
    const Bucket& bucket = model.buckets()[exposure.bucket];
    const Resource* resource = ResourceOf(model, bucket);
    if (resource == nullptr) continue;
    Finding finding =
        BucketFinding(rule, *resource, exposure.object_acls_location);
    const LocatedBool& ignore = bucket.public_access_block.ignore_public_acls;
    const bool terraform = IsTerraform(*resource);
    const absl::string_view ownership =
        ToAbsl(ObjectOwnershipName(bucket.object_ownership));
    finding.message = absl::StrCat(
        "bucket \"", resource->name, "\" keeps object ACLs enabled (",
        bucket.object_ownership == ObjectOwnership::kAbsent
            ? absl::StrCat("no ", Spelled(*resource, "OwnershipControls",
                                          "aws_s3_bucket_ownership_controls"))
        : terraform ? absl::StrCat("object_ownership \"", ownership, "\"")
                    : absl::StrCat("ObjectOwnership ", ownership),
        ") and ", Spelled(*resource, "IgnorePublicAcls", "ignore_public_acls"),
        " is ", ignore.set ? "false" : "not set",
        ": any writer can make single objects public with PutObject "
        "x-amz-acl public-read, bypassing pre-signed URLs");
    finding.fix = ObjectAclsFix(*resource);
    findings.push_back(std::move(finding));
  }
  return findings;
}

}  // namespace polygraph::rules::internal
