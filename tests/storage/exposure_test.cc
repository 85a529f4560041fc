#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "polygraph/storage_exposure.h"
#include "tests/storage/storage_testing.h"
#include "tests/testing.h"

namespace polygraph::testing {
namespace {

using storage::Access;
using storage::Audience;
using storage::BucketExposure;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::SizeIs;

BucketExposure Analyse(Bucket bucket, const std::string& policy,
                       const storage::ExposureOptions& options = {}) {
  Model model = BucketModel(std::move(bucket), policy);
  absl::StatusOr<std::vector<BucketExposure>> exposures =
      storage::AnalyseBucketExposure(model, options);
  EXPECT_TRUE(exposures.ok()) << exposures.status();
  if (!exposures.ok() || exposures->size() != 1) return BucketExposure();
  return (*exposures)[0];
}

bool Anonymous(const BucketExposure& e, Access access) {
  return e.Get(Audience::kAnonymous, access).effective();
}
bool Outsider(const BucketExposure& e, Access access) {
  return e.Get(Audience::kAuthenticatedOutsider, access).effective();
}

// A bucket policy granting s3:GetObject on the bucket's objects to
// `principal`, with `condition` (YAML, indented for the statement) if any.
std::string ReadPolicy(const std::string& principal,
                       const std::string& condition = "") {
  return "Version: '2012-10-17'\n"
         "Statement:\n"
         "  - Sid: Read\n"
         "    Effect: Allow\n"
         "    Principal: " +
         principal +
         "\n"
         "    Action: s3:GetObject\n"
         "    Resource: !Sub '${AssetsBucket.Arn}/*'\n" +
         condition;
}

TEST(ExposureTest, PrincipalStarWithoutConditionIsReadableByAnyone) {
  BucketExposure e = Analyse(Named("assets"), ReadPolicy("'*'"));
  EXPECT_EQ(e.bucket_arn, "arn:aws:s3:::assets");
  EXPECT_TRUE(Anonymous(e, Access::kReadObjects));
  EXPECT_TRUE(Outsider(e, Access::kReadObjects));
  EXPECT_FALSE(Anonymous(e, Access::kWriteObjects));
  EXPECT_FALSE(Anonymous(e, Access::kList));
  EXPECT_FALSE(Anonymous(e, Access::kChangePermissions));
  const storage::AccessResult& read =
      e.Get(Audience::kAnonymous, Access::kReadObjects);
  ASSERT_THAT(read.grants, SizeIs(1));
  EXPECT_TRUE(read.grants[0].from_policy);
  EXPECT_EQ(read.grants[0].sid, "Read");
  EXPECT_EQ(read.grants[0].action, "s3:GetObject");
  EXPECT_EQ(read.grants[0].location.line, 3);
  EXPECT_EQ(read.grants[0].description,
            "bucket policy statement \"Read\" allows s3:GetObject to "
            "anonymous callers");
}

TEST(ExposureTest, SourceVpceConditionIsNotPublic) {
  BucketExposure e = Analyse(
      Named("assets"), ReadPolicy("'*'",
                                  "    Condition:\n"
                                  "      StringEquals:\n"
                                  "        aws:SourceVpce: vpce-1a2b3c4d\n"));
  EXPECT_FALSE(Anonymous(e, Access::kReadObjects));
  EXPECT_FALSE(Outsider(e, Access::kReadObjects));
}

TEST(ExposureTest, WildcardSourceVpceIsPublic) {
  BucketExposure e = Analyse(Named("assets"),
                             ReadPolicy("'*'",
                                        "    Condition:\n"
                                        "      StringLike:\n"
                                        "        aws:SourceVpce: 'vpce-*'\n"));
  EXPECT_TRUE(Anonymous(e, Access::kReadObjects));
}

TEST(ExposureTest, SourceIpAnyAddressIsPublic) {
  BucketExposure e =
      Analyse(Named("assets"), ReadPolicy("'*'",
                                          "    Condition:\n"
                                          "      IpAddress:\n"
                                          "        aws:SourceIp: 0.0.0.0/0\n"));
  EXPECT_TRUE(Anonymous(e, Access::kReadObjects));
  EXPECT_TRUE(Outsider(e, Access::kReadObjects));
}

TEST(ExposureTest, NarrowSourceIpIsTheOwnersNetwork) {
  BucketExposure e = Analyse(
      Named("assets"),
      ReadPolicy("'*'",
                 "    Condition:\n"
                 "      IpAddress:\n"
                 "        aws:SourceIp: [203.0.113.0/24, 10.0.0.0/8]\n"));
  EXPECT_FALSE(Anonymous(e, Access::kReadObjects));
  EXPECT_FALSE(Outsider(e, Access::kReadObjects));
}

TEST(ExposureTest, PrincipalOrgIdIsNotPublic) {
  BucketExposure e =
      Analyse(Named("assets"),
              ReadPolicy("'*'",
                         "    Condition:\n"
                         "      StringEquals:\n"
                         "        aws:PrincipalOrgID: o-abc123def4\n"));
  EXPECT_FALSE(Anonymous(e, Access::kReadObjects));
  EXPECT_FALSE(Outsider(e, Access::kReadObjects));
}

TEST(ExposureTest, CloudFrontWithSourceArnIsNotPublic) {
  BucketExposure e =
      Analyse(Named("assets"),
              ReadPolicy("{Service: cloudfront.amazonaws.com}",
                         "    Condition:\n"
                         "      StringEquals:\n"
                         "        AWS:SourceArn: !Sub "
                         "'arn:aws:cloudfront::${AWS::AccountId}:distribution/"
                         "${CDN}'\n"));
  for (Access access : {Access::kReadObjects, Access::kWriteObjects,
                        Access::kList, Access::kChangePermissions}) {
    EXPECT_FALSE(Anonymous(e, access));
    EXPECT_FALSE(Outsider(e, access));
    EXPECT_FALSE(e.Get(Audience::kAnonymous, access).granted());
  }
}

TEST(ExposureTest, ControlledConditionsAreSatisfied) {
  BucketExposure e = Analyse(
      Named("assets"),
      ReadPolicy("'*'",
                 "    Condition:\n"
                 "      Bool: {aws:SecureTransport: 'false'}\n"
                 "      StringLike: {aws:Referer: 'https://example.com/*'}\n"
                 "      DateLessThan: {aws:CurrentTime: "
                 "'2020-01-01T00:00:00Z'}\n"));
  EXPECT_TRUE(Anonymous(e, Access::kReadObjects));
}

TEST(ExposureTest, AwsStarNeedsAnAuthenticatedPrincipalOnlyWithACondition) {
  // aws:PrincipalType is bound to the caller: anonymous callers are
  // "Anonymous", so only other accounts' users get in.
  BucketExposure e =
      Analyse(Named("assets"),
              ReadPolicy("{AWS: '*'}",
                         "    Condition:\n"
                         "      StringEquals: {aws:PrincipalType: User}\n"));
  EXPECT_FALSE(Anonymous(e, Access::kReadObjects));
  EXPECT_TRUE(Outsider(e, Access::kReadObjects));
}

TEST(ExposureTest, FixedOtherAccountIsNeitherAudience) {
  BucketExposure e = Analyse(
      Named("assets"), ReadPolicy("{AWS: 'arn:aws:iam::222222222222:root'}"));
  EXPECT_FALSE(Anonymous(e, Access::kReadObjects));
  EXPECT_FALSE(Outsider(e, Access::kReadObjects));
}

TEST(ExposureTest, ExplicitDenyOnInsecureTransportStillLeavesHttps) {
  BucketExposure e =
      Analyse(Named("assets"),
              "Statement:\n"
              "  - Effect: Allow\n"
              "    Principal: '*'\n"
              "    Action: ['s3:GetObject', 's3:PutObject']\n"
              "    Resource: arn:aws:s3:::assets/*\n"
              "  - Effect: Deny\n"
              "    Principal: '*'\n"
              "    Action: 's3:*'\n"
              "    Resource: arn:aws:s3:::assets/*\n"
              "    Condition: {Bool: {aws:SecureTransport: 'false'}}\n"
              "  - Effect: Deny\n"
              "    Principal: '*'\n"
              "    Action: s3:PutObject\n"
              "    Resource: arn:aws:s3:::assets/*\n");
  EXPECT_TRUE(Anonymous(e, Access::kReadObjects));
  EXPECT_FALSE(Anonymous(e, Access::kWriteObjects));
}

TEST(ExposureTest, WriteAndPermissionChanges) {
  BucketExposure e = Analyse(
      Named("assets"),
      "Statement:\n"
      "  - Effect: Allow\n"
      "    Principal: '*'\n"
      "    Action: ['s3:PutObject', 's3:PutBucketPolicy', 's3:ListBucket']\n"
      "    Resource: [!GetAtt AssetsBucket.Arn, !Sub "
      "'${AssetsBucket.Arn}/*']\n");
  EXPECT_TRUE(Anonymous(e, Access::kWriteObjects));
  EXPECT_TRUE(Anonymous(e, Access::kChangePermissions));
  EXPECT_TRUE(Anonymous(e, Access::kList));
  EXPECT_FALSE(Anonymous(e, Access::kReadObjects));
}

TEST(ExposureTest, ObjectKeyIsChosenFromTheStatementsResource) {
  BucketExposure e = Analyse(Named("assets"),
                             "Statement:\n"
                             "  - Effect: Allow\n"
                             "    Principal: '*'\n"
                             "    Action: s3:PutObject\n"
                             "    Resource: arn:aws:s3:::assets/incoming/*\n"
                             "  - Effect: Allow\n"
                             "    Principal: '*'\n"
                             "    Action: s3:GetObject\n"
                             "    Resource: arn:aws:s3:::other-bucket/*\n");
  EXPECT_TRUE(Anonymous(e, Access::kWriteObjects));
  EXPECT_FALSE(Anonymous(e, Access::kReadObjects));
}

TEST(ExposureTest, RestrictPublicBucketsBlocksThePolicy) {
  Bucket bucket = Named("assets");
  bucket.public_access_block = Block(false, false, false, true);
  BucketExposure e = Analyse(bucket, ReadPolicy("'*'"));
  const storage::AccessResult& read =
      e.Get(Audience::kAnonymous, Access::kReadObjects);
  EXPECT_TRUE(read.granted());
  EXPECT_FALSE(read.effective());
  EXPECT_EQ(read.grants[0].blocked_by, "RestrictPublicBuckets");
  EXPECT_EQ(read.grants[0].blocked_location.line, 9);
  EXPECT_FALSE(Outsider(e, Access::kReadObjects));
  EXPECT_FALSE(e.policy_rejected);
}

TEST(ExposureTest, BlockPublicPolicyRejectsThePolicy) {
  Bucket bucket = Named("assets");
  bucket.public_access_block = Block(false, false, true, false);
  BucketExposure e = Analyse(bucket, ReadPolicy("'*'"));
  EXPECT_FALSE(Anonymous(e, Access::kReadObjects));
  EXPECT_EQ(
      e.Get(Audience::kAnonymous, Access::kReadObjects).grants[0].blocked_by,
      "BlockPublicPolicy");
  EXPECT_TRUE(e.policy_rejected);
}

TEST(ExposureTest, CurrentDefaultsBlockWhenSettingsAreAbsent) {
  BucketExposure e = Analyse(Named("assets"), ReadPolicy("'*'"),
                             {.assume_current_defaults = true});
  EXPECT_FALSE(Anonymous(e, Access::kReadObjects));
  EXPECT_TRUE(e.Get(Audience::kAnonymous, Access::kReadObjects).granted());
}

struct AclCase {
  CannedAcl acl;
  bool anonymous_list, outsider_list, anonymous_write, public_acl;
};

TEST(ExposureTest, EachCannedAcl) {
  const AclCase cases[] = {
      {CannedAcl::kAbsent, false, false, false, false},
      {CannedAcl::kPrivate, false, false, false, false},
      {CannedAcl::kPublicRead, true, true, false, true},
      {CannedAcl::kPublicReadWrite, true, true, true, true},
      {CannedAcl::kAuthenticatedRead, false, true, false, true},
      {CannedAcl::kLogDeliveryWrite, false, false, false, false},
      {CannedAcl::kBucketOwnerRead, false, false, false, false},
      {CannedAcl::kBucketOwnerFullControl, false, false, false, false},
      {CannedAcl::kAwsExecRead, false, false, false, false},
  };
  for (const AclCase& c : cases) {
    SCOPED_TRACE(std::string(CannedAclName(c.acl)));
    Bucket bucket = Named("assets");
    bucket.access_control = c.acl;
    bucket.access_control_location = {"t.yaml", 4, 22};
    BucketExposure e = Analyse(bucket, "");
    EXPECT_EQ(Anonymous(e, Access::kList), c.anonymous_list);
    EXPECT_EQ(Outsider(e, Access::kList), c.outsider_list);
    EXPECT_EQ(Anonymous(e, Access::kWriteObjects), c.anonymous_write);
    EXPECT_EQ(e.public_acl, c.public_acl);
    // A bucket ACL never grants object reads or permission changes.
    EXPECT_FALSE(Anonymous(e, Access::kReadObjects));
    EXPECT_FALSE(Outsider(e, Access::kChangePermissions));
  }
}

TEST(ExposureTest, AclEvidenceNamesTheSetting) {
  Bucket bucket = Named("assets");
  bucket.access_control = CannedAcl::kPublicReadWrite;
  bucket.access_control_location = {"t.yaml", 4, 22};
  BucketExposure e = Analyse(bucket, "");
  const storage::AccessResult& write =
      e.Get(Audience::kAnonymous, Access::kWriteObjects);
  ASSERT_THAT(write.grants, SizeIs(1));
  EXPECT_FALSE(write.grants[0].from_policy);
  EXPECT_EQ(write.grants[0].location.line, 4);
  EXPECT_THAT(write.grants[0].description,
              HasSubstr("AccessControl PublicReadWrite grants AllUsers WRITE"));
}

TEST(ExposureTest, BucketOwnerEnforcedDisablesAcls) {
  Bucket bucket = Named("assets");
  bucket.access_control = CannedAcl::kPublicRead;
  bucket.object_ownership = ObjectOwnership::kBucketOwnerEnforced;
  bucket.object_ownership_location = {"t.yaml", 12, 30};
  BucketExposure e = Analyse(bucket, "");
  EXPECT_TRUE(e.public_acl);
  EXPECT_FALSE(Anonymous(e, Access::kList));
  const storage::Grant& grant =
      e.Get(Audience::kAnonymous, Access::kList).grants.at(0);
  EXPECT_EQ(grant.blocked_by, "ObjectOwnership BucketOwnerEnforced");
  EXPECT_EQ(grant.blocked_location.line, 12);
}

TEST(ExposureTest, IgnorePublicAclsAndBlockPublicAcls) {
  Bucket bucket = Named("assets");
  bucket.access_control = CannedAcl::kPublicRead;
  bucket.object_ownership = ObjectOwnership::kObjectWriter;
  bucket.public_access_block = Block(false, true, false, false);
  EXPECT_EQ(Analyse(bucket, "")
                .Get(Audience::kAnonymous, Access::kList)
                .grants.at(0)
                .blocked_by,
            "IgnorePublicAcls");
  bucket.public_access_block = Block(true, false, false, false);
  EXPECT_EQ(Analyse(bucket, "")
                .Get(Audience::kAnonymous, Access::kList)
                .grants.at(0)
                .blocked_by,
            "BlockPublicAcls");
}

TEST(ExposureTest, GeneratedNameUsesTheLogicalId) {
  BucketExposure e = Analyse(Bucket(), ReadPolicy("'*'"));
  EXPECT_EQ(e.bucket_arn, "arn:aws:s3:::assetsbucket");
  EXPECT_TRUE(Anonymous(e, Access::kReadObjects));
}

TEST(ExposureTest, BadCidrIsAnErrorWithItsLocation) {
  Model model = BucketModel(Named("assets"),
                            ReadPolicy("'*'",
                                       "    Condition:\n"
                                       "      IpAddress:\n"
                                       "        aws:SourceIp: 300.0.0.0/8\n"));
  absl::StatusOr<std::vector<BucketExposure>> exposures =
      storage::AnalyseBucketExposure(model);
  EXPECT_THAT(exposures, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_EQ(ErrorAt(exposures), "10:23");  // the CIDR value
  // Or, on request, the bucket is decided without its policy.
  ASSERT_OK_AND_ASSIGN(std::vector<BucketExposure> lenient,
                       storage::AnalyseBucketExposure(
                           model, {.continue_on_policy_error = true}));
  ASSERT_THAT(lenient, SizeIs(1));
  EXPECT_THAT(lenient[0].policy_error, HasSubstr("300.0.0.0/8"));
  EXPECT_THAT(lenient[0].policy_error, Not(HasSubstr("t.yaml")));
  EXPECT_EQ(lenient[0].policy_error_location.line, 10);
  EXPECT_EQ(lenient[0].policy_error_location.column, 23);
  EXPECT_FALSE(
      lenient[0].Get(Audience::kAnonymous, Access::kReadObjects).granted());
}

TEST(ExposureTest, Names) {
  EXPECT_EQ(storage::AudienceName(Audience::kAnonymous), "anonymous");
  EXPECT_EQ(storage::AccessName(Access::kChangePermissions),
            "change-permissions");
}

}  // namespace
}  // namespace polygraph::testing
