// PG-CF-003, 004, 005, 007 and 008 (lib/rules/checks/cdn_viewer.cc): viewer
// protocol, TLS policy, compression, web ACL and logging.

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

TEST(CdnViewerTest, CompliantDistributionHasNoFindings) {
  Cdn cdn;
  AddBucket(cdn, {});
  cdn.builder.AddDistribution(MakeDistribution(cdn, "Web", 20));
  Model model = std::move(cdn.builder).Build();
  for (const char* id :
       {"PG-CF-003", "PG-CF-004", "PG-CF-005", "PG-CF-007", "PG-CF-008"}) {
    EXPECT_THAT(RunRule(id, model), IsEmpty()) << id;
  }
}

TEST(CdnViewerTest, ViewerSettings) {
  Cdn cdn;
  AddBucket(cdn, {});
  Distribution distribution = MakeDistribution(cdn, "Web", 20);
  distribution.behaviors[0].compress = {};  // absent: CloudFront's false
  CacheBehavior path;
  path.is_default = false;
  path.path_pattern = "/img/*";
  path.viewer_protocol_policy = "allow-all";
  path.viewer_protocol_policy_location = At(50, 35);
  path.compress = {true, true, At(51, 23)};
  distribution.behaviors.push_back(path);
  CacheBehavior symbolic;  // an unresolved ViewerProtocolPolicy is not decided
  symbolic.is_default = false;
  symbolic.compress = {true, true, At(55, 23)};
  distribution.behaviors.push_back(symbolic);
  distribution.minimum_protocol_version = "";
  distribution.minimum_protocol_version_location = {};
  cdn.builder.AddDistribution(std::move(distribution));
  Model model = std::move(cdn.builder).Build();

  std::vector<Finding> http = RunRule("PG-CF-003", model);
  ASSERT_THAT(http, SizeIs(1));
  EXPECT_EQ(http[0].location, At(50, 35));
  EXPECT_THAT(http[0].message, HasSubstr("path /img/*"));

  std::vector<Finding> tls = RunRule("PG-CF-004", model);
  ASSERT_THAT(tls, SizeIs(1));
  EXPECT_EQ(tls[0].location, At(30, 9));  // the ViewerCertificate key
  EXPECT_THAT(tls[0].message, HasSubstr("no MinimumProtocolVersion"));

  std::vector<Finding> compress = RunRule("PG-CF-005", model);
  ASSERT_THAT(compress, SizeIs(1));
  EXPECT_EQ(compress[0].location, At(26, 11));  // the behavior
  EXPECT_THAT(compress[0].message, HasSubstr("Compress not set"));
}

TEST(CdnViewerTest, NoViewerCertificateMeansTheDefaultCertificate) {
  Cdn cdn;
  AddBucket(cdn, {});
  Distribution distribution = MakeDistribution(cdn, "Web", 20);
  distribution.has_viewer_certificate = false;
  cdn.builder.AddDistribution(std::move(distribution));
  Model model = std::move(cdn.builder).Build();
  std::vector<Finding> tls = RunRule("PG-CF-004", model);
  ASSERT_THAT(tls, SizeIs(1));
  EXPECT_EQ(tls[0].location, At(20, 3));  // the distribution
  EXPECT_THAT(tls[0].message, HasSubstr("default certificate"));
}

TEST(CdnViewerTest, NoWebAcl) {
  Cdn cdn;
  AddBucket(cdn, {});
  Distribution absent = MakeDistribution(cdn, "Web", 20);
  absent.web_acl_id = "";
  absent.web_acl_location = {};
  absent.geo_restriction_type = "whitelist";
  absent.geo_locations = {"US", "CA"};
  cdn.builder.AddDistribution(std::move(absent));
  Distribution empty = MakeDistribution(cdn, "Admin", 40);
  empty.web_acl_id = "";  // WebACLId: ''
  cdn.builder.AddDistribution(std::move(empty));
  std::vector<Finding> findings =
      RunRule("PG-CF-007", std::move(cdn.builder).Build());
  ASSERT_THAT(findings, SizeIs(2));
  EXPECT_EQ(findings[0].severity, Severity::kMedium);
  EXPECT_EQ(findings[0].location, At(22, 7));  // the DistributionConfig key
  EXPECT_EQ(findings[0].message,
            "distribution Web has no AWS WAF web ACL: WebACLId not set; "
            "viewers are filtered only by its geo restriction (whitelist US, "
            "CA)");
  EXPECT_THAT(findings[0].fix, HasSubstr("AWS::WAFv2::WebACL"));
  EXPECT_EQ(findings[1].location, At(52, 19));  // the empty value
  EXPECT_EQ(findings[1].message,
            "distribution Admin has no AWS WAF web ACL: WebACLId is empty");
}

TEST(CdnViewerTest, NoLogging) {
  Cdn cdn;
  AddBucket(cdn, {});
  Distribution distribution = MakeDistribution(cdn, "Web", 20);
  distribution.has_logging = false;
  distribution.logging_location = {};
  cdn.builder.AddDistribution(std::move(distribution));
  std::vector<Finding> findings =
      RunRule("PG-CF-008", std::move(cdn.builder).Build());
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].severity, Severity::kLow);
  EXPECT_EQ(findings[0].location, At(22, 7));
  EXPECT_EQ(findings[0].message,
            "distribution Web does not log viewer requests: Logging not set");
  EXPECT_THAT(findings[0].fix, HasSubstr("Logging:"));
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

TEST(CdnViewerTest, TerraformFixesAreHcl) {
  Cdn cdn;
  AddBucket(cdn, {});
  Distribution distribution = MakeDistribution(cdn, "Web", 20);
  ToTerraform(cdn, distribution.resource);
  distribution.behaviors[0].viewer_protocol_policy = "allow-all";
  distribution.behaviors[0].compress = {};
  CacheBehavior path = distribution.behaviors[0];
  path.is_default = false;
  path.path_pattern = "/img/*";
  path.compress = {true, true, At(51, 23)};
  distribution.behaviors.push_back(path);
  distribution.minimum_protocol_version = "TLSv1.2_2019";
  distribution.web_acl_id = "";
  distribution.web_acl_location = {};
  distribution.has_logging = false;
  cdn.builder.AddDistribution(std::move(distribution));
  Model model = std::move(cdn.builder).Build();

  std::vector<Finding> http = RunRule("PG-CF-003", model);
  ASSERT_THAT(http, SizeIs(2));
  EXPECT_EQ(http[0].fix,
            "set viewer_protocol_policy = \"redirect-to-https\" in "
            "default_cache_behavior of aws_cloudfront_distribution.web (or "
            "\"https-only\")");
  EXPECT_EQ(http[1].fix,
            "set viewer_protocol_policy = \"redirect-to-https\" in the "
            "ordered_cache_behavior with path_pattern = \"/img/*\" of "
            "aws_cloudfront_distribution.web (or \"https-only\")");
  EXPECT_EQ(http[0].message,
            "distribution aws_cloudfront_distribution.web serves its default "
            "behavior over plain HTTP: viewer_protocol_policy \"allow-all\"");

  std::vector<Finding> tls = RunRule("PG-CF-004", model);
  ASSERT_THAT(tls, SizeIs(1));
  EXPECT_EQ(tls[0].message,
            "distribution aws_cloudfront_distribution.web accepts TLS older "
            "than TLSv1.2_2021: minimum_protocol_version \"TLSv1.2_2019\"");
  EXPECT_THAT(tls[0].fix,
              HasSubstr("  viewer_certificate {\n"
                        "    acm_certificate_arn      = "
                        "aws_acm_certificate.<name>.arn\n"
                        "    ssl_support_method       = \"sni-only\"\n"
                        "    minimum_protocol_version = \"TLSv1.2_2021\"\n"
                        "  }\n"));

  std::vector<Finding> compress = RunRule("PG-CF-005", model);
  ASSERT_THAT(compress, SizeIs(1));
  EXPECT_EQ(compress[0].message,
            "distribution aws_cloudfront_distribution.web does not compress "
            "its default behavior: compress not set");
  EXPECT_EQ(compress[0].fix,
            "set compress = true in default_cache_behavior of "
            "aws_cloudfront_distribution.web");

  std::vector<Finding> waf = RunRule("PG-CF-007", model);
  ASSERT_THAT(waf, SizeIs(1));
  EXPECT_EQ(waf[0].message,
            "distribution aws_cloudfront_distribution.web has no AWS WAF web "
            "ACL: web_acl_id not set");
  EXPECT_THAT(waf[0].fix,
              HasSubstr("set web_acl_id = aws_wafv2_web_acl.web.arn in "
                        "aws_cloudfront_distribution.web"));
  EXPECT_THAT(waf[0].fix,
              HasSubstr("resource \"aws_wafv2_web_acl\" \"web\" {\n"));
  EXPECT_THAT(waf[0].fix, HasSubstr("  scope    = \"CLOUDFRONT\"\n"));
  EXPECT_THAT(waf[0].fix, HasSubstr("      managed_rule_group_statement {\n"
                                    "        name        = "
                                    "\"AWSManagedRulesKnownBadInputsRuleSet\"\n"
                                    "        vendor_name = \"AWS\"\n"));
  EXPECT_THAT(waf[0].fix, Not(HasSubstr("WebACLId")));

  std::vector<Finding> logging = RunRule("PG-CF-008", model);
  ASSERT_THAT(logging, SizeIs(1));
  EXPECT_EQ(logging[0].message,
            "distribution aws_cloudfront_distribution.web does not log viewer "
            "requests: logging_config not set");
  EXPECT_THAT(logging[0].fix,
              HasSubstr("add to aws_cloudfront_distribution.web:\n"
                        "  logging_config {\n"
                        "    bucket = aws_s3_bucket.<logs>.bucket_domain_name\n"
                        "    prefix = \"cdn/\"\n"
                        "  }\n"));
  EXPECT_THAT(logging[0].fix, Not(HasSubstr("DistributionConfig")));
}

}  // namespace
}  // namespace polygraph::testing
