#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/rules/rules_testing.h"

namespace polygraph::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::SizeIs;

Model OnePolicy(std::vector<iam::Statement> statements) {
  ModelBuilder builder;
  builder.AddPolicy(MakePolicy("AppPolicy", std::move(statements)));
  return std::move(builder).Build();
}

TEST(IamUnscopedWriteTest, NamesTheWriteActionsAndCountsThem) {
  std::vector<Finding> findings = RunRule(
      "PG-IAM-003",
      OnePolicy({MakeStatement(
          {"s3:GetObject", "s3:PutObject", "s3:DeleteObject"}, {"*"}, 5)}));
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].severity, Severity::kHigh);
  EXPECT_EQ(findings[0].location, At(6, 10));  // s3:PutObject
  EXPECT_THAT(findings[0].message,
              HasSubstr("allows 2 write or permissions-management actions"));
  EXPECT_THAT(findings[0].message, HasSubstr("s3:DeleteObject, s3:PutObject"));
  EXPECT_THAT(findings[0].message, Not(HasSubstr("GetObject")));
}

TEST(IamUnscopedWriteTest, ReadsScopedAndConditionedStatementsPass) {
  EXPECT_THAT(
      RunRule("PG-IAM-003", OnePolicy({MakeStatement({"s3:Get*"}, {"*"})})),
      IsEmpty());
  EXPECT_THAT(RunRule("PG-IAM-003",
                      OnePolicy({MakeStatement({"s3:PutObject"},
                                               {"arn:aws:s3:::uploads/*"})})),
              IsEmpty());
  iam::Statement conditioned = MakeStatement({"ec2:TerminateInstances"}, {"*"});
  conditioned.conditions.push_back(
      {"StringEquals", "aws:ResourceTag/team", {Located("a", 30)}, At(29, 9)});
  EXPECT_THAT(RunRule("PG-IAM-003", OnePolicy({conditioned})), IsEmpty());
  // Service wildcards are PG-IAM-001's; iam:PassRole is PG-IAM-008's.
  EXPECT_THAT(
      RunRule("PG-IAM-003",
              OnePolicy({MakeStatement({"s3:*", "iam:PassRole"}, {"*"})})),
      IsEmpty());
}

TEST(IamPassRoleTest, PassRoleThroughWildcards) {
  for (const char* action : {"iam:PassRole", "iam:Pass*", "IAM:passrole"}) {
    std::vector<Finding> findings = RunRule(
        "PG-IAM-008",
        OnePolicy({MakeStatement({"ec2:RunInstances", action}, {"*"}, 3)}));
    ASSERT_THAT(findings, SizeIs(1)) << action;
    EXPECT_EQ(findings[0].location, At(4, 10));
    EXPECT_THAT(findings[0].message,
                HasSubstr(absl::StrCat("allows iam:PassRole through Action \"",
                                       action, "\" on Resource \"*\"")));
  }
  std::vector<Finding> every_role =
      RunRule("PG-IAM-008",
              OnePolicy({MakeStatement({"iam:*"}, {"arn:aws:iam::*:role/*"})}));
  EXPECT_THAT(every_role, SizeIs(1));
}

TEST(IamPassRoleTest, ScopedOrConditionedPassRolePasses) {
  EXPECT_THAT(
      RunRule("PG-IAM-008",
              OnePolicy({MakeStatement(
                  {"iam:PassRole"}, {"arn:aws:iam::111122223333:role/task"})})),
      IsEmpty());
  iam::Statement conditioned = MakeStatement({"iam:PassRole"}, {"*"});
  conditioned.conditions.push_back({"StringEquals",
                                    "iam:PassedToService",
                                    {Located("ecs-tasks.amazonaws.com", 30)},
                                    At(29, 9)});
  EXPECT_THAT(RunRule("PG-IAM-008", OnePolicy({conditioned})), IsEmpty());
  // An admin-equivalent statement is PG-IAM-002's.
  EXPECT_THAT(RunRule("PG-IAM-008", OnePolicy({MakeStatement({"*"}, {"*"})})),
              IsEmpty());
}

}  // namespace
}  // namespace polygraph::testing
