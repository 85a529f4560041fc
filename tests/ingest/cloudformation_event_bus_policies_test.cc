// EventBridge bus policies (lib/ingest/cloudformation_event_bus_policies.cc).

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

TEST(CloudFormationResourcePoliciesTest, EventBusPolicyStatementForm) {
  ASSERT_OK_AND_ASSIGN(Imported imported, ImportTemplate(R"(
Resources:
  Bus:
    Type: AWS::Events::EventBus
    Properties: {Name: orders}
  Policy:
    Type: AWS::Events::EventBusPolicy
    Properties:
      EventBusName: !Ref Bus
      StatementId: from-org
      Statement:
        Effect: Allow
        Principal: "*"
        Action: events:PutEvents
        Resource: !GetAtt Bus.Arn
        Condition:
          StringEquals: {aws:PrincipalOrgID: o-abc123}
  ByName:
    Type: AWS::Events::EventBusPolicy
    Properties:
      EventBusName: orders
      StatementId: by-name
      Statement: {Effect: Allow, Principal: {AWS: "111122223333"}, Action: events:PutEvents}
)"));
  const std::vector<PolicyDocument> documents = Named(imported, "Policy");
  ASSERT_EQ(documents.size(), 1u);
  EXPECT_EQ(documents[0].owner, imported.IndexOf("Bus"));
  EXPECT_EQ(documents[0].kind, iam::PolicyKind::kResource);
  const iam::Statement& statement = documents[0].policy.statements[0];
  EXPECT_EQ(statement.sid, "from-org");  // from StatementId
  EXPECT_EQ(statement.location, At(12, 9));
  EXPECT_EQ(statement.principals[0].type, "*");
  EXPECT_EQ(statement.actions[0].value, "events:PutEvents");
  EXPECT_EQ(statement.resources[0].value, "${Bus.Arn}");
  ASSERT_EQ(statement.conditions.size(), 1u);
  EXPECT_EQ(statement.conditions[0].key, "aws:PrincipalOrgID");
  const std::vector<PolicyDocument> by_name = Named(imported, "ByName");
  ASSERT_EQ(by_name.size(), 1u);
  EXPECT_EQ(by_name[0].owner, imported.IndexOf("Bus"));  // by its Name
  EXPECT_TRUE(imported.WithCode("unresolved-reference").empty());
}

TEST(CloudFormationResourcePoliciesTest, EventBusPolicyOlderFormOnDefaultBus) {
  ASSERT_OK_AND_ASSIGN(Imported imported, ImportTemplate(R"(
Resources:
  Policy:
    Type: AWS::Events::EventBusPolicy
    Properties:
      StatementId: partner
      Action: events:PutEvents
      Principal: 123456789012
      Condition:
        Type: StringEquals
        Key: aws:PrincipalOrgID
        Value: o-abc123
)"));
  const std::vector<PolicyDocument>& policies = imported.model.policies();
  ASSERT_EQ(policies.size(), 1u);
  EXPECT_EQ(policies[0].owner, kNoResource);  // the default bus
  EXPECT_EQ(policies[0].name, "Policy");
  const iam::Statement& statement = policies[0].policy.statements[0];
  EXPECT_EQ(statement.sid, "partner");
  EXPECT_EQ(statement.effect, iam::Effect::kAllow);
  ASSERT_EQ(statement.principals.size(), 1u);
  EXPECT_EQ(statement.principals[0].type, "AWS");
  EXPECT_EQ(statement.principals[0].value.value, "123456789012");
  EXPECT_EQ(statement.principals[0].value.location, At(8, 18));
  EXPECT_EQ(statement.actions[0].location, At(7, 15));
  ASSERT_EQ(statement.resources.size(), 1u);
  EXPECT_TRUE(statement.resources[0].symbolic);
  EXPECT_EQ(statement.resources[0].value,
            "arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:"
            "event-bus/default");
  ASSERT_EQ(statement.conditions.size(), 1u);
  EXPECT_EQ(statement.conditions[0].op, "StringEquals");
  EXPECT_EQ(statement.conditions[0].key, "aws:PrincipalOrgID");
  EXPECT_EQ(statement.conditions[0].location, At(10, 15));
  EXPECT_EQ(statement.conditions[0].values[0].value, "o-abc123");
  EXPECT_EQ(statement.conditions[0].values[0].location, At(12, 16));
  std::vector<Diagnostic> unresolved =
      imported.WithCode("unresolved-reference");
  ASSERT_EQ(unresolved.size(), 1u);
  EXPECT_EQ(unresolved[0].location, At(3, 3));
  EXPECT_THAT(unresolved[0].message, ::testing::HasSubstr("default event bus"));
}

}  // namespace
}  // namespace polygraph::ingest
