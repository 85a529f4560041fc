// Tests of validation_grammar.cc through ValidatePolicy.

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
using ::polygraph::iam::testing::WithCode;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr char kReadObjects[] =
    R"("Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*")";

TEST(ValidationGrammarTest, MissingVersionIsASuggestion) {
  std::vector<ValidationIssue> issues =
      ValidateJson(OneStatement(kReadObjects, /*version=*/""));
  ASSERT_THAT(Codes(issues), ElementsAre("MISSING_VERSION"));
  EXPECT_EQ(issues[0].category, ValidationCategory::kSuggestion);
  EXPECT_EQ(At(issues[0].location), "1:1");
  EXPECT_THAT(issues[0].fix, HasSubstr("2012-10-17"));
}

TEST(ValidationGrammarTest, LegacyVersionIsASuggestionAtTheVersion) {
  std::vector<ValidationIssue> issues =
      ValidateJson(OneStatement(kReadObjects, "2008-10-17"));
  ASSERT_THAT(Codes(issues), ElementsAre("OUTDATED_VERSION"));
  EXPECT_EQ(issues[0].category, ValidationCategory::kSuggestion);
  EXPECT_EQ(At(issues[0].location), "1:13");
}

TEST(ValidationGrammarTest, DuplicateSidIsAnErrorAtTheLaterSid) {
  std::vector<ValidationIssue> issues = ValidateJson(R"({
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "A", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::a/*"},
    {"Sid": "B", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"},
    {"Sid": "A", "Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::c/*"}
  ]
})");
  ASSERT_THAT(Codes(issues), ElementsAre("UNIQUE_SIDS_REQUIRED"));
  EXPECT_EQ(issues[0].category, ValidationCategory::kError);
  EXPECT_EQ(At(issues[0].location), "6:13");
  EXPECT_THAT(issues[0].message, HasSubstr("\"A\""));
  EXPECT_THAT(issues[0].message, HasSubstr("line 4"));
}

// The two branches of an Fn::If never apply together, so they may share
// a Sid.
TEST(ValidationGrammarTest, FnIfBranchesMayShareASid) {
  std::vector<ValidationIssue> issues = ValidateYaml(R"(
Version: "2012-10-17"
Statement:
  - !If
    - IsProd
    - Sid: Read
      Effect: Allow
      Action: s3:GetObject
      Resource: arn:aws:s3:::prod/*
    - Sid: Read
      Effect: Allow
      Action: s3:GetObject
      Resource: arn:aws:s3:::dev/*
)");
  EXPECT_THAT(WithCode(issues, "UNIQUE_SIDS_REQUIRED"), IsEmpty());
}

TEST(ValidationGrammarTest, IdentityPolicySidMustBeAlphanumeric) {
  const std::string policy =
      OneStatement(std::string(R"("Sid": "read objects", )") + kReadObjects);
  std::vector<ValidationIssue> issues =
      ValidateJson(policy, PolicyKind::kIdentity);
  ASSERT_THAT(Codes(issues), ElementsAre("UNSUPPORTED_SID"));
  EXPECT_EQ(At(issues[0].location), "1:49");
  // Resource policies accept spaces in a Sid.
  EXPECT_THAT(ValidateJson(policy, PolicyKind::kAny), IsEmpty());
}

TEST(ValidationGrammarTest, KindChecksReportEveryStatement) {
  const std::string policy = R"({
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Action": "s3:GetObject"},
    {"Effect": "Allow", "Action": "s3:PutObject",
     "Principal": {"AWS": "123456789012"}}
  ]
})";
  std::vector<ValidationIssue> identity =
      ValidateJson(policy, PolicyKind::kIdentity);
  ASSERT_THAT(Codes(identity),
              ElementsAre("MISSING_RESOURCE", "MISSING_RESOURCE",
                          "UNSUPPORTED_PRINCIPAL"));
  EXPECT_EQ(At(identity[0].location), "4:5");
  EXPECT_EQ(At(identity[1].location), "5:5");
  EXPECT_EQ(At(identity[2].location), "6:6");
  EXPECT_THAT(identity[0].message, HasSubstr("statement 1"));

  std::vector<ValidationIssue> resource =
      ValidateJson(policy, PolicyKind::kResource);
  ASSERT_THAT(Codes(resource), ElementsAre("MISSING_PRINCIPAL"));
  EXPECT_EQ(At(resource[0].location), "4:5");
  EXPECT_THAT(resource[0].message, HasSubstr("resource policy"));
}

TEST(ValidationGrammarTest, TrustPolicyHasNoResource) {
  std::vector<ValidationIssue> issues = ValidateJson(
      OneStatement(R"("Effect": "Allow", "Action": "sts:AssumeRole",
      "Principal": {"Service": "ec2.amazonaws.com"},
      "Resource": "*")"),
      PolicyKind::kTrust);
  ASSERT_THAT(Codes(issues), ElementsAre("UNSUPPORTED_RESOURCE_ARN_IN_POLICY"));
  EXPECT_EQ(At(issues[0].location), "3:7");
}

TEST(ValidationGrammarTest, EmptyListsAreWarnings) {
  std::vector<ValidationIssue> issues = ValidateJson(
      OneStatement(R"("Effect": "Allow", "Action": [], "Resource": [])"));
  ASSERT_THAT(Codes(issues),
              ElementsAre("EMPTY_ARRAY_ACTION", "EMPTY_ARRAY_RESOURCE"));
  EXPECT_EQ(issues[0].category, ValidationCategory::kWarning);
  EXPECT_EQ(At(issues[0].location), "1:71");
  EXPECT_EQ(At(issues[1].location), "1:87");
}

TEST(ValidationGrammarTest, ActionMustNameAService) {
  std::vector<ValidationIssue> issues = ValidateJson(OneStatement(
      R"("Effect": "Allow", "Action": ["GetObject", "s3:", "s3:GetObject"], "Resource": "*")"));
  ASSERT_THAT(Codes(issues), ElementsAre("INVALID_ACTION", "INVALID_ACTION"));
  EXPECT_EQ(At(issues[0].location), "1:72");
  EXPECT_THAT(issues[0].message, HasSubstr("\"GetObject\""));
  EXPECT_THAT(issues[1].message, HasSubstr("\"s3:\""));
}

TEST(ValidationGrammarTest, VariableInActionIsAnError) {
  std::vector<ValidationIssue> issues = ValidateJson(OneStatement(
      R"("Effect": "Allow", "Action": "s3:${aws:username}", "Resource": "*")"));
  EXPECT_THAT(Codes(issues), ElementsAre("VARIABLE_UNSUPPORTED_IN_ELEMENT"));
}

TEST(ValidationGrammarTest, VariableWithoutCurrentVersionIsLiteral) {
  const std::string statement = R"("Effect": "Allow", "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::b/${aws:username}/*",
      "Condition": {"StringLike": {"s3:prefix": "${aws:userid}"}})";
  for (const std::string version : {"", "2008-10-17"}) {
    std::vector<ValidationIssue> issues =
        WithCode(ValidateJson(OneStatement(statement, version)),
                 "VARIABLE_UNSUPPORTED_IN_VERSION");
    ASSERT_EQ(issues.size(), 2u) << version;
    EXPECT_EQ(issues[0].category, ValidationCategory::kWarning);
    EXPECT_EQ(At(issues[0].location), "2:19");
    EXPECT_THAT(issues[1].message, HasSubstr("${aws:userid}"));
  }
  EXPECT_THAT(WithCode(ValidateJson(OneStatement(statement)),
                       "VARIABLE_UNSUPPORTED_IN_VERSION"),
              IsEmpty());
}

TEST(ValidationGrammarTest, MalformedVariablesAreErrors) {
  std::vector<ValidationIssue> issues = ValidateJson(OneStatement(
      R"("Effect": "Allow", "Action": "s3:GetObject",
      "Resource": ["arn:aws:s3:::b/${aws:username/*", "arn:aws:s3:::b/${}/*"])"));
  ASSERT_THAT(Codes(issues),
              ElementsAre("MISSING_BRACE_IN_VARIABLE", "EMPTY_VARIABLE"));
  EXPECT_EQ(issues[0].category, ValidationCategory::kError);
  EXPECT_EQ(At(issues[0].location), "2:20");
  EXPECT_THAT(issues[0].message, HasSubstr("${aws:username/*"));
}

TEST(ValidationGrammarTest, OversizedIdentityPolicyIsAWarning) {
  std::string resources;
  for (int i = 0; i < 200; ++i) {
    if (i > 0) resources += ", ";
    resources += "\"arn:aws:s3:::bucket-number-" + std::to_string(i) + "/*\"";
  }
  const std::string policy = OneStatement(
      R"("Effect": "Allow", "Action": "s3:GetObject", "Resource": [)" +
      resources + "]");
  ASSERT_GT(policy.size(), 6144u);
  std::vector<ValidationIssue> issues =
      ValidateJson(policy, PolicyKind::kIdentity);
  ASSERT_THAT(Codes(issues),
              ElementsAre("POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA"));
  EXPECT_EQ(issues[0].category, ValidationCategory::kWarning);
  // The quota is an identity policy's; other kinds are not measured.
  EXPECT_THAT(ValidateJson(policy, PolicyKind::kAny), IsEmpty());
  // A policy just under the quota passes.
  EXPECT_THAT(ValidateJson(OneStatement(kReadObjects), PolicyKind::kIdentity),
              IsEmpty());
}

}  // namespace
}  // namespace polygraph::iam
