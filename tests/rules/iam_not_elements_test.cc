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

Model OnePolicy(iam::Statement statement,
                iam::PolicyKind kind = iam::PolicyKind::kIdentity) {
  ModelBuilder builder;
  PolicyDocument policy = MakePolicy("AppPolicy", {std::move(statement)});
  policy.kind = kind;
  builder.AddPolicy(policy);
  return std::move(builder).Build();
}

TEST(IamNotActionTest, AllowWithNotAction) {
  iam::Statement statement =
      MakeStatement({"s3:DeleteBucket"}, {"arn:aws:s3:::data/*"}, 8);
  statement.not_action = true;
  std::vector<Finding> findings = RunRule("PG-IAM-004", OnePolicy(statement));
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].severity, Severity::kMedium);
  EXPECT_EQ(findings[0].location, At(8, 10));
  EXPECT_THAT(findings[0].message,
              HasSubstr("allows every action except NotAction "
                        "\"s3:DeleteBucket\""));
  EXPECT_THAT(findings[0].fix, HasSubstr("Deny statement"));
}

TEST(IamNotActionTest, DenyWithNotActionAndActionPass) {
  iam::Statement deny =
      MakeStatement({"s3:GetObject"}, {"*"}, 8, iam::Effect::kDeny);
  deny.not_action = true;
  EXPECT_THAT(RunRule("PG-IAM-004", OnePolicy(deny)), IsEmpty());
  EXPECT_THAT(
      RunRule("PG-IAM-004", OnePolicy(MakeStatement({"s3:GetObject"}, {"*"}))),
      IsEmpty());
}

iam::Statement WithNotPrincipal(iam::Effect effect) {
  iam::Statement statement =
      MakeStatement({"s3:GetObject"}, {"arn:aws:s3:::data/*"}, 5, effect);
  statement.has_principal = true;
  statement.not_principal = true;
  statement.principals.push_back(
      {"AWS", Located("arn:aws:iam::111122223333:role/blocked", 4, 20)});
  return statement;
}

TEST(IamNotPrincipalTest, AllowWithNotPrincipal) {
  std::vector<Finding> findings =
      RunRule("PG-IAM-005", OnePolicy(WithNotPrincipal(iam::Effect::kAllow),
                                      iam::PolicyKind::kResource));
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].severity, Severity::kHigh);
  EXPECT_EQ(findings[0].location, At(4, 20));
  EXPECT_THAT(findings[0].message,
              HasSubstr("except NotPrincipal AWS "
                        "\"arn:aws:iam::111122223333:role/blocked\""));
}

TEST(IamNotPrincipalTest, DenyWithNotPrincipalPasses) {
  EXPECT_THAT(
      RunRule("PG-IAM-005", OnePolicy(WithNotPrincipal(iam::Effect::kDeny),
                                      iam::PolicyKind::kResource)),
      IsEmpty());
}

}  // namespace
}  // namespace polygraph::testing
