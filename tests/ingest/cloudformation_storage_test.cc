// Bucket facets (lib/ingest/cloudformation_storage.cc).

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/ingest/ingest_testing.h"
#include "tests/testing.h"

namespace polygraph::ingest {
namespace {

using testing::ExpectInputError;
using testing::Imported;
using testing::ImportTemplate;

TEST(CloudFormationStorageTest, PublicAccessBlockWithLocations) {
  ASSERT_OK_AND_ASSIGN(Imported imported, ImportTemplate(R"(
Parameters:
  Name: {Type: String, Default: my-logs}
  Strict: {Type: String, Default: "true"}
Resources:
  Logs:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Ref Name
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        IgnorePublicAcls: "False"
        BlockPublicPolicy: !Ref Strict
  Plain:
    Type: AWS::S3::Bucket
  Named:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub "${AWS::StackName}-data"
)"));
  const std::vector<Bucket>& buckets = imported.model.buckets();
  ASSERT_EQ(buckets.size(), 3u);
  const Bucket& logs = buckets[0];
  EXPECT_EQ(logs.resource, imported.IndexOf("Logs"));
  EXPECT_EQ(logs.bucket_name, "my-logs");
  const PublicAccessBlock& block = logs.public_access_block;
  EXPECT_TRUE(block.present);
  EXPECT_EQ(block.location, (SourceLocation{"t.yaml", 10, 7}));
  EXPECT_TRUE(block.block_public_acls.set);
  EXPECT_TRUE(block.block_public_acls.value);
  EXPECT_EQ(block.block_public_acls.location,
            (SourceLocation{"t.yaml", 11, 26}));
  EXPECT_TRUE(block.ignore_public_acls.set);
  EXPECT_FALSE(block.ignore_public_acls.value);
  EXPECT_TRUE(block.block_public_policy.set);
  EXPECT_TRUE(block.block_public_policy.value);
  EXPECT_FALSE(block.restrict_public_buckets.set);
  EXPECT_FALSE(buckets[1].public_access_block.present);
  EXPECT_EQ(buckets[1].bucket_name, "");
  EXPECT_EQ(buckets[2].bucket_name, "${AWS::StackName}-data");
  EXPECT_TRUE(imported.diagnostics.empty());
}

TEST(CloudFormationStorageTest, SymbolicFlagsAreNoted) {
  ASSERT_OK_AND_ASSIGN(Imported imported, ImportTemplate(R"({
  "Parameters": {"Block": {"Type": "String"}},
  "Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": {
    "PublicAccessBlockConfiguration": {"BlockPublicAcls": {"Ref": "Block"},
                                       "RestrictPublicBuckets": false}}}}
})",
                                                         /*json=*/true));
  const PublicAccessBlock& block =
      imported.model.buckets()[0].public_access_block;
  EXPECT_TRUE(block.present);
  EXPECT_EQ(block.location, (SourceLocation{"t.json", 4, 5}));
  EXPECT_FALSE(block.block_public_acls.set);
  EXPECT_TRUE(block.restrict_public_buckets.set);
  EXPECT_FALSE(block.restrict_public_buckets.value);
  std::vector<Diagnostic> notes = imported.WithCode("symbolic-value");
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0].location, (SourceLocation{"t.json", 4, 59}));
}

TEST(CloudFormationStorageTest, Errors) {
  ExpectInputError(ImportTemplate(R"(
Resources:
  B:
    Type: AWS::S3::Bucket
    Properties:
      PublicAccessBlockConfiguration:
        BlockPublicAcls: yes
)")
                       .status(),
                   7, 26,
                   R"(BlockPublicAcls must be true or false, found "yes")");
  ExpectInputError(ImportTemplate(R"(
Resources:
  B:
    Type: AWS::S3::Bucket
    Properties:
      PublicAccessBlockConfiguration: [true]
)")
                       .status(),
                   6, 39,
                   "PublicAccessBlockConfiguration must be an object, found "
                   "array");
}

TEST(CloudFormationStorageTest, AccessControlAndOwnershipWithLocations) {
  ASSERT_OK_AND_ASSIGN(Imported imported, ImportTemplate(R"(
Resources:
  Site:
    Type: AWS::S3::Bucket
    Properties:
      AccessControl: PublicRead
      OwnershipControls:
        Rules:
          - ObjectOwnership: ObjectWriter
  Plain:
    Type: AWS::S3::Bucket
)"));
  const std::vector<Bucket>& buckets = imported.model.buckets();
  ASSERT_EQ(buckets.size(), 2u);
  EXPECT_EQ(buckets[0].access_control, CannedAcl::kPublicRead);
  EXPECT_EQ(buckets[0].access_control_location,
            (SourceLocation{"t.yaml", 6, 22}));
  EXPECT_EQ(buckets[0].object_ownership, ObjectOwnership::kObjectWriter);
  EXPECT_EQ(buckets[0].object_ownership_location,
            (SourceLocation{"t.yaml", 9, 30}));
  EXPECT_EQ(buckets[1].access_control, CannedAcl::kAbsent);
  EXPECT_EQ(buckets[1].object_ownership, ObjectOwnership::kAbsent);
  EXPECT_EQ(CannedAclName(CannedAcl::kAuthenticatedRead), "AuthenticatedRead");
  EXPECT_EQ(ObjectOwnershipName(ObjectOwnership::kBucketOwnerEnforced),
            "BucketOwnerEnforced");
}

TEST(CloudFormationStorageTest, EveryCannedAclIsRead) {
  for (CannedAcl acl :
       {CannedAcl::kPrivate, CannedAcl::kPublicRead,
        CannedAcl::kPublicReadWrite, CannedAcl::kAuthenticatedRead,
        CannedAcl::kLogDeliveryWrite, CannedAcl::kBucketOwnerRead,
        CannedAcl::kBucketOwnerFullControl, CannedAcl::kAwsExecRead}) {
    std::string name(CannedAclName(acl));
    ASSERT_OK_AND_ASSIGN(
        Imported imported,
        ImportTemplate("Resources:\n  B:\n    Type: AWS::S3::Bucket\n"
                       "    Properties:\n      AccessControl: " +
                       name + "\n"));
    EXPECT_EQ(imported.model.buckets().at(0).access_control, acl) << name;
  }
}

TEST(CloudFormationStorageTest, UnknownAclAndOwnershipAreErrors) {
  ExpectInputError(ImportTemplate(R"(
Resources:
  B:
    Type: AWS::S3::Bucket
    Properties:
      AccessControl: public-read
)")
                       .status(),
                   6, 22,
                   R"(AccessControl must be Private, PublicRead, )"
                   R"(PublicReadWrite, AuthenticatedRead, LogDeliveryWrite, )"
                   R"(BucketOwnerRead, BucketOwnerFullControl or AwsExecRead, )"
                   R"(found "public-read")");
  ExpectInputError(ImportTemplate(R"(
Resources:
  B:
    Type: AWS::S3::Bucket
    Properties:
      OwnershipControls:
        Rules:
          - ObjectOwnership: BucketOwner
)")
                       .status(),
                   8, 30,
                   R"(ObjectOwnership must be BucketOwnerEnforced, )"
                   R"(BucketOwnerPreferred or ObjectWriter, found )"
                   R"("BucketOwner")");
  ExpectInputError(ImportTemplate(R"(
Resources:
  B:
    Type: AWS::S3::Bucket
    Properties:
      OwnershipControls: {}
)")
                       .status(),
                   6, 26, "OwnershipControls has no Rules");
}

}  // namespace
}  // namespace polygraph::ingest
