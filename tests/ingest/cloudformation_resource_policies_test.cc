// Resource policy facets (lib/ingest/cloudformation_resource_policies.cc).

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/ingest/ingest_testing.h"
#include "tests/testing.h"

namespace polygraph::ingest {
namespace {

using testing::At;
using testing::ExpectInputError;
using testing::Imported;
using testing::ImportTemplate;
using testing::Named;

TEST(CloudFormationResourcePoliciesTest, KindsOfGovernedResources) {
  ASSERT_OK_AND_ASSIGN(Imported imported, ImportTemplate(R"(
Resources:
  Topic: {Type: AWS::SNS::Topic}
  Queue: {Type: AWS::SQS::Queue}
  Key: {Type: AWS::KMS::Key}
  Bus: {Type: AWS::Events::EventBus, Properties: {Name: orders}}
)"));
  const std::vector<Resource>& r = imported.model.resources();
  ASSERT_EQ(r.size(), 4u);
  EXPECT_EQ(r[0].kind, ResourceKind::kTopic);
  EXPECT_EQ(r[1].kind, ResourceKind::kQueue);
  EXPECT_EQ(r[2].kind, ResourceKind::kKmsKey);
  EXPECT_EQ(r[3].kind, ResourceKind::kEventBus);
  EXPECT_EQ(ResourceKindName(ResourceKind::kTopic), "topic");
  EXPECT_EQ(ResourceKindName(ResourceKind::kQueue), "queue");
  EXPECT_EQ(ResourceKindName(ResourceKind::kKmsKey), "kms_key");
  EXPECT_EQ(ResourceKindName(ResourceKind::kEventBus), "event_bus");
  // No KeyPolicy: AWS's default key policy, which is not a document here.
  EXPECT_TRUE(imported.model.policies().empty());
}

TEST(CloudFormationResourcePoliciesTest, TopicPolicyPerDeclaredTopic) {
  ASSERT_OK_AND_ASSIGN(Imported imported, ImportTemplate(R"(
Parameters:
  External: {Type: String}
Resources:
  Topic:
    Type: AWS::SNS::Topic
  Alerts:
    Type: AWS::SNS::Topic
    Properties: {TopicName: alerts}
  Policy:
    Type: AWS::SNS::TopicPolicy
    Properties:
      Topics: [!Ref Topic, "arn:aws:sns:us-east-1:123456789012:alerts", !Ref External]
      PolicyDocument:
        Statement:
          - Sid: events
            Effect: Allow
            Principal: {Service: events.amazonaws.com}
            Action: sns:Publish
            Resource: !Ref Topic
)"));
  const std::vector<PolicyDocument> documents = Named(imported, "Policy");
  ASSERT_EQ(documents.size(), 3u);
  EXPECT_EQ(documents[0].owner, imported.IndexOf("Topic"));
  EXPECT_EQ(documents[1].owner, imported.IndexOf("Alerts"));  // by TopicName
  EXPECT_EQ(documents[2].owner, kNoResource);  // the parameter's topic
  for (const PolicyDocument& document : documents) {
    EXPECT_EQ(document.kind, iam::PolicyKind::kResource);
    ASSERT_EQ(document.policy.statements.size(), 1u);
    const iam::Statement& statement = document.policy.statements[0];
    EXPECT_EQ(statement.sid, "events");
    EXPECT_EQ(statement.location, At(16, 13));
    ASSERT_EQ(statement.principals.size(), 1u);
    EXPECT_EQ(statement.principals[0].type, "Service");
    EXPECT_EQ(statement.principals[0].value.value, "events.amazonaws.com");
    ASSERT_EQ(statement.actions.size(), 1u);
    EXPECT_EQ(statement.actions[0].value, "sns:Publish");
    EXPECT_EQ(statement.actions[0].location, At(19, 21));
  }
  std::vector<Diagnostic> symbolic = imported.WithCode("symbolic-value");
  ASSERT_EQ(symbolic.size(), 1u);
  EXPECT_EQ(symbolic[0].location, At(13, 73));
  EXPECT_THAT(symbolic[0].message, ::testing::HasSubstr("${External}"));
}

TEST(CloudFormationResourcePoliciesTest, QueuePolicyAndUndeclaredQueues) {
  ASSERT_OK_AND_ASSIGN(Imported imported, ImportTemplate(R"(
Parameters:
  Stage: {Type: String}
Conditions:
  Two: !Equals [!Ref Stage, prod]
Resources:
  Queue: {Type: AWS::SQS::Queue}
  Dead: {Type: AWS::SQS::Queue}
  Policy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues:
        - !Ref Queue
        - !GetAtt Queue.QueueUrl
        - !If [Two, !Ref Dead, !Ref AWS::NoValue]
      PolicyDocument:
        Statement:
          Effect: Allow
          Principal: "*"
          Action: [sqs:SendMessage]
          Condition: {ArnEquals: {aws:SourceArn: !Ref Topic}}
  Topic: {Type: AWS::SNS::Topic}
  Elsewhere:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues: ["https://sqs.us-east-1.amazonaws.com/123456789012/other"]
      PolicyDocument:
        Statement: {Effect: Allow, Principal: {AWS: "111122223333"}, Action: "sqs:*"}
)"));
  const std::vector<PolicyDocument> documents = Named(imported, "Policy");
  ASSERT_EQ(documents.size(), 2u);  // Queue once, Dead from the Fn::If
  EXPECT_EQ(documents[0].owner, imported.IndexOf("Queue"));
  EXPECT_EQ(documents[1].owner, imported.IndexOf("Dead"));
  const iam::Statement& statement = documents[0].policy.statements[0];
  EXPECT_EQ(statement.location, At(18, 11));
  ASSERT_EQ(statement.principals.size(), 1u);
  EXPECT_EQ(statement.principals[0].type, "*");
  ASSERT_EQ(statement.conditions.size(), 1u);
  EXPECT_EQ(statement.conditions[0].op, "ArnEquals");
  EXPECT_EQ(statement.conditions[0].key, "aws:SourceArn");
  EXPECT_TRUE(statement.conditions[0].values[0].symbolic);

  const std::vector<PolicyDocument> elsewhere = Named(imported, "Elsewhere");
  ASSERT_EQ(elsewhere.size(), 1u);
  EXPECT_EQ(elsewhere[0].owner, kNoResource);
  EXPECT_EQ(elsewhere[0].policy.statements[0].principals[0].value.value,
            "111122223333");
  std::vector<Diagnostic> unresolved =
      imported.WithCode("unresolved-reference");
  ASSERT_EQ(unresolved.size(), 1u);
  EXPECT_EQ(unresolved[0].level, Diagnostic::Level::kNote);
  EXPECT_EQ(unresolved[0].location, At(26, 16));
  EXPECT_THAT(unresolved[0].message,
              ::testing::HasSubstr("names no queue declared in the template"));
}

TEST(CloudFormationResourcePoliciesTest, KeyRepositoryAndBusOwnPolicies) {
  ASSERT_OK_AND_ASSIGN(Imported imported, ImportTemplate(R"(
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {AWS: !Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"}
            Action: kms:*
            Resource: "*"
  StringKey:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy: '{"Statement": []}'
  Repository:
    Type: AWS::ECR::Repository
    Properties:
      RepositoryPolicyText:
        Statement: [{Effect: Allow, Principal: "*", Action: ecr:BatchGetImage}]
  Bus:
    Type: AWS::Events::EventBus
    Properties:
      Name: orders
      Policy: !Ref BusPolicyParam
Parameters:
  BusPolicyParam: {Type: String}
)"));
  const std::vector<PolicyDocument>& policies = imported.model.policies();
  ASSERT_EQ(policies.size(), 2u);
  EXPECT_EQ(policies[0].owner, imported.IndexOf("Key"));
  EXPECT_EQ(policies[0].name, "Key");
  EXPECT_EQ(policies[0].kind, iam::PolicyKind::kResource);
  EXPECT_EQ(policies[0].policy.location, At(7, 9));
  const iam::Statement& statement = policies[0].policy.statements[0];
  EXPECT_EQ(statement.location, At(9, 13));
  EXPECT_EQ(statement.principals[0].type, "AWS");
  EXPECT_TRUE(statement.principals[0].value.symbolic);
  EXPECT_EQ(statement.actions[0].value, "kms:*");
  EXPECT_EQ(policies[1].owner, imported.IndexOf("Repository"));
  EXPECT_EQ(policies[1].name, "Repository");
  // The JSON string and the parameter are noted, not analysed.
  std::vector<Diagnostic> not_analysed = imported.WithCode("not-analysed");
  ASSERT_EQ(not_analysed.size(), 1u);
  EXPECT_EQ(not_analysed[0].location, At(16, 18));
  std::vector<Diagnostic> symbolic = imported.WithCode("symbolic-value");
  ASSERT_EQ(symbolic.size(), 1u);
  EXPECT_EQ(symbolic[0].location, At(26, 15));
}

TEST(CloudFormationResourcePoliciesTest, SecretResourcePolicy) {
  ASSERT_OK_AND_ASSIGN(Imported imported, ImportTemplate(R"(
Resources:
  Secret:
    Type: AWS::SecretsManager::Secret
    Properties: {Name: db-password}
  Policy:
    Type: AWS::SecretsManager::ResourcePolicy
    Properties:
      SecretId: !Ref Secret
      ResourcePolicy:
        Statement:
          - Effect: Deny
            Principal: {AWS: "*"}
            Action: secretsmanager:DeleteSecret
            Resource: "*"
  ByArn:
    Type: AWS::SecretsManager::ResourcePolicy
    Properties:
      SecretId: arn:aws:secretsmanager:us-east-1:123456789012:secret:db-password-AbCdEf
      ResourcePolicy:
        Statement: {Effect: Allow, Principal: {AWS: "111122223333"}, Action: "secretsmanager:GetSecretValue"}
  Foreign:
    Type: AWS::SecretsManager::ResourcePolicy
    Properties:
      SecretId: arn:aws:secretsmanager:us-east-1:123456789012:secret:other-AbCdEf
      ResourcePolicy:
        Statement: {Effect: Allow, Principal: {AWS: "111122223333"}, Action: "secretsmanager:GetSecretValue"}
)"));
  const size_t secret = imported.IndexOf("Secret");
  const std::vector<PolicyDocument> policy = Named(imported, "Policy");
  ASSERT_EQ(policy.size(), 1u);
  EXPECT_EQ(policy[0].owner, secret);
  const iam::Statement& statement = policy[0].policy.statements[0];
  EXPECT_EQ(statement.effect, iam::Effect::kDeny);
  EXPECT_EQ(statement.location, At(12, 13));
  ASSERT_EQ(Named(imported, "ByArn").size(), 1u);
  EXPECT_EQ(Named(imported, "ByArn")[0].owner, secret);
  ASSERT_EQ(Named(imported, "Foreign").size(), 1u);
  EXPECT_EQ(Named(imported, "Foreign")[0].owner, kNoResource);
  std::vector<Diagnostic> unresolved =
      imported.WithCode("unresolved-reference");
  ASSERT_EQ(unresolved.size(), 1u);
  EXPECT_EQ(unresolved[0].location, At(25, 17));
}

TEST(CloudFormationResourcePoliciesTest, MalformedPoliciesAreInputErrors) {
  ExpectInputError(ImportTemplate(R"(
Resources:
  Topic: {Type: AWS::SNS::Topic}
  Policy:
    Type: AWS::SNS::TopicPolicy
    Properties:
      Topics: [!Ref Topic]
      PolicyDocument:
        Statement:
          - Effect: Maybe
            Principal: "*"
            Action: sns:Publish
)")
                       .status(),
                   10, 21, "Effect");
  // A resource policy needs a Principal.
  ExpectInputError(ImportTemplate(R"(
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Statement: [{Effect: Allow, Action: "kms:*", Resource: "*"}]
)")
                       .status(),
                   7, 21, "Principal");
  ExpectInputError(ImportTemplate(R"(
Resources:
  Queue: {Type: AWS::SQS::Queue}
  Policy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues: !GetAtt Queue.QueueUrl
      PolicyDocument: {Statement: []}
  Bad:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues: {Queue: !Ref Queue}
      PolicyDocument: {Statement: []}
)")
                       .status(),
                   12, 15, "Queues must be an array");
  ExpectInputError(ImportTemplate(R"(
Resources:
  Topic: {Type: AWS::SNS::Topic}
  Policy:
    Type: AWS::SNS::TopicPolicy
    Properties:
      PolicyDocument: {Statement: []}
)")
                       .status(),
                   4, 3, "has no Topics");
  ExpectInputError(ImportTemplate(R"(
Resources:
  Function: {Type: AWS::Lambda::Function}
  Permission:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: !Ref Function
      Action: lambda:InvokeFunction
      Principal: {Service: s3.amazonaws.com}
)")
                       .status(),
                   9, 18, "Principal must be a string");
  ExpectInputError(ImportTemplate(R"(
Resources:
  Policy:
    Type: AWS::Events::EventBusPolicy
    Properties:
      StatementId: s
      Action: events:PutEvents
      Principal: "*"
      Condition: {Type: StringEquals, Key: aws:PrincipalOrgID}
)")
                       .status(),
                   9, 18, "Condition has no Value");
}

TEST(CloudFormationResourcePoliciesTest, RotationScheduleReferencesItsSecret) {
  ASSERT_OK_AND_ASSIGN(Imported imported, ImportTemplate(R"(
Resources:
  Secret: {Type: AWS::SecretsManager::Secret}
  Rotation:
    Type: AWS::SecretsManager::RotationSchedule
    Properties:
      SecretId: !Ref Secret
      RotationRules: {AutomaticallyAfterDays: 30}
)"));
  const size_t rotation = imported.IndexOf("Rotation");
  EXPECT_EQ(imported.model.resources()[rotation].kind, ResourceKind::kOther);
  bool found = false;
  for (const Reference& reference : imported.model.references()) {
    if (reference.from == rotation &&
        reference.to == imported.IndexOf("Secret")) {
      found = true;
      EXPECT_EQ(reference.property, "SecretId");
      EXPECT_EQ(reference.attribute, "");
      EXPECT_EQ(reference.location, At(7, 17));
    }
  }
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace polygraph::ingest
