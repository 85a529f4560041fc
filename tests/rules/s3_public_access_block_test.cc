#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/rules/rules_testing.h"

namespace polygraph::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

LocatedBool Set(bool value, int line) {
  return {value, /*set=*/true, At(line, 27)};
}

PublicAccessBlock AllTrue() {
  PublicAccessBlock block;
  block.present = true;
  block.location = At(5, 7);
  block.block_public_acls = Set(true, 6);
  block.block_public_policy = Set(true, 7);
  block.ignore_public_acls = Set(true, 8);
  block.restrict_public_buckets = Set(true, 9);
  return block;
}

std::vector<Finding> Findings(
    const PublicAccessBlock& block,
    SourceFormat format = SourceFormat::kCloudFormation) {
  ModelBuilder builder;
  Bucket bucket;
  bucket.resource = builder.AddResource(
      MakeResource("AssetsBucket", ResourceKind::kBucket, "AWS::S3::Bucket",
                   /*line=*/2, format));
  bucket.public_access_block = block;
  builder.AddBucket(bucket);
  Model model = std::move(builder).Build();
  return RunRule("PG-S3-001", model);
}

TEST(S3PublicAccessBlockTest, AllFourTruePasses) {
  EXPECT_THAT(Findings(AllTrue()), IsEmpty());
}

TEST(S3PublicAccessBlockTest, AbsentConfigurationPointsAtTheBucket) {
  std::vector<Finding> findings = Findings(PublicAccessBlock());
  ASSERT_THAT(findings, SizeIs(1));
  const Finding& finding = findings[0];
  EXPECT_EQ(finding.rule_id, "PG-S3-001");
  EXPECT_EQ(finding.severity, Severity::kHigh);
  EXPECT_EQ(finding.location, At(2, 3));
  EXPECT_EQ(finding.resource, "AssetsBucket");
  EXPECT_EQ(finding.message,
            "bucket \"AssetsBucket\" has no PublicAccessBlockConfiguration");
  EXPECT_EQ(finding.fix,
            "add PublicAccessBlockConfiguration with BlockPublicAcls, "
            "IgnorePublicAcls, "
            "BlockPublicPolicy and RestrictPublicBuckets all set to true");
}

TEST(S3PublicAccessBlockTest, FalseSettingIsNamedAndLocated) {
  PublicAccessBlock block = AllTrue();
  block.block_public_policy = Set(false, 7);
  std::vector<Finding> findings = Findings(block);
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].location, At(7, 27));
  EXPECT_EQ(findings[0].message,
            "bucket \"AssetsBucket\" does not block all public access: "
            "BlockPublicPolicy is false");
  EXPECT_EQ(findings[0].fix,
            "set BlockPublicPolicy to true in PublicAccessBlockConfiguration");
}

TEST(S3PublicAccessBlockTest, MissingSettingPointsAtTheConfiguration) {
  PublicAccessBlock block = AllTrue();
  block.restrict_public_buckets = LocatedBool();
  block.ignore_public_acls = LocatedBool();
  std::vector<Finding> findings = Findings(block);
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].location, At(5, 7));
  EXPECT_THAT(
      findings[0].message,
      HasSubstr(
          "IgnorePublicAcls is not set, RestrictPublicBuckets is not set"));
  EXPECT_EQ(findings[0].fix,
            "set IgnorePublicAcls and RestrictPublicBuckets to true in "
            "PublicAccessBlockConfiguration");
}

TEST(S3PublicAccessBlockTest, EarliestFalseValueInTheFileWins) {
  PublicAccessBlock block = AllTrue();
  block.block_public_acls = Set(false, 9);
  block.restrict_public_buckets = Set(false, 6);
  block.ignore_public_acls = LocatedBool();
  std::vector<Finding> findings = Findings(block);
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].location, At(6, 27));
  EXPECT_EQ(findings[0].message,
            "bucket \"AssetsBucket\" does not block all public access: "
            "BlockPublicAcls is false, "
            "IgnorePublicAcls is not set, RestrictPublicBuckets is false");
  EXPECT_EQ(findings[0].fix,
            "set BlockPublicAcls, IgnorePublicAcls and RestrictPublicBuckets "
            "to true in "
            "PublicAccessBlockConfiguration");
}

TEST(S3PublicAccessBlockTest,
     ConfigurationWithoutLocationFallsBackToTheBucket) {
  PublicAccessBlock block;
  block.present = true;
  std::vector<Finding> findings = Findings(block);
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].location, At(2, 3));
}

TEST(S3PublicAccessBlockTest, TerraformSpelling) {
  std::vector<Finding> findings =
      Findings(PublicAccessBlock(), SourceFormat::kTerraform);
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].message,
            "bucket \"AssetsBucket\" has no aws_s3_bucket_public_access_block");
  EXPECT_THAT(findings[0].fix,
              HasSubstr("resource \"aws_s3_bucket_public_access_block\""));
}

TEST(S3PublicAccessBlockTest, OneFindingPerBucket) {
  ModelBuilder builder;
  for (const char* name : {"A", "B", "C"}) {
    Bucket bucket;
    bucket.resource = builder.AddResource(
        MakeResource(name, ResourceKind::kBucket, "AWS::S3::Bucket", 1));
    if (std::string(name) == "B") bucket.public_access_block = AllTrue();
    builder.AddBucket(bucket);
  }
  Model model = std::move(builder).Build();
  std::vector<Finding> findings = RunRule("PG-S3-001", model);
  ASSERT_THAT(findings, SizeIs(2));
  EXPECT_EQ(findings[0].resource, "A");
  EXPECT_EQ(findings[1].resource, "C");
}

TEST(S3PublicAccessBlockTest, TerraformFixesAreHcl) {
  ModelBuilder builder;
  Bucket missing;
  missing.resource = builder.AddResource(
      MakeResource("module.logs.aws_s3_bucket.this[0]", ResourceKind::kBucket,
                   "aws_s3_bucket", 2, SourceFormat::kTerraform));
  builder.AddBucket(missing);
  Bucket partial;
  partial.resource = builder.AddResource(
      MakeResource("aws_s3_bucket.assets", ResourceKind::kBucket,
                   "aws_s3_bucket", 20, SourceFormat::kTerraform));
  partial.public_access_block = AllTrue();
  partial.public_access_block.block_public_policy = Set(false, 7);
  partial.public_access_block.restrict_public_buckets = {};
  builder.AddBucket(partial);
  Model model = std::move(builder).Build();
  std::vector<Finding> findings = RunRule("PG-S3-001", model);
  ASSERT_THAT(findings, SizeIs(2));
  EXPECT_EQ(findings[0].fix,
            "add (in module.logs):\n"
            "resource \"aws_s3_bucket_public_access_block\" \"this\" {\n"
            "  bucket = aws_s3_bucket.this[0].id\n"
            "  block_public_acls       = true\n"
            "  ignore_public_acls      = true\n"
            "  block_public_policy     = true\n"
            "  restrict_public_buckets = true\n"
            "}\n");
  EXPECT_EQ(findings[1].fix,
            "set block_public_policy = true; restrict_public_buckets = true in "
            "the aws_s3_bucket_public_access_block with bucket = "
            "aws_s3_bucket.assets.id");
}

}  // namespace
}  // namespace polygraph::testing
