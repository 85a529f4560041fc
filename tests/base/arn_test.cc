#include "polygraph/arn.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing.h"

namespace polygraph {
namespace {

using ::polygraph::testing::StatusIs;
using ::testing::HasSubstr;

TEST(ArnTest, ParsesParts) {
  ASSERT_OK_AND_ASSIGN(Arn arn,
                       Arn::Parse("arn:aws:iam::123456789012:role/admin/ops"));
  EXPECT_EQ(arn.partition, "aws");
  EXPECT_EQ(arn.service, "iam");
  EXPECT_EQ(arn.region, "");
  EXPECT_EQ(arn.account, "123456789012");
  EXPECT_EQ(arn.resource, "role/admin/ops");
  EXPECT_EQ(arn.resource_type(), "role");
  EXPECT_EQ(arn.resource_id(), "admin/ops");
  EXPECT_EQ(arn.ToString(), "arn:aws:iam::123456789012:role/admin/ops");
}

TEST(ArnTest, ResourceMayContainColons) {
  ASSERT_OK_AND_ASSIGN(Arn arn,
                       Arn::Parse("arn:aws-cn:logs:cn-north-1:123456789012:"
                                  "log-group:/aws/lambda/f:*"));
  EXPECT_EQ(arn.resource, "log-group:/aws/lambda/f:*");
  EXPECT_EQ(arn.resource_type(), "log-group");
  EXPECT_EQ(arn.resource_id(), "/aws/lambda/f:*");
}

TEST(ArnTest, ResourceWithoutType) {
  ASSERT_OK_AND_ASSIGN(Arn topic,
                       Arn::Parse("arn:aws:sns:us-east-1:123456789012:alerts"));
  EXPECT_EQ(topic.resource_type(), "");
  EXPECT_EQ(topic.resource_id(), "alerts");
  ASSERT_OK_AND_ASSIGN(Arn bucket, Arn::Parse("arn:aws:s3:::my-bucket"));
  EXPECT_EQ(bucket.account, "");
  EXPECT_EQ(bucket.resource_id(), "my-bucket");
}

TEST(ArnTest, AcceptsPatternsAndSpecialAccounts) {
  EXPECT_OK(Arn::Parse("arn:*:s3:::*"));
  EXPECT_OK(Arn::Parse("arn:aws:ec2:*:*:instance/*"));
  EXPECT_OK(Arn::Parse("arn:aws:iam::aws:policy/AdministratorAccess"));
  EXPECT_OK(Arn::Parse("arn:aws-us-gov:s3:::b"));
  EXPECT_OK(Arn::Parse("arn:aws-iso-f:s3:::b"));
  EXPECT_OK(Arn::Parse("arn:aws:*:us-east-?:12345678901?:x"));
}

TEST(ArnTest, ErrorsNameTheArnAndTheProblem) {
  EXPECT_THAT(Arn::Parse("aws:s3:::b"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("invalid ARN \"aws:s3:::b\": must start with "
                                 "\"arn:\"")));
  EXPECT_THAT(Arn::Parse("arn:aws:s3:b"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("has 4 ':'-separated parts, expected 6")));
  EXPECT_THAT(Arn::Parse("arn:amazon:s3:::b"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("unknown partition \"amazon\"")));
  EXPECT_THAT(Arn::Parse("arn:aws::us-east-1:123456789012:x"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("the service is empty")));
  EXPECT_THAT(Arn::Parse("arn:aws:S3:::b"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("invalid service \"S3\"")));
  EXPECT_THAT(Arn::Parse("arn:aws:ec2:US_EAST:123456789012:x"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("invalid region")));
  EXPECT_THAT(Arn::Parse("arn:aws:iam::12345:role/x"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("invalid account \"12345\"")));
  EXPECT_THAT(Arn::Parse("arn:aws:s3:::"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("the resource is empty")));
  EXPECT_THAT(
      Arn::Parse("arn:aws:s3:::b c"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("whitespace")));
  EXPECT_THAT(Arn::Parse("arn:${AWS::Partition}:s3:::b"),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(ArnTest, RoundTrips) {
  for (const char* text : {"arn:aws:s3:::b/k:x",
                           "arn:aws:lambda:eu-west-1:123456789012:"
                           "function:f:1",
                           "arn:aws:iam::aws:policy/x"}) {
    ASSERT_OK_AND_ASSIGN(Arn arn, Arn::Parse(text));
    EXPECT_EQ(arn.ToString(), text);
    ASSERT_OK_AND_ASSIGN(Arn again, Arn::Parse(arn.ToString()));
    EXPECT_EQ(again, arn);
  }
}

TEST(ArnMatchesTest, StarMatchesEverything) {
  EXPECT_TRUE(ArnMatches("*", "arn:aws:s3:::b"));
  EXPECT_TRUE(ArnMatches("*", "not an arn"));
}

TEST(ArnMatchesTest, MatchesPartByPart) {
  EXPECT_TRUE(ArnMatches("arn:aws:s3:::logs-*", "arn:aws:s3:::logs-2024/a/b"));
  EXPECT_TRUE(ArnMatches("arn:aws:s3:::b/*", "arn:aws:s3:::b/k:with:colons"));
  EXPECT_TRUE(ArnMatches("arn:aws:ec2:*:*:instance/*",
                         "arn:aws:ec2:us-east-1:123456789012:instance/i-1"));
  EXPECT_TRUE(ArnMatches("arn:aws:ec2:us-east-?:123456789012:instance/i-?",
                         "arn:aws:ec2:us-east-1:123456789012:instance/i-1"));
  EXPECT_TRUE(
      ArnMatches("arn:*:iam::*:role/*", "arn:aws-cn:iam::123456789012:role/x"));
  EXPECT_FALSE(ArnMatches("arn:aws:s3:::logs-*", "arn:aws:s3:::data"));
  EXPECT_FALSE(ArnMatches("arn:aws:ec2:us-east-1:*:*",
                          "arn:aws:ec2:us-west-2:123456789012:instance/i-1"));
}

TEST(ArnMatchesTest, WildcardDoesNotCrossPartsOutsideTheResource) {
  // '*' in the service part cannot absorb the region and account.
  EXPECT_FALSE(ArnMatches("arn:aws:*:123456789012:x",
                          "arn:aws:s3:us-east-1:123456789012:x"));
  EXPECT_FALSE(ArnMatches("arn:aws:s*:::b", "arn:aws:s3:x::b"));
}

TEST(ArnMatchesTest, IsCaseSensitive) {
  EXPECT_FALSE(ArnMatches("arn:aws:s3:::Bucket", "arn:aws:s3:::bucket"));
  EXPECT_FALSE(ArnMatches("arn:aws:iam::*:role/Admin",
                          "arn:aws:iam::123456789012:role/admin"));
}

TEST(ArnMatchesTest, ShortPatterns) {
  EXPECT_TRUE(ArnMatches("arn:aws:*", "arn:aws:s3:::b"));
  EXPECT_TRUE(ArnMatches("arn:aws:s3:*", "arn:aws:s3:::b/k"));
  EXPECT_FALSE(ArnMatches("arn:aws:s3:*", "arn:aws:sqs:us-east-1:1:q"));
  EXPECT_FALSE(ArnMatches("arn:aws:s3", "arn:aws:s3:::b"));
  EXPECT_FALSE(ArnMatches("arn:aws:s3:::b", "arn:aws:s3"));
}

}  // namespace
}  // namespace polygraph
