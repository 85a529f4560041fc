#include "polygraph/glob.h"

#include <string>

#include "gtest/gtest.h"

namespace polygraph {
namespace {

bool Sensitive(std::string_view pattern, std::string_view text) {
  return GlobMatch(pattern, text, GlobCase::kSensitive);
}
bool Insensitive(std::string_view pattern, std::string_view text) {
  return GlobMatch(pattern, text, GlobCase::kInsensitive);
}

TEST(GlobTest, LiteralPatterns) {
  EXPECT_TRUE(Sensitive("", ""));
  EXPECT_FALSE(Sensitive("", "a"));
  EXPECT_FALSE(Sensitive("a", ""));
  EXPECT_TRUE(Sensitive("s3:GetObject", "s3:GetObject"));
  EXPECT_FALSE(Sensitive("s3:GetObject", "s3:GetObjectAcl"));
  EXPECT_FALSE(Sensitive("s3:GetObjectAcl", "s3:GetObject"));
}

TEST(GlobTest, StarMatchesAnyRunIncludingEmptyAndSeparators) {
  EXPECT_TRUE(Sensitive("*", ""));
  EXPECT_TRUE(Sensitive("*", "anything:at/all"));
  EXPECT_TRUE(Sensitive("s3:Get*", "s3:Get"));
  EXPECT_TRUE(Sensitive("s3:Get*", "s3:GetObjectVersion"));
  EXPECT_TRUE(Sensitive("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a/b/c"));
  EXPECT_TRUE(Sensitive("arn:*:role/*", "arn:aws:iam::123456789012:role/x"));
  EXPECT_TRUE(Sensitive("*Object*", "s3:GetObjectAcl"));
  EXPECT_TRUE(Sensitive("a*b*c", "aXXbYYbZZc"));
  EXPECT_FALSE(Sensitive("a*b*c", "aXXbYYbZZ"));
  EXPECT_TRUE(Sensitive("**a**", "a"));
  EXPECT_FALSE(Sensitive("s3:Put*", "s3:GetObject"));
}

TEST(GlobTest, QuestionMarkMatchesExactlyOne) {
  EXPECT_TRUE(Sensitive("ec2:?escribe*", "ec2:DescribeInstances"));
  EXPECT_FALSE(Sensitive("a?", "a"));
  EXPECT_TRUE(Sensitive("a?", "a/"));
  EXPECT_FALSE(Sensitive("a?", "abc"));
  EXPECT_TRUE(Sensitive("?*", "x"));
  EXPECT_FALSE(Sensitive("?*", ""));
}

TEST(GlobTest, CaseModes) {
  EXPECT_TRUE(Insensitive("S3:get*", "s3:GetObject"));
  EXPECT_TRUE(Insensitive("IAM:PassRole", "iam:passrole"));
  EXPECT_FALSE(Sensitive("S3:get*", "s3:GetObject"));
  EXPECT_FALSE(Sensitive("arn:aws:s3:::Bucket", "arn:aws:s3:::bucket"));
  // Only ASCII letters fold; other bytes compare exactly.
  EXPECT_FALSE(Insensitive("\xC3\x89", "\xC3\xA9"));
}

TEST(GlobTest, LiteralWildcardCharactersInText) {
  EXPECT_TRUE(Sensitive("a*", "a*"));
  EXPECT_TRUE(Sensitive("a?", "a?"));
  EXPECT_FALSE(Sensitive("ab", "a*"));
}

TEST(GlobTest, LinearTimeOnPathologicalPatterns) {
  // Exponential with naive backtracking: many stars and a near miss.
  const std::string text(20000, 'a');
  std::string pattern;
  for (int i = 0; i < 50; ++i) pattern += "a*";
  pattern += "b";
  EXPECT_FALSE(Sensitive(pattern, text));
  EXPECT_TRUE(Sensitive(pattern.substr(0, pattern.size() - 1), text));
}

TEST(GlobTest, IsGlobPattern) {
  EXPECT_TRUE(IsGlobPattern("*"));
  EXPECT_TRUE(IsGlobPattern("s3:Get?bject"));
  EXPECT_TRUE(IsGlobPattern("arn:aws:s3:::b/*"));
  EXPECT_FALSE(IsGlobPattern("s3:GetObject"));
  EXPECT_FALSE(IsGlobPattern(""));
}

}  // namespace
}  // namespace polygraph
