#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "terraform/functions.h"
#include "tests/terraform/functions_testing.h"

namespace polygraph::terraform {
namespace {

using function_testing::Eval;
using function_testing::S;
using function_testing::U;

TEST(FunctionsTimeTest, TimeAdd) {
  EXPECT_EQ(Eval("timeadd", {S("2017-11-22T00:00:00Z"), S("10m")}),
            "\"2017-11-22T00:10:00Z\"");
  EXPECT_EQ(Eval("timeadd", {S("2017-11-22T00:00:00Z"), S("-1h30m")}),
            "\"2017-11-21T22:30:00Z\"");
  EXPECT_EQ(Eval("timeadd", {S("2020-02-28T23:00:00+01:00"), S("25h")}),
            "\"2020-03-01T00:00:00+01:00\"");
  EXPECT_EQ(Eval("timeadd", {S("1999-12-31T23:59:59.75Z"), S("1.5s")}),
            "\"2000-01-01T00:00:00Z\"");
  EXPECT_EQ(Eval("timeadd", {S("2017-11-22"), S("1h")}),
            "error: Invalid function argument: timeadd: not a valid RFC3339 "
            "timestamp: \"2017-11-22\"");
  EXPECT_EQ(Eval("timeadd", {S("2017-11-22T00:00:00Z"), S("1d")}),
            "error: Invalid function argument: timeadd: invalid duration "
            "\"1d\"");
  // Over timestamp(), as modules write it, the result is unknown.
  EXPECT_EQ(Eval("timeadd", {U("timestamp(...)"), S("24h")}), "?timeadd(...)");
}

TEST(FunctionsTimeTest, FormatDate) {
  const TfValue moment = S("2018-01-02T23:12:01Z");
  EXPECT_EQ(Eval("formatdate", {S("DD MMM YYYY hh:mm ZZZ"), moment}),
            "\"02 Jan 2018 23:12 UTC\"");
  EXPECT_EQ(Eval("formatdate", {S("EEEE, DD-MMM-YY hh:mm:ss ZZZ"), moment}),
            "\"Tuesday, 02-Jan-18 23:12:01 UTC\"");
  EXPECT_EQ(Eval("formatdate", {S("EEE, DD MMM YYYY hh:mm:ss ZZZ"), moment}),
            "\"Tue, 02 Jan 2018 23:12:01 UTC\"");
  EXPECT_EQ(Eval("formatdate", {S("MMM DD, YYYY"), moment}),
            "\"Jan 02, 2018\"");
  EXPECT_EQ(Eval("formatdate", {S("HH:mmaa"), moment}), "\"11:12pm\"");
  EXPECT_EQ(Eval("formatdate",
                 {S("h 'o''clock' ZZZZZ"), S("2018-01-02T05:00:00-05:30")}),
            "\"5 o'clock -05:30\"");
  EXPECT_EQ(Eval("formatdate",
                 {S("YYYY-MM-DD'T'hh:mm:ssZ"), S("1969-12-31T23:59:59Z")}),
            "\"1969-12-31T23:59:59Z\"");
  EXPECT_EQ(Eval("formatdate", {S("Q"), moment}),
            "error: Invalid function argument: formatdate: invalid date "
            "format verb \"Q\": unsupported sequence");
}

}  // namespace
}  // namespace polygraph::terraform
