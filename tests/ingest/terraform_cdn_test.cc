#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/ingest/terraform_testing.h"
#include "tests/testing.h"

namespace polygraph::ingest::testing {
namespace {

TEST(TerraformCdnTest, DistributionOriginsBucketAndAccessControl) {
  ASSERT_OK_AND_ASSIGN(
      Imported imported,
      ImportInstances(
          {Instance("aws_s3_bucket.site", R"({"bucket": "site"})"),
           Instance("aws_cloudfront_origin_access_control.oac",
                    R"({"name": "oac", "signing_behavior": "always"})"),
           Instance("aws_cloudfront_distribution.cdn", R"({
  "enabled": true,
  "origin": [{"origin_id": "s3",
              "domain_name": "${aws_s3_bucket.site.bucket_regional_domain_name}",
              "origin_access_control_id": "${aws_cloudfront_origin_access_control.oac.id}"}],
  "default_cache_behavior": [{"target_origin_id": "s3",
                              "viewer_protocol_policy": "allow-all"}],
  "viewer_certificate": [{"cloudfront_default_certificate": true}]})")}));
  ASSERT_EQ(imported.model.distributions().size(), 1u);
  const Distribution& cdn = imported.model.distributions()[0];
  ASSERT_EQ(cdn.origins.size(), 1u);
  EXPECT_EQ(cdn.origins[0].bucket_resource,
            imported.IndexOf("aws_s3_bucket.site"));
  EXPECT_EQ(cdn.origins[0].origin_access_control,
            imported.IndexOf("aws_cloudfront_origin_access_control.oac"));
  ASSERT_EQ(cdn.behaviors.size(), 1u);
  EXPECT_EQ(cdn.behaviors[0].viewer_protocol_policy, "allow-all");
  EXPECT_EQ(cdn.behaviors[0].viewer_protocol_policy_location.file, "main.tf");
  EXPECT_TRUE(cdn.cloudfront_default_certificate.value);
}

}  // namespace
}  // namespace polygraph::ingest::testing
