// PG-S3-002..005 (lib/rules/checks/s3_exposure.cc): findings over the
// exposure analysis, with policies parsed from real policy text.

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "polygraph/document.h"
#include "tests/rules/rules_testing.h"

namespace polygraph::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::SizeIs;

Model BucketWith(const std::string& policy_yaml, CannedAcl acl,
                 bool block_all = false) {
  ModelBuilder builder;
  Bucket bucket;
  bucket.bucket_name = "site";
  bucket.resource = builder.AddResource(
      MakeResource("SiteBucket", ResourceKind::kBucket, "AWS::S3::Bucket", 2));
  bucket.access_control = acl;
  bucket.access_control_location = At(5, 22);
  if (block_all) {
    bucket.public_access_block.present = true;
    for (LocatedBool* flag :
         {&bucket.public_access_block.block_public_acls,
          &bucket.public_access_block.ignore_public_acls,
          &bucket.public_access_block.block_public_policy,
          &bucket.public_access_block.restrict_public_buckets}) {
      *flag = {true, true, At(8, 30)};
    }
  }
  if (!policy_yaml.empty()) {
    absl::StatusOr<Value> document = ParseYaml(policy_yaml, "t.yaml");
    EXPECT_TRUE(document.ok()) << document.status();
    absl::StatusOr<iam::Policy> policy =
        iam::ParsePolicy(*document, {.kind = iam::PolicyKind::kResource});
    EXPECT_TRUE(policy.ok()) << policy.status();
    PolicyDocument facet;
    facet.owner = bucket.resource;
    facet.kind = iam::PolicyKind::kResource;
    facet.policy = *policy;
    builder.AddPolicy(std::move(facet));
  }
  builder.AddBucket(bucket);
  return std::move(builder).Build();
}

std::string Policy(const std::string& principal, const std::string& actions) {
  return "Statement:\n"
         "  - Sid: Open\n"
         "    Effect: Allow\n"
         "    Principal: " +
         principal +
         "\n"
         "    Action: " +
         actions +
         "\n"
         "    Resource: [arn:aws:s3:::site, arn:aws:s3:::site/*]\n";
}

TEST(S3ExposureTest, AnonymousReadIsCriticalAndNamesTheStatement) {
  Model model = BucketWith(Policy("'*'", "s3:GetObject"), CannedAcl::kAbsent);
  std::vector<Finding> findings = RunRule("PG-S3-002", model);
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].severity, Severity::kCritical);
  EXPECT_EQ(findings[0].resource, "SiteBucket");
  EXPECT_EQ(findings[0].location.line, 2);  // the statement
  EXPECT_EQ(findings[0].message,
            "bucket \"SiteBucket\" is readable by anyone: bucket policy "
            "statement \"Open\" allows s3:GetObject to anonymous callers");
  EXPECT_THAT(findings[0].fix,
              HasSubstr("add Condition StringEquals AWS:SourceArn"));
  // Read only: no write finding, and anonymous read is not PG-S3-004's.
  EXPECT_THAT(RunRule("PG-S3-003", model), IsEmpty());
  EXPECT_THAT(RunRule("PG-S3-004", model), IsEmpty());
}

TEST(S3ExposureTest, BlockPublicAccessSilencesTheExposureRules) {
  Model model = BucketWith(Policy("'*'", "'s3:*'"), CannedAcl::kPublicRead,
                           /*block_all=*/true);
  EXPECT_THAT(RunRule("PG-S3-002", model), IsEmpty());
  EXPECT_THAT(RunRule("PG-S3-003", model), IsEmpty());
  EXPECT_THAT(RunRule("PG-S3-004", model), IsEmpty());
  // The public ACL is still reported, with what keeps it out of effect.
  std::vector<Finding> acl = RunRule("PG-S3-005", model);
  ASSERT_THAT(acl, SizeIs(1));
  EXPECT_EQ(acl[0].severity, Severity::kMedium);
  EXPECT_EQ(acl[0].location, At(5, 22));
  EXPECT_EQ(acl[0].message,
            "bucket \"SiteBucket\" grants a public ACL: AccessControl "
            "PublicRead (not in effect: IgnorePublicAcls)");
  EXPECT_THAT(acl[0].fix, HasSubstr("BucketOwnerEnforced"));
}

TEST(S3ExposureTest, PublicReadWriteAclIsWriteAndRead) {
  Model model = BucketWith("", CannedAcl::kPublicReadWrite);
  std::vector<Finding> write = RunRule("PG-S3-003", model);
  ASSERT_THAT(write, SizeIs(1));
  EXPECT_EQ(write[0].location, At(5, 22));
  EXPECT_THAT(write[0].message,
              HasSubstr("is writable by anyone: AccessControl "
                        "PublicReadWrite grants AllUsers WRITE"));
  EXPECT_THAT(write[0].fix, HasSubstr("ObjectOwnership BucketOwnerEnforced"));
  EXPECT_THAT(RunRule("PG-S3-002", model), SizeIs(1));
  std::vector<Finding> acl = RunRule("PG-S3-005", model);
  ASSERT_THAT(acl, SizeIs(1));
  EXPECT_THAT(acl[0].message, HasSubstr("(in effect)"));
}

TEST(S3ExposureTest, CrossAccountWriteThroughAwsStar) {
  Model model = BucketWith(
      "Statement:\n"
      "  - Effect: Allow\n"
      "    Principal: {AWS: '*'}\n"
      "    Action: s3:PutBucketPolicy\n"
      "    Resource: arn:aws:s3:::site\n"
      "    Condition: {StringEquals: {aws:PrincipalType: User}}\n",
      CannedAcl::kAbsent);
  std::vector<Finding> findings = RunRule("PG-S3-003", model);
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_THAT(findings[0].message,
              HasSubstr("is writable by any AWS account: bucket policy "
                        "statement #1 allows s3:PutBucketPolicy"));
}

TEST(S3ExposureTest, AuthenticatedReadIsCrossAccountRead) {
  Model model = BucketWith("", CannedAcl::kAuthenticatedRead);
  EXPECT_THAT(RunRule("PG-S3-002", model), IsEmpty());
  std::vector<Finding> findings = RunRule("PG-S3-004", model);
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].severity, Severity::kHigh);
  EXPECT_THAT(findings[0].message,
              HasSubstr("AccessControl AuthenticatedRead grants "
                        "AuthenticatedUsers READ"));
}

TEST(S3ExposureTest, FixedPrincipalsAreNotReported) {
  Model model =
      BucketWith(Policy("{AWS: 'arn:aws:iam::222222222222:root'}", "'s3:*'"),
                 CannedAcl::kPrivate);
  for (const char* id : {"PG-S3-002", "PG-S3-003", "PG-S3-004", "PG-S3-005"}) {
    EXPECT_THAT(RunRule(id, model), IsEmpty()) << id;
  }
}

TEST(S3ExposureTest, TerraformFixesAreHcl) {
  ModelBuilder builder;
  Bucket bucket;
  bucket.bucket_name = "site";
  bucket.resource = builder.AddResource(
      MakeResource("module.site.aws_s3_bucket.this[0]", ResourceKind::kBucket,
                   "aws_s3_bucket", 2, SourceFormat::kTerraform));
  bucket.access_control = CannedAcl::kPublicRead;
  bucket.access_control_location = At(5, 22);
  builder.AddBucket(bucket);
  Model model = std::move(builder).Build();

  std::vector<Finding> read = RunRule("PG-S3-002", model);
  ASSERT_THAT(read, SizeIs(1));
  EXPECT_EQ(
      read[0].fix,
      "remove the bucket's aws_s3_bucket_acl (or its acl argument) and "
      "add (in module.site):\n"
      "resource \"aws_s3_bucket_ownership_controls\" \"this\" {\n"
      "  bucket = aws_s3_bucket.this[0].id\n"
      "  rule {\n"
      "    object_ownership = \"BucketOwnerEnforced\"\n"
      "  }\n"
      "}\n"
      "then set ignore_public_acls = true and block_public_acls = true in "
      "its aws_s3_bucket_public_access_block");
  std::vector<Finding> acl = RunRule("PG-S3-005", model);
  ASSERT_THAT(acl, SizeIs(1));
  EXPECT_THAT(acl[0].fix, HasSubstr("which disables ACLs"));
  EXPECT_THAT(acl[0].fix, Not(HasSubstr("AccessControl")));
}

TEST(S3ExposureTest, TerraformMessagesNameTerraformArguments) {
  ModelBuilder builder;
  Bucket open;
  open.bucket_name = "site";
  open.resource = builder.AddResource(
      MakeResource("aws_s3_bucket.site", ResourceKind::kBucket, "aws_s3_bucket",
                   2, SourceFormat::kTerraform));
  open.access_control = CannedAcl::kPublicReadWrite;
  open.access_control_location = At(5, 22);
  builder.AddBucket(open);
  Bucket ignored;
  ignored.bucket_name = "ignored";
  ignored.resource = builder.AddResource(
      MakeResource("aws_s3_bucket.ignored", ResourceKind::kBucket,
                   "aws_s3_bucket", 12, SourceFormat::kTerraform));
  ignored.access_control = CannedAcl::kPublicRead;
  ignored.access_control_location = At(15, 22);
  ignored.public_access_block.present = true;
  ignored.public_access_block.ignore_public_acls = {true, true, At(18, 30)};
  builder.AddBucket(ignored);
  Model model = std::move(builder).Build();

  std::vector<Finding> read = RunRule("PG-S3-002", model);
  ASSERT_THAT(read, SizeIs(1));
  EXPECT_THAT(read[0].message,
              HasSubstr("bucket \"aws_s3_bucket.site\" is readable by "
                        "anyone: acl \"public-read-write\" grants AllUsers "));
  std::vector<Finding> write = RunRule("PG-S3-003", model);
  ASSERT_THAT(write, SizeIs(1));
  EXPECT_THAT(write[0].message,
              HasSubstr("is writable by anyone: acl \"public-read-write\" "));

  std::vector<Finding> acl = RunRule("PG-S3-005", model);
  ASSERT_THAT(acl, SizeIs(2));
  EXPECT_EQ(acl[0].message,
            "bucket \"aws_s3_bucket.site\" grants a public ACL: acl "
            "\"public-read-write\" (in effect)");
  EXPECT_EQ(acl[1].message,
            "bucket \"aws_s3_bucket.ignored\" grants a public ACL: acl "
            "\"public-read\" (not in effect: ignore_public_acls)");
}

}  // namespace
}  // namespace polygraph::testing
