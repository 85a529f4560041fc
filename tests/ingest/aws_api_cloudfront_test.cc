#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/ingest/aws_api_testing.h"
#include "tests/ingest/ingest_testing.h"
#include "tests/testing.h"

namespace polygraph::ingest {
namespace {

using testing::ExpectInputError;
using testing::FacetOf;
using testing::Imported;
using testing::LoadSnapshot;

constexpr char kBuckets[] =
    R"({"Buckets": [{"Name": "assets"}, {"Name": "cdn.logs"}]})";

constexpr char kConfig[] = R"({"ETag": "E1", "DistributionConfig": {
  "Origins": {"Quantity": 3, "Items": [
    {"Id": "s3-oac", "DomainName": "assets.s3.eu-west-1.amazonaws.com",
     "S3OriginConfig": {"OriginAccessIdentity": ""},
     "OriginAccessControlId": "E2OAC"},
    {"Id": "s3-oai", "DomainName": "assets.s3.amazonaws.com",
     "S3OriginConfig": {"OriginAccessIdentity":
       "origin-access-identity/cloudfront/E3OAI"},
     "OriginAccessControlId": ""},
    {"Id": "web", "DomainName": "www.example.com",
     "CustomOriginConfig": {"HTTPPort": 80, "HTTPSPort": 443,
       "OriginProtocolPolicy": "http-only",
       "OriginSslProtocols": {"Quantity": 2, "Items": ["TLSv1", "TLSv1.2"]}},
     "OriginAccessControlId": ""}]},
  "DefaultCacheBehavior": {"TargetOriginId": "s3-oac",
    "ViewerProtocolPolicy": "allow-all", "Compress": false},
  "CacheBehaviors": {"Quantity": 1, "Items": [
    {"PathPattern": "/app/*", "TargetOriginId": "web",
     "ViewerProtocolPolicy": "https-only", "Compress": true}]},
  "Logging": {"Enabled": true, "IncludeCookies": false,
              "Bucket": "cdn.logs.s3.amazonaws.com", "Prefix": ""},
  "PriceClass": "PriceClass_200",
  "ViewerCertificate": {"CloudFrontDefaultCertificate": true,
    "MinimumProtocolVersion": "TLSv1", "CertificateSource": "cloudfront"},
  "Restrictions": {"GeoRestriction": {"RestrictionType": "blacklist",
    "Quantity": 1, "Items": ["KP"]}},
  "WebACLId": "arn:aws:wafv2:us-east-1:1:global/webacl/w/1",
  "Enabled": true}})";

TEST(AwsApiCloudFrontTest, DistributionConfigFillsTheFacet) {
  ASSERT_OK_AND_ASSIGN(Imported imported,
                       LoadSnapshot({{"list-buckets.json", kBuckets},
                                     {"cloudfront/EDIST1.json", kConfig}}));
  const size_t index = imported.IndexOf("EDIST1");
  ASSERT_NE(index, kNoResource);
  const Resource& resource = imported.model.resources()[index];
  EXPECT_EQ(resource.type, "AWS::CloudFront::Distribution");
  EXPECT_EQ(resource.kind, ResourceKind::kDistribution);
  ASSERT_NE(resource.properties.Find("DistributionConfig"), nullptr);

  ASSERT_EQ(imported.model.distributions().size(), 1u);
  const Distribution* distribution =
      FacetOf(imported.model.distributions(), index);
  ASSERT_NE(distribution, nullptr);
  EXPECT_EQ(distribution->location.line, 1);
  EXPECT_EQ(distribution->location.column, 16);
  const size_t assets = imported.IndexOf("assets");
  ASSERT_EQ(distribution->origins.size(), 3u);
  const DistributionOrigin& oac = distribution->origins[0];
  EXPECT_EQ(oac.id, "s3-oac");
  EXPECT_EQ(oac.domain_name, "assets.s3.eu-west-1.amazonaws.com");
  EXPECT_EQ(oac.bucket_resource, assets);
  EXPECT_TRUE(oac.has_origin_access_control);
  EXPECT_EQ(oac.origin_access_control, kNoResource);
  EXPECT_EQ(oac.origin_access_identity, "");
  EXPECT_FALSE(oac.custom_origin);
  const DistributionOrigin& oai = distribution->origins[1];
  EXPECT_EQ(oai.bucket_resource, assets);
  EXPECT_FALSE(oai.has_origin_access_control);
  EXPECT_EQ(oai.origin_access_identity,
            "origin-access-identity/cloudfront/E3OAI");
  EXPECT_EQ(oai.origin_access_identity_location.line, 8);
  const DistributionOrigin& web = distribution->origins[2];
  EXPECT_EQ(web.bucket_resource, kNoResource);
  EXPECT_TRUE(web.custom_origin);
  EXPECT_EQ(web.origin_protocol_policy, "http-only");
  EXPECT_EQ(web.origin_ssl_protocols,
            (std::vector<std::string>{"TLSv1", "TLSv1.2"}));

  ASSERT_EQ(distribution->behaviors.size(), 2u);
  EXPECT_TRUE(distribution->behaviors[0].is_default);
  EXPECT_EQ(distribution->behaviors[0].target_origin_id, "s3-oac");
  EXPECT_EQ(distribution->behaviors[0].viewer_protocol_policy, "allow-all");
  EXPECT_TRUE(distribution->behaviors[0].compress.set);
  EXPECT_FALSE(distribution->behaviors[0].compress.value);
  EXPECT_FALSE(distribution->behaviors[1].is_default);
  EXPECT_EQ(distribution->behaviors[1].path_pattern, "/app/*");
  EXPECT_EQ(distribution->behaviors[1].viewer_protocol_policy, "https-only");
  EXPECT_TRUE(distribution->behaviors[1].compress.value);

  EXPECT_TRUE(distribution->has_viewer_certificate);
  EXPECT_EQ(distribution->minimum_protocol_version, "TLSv1");
  EXPECT_TRUE(distribution->cloudfront_default_certificate.value);
  EXPECT_EQ(distribution->web_acl_id,
            "arn:aws:wafv2:us-east-1:1:global/webacl/w/1");
  EXPECT_TRUE(distribution->has_logging);
  EXPECT_EQ(distribution->logging_bucket, imported.IndexOf("cdn.logs"));
  EXPECT_EQ(distribution->price_class, "PriceClass_200");
  EXPECT_EQ(distribution->geo_restriction_type, "blacklist");
  EXPECT_EQ(distribution->geo_locations, (std::vector<std::string>{"KP"}));
}

TEST(AwsApiCloudFrontTest, TheAccountGivesDistributionsTheirArn) {
  // Without anything naming the account, the ARN is unknown.
  ASSERT_OK_AND_ASSIGN(Imported unknown,
                       LoadSnapshot({{"cloudfront/EDIST1.json", kConfig}}));
  EXPECT_EQ(unknown.model.distributions().at(0).arn, "");
  ASSERT_OK_AND_ASSIGN(
      Imported imported,
      LoadSnapshot({{"caller-identity.json",
                     R"({"UserId": "AIDAEXAMPLE", "Account": "123456789012",
                         "Arn": "arn:aws:iam::123456789012:user/audit"})"},
                    {"cloudfront/EDIST1.json", kConfig}}));
  EXPECT_EQ(imported.model.distributions().at(0).arn,
            "arn:aws:cloudfront::123456789012:distribution/EDIST1");
}

TEST(AwsApiCloudFrontTest, EmptyAndDisabledSettingsMeanNone) {
  ASSERT_OK_AND_ASSIGN(Imported imported, LoadSnapshot({{"cloudfront/E9.json",
                                                         R"(
{"ETag": "x", "DistributionConfig": {
  "Origins": {"Quantity": 0, "Items": []},
  "Logging": {"Enabled": false, "Bucket": "", "Prefix": ""},
  "WebACLId": "",
  "Restrictions": {"GeoRestriction": {"RestrictionType": "none",
                                      "Quantity": 0}}}})"}}));
  ASSERT_EQ(imported.model.distributions().size(), 1u);
  const Distribution& distribution = imported.model.distributions()[0];
  EXPECT_FALSE(distribution.has_logging);
  EXPECT_EQ(distribution.web_acl_id, "");
  EXPECT_FALSE(distribution.web_acl_location.known());
  EXPECT_FALSE(distribution.has_viewer_certificate);
  EXPECT_EQ(distribution.geo_restriction_type, "none");
  EXPECT_TRUE(distribution.geo_locations.empty());
  EXPECT_TRUE(distribution.behaviors.empty());
}

TEST(AwsApiCloudFrontTest, MalformedValuesAreErrors) {
  ExpectInputError(
      LoadSnapshot(
          {{"cloudfront/E1.json",
            R"({"DistributionConfig": {"DefaultCacheBehavior": {"ViewerProtocolPolicy": "http"}}})"}})
          .status(),
      1, 74,
      "ViewerProtocolPolicy must be allow-all, redirect-to-https or "
      "https-only");
  ExpectInputError(
      LoadSnapshot(
          {{"cloudfront/E1.json",
            R"({"DistributionConfig": {"PriceClass": "PriceClass_1"}})"}})
          .status(),
      1, 39, "PriceClass must be");
  ExpectInputError(
      LoadSnapshot(
          {{"cloudfront/E1.json",
            R"({"DistributionConfig": {"Origins": {"Items": [{"Id": "o", "CustomOriginConfig": {"OriginSslProtocols": {"Items": ["TLSv9"]}}}]}}})"}})
          .status(),
      1, 115, "an entry of OriginSslProtocols must be");
  ExpectInputError(
      LoadSnapshot({{"cloudfront/E1.json", R"({"DistributionConfig": []})"}})
          .status(),
      1, 24, "DistributionConfig must be an object");
  ExpectInputError(
      LoadSnapshot({{"cloudfront/E1.json",
                     R"({"DistributionConfig": {"Origins": {"Items": [3]}}})"}})
          .status(),
      1, 47, "Items entries must be objects");
}

}  // namespace
}  // namespace polygraph::ingest
