#include "ingest/cloudformation_text.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "iam/template_expression.h"

namespace polygraph::ingest::evaluation {
namespace {

TEST(SplitSubTextTest, SplitsVariablesAndUnescapesLiterals) {
  std::vector<SubPiece> pieces = SplitSubText("a${B}c${!D}${E.F}${}${open");
  ASSERT_EQ(pieces.size(), 5u);
  EXPECT_FALSE(pieces[0].variable);
  EXPECT_EQ(pieces[0].text, "a");
  EXPECT_TRUE(pieces[1].variable);
  EXPECT_EQ(pieces[1].text, "B");
  EXPECT_EQ(pieces[2].text, "c${D}");  // literal pieces merge
  EXPECT_TRUE(pieces[3].variable);
  EXPECT_EQ(pieces[3].text, "E.F");
  EXPECT_FALSE(pieces[4].variable);
  EXPECT_EQ(pieces[4].text, "${}${open");
}

TEST(SymbolicTextTest, LiteralTextStaysAString) {
  SymbolicText text;
  text.AppendLiteral("arn:aws:s3:::b");
  text.AppendLiteral("/${x}");
  ASSERT_TRUE(text.is_literal());
  Value value = text.ToValue({"f", 3, 4});
  EXPECT_TRUE(value.is_string());
  EXPECT_EQ(value.text, "arn:aws:s3:::b/${x}");
  EXPECT_EQ(value.location.line, 3);
}

TEST(SymbolicTextTest, VariablesMakeAnFnSubThatEscapesLiteralDollars) {
  SymbolicText text;
  text.AppendLiteral("${x}-");
  text.AppendVariable("Bucket.Arn");
  EXPECT_FALSE(text.is_literal());
  EXPECT_EQ(text.sub_text(), "${!x}-${Bucket.Arn}");
  Value value = text.ToValue({"f", 1, 1});
  std::optional<iam::TemplateExpression> expression =
      iam::AsTemplateExpression(value);
  ASSERT_TRUE(expression.has_value());
  EXPECT_EQ(expression->name, "Fn::Sub");
  EXPECT_EQ(expression->argument->text, "${!x}-${Bucket.Arn}");
}

TEST(ValuesTest, RelocatedMovesEveryNodeAndIsLiteralSeesExpressions) {
  Value list = MakeArray({MakeString("a", {"f", 1, 1})}, {"f", 1, 1});
  Value moved = Relocated(list, {"g", 7, 9});
  EXPECT_EQ(moved.items[0].location.file, "g");
  EXPECT_EQ(moved.items[0].location.line, 7);
  EXPECT_TRUE(IsLiteral(moved));
  moved.items.push_back(
      MakeExpression("Fn::ImportValue", MakeString("x", {}), {}));
  EXPECT_FALSE(IsLiteral(moved));
}

}  // namespace
}  // namespace polygraph::ingest::evaluation
