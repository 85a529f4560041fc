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

TEST(FunctionsStringsTest, JoinAndSplit) {
  EXPECT_EQ(Eval("join", {S(", "), J(R"(["a", "b", 3, true])")}),
            "\"a, b, 3, true\"");
  EXPECT_EQ(Eval("join", {S("-"), J(R"(["a"])"), J(R"(["b", "c"])")}),
            "\"a-b-c\"");
  EXPECT_EQ(Eval("join", {S(","), J("[]")}), "\"\"");
  EXPECT_EQ(Eval("join", {S("-"), L({S("a"), U("var.env"), S("b")})}),
            "?(\"a-\", ?var.env, \"-b\")");
  EXPECT_EQ(Eval("join", {S("-"), U("var.list")}), "?join(...)");
  EXPECT_EQ(Eval("join", {S("-"), L({S("a"), Null()})}),
            "error: Invalid function argument: join: element 1 is null; "
            "cannot concatenate null values");
  EXPECT_EQ(Eval("split", {S(","), S("a,b,,c")}),
            "[\"a\", \"b\", \"\", \"c\"]");
  EXPECT_EQ(Eval("split", {S(","), S("")}), "[\"\"]");
  EXPECT_EQ(Eval("split", {S(","), U("var.csv")}), "?split(...)");
}

TEST(FunctionsStringsTest, Replace) {
  EXPECT_EQ(Eval("replace", {S("1 + 2 + 3"), S("+"), S("-")}), "\"1 - 2 - 3\"");
  EXPECT_EQ(Eval("replace", {S("hello world"), S("/w.*d/"), S("everybody")}),
            "\"hello everybody\"");
  EXPECT_EQ(Eval("replace", {S("a-b_c"), S("/[-_]/"), S("")}), "\"abc\"");
  EXPECT_EQ(
      Eval("replace", {S("key=value"), S("/(\\w+)=(\\w+)/"), S("$2=${1}")}),
      "\"value=key\"");
  EXPECT_EQ(Eval("replace", {S("abc"), S("/x*/"), S("-")}), "\"-a-b-c-\"");
  EXPECT_EQ(Eval("replace", {S("xab"), S("/x*/"), S("-")}), "\"-a-b-\"");
  EXPECT_THAT(Eval("replace", {S("a"), S("/(/"), S("")}),
              ::testing::StartsWith("error: Invalid function argument: "
                                    "replace: invalid regular expression"));
}

TEST(FunctionsStringsTest, CaseAndTrimming) {
  EXPECT_EQ(Eval("lower", {S("HeLLo")}), "\"hello\"");
  EXPECT_EQ(Eval("upper", {S("hello")}), "\"HELLO\"");
  EXPECT_EQ(Eval("title", {S("hello world-wide web_site")}),
            "\"Hello World-Wide Web_site\"");
  EXPECT_EQ(Eval("trimspace", {S("  hi \n")}), "\"hi\"");
  EXPECT_EQ(Eval("trim", {S("?!hello?!"), S("!?")}), "\"hello\"");
  EXPECT_EQ(Eval("trimprefix", {S("helloworld"), S("hello")}), "\"world\"");
  EXPECT_EQ(Eval("trimprefix", {S("helloworld"), S("x")}), "\"helloworld\"");
  EXPECT_EQ(Eval("trimsuffix", {S("helloworld"), S("world")}), "\"hello\"");
  EXPECT_EQ(Eval("upper", {N(5)}), "\"5\"");
}

TEST(FunctionsStringsTest, SubstrAndPredicates) {
  EXPECT_EQ(Eval("substr", {S("hello world"), N(1), N(4)}), "\"ello\"");
  EXPECT_EQ(Eval("substr", {S("🤔🤷"), N(0), N(1)}), "\"🤔\"");
  EXPECT_EQ(Eval("substr", {S("hello world"), N(-5), N(-1)}), "\"world\"");
  EXPECT_EQ(Eval("substr", {S("hello"), N(10), N(2)}), "\"\"");
  EXPECT_EQ(Eval("startswith", {S("hello"), S("he")}), "true");
  EXPECT_EQ(Eval("endswith", {S("hello"), S("he")}), "false");
  EXPECT_EQ(Eval("strcontains", {S("hello"), S("ll")}), "true");
}

TEST(FunctionsStringsTest, RegexCaptures) {
  EXPECT_EQ(Eval("regex", {S("[a-z]+"), S("53453453.345345aaabbbccc23454")}),
            "\"aaabbbccc\"");
  EXPECT_EQ(
      Eval("regex", {S("(\\d\\d\\d\\d)-(\\d\\d)-(\\d\\d)"), S("2019-02-01")}),
      "[\"2019\", \"02\", \"01\"]");
  EXPECT_EQ(Eval("regex", {S("^(?:(?P<scheme>[^:/?#]+):)?(?://(?P<authority>"
                             "[^/?#]*))?"),
                           S("https://terraform.io/docs/")}),
            "{authority = \"terraform.io\", scheme = \"https\"}");
  EXPECT_EQ(Eval("regex", {S("(a)|(b)"), S("b")}), "[null, \"b\"]");
  EXPECT_EQ(Eval("regex", {S("[0-9]+"), S("abc")}),
            "error: Invalid function argument: regex: pattern did not match "
            "any part of the given string");
  EXPECT_EQ(Eval("regex", {S("(?P<a>x)(y)"), S("xy")}),
            "error: Invalid function argument: regex: invalid regular "
            "expression: cannot mix both named and unnamed capture groups");
  EXPECT_EQ(Eval("regexall", {S("[a-z]+"), S("1234abcd5678efgh9")}),
            "[\"abcd\", \"efgh\"]");
  EXPECT_EQ(Eval("regexall", {S("[a-z]+"), S("123")}), "[]");
  EXPECT_EQ(Eval("regexall", {S("(\\w)=(\\d)"), S("a=1 b=2")}),
            "[[\"a\", \"1\"], [\"b\", \"2\"]]");
}

TEST(FunctionsStringsTest, ChompIndentStrrev) {
  EXPECT_EQ(Eval("chomp", {S("hello\n\r\n")}), "\"hello\"");
  EXPECT_EQ(Eval("chomp", {S("a\nb")}), "\"a\nb\"");
  EXPECT_EQ(Eval("indent", {N(2), S("[\n  1,\n]")}), "\"[\n    1,\n  ]\"");
  EXPECT_EQ(Eval("strrev", {S("héllo")}), "\"olléh\"");
}

TEST(FunctionsStringsTest, ToString) {
  EXPECT_EQ(Eval("tostring", {N(5)}), "\"5\"");
  EXPECT_EQ(Eval("tostring", {B(true)}), "\"true\"");
  EXPECT_EQ(Eval("tostring", {Null()}), "null");
  EXPECT_EQ(Eval("tostring", {J("[1]")}),
            "error: Invalid function argument: tostring: cannot convert list "
            "[1] to string");
  EXPECT_EQ(Eval("tostring", {U("var.x")}), "?tostring(...)");
}

}  // namespace
}  // namespace polygraph::terraform
