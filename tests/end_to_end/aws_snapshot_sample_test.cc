// The sample account snapshot (examples/aws-snapshot/sample) loaded through
// LoadPaths: every section becomes model facets, and the bucket exposure
// analysis runs on them unchanged.

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "polygraph/check.h"
#include "polygraph/loader.h"
#include "polygraph/storage_exposure.h"
#include "tests/testing.h"

namespace polygraph::testing {
namespace {

using storage::Access;
using storage::Audience;
using storage::BucketExposure;

size_t IndexOf(const Model& model, const std::string& name) {
  for (size_t i = 0; i < model.resources().size(); ++i) {
    if (model.resources()[i].name == name) return i;
  }
  return kNoResource;
}

const BucketExposure* ExposureOf(const Model& model,
                                 const std::vector<BucketExposure>& exposures,
                                 const std::string& name) {
  for (const BucketExposure& exposure : exposures) {
    if (model.resources()[model.buckets()[exposure.bucket].resource].name ==
        name) {
      return &exposure;
    }
  }
  return nullptr;
}

TEST(AwsSnapshotSampleTest, LoadsEverySection) {
  ASSERT_OK_AND_ASSIGN(
      LoadResult loaded,
      LoadPaths({SourcePath("examples/aws-snapshot/sample")}, LoadOptions{}));
  const Model& model = loaded.model;
  for (const char* name :
       {"deploy-bot", "developers", "web-server", "assets-read",
        "DenyOutsideEU", "example-access-logs", "example-app-assets",
        "example-public-site", "account-public-access-block",
        "E2EXAMPLEAPP01"}) {
    EXPECT_NE(IndexOf(model, name), kNoResource) << name;
  }
  EXPECT_EQ(model.buckets().size(), 3u);
  EXPECT_EQ(model.account_public_access_blocks().size(), 1u);
  ASSERT_EQ(model.distributions().size(), 1u);
  EXPECT_EQ(model.distributions()[0].origins[0].bucket_resource,
            IndexOf(model, "example-app-assets"));
  EXPECT_EQ(model.distributions()[0].logging_bucket,
            IndexOf(model, "example-access-logs"));
  // Inline user, role trust and inline role, managed policy, SCP, two bucket
  // policies.
  EXPECT_EQ(model.policies().size(), 7u);
}

TEST(AwsSnapshotSampleTest, PublicSiteBucketIsReadableByAnyone) {
  ASSERT_OK_AND_ASSIGN(
      LoadResult loaded,
      LoadPaths({SourcePath("examples/aws-snapshot/sample")}, LoadOptions{}));
  ASSERT_OK_AND_ASSIGN(std::vector<BucketExposure> exposures,
                       storage::AnalyseBucketExposure(loaded.model, {}));
  ASSERT_EQ(exposures.size(), 3u);
  const BucketExposure* site =
      ExposureOf(loaded.model, exposures, "example-public-site");
  ASSERT_NE(site, nullptr);
  EXPECT_EQ(site->bucket_arn, "arn:aws:s3:::example-public-site");
  // The bucket policy allows s3:GetObject to "*" and neither the bucket nor
  // the account blocks public policies.
  EXPECT_TRUE(
      site->Get(Audience::kAnonymous, Access::kReadObjects).effective());
  EXPECT_FALSE(
      site->Get(Audience::kAnonymous, Access::kWriteObjects).effective());
  // The AllUsers READ grant is a public ACL, ignored by the account's
  // IgnorePublicAcls; objects ACLs cannot grant either.
  EXPECT_TRUE(site->public_acl);
  EXPECT_FALSE(site->Get(Audience::kAnonymous, Access::kList).effective());
  EXPECT_FALSE(site->object_acls_can_grant_public);

  for (const char* name : {"example-app-assets", "example-access-logs"}) {
    const BucketExposure* exposure = ExposureOf(loaded.model, exposures, name);
    ASSERT_NE(exposure, nullptr) << name;
    for (Audience audience :
         {Audience::kAnonymous, Audience::kAuthenticatedOutsider}) {
      for (Access access : {Access::kReadObjects, Access::kWriteObjects,
                            Access::kList, Access::kChangePermissions}) {
        EXPECT_FALSE(exposure->Get(audience, access).effective()) << name;
      }
    }
  }
}

TEST(AwsSnapshotSampleTest, TheDistributionReadsItsOriginWithItsRealArn) {
  // The app bucket's policy grants CloudFront for the distribution's ARN in
  // the snapshot's account (known from its IAM ARNs), so PG-CF-001 holds.
  CheckOptions options;
  options.only_rules = {"PG-CF-001"};
  ASSERT_OK_AND_ASSIGN(
      CheckResult result,
      Check({SourcePath("examples/aws-snapshot/sample")}, options));
  EXPECT_EQ(result.findings.size(), 0u);
  ASSERT_OK_AND_ASSIGN(
      LoadResult loaded,
      LoadPaths({SourcePath("examples/aws-snapshot/sample")}, LoadOptions{}));
  EXPECT_EQ(loaded.model.distributions().at(0).arn,
            "arn:aws:cloudfront::123456789012:distribution/E2EXAMPLEAPP01");
}

}  // namespace
}  // namespace polygraph::testing
