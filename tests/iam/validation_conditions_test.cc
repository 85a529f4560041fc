// Tests of validation_conditions.cc through ValidatePolicy.

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "polygraph/iam_catalogue.h"
#include "polygraph/iam_validation.h"
#include "tests/iam/validation_test_util.h"

namespace polygraph::iam {
namespace {

using ::polygraph::iam::testing::At;
using ::polygraph::iam::testing::Codes;
using ::polygraph::iam::testing::OneStatement;
using ::polygraph::iam::testing::ValidateJson;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// A statement on s3:GetObject with `condition` as its Condition element.
std::vector<ValidationIssue> WithCondition(
    const std::string& condition,
    const std::string& actions = R"("s3:GetObject")") {
  return ValidateJson(OneStatement(R"("Effect": "Allow", "Action": )" +
                                   actions +
                                   R"(, "Resource": "arn:aws:s3:::b/*",
      "Condition": )" + condition));
}

TEST(ValidationConditionsTest, WellTypedConditionsPass) {
  EXPECT_THAT(WithCondition(R"({
      "IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "2001:db8::/32", "10.1.2.3", "10.1.2.3/8"]},
      "Bool": {"aws:SecureTransport": [true, "False"]},
      "NumericLessThan": {"aws:MultiFactorAuthAge": ["3600", 7.5]},
      "DateGreaterThan": {"aws:CurrentTime": ["2024-02-29", "2025-01-31T12:00:00Z",
                                              "2025-01-31T12:00+01:00", "1735689600"]},
      "Null": {"aws:TokenIssueTime": "false"},
      "StringLike": {"s3:ExistingObjectTag/team": "${aws:PrincipalTag/team}"},
      "ForAnyValue:StringEquals": {"aws:PrincipalOrgPaths": "o-a/r-b/ou-c/"},
      "StringEqualsIfExists": {"aws:RequestedRegion": "eu-west-1"},
      "ArnLike": {"aws:SourceArn": "arn:aws:sns:*:123456789012:topic"},
      "StringEquals": {"aws:SourceArn": "arn:aws:sns:eu-west-1:123456789012:t"}})"),
              IsEmpty());
}

TEST(ValidationConditionsTest, UnknownOperatorsAreErrors) {
  std::vector<ValidationIssue> issues = WithCondition(R"({
      "StringEqual": {"aws:username": "a"},
      "stringequals": {"aws:username": "a"},
      "NullIfExists": {"aws:username": "true"},
      "ForAnyValue:NullIfExists": {"aws:username": "true"}})");
  ASSERT_THAT(
      Codes(issues),
      ElementsAre("INVALID_CONDITION_OPERATOR", "INVALID_CONDITION_OPERATOR",
                  "NULL_WITH_IF_EXISTS", "NULL_WITH_IF_EXISTS"));
  EXPECT_EQ(issues[0].category, ValidationCategory::kError);
  EXPECT_EQ(At(issues[0].location), "3:7");
  EXPECT_THAT(issues[0].message, HasSubstr("\"StringEqual\""));
}

TEST(ValidationConditionsTest, ValuesMustSuitTheOperator) {
  std::vector<ValidationIssue> issues = WithCondition(R"({
      "IpAddress": {"aws:SourceIp": ["10.0.0.256", "10.0.0.0/33", "10.0.0.1"]},
      "Bool": {"aws:SecureTransport": "yes"},
      "NumericLessThan": {"aws:MultiFactorAuthAge": ["1e3", "ten"]},
      "DateLessThan": {"aws:CurrentTime": ["2023-02-29", "2025-13-01", "tomorrow",
                                           "2025-01-01T24:00:00Z"]},
      "Null": {"aws:TokenIssueTime": "maybe"}})");
  ASSERT_THAT(Codes(issues),
              ElementsAre("TYPE_MISMATCH_IP_RANGE", "TYPE_MISMATCH_IP_RANGE",
                          "TYPE_MISMATCH_BOOLEAN", "TYPE_MISMATCH_NUMBER",
                          "TYPE_MISMATCH_NUMBER", "TYPE_MISMATCH_DATE",
                          "TYPE_MISMATCH_DATE", "TYPE_MISMATCH_DATE",
                          "TYPE_MISMATCH_DATE", "TYPE_MISMATCH_BOOLEAN"));
  EXPECT_EQ(issues[0].category, ValidationCategory::kError);
  EXPECT_EQ(At(issues[0].location), "3:38");
  EXPECT_THAT(issues[0].message, HasSubstr("\"10.0.0.256\""));
  EXPECT_THAT(issues[5].message, HasSubstr("\"2023-02-29\""));
}

TEST(ValidationConditionsTest, OperatorMustSuitTheKeyType) {
  const Catalogue& catalogue = Catalogue::Builtin();
  ASSERT_EQ(catalogue.ConditionKeyType("aws:SourceIp"), "IPAddress");
  ASSERT_EQ(catalogue.ConditionKeyType("aws:username"), "String");
  std::vector<ValidationIssue> issues = WithCondition(R"({
      "StringEquals": {"aws:SourceIp": "10.0.0.1"},
      "Bool": {"aws:username": "true"},
      "Null": {"aws:SourceIp": "true"}})");
  ASSERT_THAT(Codes(issues), ElementsAre("TYPE_MISMATCH", "TYPE_MISMATCH"));
  EXPECT_EQ(issues[0].category, ValidationCategory::kWarning);
  EXPECT_EQ(At(issues[0].location), "3:24");
  EXPECT_THAT(issues[0].message, HasSubstr("IPAddress"));
  EXPECT_THAT(issues[0].fix, HasSubstr("IpAddress"));
  EXPECT_THAT(issues[1].message, HasSubstr("\"aws:username\""));
}

TEST(ValidationConditionsTest, KeyMustBeSupportedByTheActions) {
  std::vector<ValidationIssue> issues = WithCondition(R"({
      "StringEquals": {"s3:prefix": "home/", "ec2:Region": "eu-west-1",
                       "aws:RequestedRegion": "eu-west-1",
                       "accounts.google.com:aud": "app"}})");
  ASSERT_THAT(Codes(issues), ElementsAre("UNKNOWN_CONDITION_KEY_FOR_ACTION",
                                         "UNKNOWN_CONDITION_KEY_FOR_ACTION"));
  EXPECT_EQ(At(issues[0].location), "3:24");
  EXPECT_THAT(issues[0].message, HasSubstr("\"s3:prefix\""));
  EXPECT_THAT(issues[0].message, HasSubstr("s3:GetObject"));
  // s3:prefix belongs to s3:ListBucket; with it in the statement, it is fine.
  EXPECT_THAT(WithCondition(R"({"StringEquals": {"s3:prefix": "home/"}})",
                            R"(["s3:GetObject", "s3:ListBucket"])"),
              IsEmpty());
  // Unknowable action sets are not judged.
  EXPECT_THAT(
      WithCondition(R"({"StringEquals": {"s3:prefix": "home/"}})", R"("*")"),
      IsEmpty());
}

TEST(ValidationConditionsTest, KeyNeedsAPrefix) {
  std::vector<ValidationIssue> issues =
      WithCondition(R"({"StringEquals": {"SourceIp": "10.0.0.1"}})");
  ASSERT_THAT(Codes(issues), ElementsAre("INVALID_CONDITION_KEY_FORMAT"));
  EXPECT_EQ(issues[0].category, ValidationCategory::kError);
}

}  // namespace
}  // namespace polygraph::iam
