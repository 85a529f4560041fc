// PG-CF-001..009 on the guide's S3 + CloudFront template: the seed as
// written, its corrected copy (tests/data/cdn/s3-cloudfront-fixed.yaml), and
// single mutations of that copy, each asserting exactly the findings it
// causes and the line they point at.

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "polygraph/loader.h"
#include "polygraph/rules.h"
#include "tests/end_to_end/template_testing.h"
#include "tests/testing.h"

namespace polygraph::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Pair;

TEST(CdnTemplateTest, SeedCannotReadItsOrigin) {
  const std::string text =
      ReadSource("examples/seed/cloudformation/s3-cloudfront.yaml");
  std::vector<Finding> findings = Findings(text);
  // The bucket declares no default encryption, no versioning and no
  // TLS-only policy (at its declaration); no WAF web ACL and no access logs
  // (at DistributionConfig), and no bucket policy for Origin Access Control
  // (at the origin).
  const int bucket = LineOf(text, "  AssetsBucket:");
  const int config = LineOf(text, "DistributionConfig:");
  ASSERT_THAT(IdsAndLines(findings),
              ElementsAre(Pair("PG-S3-006", bucket), Pair("PG-S3-007", bucket),
                          Pair("PG-S3-009", bucket), Pair("PG-CF-007", config),
                          Pair("PG-CF-008", config),
                          Pair("PG-CF-001", LineOf(text, "- Id: S3Origin"))));
  EXPECT_EQ(findings[3].severity, Severity::kMedium);
  EXPECT_EQ(findings[4].severity, Severity::kLow);
  EXPECT_EQ(findings[5].severity, Severity::kHigh);
  EXPECT_EQ(findings[5].resource, "CDN");
  EXPECT_EQ(findings[5].message,
            "distribution CDN cannot read its origin AssetsBucket: no bucket "
            "policy allows cloudfront.amazonaws.com");
  // The fix is the policy the corrected copy adds, verbatim.
  const std::string fixed = Fixed();
  const std::string policy = fixed.substr(
      fixed.find("  AssetsBucketPolicy:"),
      fixed.find("\n\n  CDN:") + 1 - fixed.find("  AssetsBucketPolicy:"));
  EXPECT_THAT(findings[5].fix, HasSubstr(policy));
}

TEST(CdnTemplateTest, FixedCopyHasNoFindings) {
  EXPECT_THAT(IdsAndLines(Findings(Fixed())), IsEmpty());
}

TEST(CdnTemplateTest, RemovedWebAcl) {
  const std::string text =
      Replace(Fixed(), "        WebACLId: !Ref WebAclArn\n", "");
  std::vector<Finding> findings = Findings(text);
  ASSERT_THAT(
      IdsAndLines(findings),
      ElementsAre(Pair("PG-CF-007", LineOf(text, "DistributionConfig:"))));
  EXPECT_EQ(findings[0].location.column, 7);
  EXPECT_EQ(findings[0].message,
            "distribution CDN has no AWS WAF web ACL: WebACLId not set");
}

TEST(CdnTemplateTest, RemovedLogging) {
  const std::string text =
      Replace(Fixed(),
              "        Logging:\n"
              "          Bucket: !Ref LogsBucketDomainName\n"
              "          Prefix: cdn/\n",
              "");
  EXPECT_THAT(
      IdsAndLines(Findings(text)),
      ElementsAre(Pair("PG-CF-008", LineOf(text, "DistributionConfig:"))));
}

// The fixed copy with Origin Access Control replaced by a legacy origin
// access identity OAI; the bucket policy still grants OAC.
std::string WithOai() {
  std::string text = Replace(Fixed(),
                             "            OriginAccessControlId: !Ref OAC\n"
                             "            S3OriginConfig:\n"
                             "              OriginAccessIdentity: ''\n",
                             "            S3OriginConfig:\n"
                             "              OriginAccessIdentity: !Sub "
                             "'origin-access-identity/cloudfront/${OAI}'\n");
  return Replace(text,
                 "  OAC:\n"
                 "    Type: AWS::CloudFront::OriginAccessControl\n"
                 "    Properties:\n"
                 "      OriginAccessControlConfig:\n"
                 "        Name: app-static-assets-oac\n"
                 "        OriginAccessControlOriginType: s3\n"
                 "        SigningBehavior: always\n"
                 "        SigningProtocol: sigv4\n",
                 "  OAI:\n"
                 "    Type: AWS::CloudFront::CloudFrontOriginAccessIdentity\n"
                 "    Properties:\n"
                 "      CloudFrontOriginAccessIdentityConfig:\n"
                 "        Comment: app-static-assets\n");
}

// WithOai() with the bucket policy granting the OAI as `principal`.
std::string WithGrantedOai(const std::string& principal) {
  std::string text =
      Replace(WithOai(),
              "            Principal:\n"
              "              Service: cloudfront.amazonaws.com\n",
              "            Principal:\n" + principal);
  return Replace(
      text,
      "            Condition:\n"
      "              StringEquals:\n"
      "                AWS:SourceArn: !Sub "
      "'arn:aws:cloudfront::${AWS::AccountId}:distribution/${CDN}'\n",
      "");
}

TEST(CdnTemplateTest, GrantedOaiIsOnlyLegacy) {
  for (const std::string& principal :
       {std::string("              CanonicalUser: !GetAtt "
                    "OAI.S3CanonicalUserId\n"),
        std::string("              AWS: !Sub 'arn:aws:iam::cloudfront:user/"
                    "CloudFront Origin Access Identity ${OAI}'\n")}) {
    SCOPED_TRACE(principal);
    const std::string text = WithGrantedOai(principal);
    std::vector<Finding> findings = Findings(text);
    ASSERT_THAT(IdsAndLines(findings),
                ElementsAre(Pair("PG-CF-006",
                                 LineOf(text, "OriginAccessIdentity: !Sub"))));
    EXPECT_EQ(findings[0].message,
              "distribution CDN reads its origin S3Origin with the legacy "
              "origin access identity OAI; use Origin Access Control");
  }
}

TEST(CdnTemplateTest, OaiNotGranted) {
  const std::string text = WithOai();
  std::vector<Finding> findings = Findings(text);
  ASSERT_THAT(IdsAndLines(findings),
              ElementsAre(Pair("PG-CF-001", LineOf(text, "- Id: S3Origin")),
                          Pair("PG-CF-006",
                               LineOf(text, "OriginAccessIdentity: !Sub"))));
  EXPECT_EQ(findings[0].message,
            "distribution CDN cannot read its origin AssetsBucket: the bucket "
            "policy does not allow s3:GetObject to its origin access identity "
            "OAI");
}

TEST(CdnTemplateTest, CustomOriginOverHttp) {
  const std::string text =
      Replace(Fixed(), "        DefaultCacheBehavior:\n",
              "          - Id: Api\n"
              "            DomainName: api.example.com\n"
              "            CustomOriginConfig:\n"
              "              OriginProtocolPolicy: http-only\n"
              "        DefaultCacheBehavior:\n");
  std::vector<Finding> findings = Findings(text);
  ASSERT_THAT(
      IdsAndLines(findings),
      ElementsAre(
          Pair("PG-CF-009", LineOf(text, "OriginProtocolPolicy: http-only"))));
  EXPECT_EQ(findings[0].severity, Severity::kHigh);
  EXPECT_EQ(findings[0].message,
            "distribution CDN reaches its custom origin Api (api.example.com) "
            "over plain HTTP: OriginProtocolPolicy http-only");
}

TEST(CdnTemplateTest, MatchViewerOriginBehindAnHttpBehavior) {
  std::string text =
      Replace(Fixed(), "        DefaultCacheBehavior:\n",
              "          - Id: Api\n"
              "            DomainName: api.example.com\n"
              "            CustomOriginConfig:\n"
              "              OriginProtocolPolicy: match-viewer\n"
              "              OriginSSLProtocols: [TLSv1.2]\n"
              "        DefaultCacheBehavior:\n");
  text = Replace(text, "        PriceClass:",
                 "        CacheBehaviors:\n"
                 "          - PathPattern: /api/*\n"
                 "            TargetOriginId: Api\n"
                 "            ViewerProtocolPolicy: allow-all\n"
                 "            Compress: true\n"
                 "        PriceClass:");
  // Two findings: viewers may use HTTP, and so may the edge to the origin.
  EXPECT_THAT(
      IdsAndLines(Findings(text)),
      ElementsAre(
          Pair("PG-CF-009", LineOf(text, "OriginProtocolPolicy: match-viewer")),
          Pair("PG-CF-003", LineOf(text, "ViewerProtocolPolicy: allow-all"))));
}

TEST(CdnTemplateTest, MissingSourceArnLetsAnyDistributionRead) {
  const std::string text =
      Replace(Fixed(),
              "            Condition:\n"
              "              StringEquals:\n"
              "                AWS:SourceArn: !Sub "
              "'arn:aws:cloudfront::${AWS::AccountId}:distribution/${CDN}'\n",
              "");
  std::vector<Finding> findings = Findings(text);
  ASSERT_THAT(IdsAndLines(findings),
              ElementsAre(Pair("PG-CF-002",
                               LineOf(text, "- Sid: AllowCloudFrontOAC"))));
  EXPECT_EQ(findings[0].message,
            "bucket policy lets any CloudFront distribution read AssetsBucket");
  EXPECT_EQ(findings[0].severity, Severity::kMedium);
}

TEST(CdnTemplateTest, SourceArnOfAnotherDistributionIsNotEnough) {
  const std::string text =
      Replace(Fixed(), "distribution/${CDN}'", "distribution/EOTHER'");
  std::vector<Finding> findings = Findings(text);
  ASSERT_THAT(IdsAndLines(findings),
              ElementsAre(Pair("PG-CF-001", LineOf(text, "- Id: S3Origin"))));
  EXPECT_THAT(findings[0].message,
              HasSubstr("the bucket policy does not allow s3:GetObject"));
}

TEST(CdnTemplateTest, SourceArnWrittenWithJoinOrGetAttId) {
  const std::string join = Replace(
      Fixed(),
      "!Sub 'arn:aws:cloudfront::${AWS::AccountId}:distribution/${CDN}'",
      "!Join ['', ['arn:aws:cloudfront::', !Ref AWS::AccountId, "
      "':distribution/', !GetAtt CDN.Id]]");
  EXPECT_THAT(IdsAndLines(Findings(join)), IsEmpty());
}

TEST(CdnTemplateTest, AllowAllOnTheDefaultBehavior) {
  const std::string text =
      Replace(Fixed(), "ViewerProtocolPolicy: redirect-to-https",
              "ViewerProtocolPolicy: allow-all");
  std::vector<Finding> findings = Findings(text);
  ASSERT_THAT(
      IdsAndLines(findings),
      ElementsAre(
          Pair("PG-CF-003", LineOf(text, "ViewerProtocolPolicy: allow-all"))));
  EXPECT_EQ(findings[0].severity, Severity::kHigh);
  EXPECT_THAT(findings[0].message, HasSubstr("its default behavior"));
}

TEST(CdnTemplateTest, AllowAllOnAPathBehavior) {
  const std::string text =
      Replace(Fixed(), "        PriceClass:",
              "        CacheBehaviors:\n"
              "          - PathPattern: /legacy/*\n"
              "            TargetOriginId: S3Origin\n"
              "            ViewerProtocolPolicy: allow-all\n"
              "            Compress: true\n"
              "        PriceClass:");
  std::vector<Finding> findings = Findings(text);
  ASSERT_THAT(
      IdsAndLines(findings),
      ElementsAre(
          Pair("PG-CF-003", LineOf(text, "ViewerProtocolPolicy: allow-all"))));
  EXPECT_THAT(findings[0].message, HasSubstr("path /legacy/*"));
}

TEST(CdnTemplateTest, OldMinimumProtocolVersion) {
  const std::string text =
      Replace(Fixed(), "MinimumProtocolVersion: TLSv1.2_2021",
              "MinimumProtocolVersion: TLSv1");
  std::vector<Finding> findings = Findings(text);
  ASSERT_THAT(IdsAndLines(findings),
              ElementsAre(Pair("PG-CF-004",
                               LineOf(text, "MinimumProtocolVersion: TLSv1"))));
  EXPECT_THAT(findings[0].message, HasSubstr("MinimumProtocolVersion TLSv1"));
}

TEST(CdnTemplateTest, DefaultCertificate) {
  const std::string text =
      Replace(Fixed(),
              "          AcmCertificateArn: !Ref SSLCert\n"
              "          MinimumProtocolVersion: TLSv1.2_2021\n",
              "          CloudFrontDefaultCertificate: true\n");
  std::vector<Finding> findings = Findings(text);
  ASSERT_THAT(IdsAndLines(findings),
              ElementsAre(Pair("PG-CF-004",
                               LineOf(text, "CloudFrontDefaultCertificate"))));
  EXPECT_THAT(findings[0].message, HasSubstr("default certificate"));
}

TEST(CdnTemplateTest, CompressFalse) {
  const std::string text =
      Replace(Fixed(), "Compress: true", "Compress: false");
  std::vector<Finding> findings = Findings(text);
  ASSERT_THAT(IdsAndLines(findings),
              ElementsAre(Pair("PG-CF-005", LineOf(text, "Compress: false"))));
  EXPECT_EQ(findings[0].severity, Severity::kLow);
}

TEST(CdnTemplateTest, RemovedBucketPolicy) {
  const std::string fixed = Fixed();
  const size_t from = fixed.find("  AssetsBucketPolicy:");
  const std::string text =
      fixed.substr(0, from) + fixed.substr(fixed.find("  CDN:"));
  // Without a policy nothing denies requests without TLS either.
  EXPECT_THAT(IdsAndLines(Findings(text)),
              ElementsAre(Pair("PG-S3-009", LineOf(text, "  AssetsBucket:")),
                          Pair("PG-CF-001", LineOf(text, "- Id: S3Origin"))));
}

TEST(CdnTemplateTest, RemovedBlockPublicAccessFlag) {
  const std::string text =
      Replace(Fixed(), "        RestrictPublicBuckets: true\n", "");
  EXPECT_THAT(
      IdsAndLines(Findings(text)),
      ElementsAre(
          Pair("PG-S3-001", LineOf(text, "PublicAccessBlockConfiguration"))));
}

// Principal "*" with Block Public Access off on the bucket.
std::string PublicPrincipal() {
  std::string text =
      Replace(Fixed(),
              "            Principal:\n"
              "              Service: cloudfront.amazonaws.com\n",
              "            Principal: '*'\n");
  text = Replace(text, "        RestrictPublicBuckets: true\n",
                 "        RestrictPublicBuckets: false\n");
  return Replace(text, "        BlockPublicPolicy: true\n",
                 "        BlockPublicPolicy: false\n");
}

std::vector<std::string> Ids(const std::vector<Finding>& findings) {
  std::vector<std::string> ids;
  for (const Finding& finding : findings) ids.push_back(finding.rule_id);
  return ids;
}

TEST(CdnTemplateTest, PublicPrincipalWithSourceArnIsNotPublic) {
  // A fixed aws:SourceArn makes Principal "*" non-public (S3's definition),
  // and only this distribution can read: only Block Public Access is off.
  EXPECT_THAT(Ids(Findings(PublicPrincipal())), ElementsAre("PG-S3-001"));
}

TEST(CdnTemplateTest, PublicPrincipalWithoutConditionIsPublic) {
  const std::string text =
      Replace(PublicPrincipal(),
              "            Condition:\n"
              "              StringEquals:\n"
              "                AWS:SourceArn: !Sub "
              "'arn:aws:cloudfront::${AWS::AccountId}:distribution/${CDN}'\n",
              "");
  const int statement = LineOf(text, "- Sid: AllowCloudFrontOAC");
  std::vector<Finding> findings = Findings(text);
  // In file order: Block Public Access first, then the statement.
  EXPECT_THAT(
      IdsAndLines(findings),
      ElementsAre(Pair("PG-S3-001", LineOf(text, "BlockPublicPolicy")),
                  Pair("PG-CF-002", statement), Pair("PG-S3-002", statement)));
}

}  // namespace
}  // namespace polygraph::testing
