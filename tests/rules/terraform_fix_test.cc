// The Terraform spelling helpers of lib/rules/checks/terraform_fix.h.

#include "rules/checks/terraform_fix.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace polygraph::rules::internal {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(TerraformFixTest, S3PhrasesUseTerraformArguments) {
  EXPECT_EQ(TerraformCannedAcl(CannedAcl::kPublicReadWrite),
            "public-read-write");
  EXPECT_EQ(TerraformCannedAcl(CannedAcl::kAbsent), "");
  EXPECT_EQ(TerraformS3Phrase("AccessControl PublicReadWrite grants AllUsers "
                              "WRITE"),
            "acl \"public-read-write\" grants AllUsers WRITE");
  EXPECT_EQ(TerraformS3Phrase("AccessControl PublicRead grants AllUsers READ"),
            "acl \"public-read\" grants AllUsers READ");
  EXPECT_EQ(TerraformS3Phrase("account IgnorePublicAcls"),
            "account ignore_public_acls");
  EXPECT_EQ(TerraformS3Phrase("ObjectOwnership BucketOwnerEnforced"),
            "object_ownership \"BucketOwnerEnforced\"");
  EXPECT_EQ(TerraformS3Phrase("bucket policy statement #1 allows s3:GetObject"),
            "bucket policy statement #1 allows s3:GetObject");
}

TEST(TerraformFixTest, SplitsTheModulePathFromTheLocalAddress) {
  TerraformAddress root = SplitTerraformAddress("aws_s3_bucket.assets");
  EXPECT_EQ(root.module, "");
  EXPECT_EQ(root.local, "aws_s3_bucket.assets");

  TerraformAddress one =
      SplitTerraformAddress("module.log_bucket.aws_s3_bucket.this[0]");
  EXPECT_EQ(one.module, "module.log_bucket");
  EXPECT_EQ(one.local, "aws_s3_bucket.this[0]");

  TerraformAddress nested = SplitTerraformAddress(
      "module.cdn[\"a.b]\"].module.logs[1].aws_s3_bucket.this[\"x.y\"]");
  EXPECT_EQ(nested.module, "module.cdn[\"a.b]\"].module.logs[1]");
  EXPECT_EQ(nested.local, "aws_s3_bucket.this[\"x.y\"]");
}

TEST(TerraformFixTest, MalformedModulePrefixesAreKeptWhole) {
  EXPECT_EQ(SplitTerraformAddress("module.x[\"open").local, "module.x[\"open");
  EXPECT_EQ(SplitTerraformAddress("module.x[\"open").module, "");
  // A module output, not a resource: nothing after the module name.
  EXPECT_EQ(SplitTerraformAddress("module.x").local, "module.x");
  EXPECT_EQ(SplitTerraformAddress("module.x").module, "");
}

TEST(TerraformFixTest, ReferencesLabelsAndModuleNotes) {
  EXPECT_EQ(TerraformRef("aws_s3_bucket.assets", "id"),
            "aws_s3_bucket.assets.id");
  EXPECT_EQ(TerraformRef("module.s3_bucket.aws_s3_bucket.this[0]", "arn"),
            "aws_s3_bucket.this[0].arn");
  EXPECT_EQ(TerraformLabel("aws_s3_bucket.assets"), "assets");
  EXPECT_EQ(TerraformLabel("module.s3_bucket.aws_s3_bucket.this[0]"), "this");
  EXPECT_EQ(TerraformLabel("aws_subnet.az[\"us-east-1.a\"]"), "az");
  EXPECT_EQ(TerraformModuleNote("aws_s3_bucket.assets"), "");
  EXPECT_EQ(TerraformModuleNote("module.s3_bucket.aws_s3_bucket.this[0]"),
            " (in module.s3_bucket)");
}

TEST(TerraformFixTest, DenyInsecureStatementIsIndentedHcl) {
  EXPECT_EQ(TerraformDenyInsecureStatement("aws_s3_bucket.assets", 2),
            "  {\n"
            "    Sid       = \"DenyInsecureTransport\"\n"
            "    Effect    = \"Deny\"\n"
            "    Principal = \"*\"\n"
            "    Action    = \"s3:*\"\n"
            "    Resource  = [aws_s3_bucket.assets.arn, "
            "\"${aws_s3_bucket.assets.arn}/*\"]\n"
            "    Condition = { Bool = { \"aws:SecureTransport\" = \"false\" } "
            "}\n"
            "  },\n");
}

TEST(TerraformFixTest, OacFixWithoutPolicyAddsOneWithBothStatements) {
  std::string fix =
      TerraformOacFix("aws_s3_bucket.site", "aws_cloudfront_distribution.cdn",
                      /*with_oac=*/true, /*has_policy=*/false);
  EXPECT_THAT(fix, HasSubstr("resource \"aws_s3_bucket_policy\" \"site\" {\n"
                             "  bucket = aws_s3_bucket.site.id\n"
                             "  policy = jsonencode({\n"));
  EXPECT_THAT(fix, HasSubstr("Sid       = \"AllowCloudFrontOAC\""));
  EXPECT_THAT(fix, HasSubstr("Principal = { Service = "
                             "\"cloudfront.amazonaws.com\" }"));
  EXPECT_THAT(fix, HasSubstr("\"AWS:SourceArn\" = "
                             "aws_cloudfront_distribution.cdn.arn"));
  EXPECT_THAT(fix, HasSubstr("Sid       = \"DenyInsecureTransport\""));
  EXPECT_THAT(fix,
              HasSubstr("resource \"aws_cloudfront_origin_access_control\" "
                        "\"site\" {\n"
                        "  name                              = \"site-oac\"\n"
                        "  origin_access_control_origin_type = \"s3\"\n"
                        "  signing_behavior                  = \"always\"\n"
                        "  signing_protocol                  = \"sigv4\"\n"));
  EXPECT_THAT(fix, HasSubstr("origin_access_control_id = "
                             "aws_cloudfront_origin_access_control.site.id"));
}

TEST(TerraformFixTest, OacFixWithPolicyAddsAStatement) {
  std::string fix = TerraformOacFix("module.site.aws_s3_bucket.this[0]",
                                    "aws_cloudfront_distribution.cdn",
                                    /*with_oac=*/false, /*has_policy=*/true);
  EXPECT_THAT(fix, HasSubstr("add this statement to the Statement list of the "
                             "aws_s3_bucket_policy of "
                             "module.site.aws_s3_bucket.this[0] (in "
                             "module.site):\n{\n"));
  EXPECT_THAT(fix, HasSubstr("Resource  = "
                             "\"${aws_s3_bucket.this[0].arn}/*\""));
  EXPECT_THAT(fix, Not(HasSubstr("resource \"")));
  EXPECT_THAT(fix, Not(HasSubstr("origin_access_control_id")));
}

}  // namespace
}  // namespace polygraph::rules::internal
