// Tests of validation_actions.cc through ValidatePolicy, and of the action
// coverage helper it shares.

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "iam/validation_internal.h"
#include "polygraph/iam_catalogue.h"
#include "polygraph/iam_validation.h"
#include "tests/iam/validation_test_util.h"

namespace polygraph::iam {
namespace {

using ::polygraph::iam::testing::At;
using ::polygraph::iam::testing::Codes;
using ::polygraph::iam::testing::OneStatement;
using ::polygraph::iam::testing::ValidateJson;
using ::polygraph::iam::validation_internal::ActionPatternCovers;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::vector<ValidationIssue> WithActions(const std::string& actions) {
  return ValidateJson(OneStatement(R"("Effect": "Deny", "Action": )" + actions +
                                   R"(, "Resource": "*")"));
}

TEST(ValidationActionsTest, KnownActionsAndPatternsPass) {
  const Catalogue& catalogue = Catalogue::Builtin();
  ASSERT_TRUE(catalogue.FindAction("s3:GetObject").has_value());
  EXPECT_THAT(WithActions(R"(["s3:GetObject", "EC2:describeinstances",
                              "dynamodb:Get*", "*"])"),
              ::testing::Each(::testing::Field(&ValidationIssue::code,
                                               "REDUNDANT_ACTION")));
  EXPECT_THAT(WithActions(R"(["s3:GetObject", "ec2:Describe*"])"), IsEmpty());
}

TEST(ValidationActionsTest, UnknownServiceAndAction) {
  const Catalogue& catalogue = Catalogue::Builtin();
  ASSERT_FALSE(catalogue.HasService("s4"));
  ASSERT_TRUE(catalogue.HasService("s3"));
  ASSERT_FALSE(catalogue.FindAction("s3:GetObjekt").has_value());
  ASSERT_TRUE(catalogue.Expand("s3:Fetch*").Empty());
  std::vector<ValidationIssue> issues =
      WithActions(R"(["s4:GetObject", "s3:GetObjekt", "s3:Fetch*"])");
  ASSERT_THAT(Codes(issues), ElementsAre("UNKNOWN_SERVICE", "UNKNOWN_ACTION",
                                         "UNKNOWN_ACTION"));
  EXPECT_EQ(issues[0].category, ValidationCategory::kWarning);
  EXPECT_EQ(At(issues[0].location), "1:71");
  EXPECT_THAT(issues[0].message, HasSubstr("\"s4\""));
  EXPECT_THAT(issues[1].message, HasSubstr("\"s3:GetObjekt\""));
  EXPECT_THAT(issues[2].message, HasSubstr("matches no action"));
}

TEST(ValidationActionsTest, RedundantActionsAreSuggestions) {
  std::vector<ValidationIssue> issues = WithActions(
      R"(["s3:GetObject", "s3:Get*", "s3:ListBucket", "s3:listbucket"])");
  ASSERT_THAT(Codes(issues),
              ElementsAre("REDUNDANT_ACTION", "REDUNDANT_ACTION"));
  EXPECT_EQ(issues[0].category, ValidationCategory::kSuggestion);
  EXPECT_EQ(At(issues[0].location), "1:71");
  EXPECT_THAT(issues[0].message, HasSubstr("\"s3:Get*\""));
  // Of two equal entries, the later one is redundant.
  EXPECT_THAT(issues[1].message, HasSubstr("\"s3:listbucket\" is already"));
}

TEST(ValidationActionsTest, PatternCoverageIsCertainOnly) {
  EXPECT_TRUE(ActionPatternCovers("*", "s3:Get*"));
  EXPECT_TRUE(ActionPatternCovers("s3:*", "S3:GetObject"));
  EXPECT_TRUE(ActionPatternCovers("s3:Get*", "s3:GetObject*"));
  EXPECT_TRUE(ActionPatternCovers("s3:Get?bject", "s3:GetObject"));
  EXPECT_FALSE(ActionPatternCovers("s3:GetObject", "s3:GetObject*"));
  // '?' may not match what a '*' of the covered pattern matches.
  EXPECT_FALSE(ActionPatternCovers("s3:GetObject?", "s3:GetObject*"));
  EXPECT_FALSE(ActionPatternCovers("s3:*Object", "s3:Get*"));
  EXPECT_FALSE(ActionPatternCovers("s3:Put*", "s3:GetObject"));
}

}  // namespace
}  // namespace polygraph::iam
