#include <string_view>

#include "gtest/gtest.h"
#include "iam/catalogue_tables.h"

namespace polygraph::iam::catalogue_internal {
namespace {

TEST(CatalogueKeysTest, FoldedComparison) {
  EXPECT_TRUE(EqualsFolded("s3:GetObject", "S3:GETOBJECT"));
  EXPECT_FALSE(EqualsFolded("s3:GetObject", "s3:GetObjects"));
  EXPECT_FALSE(EqualsFolded("a-b", "a_b"));
  EXPECT_TRUE(FoldedEq()("AbC", "aBc"));
  EXPECT_EQ(FoldedHash()("AbC"), FoldedHash()("abc"));
  EXPECT_EQ(ActionKeyHash()({"S3", "getobject"}),
            ActionKeyHash()({"s3", "GetObject"}));
  EXPECT_TRUE(ActionKeyEq()({"S3", "getobject"}, {"s3", "GetObject"}));
  EXPECT_FALSE(ActionKeyEq()({"s3", "Get"}, {"s3", "Put"}));
}

TEST(CatalogueKeysTest, ExactKeysIgnoreCase) {
  EXPECT_TRUE(ConditionKeyMatches("s3:prefix", "S3:Prefix"));
  EXPECT_FALSE(ConditionKeyMatches("s3:prefix", "s3:prefixes"));
  EXPECT_FALSE(ConditionKeyMatches("s3:prefix", "s3:prefi"));
}

TEST(CatalogueKeysTest, PlaceholdersMatchNonEmptyText) {
  EXPECT_TRUE(
      ConditionKeyMatches("aws:RequestTag/${TagKey}", "aws:RequestTag/env"));
  EXPECT_TRUE(
      ConditionKeyMatches("aws:RequestTag/${TagKey}", "AWS:requesttag/a/b"));
  EXPECT_FALSE(
      ConditionKeyMatches("aws:RequestTag/${TagKey}", "aws:RequestTag/"));
  EXPECT_FALSE(
      ConditionKeyMatches("aws:RequestTag/${TagKey}", "aws:ResourceTag/env"));
  EXPECT_TRUE(ConditionKeyMatches("s3:ExistingObjectTag/<key>",
                                  "s3:ExistingObjectTag/x"));
  // A placeholder in the middle, and two of them.
  std::string_view middle =
      "codebuild:environment.environmentVariables/${name}.value";
  EXPECT_TRUE(ConditionKeyMatches(
      middle, "codebuild:environment.environmentVariables/HOME.value"));
  EXPECT_FALSE(ConditionKeyMatches(
      middle, "codebuild:environment.environmentVariables/.value"));
  EXPECT_FALSE(ConditionKeyMatches(
      middle, "codebuild:environment.environmentVariables/HOME"));
  EXPECT_TRUE(ConditionKeyMatches("x:${A}/${B}", "x:a/b"));
  EXPECT_TRUE(ConditionKeyMatches("x:${A}/${B}", "x:a/b/c"));
  EXPECT_FALSE(ConditionKeyMatches("x:${A}/${B}", "x:a/"));
}

TEST(CatalogueKeysTest, DetectsPlaceholders) {
  EXPECT_TRUE(HasPlaceholder("aws:RequestTag/${TagKey}"));
  EXPECT_TRUE(HasPlaceholder("s3:RequestObjectTag/<key>"));
  EXPECT_FALSE(HasPlaceholder("aws:SourceIp"));
  EXPECT_FALSE(HasPlaceholder("x:${}"));  // an empty placeholder is text
  EXPECT_FALSE(HasPlaceholder("x:${open"));
  EXPECT_FALSE(ConditionKeyMatches("x:${}", "x:a"));
  EXPECT_TRUE(ConditionKeyMatches("x:${}", "x:${}"));
}

}  // namespace
}  // namespace polygraph::iam::catalogue_internal
