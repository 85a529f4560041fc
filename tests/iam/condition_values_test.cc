#include "iam/condition_values.h"

#include "gtest/gtest.h"

namespace polygraph::iam::internal {
namespace {

TEST(ConditionValuesTest, Numbers) {
  EXPECT_EQ(ParseNumber("10"), 10.0);
  EXPECT_EQ(ParseNumber("-3"), -3.0);
  EXPECT_EQ(ParseNumber("2.50"), 2.5);
  EXPECT_EQ(ParseNumber(".5"), 0.5);
  EXPECT_EQ(ParseNumber("+7"), 7.0);
  EXPECT_FALSE(ParseNumber("").has_value());
  EXPECT_FALSE(ParseNumber("1e3").has_value());
  EXPECT_FALSE(ParseNumber("ten").has_value());
  EXPECT_FALSE(ParseNumber(" 1").has_value());
  EXPECT_FALSE(ParseNumber(".").has_value());
}

TEST(ConditionValuesTest, DatesInEveryAcceptedForm) {
  const int64_t day = 1714521600LL * 1000000;  // 2024-05-01T00:00:00Z
  EXPECT_EQ(ParseDate("2024-05-01"), day);
  EXPECT_EQ(ParseDate("2024-05-01T00:00:00Z"), day);
  EXPECT_EQ(ParseDate("2024-05-01T00:00Z"), day);
  EXPECT_EQ(ParseDate("2024-05-01T00:00:00"), day);
  EXPECT_EQ(ParseDate("2024-05-01T02:00:00+02:00"), day);
  EXPECT_EQ(ParseDate("2024-04-30T22:00:00-0200"), day);
  EXPECT_EQ(ParseDate("2024-05-01T00:00:00.250Z"), day + 250000);
  EXPECT_EQ(ParseDate("1714521600"), day);
  EXPECT_EQ(ParseDate("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(ParseDate("2024-02-29"),
            ParseDate("2024-03-01").value() - int64_t{86400} * 1000000);
}

TEST(ConditionValuesTest, RejectsBadDates) {
  EXPECT_FALSE(ParseDate("2023-02-29").has_value());
  EXPECT_FALSE(ParseDate("2024-13-01").has_value());
  EXPECT_FALSE(ParseDate("2024-05-01T25:00:00Z").has_value());
  EXPECT_FALSE(ParseDate("May 1 2024").has_value());
  EXPECT_FALSE(ParseDate("2024-05-01T00:00:00Q").has_value());
  EXPECT_FALSE(ParseDate("").has_value());
}

TEST(ConditionValuesTest, Bools) {
  EXPECT_EQ(ParseBool("true"), true);
  EXPECT_EQ(ParseBool("TRUE"), true);
  EXPECT_EQ(ParseBool("False"), false);
  EXPECT_FALSE(ParseBool("yes").has_value());
}

TEST(ConditionValuesTest, IpOrCidr) {
  ASSERT_TRUE(ParseIpOrCidr("10.0.0.0/8").has_value());
  EXPECT_EQ(ParseIpOrCidr("10.0.0.0/8")->prefix_length(), 8);
  EXPECT_EQ(ParseIpOrCidr("203.0.113.7")->prefix_length(), 32);
  EXPECT_EQ(ParseIpOrCidr("2001:db8::1")->prefix_length(), 128);
  EXPECT_EQ(ParseIpOrCidr("10.1.2.3/8")->ToString(), "10.0.0.0/8");
  EXPECT_FALSE(ParseIpOrCidr("10.0.0.0/33").has_value());
  EXPECT_FALSE(ParseIpOrCidr("not-an-ip").has_value());
}

}  // namespace
}  // namespace polygraph::iam::internal
