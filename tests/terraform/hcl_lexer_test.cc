#include "terraform/hcl_lexer.h"

#include <string>
#include <string_view>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace polygraph::terraform::internal {
namespace {

using ::testing::ElementsAre;
using K = HclTokenKind;

std::vector<HclToken> Lex(std::string_view text) {
  HclLexer lexer(text, 1, 1);
  std::vector<HclToken> tokens;
  while (true) {
    tokens.push_back(lexer.Next());
    const K kind = tokens.back().kind;
    if (kind == K::kEof || kind == K::kUnclosedComment) break;
  }
  return tokens;
}

std::vector<K> Kinds(std::string_view text) {
  std::vector<K> kinds;
  for (const HclToken& token : Lex(text)) kinds.push_back(token.kind);
  return kinds;
}

TEST(HclLexerTest, PunctuationAndOperators) {
  EXPECT_THAT(
      Kinds("{ } [ ] ( ) , . ... = == != < <= > >= + - * / % && || ! "
            "? : :: => ~"),
      ElementsAre(K::kLBrace, K::kRBrace, K::kLBracket, K::kRBracket,
                  K::kLParen, K::kRParen, K::kComma, K::kDot, K::kEllipsis,
                  K::kAssign, K::kEqual, K::kNotEqual, K::kLess,
                  K::kLessOrEqual, K::kGreater, K::kGreaterOrEqual, K::kPlus,
                  K::kMinus, K::kStar, K::kSlash, K::kPercent, K::kAnd, K::kOr,
                  K::kBang, K::kQuestion, K::kColon, K::kDoubleColon,
                  K::kFatArrow, K::kTilde, K::kEof));
}

TEST(HclLexerTest, IdentifiersKeepDashesAndNumbersKeepTheirText) {
  const std::vector<HclToken> tokens = Lex("aws_s3-bucket 1e3 0.5 12 3.x");
  ASSERT_EQ(tokens.size(), 8u);
  EXPECT_EQ(tokens[0].kind, K::kIdentifier);
  EXPECT_EQ(tokens[0].text, "aws_s3-bucket");
  EXPECT_EQ(tokens[1].text, "1e3");
  EXPECT_EQ(tokens[1].kind, K::kNumber);
  EXPECT_EQ(tokens[2].text, "0.5");
  EXPECT_EQ(tokens[3].text, "12");
  // "3." is not a number with a fraction: 3, ".", x.
  EXPECT_EQ(tokens[4].text, "3");
  EXPECT_EQ(tokens[5].kind, K::kDot);
  EXPECT_EQ(tokens[6].text, "x");
}

TEST(HclLexerTest, LocationsAreOneBasedLineAndByteColumn) {
  const std::vector<HclToken> tokens = Lex("a = 1\n  bb = \"x\"");
  ASSERT_GE(tokens.size(), 7u);
  EXPECT_EQ(tokens[0].line, 1);
  EXPECT_EQ(tokens[0].column, 1);
  EXPECT_EQ(tokens[2].column, 5);
  EXPECT_EQ(tokens[3].kind, K::kNewline);
  EXPECT_EQ(tokens[4].line, 2);
  EXPECT_EQ(tokens[4].column, 3);
  EXPECT_EQ(tokens[6].kind, K::kQuote);
  EXPECT_EQ(tokens[6].column, 8);
}

TEST(HclLexerTest, FirstLineColumnsAreShifted) {
  HclLexer lexer("a\nb", 4, 10);
  HclToken a = lexer.Next();
  EXPECT_EQ(a.line, 4);
  EXPECT_EQ(a.column, 10);
  lexer.Next();  // newline
  HclToken b = lexer.Next();
  EXPECT_EQ(b.line, 5);
  EXPECT_EQ(b.column, 1);
}

TEST(HclLexerTest, CommentsAreSkippedButLineCommentsEndWithANewline) {
  EXPECT_THAT(
      Kinds("a # one\nb // two\r\nc /* three\nfour */ d"),
      ElementsAre(K::kIdentifier, K::kNewline, K::kIdentifier, K::kNewline,
                  K::kIdentifier, K::kIdentifier, K::kEof));
  const std::vector<HclToken> tokens = Lex("/* x\n */ d");
  EXPECT_EQ(tokens[0].line, 2);
  EXPECT_EQ(tokens[0].column, 5);
}

TEST(HclLexerTest, UnclosedCommentIsReportedWhereItOpens) {
  const std::vector<HclToken> tokens = Lex("a\n  /* never");
  EXPECT_EQ(tokens.back().kind, K::kUnclosedComment);
  EXPECT_EQ(tokens.back().line, 2);
  EXPECT_EQ(tokens.back().column, 3);
}

TEST(HclLexerTest, HeredocStartNeedsMarkerAndNewline) {
  HclLexer lexer("<<-EOT\nbody", 1, 1);
  const HclToken token = lexer.Next();
  EXPECT_EQ(token.kind, K::kHeredoc);
  EXPECT_EQ(token.heredoc_marker, "EOT");
  EXPECT_TRUE(token.heredoc_flush);
  EXPECT_EQ(lexer.Rest(), "body");
  EXPECT_EQ(lexer.line(), 2);
  EXPECT_EQ(Lex("<<EOT x")[0].kind, K::kInvalid);
  EXPECT_EQ(Lex("<< EOT\n")[0].kind, K::kInvalid);
}

TEST(HclLexerTest, InvalidCharactersAndDescriptions) {
  const std::vector<HclToken> tokens = Lex("@ & | 22 foo");
  EXPECT_EQ(tokens[0].kind, K::kInvalid);
  EXPECT_EQ(DescribeToken(tokens[0]), "invalid character \"@\"");
  EXPECT_EQ(tokens[1].kind, K::kInvalid);
  EXPECT_EQ(tokens[2].kind, K::kInvalid);
  EXPECT_EQ(DescribeToken(tokens[3]), "number \"22\"");
  EXPECT_EQ(DescribeToken(tokens[4]), "identifier \"foo\"");
  EXPECT_EQ(DescribeToken(tokens[5]), "end of file");
  EXPECT_EQ(TokenKindName(K::kFatArrow), "=>");
}

TEST(HclLexerTest, CarriageReturnNewlineIsOneNewline) {
  const std::vector<HclToken> tokens = Lex("a\r\nb");
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_EQ(tokens[1].kind, K::kNewline);
  EXPECT_EQ(tokens[2].line, 2);
  EXPECT_EQ(tokens[2].column, 1);
}

}  // namespace
}  // namespace polygraph::terraform::internal
