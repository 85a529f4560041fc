// AWS::Serverless::Function expansion: the function, its role and its
// function URL (lib/ingest/sam_function.cc).

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/ingest/ingest_testing.h"
#include "tests/ingest/sam_testing.h"
#include "tests/testing.h"

namespace polygraph::ingest {
namespace {

using testing::Dump;
using testing::DumpMember;
using ::testing::ElementsAre;
using testing::Expanded;
using testing::ExpandYaml;
using testing::ExpectInputError;

constexpr char kBasic[] = R"(Transform: AWS::Serverless-2016-10-31
Resources:
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      CodeUri: s3://artifacts/worker.zip
      MemorySize: 256
      Tracing: Active
      VpcConfig:
        SubnetIds: [subnet-1]
        SecurityGroupIds: [sg-1]
      DeadLetterQueue: {Type: SQS, TargetArn: !GetAtt Dlq.Arn}
      Tags: {team: core}
      Policies:
        - AmazonS3ReadOnlyAccess
        - S3CrudPolicy:
            BucketName: !Ref Bucket
        - Statement:
            - Effect: Allow
              Action: sns:Publish
              Resource: !Ref Topic
  Bucket:
    Type: AWS::S3::Bucket
)";

TEST(SamFunctionTest, FunctionAndItsRole) {
  ASSERT_OK_AND_ASSIGN(Expanded expanded, ExpandYaml(kBasic));
  EXPECT_THAT(expanded.Ids(), ElementsAre("Worker", "WorkerRole", "Bucket"));
  EXPECT_EQ(expanded.TypeOf("Worker"), "AWS::Lambda::Function");
  const Value& function = expanded.Properties("Worker");
  EXPECT_EQ(DumpMember(function, "Handler"), "\"app.handler\"");
  EXPECT_EQ(DumpMember(function, "Code"),
            "{S3Bucket:\"artifacts\",S3Key:\"worker.zip\"}");
  EXPECT_EQ(DumpMember(function, "MemorySize"), "256");
  EXPECT_EQ(DumpMember(function, "TracingConfig"), "{Mode:\"Active\"}");
  EXPECT_EQ(DumpMember(function, "DeadLetterConfig"),
            "{TargetArn:!GetAtt Dlq.Arn}");
  EXPECT_EQ(DumpMember(function, "Role"),
            "{Fn::GetAtt:[\"WorkerRole\",\"Arn\"]}");
  EXPECT_EQ(DumpMember(function, "Tags"),
            "[{Key:\"lambda:createdBy\",Value:\"SAM\"},"
            "{Key:\"team\",Value:\"core\"}]");
  EXPECT_EQ(DumpMember(function, "Policies"), "<absent>");

  EXPECT_EQ(expanded.TypeOf("WorkerRole"), "AWS::IAM::Role");
  const Value& role = expanded.Properties("WorkerRole");
  EXPECT_EQ(
      DumpMember(role, "AssumeRolePolicyDocument"),
      "{Version:\"2012-10-17\",Statement:[{Effect:\"Allow\",Principal:{"
      "Service:[\"lambda.amazonaws.com\"]},Action:[\"sts:AssumeRole\"]}]}");
  EXPECT_EQ(DumpMember(role, "ManagedPolicyArns"),
            "[{Fn::Sub:\"arn:${AWS::Partition}:iam::aws:policy/service-role/"
            "AWSLambdaBasicExecutionRole\"},"
            "{Fn::Sub:\"arn:${AWS::Partition}:iam::aws:policy/"
            "AWSXrayWriteOnlyAccess\"},"
            "{Fn::Sub:\"arn:${AWS::Partition}:iam::aws:policy/service-role/"
            "AWSLambdaVPCAccessExecutionRole\"},"
            "{Fn::Sub:\"arn:${AWS::Partition}:iam::aws:policy/"
            "AmazonS3ReadOnlyAccess\"}]");
  const Value& policies = *role.Find("Policies");
  ASSERT_EQ(policies.items.size(), 3u);
  EXPECT_EQ(Dump(policies.items[0]),
            "{PolicyName:\"DeadLetterQueuePolicy\",PolicyDocument:{Version:"
            "\"2012-10-17\",Statement:[{Action:\"sqs:SendMessage\",Effect:"
            "\"Allow\",Resource:!GetAtt Dlq.Arn}]}}");
  EXPECT_EQ(DumpMember(policies.items[1], "PolicyName"),
            "\"WorkerRolePolicy1\"");
  EXPECT_EQ(DumpMember(policies.items[2], "PolicyName"),
            "\"WorkerRolePolicy2\"");
  EXPECT_EQ(DumpMember(policies.items[2], "PolicyDocument"),
            "{Statement:[{Effect:\"Allow\",Action:\"sns:Publish\","
            "Resource:!Ref Topic}]}");
  EXPECT_EQ(DumpMember(role, "Tags"), DumpMember(function, "Tags"));

  // Locations: the function and its role at the function's logical id, a
  // template's statements at its Policies entry, copied values at their own.
  const Value* resources = expanded.document.Find("Resources");
  EXPECT_EQ(resources->KeyLocation("Worker"), (SourceLocation{"t.yaml", 3, 3}));
  EXPECT_EQ(resources->KeyLocation("WorkerRole"),
            (SourceLocation{"t.yaml", 3, 3}));
  EXPECT_EQ(expanded.Resource("WorkerRole")->location,
            (SourceLocation{"t.yaml", 3, 3}));
  EXPECT_EQ(role.Find("AssumeRolePolicyDocument")->location,
            (SourceLocation{"t.yaml", 3, 3}));
  const Value& template_statement =
      policies.items[1].Find("PolicyDocument")->Find("Statement")->items[0];
  EXPECT_EQ(template_statement.location, (SourceLocation{"t.yaml", 18, 11}));
  EXPECT_EQ(policies.items[2].Find("PolicyDocument")->location,
            (SourceLocation{"t.yaml", 20, 11}));
  EXPECT_EQ(function.Find("Handler")->location,
            (SourceLocation{"t.yaml", 6, 16}));
  EXPECT_EQ(function.KeyLocation("Handler"), (SourceLocation{"t.yaml", 6, 7}));
  EXPECT_EQ(role.Find("ManagedPolicyArns")->items[3].location,
            (SourceLocation{"t.yaml", 17, 11}));
}

TEST(SamFunctionTest, GivenRoleMeansNoGeneratedRole) {
  ASSERT_OK_AND_ASSIGN(Expanded expanded, ExpandYaml(R"(
Transform: [AWS::Serverless-2016-10-31]
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      InlineCode: "def handler(e, c): pass"
      Handler: index.handler
      Runtime: python3.12
      Role: !GetAtt Mine.Arn
      Policies: [AmazonS3ReadOnlyAccess]
)"));
  EXPECT_THAT(expanded.Ids(), ElementsAre("Fn"));
  EXPECT_EQ(DumpMember(expanded.Properties("Fn"), "Role"), "!GetAtt Mine.Arn");
  EXPECT_EQ(DumpMember(expanded.Properties("Fn"), "Code"),
            "{ZipFile:\"def handler(e, c): pass\"}");
  EXPECT_EQ(expanded.document.Find("Transform"), nullptr);
}

TEST(SamFunctionTest, PublicFunctionUrl) {
  ASSERT_OK_AND_ASSIGN(Expanded expanded, ExpandYaml(R"(
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      CodeUri: src/
      FunctionUrlConfig: {AuthType: NONE}
)"));
  EXPECT_THAT(expanded.Ids(),
              ElementsAre("Fn", "FnRole", "FnUrl", "FnUrlPublicPermissions",
                          "FnURLInvokeAllowPublicAccess"));
  EXPECT_EQ(Dump(expanded.Properties("FnUrl")),
            "{TargetFunctionArn:{Ref:\"Fn\"},AuthType:\"NONE\"}");
  EXPECT_EQ(Dump(expanded.Properties("FnUrlPublicPermissions")),
            "{Action:\"lambda:InvokeFunctionUrl\",FunctionName:{Ref:\"Fn\"},"
            "Principal:\"*\",FunctionUrlAuthType:\"NONE\"}");
}

TEST(SamFunctionTest, BadInput) {
  ExpectInputError(ExpandYaml(R"(Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties: [a]
)")
                       .status(),
                   4, 17,
                   "the Properties of Fn must be an object, found array");
  ExpectInputError(ExpandYaml(R"(Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        E: {Properties: {Queue: q}}
)")
                       .status(),
                   6, 12, "event E of Fn has no Type");
  ExpectInputError(ExpandYaml(R"(Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        E: {Type: SQS, Properties: {BatchSize: 1}}
)")
                       .status(),
                   6, 36, "SQS event E of Fn has no Queue");
  ExpectInputError(ExpandYaml(R"(Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Policies:
        - NoSuchPolicy: {Name: x}
)")
                       .status(),
                   6, 11, "unknown SAM policy template NoSuchPolicy");
  ExpectInputError(ExpandYaml(R"(Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Policies:
        - [AmazonS3ReadOnlyAccess]
)")
                       .status(),
                   6, 11, "a Policies entry must be");
  ExpectInputError(ExpandYaml(R"(Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Events: [a]
)")
                       .status(),
                   5, 15, "the Events of Fn must be an object");
}

}  // namespace
}  // namespace polygraph::ingest
