#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
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

TEST(FunctionsFormatTest, FormatVerbs) {
  EXPECT_EQ(Eval("format", {S("%03d-%s"), N(7), S("x")}), "\"007-x\"");
  EXPECT_EQ(Eval("format", {S("Hello, %s!"), S("Ander")}), "\"Hello, Ander!\"");
  EXPECT_EQ(Eval("format", {S("%d lights"), S("4")}), "\"4 lights\"");
  EXPECT_EQ(Eval("format", {S("%s|%v|%t"), N(1.5), B(true), S("false")}),
            "\"1.5|true|false\"");
  EXPECT_EQ(Eval("format", {S("%.2f %f"), N(3.14159), N(2)}),
            "\"3.14 2.000000\"");
  EXPECT_EQ(Eval("format", {S("%q"), S("a\"b")}), R"(""a\"b"")");
  EXPECT_EQ(Eval("format", {S("%#v"), J(R"({"b": [true], "a": "x"})")}),
            R"("{"a":"x","b":[true]}")");
  EXPECT_EQ(Eval("format", {S("%#v"), S("hello")}), R"(""hello"")");
  EXPECT_EQ(Eval("format", {S("%v"), J("[1, 2]")}), "\"[1,2]\"");
  EXPECT_EQ(Eval("format", {S("100%%")}), "\"100%\"");
  EXPECT_EQ(Eval("format", {S("%-5s|%5s|%+d|%x|%X|%b|%o"), S("ab"), S("cd"),
                            N(3), N(255), N(255), N(5), N(8)}),
            "\"ab   |   cd|+3|ff|FF|101|10\"");
  EXPECT_EQ(Eval("format", {S("%[2]s %[1]s"), S("a"), S("b")}), "\"b a\"");
  EXPECT_EQ(Eval("format", {S("%.3s"), S("abcdef")}), "\"abc\"");
  EXPECT_EQ(Eval("format", {S("%05.1f"), N(-2.25)}), "\"-02.2\"");
}

TEST(FunctionsFormatTest, FormatErrors) {
  EXPECT_EQ(Eval("format", {S("%s and %s"), S("a")}),
            "error: Invalid function argument: format: not enough arguments "
            "for \"%s\" at 7: need index 2 but have 1 total");
  EXPECT_EQ(Eval("format", {S("%s"), S("a"), S("b")}),
            "error: Invalid function argument: format: too many arguments; "
            "only 1 used by format string");
  EXPECT_EQ(Eval("format", {S("%d"), N(1.5)}),
            "error: Invalid function argument: format: unsupported value for "
            "\"%d\" at 0: an integer is required");
  EXPECT_EQ(Eval("format", {S("%d"), S("x")}),
            "error: Invalid function argument: format: unsupported value for "
            "\"%d\" at 0: number required");
  EXPECT_EQ(Eval("format", {S("%s"), J("[1]")}),
            "error: Invalid function argument: format: unsupported value for "
            "\"%s\" at 0: string required");
  EXPECT_EQ(Eval("format", {S("%s"), Null()}),
            "error: Invalid function argument: format: unsupported value for "
            "\"%s\" at 0: null value cannot be formatted");
  EXPECT_THAT(Eval("format", {S("%z"), S("a")}),
              ::testing::HasSubstr("unrecognized format character 'z'"));
}

TEST(FunctionsFormatTest, FormatWithUnknownsIsATemplate) {
  EXPECT_EQ(Eval("format", {S("%s-%s"), S("web"), U("var.env")}),
            "?(\"web-\", ?var.env)");
  EXPECT_EQ(Eval("format", {S("%d"), U("var.n")}), "?format(...)");
  EXPECT_EQ(Eval("format", {U("var.spec"), S("a")}), "?format(...)");
}

TEST(FunctionsFormatTest, Formatlist) {
  EXPECT_EQ(Eval("formatlist", {S("%s-%s"), J(R"(["a", "b"])"), S("x")}),
            "[\"a-x\", \"b-x\"]");
  EXPECT_EQ(Eval("formatlist", {S("%s=%d"), J(R"(["a", "b"])"), J("[1, 2]")}),
            "[\"a=1\", \"b=2\"]");
  EXPECT_EQ(Eval("formatlist", {S("%s%s"), J(R"(["a"])"), J("[1, 2]")}),
            "error: Invalid function argument: formatlist: argument 3 has "
            "length 2, which is inconsistent with argument 2 of length 1");
  EXPECT_EQ(Eval("formatlist", {S("%s"), U("var.list")}), "?formatlist(...)");
}

}  // namespace
}  // namespace polygraph::terraform
