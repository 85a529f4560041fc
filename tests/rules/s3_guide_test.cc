// PG-S3-006..010 (lib/rules/checks/s3_guide.cc) over small models built in
// memory; policies are parsed from real policy text.

#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "polygraph/document.h"
#include "tests/rules/rules_testing.h"

namespace polygraph::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::SizeIs;
using ::testing::UnorderedElementsAre;

// A bucket "Data" (resource declared at line 2) with every guide setting
// right: SSE-KMS, versioning, BucketOwnerEnforced, and a lifecycle rule.
Bucket GoodBucket() {
  Bucket bucket;
  bucket.bucket_name = "app-data";
  bucket.encryption = BucketEncryption::kSseKms;
  bucket.encryption_location = At(6, 29);
  bucket.versioning = Versioning::kEnabled;
  bucket.versioning_location = At(8, 17);
  bucket.object_ownership = ObjectOwnership::kBucketOwnerEnforced;
  bucket.object_ownership_location = At(11, 30);
  LifecycleRule rule;
  rule.enabled = true;
  rule.transitions.push_back({"STANDARD_IA", 90, false, At(16, 31)});
  bucket.lifecycle_rules.push_back(rule);
  bucket.lifecycle_location = At(12, 7);
  return bucket;
}

constexpr char kTlsOnly[] =
    "Statement:\n"
    "  - Sid: DenyInsecureTransport\n"
    "    Effect: Deny\n"
    "    Principal: '*'\n"
    "    Action: 's3:*'\n"
    "    Resource:\n"
    "      - !GetAtt Data.Arn\n"
    "      - !Sub '${Data.Arn}/*'\n"
    "    Condition:\n"
    "      Bool:\n"
    "        aws:SecureTransport: 'false'\n";

struct Built {
  ModelBuilder builder;
  size_t bucket_resource = kNoResource;

  // Declares resource `name` for `bucket` and, unless `policy` is "", its
  // bucket policy.
  size_t Add(std::string name, Bucket bucket,
             const std::string& policy = kTlsOnly) {
    bucket.resource = builder.AddResource(MakeResource(
        std::move(name), ResourceKind::kBucket, "AWS::S3::Bucket", 2));
    if (!policy.empty()) {
      absl::StatusOr<Value> document = ParseYaml(policy, "t.yaml");
      EXPECT_TRUE(document.ok()) << document.status();
      absl::StatusOr<iam::Policy> parsed =
          iam::ParsePolicy(*document, {.kind = iam::PolicyKind::kResource});
      EXPECT_TRUE(parsed.ok()) << parsed.status();
      PolicyDocument facet;
      facet.owner = bucket.resource;
      facet.kind = iam::PolicyKind::kResource;
      facet.policy = *parsed;
      facet.policy.location = At(30, 9);
      builder.AddPolicy(std::move(facet));
    }
    size_t index = bucket.resource;
    builder.AddBucket(std::move(bucket));
    return index;
  }
  Model Build() { return std::move(builder).Build(); }
};

Model One(Bucket bucket, const std::string& policy = kTlsOnly) {
  Built built;
  built.Add("Data", std::move(bucket), policy);
  return built.Build();
}

std::vector<std::string> AllGuideRules(const Model& model) {
  std::vector<std::string> ids;
  for (const char* id :
       {"PG-S3-006", "PG-S3-007", "PG-S3-008", "PG-S3-009", "PG-S3-010"}) {
    for (const Finding& finding : RunRule(id, model)) {
      ids.push_back(finding.rule_id);
    }
  }
  return ids;
}

TEST(S3GuideTest, GoodBucketHasNoFindings) {
  EXPECT_THAT(AllGuideRules(One(GoodBucket())), IsEmpty());
}

TEST(S3GuideTest, DefaultEncryption) {
  Bucket bucket = GoodBucket();
  bucket.encryption = BucketEncryption::kAbsent;
  std::vector<Finding> findings = RunRule("PG-S3-006", One(bucket));
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].severity, Severity::kLow);
  EXPECT_EQ(findings[0].location, At(2, 3));
  EXPECT_EQ(findings[0].resource, "Data");
  EXPECT_THAT(findings[0].message,
              HasSubstr("SSE-S3 to new objects since January 2023"));
  EXPECT_THAT(findings[0].fix, HasSubstr("      BucketEncryption:\n"
                                         "        "
                                         "ServerSideEncryptionConfiguration:\n"
                                         "          - "
                                         "ServerSideEncryptionByDefault:\n"
                                         "              SSEAlgorithm: "
                                         "AES256\n"));
}

TEST(S3GuideTest, VersioningAbsentOrSuspended) {
  Bucket bucket = GoodBucket();
  bucket.versioning = Versioning::kAbsent;
  std::vector<Finding> absent = RunRule("PG-S3-007", One(bucket));
  ASSERT_THAT(absent, SizeIs(1));
  EXPECT_EQ(absent[0].location, At(2, 3));
  EXPECT_EQ(absent[0].severity, Severity::kMedium);
  EXPECT_THAT(absent[0].message, HasSubstr("no VersioningConfiguration"));
  bucket.versioning = Versioning::kSuspended;
  std::vector<Finding> suspended = RunRule("PG-S3-007", One(bucket));
  ASSERT_THAT(suspended, SizeIs(1));
  EXPECT_EQ(suspended[0].location, At(8, 17));
  EXPECT_THAT(suspended[0].message, HasSubstr("Status Suspended"));
}

TEST(S3GuideTest, LogAndAssetBucketsNeedATransition) {
  Built built;
  Bucket plain = GoodBucket();
  plain.lifecycle_rules.clear();
  plain.lifecycle_location = {};
  // Not a log or asset bucket: no finding.
  built.Add("Data", plain);
  // A log bucket by another bucket's LoggingConfiguration.
  size_t target = built.Add("Target", plain);
  Bucket source = GoodBucket();
  source.bucket_name = "source";
  source.logging_destination = target;
  built.Add("Source", source);
  // By its ACL; by its name; an asset bucket by its name.
  Bucket acl = plain;
  acl.bucket_name = "a";
  acl.access_control = CannedAcl::kLogDeliveryWrite;
  built.Add("Delivery", acl);
  Bucket named = plain;
  named.bucket_name = "app-LOGS";
  built.Add("Archive", named);
  Bucket disabled = GoodBucket();
  disabled.bucket_name = "b";
  disabled.lifecycle_rules[0].enabled = false;
  built.Add("StaticAssets", disabled);
  std::vector<Finding> findings = RunRule("PG-S3-008", built.Build());
  ASSERT_THAT(findings, SizeIs(4));
  std::vector<std::string> messages;
  for (const Finding& finding : findings) messages.push_back(finding.message);
  EXPECT_THAT(
      messages,
      UnorderedElementsAre(
          HasSubstr("\"Target\" is a log bucket (bucket Source delivers its "
                    "access logs to it)"),
          HasSubstr("\"Delivery\" is a log bucket (its AccessControl is "
                    "LogDeliveryWrite)"),
          HasSubstr("\"Archive\" is a log bucket (its name \"app-LOGS\" "
                    "contains \"log\")"),
          HasSubstr("\"StaticAssets\" is an asset bucket (its logical id "
                    "\"StaticAssets\" contains \"asset\")")));
  for (const Finding& finding : findings) {
    if (finding.resource == "StaticAssets") {
      // At LifecycleConfiguration when the bucket has one.
      EXPECT_EQ(finding.location, At(12, 7));
      EXPECT_THAT(finding.fix, HasSubstr("StorageClass: STANDARD_IA"));
    } else {
      EXPECT_EQ(finding.location, At(2, 3));
      EXPECT_THAT(finding.fix, HasSubstr("StorageClass: DEEP_ARCHIVE"));
    }
  }
}

TEST(S3GuideTest, OriginAndDistributionLogsMakeAssetAndLogBuckets) {
  Built built;
  Bucket plain = GoodBucket();
  plain.lifecycle_rules.clear();
  size_t origin = built.Add("Origin", plain);
  size_t logs = built.Add("Sink", plain);
  Distribution distribution;
  distribution.resource = built.builder.AddResource(MakeResource(
      "CDN", ResourceKind::kDistribution, "AWS::CloudFront::Distribution", 40));
  DistributionOrigin s3;
  s3.id = "S3Origin";
  s3.bucket_resource = origin;
  distribution.origins.push_back(s3);
  distribution.has_logging = true;
  distribution.logging_bucket = logs;
  built.builder.AddDistribution(distribution);
  std::vector<Finding> findings = RunRule("PG-S3-008", built.Build());
  ASSERT_THAT(findings, SizeIs(2));
  EXPECT_THAT(findings[0].message,
              HasSubstr("an asset bucket (it is origin S3Origin of "
                        "distribution CDN)"));
  EXPECT_THAT(findings[1].message,
              HasSubstr("a log bucket (distribution CDN delivers its access "
                        "logs to it)"));
}

TEST(S3GuideTest, TlsOnly) {
  std::vector<Finding> none = RunRule("PG-S3-009", One(GoodBucket(), ""));
  ASSERT_THAT(none, SizeIs(1));
  EXPECT_EQ(none[0].location, At(2, 3));
  EXPECT_EQ(none[0].message,
            "bucket \"Data\" has no bucket policy, so nothing denies "
            "s3:GetObject, s3:PutObject, s3:ListBucket without TLS "
            "(aws:SecureTransport false)");
  EXPECT_THAT(none[0].fix, HasSubstr("aws:SecureTransport: 'false'"));
  EXPECT_THAT(none[0].fix, HasSubstr("- !Sub '${Data.Arn}/*'"));

  std::string objects_only = kTlsOnly;
  objects_only.erase(objects_only.find("      - !GetAtt Data.Arn\n"),
                     std::string("      - !GetAtt Data.Arn\n").size());
  std::vector<Finding> partial =
      RunRule("PG-S3-009", One(GoodBucket(), objects_only));
  ASSERT_THAT(partial, SizeIs(1));
  EXPECT_EQ(partial[0].location, At(30, 9));
  EXPECT_EQ(partial[0].message,
            "the bucket policy of \"Data\" does not deny s3:ListBucket "
            "without TLS (aws:SecureTransport false)");
}

TEST(S3GuideTest, TlsOnlyPolicyThatDoesNotCompileIsADiagnostic) {
  std::string bad = std::string(kTlsOnly) +
                    "      IpAddress:\n"
                    "        aws:SourceIp: 300.0.0.0/8\n";
  Model model = One(GoodBucket(), bad);
  absl::StatusOr<RuleSet> rules = RuleSet::Builtin();
  ASSERT_TRUE(rules.ok());
  absl::StatusOr<RuleSet> one = rules->Select({"PG-S3-009"}, {});
  ASSERT_TRUE(one.ok());
  std::vector<Diagnostic> diagnostics;
  EXPECT_THAT(one->Run(model, &diagnostics), IsEmpty());
  ASSERT_THAT(diagnostics, SizeIs(1));
  EXPECT_EQ(diagnostics[0].code, "policy-not-analysed");
  EXPECT_EQ(diagnostics[0].level, Diagnostic::Level::kError);
  EXPECT_EQ(diagnostics[0].location.line, 13);
}

TEST(S3GuideTest, ObjectAcls) {
  Bucket writer = GoodBucket();
  writer.object_ownership = ObjectOwnership::kObjectWriter;
  std::vector<Finding> findings = RunRule("PG-S3-010", One(writer));
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].location, At(11, 30));
  EXPECT_EQ(findings[0].message,
            "bucket \"Data\" keeps object ACLs enabled (ObjectOwnership "
            "ObjectWriter) and IgnorePublicAcls is not set: any writer can "
            "make single objects public with PutObject x-amz-acl "
            "public-read, bypassing pre-signed URLs");
  EXPECT_THAT(findings[0].fix, HasSubstr("BucketOwnerEnforced"));

  Bucket absent = GoodBucket();
  absent.object_ownership = ObjectOwnership::kAbsent;
  absent.object_ownership_location = {};
  findings = RunRule("PG-S3-010", One(absent));
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].location, At(2, 3));
  EXPECT_THAT(findings[0].message, HasSubstr("(no OwnershipControls)"));

  Bucket ignored = writer;
  ignored.public_access_block.ignore_public_acls = {true, true, At(9, 27)};
  EXPECT_THAT(RunRule("PG-S3-010", One(ignored)), IsEmpty());
}

// A bucket read from Terraform at `address`, without a bucket policy.
Model OneTerraform(const std::string& address, Bucket bucket) {
  ModelBuilder builder;
  bucket.resource = builder.AddResource(
      MakeResource(address, ResourceKind::kBucket, "aws_s3_bucket", 2,
                   SourceFormat::kTerraform));
  builder.AddBucket(std::move(bucket));
  return std::move(builder).Build();
}

TEST(S3GuideTest, TerraformFixesAreHcl) {
  Bucket bucket = GoodBucket();
  bucket.encryption = BucketEncryption::kAbsent;
  bucket.versioning = Versioning::kAbsent;
  bucket.lifecycle_rules.clear();
  bucket.lifecycle_location = {};
  bucket.object_ownership = ObjectOwnership::kObjectWriter;
  Model model = OneTerraform("aws_s3_bucket.assets", bucket);

  std::vector<Finding> encryption = RunRule("PG-S3-006", model);
  ASSERT_THAT(encryption, SizeIs(1));
  EXPECT_THAT(
      encryption[0].fix,
      HasSubstr("resource "
                "\"aws_s3_bucket_server_side_encryption_configuration\" "
                "\"assets\" {\n"
                "  bucket = aws_s3_bucket.assets.id\n"
                "  rule {\n"
                "    apply_server_side_encryption_by_default {\n"
                "      sse_algorithm = \"aws:kms\"\n"
                "    }\n"));
  EXPECT_THAT(encryption[0].fix, Not(HasSubstr("Properties")));

  std::vector<Finding> versioning = RunRule("PG-S3-007", model);
  ASSERT_THAT(versioning, SizeIs(1));
  EXPECT_EQ(versioning[0].fix,
            "add:\n"
            "resource \"aws_s3_bucket_versioning\" \"assets\" {\n"
            "  bucket = aws_s3_bucket.assets.id\n"
            "  versioning_configuration {\n"
            "    status = \"Enabled\"\n"
            "  }\n"
            "}\n");

  std::vector<Finding> lifecycle = RunRule("PG-S3-008", model);
  ASSERT_THAT(lifecycle, SizeIs(1));
  EXPECT_THAT(lifecycle[0].fix,
              HasSubstr("resource \"aws_s3_bucket_lifecycle_configuration\" "
                        "\"assets\" {\n  bucket = aws_s3_bucket.assets.id\n"));
  EXPECT_THAT(lifecycle[0].fix, HasSubstr("storage_class = \"STANDARD_IA\""));

  std::vector<Finding> tls = RunRule("PG-S3-009", model);
  ASSERT_THAT(tls, SizeIs(1));
  EXPECT_THAT(tls[0].fix,
              HasSubstr("resource \"aws_s3_bucket_policy\" \"assets\" {\n"
                        "  bucket = aws_s3_bucket.assets.id\n"
                        "  policy = jsonencode({\n"));
  EXPECT_THAT(tls[0].fix, HasSubstr("Resource  = [aws_s3_bucket.assets.arn, "
                                    "\"${aws_s3_bucket.assets.arn}/*\"]\n"));
  EXPECT_THAT(tls[0].fix,
              HasSubstr("Condition = { Bool = { \"aws:SecureTransport\" = "
                        "\"false\" } }"));
  EXPECT_THAT(tls[0].fix, Not(HasSubstr("AWS::S3::BucketPolicy")));

  std::vector<Finding> acls = RunRule("PG-S3-010", model);
  ASSERT_THAT(acls, SizeIs(1));
  EXPECT_THAT(acls[0].fix,
              HasSubstr("resource \"aws_s3_bucket_ownership_controls\" "
                        "\"assets\" {\n  bucket = aws_s3_bucket.assets.id\n"
                        "  rule {\n"
                        "    object_ownership = \"BucketOwnerEnforced\"\n"));
}

TEST(S3GuideTest, TerraformFixesInAModuleReferToTheLocalAddress) {
  Bucket bucket = GoodBucket();
  bucket.versioning = Versioning::kSuspended;
  bucket.lifecycle_rules.clear();  // "log" in the name: a log bucket
  Model model = OneTerraform("module.log_bucket.aws_s3_bucket.this[0]", bucket);
  std::vector<Finding> versioning = RunRule("PG-S3-007", model);
  ASSERT_THAT(versioning, SizeIs(1));
  EXPECT_EQ(versioning[0].fix,
            "set status = \"Enabled\" in the versioning_configuration of the "
            "aws_s3_bucket_versioning with bucket = aws_s3_bucket.this[0].id "
            "(in module.log_bucket)");
  std::vector<Finding> lifecycle = RunRule("PG-S3-008", model);
  ASSERT_THAT(lifecycle, SizeIs(1));
  EXPECT_THAT(lifecycle[0].fix,
              HasSubstr("add this rule to the "
                        "aws_s3_bucket_lifecycle_configuration with bucket = "
                        "aws_s3_bucket.this[0].id (in module.log_bucket):\n"
                        "  rule {\n"
                        "    id     = \"archive-logs\"\n"));
  EXPECT_THAT(lifecycle[0].fix, HasSubstr("storage_class = \"DEEP_ARCHIVE\""));
  EXPECT_THAT(lifecycle[0].fix, HasSubstr("expiration {\n      days = 365\n"));
}

TEST(S3GuideTest, TerraformMessagesNameTerraformArguments) {
  Bucket bucket = GoodBucket();
  bucket.encryption = BucketEncryption::kAbsent;
  bucket.versioning = Versioning::kAbsent;
  bucket.lifecycle_rules.clear();
  bucket.access_control = CannedAcl::kLogDeliveryWrite;
  bucket.object_ownership = ObjectOwnership::kObjectWriter;
  Model model = OneTerraform("aws_s3_bucket.assets", bucket);

  std::vector<Finding> encryption = RunRule("PG-S3-006", model);
  ASSERT_THAT(encryption, SizeIs(1));
  EXPECT_THAT(encryption[0].message,
              HasSubstr("declares no default encryption (no "
                        "aws_s3_bucket_server_side_encryption_configuration)"));
  EXPECT_THAT(encryption[0].message, Not(HasSubstr("BucketEncryption")));

  std::vector<Finding> versioning = RunRule("PG-S3-007", model);
  ASSERT_THAT(versioning, SizeIs(1));
  EXPECT_EQ(versioning[0].message,
            "bucket \"aws_s3_bucket.assets\" does not enable versioning (no "
            "aws_s3_bucket_versioning with status \"Enabled\"): overwritten "
            "or deleted objects cannot be recovered");

  std::vector<Finding> lifecycle = RunRule("PG-S3-008", model);
  ASSERT_THAT(lifecycle, SizeIs(1));
  EXPECT_THAT(lifecycle[0].message,
              HasSubstr("is a log bucket (its acl is \"log-delivery-write\")"));

  std::vector<Finding> acls = RunRule("PG-S3-010", model);
  ASSERT_THAT(acls, SizeIs(1));
  EXPECT_THAT(acls[0].message,
              HasSubstr("keeps object ACLs enabled (object_ownership "
                        "\"ObjectWriter\") and ignore_public_acls is "));

  Bucket suspended = GoodBucket();
  suspended.versioning = Versioning::kSuspended;
  suspended.object_ownership = ObjectOwnership::kAbsent;
  suspended.object_ownership_location = {};
  suspended.lifecycle_rules.clear();  // "assets" in the address
  model = OneTerraform("aws_s3_bucket.assets", suspended);
  versioning = RunRule("PG-S3-007", model);
  ASSERT_THAT(versioning, SizeIs(1));
  EXPECT_THAT(versioning[0].message,
              HasSubstr("has aws_s3_bucket_versioning status \"Suspended\": "));
  lifecycle = RunRule("PG-S3-008", model);
  ASSERT_THAT(lifecycle, SizeIs(1));
  EXPECT_THAT(lifecycle[0].message,
              HasSubstr("(its address \"aws_s3_bucket.assets\" contains "
                        "\"asset\")"));
  acls = RunRule("PG-S3-010", model);
  ASSERT_THAT(acls, SizeIs(1));
  EXPECT_THAT(acls[0].message,
              HasSubstr("(no aws_s3_bucket_ownership_controls)"));
}

}  // namespace
}  // namespace polygraph::testing
