// PG-CF-001 and PG-CF-002 (lib/rules/checks/cdn_access.cc): origins read
// through Origin Access Control, a legacy origin access identity, or
// anonymously, decided over bucket policies parsed from policy text.

#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/rules/cdn_testing.h"

namespace polygraph::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::SizeIs;

constexpr char kOwnArn[] =
    "    Condition:\n"
    "      StringEquals:\n"
    "        AWS:SourceArn: "
    "arn:aws:cloudfront::111111111111:distribution/WEB\n";

TEST(CdnAccessTest, OwnDistributionArnIsAllowed) {
  Cdn cdn;
  AddBucket(cdn, {CloudFrontPolicy(kOwnArn)});
  cdn.builder.AddDistribution(MakeDistribution(cdn, "Web", 20));
  Model model = std::move(cdn.builder).Build();
  EXPECT_THAT(RunRule("PG-CF-001", model), IsEmpty());
  EXPECT_THAT(RunRule("PG-CF-002", model), IsEmpty());
}

TEST(CdnAccessTest, OtherDistributionOnlyIsReportedPerOrigin) {
  Cdn cdn;
  AddBucket(cdn, {CloudFrontPolicy(kOwnArn)});
  cdn.builder.AddDistribution(MakeDistribution(cdn, "Web", 20));
  cdn.builder.AddDistribution(MakeDistribution(cdn, "Admin", 40));
  Model model = std::move(cdn.builder).Build();
  std::vector<Finding> findings = RunRule("PG-CF-001", model);
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].resource, "Admin");
  EXPECT_EQ(findings[0].location, At(44, 13));
  EXPECT_THAT(findings[0].message,
              HasSubstr("distribution Admin cannot read its origin "
                        "SiteBucket: the bucket policy does not allow"));
  EXPECT_THAT(findings[0].fix, HasSubstr("distribution/${Admin}'"));
  EXPECT_THAT(findings[0].fix,
              HasSubstr("add this statement to the bucket policy of "
                        "SiteBucket:\n          - Sid: AllowCloudFrontOAC"));
}

TEST(CdnAccessTest, NoConditionIsReportedOncePerBucket) {
  Cdn cdn;
  AddBucket(cdn, {CloudFrontPolicy("")});
  cdn.builder.AddDistribution(MakeDistribution(cdn, "Web", 20));
  cdn.builder.AddDistribution(MakeDistribution(cdn, "Admin", 40));
  Model model = std::move(cdn.builder).Build();
  EXPECT_THAT(RunRule("PG-CF-001", model), IsEmpty());
  std::vector<Finding> findings = RunRule("PG-CF-002", model);
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].resource, "SiteBucket");
  EXPECT_EQ(findings[0].location.line, 2);  // the statement
}

TEST(CdnAccessTest, SourceAccountLimitsReadersToTheAccount) {
  // aws:SourceAccount limits readers to this account's distributions: not
  // "any distribution" (another account's is denied).
  Cdn cdn;
  AddBucket(cdn,
            {CloudFrontPolicy("    Condition:\n"
                              "      StringEquals:\n"
                              "        AWS:SourceAccount: '111111111111'\n")});
  cdn.builder.AddDistribution(MakeDistribution(cdn, "Web", 20));
  Model model = std::move(cdn.builder).Build();
  EXPECT_THAT(RunRule("PG-CF-001", model), IsEmpty());
  EXPECT_THAT(RunRule("PG-CF-002", model), IsEmpty());
}

// A model whose one distribution reads the bucket through the OAI, under
// `policies`.
Model OaiModel(const std::vector<std::string>& policies) {
  Cdn cdn;
  AddBucket(cdn, policies);
  Distribution distribution = MakeDistribution(cdn, "Web", 20);
  UseOai(cdn, distribution);
  cdn.builder.AddDistribution(std::move(distribution));
  return std::move(cdn.builder).Build();
}

TEST(CdnAccessTest, OaiGrantedByArnOrCanonicalUser) {
  // The OAI's Ref in an ARN, its canonical user id, and a literal id that
  // the placeholder of the declared OAI (its logical id, upper case) matches.
  for (const std::string& principal :
       {std::string("{AWS: !Sub 'arn:aws:iam::cloudfront:user/CloudFront "
                    "Origin Access Identity ${OAI}'}"),
        std::string("{CanonicalUser: !GetAtt OAI.S3CanonicalUserId}"),
        std::string("{AWS: 'arn:aws:iam::cloudfront:user/CloudFront Origin "
                    "Access Identity OAI'}")}) {
    SCOPED_TRACE(principal);
    Model model = OaiModel({GetObjectPolicy(principal, "")});
    EXPECT_THAT(RunRule("PG-CF-001", model), IsEmpty());
    EXPECT_THAT(RunRule("PG-CF-002", model), IsEmpty());
  }
}

TEST(CdnAccessTest, OaiNotGranted) {
  Model model = OaiModel({CloudFrontPolicy(kOwnArn)});
  std::vector<Finding> findings = RunRule("PG-CF-001", model);
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].location, At(24, 13));  // the origin
  EXPECT_EQ(findings[0].message,
            "distribution Web cannot read its origin SiteBucket: the bucket "
            "policy does not allow s3:GetObject to its origin access identity "
            "OAI");
  EXPECT_THAT(findings[0].fix,
              HasSubstr("CanonicalUser: !GetAtt OAI.S3CanonicalUserId"));

  std::vector<Finding> none = RunRule("PG-CF-001", OaiModel({}));
  ASSERT_THAT(none, SizeIs(1));
  EXPECT_THAT(none[0].message,
              HasSubstr("no bucket policy allows its origin access identity"));
}

TEST(CdnAccessTest, OtherOaiIsNotGranted) {
  Model model = OaiModel(
      {GetObjectPolicy("{AWS: 'arn:aws:iam::cloudfront:user/CloudFront Origin "
                       "Access Identity E2OTHER'}",
                       "")});
  EXPECT_THAT(RunRule("PG-CF-001", model), SizeIs(1));
}

TEST(CdnAccessTest, LiteralOaiId) {
  Cdn cdn;
  AddBucket(cdn, {GetObjectPolicy(
                     "{AWS: 'arn:aws:iam::cloudfront:user/CloudFront Origin "
                     "Access Identity E1ABC'}",
                     "")});
  Distribution distribution = MakeDistribution(cdn, "Web", 20);
  UseOai(cdn, distribution);
  distribution.origins[0].origin_access_identity_resource = kNoResource;
  distribution.origins[0].origin_access_identity =
      "origin-access-identity/cloudfront/E1ABC";
  cdn.builder.AddDistribution(std::move(distribution));
  EXPECT_THAT(RunRule("PG-CF-001", std::move(cdn.builder).Build()), IsEmpty());
}

TEST(CdnAccessTest, OaiPolicyThatDoesNotCompileIsADiagnostic) {
  Model model = OaiModel(
      {GetObjectPolicy("{CanonicalUser: !GetAtt OAI.S3CanonicalUserId}",
                       "    Condition:\n"
                       "      IpAddress:\n"
                       "        aws:SourceIp: 300.0.0.0/8\n")});
  absl::StatusOr<RuleSet> rules = RuleSet::Builtin();
  ASSERT_TRUE(rules.ok());
  absl::StatusOr<RuleSet> one = rules->Select({"PG-CF-001"}, {});
  ASSERT_TRUE(one.ok());
  std::vector<Diagnostic> diagnostics;
  EXPECT_THAT(one->Run(model, &diagnostics), IsEmpty());
  ASSERT_THAT(diagnostics, SizeIs(1));
  EXPECT_EQ(diagnostics[0].code, "policy-not-analysed");
  EXPECT_EQ(diagnostics[0].level, Diagnostic::Level::kError);
  EXPECT_THAT(diagnostics[0].message, HasSubstr("300.0.0.0/8"));
}

// A distribution whose origin has neither OAC nor an OAI.
Model AnonymousModel(const std::vector<std::string>& policies) {
  Cdn cdn;
  AddBucket(cdn, policies);
  Distribution distribution = MakeDistribution(cdn, "Web", 20);
  distribution.origins[0].has_origin_access_control = false;
  distribution.origins[0].origin_access_control = kNoResource;
  cdn.builder.AddDistribution(std::move(distribution));
  return std::move(cdn.builder).Build();
}

TEST(CdnAccessTest, NeitherOacNorOaiOnAPrivateBucket) {
  std::vector<Finding> findings =
      RunRule("PG-CF-001", AnonymousModel({CloudFrontPolicy(kOwnArn)}));
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].location, At(24, 13));
  EXPECT_THAT(findings[0].message,
              HasSubstr("neither Origin Access Control nor an origin access "
                        "identity, so CloudFront reads anonymously"));
  EXPECT_THAT(findings[0].fix,
              HasSubstr("OriginAccessControlId: !Ref SiteBucketOAC"));
}

TEST(CdnAccessTest, NeitherOacNorOaiOnAPublicBucketIsLeftToTheS3Rules) {
  Model model = AnonymousModel({GetObjectPolicy("'*'", "")});
  EXPECT_THAT(RunRule("PG-CF-001", model), IsEmpty());
  EXPECT_THAT(RunRule("PG-S3-002", model), SizeIs(1));
}

TEST(CdnAccessTest, CustomOriginsAreNotDecided) {
  Cdn cdn;
  AddBucket(cdn, {});
  Distribution distribution = MakeDistribution(cdn, "Web", 20);
  distribution.origins[0].has_origin_access_control = false;
  distribution.origins[0].custom_origin = true;  // a website endpoint
  distribution.origins[0].origin_protocol_policy = "https-only";
  cdn.builder.AddDistribution(std::move(distribution));
  EXPECT_THAT(RunRule("PG-CF-001", std::move(cdn.builder).Build()), IsEmpty());
}

TEST(CdnAccessTest, TerraformFixIsHcl) {
  Cdn cdn;
  AddBucket(cdn, {CloudFrontPolicy(kOwnArn)});
  Distribution distribution = MakeDistribution(cdn, "Web", 20);
  distribution.origins[0].has_origin_access_control = false;
  distribution.origins[0].origin_access_control = kNoResource;
  cdn.builder.SetResourceOrigin(cdn.bucket, "module.site.aws_s3_bucket.this",
                                "aws_s3_bucket", SourceFormat::kTerraform);
  cdn.builder.SetResourceOrigin(
      distribution.resource, "aws_cloudfront_distribution.web",
      "aws_cloudfront_distribution", SourceFormat::kTerraform);
  cdn.builder.AddDistribution(std::move(distribution));
  std::vector<Finding> findings =
      RunRule("PG-CF-001", std::move(cdn.builder).Build());
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_THAT(findings[0].fix,
              HasSubstr("add this statement to the Statement list of the "
                        "aws_s3_bucket_policy of "
                        "module.site.aws_s3_bucket.this (in module.site):\n"));
  EXPECT_THAT(findings[0].fix,
              HasSubstr("Resource  = \"${aws_s3_bucket.this.arn}/*\""));
  EXPECT_THAT(findings[0].fix,
              HasSubstr("\"AWS:SourceArn\" = "
                        "aws_cloudfront_distribution.web.arn"));
  EXPECT_THAT(findings[0].fix,
              HasSubstr("origin_access_control_id = "
                        "aws_cloudfront_origin_access_control.this.id"));
  EXPECT_THAT(findings[0].fix, Not(HasSubstr("!Ref")));
}

}  // namespace
}  // namespace polygraph::testing
