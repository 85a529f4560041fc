// AWS::Serverless::Function and StateMachine expansion: the function, its
// role and its events (lib/ingest/sam_function.cc).

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

TEST(SamFunctionTest, PushEvents) {
  ASSERT_OK_AND_ASSIGN(Expanded expanded, ExpandYaml(R"(
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Condition: Enabled
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      CodeUri: src/
      Events:
        Upload:
          Type: S3
          Properties: {Bucket: !Ref Bucket, Events: s3:ObjectCreated:*}
        Alert:
          Type: SNS
          Properties: {Topic: !Ref Topic, FilterPolicy: {kind: [a]}}
        Nightly:
          Type: Schedule
          Properties: {Schedule: rate(1 day), Enabled: false}
        Changes:
          Type: EventBridgeRule
          Properties:
            Pattern: {source: [aws.ec2]}
        Later:
          Type: ScheduleV2
          Properties: {ScheduleExpression: rate(5 minutes)}
        Login:
          Type: Cognito
          Properties: {UserPool: !Ref Pool, Trigger: PreSignUp}
)"));
  EXPECT_THAT(
      expanded.Ids(),
      ElementsAre("Fn", "FnRole", "FnUploadPermission", "FnAlertPermission",
                  "FnAlert", "FnNightly", "FnNightlyPermission", "FnChanges",
                  "FnChangesPermission", "FnLater", "FnLaterRole"));
  EXPECT_EQ(Dump(expanded.Properties("FnUploadPermission")),
            "{Action:\"lambda:InvokeFunction\",FunctionName:{Ref:\"Fn\"},"
            "Principal:\"s3.amazonaws.com\",SourceAccount:{Ref:"
            "\"AWS::AccountId\"}}");
  EXPECT_EQ(Dump(expanded.Properties("FnAlertPermission")),
            "{Action:\"lambda:InvokeFunction\",FunctionName:{Ref:\"Fn\"},"
            "Principal:\"sns.amazonaws.com\",SourceArn:!Ref Topic}");
  EXPECT_EQ(expanded.TypeOf("FnAlert"), "AWS::SNS::Subscription");
  EXPECT_EQ(Dump(expanded.Properties("FnAlert")),
            "{Protocol:\"lambda\",Endpoint:{Fn::GetAtt:[\"Fn\",\"Arn\"]},"
            "TopicArn:!Ref Topic,FilterPolicy:{kind:[\"a\"]}}");
  EXPECT_EQ(expanded.TypeOf("FnNightly"), "AWS::Events::Rule");
  EXPECT_EQ(
      Dump(expanded.Properties("FnNightly")),
      "{ScheduleExpression:\"rate(1 day)\",State:\"DISABLED\",Targets:["
      "{Arn:{Fn::GetAtt:[\"Fn\",\"Arn\"]},Id:\"FnNightlyLambdaTarget\"}]}");
  EXPECT_EQ(DumpMember(expanded.Properties("FnNightlyPermission"), "SourceArn"),
            "{Fn::GetAtt:[\"FnNightly\",\"Arn\"]}");
  EXPECT_EQ(DumpMember(expanded.Properties("FnChanges"), "EventPattern"),
            "{source:[\"aws.ec2\"]}");
  EXPECT_EQ(expanded.TypeOf("FnLater"), "AWS::Scheduler::Schedule");
  EXPECT_EQ(DumpMember(expanded.Properties("FnLater"), "Target"),
            "{Arn:{Fn::GetAtt:[\"Fn\",\"Arn\"]},RoleArn:{Fn::GetAtt:["
            "\"FnLaterRole\",\"Arn\"]}}");
  EXPECT_EQ(DumpMember(expanded.Properties("FnLaterRole"), "Policies"),
            "[{PolicyName:\"FnLaterLambdaPolicy\",PolicyDocument:{Version:"
            "\"2012-10-17\",Statement:[{Action:\"lambda:InvokeFunction\","
            "Effect:\"Allow\",Resource:{Fn::GetAtt:[\"Fn\",\"Arn\"]}}]}}]");
  // Every generated resource carries the function's Condition; an event's
  // resources are located at the event's name.
  for (const std::string& id : expanded.Ids()) {
    EXPECT_EQ(DumpMember(*expanded.Resource(id), "Condition"), "\"Enabled\"")
        << id;
  }
  EXPECT_EQ(expanded.document.Find("Resources")->KeyLocation("FnAlert"),
            (SourceLocation{"t.yaml", 15, 9}));
  // The S3 notification and the Cognito trigger are noted, not expanded.
  std::vector<Diagnostic> notes = expanded.WithCode("not-analysed");
  ASSERT_EQ(notes.size(), 2u);
  EXPECT_EQ(notes[0].location, (SourceLocation{"t.yaml", 12, 9}));
  EXPECT_THAT(notes[0].message, ::testing::HasSubstr("notification"));
  EXPECT_EQ(notes[1].location, (SourceLocation{"t.yaml", 28, 9}));
  EXPECT_THAT(
      notes[1].message,
      ::testing::HasSubstr("Cognito event Login of Fn is not expanded"));
}

TEST(SamFunctionTest, PullEventsAddMappingsAndPollerPolicies) {
  ASSERT_OK_AND_ASSIGN(Expanded expanded, ExpandYaml(R"(
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      CodeUri: {Bucket: b, Key: k, Version: "3"}
      Events:
        Jobs:
          Type: SQS
          Properties: {Queue: !GetAtt Queue.Arn, BatchSize: 10}
        Changes:
          Type: DynamoDB
          Properties:
            Stream: !GetAtt Table.StreamArn
            StartingPosition: LATEST
        More:
          Type: SQS
          Properties: {Queue: !GetAtt Other.Arn}
)"));
  EXPECT_THAT(expanded.Ids(),
              ElementsAre("Fn", "FnRole", "FnJobs", "FnChanges", "FnMore"));
  EXPECT_EQ(DumpMember(expanded.Properties("Fn"), "Code"),
            "{S3Bucket:\"b\",S3Key:\"k\",S3ObjectVersion:\"3\"}");
  EXPECT_EQ(expanded.TypeOf("FnJobs"), "AWS::Lambda::EventSourceMapping");
  EXPECT_EQ(Dump(expanded.Properties("FnJobs")),
            "{FunctionName:{Ref:\"Fn\"},EventSourceArn:!GetAtt Queue.Arn,"
            "BatchSize:10}");
  EXPECT_EQ(Dump(expanded.Properties("FnChanges")),
            "{FunctionName:{Ref:\"Fn\"},EventSourceArn:!GetAtt "
            "Table.StreamArn,StartingPosition:\"LATEST\"}");
  EXPECT_EQ(DumpMember(expanded.Properties("FnRole"), "ManagedPolicyArns"),
            "[{Fn::Sub:\"arn:${AWS::Partition}:iam::aws:policy/service-role/"
            "AWSLambdaBasicExecutionRole\"},"
            "{Fn::Sub:\"arn:${AWS::Partition}:iam::aws:policy/service-role/"
            "AWSLambdaSQSQueueExecutionRole\"},"
            "{Fn::Sub:\"arn:${AWS::Partition}:iam::aws:policy/service-role/"
            "AWSLambdaDynamoDBExecutionRole\"}]");
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

TEST(SamFunctionTest, StateMachineAndItsRole) {
  ASSERT_OK_AND_ASSIGN(Expanded expanded, ExpandYaml(R"(
Transform: AWS::Serverless-2016-10-31
Resources:
  Flow:
    Type: AWS::Serverless::StateMachine
    Properties:
      Name: flow
      Type: EXPRESS
      DefinitionUri: s3://defs/flow.json
      Policies:
        - LambdaInvokePolicy: {FunctionName: !Ref Fn}
        - TextractPolicy: {}
      Events:
        Hourly:
          Type: Schedule
          Properties: {Schedule: rate(1 hour)}
)"));
  EXPECT_THAT(expanded.Ids(),
              ElementsAre("Flow", "FlowRole", "FlowHourly", "FlowHourlyRole"));
  EXPECT_EQ(Dump(expanded.Properties("FlowHourly")),
            "{ScheduleExpression:\"rate(1 hour)\",Targets:[{Arn:{Ref:"
            "\"Flow\"},Id:\"FlowHourlyStepFunctionsTarget\",RoleArn:{"
            "Fn::GetAtt:[\"FlowHourlyRole\",\"Arn\"]}}]}");
  EXPECT_THAT(DumpMember(expanded.Properties("FlowHourlyRole"), "Policies"),
              ::testing::HasSubstr("states:StartExecution"));
  // A SAM policy template whose statements are not restated is noted.
  std::vector<Diagnostic> notes = expanded.WithCode("not-analysed");
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0].location, (SourceLocation{"t.yaml", 12, 11}));
  EXPECT_THAT(notes[0].message,
              ::testing::HasSubstr("policy template TextractPolicy"));
  EXPECT_EQ(expanded.TypeOf("Flow"), "AWS::StepFunctions::StateMachine");
  EXPECT_EQ(Dump(expanded.Properties("Flow")),
            "{StateMachineName:\"flow\",StateMachineType:\"EXPRESS\","
            "DefinitionS3Location:{Bucket:\"defs\",Key:\"flow.json\"},Tags:[{"
            "Key:\"stateMachine:createdBy\",Value:\"SAM\"}],RoleArn:{"
            "Fn::GetAtt:[\"FlowRole\",\"Arn\"]}}");
  const Value& role = expanded.Properties("FlowRole");
  EXPECT_THAT(DumpMember(role, "AssumeRolePolicyDocument"),
              ::testing::HasSubstr("states.amazonaws.com"));
  EXPECT_EQ(DumpMember(role, "ManagedPolicyArns"), "<absent>");
  EXPECT_EQ(DumpMember(*role.Find("Policies")->items.begin(), "PolicyName"),
            "\"FlowRolePolicy0\"");
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
