#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ingest/aws_api/aws_api.h"
#include "tests/ingest/aws_api_testing.h"
#include "tests/ingest/ingest_testing.h"
#include "tests/testing.h"

namespace polygraph::ingest {
namespace {

using testing::ExpectInputError;
using testing::FacetOf;
using testing::Imported;
using testing::LoadSnapshot;
using testing::SnapshotFiles;

constexpr char kList[] = R"({"Buckets": [
  {"Name": "site", "CreationDate": "2024-01-01T00:00:00+00:00"},
  {"Name": "logs", "CreationDate": "2024-01-01T00:00:00+00:00"}],
 "Owner": {"ID": "owner-id"}})";

std::string Grants(const std::string& grants) {
  return R"({"Owner": {"ID": "owner-id"}, "Grants": [)" + grants + "]}";
}

std::string Group(const std::string& group, const std::string& permission) {
  return R"({"Grantee": {"Type": "Group", "URI": "http://acs.amazonaws.com/groups/)" +
         group + R"("}, "Permission": ")" + permission + R"("})";
}

constexpr char kOwnerGrant[] =
    R"({"Grantee": {"Type": "CanonicalUser", "ID": "owner-id"}, "Permission": "FULL_CONTROL"})";

TEST(AwsApiS3BucketsTest, EveryCallFillsTheBucket) {
  ASSERT_OK_AND_ASSIGN(
      Imported imported,
      LoadSnapshot({
          {"list-buckets.json", kList},
          {"s3/site/policy.json",
           R"({"Policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::site/*\"}]}"})"},
          {"s3/site/acl.json", Grants(std::string(kOwnerGrant) + ", " +
                                      Group("global/AllUsers", "READ"))},
          {"s3/site/public-access-block.json",
           R"({"PublicAccessBlockConfiguration": {"BlockPublicAcls": false,
  "IgnorePublicAcls": false, "BlockPublicPolicy": true}})"},
          {"s3/site/ownership-controls.json",
           R"({"OwnershipControls": {"Rules": [{"ObjectOwnership": "ObjectWriter"}]}})"},
          {"s3/site/encryption.json",
           R"({"ServerSideEncryptionConfiguration": {"Rules": [
  {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms",
   "KMSMasterKeyID": "arn:aws:kms:eu-west-1:1:key/k"}}]}})"},
          {"s3/site/versioning.json", R"({"Status": "Suspended"})"},
          {"s3/site/lifecycle.json", R"({"Rules": [
  {"ID": "tidy", "Status": "Enabled",
   "Transitions": [{"Days": 30, "StorageClass": "GLACIER"}],
   "NoncurrentVersionTransitions": [{"NoncurrentDays": 7,
                                     "StorageClass": "STANDARD_IA"}],
   "Expiration": {"Days": 90}},
  {"ID": "off", "Status": "Disabled",
   "Transitions": [{"Date": "2025-01-01T00:00:00Z", "StorageClass": "DEEP_ARCHIVE"}],
   "Expiration": {"ExpiredObjectDeleteMarker": true}}]})"},
          {"s3/site/logging.json",
           R"({"LoggingEnabled": {"TargetBucket": "logs", "TargetPrefix": "site/"}})"},
      }));
  const size_t site = imported.IndexOf("site");
  const size_t logs = imported.IndexOf("logs");
  ASSERT_NE(site, kNoResource);
  ASSERT_NE(logs, kNoResource);
  const Resource& resource = imported.model.resources()[site];
  EXPECT_EQ(resource.type, "AWS::S3::Bucket");
  EXPECT_EQ(resource.kind, ResourceKind::kBucket);
  for (const char* key :
       {"Name", "CreationDate", "BucketPolicy", "BucketAcl",
        "PublicAccessBlock", "OwnershipControls", "BucketEncryption",
        "BucketVersioning", "BucketLifecycleConfiguration", "BucketLogging"}) {
    EXPECT_NE(resource.properties.Find(key), nullptr) << key;
  }

  ASSERT_EQ(imported.model.buckets().size(), 2u);
  const Bucket* bucket = FacetOf(imported.model.buckets(), site);
  ASSERT_NE(bucket, nullptr);
  EXPECT_EQ(bucket->bucket_name, "site");
  const PublicAccessBlock& block = bucket->public_access_block;
  EXPECT_TRUE(block.present);
  EXPECT_TRUE(block.block_public_acls.set);
  EXPECT_FALSE(block.block_public_acls.value);
  EXPECT_TRUE(block.block_public_policy.value);
  EXPECT_FALSE(block.restrict_public_buckets.set);
  EXPECT_EQ(block.block_public_policy.location.line, 2);
  EXPECT_EQ(bucket->access_control, CannedAcl::kPublicRead);
  EXPECT_EQ(bucket->object_ownership, ObjectOwnership::kObjectWriter);
  EXPECT_EQ(bucket->encryption, BucketEncryption::kSseKms);
  EXPECT_EQ(bucket->kms_key, "arn:aws:kms:eu-west-1:1:key/k");
  EXPECT_EQ(bucket->encryption_location.line, 2);
  EXPECT_EQ(bucket->versioning, Versioning::kSuspended);
  ASSERT_EQ(bucket->lifecycle_rules.size(), 2u);
  const LifecycleRule& tidy = bucket->lifecycle_rules[0];
  EXPECT_EQ(tidy.id, "tidy");
  EXPECT_TRUE(tidy.enabled);
  EXPECT_TRUE(tidy.expires);
  ASSERT_EQ(tidy.transitions.size(), 2u);
  EXPECT_EQ(tidy.transitions[0].storage_class, "GLACIER");
  EXPECT_EQ(tidy.transitions[0].days, 30);
  EXPECT_FALSE(tidy.transitions[0].noncurrent);
  EXPECT_EQ(tidy.transitions[1].storage_class, "STANDARD_IA");
  EXPECT_EQ(tidy.transitions[1].days, 7);
  EXPECT_TRUE(tidy.transitions[1].noncurrent);
  const LifecycleRule& off = bucket->lifecycle_rules[1];
  EXPECT_FALSE(off.enabled);
  EXPECT_FALSE(off.expires);
  EXPECT_EQ(off.transitions[0].days, -1);
  EXPECT_TRUE(bucket->has_logging);
  EXPECT_EQ(bucket->logging_destination, logs);

  ASSERT_EQ(imported.model.policies().size(), 1u);
  const PolicyDocument& policy = imported.model.policies()[0];
  EXPECT_EQ(policy.owner, site);
  EXPECT_EQ(policy.kind, iam::PolicyKind::kResource);
  EXPECT_EQ(policy.policy.statements[0].principals[0].type, "*");
  EXPECT_EQ(policy.policy.statements[0].location.line, 1);
  EXPECT_EQ(policy.policy.statements[0].location.column, 12);

  // A bucket with no per-bucket files: nothing set.
  const Bucket* plain = FacetOf(imported.model.buckets(), logs);
  ASSERT_NE(plain, nullptr);
  EXPECT_FALSE(plain->public_access_block.present);
  EXPECT_EQ(plain->access_control, CannedAcl::kAbsent);
  EXPECT_EQ(plain->encryption, BucketEncryption::kAbsent);
  EXPECT_FALSE(plain->has_logging);
}

CannedAcl AclOf(const std::string& acl) {
  absl::StatusOr<Imported> imported = LoadSnapshot({{"s3/b/acl.json", acl}});
  EXPECT_TRUE(imported.ok()) << imported.status();
  if (!imported.ok() || imported->model.buckets().size() != 1) {
    return CannedAcl::kAbsent;
  }
  return imported->model.buckets()[0].access_control;
}

TEST(AwsApiS3BucketsTest, GrantsMapToACannedAcl) {
  EXPECT_EQ(AclOf(Grants(kOwnerGrant)), CannedAcl::kPrivate);
  EXPECT_EQ(AclOf(Grants(Group("global/AllUsers", "READ"))),
            CannedAcl::kPublicRead);
  EXPECT_EQ(AclOf(Grants(Group("global/AllUsers", "READ") + ", " +
                         Group("global/AllUsers", "WRITE"))),
            CannedAcl::kPublicReadWrite);
  EXPECT_EQ(AclOf(Grants(Group("global/AllUsers", "FULL_CONTROL"))),
            CannedAcl::kPublicReadWrite);
  EXPECT_EQ(AclOf(Grants(Group("global/AllUsers", "WRITE_ACP"))),
            CannedAcl::kPublicReadWrite);
  EXPECT_EQ(AclOf(Grants(Group("global/AuthenticatedUsers", "READ"))),
            CannedAcl::kAuthenticatedRead);
  EXPECT_EQ(AclOf(Grants(Group("s3/LogDelivery", "WRITE") + ", " +
                         Group("s3/LogDelivery", "READ_ACP"))),
            CannedAcl::kLogDeliveryWrite);
  // The most public grant wins whatever the order.
  EXPECT_EQ(AclOf(Grants(Group("global/AuthenticatedUsers", "READ") + ", " +
                         Group("global/AllUsers", "READ"))),
            CannedAcl::kPublicRead);
}

TEST(AwsApiS3BucketsTest, GrantsACannedAclCannotSayAreNoted) {
  ASSERT_OK_AND_ASSIGN(
      Imported imported,
      LoadSnapshot(
          {{"s3/b/acl.json",
            Grants(
                std::string(kOwnerGrant) + ", " +
                R"({"Grantee": {"Type": "CanonicalUser", "ID": "other"}, "Permission": "READ"}, )" +
                Group("global/AllUsers", "READ_ACP"))}}));
  EXPECT_EQ(imported.model.buckets()[0].access_control, CannedAcl::kPrivate);
  EXPECT_EQ(imported.WithCode("not-analysed").size(), 2u);
}

TEST(AwsApiS3BucketsTest, AccountPublicAccessBlock) {
  ASSERT_OK_AND_ASSIGN(Imported imported,
                       LoadSnapshot({{"account-public-access-block.json",
                                      R"({"PublicAccessBlockConfiguration": {
  "BlockPublicAcls": true, "IgnorePublicAcls": true,
  "BlockPublicPolicy": true, "RestrictPublicBuckets": false}})"}}));
  ASSERT_EQ(imported.model.account_public_access_blocks().size(), 1u);
  const AccountPublicAccessBlock& block =
      imported.model.account_public_access_blocks()[0];
  EXPECT_EQ(block.resource, imported.IndexOf("account-public-access-block"));
  EXPECT_EQ(block.account_id, "");
  EXPECT_TRUE(block.settings.present);
  EXPECT_TRUE(block.settings.block_public_policy.value);
  EXPECT_TRUE(block.settings.restrict_public_buckets.set);
  EXPECT_FALSE(block.settings.restrict_public_buckets.value);
  EXPECT_TRUE(imported.model.buckets().empty());
}

TEST(AwsApiS3BucketsTest, MalformedValuesAreErrors) {
  ExpectInputError(
      LoadSnapshot({{"s3/b/policy.json", R"({"Policy": "{\"Statement\": 3"})"}})
          .status(),
      1, 12, "Policy is not a JSON document");
  ExpectInputError(
      LoadSnapshot(
          {{"s3/b/acl.json", Grants(Group("global/AllUsers", "READ_ALL"))}})
          .status(),
      1, 145, "Permission must be READ, WRITE");
  ExpectInputError(LoadSnapshot({{"s3/b/acl.json",
                                  Grants(Group("global/Everyone", "READ"))}})
                       .status(),
                   1, 79, "Group grantee's URI");
  ExpectInputError(
      LoadSnapshot({{"s3/b/versioning.json", R"({"Status": "On"})"}}).status(),
      1, 12, "Status must be Enabled or Suspended");
  ExpectInputError(
      LoadSnapshot(
          {{"s3/b/encryption.json",
            R"({"ServerSideEncryptionConfiguration": {"Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "rot13"}}]}})"}})
          .status(),
      1, 106, "SSEAlgorithm must be AES256");
  ExpectInputError(
      LoadSnapshot(
          {{"s3/b/public-access-block.json",
            R"({"PublicAccessBlockConfiguration": {"BlockPublicAcls": "yes"}})"}})
          .status(),
      1, 56, "BlockPublicAcls must be true or false");
  ExpectInputError(
      LoadSnapshot(
          {{"s3/b/lifecycle.json",
            R"({"Rules": [{"Transitions": [{"StorageClass": "TAPE"}]}]})"}})
          .status(),
      1, 46, "StorageClass must be");
  ExpectInputError(
      LoadSnapshot({{"s3/b/ownership-controls.json", R"([1])"}}).status(), 1, 1,
      "ownership-controls.json must hold an object");
}

TEST(AwsApiS3BucketsTest, BucketListedTwiceIsAnError) {
  ExpectInputError(LoadSnapshot({{"b.json", R"({"Buckets": [
{"Name": "x"},
{"Name": "x"}]})"}}).status(),
                   3, 1, "bucket x is listed twice");
}

TEST(AwsApiS3BucketsTest, PerBucketFilesJoinTheSnapshotAbove) {
  EXPECT_TRUE(IsAwsSnapshotPath("snap/s3/my.bucket/acl.json"));
  EXPECT_FALSE(IsAwsSnapshotPath("snap/s3/my.bucket/notes.json"));
  EXPECT_FALSE(IsAwsSnapshotPath("snap/my.bucket/acl.json"));
  EXPECT_EQ(AwsSnapshotFolder("snap/s3/my.bucket/acl.json"), "snap");
  EXPECT_EQ(AwsSnapshotFolder("snap/cloudfront/E1.json"), "snap");
  EXPECT_EQ(AwsSnapshotFolder("snap/organizations/p-1.json"), "snap");
  EXPECT_EQ(AwsSnapshotFolder("snap/vpcs.json"), "snap");
  EXPECT_EQ(AwsSnapshotFolder("vpcs.json"), "");
}

TEST(AwsApiS3BucketsTest, SampleSnapshotBuckets) {
  ASSERT_OK_AND_ASSIGN(
      LoadResult loaded,
      ::polygraph::ingest::LoadPaths(
          {::polygraph::testing::SourcePath("examples/aws-snapshot/sample")},
          LoadOptions{}));
  const Model& model = loaded.model;
  ASSERT_EQ(model.buckets().size(), 3u);
  const Bucket& logs = model.buckets()[0];
  EXPECT_EQ(logs.bucket_name, "example-access-logs");
  EXPECT_EQ(logs.access_control, CannedAcl::kLogDeliveryWrite);
  EXPECT_EQ(logs.object_ownership, ObjectOwnership::kBucketOwnerPreferred);
  ASSERT_EQ(logs.lifecycle_rules.size(), 1u);
  EXPECT_EQ(logs.lifecycle_rules[0].transitions.size(), 3u);
  const Bucket& assets = model.buckets()[1];
  EXPECT_EQ(assets.encryption, BucketEncryption::kSseKms);
  EXPECT_EQ(assets.versioning, Versioning::kEnabled);
  EXPECT_TRUE(assets.public_access_block.restrict_public_buckets.value);
  const Bucket& site = model.buckets()[2];
  EXPECT_EQ(site.access_control, CannedAcl::kPublicRead);
  EXPECT_FALSE(site.public_access_block.present);
  EXPECT_EQ(site.logging_destination, logs.resource);
  ASSERT_EQ(model.account_public_access_blocks().size(), 1u);
  EXPECT_TRUE(model.account_public_access_blocks()[0]
                  .settings.ignore_public_acls.value);
}

}  // namespace
}  // namespace polygraph::ingest
