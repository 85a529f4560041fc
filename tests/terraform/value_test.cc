#include "terraform/value.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "polygraph/document.h"

namespace polygraph::terraform {
namespace {

const SourceLocation kA{.file = "a.tf", .line = 1, .column = 1};
const SourceLocation kB{.file = "a.tf", .line = 2, .column = 5};
const SourceLocation kC{.file = "a.tf", .line = 3, .column = 9};

TEST(TfValueTest, ObjectSortsKeysAndLaterDuplicatesWin) {
  TfValue object = TfValue::Object(
      {"b", "a", "b"},
      {TfValue::Number(1, kA), TfValue::Number(2, kB), TfValue::Number(3, kC)},
      kA);
  ASSERT_EQ(object.keys, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(object.items[0].number, 2);
  EXPECT_EQ(object.items[1].number, 3);
  EXPECT_EQ(object.key_locations[0], kB);
  EXPECT_EQ(object.key_locations[1], kC);
  ASSERT_NE(object.Find("b"), nullptr);
  EXPECT_EQ(object.Find("b")->number, 3);
  EXPECT_EQ(object.Find("c"), nullptr);
  EXPECT_EQ(TfValue::String("x", kA).Find("x"), nullptr);
}

TEST(TfValueTest, ConcatenationMergesAdjacentStrings) {
  TfValue known = TfValue::Concatenation(
      {TfValue::String("a", kA), TfValue::String("b", kB)}, kC);
  EXPECT_EQ(known.kind, TfValue::Kind::kString);
  EXPECT_EQ(known.text, "ab");
  EXPECT_EQ(known.location, kC);
  EXPECT_EQ(TfValue::Concatenation({}, kC).text, "");

  TfValue id = TfValue::ResourceAttribute("aws_vpc.main", "id", kB);
  TfValue inner = TfValue::Concatenation(
      {TfValue::String("x-", kA), id, TfValue::String("-", kA)}, kA);
  ASSERT_EQ(inner.kind, TfValue::Kind::kUnknown);
  EXPECT_EQ(inner.text, "");
  ASSERT_EQ(inner.items.size(), 3u);
  // A template inside a template is flattened and strings merged across it.
  TfValue outer = TfValue::Concatenation(
      {TfValue::String("pre-", kA), inner, TfValue::String("post", kA)}, kC);
  ASSERT_EQ(outer.items.size(), 3u);
  EXPECT_EQ(outer.items[0].text, "pre-x-");
  EXPECT_EQ(outer.items[1].resource_address, "aws_vpc.main");
  EXPECT_EQ(outer.items[2].text, "-post");
  EXPECT_FALSE(outer.IsWhollyKnown());
  // Empty strings vanish.
  TfValue trimmed = TfValue::Concatenation(
      {TfValue::String("a", kA), id, TfValue::String("", kA)}, kC);
  EXPECT_EQ(trimmed.items.size(), 2u);
  // A lone unknown stays itself, located at the concatenation.
  TfValue alone = TfValue::Concatenation({TfValue::String("", kA), id}, kC);
  EXPECT_EQ(alone.text, "aws_vpc.main.id");
  EXPECT_EQ(alone.attribute, "id");
  EXPECT_EQ(alone.location, kC);
}

TEST(TfValueTest, FormatNumber) {
  EXPECT_EQ(TfValue::FormatNumber(10), "10");
  EXPECT_EQ(TfValue::FormatNumber(-3), "-3");
  EXPECT_EQ(TfValue::FormatNumber(0.5), "0.5");
  EXPECT_EQ(TfValue::FormatNumber(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(TfValue::FormatNumber(0), "0");
  // Terraform never writes an exponent.
  EXPECT_EQ(TfValue::FormatNumber(1e20), "100000000000000000000");
  EXPECT_EQ(TfValue::FormatNumber(1.5e-7), "0.00000015");
  EXPECT_EQ(TfValue::FormatNumber(-2.5e15), "-2500000000000000");
  EXPECT_EQ(TfValue::Number(3306, kA).text, "3306");
}

TEST(TfValueTest, IsWhollyKnownLooksInside) {
  TfValue list =
      TfValue::List({TfValue::String("a", kA),
                     TfValue::List({TfValue::Unknown("var.x", kA)}, kA)},
                    kA);
  EXPECT_TRUE(list.is_known());
  EXPECT_FALSE(list.IsWhollyKnown());
  EXPECT_TRUE(TfValue::Null(kA).IsWhollyKnown());
}

TEST(TfValueTest, DocumentRoundTrip) {
  absl::StatusOr<Value> document = ParseJson(
      R"({"z": [1, 2.5, "s", true, null], "a": {"k": "v"}})", "d.json");
  ASSERT_TRUE(document.ok()) << document.status();
  TfValue value = FromDocument(*document);
  ASSERT_EQ(value.kind, TfValue::Kind::kObject);
  EXPECT_EQ(value.keys, (std::vector<std::string>{"a", "z"}));
  const TfValue* list = value.Find("z");
  ASSERT_NE(list, nullptr);
  ASSERT_EQ(list->items.size(), 5u);
  EXPECT_EQ(list->items[1].number, 2.5);
  EXPECT_EQ(list->items[1].text, "2.5");
  EXPECT_EQ(list->items[3].kind, TfValue::Kind::kBool);
  EXPECT_TRUE(list->items[4].is_null());
  EXPECT_EQ(list->location.line, 1);
  EXPECT_EQ(list->location.file, "d.json");
  EXPECT_EQ(value.key_locations[1].column, 2);  // the key "z"

  Value back = ToDocument(value);
  ASSERT_EQ(back.kind, Value::Kind::kObject);
  EXPECT_EQ(back.keys, (std::vector<std::string>{"a", "z"}));
  EXPECT_TRUE(FromDocument(back) == value);
}

TEST(TfValueTest, ToDocumentRendersUnknownsAsInterpolations) {
  TfValue id = TfValue::ResourceAttribute("aws_vpc.main", "id", kA);
  EXPECT_EQ(ToDocument(id).text, "${aws_vpc.main.id}");
  TfValue name = TfValue::Concatenation(
      {TfValue::String("prefix-", kA), TfValue::Unknown("var.env", kA)}, kA);
  Value document = ToDocument(name);
  EXPECT_EQ(document.kind, Value::Kind::kString);
  EXPECT_EQ(document.text, "prefix-${var.env}");
}

TEST(TfValueTest, Describe) {
  EXPECT_EQ(Describe(TfValue::String("10.0.0.0/16", kA)), "\"10.0.0.0/16\"");
  EXPECT_EQ(Describe(TfValue::Number(3, kA)), "3");
  EXPECT_EQ(Describe(TfValue::Null(kA)), "null");
  EXPECT_EQ(Describe(TfValue::Bool(true, kA)), "true");
  EXPECT_EQ(Describe(TfValue::Unknown("aws_vpc.main.id", kA)),
            "(known after apply: aws_vpc.main.id)");
  EXPECT_EQ(
      Describe(TfValue::Concatenation(
          {TfValue::String("a-", kA), TfValue::Unknown("var.b", kA)}, kA)),
      "(known after apply: a-${var.b})");
  EXPECT_EQ(Describe(TfValue::List(
                {TfValue::Number(1, kA), TfValue::String("x", kA)}, kA)),
            "[1, \"x\"]");
  std::vector<TfValue> many(6, TfValue::Number(1, kA));
  EXPECT_EQ(Describe(TfValue::List(many, kA)), "[6 elements]");
  EXPECT_EQ(Describe(TfValue::Object({"a"}, {TfValue::Number(1, kA)}, kA)),
            "{a = 1}");
  EXPECT_EQ(Describe(TfValue::String(std::string(100, 'x'), kA)).size(), 82u);
}

TEST(TfValueTest, EqualityIgnoresLocations) {
  EXPECT_TRUE(TfValue::String("a", kA) == TfValue::String("a", kB));
  EXPECT_FALSE(TfValue::String("a", kA) == TfValue::String("b", kA));
  EXPECT_FALSE(TfValue::String("1", kA) == TfValue::Number(1, kA));
  EXPECT_TRUE(TfValue::Number(1, kA) == TfValue::Number(1.0, kB));
  EXPECT_TRUE(TfValue::Null(kA) == TfValue::Null(kB));
  EXPECT_TRUE(TfValue::Unknown("var.x", kA) == TfValue::Unknown("var.x", kB));
  EXPECT_FALSE(TfValue::Unknown("var.x", kA) == TfValue::Unknown("var.y", kA));
  TfValue one = TfValue::Object({"a"}, {TfValue::Number(1, kA)}, kA);
  TfValue other = TfValue::Object({"b"}, {TfValue::Number(1, kA)}, kA);
  EXPECT_FALSE(one == other);
  EXPECT_FALSE(TfValue::List({}, kA) == TfValue::Object({}, {}, kA));
}

}  // namespace
}  // namespace polygraph::terraform
