#include "iam/compiled_pattern.h"

#include <string>

#include "gtest/gtest.h"
#include "iam/request_context.h"
#include "polygraph/iam_decision.h"

namespace polygraph::iam::internal {
namespace {

TextPattern Pattern(const std::string& text, bool wildcards,
                    PatternCase case_mode = PatternCase::kSensitive) {
  return TextPattern(PolicyVariableText::Parse(text)->parts, wildcards,
                     case_mode);
}

ArnPattern Arn(const std::string& text, bool substitute = true) {
  return ArnPattern(*SplitPolicyText(text, substitute));
}

bool ArnMatch(const std::string& pattern, const std::string& arn,
              const RequestContext* context = nullptr) {
  return Arn(pattern).Matches(SplitArn(arn), context);
}

TEST(CompiledPatternTest, GlobWildcards) {
  TextPattern p = Pattern("s3:get*", true, PatternCase::kInsensitive);
  EXPECT_TRUE(p.Matches("S3:GetObject", nullptr));
  EXPECT_TRUE(p.Matches("s3:get", nullptr));
  EXPECT_FALSE(p.Matches("s3:PutObject", nullptr));
  TextPattern q = Pattern("a?c*e", true);
  EXPECT_TRUE(q.Matches("abcde", nullptr));
  EXPECT_TRUE(q.Matches("abce", nullptr));
  EXPECT_FALSE(q.Matches("ace", nullptr));
  EXPECT_FALSE(q.Matches("Abce", nullptr));
  EXPECT_TRUE(Pattern("*a*b*", true).Matches("xxaxxbxx", nullptr));
  EXPECT_FALSE(Pattern("*a*b", true).Matches("xxaxxbxxc", nullptr));
}

TEST(CompiledPatternTest, WithoutWildcardsStarIsLiteral) {
  TextPattern p = Pattern("a*", false);
  EXPECT_TRUE(p.Matches("a*", nullptr));
  EXPECT_FALSE(p.Matches("ab", nullptr));
}

TEST(CompiledPatternTest, EscapedWildcardIsLiteral) {
  TextPattern p = Pattern("a${*}", true);
  EXPECT_TRUE(p.Matches("a*", nullptr));
  EXPECT_FALSE(p.Matches("ab", nullptr));
}

TEST(CompiledPatternTest, VariablesResolveFromContext) {
  Request request;
  request.context["aws:username"] = {"alice"};
  request.context["aws:TagKeys"] = {"a", "b"};
  PrincipalInfo principal = ParsePrincipal(Request::kAnonymous);
  RequestContext context(request, principal);
  TextPattern p = Pattern("home/${AWS:UserName}/*", true);
  EXPECT_TRUE(p.Matches("home/alice/x", &context));
  EXPECT_FALSE(p.Matches("home/bob/x", &context));
  // Unresolvable without a default: matches nothing.
  EXPECT_FALSE(Pattern("${aws:missing}", true).Matches("", &context));
  EXPECT_TRUE(
      Pattern("${aws:missing, 'dflt'}", true).Matches("dflt", &context));
  // A multivalued key is not substituted.
  EXPECT_FALSE(Pattern("${aws:TagKeys}", true).Matches("a", &context));
}

TEST(CompiledPatternTest, ArnPartsDoNotLetStarCrossColons) {
  EXPECT_TRUE(ArnMatch("*", "anything"));
  EXPECT_TRUE(ArnMatch("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a/b:c"));
  EXPECT_FALSE(ArnMatch("arn:aws:s3:::bucket/*", "arn:aws:s3:::Bucket/a"));
  EXPECT_TRUE(ArnMatch("arn:aws:ec2:*:*:instance/*",
                       "arn:aws:ec2:us-east-1:111122223333:instance/i-1"));
  // '*' in the region part cannot swallow the account part.
  EXPECT_FALSE(ArnMatch("arn:aws:sqs:*:queue",
                        "arn:aws:sqs:us-east-1:111122223333:queue"));
  EXPECT_TRUE(ArnMatch("arn:aws:sqs:*", "arn:aws:sqs:us-east-1:1:queue"));
  EXPECT_FALSE(ArnMatch("arn:aws:s3:::b", "*"));
  EXPECT_FALSE(ArnMatch("arn:aws:s3:::b", "arn:aws:s3:::b/key"));
}

TEST(CompiledPatternTest, ArnWithVariables) {
  Request request;
  request.context["aws:PrincipalAccount"] = {"111122223333"};
  PrincipalInfo principal = ParsePrincipal(Request::kAnonymous);
  RequestContext context(request, principal);
  EXPECT_TRUE(ArnMatch("arn:aws:sqs:*:${aws:PrincipalAccount}:q",
                       "arn:aws:sqs:eu-west-1:111122223333:q", &context));
  EXPECT_FALSE(ArnMatch("arn:aws:sqs:*:${aws:PrincipalAccount}:q",
                        "arn:aws:sqs:eu-west-1:444455556666:q", &context));
}

TEST(CompiledPatternTest, LiteralTextWithoutSubstitution) {
  ArnPattern p = Arn("arn:aws:s3:::b/${aws:username}", /*substitute=*/false);
  EXPECT_TRUE(p.Matches(SplitArn("arn:aws:s3:::b/${aws:username}"), nullptr));
  EXPECT_FALSE(p.has_variables());
}

}  // namespace
}  // namespace polygraph::iam::internal
