#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "polygraph/iam_condition.h"
#include "tests/testing.h"

namespace polygraph::iam {
namespace {

using Kind = PolicyVariableText::Part::Kind;
using ::polygraph::testing::StatusIs;
using ::testing::HasSubstr;

TEST(PolicyVariablesTest, SplitsLiteralsAndVariables) {
  ASSERT_OK_AND_ASSIGN(
      PolicyVariableText text,
      PolicyVariableText::Parse("arn:aws:s3:::b/${aws:username}/*"));
  ASSERT_EQ(text.parts.size(), 3u);
  EXPECT_EQ(text.parts[0].kind, Kind::kLiteral);
  EXPECT_EQ(text.parts[0].text, "arn:aws:s3:::b/");
  EXPECT_EQ(text.parts[1].kind, Kind::kVariable);
  EXPECT_EQ(text.parts[1].text, "aws:username");
  EXPECT_FALSE(text.parts[1].default_value.has_value());
  EXPECT_EQ(text.parts[2].text, "/*");
  EXPECT_TRUE(text.HasVariables());
}

TEST(PolicyVariablesTest, DefaultValue) {
  ASSERT_OK_AND_ASSIGN(
      PolicyVariableText text,
      PolicyVariableText::Parse("${aws:PrincipalTag/team, 'none'}"));
  ASSERT_EQ(text.parts.size(), 1u);
  EXPECT_EQ(text.parts[0].text, "aws:PrincipalTag/team");
  EXPECT_EQ(text.parts[0].default_value, "none");
}

TEST(PolicyVariablesTest, EscapesAreLiteralCharacters) {
  ASSERT_OK_AND_ASSIGN(PolicyVariableText text,
                       PolicyVariableText::Parse("a${*}b${?}c${$}d"));
  ASSERT_EQ(text.parts.size(), 5u);
  EXPECT_EQ(text.parts[1].kind, Kind::kEscapedWildcard);
  EXPECT_EQ(text.parts[1].text, "*");
  EXPECT_EQ(text.parts[3].kind, Kind::kEscapedWildcard);
  EXPECT_EQ(text.parts[3].text, "?");
  EXPECT_EQ(text.parts[4].kind, Kind::kLiteral);
  EXPECT_EQ(text.parts[4].text, "c$d");
  EXPECT_FALSE(text.HasVariables());
}

TEST(PolicyVariablesTest, PlainTextIsOneLiteral) {
  ASSERT_OK_AND_ASSIGN(PolicyVariableText text,
                       PolicyVariableText::Parse("s3:Get*"));
  ASSERT_EQ(text.parts.size(), 1u);
  EXPECT_EQ(text.parts[0].text, "s3:Get*");
}

TEST(PolicyVariablesTest, MalformedVariables) {
  EXPECT_THAT(PolicyVariableText::Parse("b/${aws:username"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("without a closing")));
  EXPECT_THAT(PolicyVariableText::Parse("b/${}"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("empty variable name")));
  EXPECT_THAT(
      PolicyVariableText::Parse("${aws:username, anonymous}"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("single quotes")));
  EXPECT_THAT(PolicyVariableText::Parse("${aws:username, 'x}"),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace polygraph::iam
