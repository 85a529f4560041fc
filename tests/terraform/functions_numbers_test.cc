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
using function_testing::N;
using function_testing::Null;
using function_testing::S;
using function_testing::U;

TEST(FunctionsNumbersTest, MinMax) {
  EXPECT_EQ(Eval("min", {N(12), N(54), N(3)}), "3");
  EXPECT_EQ(Eval("max", {N(12), S("54"), N(3)}), "54");
  EXPECT_EQ(Eval("max", {N(-1.5)}), "-1.5");
  EXPECT_EQ(Eval("min", {}),
            "error: Invalid function argument: min: must pass at least one "
            "number");
  EXPECT_EQ(Eval("max", {N(1), S("x")}),
            "error: Invalid function argument: max: argument 2 must be a "
            "number, got string \"x\"");
  EXPECT_EQ(Eval("max", {N(1), U("var.n")}), "?max(...)");
}

TEST(FunctionsNumbersTest, Rounding) {
  EXPECT_EQ(Eval("abs", {N(-12.4)}), "12.4");
  EXPECT_EQ(Eval("ceil", {N(5.1)}), "6");
  EXPECT_EQ(Eval("floor", {N(-4.9)}), "-5");
  EXPECT_EQ(Eval("signum", {N(-13)}), "-1");
  EXPECT_EQ(Eval("signum", {N(0)}), "0");
  EXPECT_EQ(Eval("pow", {N(3), N(2)}), "9");
  EXPECT_EQ(Eval("pow", {N(4), N(0.5)}), "2");
  EXPECT_EQ(Eval("log", {N(8), N(2)}), "3");
  EXPECT_EQ(Eval("log", {N(1), N(10)}), "0");
}

TEST(FunctionsNumbersTest, Parseint) {
  EXPECT_EQ(Eval("parseint", {S("100"), N(10)}), "100");
  EXPECT_EQ(Eval("parseint", {S("FF"), N(16)}), "255");
  EXPECT_EQ(Eval("parseint", {S("-10"), N(16)}), "-16");
  EXPECT_EQ(Eval("parseint", {S("1011111011101111"), N(2)}), "48879");
  EXPECT_EQ(Eval("parseint", {S("aA"), N(62)}), "656");
  EXPECT_EQ(Eval("parseint", {S("12"), N(2)}),
            "error: Invalid function argument: parseint: cannot parse \"12\" "
            "as a base 2 integer");
  EXPECT_EQ(Eval("parseint", {S("1"), N(63)}),
            "error: Invalid function argument: parseint: base must be a "
            "whole number between 2 and 62 inclusive");
}

TEST(FunctionsNumbersTest, ToNumberAndToBool) {
  EXPECT_EQ(Eval("tonumber", {S("1.5")}), "1.5");
  EXPECT_EQ(Eval("tonumber", {N(3)}), "3");
  EXPECT_EQ(Eval("tonumber", {Null()}), "null");
  EXPECT_EQ(Eval("tonumber", {S("no")}),
            "error: Invalid function argument: tonumber: cannot convert "
            "\"no\" to number; given string must be a decimal representation "
            "of a number");
  EXPECT_EQ(Eval("tobool", {S("true")}), "true");
  EXPECT_EQ(Eval("tobool", {B(false)}), "false");
  EXPECT_EQ(Eval("tobool", {Null()}), "null");
  EXPECT_EQ(Eval("tobool", {S("yes")}),
            "error: Invalid function argument: tobool: cannot convert \"yes\" "
            "to bool; only the strings \"true\" or \"false\" are allowed");
  EXPECT_EQ(Eval("tobool", {N(1)}),
            "error: Invalid function argument: tobool: cannot convert number "
            "1 to bool");
}

}  // namespace
}  // namespace polygraph::terraform
