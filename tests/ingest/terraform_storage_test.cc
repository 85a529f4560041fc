#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/ingest/terraform_testing.h"
#include "tests/testing.h"

namespace polygraph::ingest::testing {
namespace {

TEST(TerraformStorageTest, SplitOutSettingsLandOnTheBucket) {
  ASSERT_OK_AND_ASSIGN(
      Imported imported,
      ImportInstances(
          {Instance("aws_s3_bucket.site", R"({"bucket": "site"})"),
           Instance("aws_s3_bucket_public_access_block.site", R"({
  "bucket": "${aws_s3_bucket.site.id}",
  "block_public_acls": true, "ignore_public_acls": true,
  "block_public_policy": false, "restrict_public_buckets": false})"),
           Instance("aws_s3_bucket_acl.site",
                    R"({"bucket": "site", "acl": "public-read"})"),
           Instance("aws_s3_bucket_versioning.site", R"({
  "bucket": "${aws_s3_bucket.site.id}",
  "versioning_configuration": [{"status": "Enabled"}]})"),
           Instance("aws_s3_bucket_server_side_encryption_configuration.site",
                    R"({
  "bucket": "${aws_s3_bucket.site.id}",
  "rule": [{"apply_server_side_encryption_by_default":
            [{"sse_algorithm": "aws:kms"}]}]})")}));
  ASSERT_EQ(imported.model.buckets().size(), 1u);
  const Bucket& bucket = imported.model.buckets()[0];
  EXPECT_EQ(bucket.resource, imported.IndexOf("aws_s3_bucket.site"));
  EXPECT_EQ(bucket.bucket_name, "site");
  EXPECT_TRUE(bucket.public_access_block.present);
  EXPECT_TRUE(bucket.public_access_block.block_public_acls.value);
  EXPECT_FALSE(bucket.public_access_block.block_public_policy.value);
  EXPECT_TRUE(bucket.public_access_block.block_public_policy.set);
  // Located at the split-out resource, in the .tf file.
  EXPECT_EQ(bucket.public_access_block.block_public_acls.location.line, 3);
  EXPECT_EQ(bucket.access_control, CannedAcl::kPublicRead);
  EXPECT_EQ(bucket.versioning, Versioning::kEnabled);
  EXPECT_EQ(bucket.encryption, BucketEncryption::kSseKms);
  const Resource* block =
      imported.Find("aws_s3_bucket_public_access_block.site");
  ASSERT_NE(block, nullptr);
  EXPECT_EQ(block->format, SourceFormat::kTerraform);
}

TEST(TerraformStorageTest, LegacyInlineSettingsAndPolicy) {
  ASSERT_OK_AND_ASSIGN(Imported imported,
                       ImportInstances({Instance("aws_s3_bucket.logs", R"({
  "bucket": "logs", "acl": "log-delivery-write",
  "versioning": [{"enabled": true}],
  "lifecycle_rule": [{"id": "old", "enabled": true,
                      "transition": [{"days": 30, "storage_class": "GLACIER"}],
                      "expiration": [{"days": 365}]}],
  "policy": "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::logs/*\"}]}"
})")}));
  ASSERT_EQ(imported.model.buckets().size(), 1u);
  const Bucket& bucket = imported.model.buckets()[0];
  EXPECT_EQ(bucket.access_control, CannedAcl::kLogDeliveryWrite);
  EXPECT_EQ(bucket.versioning, Versioning::kEnabled);
  ASSERT_EQ(bucket.lifecycle_rules.size(), 1u);
  EXPECT_TRUE(bucket.lifecycle_rules[0].enabled);
  EXPECT_TRUE(bucket.lifecycle_rules[0].expires);
  ASSERT_EQ(bucket.lifecycle_rules[0].transitions.size(), 1u);
  EXPECT_EQ(bucket.lifecycle_rules[0].transitions[0].days, 30);
  ASSERT_EQ(imported.model.policies().size(), 1u);
  EXPECT_EQ(imported.model.policies()[0].owner, bucket.resource);
  EXPECT_EQ(imported.model.policies()[0].kind, iam::PolicyKind::kResource);
}

TEST(TerraformStorageTest, SettingsForAnUndeclaredBucketAreNoted) {
  ASSERT_OK_AND_ASSIGN(
      Imported imported,
      ImportInstances({Instance("aws_s3_bucket_public_access_block.other", R"({
  "bucket": "elsewhere", "block_public_acls": true})")}));
  EXPECT_TRUE(imported.model.buckets().empty());
  EXPECT_EQ(imported.WithCode("unresolved-reference").size(), 1u);
  EXPECT_NE(imported.Find("aws_s3_bucket_public_access_block.other"), nullptr);
}

TEST(TerraformStorageTest, AccountPublicAccessBlock) {
  ASSERT_OK_AND_ASSIGN(
      Imported imported,
      ImportInstances({Instance("aws_s3_account_public_access_block.all", R"({
  "block_public_acls": true, "block_public_policy": true})")}));
  ASSERT_EQ(imported.model.account_public_access_blocks().size(), 1u);
  const AccountPublicAccessBlock& block =
      imported.model.account_public_access_blocks()[0];
  EXPECT_EQ(block.resource,
            imported.IndexOf("aws_s3_account_public_access_block.all"));
  EXPECT_TRUE(block.settings.block_public_acls.value);
  EXPECT_FALSE(block.settings.ignore_public_acls.set);
}

}  // namespace
}  // namespace polygraph::ingest::testing
