#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "polygraph/document.h"
#include "terraform/functions.h"
#include "tests/terraform/functions_testing.h"

namespace polygraph::terraform {
namespace {

using function_testing::B;
using function_testing::Eval;
using function_testing::J;
using function_testing::L;
using function_testing::N;
using function_testing::Null;
using function_testing::S;
using function_testing::U;

TEST(FunctionsEncodingTest, JsonencodeSortsKeysAndIsCompact) {
  EXPECT_EQ(Eval("jsonencode", {J(R"({"b": 1, "a": ["x"]})")}),
            R"("{"a":["x"],"b":1}")");
  EXPECT_EQ(Eval("jsonencode", {J(R"([null, true, 0.5, -3, "s"])")}),
            R"("[null,true,0.5,-3,"s"]")");
  EXPECT_EQ(Eval("jsonencode", {N(1e20)}), "\"100000000000000000000\"");
  EXPECT_EQ(Eval("jsonencode", {J("{}")}), "\"{}\"");
  EXPECT_EQ(Eval("jsonencode", {S("")}), R"("""")");
}

TEST(FunctionsEncodingTest, JsonencodeKeepsTheValueItEncodes) {
  const SourceLocation at{"main.tf", 4, 12};
  TfValue statement = TfValue::Object(
      {"Resource"}, {TfValue::ResourceAttribute("aws_s3_bucket.b", "arn", at)},
      at);
  absl::StatusOr<TfValue> unknown =
      CallFunction("jsonencode", {statement}, {}, at);
  ASSERT_TRUE(unknown.ok()) << unknown.status();
  EXPECT_FALSE(unknown->is_known());
  ASSERT_NE(unknown->encoded, nullptr);
  EXPECT_EQ(unknown->encoded->Find("Resource")->resource_address,
            "aws_s3_bucket.b");
  absl::StatusOr<TfValue> known = CallFunction(
      "jsonencode", {TfValue::Object({"a"}, {TfValue::Number(1, at)}, at)}, {},
      at);
  ASSERT_TRUE(known.ok()) << known.status();
  EXPECT_EQ(known->text, "{\"a\":1}");
  ASSERT_NE(known->encoded, nullptr);
  EXPECT_EQ(known->encoded->Find("a")->location, at);
}

TEST(FunctionsEncodingTest, JsonencodeEscapesLikeTerraform) {
  absl::StatusOr<TfValue> result =
      CallFunction("jsonencode", {S("<a href=\"x\">&</a>\n\t\x01\\")}, {},
                   function_testing::kCallAt);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->text,
            R"("\u003ca href=\"x\"\u003e\u0026\u003c/a\u003e\n\t\u0001\\")");
  result =
      CallFunction("jsonencode", {S("é\u2028")}, {}, function_testing::kCallAt);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->text, "\"é\\u2028\"");
}

TEST(FunctionsEncodingTest, JsondecodeRoundTrips) {
  EXPECT_EQ(Eval("jsondecode", {S(R"({"b": [1, "x", null], "a": true})")}),
            "{a = true, b = [1, \"x\", null]}");
  EXPECT_EQ(Eval("jsondecode", {S("\"hello\"")}), "\"hello\"");
  EXPECT_EQ(Eval("jsondecode", {S("12.5")}), "12.5");
  EXPECT_THAT(
      Eval("jsondecode", {S("{")}),
      ::testing::StartsWith("error: Invalid function argument: jsondecode: "));
  EXPECT_EQ(Eval("jsondecode", {U("data.http.body")}), "?jsondecode(...)");
  // Decoded values are located at the call, not in a phantom file.
  absl::StatusOr<TfValue> result = CallFunction(
      "jsondecode", {S(R"({"a": [1]})")}, {}, function_testing::kCallAt);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->items[0].items[0].location, function_testing::kCallAt);
}

TEST(FunctionsEncodingTest, YamlencodeIsValidYaml) {
  EXPECT_EQ(Eval("yamlencode", {J(R"({"a": "b", "c": "d"})")}),
            "\"\"a\": \"b\"\n\"c\": \"d\"\n\"");
  TfValue value = J(
      R"({"foo": [1, {"a": "b", "c": ["x", "y"]}, [2, 3], []], "bar": {"k": null, "e": {}}, "s": "line1\nline2: \"q\""})");
  absl::StatusOr<TfValue> result =
      CallFunction("yamlencode", {value}, {}, function_testing::kCallAt);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->text,
            "\"bar\":\n"
            "  \"e\": {}\n"
            "  \"k\": null\n"
            "\"foo\":\n"
            "- 1\n"
            "- \"a\": \"b\"\n"
            "  \"c\":\n"
            "  - \"x\"\n"
            "  - \"y\"\n"
            "- - 2\n"
            "  - 3\n"
            "- []\n"
            "\"s\": \"line1\\nline2: \\\"q\\\"\"\n");
  // Reading it back gives the same value.
  absl::StatusOr<Value> document = ParseYaml(result->text, "out.yaml");
  ASSERT_TRUE(document.ok()) << document.status();
  EXPECT_TRUE(FromDocument(*document) == value);
  EXPECT_EQ(Eval("yamlencode", {S("x")}), "\"\"x\"\n\"");
}

TEST(FunctionsEncodingTest, Yamldecode) {
  EXPECT_EQ(Eval("yamldecode", {S("a: 1\nb:\n  - x\n  - true\n")}),
            "{a = 1, b = [\"x\", true]}");
  EXPECT_EQ(Eval("yamldecode", {S("hello")}), "\"hello\"");
  EXPECT_THAT(
      Eval("yamldecode", {S("a: [")}),
      ::testing::StartsWith("error: Invalid function argument: yamldecode: "));
}

TEST(FunctionsEncodingTest, Base64) {
  EXPECT_EQ(Eval("base64encode", {S("Hello World")}), "\"SGVsbG8gV29ybGQ=\"");
  EXPECT_EQ(Eval("base64encode", {S("ab")}), "\"YWI=\"");
  EXPECT_EQ(Eval("base64encode", {S("")}), "\"\"");
  EXPECT_EQ(Eval("base64decode", {S("SGVsbG8gV29ybGQ=")}), "\"Hello World\"");
  EXPECT_EQ(Eval("base64decode", {S("YWI=")}), "\"ab\"");
  EXPECT_EQ(Eval("base64decode", {S("YWI")}),
            "error: Invalid function argument: base64decode: failed to "
            "decode base64 data \"YWI\"");
  EXPECT_EQ(Eval("base64decode", {S("Y=I=")}),
            "error: Invalid function argument: base64decode: failed to "
            "decode base64 data \"Y=I=\"");
  EXPECT_EQ(Eval("base64decode", {S("/w==")}),
            "error: Invalid function argument: base64decode: the result of "
            "decoding the provided string is not valid UTF-8");
}

TEST(FunctionsEncodingTest, Urlencode) {
  EXPECT_EQ(Eval("urlencode", {S("Hello World!")}), "\"Hello+World%21\"");
  EXPECT_EQ(Eval("urlencode", {S("foo:bar@localhost?foo=bar&bar=baz")}),
            "\"foo%3Abar%40localhost%3Ffoo%3Dbar%26bar%3Dbaz\"");
  EXPECT_EQ(Eval("urlencode", {S("a-b_c.d~é")}), "\"a-b_c.d~%C3%A9\"");
}

}  // namespace
}  // namespace polygraph::terraform
