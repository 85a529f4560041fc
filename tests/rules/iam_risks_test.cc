#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/rules/iam_rules_testing.h"

namespace polygraph::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

std::string Role(const std::string& statements) {
  return R"(Resources:
  App:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {Service: lambda.amazonaws.com}
            Action: sts:AssumeRole
      Policies:
        - PolicyName: app
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
)" + statements;
}

TEST(IamDataExfiltrationTest, ReadsOnEveryResource) {
  std::vector<Finding> findings =
      RunRuleOnText("PG-IAM-011", Role(R"(              - Effect: Allow
                Action: [ssm:GetParameter, dynamodb:Scan]
                Resource: "*"
)"));
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].resource, "App");
  EXPECT_EQ(findings[0].location.line, 16);
  EXPECT_THAT(findings[0].message,
              HasSubstr("role \"App\" can read data or secrets anywhere on "
                        "Resource \"*\": dynamodb:Scan, ssm:GetParameter"));
  EXPECT_THAT(findings[0].fix, HasSubstr("dynamodb:Scan only on the ARNs"));
}

TEST(IamDataExfiltrationTest, ScopedReadsAndDeniedReadsPass) {
  EXPECT_THAT(RunRuleOnText("PG-IAM-011", Role(R"(              - Effect: Allow
                Action: ssm:GetParameter
                Resource: arn:aws:ssm:us-east-1:111122223333:parameter/app/*
)")),
              IsEmpty());
  EXPECT_THAT(RunRuleOnText("PG-IAM-011", Role(R"(              - Effect: Allow
                Action: s3:GetObject
                Resource: "*"
              - Effect: Deny
                Action: s3:GetObject
                Resource: "*"
)")),
              IsEmpty());
}

TEST(IamCredentialsExposureTest, PasswordsOfEveryInstance) {
  std::vector<Finding> findings =
      RunRuleOnText("PG-IAM-012", Role(R"(              - Effect: Allow
                Action: ec2:GetPasswordData
                Resource: "*"
)"));
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_THAT(findings[0].message, HasSubstr("ec2:GetPasswordData"));
}

TEST(IamCredentialsExposureTest, UnscopableAndWriteLevelActionsAreLeftOut) {
  // ecr:GetAuthorizationToken can only be granted on "*";
  // redshift:GetClusterCredentials is a Write action: PG-IAM-003's.
  EXPECT_THAT(RunRuleOnText("PG-IAM-012", Role(R"(              - Effect: Allow
                Action: [ecr:GetAuthorizationToken, redshift:GetClusterCredentials]
                Resource: "*"
)")),
              IsEmpty());
}

}  // namespace
}  // namespace polygraph::testing
