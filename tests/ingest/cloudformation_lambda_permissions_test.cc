// Lambda permissions as resource policies
// (lib/ingest/cloudformation_lambda_permissions.cc).

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/ingest/ingest_testing.h"
#include "tests/testing.h"

namespace polygraph::ingest {
namespace {

using testing::At;
using testing::Imported;
using testing::ImportTemplate;
using testing::Named;

TEST(CloudFormationResourcePoliciesTest, LambdaPermissionIsSynthesized) {
  ASSERT_OK_AND_ASSIGN(Imported imported, ImportTemplate(R"(
Resources:
  Function:
    Type: AWS::Lambda::Function
    Properties: {FunctionName: handler}
  Bucket: {Type: AWS::S3::Bucket}
  FromS3:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: !GetAtt Function.Arn
      Action: lambda:InvokeFunction
      Principal: s3.amazonaws.com
      SourceArn: !GetAtt Bucket.Arn
      SourceAccount: !Ref AWS::AccountId
  Public:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: handler
      Action: lambda:InvokeFunctionUrl
      Principal: "*"
      FunctionUrlAuthType: NONE
  Partner:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: arn:aws:lambda:us-east-1:123456789012:function:elsewhere
      Action: lambda:InvokeFunction
      Principal: 111122223333
      PrincipalOrgID: o-abc123
)"));
  const size_t function = imported.IndexOf("Function");
  const std::vector<PolicyDocument> from_s3 = Named(imported, "FromS3");
  ASSERT_EQ(from_s3.size(), 1u);
  EXPECT_EQ(from_s3[0].owner, function);
  EXPECT_EQ(from_s3[0].kind, iam::PolicyKind::kResource);
  EXPECT_EQ(from_s3[0].policy.version, "2012-10-17");
  ASSERT_EQ(from_s3[0].policy.statements.size(), 1u);
  const iam::Statement& s3 = from_s3[0].policy.statements[0];
  EXPECT_EQ(s3.location, At(10, 7));  // the permission's properties
  EXPECT_EQ(s3.effect, iam::Effect::kAllow);
  ASSERT_EQ(s3.principals.size(), 1u);
  EXPECT_EQ(s3.principals[0].type, "Service");
  EXPECT_EQ(s3.principals[0].value.value, "s3.amazonaws.com");
  EXPECT_EQ(s3.principals[0].value.location, At(12, 18));
  ASSERT_EQ(s3.actions.size(), 1u);
  EXPECT_EQ(s3.actions[0].value, "lambda:InvokeFunction");
  EXPECT_EQ(s3.actions[0].location, At(11, 15));
  ASSERT_EQ(s3.resources.size(), 1u);
  EXPECT_EQ(s3.resources[0].value, "${Function.Arn}");
  EXPECT_TRUE(s3.resources[0].symbolic);
  EXPECT_EQ(s3.resources[0].location, At(10, 21));
  ASSERT_EQ(s3.conditions.size(), 2u);
  EXPECT_EQ(s3.conditions[0].op, "ArnLike");
  EXPECT_EQ(s3.conditions[0].key, "aws:SourceArn");
  EXPECT_EQ(s3.conditions[0].values[0].value, "${Bucket.Arn}");
  EXPECT_EQ(s3.conditions[0].values[0].location, At(13, 18));
  EXPECT_EQ(s3.conditions[1].op, "StringEquals");
  EXPECT_EQ(s3.conditions[1].key, "aws:SourceAccount");
  EXPECT_EQ(s3.conditions[1].location, At(14, 22));

  const std::vector<PolicyDocument> public_url = Named(imported, "Public");
  ASSERT_EQ(public_url.size(), 1u);
  EXPECT_EQ(public_url[0].owner, function);  // by its FunctionName
  const iam::Statement& url = public_url[0].policy.statements[0];
  EXPECT_EQ(url.principals[0].type, "*");
  EXPECT_EQ(url.resources[0].value, "${Function.Arn}");
  ASSERT_EQ(url.conditions.size(), 1u);
  EXPECT_EQ(url.conditions[0].key, "lambda:FunctionUrlAuthType");
  EXPECT_EQ(url.conditions[0].values[0].value, "NONE");

  const std::vector<PolicyDocument> partner = Named(imported, "Partner");
  ASSERT_EQ(partner.size(), 1u);
  EXPECT_EQ(partner[0].owner, kNoResource);
  const iam::Statement& other = partner[0].policy.statements[0];
  EXPECT_EQ(other.principals[0].type, "AWS");
  EXPECT_EQ(other.principals[0].value.value, "111122223333");
  EXPECT_EQ(other.resources[0].value,
            "arn:aws:lambda:us-east-1:123456789012:function:elsewhere");
  EXPECT_FALSE(other.resources[0].symbolic);
  ASSERT_EQ(other.conditions.size(), 1u);
  EXPECT_EQ(other.conditions[0].key, "aws:PrincipalOrgID");
  std::vector<Diagnostic> unresolved =
      imported.WithCode("unresolved-reference");
  ASSERT_EQ(unresolved.size(), 1u);
  EXPECT_EQ(unresolved[0].location, At(25, 21));
}

TEST(CloudFormationResourcePoliciesTest, SymbolicFunctionKeepsItsRendering) {
  ASSERT_OK_AND_ASSIGN(Imported imported, ImportTemplate(R"(
Parameters:
  FunctionArn: {Type: String}
Resources:
  Permission:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: !Ref FunctionArn
      Action: lambda:InvokeFunction
      Principal: !Ref AWS::AccountId
)"));
  ASSERT_EQ(imported.model.policies().size(), 1u);
  const PolicyDocument& document = imported.model.policies()[0];
  EXPECT_EQ(document.owner, kNoResource);
  const iam::Statement& statement = document.policy.statements[0];
  EXPECT_EQ(statement.resources[0].value, "${FunctionArn}");
  EXPECT_EQ(statement.principals[0].type, "AWS");
  EXPECT_EQ(statement.principals[0].value.value, "${AWS::AccountId}");
  std::vector<Diagnostic> symbolic = imported.WithCode("symbolic-value");
  ASSERT_EQ(symbolic.size(), 1u);
  EXPECT_EQ(symbolic[0].location, At(8, 21));
}

}  // namespace
}  // namespace polygraph::ingest
