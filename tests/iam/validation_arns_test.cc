// Tests of validation_arns.cc through ValidatePolicy.

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
using ::polygraph::iam::testing::ValidateYaml;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::vector<ValidationIssue> WithResource(const std::string& resource) {
  return ValidateJson(OneStatement(
      R"("Effect": "Deny", "Action": "s3:GetObject", "Resource": )" +
      resource));
}

TEST(ValidationArnsTest, AcceptsArnsPatternsAndVariables) {
  for (const std::string resource : {
           R"("*")",
           R"("arn:aws:s3:::bucket/*")",
           R"("arn:aws:ec2:*:123456789012:instance/*")",
           R"("arn:aws:s3:*")",
           R"("arn:aws-cn:s3:::b")",
           // A variable whose key holds ':' stands for one value.
           R"("arn:aws:s3:::b/${aws:username}/*")",
           R"("arn:aws:iam::${aws:PrincipalAccount}:role/x")",
           R"("arn:aws:s3:::b/${aws:PrincipalTag/team, 'none'}")",
       }) {
    EXPECT_THAT(WithResource(resource), IsEmpty()) << resource;
  }
}

TEST(ValidationArnsTest, MalformedArnsAreErrorsWithTheirProblem) {
  std::vector<ValidationIssue> issues = WithResource(
      R"(["bucket/*", "arn:aws:s3:bucket", "arn:awz:s3:::b", "arn:aws:s3:::"])");
  ASSERT_THAT(Codes(issues),
              ElementsAre("INVALID_ARN_PREFIX", "MISSING_ARN_FIELD",
                          "INVALID_ARN", "INVALID_ARN"));
  EXPECT_EQ(issues[0].category, ValidationCategory::kError);
  EXPECT_EQ(At(issues[0].location), "1:99");
  EXPECT_THAT(issues[0].message, HasSubstr("\"bucket/*\""));
  EXPECT_THAT(issues[2].message, HasSubstr("partition"));
  EXPECT_THAT(issues[3].message, HasSubstr("resource is empty"));
}

TEST(ValidationArnsTest, NotResourceIsCheckedToo) {
  std::vector<ValidationIssue> issues = ValidateJson(OneStatement(
      R"("Effect": "Deny", "Action": "s3:GetObject", "NotResource": "nope")"));
  ASSERT_THAT(Codes(issues), ElementsAre("INVALID_ARN_PREFIX"));
  EXPECT_THAT(issues[0].message, HasSubstr("NotResource"));
}

TEST(ValidationArnsTest, SymbolicValuesAreNeverMalformed) {
  EXPECT_THAT(ValidateYaml(R"(
Version: "2012-10-17"
Statement:
  - Effect: Allow
    Action: s3:GetObject
    Resource: !GetAtt Bucket.Arn
    Principal:
      AWS: !Ref TrustedAccount
)"),
              IsEmpty());
}

std::vector<ValidationIssue> WithPrincipal(const std::string& principal) {
  return ValidateJson(
      OneStatement(R"("Effect": "Deny", "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::b/*", "Principal": )" +
                   principal),
      PolicyKind::kResource);
}

TEST(ValidationArnsTest, AcceptsWellFormedPrincipals) {
  for (
      const std::string principal : {
          R"("*")",
          R"({"AWS": "*"})",
          R"({"AWS": "123456789012"})",
          R"({"AWS": 123456789012})",
          R"({"AWS": ["arn:aws:iam::123456789012:root",
                       "arn:aws:iam::123456789012:role/app",
                       "arn:aws:sts::123456789012:assumed-role/app/s"]})",
          R"({"Service": ["ec2.amazonaws.com", "logs.eu-west-1.amazonaws.com"]})",
          R"({"Federated": ["cognito-identity.amazonaws.com",
               "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"]})",
          R"({"CanonicalUser": "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"})",
      }) {
    EXPECT_THAT(WithPrincipal(principal), IsEmpty()) << principal;
  }
}

TEST(ValidationArnsTest, MalformedPrincipalsAreErrors) {
  std::vector<ValidationIssue> issues = WithPrincipal(R"({
        "AWS": ["12345", "arn:aws:s3:::bucket", "arn:aws:iam::*:root",
                "arn:aws:iam::aws:policy/x"],
        "Service": "EC2 service",
        "CanonicalUser": "abc"})");
  ASSERT_THAT(Codes(issues), ElementsAre("INVALID_PRINCIPAL_FORMAT",
                                         "INVALID_PRINCIPAL_FORMAT",
                                         "UNSUPPORTED_WILDCARD_IN_PRINCIPAL",
                                         "INVALID_PRINCIPAL_FORMAT",
                                         "INVALID_SERVICE_PRINCIPAL_FORMAT",
                                         "INVALID_PRINCIPAL_FORMAT"));
  EXPECT_EQ(At(issues[0].location), "3:17");
  EXPECT_THAT(issues[0].message, HasSubstr("\"12345\""));
  EXPECT_THAT(issues[1].message, HasSubstr("not an IAM or STS ARN"));
  EXPECT_THAT(issues[3].message, HasSubstr("12-digit account"));
  EXPECT_THAT(issues[4].message, HasSubstr("\"EC2 service\""));
  EXPECT_THAT(issues[5].fix, HasSubstr("64 hexadecimal"));
}

TEST(ValidationArnsTest, VariableInPrincipalIsAnError) {
  EXPECT_THAT(
      Codes(WithPrincipal(
          R"({"AWS": "arn:aws:iam::123456789012:user/${aws:username}"})")),
      ElementsAre("VARIABLE_UNSUPPORTED_IN_ELEMENT"));
}

}  // namespace
}  // namespace polygraph::iam
