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

constexpr char kKey[] = R"(Resources:
  Deployer:
    Type: AWS::IAM::User
  DeployerKey:
    Type: AWS::IAM::AccessKey
    Properties:
      UserName: !Ref Deployer
)";

TEST(IamAccessKeyTest, AccessKeyOfAUser) {
  std::vector<Finding> findings = RunRuleOnText("PG-IAM-006", kKey);
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].location.line, 4);
  EXPECT_EQ(findings[0].resource, "DeployerKey");
  EXPECT_THAT(findings[0].message,
              HasSubstr("AWS::IAM::AccessKey \"DeployerKey\" of IAM user "
                        "\"Deployer\" is a long-lived access key"));
}

TEST(IamAccessKeyTest, InactiveKeyPasses) {
  EXPECT_THAT(RunRuleOnText("PG-IAM-006",
                            std::string(kKey) + "      Status: Inactive\n"),
              IsEmpty());
}

TEST(IamAccessKeyTest, TerraformAccessKey) {
  std::vector<Finding> findings = RunRuleOnText("PG-IAM-006", R"(
resource "aws_iam_user" "ci" {
  name = "ci"
}

resource "aws_iam_access_key" "ci" {
  user = aws_iam_user.ci.name
}
)",
                                                "main.tf");
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].location.line, 6);
  EXPECT_THAT(findings[0].message, HasSubstr("aws_iam_access_key"));
  EXPECT_THAT(findings[0].fix, HasSubstr("remove aws_iam_access_key.ci"));
}

constexpr char kUser[] = R"(Resources:
  Alice:
    Type: AWS::IAM::User
    Properties:
      LoginProfile:
        Password: "{{resolve:secretsmanager:alice}}"
)";

constexpr char kMfaGroup[] = R"(  People:
    Type: AWS::IAM::Group
    Properties:
      Policies:
        - PolicyName: require-mfa
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Deny
                NotAction:
                  - iam:EnableMFADevice
                  - sts:GetSessionToken
                Resource: "*"
                Condition:
                  %s:
                    aws:MultiFactorAuthPresent: "false"
)";

std::string WithGroup(const char* op) {
  std::string group = kMfaGroup;
  group.replace(group.find("%s"), 2, op);
  return std::string(kUser) + "      Groups:\n        - !Ref People\n" + group;
}

TEST(IamConsoleMfaTest, ConsoleUserWithoutMfaPolicy) {
  std::vector<Finding> findings = RunRuleOnText("PG-IAM-007", kUser);
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].location.line, 5);
  EXPECT_EQ(findings[0].resource, "Alice");
  EXPECT_THAT(findings[0].message,
              HasSubstr("IAM user \"Alice\" has a console password "
                        "(LoginProfile)"));
}

TEST(IamConsoleMfaTest, GroupPolicyDenyingWithoutMfaEnforces) {
  EXPECT_THAT(RunRuleOnText("PG-IAM-007", WithGroup("BoolIfExists")),
              IsEmpty());
  EXPECT_THAT(RunRuleOnText("PG-IAM-007", WithGroup("Bool")), IsEmpty());
}

TEST(IamConsoleMfaTest, ADenyThatMfaDoesNotLiftIsNotEnforcement) {
  // Denying when MFA is present is a mistake, not MFA enforcement.
  std::string text = WithGroup("Bool");
  text.replace(text.find("\"false\""), 7, "\"true\"");
  EXPECT_THAT(RunRuleOnText("PG-IAM-007", text), SizeIs(1));
}

TEST(IamConsoleMfaTest, UserWithoutLoginProfilePasses) {
  EXPECT_THAT(RunRuleOnText("PG-IAM-007", kKey), IsEmpty());
}

}  // namespace
}  // namespace polygraph::testing
