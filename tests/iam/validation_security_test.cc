// Tests of validation_security.cc through ValidatePolicy.

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "polygraph/iam_validation.h"
#include "tests/iam/validation_test_util.h"

namespace polygraph::iam {
namespace {

using ::polygraph::iam::testing::At;
using ::polygraph::iam::testing::Codes;
using ::polygraph::iam::testing::OneStatement;
using ::polygraph::iam::testing::ValidateJson;
using ::polygraph::iam::testing::WithCode;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

TEST(ValidationSecurityTest, AllowWithNotElements) {
  std::vector<ValidationIssue> issues = ValidateJson(OneStatement(
      R"("Effect": "Allow", "NotAction": "s3:DeleteBucket",
      "NotResource": "arn:aws:s3:::secret/*",
      "NotPrincipal": {"AWS": "123456789012"})"));
  // NotAction leaves iam:PassRole allowed, and NotResource every role.
  ASSERT_THAT(
      Codes(issues),
      ElementsAre("ALLOW_WITH_NOT_ACTION", "PASS_ROLE_WITH_NOT_RESOURCE",
                  "ALLOW_WITH_NOT_RESOURCE", "ALLOW_WITH_NOT_PRINCIPAL"));
  for (const ValidationIssue& issue : issues) {
    EXPECT_EQ(issue.category, ValidationCategory::kSecurityWarning);
  }
  EXPECT_EQ(At(issues[0].location), "1:61");
  EXPECT_EQ(At(issues[1].location), "1:74");
  EXPECT_EQ(At(issues[2].location), "2:7");
  EXPECT_EQ(At(issues[3].location), "3:7");
}

TEST(ValidationSecurityTest, DenyWithNotElementsIsFine) {
  EXPECT_THAT(ValidateJson(OneStatement(
                  R"("Effect": "Deny", "NotAction": "s3:GetObject",
                  "NotResource": "arn:aws:s3:::public/*")")),
              IsEmpty());
}

std::vector<ValidationIssue> PassRoleIssues(const std::string& statement) {
  std::vector<ValidationIssue> issues = ValidateJson(OneStatement(statement));
  std::vector<ValidationIssue> found =
      WithCode(issues, "PASS_ROLE_WITH_STAR_IN_RESOURCE");
  for (const ValidationIssue& issue :
       WithCode(issues, "PASS_ROLE_WITH_NOT_RESOURCE")) {
    found.push_back(issue);
  }
  return found;
}

TEST(ValidationSecurityTest, PassRoleOnStarByAnyPatternThatMatchesIt) {
  for (const std::string action :
       {"iam:PassRole", "IAM:passrole", "iam:*", "iam:Pass*", "*"}) {
    std::vector<ValidationIssue> issues =
        PassRoleIssues(R"("Effect": "Allow", "Action": ["s3:GetObject", ")" +
                       action + R"("], "Resource": "*")");
    ASSERT_EQ(issues.size(), 1u) << action;
    EXPECT_EQ(issues[0].code, "PASS_ROLE_WITH_STAR_IN_RESOURCE");
    EXPECT_EQ(issues[0].category, ValidationCategory::kSecurityWarning);
    EXPECT_EQ(At(issues[0].location), "1:88") << action;
    EXPECT_THAT(issues[0].message, HasSubstr(action));
  }
}

TEST(ValidationSecurityTest, PassRoleThroughNotAction) {
  EXPECT_EQ(PassRoleIssues(R"("Effect": "Allow", "NotAction": "s3:*",
                              "Resource": "*")")
                .size(),
            1u);
  EXPECT_THAT(PassRoleIssues(R"("Effect": "Allow", "NotAction": "iam:*",
                               "Resource": "*")"),
              IsEmpty());
}

TEST(ValidationSecurityTest, PassRoleNotReportedWhenScopedOrDenied) {
  EXPECT_THAT(PassRoleIssues(R"("Effect": "Allow", "Action": "iam:PassRole",
      "Resource": "arn:aws:iam::123456789012:role/app")"),
              IsEmpty());
  EXPECT_THAT(PassRoleIssues(R"("Effect": "Deny", "Action": "iam:PassRole",
      "Resource": "*")"),
              IsEmpty());
  EXPECT_THAT(PassRoleIssues(R"("Effect": "Allow", "Action": "iam:GetRole",
      "Resource": "*")"),
              IsEmpty());
}

TEST(ValidationSecurityTest, PassRoleWithNotResource) {
  std::vector<ValidationIssue> issues =
      PassRoleIssues(R"("Effect": "Allow", "Action": "iam:PassRole",
      "NotResource": "arn:aws:iam::123456789012:role/admin")");
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].code, "PASS_ROLE_WITH_NOT_RESOURCE");
}

TEST(ValidationSecurityTest, PublicPrincipalWithoutCondition) {
  const std::string statement = R"("Effect": "Allow", "Principal": "*",
      "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*")";
  std::vector<ValidationIssue> issues =
      ValidateJson(OneStatement(statement), PolicyKind::kResource);
  ASSERT_THAT(Codes(issues), ElementsAre("PUBLIC_ACCESS_WITHOUT_CONDITION"));
  EXPECT_EQ(issues[0].category, ValidationCategory::kSecurityWarning);
  EXPECT_EQ(At(issues[0].location), "1:74");

  EXPECT_THAT(
      Codes(ValidateJson(
          OneStatement(
              R"("Effect": "Allow", "Principal": {"AWS": ["123456789012", "*"]},
      "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*")"),
          PolicyKind::kResource)),
      ElementsAre("PUBLIC_ACCESS_WITHOUT_CONDITION"));
  // A condition narrows who; a Deny takes away.
  EXPECT_THAT(ValidateJson(OneStatement(statement + R"(,
      "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}})"),
                           PolicyKind::kResource),
              IsEmpty());
  EXPECT_THAT(ValidateJson(OneStatement(R"("Effect": "Deny", "Principal": "*",
      "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*")"),
                           PolicyKind::kResource),
              IsEmpty());
}

TEST(ValidationSecurityTest, WebIdentityTrustWithoutCondition) {
  const std::string statement = R"("Effect": "Allow",
      "Principal": {"Federated": "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"},
      "Action": "sts:AssumeRoleWithWebIdentity")";
  std::vector<ValidationIssue> issues =
      ValidateJson(OneStatement(statement), PolicyKind::kTrust);
  ASSERT_THAT(Codes(issues), ElementsAre("MISSING_WEB_IDENTITY_CONDITION"));
  EXPECT_EQ(At(issues[0].location), "3:17");
  EXPECT_THAT(ValidateJson(OneStatement(statement + R"(,
      "Condition": {"StringEquals": {
        "token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}})"),
                           PolicyKind::kTrust),
              IsEmpty());
}

}  // namespace
}  // namespace polygraph::iam
