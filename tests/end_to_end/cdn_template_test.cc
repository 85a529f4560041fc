// PG-CF-001..005 on the guide's S3 + CloudFront template: the seed as
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
#include "tests/testing.h"

namespace polygraph::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Pair;

std::string ReadSource(const std::string& relative) {
  std::ifstream in(std::string(POLYGRAPH_SOURCE_DIR) + "/" + relative);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string Fixed() {
  return ReadSource("tests/data/cdn/s3-cloudfront-fixed.yaml");
}

// `text` with the one occurrence of `from` replaced by `to`.
std::string Replace(std::string text, const std::string& from,
                    const std::string& to) {
  size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  EXPECT_EQ(text.find(from, at + 1), std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// The 1-based line of the first occurrence of `needle` in `text`.
int LineOf(const std::string& text, const std::string& needle) {
  size_t at = text.find(needle);
  EXPECT_NE(at, std::string::npos) << needle;
  return 1 +
         static_cast<int>(std::count(text.begin(), text.begin() + at, '\n'));
}

std::vector<Finding> Findings(const std::string& text) {
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() /
      ("polygraph_cdn_" +
       std::string(
           ::testing::UnitTest::GetInstance()->current_test_info()->name()) +
       ".yaml");
  std::ofstream(path) << text;
  absl::StatusOr<LoadResult> loaded = LoadPaths({path.string()}, {});
  std::filesystem::remove(path);
  EXPECT_TRUE(loaded.ok()) << loaded.status();
  if (!loaded.ok()) return {};
  absl::StatusOr<RuleSet> rules = RuleSet::Builtin();
  EXPECT_TRUE(rules.ok()) << rules.status();
  return rules->Run(loaded->model);
}

std::vector<std::pair<std::string, int>> IdsAndLines(
    const std::vector<Finding>& findings) {
  std::vector<std::pair<std::string, int>> out;
  for (const Finding& finding : findings) {
    out.push_back({finding.rule_id, finding.location.line});
  }
  return out;
}

TEST(CdnTemplateTest, SeedCannotReadItsOrigin) {
  const std::string text =
      ReadSource("examples/seed/cloudformation/s3-cloudfront.yaml");
  std::vector<Finding> findings = Findings(text);
  ASSERT_THAT(IdsAndLines(findings),
              ElementsAre(Pair("PG-CF-001", LineOf(text, "- Id: S3Origin"))));
  EXPECT_EQ(findings[0].severity, Severity::kHigh);
  EXPECT_EQ(findings[0].resource, "CDN");
  EXPECT_EQ(findings[0].message,
            "distribution CDN cannot read its origin AssetsBucket: no bucket "
            "policy allows cloudfront.amazonaws.com");
  // The fix is the policy the corrected copy adds, verbatim.
  const std::string fixed = Fixed();
  const std::string policy = fixed.substr(
      fixed.find("  AssetsBucketPolicy:"),
      fixed.find("\n\n  CDN:") + 1 - fixed.find("  AssetsBucketPolicy:"));
  EXPECT_THAT(findings[0].fix, HasSubstr(policy));
}

TEST(CdnTemplateTest, FixedCopyHasNoFindings) {
  EXPECT_THAT(IdsAndLines(Findings(Fixed())), IsEmpty());
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
  EXPECT_THAT(IdsAndLines(Findings(text)),
              ElementsAre(Pair("PG-CF-001", LineOf(text, "- Id: S3Origin"))));
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
