// Bucket exposure from real CloudFormation templates, loaded through the
// public loader: the front-end's facets (policy owner, ACL, ownership, Block
// Public Access) meet the analysis and the rules.

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "polygraph/loader.h"
#include "polygraph/rules.h"
#include "polygraph/storage_exposure.h"
#include "tests/testing.h"

namespace polygraph::testing {
namespace {

using storage::Access;
using storage::Audience;
using storage::BucketExposure;

// Writes `text` to a fresh temporary file and loads it.
absl::StatusOr<LoadResult> LoadTemplate(const std::string& text) {
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() /
      ("polygraph_storage_" +
       std::string(
           ::testing::UnitTest::GetInstance()->current_test_info()->name()) +
       ".yaml");
  std::ofstream(path) << text;
  absl::StatusOr<LoadResult> loaded = LoadPaths({path.string()}, {});
  std::filesystem::remove(path);
  return loaded;
}

// The findings of the exposure rules PG-S3-001..005 (the guide's
// PG-S3-006..010 are s3_guide_template_test.cc's).
std::vector<std::string> RuleIds(const Model& model) {
  absl::StatusOr<RuleSet> builtin = RuleSet::Builtin();
  EXPECT_TRUE(builtin.ok());
  absl::StatusOr<RuleSet> rules = builtin->Select(
      {"PG-S3-001", "PG-S3-002", "PG-S3-003", "PG-S3-004", "PG-S3-005"}, {});
  EXPECT_TRUE(rules.ok());
  std::vector<std::string> ids;
  for (const Finding& finding : rules->Run(model)) {
    ids.push_back(finding.rule_id);
  }
  return ids;
}

// The guide's pattern, completed with the bucket policy that OAC needs.
constexpr char kOacTemplate[] = R"(Parameters:
  CDN: {Type: String, Description: the distribution's id}
Resources:
  AssetsBucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: app-static-assets
      OwnershipControls:
        Rules:
          - ObjectOwnership: BucketOwnerEnforced
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        BlockPublicPolicy: true
        IgnorePublicAcls: true
        RestrictPublicBuckets: true
  AssetsBucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref AssetsBucket
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Sid: CloudFrontReads
            Effect: Allow
            Principal:
              Service: cloudfront.amazonaws.com
            Action: s3:GetObject
            Resource: !Sub "${AssetsBucket.Arn}/*"
            Condition:
              StringEquals:
                AWS:SourceArn: !Sub "arn:aws:cloudfront::${AWS::AccountId}:distribution/${CDN}"
)";

TEST(StorageExposureTemplateTest, CloudFrontOacIsNotPublic) {
  ASSERT_OK_AND_ASSIGN(LoadResult loaded, LoadTemplate(kOacTemplate));
  ASSERT_OK_AND_ASSIGN(std::vector<BucketExposure> exposures,
                       storage::AnalyseBucketExposure(loaded.model));
  ASSERT_EQ(exposures.size(), 1u);
  EXPECT_EQ(exposures[0].bucket_arn, "arn:aws:s3:::app-static-assets");
  for (Audience audience :
       {Audience::kAnonymous, Audience::kAuthenticatedOutsider}) {
    EXPECT_FALSE(exposures[0].Get(audience, Access::kReadObjects).granted());
  }
  EXPECT_THAT(RuleIds(loaded.model), ::testing::IsEmpty());
}

TEST(StorageExposureTemplateTest, PublicPolicyWithoutBlockPublicAccess) {
  std::string text = kOacTemplate;
  text.replace(text.find("        RestrictPublicBuckets: true"),
               std::string("        RestrictPublicBuckets: true").size(),
               "        RestrictPublicBuckets: false");
  text.replace(text.find("        BlockPublicPolicy: true"),
               std::string("        BlockPublicPolicy: true").size(),
               "        BlockPublicPolicy: false");
  text.replace(text.find("Service: cloudfront.amazonaws.com"),
               std::string("Service: cloudfront.amazonaws.com").size(),
               "AWS: '*'");
  text.replace(text.find("AWS:SourceArn"), std::string("AWS:SourceArn").size(),
               "aws:Referer");
  ASSERT_OK_AND_ASSIGN(LoadResult loaded, LoadTemplate(text));
  ASSERT_OK_AND_ASSIGN(std::vector<BucketExposure> exposures,
                       storage::AnalyseBucketExposure(loaded.model));
  // aws:Referer is the caller's to send: anyone can read.
  const storage::AccessResult& read =
      exposures.at(0).Get(Audience::kAnonymous, Access::kReadObjects);
  EXPECT_TRUE(read.effective());
  ASSERT_FALSE(read.grants.empty());
  EXPECT_EQ(read.grants[0].sid, "CloudFrontReads");
  EXPECT_EQ(read.grants[0].location.line, 23);
  EXPECT_THAT(RuleIds(loaded.model),
              ::testing::UnorderedElementsAre("PG-S3-001", "PG-S3-002"));
}

TEST(StorageExposureTemplateTest, PublicReadAclBehindRestrictPublicBuckets) {
  ASSERT_OK_AND_ASSIGN(LoadResult loaded, LoadTemplate(R"(Resources:
  Site:
    Type: AWS::S3::Bucket
    Properties:
      AccessControl: PublicReadWrite
      OwnershipControls:
        Rules:
          - ObjectOwnership: BucketOwnerPreferred
      PublicAccessBlockConfiguration:
        BlockPublicAcls: false
        IgnorePublicAcls: false
        BlockPublicPolicy: true
        RestrictPublicBuckets: true
)"));
  ASSERT_OK_AND_ASSIGN(std::vector<BucketExposure> exposures,
                       storage::AnalyseBucketExposure(loaded.model));
  // RestrictPublicBuckets governs policies, not ACLs: AllUsers WRITE stands.
  EXPECT_TRUE(exposures.at(0)
                  .Get(Audience::kAnonymous, Access::kWriteObjects)
                  .effective());
  EXPECT_THAT(RuleIds(loaded.model),
              ::testing::UnorderedElementsAre("PG-S3-001", "PG-S3-002",
                                              "PG-S3-003", "PG-S3-005"));
}

}  // namespace
}  // namespace polygraph::testing
