#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "terraform/functions.h"
#include "tests/terraform/functions_testing.h"

namespace polygraph::terraform {
namespace {

using function_testing::Eval;
using function_testing::N;
using function_testing::S;
using function_testing::U;

TEST(FunctionsHashesTest, DigestsMatchTheStandardVectors) {
  EXPECT_EQ(Eval("md5", {S("hello world")}),
            "\"5eb63bbbe01eeed093cb22bb8f5acdc3\"");
  EXPECT_EQ(Eval("md5", {S("")}), "\"d41d8cd98f00b204e9800998ecf8427e\"");
  EXPECT_EQ(Eval("sha1", {S("hello world")}),
            "\"2aae6c35c94fcfb415dbe95f408b9ce91ee846ed\"");
  EXPECT_EQ(
      Eval("sha256", {S("hello world")}),
      "\"b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9\"");
  EXPECT_EQ(
      Eval("sha256", {S("")}),
      "\"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\"");
  EXPECT_EQ(Eval("base64sha256", {S("hello world")}),
            "\"uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek=\"");
  // Inputs longer than one block.
  EXPECT_EQ(
      Eval("sha256", {S(std::string(1000, 'a'))}),
      "\"41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3\"");
  EXPECT_EQ(Eval("md5", {S(std::string(100, 'a'))}),
            "\"36a92cc94a9e0fa21f625f8bfb007adf\"");
  EXPECT_EQ(Eval("md5", {N(1)}), "\"c4ca4238a0b923820dcc509a6f75849b\"");
  EXPECT_EQ(Eval("md5", {U("var.x")}), "?md5(...)");
}

TEST(FunctionsHashesTest, FileDigestsReadThroughTheContext) {
  FunctionContext context;
  context.module_dir = "/m";
  context.read_file =
      [](const std::string& path) -> absl::StatusOr<std::string> {
    if (path != "/m/lambda.zip") return absl::NotFoundError("no");
    return std::string("hello world");
  };
  EXPECT_EQ(Eval("filemd5", {S("lambda.zip")}, context),
            "\"5eb63bbbe01eeed093cb22bb8f5acdc3\"");
  EXPECT_EQ(Eval("filesha1", {S("lambda.zip")}, context),
            "\"2aae6c35c94fcfb415dbe95f408b9ce91ee846ed\"");
  EXPECT_EQ(
      Eval("filesha256", {S("lambda.zip")}, context),
      "\"b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9\"");
  EXPECT_EQ(Eval("filebase64sha256", {S("lambda.zip")}, context),
            "\"uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek=\"");
  EXPECT_EQ(Eval("filebase64", {S("lambda.zip")}, context),
            "\"aGVsbG8gd29ybGQ=\"");
  EXPECT_EQ(Eval("filemd5", {S("other.zip")}, context),
            "error: filemd5: no file exists at \"other.zip\"");
  EXPECT_EQ(Eval("filemd5", {S("lambda.zip")}), "?filemd5(...)");
}

}  // namespace
}  // namespace polygraph::terraform
