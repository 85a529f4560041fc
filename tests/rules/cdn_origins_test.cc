// PG-CF-006 and PG-CF-009 (lib/rules/checks/cdn_origins.cc): legacy origin
// access identities, and custom origins reached over HTTP or old TLS.

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
using ::testing::SizeIs;

TEST(CdnOriginsTest, LegacyOriginAccessIdentity) {
  Cdn cdn;
  AddBucket(cdn, {});
  Distribution distribution = MakeDistribution(cdn, "Web", 20);
  UseOai(cdn, distribution);
  cdn.builder.AddDistribution(std::move(distribution));
  Model model = std::move(cdn.builder).Build();
  std::vector<Finding> findings = RunRule("PG-CF-006", model);
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].severity, Severity::kLow);
  EXPECT_EQ(findings[0].resource, "Web");
  EXPECT_EQ(findings[0].location, At(27, 37));  // the OriginAccessIdentity
  EXPECT_EQ(findings[0].message,
            "distribution Web reads its origin S3 with the legacy origin "
            "access identity OAI; use Origin Access Control");
  EXPECT_THAT(findings[0].fix,
              HasSubstr("Type: AWS::CloudFront::OriginAccessControl"));
  EXPECT_THAT(findings[0].fix,
              HasSubstr("OriginAccessControlId: !Ref SiteBucketOAC"));
  EXPECT_THAT(findings[0].fix, HasSubstr("Service: cloudfront.amazonaws.com"));
}

TEST(CdnOriginsTest, OacOriginsAreNotLegacy) {
  Cdn cdn;
  AddBucket(cdn, {});
  cdn.builder.AddDistribution(MakeDistribution(cdn, "Web", 20));
  EXPECT_THAT(RunRule("PG-CF-006", std::move(cdn.builder).Build()), IsEmpty());
}

// The distribution "Web" with a second origin "Api", a custom origin with
// `policy` and `protocols`, targeted by a path behavior with `viewer`.
Model CustomOriginModel(const std::string& policy,
                        std::vector<std::string> protocols,
                        const std::string& viewer) {
  Cdn cdn;
  AddBucket(cdn, {});
  Distribution distribution = MakeDistribution(cdn, "Web", 20);
  DistributionOrigin api;
  api.id = "Api";
  api.domain_name = "api.example.com";
  api.custom_origin = true;
  api.origin_protocol_policy = policy;
  api.origin_protocol_policy_location = At(60, 37);
  api.origin_ssl_protocols = std::move(protocols);
  api.origin_ssl_protocols_location = At(61, 35);
  api.location = At(57, 13);
  distribution.origins.push_back(api);
  CacheBehavior path;
  path.is_default = false;
  path.path_pattern = "/api/*";
  path.target_origin_id = "Api";
  path.viewer_protocol_policy = viewer;
  path.compress = {true, true, At(70, 23)};
  distribution.behaviors.push_back(path);
  cdn.builder.AddDistribution(std::move(distribution));
  return std::move(cdn.builder).Build();
}

TEST(CdnOriginsTest, HttpOnlyCustomOrigin) {
  std::vector<Finding> findings =
      RunRule("PG-CF-009",
              CustomOriginModel("http-only", {"TLSv1.2"}, "redirect-to-https"));
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].severity, Severity::kHigh);
  EXPECT_EQ(findings[0].location, At(60, 37));
  EXPECT_EQ(findings[0].message,
            "distribution Web reaches its custom origin Api (api.example.com) "
            "over plain HTTP: OriginProtocolPolicy http-only");
  EXPECT_THAT(findings[0].fix, HasSubstr("https-only"));
}

TEST(CdnOriginsTest, MatchViewerWithHttpViewers) {
  EXPECT_THAT(
      RunRule("PG-CF-009", CustomOriginModel("match-viewer", {"TLSv1.2"},
                                             "redirect-to-https")),
      IsEmpty());
  std::vector<Finding> findings = RunRule(
      "PG-CF-009", CustomOriginModel("match-viewer", {"TLSv1.2"}, "allow-all"));
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].location, At(60, 37));
  EXPECT_THAT(findings[0].message,
              HasSubstr("OriginProtocolPolicy match-viewer, and path /api/* "
                        "lets viewers use HTTP"));
}

TEST(CdnOriginsTest, OldOriginProtocolsAreOneMoreFinding) {
  std::vector<Finding> findings =
      RunRule("PG-CF-009",
              CustomOriginModel("match-viewer", {"SSLv3", "TLSv1", "TLSv1.2"},
                                "allow-all"));
  ASSERT_THAT(findings, SizeIs(2));
  EXPECT_EQ(findings[1].location, At(61, 35));
  EXPECT_THAT(findings[1].message,
              HasSubstr("over SSLv3, TLSv1: OriginSSLProtocols allows"));
  EXPECT_THAT(RunRule("PG-CF-009", CustomOriginModel("https-only", {"TLSv1.1"},
                                                     "https-only")),
              SizeIs(1));
}

TEST(CdnOriginsTest, WebsiteEndpointOfABucket) {
  Cdn cdn;
  AddBucket(cdn, {});
  Distribution distribution = MakeDistribution(cdn, "Web", 20);
  DistributionOrigin& origin = distribution.origins[0];
  origin.has_origin_access_control = false;
  origin.custom_origin = true;
  origin.origin_protocol_policy = "http-only";
  origin.origin_protocol_policy_location = At(27, 37);
  cdn.builder.AddDistribution(std::move(distribution));
  std::vector<Finding> findings =
      RunRule("PG-CF-009", std::move(cdn.builder).Build());
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_THAT(findings[0].fix,
              HasSubstr("DomainName: !GetAtt SiteBucket.RegionalDomainName"));
}

TEST(CdnOriginsTest, HttpsOnlyModernOriginPasses) {
  EXPECT_THAT(RunRule("PG-CF-009", CustomOriginModel("https-only", {"TLSv1.2"},
                                                     "allow-all")),
              IsEmpty());
  // An unknown (symbolic) policy is not decided; the loader noted it.
  EXPECT_THAT(RunRule("PG-CF-009", CustomOriginModel("", {}, "allow-all")),
              IsEmpty());
}

// Renames the bucket and the distribution `distribution` of `cdn` to
// Terraform addresses, as the Terraform front-end does.
void ToTerraform(Cdn& cdn, size_t distribution) {
  cdn.builder.SetResourceOrigin(cdn.bucket, "aws_s3_bucket.site",
                                "aws_s3_bucket", SourceFormat::kTerraform);
  cdn.builder.SetResourceOrigin(distribution, "aws_cloudfront_distribution.web",
                                "aws_cloudfront_distribution",
                                SourceFormat::kTerraform);
}

TEST(CdnOriginsTest, TerraformFixesAreHcl) {
  Cdn cdn;
  AddBucket(cdn, {});
  Distribution distribution = MakeDistribution(cdn, "Web", 20);
  ToTerraform(cdn, distribution.resource);
  UseOai(cdn, distribution);
  DistributionOrigin api;
  api.id = "Api";
  api.domain_name = "api.example.com";
  api.custom_origin = true;
  api.origin_protocol_policy = "http-only";
  api.origin_protocol_policy_location = At(60, 37);
  distribution.origins.push_back(api);
  cdn.builder.AddDistribution(std::move(distribution));
  Model model = std::move(cdn.builder).Build();

  std::vector<Finding> oai = RunRule("PG-CF-006", model);
  ASSERT_THAT(oai, SizeIs(1));
  EXPECT_THAT(oai[0].fix,
              HasSubstr("resource \"aws_s3_bucket_policy\" \"site\" {\n"
                        "  bucket = aws_s3_bucket.site.id\n"));
  EXPECT_THAT(oai[0].fix,
              HasSubstr("resource \"aws_cloudfront_origin_access_control\" "
                        "\"site\" {\n"));
  EXPECT_THAT(oai[0].fix, HasSubstr("and the "
                                    "aws_cloudfront_origin_access_identity"));

  std::vector<Finding> http = RunRule("PG-CF-009", model);
  ASSERT_THAT(http, SizeIs(1));
  EXPECT_EQ(http[0].fix,
            "in the custom_origin_config of origin \"Api\" of "
            "aws_cloudfront_distribution.web set origin_protocol_policy = "
            "\"https-only\" and origin_ssl_protocols = [\"TLSv1.2\"] (the "
            "origin must serve HTTPS with a certificate valid for its "
            "domain)");
  EXPECT_EQ(http[0].message,
            "distribution aws_cloudfront_distribution.web reaches its custom "
            "origin Api (api.example.com) over plain HTTP: "
            "origin_protocol_policy \"http-only\"");
}

TEST(CdnOriginsTest, TerraformMessagesNameTerraformArguments) {
  Cdn cdn;
  AddBucket(cdn, {});
  Distribution distribution = MakeDistribution(cdn, "Web", 20);
  ToTerraform(cdn, distribution.resource);
  distribution.behaviors[0].viewer_protocol_policy = "allow-all";
  DistributionOrigin api;
  api.id = "Api";
  api.domain_name = "api.example.com";
  api.custom_origin = true;
  api.origin_protocol_policy = "match-viewer";
  api.origin_protocol_policy_location = At(60, 37);
  api.origin_ssl_protocols = {"TLSv1", "TLSv1.2"};
  api.origin_ssl_protocols_location = At(61, 35);
  distribution.origins.push_back(api);
  distribution.behaviors[0].target_origin_id = "Api";
  cdn.builder.AddDistribution(std::move(distribution));

  std::vector<Finding> findings =
      RunRule("PG-CF-009", std::move(cdn.builder).Build());
  ASSERT_THAT(findings, SizeIs(2));
  EXPECT_EQ(findings[0].message,
            "distribution aws_cloudfront_distribution.web reaches its custom "
            "origin Api (api.example.com) over plain HTTP: "
            "origin_protocol_policy \"match-viewer\", and its default "
            "behavior lets viewers use HTTP (viewer_protocol_policy "
            "\"allow-all\")");
  EXPECT_EQ(findings[1].message,
            "distribution aws_cloudfront_distribution.web may reach its custom "
            "origin Api (api.example.com) over TLSv1: origin_ssl_protocols "
            "allows protocols older than TLSv1.2");
}

}  // namespace
}  // namespace polygraph::testing
