// IAM policy facets (lib/ingest/cloudformation_iam.cc).

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

TEST(CloudFormationIamTest, RolePoliciesAndTrust) {
  ASSERT_OK_AND_ASSIGN(Imported imported, ImportTemplate(R"(
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {Service: lambda.amazonaws.com}
            Action: sts:AssumeRole
      Policies:
        - PolicyName: read
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: s3:GetObject
                Resource: !Sub "${Bucket.Arn}/*"
        - !Ref AWS::NoValue
  Bucket:
    Type: AWS::S3::Bucket
  Admins:
    Type: AWS::IAM::Group
    Properties:
      Policies:
        - PolicyName: !Sub "${AWS::StackName}-all"
          PolicyDocument:
            Statement: {Effect: Allow, Action: "*", Resource: "*"}
)"));
  const std::vector<PolicyDocument>& policies = imported.model.policies();
  ASSERT_EQ(policies.size(), 3u);
  const size_t role = imported.IndexOf("Role");
  EXPECT_EQ(policies[0].owner, role);
  EXPECT_EQ(policies[0].kind, iam::PolicyKind::kTrust);
  EXPECT_EQ(policies[0].name, "AssumeRolePolicyDocument");
  EXPECT_EQ(policies[0].policy.location, (SourceLocation{"t.yaml", 7, 9}));
  EXPECT_EQ(policies[1].owner, role);
  EXPECT_EQ(policies[1].kind, iam::PolicyKind::kIdentity);
  EXPECT_EQ(policies[1].name, "read");
  const iam::LocatedString& resource =
      policies[1].policy.statements[0].resources[0];
  EXPECT_TRUE(resource.symbolic);
  EXPECT_EQ(resource.value, "${Bucket.Arn}/*");
  EXPECT_EQ(resource.location, (SourceLocation{"t.yaml", 18, 27}));
  EXPECT_EQ(policies[2].owner, imported.IndexOf("Admins"));
  EXPECT_EQ(policies[2].name, "${AWS::StackName}-all");
}

TEST(CloudFormationIamTest, PolicyResourcesAndBucketPolicies) {
  ASSERT_OK_AND_ASSIGN(Imported imported, ImportTemplate(R"(
Parameters:
  External: {Type: String}
Resources:
  Managed:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement: [{Effect: Allow, Action: "s3:*", Resource: "*"}]
  Inline:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: inline
      Roles: [x]
      PolicyDocument:
        Statement: [{Effect: Deny, Action: "s3:*", Resource: "*"}]
  Site:
    Type: AWS::S3::Bucket
  SitePolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Site
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: "*"
            Action: s3:GetObject
            Resource: !Sub "arn:aws:s3:::${Site}/*"
  OtherPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref External
      PolicyDocument:
        Statement:
          - {Effect: Allow, Principal: {AWS: "111122223333"}, Action: "s3:*",
             Resource: "*"}
)"));
  const std::vector<PolicyDocument>& policies = imported.model.policies();
  ASSERT_EQ(policies.size(), 4u);
  EXPECT_EQ(policies[0].owner, imported.IndexOf("Managed"));
  EXPECT_EQ(policies[0].name, "Managed");
  EXPECT_EQ(policies[1].owner, imported.IndexOf("Inline"));
  EXPECT_EQ(policies[1].name, "inline");
  EXPECT_EQ(policies[2].owner, imported.IndexOf("Site"));
  EXPECT_EQ(policies[2].kind, iam::PolicyKind::kResource);
  EXPECT_EQ(policies[3].owner, imported.IndexOf("OtherPolicy"));
}

TEST(CloudFormationIamTest, BucketPolicyOnALiteralBucketNameIsOwnedByIt) {
  ASSERT_OK_AND_ASSIGN(Imported imported, ImportTemplate(R"(
Parameters:
  Name: {Type: String, Default: from-parameter}
Resources:
  Site:
    Type: AWS::S3::Bucket
    Properties: {BucketName: app-site}
  Other:
    Type: AWS::S3::Bucket
    Properties: {BucketName: !Ref Name}
  SitePolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: app-site
      PolicyDocument:
        Statement: [{Effect: Allow, Principal: "*", Action: s3:GetObject,
                     Resource: "arn:aws:s3:::app-site/*"}]
  OtherPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: from-parameter
      PolicyDocument:
        Statement: [{Effect: Allow, Principal: "*", Action: s3:GetObject,
                     Resource: "*"}]
  UnknownPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: not-declared
      PolicyDocument:
        Statement: [{Effect: Allow, Principal: "*", Action: s3:GetObject,
                     Resource: "*"}]
)"));
  const std::vector<PolicyDocument>& policies = imported.model.policies();
  ASSERT_EQ(policies.size(), 3u);
  EXPECT_EQ(policies[0].owner, imported.IndexOf("Site"));
  EXPECT_EQ(policies[1].owner, imported.IndexOf("Other"));
  EXPECT_EQ(policies[2].owner, imported.IndexOf("UnknownPolicy"));
}

TEST(CloudFormationIamTest, SymbolicDocumentsAreNoted) {
  ASSERT_OK_AND_ASSIGN(Imported imported, ImportTemplate(R"(
Conditions:
  C: !Equals [!Ref AWS::Region, eu-west-1]
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: !If [C, {}, {}]
      Policies: !If
        - C
        - - PolicyName: a
            PolicyDocument:
              Statement: {Effect: Allow, Action: "s3:*", Resource: "*"}
        - !Ref AWS::NoValue
)"));
  ASSERT_EQ(imported.model.policies().size(), 1u);
  std::vector<Diagnostic> notes = imported.WithCode("symbolic-value");
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0].location, (SourceLocation{"t.yaml", 8, 33}));
}

TEST(CloudFormationIamTest, PolicyErrorsKeepTheirLocation) {
  ExpectInputError(ImportTemplate(R"(
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {Service: ec2.amazonaws.com}
            Action: sts:AssumeRole
            Resource: "*"
)")
                       .status(),
                   11, 13, "Resource is not allowed in a trust policy");
  ExpectInputError(ImportTemplate(R"(
Resources:
  User:
    Type: AWS::IAM::User
    Properties:
      Policies:
        - PolicyName: p
          PolicyDocument:
            Statement:
              - Effect: Allow
                Principal: "*"
                Action: s3:*
                Resource: "*"
)")
                       .status(),
                   11, 17, "Principal is not allowed in an identity policy");
  ExpectInputError(ImportTemplate(R"(
Resources:
  User:
    Type: AWS::IAM::User
    Properties:
      Policies:
        - PolicyName: p
)")
                       .status(),
                   7, 11, "a Policies entry has no PolicyDocument");
  ExpectInputError(ImportTemplate(R"(
Resources:
  P:
    Type: AWS::IAM::ManagedPolicy
    Properties: {}
)")
                       .status(),
                   3, 3,
                   R"(AWS::IAM::ManagedPolicy "P" has no PolicyDocument)");
}

}  // namespace
}  // namespace polygraph::ingest
