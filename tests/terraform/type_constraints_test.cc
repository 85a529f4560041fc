#include "terraform/type_constraints.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <utility>

#include "terraform/expression_evaluator.h"
#include "terraform/hcl_parser.h"
#include "tests/testing.h"

namespace polygraph::terraform {
namespace {

using ::polygraph::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using Kind = TfValue::Kind;

// Values are written as HCL; `var.unknown` is the only name.
class ValueScope : public Scope {
 public:
  absl::StatusOr<TfValue> Resolve(const std::string& root,
                                  const SourceLocation& location,
                                  absl::Span<const TraversalStep> steps,
                                  size_t* steps_used) override {
    *steps_used = steps.empty() ? 0 : 1;
    return TfValue::Unknown("var.unknown", location);
  }
  const FunctionContext& functions() const override { return functions_; }

 private:
  FunctionContext functions_;
};

TfValue Parse(std::string_view text) {
  absl::StatusOr<ExpressionPtr> expression = ParseHclExpression(
      text, SourceLocation{.file = "v.tf", .line = 1, .column = 1});
  EXPECT_TRUE(expression.ok()) << expression.status();
  if (!expression.ok()) return TfValue();
  ValueScope scope;
  absl::StatusOr<TfValue> value = Evaluate(**expression, scope);
  EXPECT_TRUE(value.ok()) << value.status();
  return value.ok() ? *std::move(value) : TfValue();
}

absl::StatusOr<TfValue> Convert(std::string_view value, std::string_view type) {
  absl::StatusOr<ExpressionPtr> expression = ParseHclExpression(
      type, SourceLocation{.file = "t.tf", .line = 1, .column = 1});
  if (!expression.ok()) return expression.status();
  return ConvertToTypeConstraint(Parse(value), **expression);
}

// The converted value, or the error's message.
std::string Converted(std::string_view value, std::string_view type) {
  absl::StatusOr<TfValue> converted = Convert(value, type);
  if (!converted.ok())
    return "error: " + std::string(converted.status().message());
  return Describe(*converted);
}

TEST(TypeConstraintsTest, Primitives) {
  ASSERT_OK_AND_ASSIGN(TfValue number, Convert("\"8\"", "number"));
  EXPECT_EQ(number.kind, Kind::kNumber);
  EXPECT_EQ(number.number, 8);
  ASSERT_OK_AND_ASSIGN(TfValue text, Convert("8", "string"));
  EXPECT_EQ(text.kind, Kind::kString);
  EXPECT_EQ(text.text, "8");
  ASSERT_OK_AND_ASSIGN(text, Convert("true", "string"));
  EXPECT_EQ(text, TfValue::String("true", {}));
  ASSERT_OK_AND_ASSIGN(TfValue flag, Convert("\"false\"", "bool"));
  EXPECT_EQ(flag, TfValue::Bool(false, {}));
  ASSERT_OK_AND_ASSIGN(TfValue same, Convert("[1, \"a\"]", "any"));
  EXPECT_EQ(same, Parse("[1, \"a\"]"));
  ASSERT_OK_AND_ASSIGN(TfValue null, Convert("null", "number"));
  EXPECT_TRUE(null.is_null());
}

TEST(TypeConstraintsTest, PrimitiveMismatches) {
  EXPECT_THAT(Convert("\"abc\"", "number"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "a number is required, got string \"abc\""));
  EXPECT_EQ(Converted("\"yes\"", "bool"),
            "error: a bool is required, got string \"yes\"");
  EXPECT_EQ(Converted("1", "bool"), "error: a bool is required, got number 1");
  EXPECT_EQ(Converted("[1]", "string"),
            "error: a string is required, got list [1]");
  // Only a whole decimal number converts, as in expressions.
  EXPECT_EQ(Converted("\"0x10\"", "number"),
            "error: a number is required, got string \"0x10\"");
  EXPECT_EQ(Converted("\" 8\"", "number"),
            "error: a number is required, got string \" 8\"");
  EXPECT_EQ(Converted("\"nan\"", "number"),
            "error: a number is required, got string \"nan\"");
  EXPECT_EQ(Converted("\"-1.5e1\"", "number"), "-15");
  EXPECT_EQ(Converted("true", "number"),
            "error: a number is required, got bool true");
}

TEST(TypeConstraintsTest, Collections) {
  ASSERT_OK_AND_ASSIGN(TfValue list, Convert("[1, \"2\"]", "list(number)"));
  EXPECT_EQ(list, Parse("[1, 2]"));
  ASSERT_OK_AND_ASSIGN(TfValue set, Convert("[1, 2]", "set(string)"));
  EXPECT_EQ(set, Parse("[\"1\", \"2\"]"));
  ASSERT_OK_AND_ASSIGN(TfValue map,
                       Convert("{a = 1, b = true}", "map(string)"));
  EXPECT_EQ(map, Parse("{a = \"1\", b = \"true\"}"));
  ASSERT_OK_AND_ASSIGN(TfValue tuple,
                       Convert("[\"1\", 2]", "tuple([number, string])"));
  EXPECT_EQ(tuple, Parse("[1, \"2\"]"));
  ASSERT_OK_AND_ASSIGN(TfValue nested,
                       Convert("[[\"1\"], []]", "list(list(number))"));
  EXPECT_EQ(nested, Parse("[[1], []]"));
}

TEST(TypeConstraintsTest, CollectionMismatchesNameThePath) {
  EXPECT_EQ(Converted("\"x\"", "list(string)"),
            "error: a list is required, got string \"x\"");
  EXPECT_EQ(Converted("[1, \"x\"]", "list(number)"),
            "error: [1]: a number is required, got string \"x\"");
  EXPECT_EQ(Converted("{a = \"x\"}", "map(number)"),
            "error: [\"a\"]: a number is required, got string \"x\"");
  EXPECT_EQ(Converted("[1]", "map(number)"),
            "error: a map is required, got list [1]");
  EXPECT_THAT(Converted("[1, 2]", "tuple([number])"),
              HasSubstr("a tuple of the declared length is required"));
}

TEST(TypeConstraintsTest, ObjectsWithOptionalAttributes) {
  ASSERT_OK_AND_ASSIGN(
      TfValue object,
      Convert("{name = \"web\", port = \"80\", extra = 1}",
              "object({name = string, port = number, "
              "enabled = optional(bool, true), note = optional(string), "
              "tags = optional(map(string), {env = 1})})"));
  // Undeclared attributes are dropped; absent optional ones get their
  // default, converted, or null.
  EXPECT_THAT(object.keys,
              ElementsAre("enabled", "name", "note", "port", "tags"));
  EXPECT_EQ(*object.Find("enabled"), TfValue::Bool(true, {}));
  EXPECT_EQ(*object.Find("name"), TfValue::String("web", {}));
  EXPECT_TRUE(object.Find("note")->is_null());
  EXPECT_EQ(*object.Find("port"), TfValue::Number(80, {}));
  EXPECT_EQ(*object.Find("tags"), Parse("{env = \"1\"}"));
}

TEST(TypeConstraintsTest, NullOptionalAttributeTakesItsDefault) {
  ASSERT_OK_AND_ASSIGN(
      TfValue object,
      Convert("{size = null}", "object({size = optional(number, 10)})"));
  EXPECT_EQ(*object.Find("size"), TfValue::Number(10, {}));
}

TEST(TypeConstraintsTest, NestedObjectsInsideLists) {
  ASSERT_OK_AND_ASSIGN(
      TfValue rules,
      Convert("[{port = 22}, {port = \"443\", cidr = \"10.0.0.0/8\"}]",
              "list(object({port = number, "
              "cidr = optional(string, \"0.0.0.0/0\"), "
              "limits = optional(object({max = optional(number, 3)}), {})}))"));
  ASSERT_EQ(rules.kind, Kind::kList);
  ASSERT_EQ(rules.items.size(), 2u);
  EXPECT_EQ(rules.items[0],
            Parse("{port = 22, cidr = \"0.0.0.0/0\", limits = {max = 3}}"));
  EXPECT_EQ(rules.items[1],
            Parse("{port = 443, cidr = \"10.0.0.0/8\", limits = {max = 3}}"));
}

TEST(TypeConstraintsTest, MissingRequiredAttributeNamesThePath) {
  EXPECT_EQ(Converted("{}", "object({geo_restriction = string})"),
            "error: attribute \"geo_restriction\" is required");
  EXPECT_EQ(
      Converted("{outer = {}}", "object({outer = object({inner = number})})"),
      "error: attribute \"outer\".inner is required");
  EXPECT_EQ(Converted("[{a = 1}, {}]", "list(object({a = number}))"),
            "error: [1].a is required");
  EXPECT_EQ(Converted("{a = \"x\"}", "object({a = number})"),
            "error: attribute \"a\": a number is required, got string \"x\"");
  EXPECT_EQ(Converted("[]", "object({a = number})"),
            "error: an object is required, got list []");
}

TEST(TypeConstraintsTest, UnknownsPassThrough) {
  ASSERT_OK_AND_ASSIGN(TfValue unknown, Convert("var.unknown", "number"));
  EXPECT_FALSE(unknown.is_known());
  EXPECT_EQ(unknown.text, "var.unknown");
  ASSERT_OK_AND_ASSIGN(TfValue list,
                       Convert("[var.unknown, \"2\"]", "list(number)"));
  EXPECT_FALSE(list.items[0].is_known());
  EXPECT_EQ(list.items[1], TfValue::Number(2, {}));
  ASSERT_OK_AND_ASSIGN(
      TfValue object, Convert("{a = var.unknown}",
                              "object({a = string, b = optional(number, 1)})"));
  EXPECT_FALSE(object.Find("a")->is_known());
  EXPECT_EQ(*object.Find("b"), TfValue::Number(1, {}));
}

TEST(TypeConstraintsTest, UnknownTypeName) {
  EXPECT_THAT(Convert("\"x\"", "strng"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "unknown type constraint \"strng\""));
  EXPECT_EQ(Converted("[\"x\"]", "list(strng)"),
            "error: unknown type constraint \"strng\"");
  // The type is checked whatever the value: null, unknown, an empty list
  // or an absent optional attribute.
  EXPECT_EQ(Converted("null", "strng"),
            "error: unknown type constraint \"strng\"");
  EXPECT_EQ(Converted("var.unknown", "map(nmber)"),
            "error: unknown type constraint \"nmber\"");
  EXPECT_EQ(Converted("[]", "list(strng)"),
            "error: unknown type constraint \"strng\"");
  EXPECT_EQ(Converted("{}", "object({a = optional(list(bol))})"),
            "error: unknown type constraint \"bol\"");
  EXPECT_EQ(Converted("[]", "tuple([number, strng])"),
            "error: unknown type constraint \"strng\"");
}

}  // namespace
}  // namespace polygraph::terraform
