#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/rules/rules_testing.h"

namespace polygraph::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

Model OnePolicy(std::vector<iam::Statement> statements,
                iam::PolicyKind kind = iam::PolicyKind::kIdentity) {
  ModelBuilder builder;
  PolicyDocument policy = MakePolicy("AppPolicy", std::move(statements));
  policy.kind = kind;
  builder.AddPolicy(policy);
  return std::move(builder).Build();
}

TEST(IamAdminTest, EveryActionOnEveryResource) {
  Model model = OnePolicy({MakeStatement({"*"}, {"*"}, /*line=*/12)});
  std::vector<Finding> findings = RunRule("PG-IAM-002", model);
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].severity, Severity::kCritical);
  EXPECT_EQ(findings[0].location, At(12, 10));
  EXPECT_THAT(findings[0].message,
              HasSubstr("policy \"AppPolicy\" allows Action \"*\" on "
                        "Resource \"*\""));
  EXPECT_THAT(findings[0].fix, HasSubstr("AdministratorAccess"));
  // PG-IAM-001 leaves the statement to PG-IAM-002.
  EXPECT_THAT(RunRule("PG-IAM-001", model), IsEmpty());
}

TEST(IamAdminTest, NotActionOfOneServiceIsAdministrator) {
  iam::Statement statement = MakeStatement({"s3:*"}, {"*"}, /*line=*/7);
  statement.not_action = true;
  std::vector<Finding> findings = RunRule("PG-IAM-002", OnePolicy({statement}));
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].location, At(7, 10));
  EXPECT_THAT(findings[0].message,
              HasSubstr("every action except NotAction \"s3:*\""));
}

TEST(IamAdminTest, WithoutIamManagementItIsNot) {
  iam::Statement statement = MakeStatement({"iam:*"}, {"*"});
  statement.not_action = true;
  EXPECT_THAT(RunRule("PG-IAM-002", OnePolicy({statement})), IsEmpty());
}

TEST(IamAdminTest, ServiceWildcardsAndScopedStatementsAreNot) {
  EXPECT_THAT(RunRule("PG-IAM-002",
                      OnePolicy({MakeStatement({"s3:*", "ec2:*"}, {"*"})})),
              IsEmpty());
  EXPECT_THAT(RunRule("PG-IAM-002",
                      OnePolicy({MakeStatement({"*"}, {"arn:aws:s3:::a"})})),
              IsEmpty());
  iam::Statement conditioned = MakeStatement({"*"}, {"*"});
  conditioned.conditions.push_back(
      {"Bool", "aws:MultiFactorAuthPresent", {Located("true", 30)}, At(29, 9)});
  EXPECT_THAT(RunRule("PG-IAM-002", OnePolicy({conditioned})), IsEmpty());
  EXPECT_THAT(
      RunRule("PG-IAM-002",
              OnePolicy({MakeStatement({"*"}, {"*"}, 10, iam::Effect::kDeny)})),
      IsEmpty());
  EXPECT_THAT(RunRule("PG-IAM-002", OnePolicy({MakeStatement({"*"}, {"*"})},
                                              iam::PolicyKind::kResource)),
              IsEmpty());
}

}  // namespace
}  // namespace polygraph::testing
