#include "iam/validation_values.h"

#include "gtest/gtest.h"

namespace polygraph::iam::validation_internal {
namespace {

TEST(ValidationValuesTest, Numbers) {
  EXPECT_TRUE(IsConditionNumber("10"));
  EXPECT_TRUE(IsConditionNumber("-3"));
  EXPECT_TRUE(IsConditionNumber("2.5"));
  EXPECT_FALSE(IsConditionNumber(""));
  EXPECT_FALSE(IsConditionNumber("-"));
  EXPECT_FALSE(IsConditionNumber("1."));
  EXPECT_FALSE(IsConditionNumber("1e3"));
  EXPECT_FALSE(IsConditionNumber("0x10"));
}

TEST(ValidationValuesTest, Dates) {
  EXPECT_TRUE(IsConditionDate("2024-02-29"));
  EXPECT_TRUE(IsConditionDate("2000-02-29"));
  EXPECT_TRUE(IsConditionDate("2025-01-31T23:59:59Z"));
  EXPECT_TRUE(IsConditionDate("2025-01-31T23:59:59.123-05:00"));
  EXPECT_TRUE(IsConditionDate("2025-01-31T12:00"));
  EXPECT_TRUE(IsConditionDate("1735689600"));
  EXPECT_FALSE(IsConditionDate("1900-02-29"));
  EXPECT_FALSE(IsConditionDate("2025-04-31"));
  EXPECT_FALSE(IsConditionDate("2025-1-31"));
  EXPECT_FALSE(IsConditionDate("2025-01-31T"));
  EXPECT_FALSE(IsConditionDate("2025-01-31T12:60Z"));
  EXPECT_FALSE(IsConditionDate("2025-01-31T12:00:00.Z"));
  EXPECT_FALSE(IsConditionDate("2025-01-31T12:00Zulu"));
  EXPECT_FALSE(IsConditionDate(""));
}

TEST(ValidationValuesTest, BooleansAndAddresses) {
  EXPECT_TRUE(IsConditionBoolean("TRUE"));
  EXPECT_TRUE(IsConditionBoolean("false"));
  EXPECT_FALSE(IsConditionBoolean("1"));
  EXPECT_TRUE(IsConditionIp("192.0.2.1"));
  EXPECT_TRUE(IsConditionIp("192.0.2.1/24"));
  EXPECT_TRUE(IsConditionIp("::1/128"));
  EXPECT_FALSE(IsConditionIp("192.0.2.1/"));
  EXPECT_FALSE(IsConditionIp("host.example.com"));
}

TEST(ValidationValuesTest, KeyTypeRules) {
  ASSERT_TRUE(KeyTypeRuleFor("ArrayOfString").has_value());
  EXPECT_TRUE(KeyTypeRuleFor("ArrayOfString")->Accepts(OperatorType::kString));
  EXPECT_TRUE(KeyTypeRuleFor("String")->Accepts(OperatorType::kArn));
  EXPECT_FALSE(KeyTypeRuleFor("String")->Accepts(OperatorType::kBool));
  EXPECT_TRUE(KeyTypeRuleFor("ARN")->Accepts(OperatorType::kString));
  EXPECT_FALSE(KeyTypeRuleFor("IPAddress")->Accepts(OperatorType::kString));
  EXPECT_TRUE(KeyTypeRuleFor("Date")->Accepts(OperatorType::kDate));
  EXPECT_FALSE(KeyTypeRuleFor("Numeric")->Accepts(OperatorType::kDate));
  EXPECT_FALSE(KeyTypeRuleFor("Mystery").has_value());
}

}  // namespace
}  // namespace polygraph::iam::validation_internal
