#include "iam/template_expression.h"

#include <optional>
#include <string>

#include "gtest/gtest.h"
#include "polygraph/document.h"
#include "polygraph/iam_policy.h"
#include "tests/testing.h"

namespace polygraph::iam {
namespace {

Value Yaml(const std::string& text) {
  absl::StatusOr<Value> value = ParseYaml(text, "t.yaml");
  EXPECT_TRUE(value.ok()) << value.status();
  return value.ok() ? *value : Value{};
}

Value Json(const std::string& text) {
  absl::StatusOr<Value> value = ParseJson(text, "t.json");
  EXPECT_TRUE(value.ok()) << value.status();
  return value.ok() ? *value : Value{};
}

TEST(TemplateExpressionTest, RecognizesShortForms) {
  Value value = Yaml("!GetAtt Bucket.Arn");
  std::optional<TemplateExpression> expression = AsTemplateExpression(value);
  ASSERT_TRUE(expression.has_value());
  EXPECT_EQ(expression->name, "Fn::GetAtt");
  EXPECT_EQ(expression->spelling, "!GetAtt");
  EXPECT_TRUE(expression->short_form);
  EXPECT_EQ(expression->argument, &value);
  EXPECT_EQ(AsTemplateExpression(Yaml("!Ref X"))->name, "Ref");
  EXPECT_EQ(AsTemplateExpression(Yaml("!Condition X"))->name, "Condition");
  EXPECT_EQ(AsTemplateExpression(Yaml("!Reff X"))->name, "Fn::Reff");
  EXPECT_EQ(AsTemplateExpression(Yaml("!Rain::Embed f.sh"))->name,
            "Rain::Embed");
  EXPECT_EQ(AsTemplateExpression(Json(R"({"Rain::Embed": "f"})"))->name,
            "Rain::Embed");
  EXPECT_FALSE(IsKnownIntrinsic("Rain::Embed"));
}

TEST(TemplateExpressionTest, RecognizesLongForms) {
  Value value = Json(R"({"Fn::Join": ["", ["a", "b"]]})");
  std::optional<TemplateExpression> expression = AsTemplateExpression(value);
  ASSERT_TRUE(expression.has_value());
  EXPECT_EQ(expression->name, "Fn::Join");
  EXPECT_FALSE(expression->short_form);
  EXPECT_EQ(expression->argument, &value.items[0]);
  EXPECT_EQ(expression->location, (SourceLocation{"t.json", 1, 2}));
  EXPECT_EQ(AsTemplateExpression(Json(R"({"Ref": "X"})"))->name, "Ref");
}

TEST(TemplateExpressionTest, PlainValuesAreNotExpressions) {
  EXPECT_FALSE(AsTemplateExpression(Json(R"({"Ref": "X", "Other": 1})")));
  EXPECT_FALSE(AsTemplateExpression(Json(R"({"Condition": "X"})")));
  EXPECT_FALSE(AsTemplateExpression(Json(R"("Ref")")));
  EXPECT_FALSE(AsTemplateExpression(Yaml("!!str 5")));
  EXPECT_FALSE(AsTemplateExpression(Yaml("'quoted'")));
  EXPECT_EQ(RenderSymbolic(Json(R"("text")")), "");
}

TEST(TemplateExpressionTest, KnowsEveryIntrinsic) {
  for (const char* name : {"Ref",
                           "Condition",
                           "Fn::And",
                           "Fn::Base64",
                           "Fn::Cidr",
                           "Fn::Contains",
                           "Fn::EachMemberEquals",
                           "Fn::EachMemberIn",
                           "Fn::Equals",
                           "Fn::FindInMap",
                           "Fn::GetAtt",
                           "Fn::GetAZs",
                           "Fn::If",
                           "Fn::ImportValue",
                           "Fn::Join",
                           "Fn::Length",
                           "Fn::Not",
                           "Fn::Or",
                           "Fn::RefAll",
                           "Fn::Select",
                           "Fn::Split",
                           "Fn::Sub",
                           "Fn::ToJsonString",
                           "Fn::Transform",
                           "Fn::ValueOf",
                           "Fn::ValueOfAll",
                           "Fn::ForEach::Buckets"}) {
    EXPECT_TRUE(IsKnownIntrinsic(name)) << name;
  }
  for (const char* name :
       {"Fn::Foo", "Fn::Reff", "Fn::ForEach", "Fn::ForEach::", "Fn::getatt"}) {
    EXPECT_FALSE(IsKnownIntrinsic(name)) << name;
  }
}

TEST(TemplateExpressionTest, IsNoValue) {
  EXPECT_TRUE(IsNoValue(Yaml("!Ref AWS::NoValue")));
  EXPECT_TRUE(IsNoValue(Json(R"({"Ref": "AWS::NoValue"})")));
  EXPECT_FALSE(IsNoValue(Yaml("!Ref AWS::Region")));
  EXPECT_FALSE(IsNoValue(Json(R"("AWS::NoValue")")));
}

TEST(RenderSymbolicTest, RendersEachForm) {
  EXPECT_EQ(RenderSymbolic(Yaml("!Ref Bucket")), "${Bucket}");
  EXPECT_EQ(RenderSymbolic(Json(R"({"Ref": "Bucket"})")), "${Bucket}");
  EXPECT_EQ(RenderSymbolic(Yaml("!GetAtt Bucket.Arn")), "${Bucket.Arn}");
  EXPECT_EQ(RenderSymbolic(Yaml("!GetAtt [Bucket, Arn]")), "${Bucket.Arn}");
  EXPECT_EQ(RenderSymbolic(Json(R"({"Fn::GetAtt": ["Db", "Endpoint.Port"]})")),
            "${Db.Endpoint.Port}");
  EXPECT_EQ(RenderSymbolic(Yaml("!Sub 'arn:${AWS::Partition}:s3:::${B}'")),
            "arn:${AWS::Partition}:s3:::${B}");
  EXPECT_EQ(RenderSymbolic(Yaml("!Sub ['${X}/*', {X: !Ref B}]")), "${X}/*");
  EXPECT_EQ(RenderSymbolic(Yaml(
                "!Join [':', [arn, !Ref AWS::Partition, !GetAtt B.Arn, 5]]")),
            "arn:${AWS::Partition}:${B.Arn}:5");
  EXPECT_EQ(RenderSymbolic(Yaml("!Join [',', !Ref List]")), "${List}");
  EXPECT_EQ(RenderSymbolic(Yaml("!Join ['', [a, !Ref AWS::NoValue, b]]")),
            "ab");
  EXPECT_EQ(RenderSymbolic(Yaml("!If [C, a, b]")), "${Fn::If}");
  EXPECT_EQ(RenderSymbolic(Yaml("!ImportValue Shared")), "${Fn::ImportValue}");
  EXPECT_EQ(RenderSymbolic(Yaml("!Select [0, !GetAZs '']")), "${Fn::Select}");
  EXPECT_EQ(RenderSymbolic(Json(R"({"Fn::FindInMap": ["M", "a", "b"]})")),
            "${Fn::FindInMap}");
}

TEST(RenderSymbolicTest, MalformedArgumentsRenderAsTheFunction) {
  EXPECT_EQ(RenderSymbolic(Yaml("!Join [',']")), "${Fn::Join}");
  EXPECT_EQ(RenderSymbolic(Yaml("!GetAtt [a, b, c]")), "${Fn::GetAtt}");
  EXPECT_EQ(RenderSymbolic(Json(R"({"Fn::Sub": 5})")), "${Fn::Sub}");
  EXPECT_EQ(RenderSymbolic(Json(R"({"Ref": ["x"]})")), "${Ref}");
}

}  // namespace
}  // namespace polygraph::iam
