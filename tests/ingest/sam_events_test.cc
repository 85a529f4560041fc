// The events of a SAM function: push events (permissions, rules,
// subscriptions, schedules) and pull events (event source mappings and
// poller policies) (lib/ingest/sam_events.cc).

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

}  // namespace
}  // namespace polygraph::ingest
