// CloudFront distribution facets (lib/ingest/cloudformation_cdn.cc).

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/ingest/ingest_testing.h"

namespace polygraph::ingest::testing {
namespace {

using ::testing::ElementsAre;
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

constexpr char kEdgeTemplate[] = R"(Parameters:
  Acl: {Type: String}
Resources:
  SiteBucket:
    Type: AWS::S3::Bucket
  LogsBucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: example-logs
  OAI:
    Type: AWS::CloudFront::CloudFrontOriginAccessIdentity
  CDN:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Origins:
          - Id: Site
            DomainName: !GetAtt SiteBucket.RegionalDomainName
            S3OriginConfig:
              OriginAccessIdentity: !Sub 'origin-access-identity/cloudfront/${OAI}'
          - Id: Joined
            DomainName: !GetAtt SiteBucket.DomainName
            S3OriginConfig:
              OriginAccessIdentity: !Join ['', ['origin-access-identity/cloudfront/', !Ref OAI]]
          - Id: Api
            DomainName: api.example.com
            CustomOriginConfig:
              OriginProtocolPolicy: match-viewer
              OriginSSLProtocols: [TLSv1.1, TLSv1.2]
        WebACLId: !Ref Acl
        Logging:
          Bucket: example-logs.s3.amazonaws.com
        PriceClass: PriceClass_200
        Restrictions:
          GeoRestriction:
            RestrictionType: whitelist
            Locations: [US, CA]
  Other:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Logging:
          Bucket: !GetAtt LogsBucket.RegionalDomainName
)";

TEST(CloudFormationCdnTest, EdgeSettingsAndOriginAccess) {
  ASSERT_OK_AND_ASSIGN(Imported imported, ImportTemplate(kEdgeTemplate));
  ASSERT_THAT(imported.model.distributions(), SizeIs(2));
  const Distribution& cdn = imported.model.distributions()[0];
  EXPECT_EQ(cdn.location.line, 15);  // the DistributionConfig key
  EXPECT_EQ(cdn.location.column, 7);

  ASSERT_THAT(cdn.origins, SizeIs(3));
  EXPECT_EQ(cdn.origins[0].origin_access_identity,
            "origin-access-identity/cloudfront/${OAI}");
  EXPECT_EQ(cdn.origins[0].origin_access_identity_location.line, 20);
  EXPECT_EQ(cdn.origins[0].origin_access_identity_resource,
            imported.IndexOf("OAI"));
  EXPECT_FALSE(cdn.origins[0].custom_origin);
  EXPECT_EQ(cdn.origins[1].origin_access_identity_resource,
            imported.IndexOf("OAI"));
  EXPECT_TRUE(cdn.origins[2].custom_origin);
  EXPECT_EQ(cdn.origins[2].origin_protocol_policy, "match-viewer");
  EXPECT_EQ(cdn.origins[2].origin_protocol_policy_location.line, 28);
  EXPECT_EQ(cdn.origins[2].origin_protocol_policy_location.column, 37);
  EXPECT_THAT(cdn.origins[2].origin_ssl_protocols,
              ElementsAre("TLSv1.1", "TLSv1.2"));
  EXPECT_EQ(cdn.origins[2].origin_ssl_protocols_location.line, 29);

  EXPECT_EQ(cdn.web_acl_id, "${Acl}");
  EXPECT_EQ(cdn.web_acl_location.line, 30);
  EXPECT_TRUE(cdn.has_logging);
  EXPECT_EQ(cdn.logging_location.line, 31);
  EXPECT_EQ(cdn.logging_bucket, imported.IndexOf("LogsBucket"));
  EXPECT_EQ(cdn.price_class, "PriceClass_200");
  EXPECT_EQ(cdn.price_class_location.line, 33);
  EXPECT_EQ(cdn.geo_restriction_type, "whitelist");
  EXPECT_THAT(cdn.geo_locations, ElementsAre("US", "CA"));
  EXPECT_EQ(cdn.geo_restriction_location.line, 35);

  const Distribution& other = imported.model.distributions()[1];
  EXPECT_EQ(other.logging_bucket, imported.IndexOf("LogsBucket"));
  EXPECT_EQ(other.web_acl_id, "");
  EXPECT_FALSE(other.web_acl_location.known());
  EXPECT_EQ(other.price_class, "");
  EXPECT_EQ(other.geo_restriction_type, "");
  EXPECT_THAT(imported.WithCode("symbolic-value"), SizeIs(0));
}

TEST(CloudFormationCdnTest, OaiNamingNoDeclaredIdentityIsNoted) {
  ASSERT_OK_AND_ASSIGN(Imported imported, ImportTemplate(R"(Parameters:
  Oai: {Type: String}
Resources:
  CDN:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Origins:
          - Id: Site
            DomainName: site.s3.amazonaws.com
            S3OriginConfig:
              OriginAccessIdentity: !Sub 'origin-access-identity/cloudfront/${Oai}'
)"));
  const Distribution& cdn = imported.model.distributions()[0];
  EXPECT_EQ(cdn.origins[0].origin_access_identity_resource, kNoResource);
  EXPECT_EQ(cdn.origins[0].origin_access_identity,
            "origin-access-identity/cloudfront/${Oai}");
  EXPECT_THAT(imported.WithCode("symbolic-value"), SizeIs(1));
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

TEST(CloudFormationCdnTest, ConditionalObjectsAreNoted) {
  ASSERT_OK_AND_ASSIGN(Imported imported, ImportTemplate(R"(Conditions:
  Prod: !Equals [!Ref AWS::AccountId, '111111111111']
Resources:
  CDN:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Origins:
          - Id: Api
            DomainName: api.example.com
            CustomOriginConfig: !If [Prod, {OriginProtocolPolicy: https-only}, !Ref AWS::NoValue]
        Logging: !If [Prod, {Bucket: logs.s3.amazonaws.com}, !Ref AWS::NoValue]
        Restrictions: !If [Prod, {GeoRestriction: {RestrictionType: none}}, !Ref AWS::NoValue]
        PriceClass: PriceClass_All
)"));
  const Distribution& cdn = imported.model.distributions()[0];
  EXPECT_TRUE(cdn.origins[0].custom_origin);
  EXPECT_EQ(cdn.origins[0].origin_protocol_policy, "");
  EXPECT_TRUE(cdn.has_logging);
  EXPECT_EQ(cdn.price_class, "PriceClass_All");
  EXPECT_EQ(cdn.geo_restriction_type, "");
  EXPECT_THAT(imported.WithCode("symbolic-value"), SizeIs(3));
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
  const std::string kHead = R"(
Resources:
  CDN:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
)";
  ExpectInputError(ImportTemplate(kHead + R"(        Origins:
          - Id: Api
            DomainName: api.example.com
            CustomOriginConfig:
              OriginProtocolPolicy: https
)")
                       .status(),
                   11, 37,
                   R"(OriginProtocolPolicy must be http-only, match-viewer or )"
                   R"(https-only, found "https")");
  ExpectInputError(ImportTemplate(kHead + R"(        Origins:
          - Id: Api
            DomainName: api.example.com
            CustomOriginConfig:
              OriginSSLProtocols: [TLSv1.3]
)")
                       .status(),
                   11, 36,
                   R"(an entry of OriginSSLProtocols must be SSLv3, TLSv1, )"
                   R"(TLSv1.1 or TLSv1.2, found "TLSv1.3")");
  ExpectInputError(
      ImportTemplate(kHead + "        PriceClass: PriceClass_50\n").status(), 7,
      21,
      R"(PriceClass must be PriceClass_100, PriceClass_200 or )"
      R"(PriceClass_All, found "PriceClass_50")");
  ExpectInputError(ImportTemplate(kHead + R"(        Restrictions:
          GeoRestriction:
            RestrictionType: allowlist
)")
                       .status(),
                   9, 30,
                   R"(RestrictionType must be none, whitelist or blacklist, )"
                   R"(found "allowlist")");
  ExpectInputError(ImportTemplate(kHead + "        Logging: on\n").status(), 7,
                   18, "Logging must be an object");
}

}  // namespace
}  // namespace polygraph::ingest::testing
