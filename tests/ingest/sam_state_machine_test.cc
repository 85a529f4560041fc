// AWS::Serverless::StateMachine expansion: the state machine, its role
// and its events (lib/ingest/sam_state_machine.cc).

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

}  // namespace
}  // namespace polygraph::ingest
