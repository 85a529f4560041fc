// Block Public Access at bucket and account level, object ownership, and
// object ACLs (lib/storage/blocks.cc), through AnalyseBucketExposure.

#include <string>
#include <utility>
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

constexpr char kPublicRead[] =
    "Version: '2012-10-17'\n"
    "Statement:\n"
    "  - Sid: Read\n"
    "    Effect: Allow\n"
    "    Principal: '*'\n"
    "    Action: s3:GetObject\n"
    "    Resource: !Sub '${AssetsBucket.Arn}/*'\n";

// An account block with the four settings, at lines 40..43 of "acct.yaml".
AccountPublicAccessBlock Account(bool acls, bool ignore, bool policy,
                                 bool restrict, std::string account_id = "") {
  AccountPublicAccessBlock account;
  account.account_id = std::move(account_id);
  account.settings.present = true;
  account.settings.block_public_acls = {acls, true, {"acct.yaml", 40, 9}};
  account.settings.ignore_public_acls = {ignore, true, {"acct.yaml", 41, 9}};
  account.settings.block_public_policy = {policy, true, {"acct.yaml", 42, 9}};
  account.settings.restrict_public_buckets = {
      restrict, true, {"acct.yaml", 43, 9}};
  return account;
}

BucketExposure Analyse(Bucket bucket, const std::string& policy,
                       std::vector<AccountPublicAccessBlock> accounts,
                       const storage::ExposureOptions& options = {}) {
  Model model = BucketModel(std::move(bucket), policy, std::move(accounts));
  absl::StatusOr<std::vector<BucketExposure>> exposures =
      storage::AnalyseBucketExposure(model, options);
  EXPECT_TRUE(exposures.ok()) << exposures.status();
  if (!exposures.ok() || exposures->size() != 1) return BucketExposure();
  return (*exposures)[0];
}

const storage::Grant& First(const BucketExposure& e, Access access) {
  return e.Get(Audience::kAnonymous, access).grants.at(0);
}

Bucket AclBucket() {
  Bucket bucket = Named("assets");
  bucket.access_control = CannedAcl::kPublicRead;
  bucket.access_control_location = {"t.yaml", 4, 22};
  bucket.object_ownership = ObjectOwnership::kObjectWriter;
  bucket.object_ownership_location = {"t.yaml", 12, 30};
  return bucket;
}

TEST(BlocksTest, AccountRestrictPublicBuckets) {
  BucketExposure e = Analyse(Named("assets"), kPublicRead,
                             {Account(false, false, false, true)});
  EXPECT_FALSE(e.Get(Audience::kAnonymous, Access::kReadObjects).effective());
  EXPECT_EQ(First(e, Access::kReadObjects).blocked_by,
            "account RestrictPublicBuckets");
  EXPECT_EQ(First(e, Access::kReadObjects).blocked_location,
            (SourceLocation{"acct.yaml", 43, 9}));
  EXPECT_FALSE(e.policy_rejected);
}

TEST(BlocksTest, AccountBlockPublicPolicyRejectsThePolicy) {
  BucketExposure e = Analyse(Named("assets"), kPublicRead,
                             {Account(false, false, true, false)});
  EXPECT_FALSE(e.Get(Audience::kAnonymous, Access::kReadObjects).effective());
  EXPECT_EQ(First(e, Access::kReadObjects).blocked_by,
            "account BlockPublicPolicy");
  EXPECT_EQ(First(e, Access::kReadObjects).blocked_location.line, 42);
  EXPECT_TRUE(e.policy_rejected);
}

TEST(BlocksTest, AccountIgnorePublicAcls) {
  BucketExposure e =
      Analyse(AclBucket(), "", {Account(false, true, false, false)});
  EXPECT_FALSE(e.Get(Audience::kAnonymous, Access::kList).effective());
  EXPECT_EQ(First(e, Access::kList).blocked_by, "account IgnorePublicAcls");
  EXPECT_EQ(First(e, Access::kList).blocked_location.line, 41);
  EXPECT_FALSE(e.object_acls_can_grant_public);
}

TEST(BlocksTest, AccountBlockPublicAcls) {
  BucketExposure e =
      Analyse(AclBucket(), "", {Account(true, false, false, false)});
  EXPECT_FALSE(e.Get(Audience::kAnonymous, Access::kList).effective());
  EXPECT_EQ(First(e, Access::kList).blocked_by, "account BlockPublicAcls");
  EXPECT_EQ(First(e, Access::kList).blocked_location.line, 40);
  // Public ACLs already on objects are still honoured.
  EXPECT_TRUE(e.object_acls_can_grant_public);
}

TEST(BlocksTest, BucketSettingIsNamedFirstWhenBothAreOn) {
  Bucket bucket = Named("assets");
  bucket.public_access_block = Block(false, false, false, true);
  BucketExposure e =
      Analyse(bucket, kPublicRead, {Account(true, true, true, true)});
  EXPECT_EQ(First(e, Access::kReadObjects).blocked_by, "RestrictPublicBuckets");
}

TEST(BlocksTest, AccountSettingsOffOrOfAnotherAccountBlockNothing) {
  for (AccountPublicAccessBlock account :
       {Account(false, false, false, false),
        Account(true, true, true, true, "222222222222")}) {
    BucketExposure e = Analyse(Named("assets"), kPublicRead, {account});
    EXPECT_TRUE(e.Get(Audience::kAnonymous, Access::kReadObjects).effective());
  }
  BucketExposure owner =
      Analyse(Named("assets"), kPublicRead,
              {Account(false, false, false, true,
                       std::string(storage::kOwnerAccount))});
  EXPECT_FALSE(
      owner.Get(Audience::kAnonymous, Access::kReadObjects).effective());
}

TEST(BlocksTest, ObjectAclsCanGrantPublicWhileAclsAreEnabled) {
  BucketExposure e = Analyse(AclBucket(), "", {});
  EXPECT_TRUE(e.object_acls_can_grant_public);
  EXPECT_EQ(e.object_acls_location, (SourceLocation{"t.yaml", 12, 30}));

  // Absent ObjectOwnership: ACLs are enabled; no value to point at.
  BucketExposure absent = Analyse(Named("assets"), "", {});
  EXPECT_TRUE(absent.object_acls_can_grant_public);
  EXPECT_FALSE(absent.object_acls_location.known());
}

TEST(BlocksTest, ObjectAclsCannotGrantPublic) {
  Bucket enforced = Named("assets");
  enforced.object_ownership = ObjectOwnership::kBucketOwnerEnforced;
  EXPECT_FALSE(Analyse(enforced, "", {}).object_acls_can_grant_public);

  Bucket ignore = AclBucket();
  ignore.public_access_block = Block(false, true, false, false);
  EXPECT_FALSE(Analyse(ignore, "", {}).object_acls_can_grant_public);

  // S3's current defaults: BucketOwnerEnforced and all four settings on.
  EXPECT_FALSE(
      Analyse(Named("assets"), "", {}, {.assume_current_defaults = true})
          .object_acls_can_grant_public);
  // BucketOwnerPreferred still honours object ACLs.
  Bucket preferred = AclBucket();
  preferred.object_ownership = ObjectOwnership::kBucketOwnerPreferred;
  EXPECT_TRUE(Analyse(preferred, "", {}).object_acls_can_grant_public);
}

}  // namespace
}  // namespace polygraph::testing
