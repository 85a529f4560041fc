// CloudFront distribution facets (lib/ingest/cloudformation_cdn.cc).

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/ingest/ingest_testing.h"

namespace polygraph::ingest::testing {
namespace {

using ::testing::SizeIs;

constexpr char kTemplate[] = R"(Resources:
  AssetsBucket:
    Type: AWS::S3::Bucket
  LogsBucket:
    Type: AWS::S3::Bucket
  CDN:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Origins:
          - Id: S3Origin
            DomainName: !GetAtt AssetsBucket.RegionalDomainName
            OriginAccessControlId: !Ref OAC
            S3OriginConfig:
              OriginAccessIdentity: ''
          - Id: Legacy
            DomainName: !Sub '${LogsBucket}.s3.amazonaws.com'
            S3OriginConfig:
              OriginAccessIdentity: origin-access-identity/cloudfront/E1
          - Id: Api
            DomainName: api.example.com
        DefaultCacheBehavior:
          TargetOriginId: S3Origin
          ViewerProtocolPolicy: redirect-to-https
          Compress: "true"
        CacheBehaviors:
          - PathPattern: /api/*
            TargetOriginId: Api
            ViewerProtocolPolicy: allow-all
        ViewerCertificate:
          AcmCertificateArn: arn:aws:acm:us-east-1:111111111111:certificate/x
          MinimumProtocolVersion: TLSv1.2_2019
  OAC:
    Type: AWS::CloudFront::OriginAccessControl
)";

TEST(CloudFormationCdnTest, OriginsBehaviorsAndCertificate) {
  ASSERT_OK_AND_ASSIGN(Imported imported, ImportTemplate(kTemplate));
  ASSERT_THAT(imported.model.distributions(), SizeIs(1));
  const Distribution& cdn = imported.model.distributions()[0];
  EXPECT_EQ(cdn.resource, imported.IndexOf("CDN"));

  ASSERT_THAT(cdn.origins, SizeIs(3));
  EXPECT_EQ(cdn.origins[0].id, "S3Origin");
  EXPECT_EQ(cdn.origins[0].domain_name, "${AssetsBucket.RegionalDomainName}");
  EXPECT_EQ(cdn.origins[0].bucket_resource, imported.IndexOf("AssetsBucket"));
  EXPECT_TRUE(cdn.origins[0].has_origin_access_control);
  EXPECT_EQ(cdn.origins[0].origin_access_control, imported.IndexOf("OAC"));
  EXPECT_EQ(cdn.origins[0].origin_access_identity, "");
  EXPECT_EQ(cdn.origins[0].location.line, 11);
  EXPECT_EQ(cdn.origins[1].bucket_resource, imported.IndexOf("LogsBucket"));
  EXPECT_FALSE(cdn.origins[1].has_origin_access_control);
  EXPECT_EQ(cdn.origins[1].origin_access_identity,
            "origin-access-identity/cloudfront/E1");
  EXPECT_EQ(cdn.origins[2].domain_name, "api.example.com");
  EXPECT_EQ(cdn.origins[2].bucket_resource, kNoResource);

  ASSERT_THAT(cdn.behaviors, SizeIs(2));
  EXPECT_TRUE(cdn.behaviors[0].is_default);
  EXPECT_EQ(cdn.behaviors[0].target_origin_id, "S3Origin");
  EXPECT_EQ(cdn.behaviors[0].viewer_protocol_policy, "redirect-to-https");
  EXPECT_TRUE(cdn.behaviors[0].compress.set);
  EXPECT_TRUE(cdn.behaviors[0].compress.value);
  EXPECT_EQ(cdn.behaviors[0].compress.location.line, 25);
  EXPECT_FALSE(cdn.behaviors[1].is_default);
  EXPECT_EQ(cdn.behaviors[1].path_pattern, "/api/*");
  EXPECT_EQ(cdn.behaviors[1].viewer_protocol_policy, "allow-all");
  EXPECT_EQ(cdn.behaviors[1].viewer_protocol_policy_location.line, 29);
  EXPECT_EQ(cdn.behaviors[1].viewer_protocol_policy_location.column, 35);
  EXPECT_FALSE(cdn.behaviors[1].compress.set);

  EXPECT_TRUE(cdn.has_viewer_certificate);
  EXPECT_EQ(cdn.viewer_certificate_location.line, 30);
  EXPECT_EQ(cdn.minimum_protocol_version, "TLSv1.2_2019");
  EXPECT_EQ(cdn.minimum_protocol_version_location.line, 32);
  EXPECT_FALSE(cdn.cloudfront_default_certificate.set);
}

TEST(CloudFormationCdnTest, SymbolicValuesAreNoted) {
  ASSERT_OK_AND_ASSIGN(Imported imported, ImportTemplate(R"(Parameters:
  Policy: {Type: String}
Resources:
  CDN:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        DefaultCacheBehavior:
          ViewerProtocolPolicy: !Ref Policy
)"));
  ASSERT_THAT(imported.model.distributions(), SizeIs(1));
  const Distribution& cdn = imported.model.distributions()[0];
  ASSERT_THAT(cdn.behaviors, SizeIs(1));
  EXPECT_EQ(cdn.behaviors[0].viewer_protocol_policy, "");
  EXPECT_EQ(cdn.behaviors[0].viewer_protocol_policy_location.line, 9);
  EXPECT_FALSE(cdn.has_viewer_certificate);
  EXPECT_THAT(imported.WithCode("symbolic-value"), SizeIs(1));
}

TEST(CloudFormationCdnTest, Errors) {
  ExpectInputError(ImportTemplate(R"(
Resources:
  CDN:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        DefaultCacheBehavior:
          Compress: yes
)")
                       .status(),
                   8, 21, R"(Compress must be true or false, found "yes")");
  ExpectInputError(ImportTemplate(R"(
Resources:
  CDN:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Origins: [origin]
)")
                       .status(),
                   7, 19, "an origin must be an object");
}

}  // namespace
}  // namespace polygraph::ingest::testing
