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

// An unknown canned ACL or ownership is an error diagnostic at the value;
// the setting is left out and the rest of the template is still analysed.
TEST(CloudFormationStorageTest, UnknownAclAndOwnershipAreInvalidValues) {
  ASSERT_OK_AND_ASSIGN(Imported imported, ImportTemplate(R"(
Resources:
  B:
    Type: AWS::S3::Bucket
    Properties:
      AccessControl: public-read
      OwnershipControls:
        Rules:
          - ObjectOwnership: BucketOwner
  C:
    Type: AWS::S3::Bucket
)"));
  ASSERT_EQ(imported.model.buckets().size(), 2u);
  const Bucket& bucket = imported.model.buckets()[0];
  EXPECT_EQ(bucket.access_control, CannedAcl::kAbsent);
  EXPECT_FALSE(bucket.access_control_location.known());
  EXPECT_EQ(bucket.object_ownership, ObjectOwnership::kAbsent);
  std::vector<Diagnostic> invalid = imported.WithCode("invalid-value");
  ASSERT_EQ(invalid.size(), 2u);
  EXPECT_EQ(invalid[0].level, Diagnostic::Level::kError);
  EXPECT_EQ(invalid[0].location, (SourceLocation{"t.yaml", 6, 22}));
  EXPECT_EQ(invalid[0].message,
            R"(AccessControl "public-read" is not one of Private, PublicRead, )"
            R"(PublicReadWrite, AuthenticatedRead, LogDeliveryWrite, )"
            R"(BucketOwnerRead, BucketOwnerFullControl or AwsExecRead; the )"
            R"(setting is left out)");
  EXPECT_EQ(invalid[1].location, (SourceLocation{"t.yaml", 9, 30}));
  EXPECT_EQ(invalid[1].message,
            R"(ObjectOwnership "BucketOwner" is not one of )"
            R"(BucketOwnerEnforced, BucketOwnerPreferred or ObjectWriter; the )"
            R"(setting is left out)");
}

TEST(CloudFormationStorageTest, OwnershipControlsWithoutRulesIsAnError) {
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

TEST(CloudFormationStorageTest, EncryptionVersioningLifecycleAndLogging) {
  ASSERT_OK_AND_ASSIGN(Imported imported, ImportTemplate(R"(
Resources:
  Data:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: aws:kms
              KMSMasterKeyID: !Ref Key
      VersioningConfiguration:
        Status: Suspended
      LifecycleConfiguration:
        Rules:
          - Id: Archive
            Status: Enabled
            Transitions:
              - StorageClass: STANDARD_IA
                TransitionInDays: 30
              - StorageClass: GLACIER
                TransitionDate: '2030-01-01T00:00:00Z'
            Transition: {StorageClass: DEEP_ARCHIVE, TransitionInDays: "365"}
            NoncurrentVersionTransitions:
              - {StorageClass: ONEZONE_IA, TransitionInDays: 7}
            NoncurrentVersionTransition:
              {StorageClass: GLACIER_IR, TransitionInDays: 14}
          - Status: Disabled
            ExpirationInDays: 10
      LoggingConfiguration:
        DestinationBucketName: !Ref Logs
  Logs:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: app-logs
      LoggingConfiguration: {}
  ByName:
    Type: AWS::S3::Bucket
    Properties:
      LoggingConfiguration:
        DestinationBucketName: app-logs
  Key:
    Type: AWS::KMS::Key
)"));
  const std::vector<Bucket>& buckets = imported.model.buckets();
  ASSERT_EQ(buckets.size(), 3u);
  const Bucket& data = buckets[0];
  EXPECT_EQ(data.encryption, BucketEncryption::kSseKms);
  EXPECT_EQ(data.encryption_location, (SourceLocation{"t.yaml", 9, 29}));
  EXPECT_EQ(data.kms_key, "${Key}");
  EXPECT_EQ(data.versioning, Versioning::kSuspended);
  EXPECT_EQ(data.versioning_location, (SourceLocation{"t.yaml", 12, 17}));
  EXPECT_EQ(data.lifecycle_location, (SourceLocation{"t.yaml", 13, 7}));
  ASSERT_EQ(data.lifecycle_rules.size(), 2u);
  const LifecycleRule& archive = data.lifecycle_rules[0];
  EXPECT_EQ(archive.id, "Archive");
  EXPECT_TRUE(archive.enabled);
  EXPECT_FALSE(archive.expires);
  EXPECT_EQ(archive.location, (SourceLocation{"t.yaml", 15, 13}));
  ASSERT_EQ(archive.transitions.size(), 5u);
  EXPECT_EQ(archive.transitions[0].storage_class, "STANDARD_IA");
  EXPECT_EQ(archive.transitions[0].days, 30);
  EXPECT_EQ(archive.transitions[0].location,
            (SourceLocation{"t.yaml", 18, 31}));
  EXPECT_EQ(archive.transitions[1].storage_class, "GLACIER");
  EXPECT_EQ(archive.transitions[1].days, -1);
  EXPECT_EQ(archive.transitions[2].storage_class, "DEEP_ARCHIVE");
  EXPECT_EQ(archive.transitions[2].days, 365);
  EXPECT_FALSE(archive.transitions[2].noncurrent);
  EXPECT_EQ(archive.transitions[3].storage_class, "ONEZONE_IA");
  EXPECT_TRUE(archive.transitions[3].noncurrent);
  EXPECT_EQ(archive.transitions[4].storage_class, "GLACIER_IR");
  EXPECT_EQ(archive.transitions[4].days, 14);
  EXPECT_FALSE(data.lifecycle_rules[1].enabled);
  EXPECT_TRUE(data.lifecycle_rules[1].expires);
  EXPECT_TRUE(data.has_logging);
  EXPECT_EQ(data.logging_location, (SourceLocation{"t.yaml", 29, 7}));
  EXPECT_EQ(data.logging_destination, imported.IndexOf("Logs"));
  // No destination: S3 logs into the bucket itself.
  EXPECT_EQ(buckets[1].logging_destination, imported.IndexOf("Logs"));
  EXPECT_EQ(buckets[1].encryption, BucketEncryption::kAbsent);
  EXPECT_EQ(buckets[1].versioning, Versioning::kAbsent);
  EXPECT_FALSE(buckets[1].lifecycle_location.known());
  // A literal equal to a declared BucketName.
  EXPECT_EQ(buckets[2].logging_destination, imported.IndexOf("Logs"));
  EXPECT_TRUE(imported.diagnostics.empty());
  EXPECT_EQ(BucketEncryptionName(BucketEncryption::kDsseKms), "aws:kms:dsse");
  EXPECT_EQ(VersioningName(Versioning::kEnabled), "Enabled");
}

TEST(CloudFormationStorageTest, UnknownValuesAreDiagnosticsNotErrors) {
  ASSERT_OK_AND_ASSIGN(Imported imported, ImportTemplate(R"(
Resources:
  Data:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: AES128
      LifecycleConfiguration:
        Rules:
          - Status: Enabled
            Transitions:
              - StorageClass: GLACIER_DEEP
                TransitionInDays: 30
              - StorageClass: GLACIER
                TransitionInDays: 90
  Other:
    Type: AWS::S3::Bucket
)"));
  const std::vector<Bucket>& buckets = imported.model.buckets();
  ASSERT_EQ(buckets.size(), 2u);
  EXPECT_EQ(buckets[0].encryption, BucketEncryption::kAbsent);
  ASSERT_EQ(buckets[0].lifecycle_rules.size(), 1u);
  ASSERT_EQ(buckets[0].lifecycle_rules[0].transitions.size(), 1u);
  EXPECT_EQ(buckets[0].lifecycle_rules[0].transitions[0].storage_class,
            "GLACIER");
  std::vector<Diagnostic> invalid = imported.WithCode("invalid-value");
  ASSERT_EQ(invalid.size(), 2u);
  EXPECT_EQ(invalid[0].level, Diagnostic::Level::kError);
  EXPECT_EQ(invalid[0].location, (SourceLocation{"t.yaml", 9, 29}));
  EXPECT_EQ(invalid[0].message,
            R"(SSEAlgorithm "AES128" is not one of AES256, aws:kms or )"
            R"(aws:kms:dsse; the bucket's default encryption is left out)");
  EXPECT_EQ(invalid[1].location, (SourceLocation{"t.yaml", 14, 31}));
  EXPECT_EQ(invalid[1].message,
            R"(StorageClass "GLACIER_DEEP" is not one of STANDARD_IA, )"
            R"(ONEZONE_IA, INTELLIGENT_TIERING, GLACIER_IR, GLACIER or )"
            R"(DEEP_ARCHIVE; the transition is left out)");
}

TEST(CloudFormationStorageTest, SymbolicSettingsAreNoted) {
  ASSERT_OK_AND_ASSIGN(Imported imported, ImportTemplate(R"(
Parameters:
  Algorithm: {Type: String}
  Class: {Type: String}
  Target: {Type: String}
Resources:
  Data:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault: {SSEAlgorithm: !Ref Algorithm}
      LifecycleConfiguration:
        Rules:
          - Status: Enabled
            Transitions: [{StorageClass: !Ref Class, TransitionInDays: 9}]
      LoggingConfiguration: {DestinationBucketName: !Ref Target}
)"));
  const Bucket& data = imported.model.buckets().at(0);
  EXPECT_EQ(data.encryption, BucketEncryption::kAbsent);
  ASSERT_EQ(data.lifecycle_rules.at(0).transitions.size(), 1u);
  EXPECT_EQ(data.lifecycle_rules[0].transitions[0].storage_class, "");
  EXPECT_EQ(data.logging_destination, kNoResource);
  EXPECT_EQ(imported.WithCode("symbolic-value").size(), 3u);
  EXPECT_TRUE(imported.WithCode("invalid-value").empty());
}

TEST(CloudFormationStorageTest, WrongKindsAreStillErrors) {
  ExpectInputError(ImportTemplate(R"(
Resources:
  B:
    Type: AWS::S3::Bucket
    Properties:
      LifecycleConfiguration:
        Rules:
          - Status: Enabled
            Transitions: {StorageClass: GLACIER}
)")
                       .status(),
                   9, 26, "Transitions must be an array, found object");
  ExpectInputError(ImportTemplate(R"(
Resources:
  B:
    Type: AWS::S3::Bucket
    Properties:
      VersioningConfiguration: [Enabled]
)")
                       .status(),
                   6, 32, "VersioningConfiguration must be an object");
  ExpectInputError(ImportTemplate(R"(
Resources:
  B:
    Type: AWS::S3::Bucket
    Properties:
      LifecycleConfiguration:
        Rules:
          - Status: Enabled
            Transition: {StorageClass: GLACIER, TransitionInDays: soon}
)")
                       .status(),
                   9, 67, "TransitionInDays must be a whole number of days");
  ExpectInputError(ImportTemplate(R"(
Resources:
  B:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault: {SSEAlgorithm: {a: b}}
)")
                       .status(),
                   8, 59, "SSEAlgorithm must be a string");
}

TEST(CloudFormationStorageTest, UnknownVersioningStatusIsAnInvalidValue) {
  ASSERT_OK_AND_ASSIGN(Imported imported, ImportTemplate(R"(
Resources:
  B:
    Type: AWS::S3::Bucket
    Properties:
      VersioningConfiguration: {Status: enabled}
)"));
  ASSERT_EQ(imported.model.buckets().size(), 1u);
  EXPECT_EQ(imported.model.buckets()[0].versioning, Versioning::kAbsent);
  std::vector<Diagnostic> invalid = imported.WithCode("invalid-value");
  ASSERT_EQ(invalid.size(), 1u);
  EXPECT_EQ(invalid[0].location, (SourceLocation{"t.yaml", 6, 41}));
  EXPECT_THAT(invalid[0].message,
              ::testing::HasSubstr(R"(Status "enabled" is not one of )"
                                   R"(Enabled or Suspended)"));
}

}  // namespace
}  // namespace polygraph::ingest
