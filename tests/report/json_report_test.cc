#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "polygraph/report.h"
#include "polygraph/version.h"

namespace polygraph {
namespace {

CheckResult SampleResult() {
  CheckResult result;
  result.files = {"app.yaml"};
  Finding finding;
  finding.rule_id = "PG-NET-001";
  finding.severity = Severity::kCritical;
  finding.title = "Open";
  finding.location = {"app.yaml", 14, 20};
  finding.resource = "AppSG";
  finding.message = "security group \"AppSG\" allows tcp 22 from 0.0.0.0/0";
  finding.fix = "use a\\b path\nand a tab\t";
  result.findings = {finding};
  result.diagnostics = {{Diagnostic::Level::kNote,
                         "not-analysed",
                         {"main.tf", 0, 0},
                         "Terraform is not analysed yet"}};
  return result;
}

TEST(JsonReportTest, DocumentedShape) {
  nlohmann::json json = nlohmann::json::parse(FormatJson(SampleResult()));
  nlohmann::json expected = {
      {"version", std::string(Version())},
      {"findings",
       {{{"rule_id", "PG-NET-001"},
         {"severity", "critical"},
         {"title", "Open"},
         {"file", "app.yaml"},
         {"line", 14},
         {"column", 20},
         {"resource", "AppSG"},
         {"message", "security group \"AppSG\" allows tcp 22 from 0.0.0.0/0"},
         {"fix", "use a\\b path\nand a tab\t"}}}},
      {"diagnostics",
       {{{"level", "note"},
         {"code", "not-analysed"},
         {"file", "main.tf"},
         {"line", 0},
         {"column", 0},
         {"message", "Terraform is not analysed yet"}}}},
      {"files", {"app.yaml"}}};
  EXPECT_EQ(json, expected);
}

TEST(JsonReportTest, KeysInDocumentedOrderAndEscaped) {
  std::string text = FormatJson(SampleResult());
  EXPECT_LT(text.find("\"version\""), text.find("\"findings\""));
  EXPECT_LT(text.find("\"findings\""), text.find("\"diagnostics\""));
  EXPECT_LT(text.find("\"rule_id\""), text.find("\"severity\""));
  EXPECT_LT(text.find("\"line\""), text.find("\"column\""));
  EXPECT_THAT(text, ::testing::HasSubstr(
                        R"("message": "security group \"AppSG\" allows)"));
  EXPECT_THAT(text,
              ::testing::HasSubstr(R"("fix": "use a\\b path\nand a tab\t")"));
  EXPECT_EQ(text.back(), '\n');
}

TEST(JsonReportTest, EmptyResult) {
  nlohmann::json json = nlohmann::json::parse(FormatJson(CheckResult()));
  EXPECT_TRUE(json["findings"].is_array());
  EXPECT_TRUE(json["findings"].empty());
  EXPECT_TRUE(json["diagnostics"].empty());
  EXPECT_TRUE(json["files"].empty());
}

TEST(JsonReportTest, InvalidUtf8AndControlCharacters) {
  CheckResult result;
  Finding finding;
  finding.message = "bad \xC3 byte and \x01 control";
  result.findings = {finding};
  std::string text = FormatJson(result);
  EXPECT_THAT(text, ::testing::HasSubstr("\\u0001"));
  nlohmann::json json = nlohmann::json::parse(text);
  EXPECT_EQ(json["findings"][0]["message"],
            "bad \xEF\xBF\xBD byte and \x01 control");
}

}  // namespace
}  // namespace polygraph
