// PG-S3-006..010 on the guide's S3 + CloudFront template: single mutations
// of the corrected copy (tests/data/cdn/s3-cloudfront-fixed.yaml, which
// cdn_template_test.cc shows has no findings), each asserting exactly the
// findings it causes and where; and a seed with an invalid StorageClass,
// which is a diagnostic that does not stop the analysis.

#include <algorithm>
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
using ::testing::Pair;

std::vector<std::pair<std::string, int>> IdsAndLines(const std::string& text) {
  return ::polygraph::testing::IdsAndLines(Check(text).findings);
}

TEST(S3GuideTemplateTest, NoVersioning) {
  const std::string text = Replace(Fixed(),
                                   "      VersioningConfiguration:\n"
                                   "        Status: Enabled\n",
                                   "");
  EXPECT_THAT(IdsAndLines(text),
              ElementsAre(Pair("PG-S3-007", LineOf(text, "  AssetsBucket:"))));
}

TEST(S3GuideTemplateTest, SuspendedVersioning) {
  const std::string text = Replace(Fixed(), "Status: Enabled\n      Lifecycle",
                                   "Status: Suspended\n      Lifecycle");
  std::vector<Finding> findings = Check(text).findings;
  ASSERT_THAT(findings, ::testing::SizeIs(1));
  EXPECT_EQ(findings[0].rule_id, "PG-S3-007");
  EXPECT_EQ(findings[0].location.line, LineOf(text, "Status: Suspended"));
  EXPECT_EQ(findings[0].location.column, 17);
  EXPECT_THAT(findings[0].message,
              HasSubstr("\"AssetsBucket\" has VersioningConfiguration Status "
                        "Suspended"));
}

TEST(S3GuideTemplateTest, NoDenyInsecureTransport) {
  const std::string fixed = Fixed();
  const size_t from = fixed.find("          - Sid: DenyInsecureTransport");
  const std::string text =
      fixed.substr(0, from) + fixed.substr(fixed.find("\n\n  CDN:") + 1);
  std::vector<Finding> findings = Check(text).findings;
  ASSERT_THAT(findings, ::testing::SizeIs(1));
  EXPECT_EQ(findings[0].rule_id, "PG-S3-009");
  EXPECT_EQ(findings[0].location.line, LineOf(text, "Version: '2012-10-17'"));
  EXPECT_EQ(findings[0].message,
            "the bucket policy of \"AssetsBucket\" does not deny "
            "s3:GetObject, s3:PutObject, s3:ListBucket without TLS "
            "(aws:SecureTransport false)");
  // The fix is the statement the corrected copy has, verbatim.
  EXPECT_THAT(findings[0].fix, HasSubstr(fixed.substr(
                                   from, fixed.find("\n\n  CDN:") + 1 - from)));
}

TEST(S3GuideTemplateTest, ObjectWriterWithoutIgnorePublicAcls) {
  std::string text = Replace(Fixed(), "ObjectOwnership: BucketOwnerEnforced",
                             "ObjectOwnership: ObjectWriter");
  text = Replace(text, "IgnorePublicAcls: true", "IgnorePublicAcls: false");
  EXPECT_THAT(
      IdsAndLines(text),
      ElementsAre(
          Pair("PG-S3-001", LineOf(text, "IgnorePublicAcls: false")),
          Pair("PG-S3-010", LineOf(text, "ObjectOwnership: ObjectWriter"))));
}

TEST(S3GuideTemplateTest, ObjectWriterWithIgnorePublicAclsIsFine) {
  EXPECT_THAT(
      IdsAndLines(Replace(Fixed(), "ObjectOwnership: BucketOwnerEnforced",
                          "ObjectOwnership: ObjectWriter")),
      ::testing::IsEmpty());
}

TEST(S3GuideTemplateTest, NoLifecycleRuleOnAnAssetBucket) {
  const std::string fixed = Fixed();
  const size_t from = fixed.find("      LifecycleConfiguration:");
  const std::string text = fixed.substr(0, from) +
                           fixed.substr(fixed.find("\n  AssetsBucketPolicy:"));
  std::vector<Finding> findings = Check(text).findings;
  ASSERT_THAT(findings, ::testing::SizeIs(1));
  EXPECT_EQ(findings[0].rule_id, "PG-S3-008");
  EXPECT_EQ(findings[0].location.line, LineOf(text, "  AssetsBucket:"));
  EXPECT_EQ(findings[0].severity, Severity::kLow);
  EXPECT_THAT(findings[0].message,
              HasSubstr("\"AssetsBucket\" is an asset bucket (it is origin "
                        "S3Origin of distribution CDN)"));
}

TEST(S3GuideTemplateTest, NoSseAlgorithm) {
  const std::string text =
      Replace(Fixed(), "              SSEAlgorithm: AES256\n", "");
  EXPECT_THAT(IdsAndLines(text),
              ElementsAre(Pair("PG-S3-006", LineOf(text, "  AssetsBucket:"))));
}

TEST(S3GuideTemplateTest, SeedWithUnknownStorageClassIsStillAnalysed) {
  const std::string text =
      Replace(ReadSource("examples/seed/cloudformation/s3-cloudfront.yaml"),
              "StorageClass: STANDARD_IA", "StorageClass: STANDARD_INFREQUENT");
  Checked checked = Check(text);
  std::vector<Diagnostic> invalid;
  for (const Diagnostic& diagnostic : checked.diagnostics) {
    if (diagnostic.code == "invalid-value") invalid.push_back(diagnostic);
  }
  ASSERT_THAT(invalid, ::testing::SizeIs(1));
  EXPECT_EQ(invalid[0].level, Diagnostic::Level::kError);
  EXPECT_EQ(invalid[0].location.line, LineOf(text, "STANDARD_INFREQUENT"));
  EXPECT_EQ(invalid[0].location.column, 31);
  EXPECT_THAT(invalid[0].message,
              HasSubstr("StorageClass \"STANDARD_INFREQUENT\" is not one of "
                        "STANDARD_IA, ONEZONE_IA"));
  // The seed's findings, and PG-S3-008: its only transition is left out.
  const int bucket = LineOf(text, "  AssetsBucket:");
  const int config = LineOf(text, "DistributionConfig:");
  std::vector<std::pair<std::string, int>> found;
  for (const Finding& finding : checked.findings) {
    found.push_back({finding.rule_id, finding.location.line});
  }
  EXPECT_THAT(
      found,
      ElementsAre(Pair("PG-S3-006", bucket), Pair("PG-S3-007", bucket),
                  Pair("PG-S3-009", bucket),
                  Pair("PG-S3-008", LineOf(text, "LifecycleConfiguration")),
                  Pair("PG-CF-007", config), Pair("PG-CF-008", config),
                  Pair("PG-CF-001", LineOf(text, "- Id: S3Origin"))));
}

}  // namespace
}  // namespace polygraph::testing
