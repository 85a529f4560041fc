#include <optional>

#include "gtest/gtest.h"
#include "polygraph/iam_condition.h"

namespace polygraph::iam {
namespace {

TEST(ConditionOperatorTest, ParsesQualifierBaseAndIfExists) {
  std::optional<ConditionOperator> op =
      ConditionOperator::Parse("ForAllValues:StringLikeIfExists");
  ASSERT_TRUE(op.has_value());
  EXPECT_EQ(op->base, OperatorBase::kStringLike);
  EXPECT_TRUE(op->if_exists);
  EXPECT_EQ(op->qualifier, SetQualifier::kForAllValues);
  EXPECT_EQ(op->ToString(), "ForAllValues:StringLikeIfExists");
  EXPECT_EQ(op->type(), OperatorType::kString);
  EXPECT_FALSE(op->negated());
}

TEST(ConditionOperatorTest, RoundTripsEveryBase) {
  for (const char* name :
       {"StringEquals", "StringNotEqualsIgnoreCase", "NumericLessThanEquals",
        "DateGreaterThan", "Bool", "BinaryEquals", "IpAddress", "NotIpAddress",
        "ArnLike", "ArnNotEquals", "Null", "ForAnyValue:StringNotLike",
        "DateEqualsIfExists"}) {
    std::optional<ConditionOperator> op = ConditionOperator::Parse(name);
    ASSERT_TRUE(op.has_value()) << name;
    EXPECT_EQ(op->ToString(), name);
  }
}

TEST(ConditionOperatorTest, NegatedAndTypes) {
  EXPECT_TRUE(ConditionOperator::Parse("StringNotEquals")->negated());
  EXPECT_TRUE(ConditionOperator::Parse("NotIpAddress")->negated());
  EXPECT_TRUE(ConditionOperator::Parse("ArnNotLike")->negated());
  EXPECT_TRUE(ConditionOperator::Parse("NumericNotEquals")->negated());
  EXPECT_FALSE(ConditionOperator::Parse("NumericLessThan")->negated());
  EXPECT_EQ(ConditionOperator::Parse("DateLessThan")->type(),
            OperatorType::kDate);
  EXPECT_EQ(ConditionOperator::Parse("NotIpAddress")->type(),
            OperatorType::kIp);
  EXPECT_EQ(ConditionOperator::Parse("Null")->type(), OperatorType::kNull);
}

TEST(ConditionOperatorTest, RejectsUnknownAndMisspelt) {
  EXPECT_FALSE(ConditionOperator::Parse("stringequals").has_value());
  EXPECT_FALSE(ConditionOperator::Parse("StringEqual").has_value());
  EXPECT_FALSE(ConditionOperator::Parse("NullIfExists").has_value());
  EXPECT_FALSE(ConditionOperator::Parse("ForSomeValues:StringEquals"));
  EXPECT_FALSE(ConditionOperator::Parse("").has_value());
  EXPECT_FALSE(ConditionOperator::Parse("IfExists").has_value());
}

}  // namespace
}  // namespace polygraph::iam
