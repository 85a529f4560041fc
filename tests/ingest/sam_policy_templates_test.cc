// SAM policy templates and the Policies property
// (lib/ingest/sam_policy_templates.cc).

#include "ingest/sam_policy_templates.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "polygraph/document.h"
#include "tests/ingest/ingest_testing.h"
#include "tests/ingest/sam_testing.h"
#include "tests/testing.h"

namespace polygraph::ingest::sam {
namespace {

using testing::Dump;
using testing::DumpMember;
using testing::ExpectInputError;

Value Yaml(const std::string& text) {
  absl::StatusOr<Value> value = ParseYaml(text, "p.yaml");
  EXPECT_TRUE(value.ok()) << value.status();
  return value.ok() ? *value : Value();
}

TEST(SamPolicyTemplatesTest, S3ReadPolicyKeepsTheParameterAsAnExpression) {
  const Value parameters = Yaml("BucketName: !Ref Bucket\n");
  const SourceLocation at{"p.yaml", 7, 3};
  ASSERT_OK_AND_ASSIGN(Value document,
                       ExpandPolicyTemplate("S3ReadPolicy", parameters, at));
  EXPECT_EQ(DumpMember(document, "Version"), "\"2012-10-17\"");
  const Value& statement = document.Find("Statement")->items.at(0);
  EXPECT_EQ(DumpMember(statement, "Action"),
            "[\"s3:GetObject\",\"s3:ListBucket\",\"s3:GetBucketLocation\","
            "\"s3:GetObjectVersion\",\"s3:GetLifecycleConfiguration\"]");
  EXPECT_EQ(DumpMember(statement, "Resource"),
            "[{Fn::Sub:[\"arn:${AWS::Partition}:s3:::${bucketName}\","
            "{bucketName:!Ref Bucket}]},"
            "{Fn::Sub:[\"arn:${AWS::Partition}:s3:::${bucketName}/*\","
            "{bucketName:!Ref Bucket}]}]");
  // Generated nodes are located at the entry; the parameter keeps its own.
  EXPECT_EQ(statement.location, at);
  const Value& variables =
      statement.Find("Resource")->items[0].Find("Fn::Sub")->items[1];
  EXPECT_EQ(variables.Find("bucketName")->location,
            (SourceLocation{"p.yaml", 1, 13}));
}

TEST(SamPolicyTemplatesTest, StatementsOfSeveralTemplates) {
  const SourceLocation at{"p.yaml", 1, 1};
  struct Case {
    std::string name;
    std::string parameters;
    std::string statements;
  };
  const std::vector<Case> cases = {
      {"DynamoDBCrudPolicy", "TableName: !Ref Table",
       "[{Effect:\"Allow\",Action:[\"dynamodb:GetItem\",\"dynamodb:"
       "DeleteItem\","
       "\"dynamodb:PutItem\",\"dynamodb:Scan\",\"dynamodb:Query\","
       "\"dynamodb:UpdateItem\",\"dynamodb:BatchWriteItem\","
       "\"dynamodb:BatchGetItem\",\"dynamodb:DescribeTable\","
       "\"dynamodb:ConditionCheckItem\"],Resource:["
       "{Fn::Sub:[\"arn:${AWS::Partition}:dynamodb:${AWS::Region}:"
       "${AWS::AccountId}:table/${tableName}\",{tableName:!Ref Table}]},"
       "{Fn::Sub:[\"arn:${AWS::Partition}:dynamodb:${AWS::Region}:"
       "${AWS::AccountId}:table/${tableName}/index/*\","
       "{tableName:!Ref Table}]}]}]"},
      {"SQSPollerPolicy", "QueueName: !GetAtt Queue.QueueName",
       "[{Effect:\"Allow\",Action:[\"sqs:ChangeMessageVisibility\","
       "\"sqs:ChangeMessageVisibilityBatch\",\"sqs:DeleteMessage\","
       "\"sqs:DeleteMessageBatch\",\"sqs:GetQueueAttributes\","
       "\"sqs:ReceiveMessage\"],Resource:{Fn::Sub:["
       "\"arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:"
       "${queueName}\",{queueName:!GetAtt Queue.QueueName}]}}]"},
      {"AWSSecretsManagerRotationPolicy", "FunctionName: rotator",
       "[{Effect:\"Allow\",Action:[\"secretsmanager:DescribeSecret\","
       "\"secretsmanager:GetSecretValue\",\"secretsmanager:PutSecretValue\","
       "\"secretsmanager:UpdateSecretVersionStage\"],Resource:{Fn::Sub:"
       "\"arn:${AWS::Partition}:secretsmanager:${AWS::Region}:"
       "${AWS::AccountId}:secret:*\"},Condition:{StringEquals:{"
       "secretsmanager:resource/AllowRotationLambdaArn:{Fn::Sub:["
       "\"arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:"
       "function:${functionName}\",{functionName:\"rotator\"}]}}}},"
       "{Effect:\"Allow\",Action:[\"secretsmanager:GetRandomPassword\"],"
       "Resource:\"*\"}]"},
      {"CloudWatchPutMetricPolicy", "{}",
       "[{Effect:\"Allow\",Action:[\"cloudwatch:PutMetricData\"],"
       "Resource:\"*\"}]"},
      {"DynamoDBStreamReadPolicy", "{TableName: t, StreamName: s}",
       "[{Effect:\"Allow\",Action:[\"dynamodb:DescribeStream\","
       "\"dynamodb:GetRecords\",\"dynamodb:GetShardIterator\"],Resource:{"
       "Fn::Sub:[\"arn:${AWS::Partition}:dynamodb:${AWS::Region}:"
       "${AWS::AccountId}:table/${tableName}/stream/${streamName}\","
       "{tableName:\"t\",streamName:\"s\"}]}},{Effect:\"Allow\",Action:["
       "\"dynamodb:ListStreams\"],Resource:{Fn::Sub:["
       "\"arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:"
       "table/${tableName}/stream/*\",{tableName:\"t\"}]}}]"},
  };
  for (const Case& test : cases) {
    ASSERT_OK_AND_ASSIGN(
        Value document,
        ExpandPolicyTemplate(test.name, Yaml(test.parameters), at));
    EXPECT_EQ(DumpMember(document, "Statement"), test.statements) << test.name;
  }
}

TEST(SamPolicyTemplatesTest, EveryRequiredTemplateIsKnown) {
  for (const char* name : {"S3ReadPolicy",
                           "S3WritePolicy",
                           "S3CrudPolicy",
                           "S3FullAccessPolicy",
                           "DynamoDBReadPolicy",
                           "DynamoDBWritePolicy",
                           "DynamoDBCrudPolicy",
                           "SQSPollerPolicy",
                           "SQSSendMessagePolicy",
                           "SNSPublishMessagePolicy",
                           "LambdaInvokePolicy",
                           "KMSDecryptPolicy",
                           "KMSEncryptPolicy",
                           "AWSSecretsManagerGetSecretValuePolicy",
                           "AWSSecretsManagerRotationPolicy",
                           "SSMParameterReadPolicy",
                           "StepFunctionsExecutionPolicy",
                           "CloudWatchPutMetricPolicy",
                           "EventBridgePutEventsPolicy",
                           "VPCAccessPolicy"}) {
    EXPECT_TRUE(IsPolicyTemplate(name)) << name;
  }
  EXPECT_FALSE(IsPolicyTemplate("S3ReadPolicies"));
}

TEST(SamPolicyTemplatesTest, BadParameters) {
  const SourceLocation at{"p.yaml", 1, 1};
  ExpectInputError(
      ExpandPolicyTemplate("S3ReadPolicy", Yaml("Bucket: b\n"), at).status(), 1,
      1, "policy template S3ReadPolicy needs the parameter BucketName");
  ExpectInputError(
      ExpandPolicyTemplate("S3ReadPolicy", Yaml("[b]\n"), at).status(), 1, 1,
      "must be an object, found array");
  ExpectInputError(ExpandPolicyTemplate("S3ReadPolicy", Value(), at).status(),
                   0, 0, "must be an object, found null");
  EXPECT_OK(ExpandPolicyTemplate("VPCAccessPolicy", Value(), at));
}

TEST(SamPolicyTemplatesTest, PoliciesEntries) {
  const Value policies = Yaml(R"(
- AmazonS3ReadOnlyAccess
- AWSLambdaRole
- arn:aws:iam::123456789012:policy/Mine
- !Ref PolicyParameter
- Statement:
    - Effect: Allow
      Action: sns:Publish
      Resource: "*"
- SQSSendMessagePolicy:
    QueueName: !GetAtt Queue.QueueName
- AmazonS3ReadOnlyAccess
)");
  RolePolicies role;
  ASSERT_OK(AddSamPolicies(policies, "FnRole", role));
  std::vector<std::string> managed;
  for (const Value& arn : role.managed_arns) managed.push_back(Dump(arn));
  EXPECT_THAT(
      managed,
      ::testing::ElementsAre(
          "{Fn::Sub:\"arn:${AWS::Partition}:iam::aws:policy/"
          "AmazonS3ReadOnlyAccess\"}",
          "{Fn::Sub:\"arn:${AWS::Partition}:iam::aws:policy/service-role/"
          "AWSLambdaRole\"}",
          "\"arn:aws:iam::123456789012:policy/Mine\"", "!Ref PolicyParameter"));
  EXPECT_EQ(role.managed_arns[0].location, (SourceLocation{"p.yaml", 2, 3}));
  ASSERT_EQ(role.inline_policies.size(), 2u);
  // Named after their index in the Policies list.
  EXPECT_EQ(DumpMember(role.inline_policies[0], "PolicyName"),
            "\"FnRolePolicy4\"");
  EXPECT_EQ(DumpMember(role.inline_policies[1], "PolicyName"),
            "\"FnRolePolicy5\"");
  // A template's statements are located at its entry.
  EXPECT_EQ(role.inline_policies[1].location,
            (SourceLocation{"p.yaml", 10, 3}));
  const Value& document = *role.inline_policies[1].Find("PolicyDocument");
  EXPECT_EQ(document.Find("Statement")->items[0].location,
            (SourceLocation{"p.yaml", 10, 3}));
  EXPECT_EQ(DumpMember(document.Find("Statement")->items[0], "Action"),
            "[\"sqs:SendMessage*\"]");
}

TEST(SamPolicyTemplatesTest, ConditionalDocument) {
  const Value policies = Yaml(R"(
- !If
  - IsProd
  - Statement: {Effect: Allow, Action: s3:*, Resource: "*"}
  - !Ref AWS::NoValue
)");
  RolePolicies role;
  ASSERT_OK(AddSamPolicies(policies, "FnRole", role));
  ASSERT_EQ(role.inline_policies.size(), 1u);
  EXPECT_EQ(Dump(role.inline_policies[0]),
            "!If [\"IsProd\",{PolicyName:\"FnRolePolicy0\",PolicyDocument:{"
            "Statement:{Effect:\"Allow\",Action:\"s3:*\",Resource:\"*\"}}},"
            "!Ref AWS::NoValue]");
}

TEST(SamPolicyTemplatesTest, BadEntries) {
  RolePolicies role;
  ExpectInputError(AddSamPolicies(Yaml("- S3ReadPolicyy: {BucketName: b}\n"),
                                  "FnRole", role),
                   1, 3, "unknown SAM policy template S3ReadPolicyy");
  ExpectInputError(AddSamPolicies(Yaml("- 42\n"), "FnRole", role), 1, 3,
                   "a Policies entry must be a managed policy name or ARN");
  ExpectInputError(
      AddSamPolicies(Yaml("- {Version: 1, Effect: Allow}\n"), "FnRole", role),
      1, 3, "no Statement");
  ExpectInputError(
      AddSamPolicies(Yaml("- S3ReadPolicy: [b]\n"), "FnRole", role), 1, 17,
      "must be an object, found array");
}

TEST(SamPolicyTemplatesTest, ManagedArnsAreDeduplicated) {
  RolePolicies role;
  const SourceLocation at{"p.yaml", 1, 1};
  role.AddManaged(AwsManagedPolicyArn("service-role/AWSLambdaRole", at));
  role.AddManaged(AwsManagedPolicyArn("service-role/AWSLambdaRole", at));
  role.AddManaged(Text("arn:aws:iam::aws:policy/X", at));
  role.AddManaged(Text("arn:aws:iam::aws:policy/X", at));
  EXPECT_EQ(role.managed_arns.size(), 2u);
}

}  // namespace
}  // namespace polygraph::ingest::sam
