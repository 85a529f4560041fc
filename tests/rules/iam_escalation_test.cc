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

// An administrator role Lambda may assume, and a role whose policy lines
// are given (indented for Statement).
std::string Template(const std::string& statements) {
  return R"(Resources:
  Admin:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {Service: lambda.amazonaws.com}
            Action: sts:AssumeRole
      ManagedPolicyArns: [arn:aws:iam::aws:policy/AdministratorAccess]
  Dev:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {Service: ec2.amazonaws.com}
            Action: sts:AssumeRole
      Policies:
        - PolicyName: dev
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
)" + statements;
}

constexpr char kPassAdminToLambda[] = R"(              - Effect: Allow
                Action: iam:PassRole
                Resource: !GetAtt Admin.Arn
              - Effect: Allow
                Action: [lambda:CreateFunction, lambda:InvokeFunction]
                Resource: "*"
)";

TEST(IamEscalationToAdminTest, PassingTheAdministratorToLambda) {
  std::vector<Finding> findings =
      RunRuleOnText("PG-IAM-010", Template(kPassAdminToLambda));
  ASSERT_THAT(findings, SizeIs(1));
  const Finding& f = findings[0];
  EXPECT_EQ(f.resource, "Dev");
  EXPECT_EQ(f.severity, Severity::kCritical);
  EXPECT_EQ(f.location.line, 26);  // the PassRole statement
  EXPECT_THAT(f.message, HasSubstr("role \"Dev\" can become administrator "
                                   "role \"Admin\" in 1 step: pass-role"));
  EXPECT_THAT(f.message, HasSubstr("iam:PassRole"));
  EXPECT_THAT(f.fix, HasSubstr("iam:PassedToService"));
}

TEST(IamEscalationToAdminTest, PassedToAnotherServiceIsNoPath) {
  std::string statements = R"(              - Effect: Allow
                Action: iam:PassRole
                Resource: !GetAtt Admin.Arn
                Condition:
                  StringEquals: {iam:PassedToService: ec2.amazonaws.com}
              - Effect: Allow
                Action: [lambda:CreateFunction, lambda:InvokeFunction]
                Resource: "*"
)";
  EXPECT_THAT(RunRuleOnText("PG-IAM-010", Template(statements)), IsEmpty());
}

TEST(IamEscalationToAdminTest, WritingItsOwnPolicies) {
  std::vector<Finding> findings =
      RunRuleOnText("PG-IAM-010", Template(R"(              - Effect: Allow
                Action: iam:AttachRolePolicy
                Resource: arn:aws:iam::111122223333:role/Dev
)"));
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_THAT(findings[0].message,
              HasSubstr("role \"Dev\" can make itself administrator: "
                        "policy-write"));
  EXPECT_THAT(findings[0].fix, HasSubstr("iam:PermissionsBoundary"));
}

TEST(IamEscalationToAdminTest, WritingAnotherRolesPoliciesAloneIsNoPath) {
  // Dev may rewrite Other's policies but cannot act as Other.
  std::string text = Template(R"(              - Effect: Allow
                Action: iam:PutRolePolicy
                Resource: arn:aws:iam::111122223333:role/Other
)") + R"(  Other:
    Type: AWS::IAM::Role
    Properties:
      RoleName: Other
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {Service: ec2.amazonaws.com}
            Action: sts:AssumeRole
)";
  EXPECT_THAT(RunRuleOnText("PG-IAM-010", text), IsEmpty());
}

TEST(IamEscalationToAdminTest, AdministratorsAreNotReported) {
  EXPECT_THAT(
      RunRuleOnText("PG-IAM-010", Template(R"(              - Effect: Allow
                Action: s3:GetObject
                Resource: arn:aws:s3:::assets/*
)")),
      IsEmpty());
}

}  // namespace
}  // namespace polygraph::testing
