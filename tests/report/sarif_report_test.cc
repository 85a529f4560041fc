#include <filesystem>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "polygraph/report.h"
#include "polygraph/rules.h"
#include "polygraph/version.h"
#include "tests/testing.h"

namespace polygraph {
namespace {

using nlohmann::json;
using ::testing::SizeIs;

Finding MakeFinding(std::string rule_id, Severity severity, std::string file,
                    int line, int column) {
  Finding finding;
  finding.rule_id = std::move(rule_id);
  finding.severity = severity;
  finding.title = "A title";
  finding.location = {std::move(file), line, column};
  finding.resource = "AppSG";
  finding.message = "security group \"AppSG\" allows tcp 22 from 0.0.0.0/0";
  finding.fix = "restrict the CIDR";
  return finding;
}

RuleSet Builtin() {
  absl::StatusOr<RuleSet> rules = RuleSet::Builtin();
  EXPECT_OK(rules);
  return *rules;
}

json Parse(const CheckResult& result, const RuleSet& rules) {
  return json::parse(FormatSarif(result, rules));
}

TEST(SarifReportTest, LogHeaderAndDriver) {
  const RuleSet rules = Builtin();
  json log = Parse(CheckResult{}, rules);
  EXPECT_EQ(log["$schema"], "https://json.schemastore.org/sarif-2.1.0.json");
  EXPECT_EQ(log["version"], "2.1.0");
  ASSERT_THAT(log["runs"], SizeIs(1));
  const json& driver = log["runs"][0]["tool"]["driver"];
  EXPECT_EQ(driver["name"], "polygraph");
  EXPECT_EQ(driver["version"], std::string(Version()));
  ASSERT_EQ(driver["rules"].size(), rules.rules().size());
  for (size_t i = 0; i < rules.rules().size(); ++i) {
    const RuleInfo& rule = rules.rules()[i];
    const json& descriptor = driver["rules"][i];
    EXPECT_EQ(descriptor["id"], rule.id);
    EXPECT_EQ(descriptor["shortDescription"]["text"], rule.title);
    EXPECT_FALSE(descriptor["name"].get<std::string>().empty());
    EXPECT_TRUE(descriptor["help"].contains("markdown")) << rule.id;
    const std::string level = descriptor["defaultConfiguration"]["level"];
    EXPECT_EQ(level, rule.severity >= Severity::kHigh     ? "error"
                     : rule.severity == Severity::kMedium ? "warning"
                                                          : "note")
        << rule.id;
    EXPECT_TRUE(descriptor["properties"].contains("security-severity"));
    if (!rule.category.empty()) {
      EXPECT_THAT(descriptor["properties"]["tags"],
                  ::testing::Contains(rule.category));
    }
  }
  EXPECT_EQ(log["runs"][0]["results"], json::array());
  EXPECT_EQ(log["runs"][0]["invocations"][0]["executionSuccessful"], true);
}

TEST(SarifReportTest, SecuritySeverityByRuleSeverity) {
  absl::StatusOr<RuleSet> rules = Builtin().Select({"PG-NET-001"}, {});
  ASSERT_OK(rules);
  HostRule host;
  host.info.id = "ACME-LOW-001";
  host.info.title = "Low thing";
  host.info.severity = Severity::kLow;
  host.info.references = {"Guide 1.2", "https://example.com/doc"};
  host.info.remediation = "Do it.";
  host.check = [](const Model&, size_t) {
    return absl::StatusOr<std::vector<Finding>>(std::vector<Finding>{});
  };
  absl::StatusOr<RuleSet> with_host = rules->WithRule(host);
  ASSERT_OK(with_host);
  json log = Parse(CheckResult{}, *with_host);
  const json& descriptors = log["runs"][0]["tool"]["driver"]["rules"];
  ASSERT_THAT(descriptors, SizeIs(2));
  EXPECT_EQ(descriptors[0]["id"], "ACME-LOW-001");
  EXPECT_EQ(descriptors[0]["properties"]["security-severity"], "3.0");
  EXPECT_EQ(descriptors[0]["defaultConfiguration"]["level"], "note");
  EXPECT_EQ(descriptors[0]["helpUri"], "https://example.com/doc");
  EXPECT_THAT(descriptors[0]["help"]["text"].get<std::string>(),
              ::testing::HasSubstr("Guide 1.2"));
  EXPECT_EQ(descriptors[1]["id"], "PG-NET-001");
  ASSERT_EQ(rules->rules()[0].severity, Severity::kHigh);
  EXPECT_EQ(descriptors[1]["properties"]["security-severity"], "8.0");
}

TEST(SarifReportTest, ResultShape) {
  const RuleSet rules = Builtin();
  CheckResult result;
  result.files = {"app.yaml"};
  result.findings = {
      MakeFinding("PG-NET-001", Severity::kCritical, "app.yaml", 14, 20),
      MakeFinding("PG-NET-001", Severity::kMedium, "sub/dir/b.yaml", 3, 0)};
  json log = Parse(result, rules);
  const json& results = log["runs"][0]["results"];
  ASSERT_THAT(results, SizeIs(2));
  const json& first = results[0];
  EXPECT_EQ(first["ruleId"], "PG-NET-001");
  const size_t index = first["ruleIndex"];
  EXPECT_EQ(log["runs"][0]["tool"]["driver"]["rules"][index]["id"],
            "PG-NET-001");
  EXPECT_EQ(first["level"], "error");
  EXPECT_EQ(first["message"]["text"],
            "security group \"AppSG\" allows tcp 22 from 0.0.0.0/0 Fix: "
            "restrict the CIDR");
  const json& physical = first["locations"][0]["physicalLocation"];
  EXPECT_EQ(physical["artifactLocation"]["uri"], "app.yaml");
  EXPECT_EQ(physical["artifactLocation"]["uriBaseId"], "%SRCROOT%");
  EXPECT_EQ(physical["region"]["startLine"], 14);
  EXPECT_EQ(physical["region"]["startColumn"], 20);
  EXPECT_EQ(first["partialFingerprints"]["polygraphFingerprint/v1"],
            Fingerprints(result.findings)[0]);
  EXPECT_FALSE(first.contains("suppressions"));

  const json& second = results[1];
  EXPECT_EQ(second["level"], "warning");
  const json& region = second["locations"][0]["physicalLocation"]["region"];
  EXPECT_EQ(region["startLine"], 3);
  EXPECT_FALSE(region.contains("startColumn"));  // column unknown
  EXPECT_EQ(
      second["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
      "sub/dir/b.yaml");
}

TEST(SarifReportTest, UrisRelativeToWorkingDirectory) {
  const std::string cwd = std::filesystem::current_path().generic_string();
  CheckResult result;
  result.findings = {
      MakeFinding("PG-NET-001", Severity::kHigh, cwd + "/x/a b.yaml", 1, 1),
      MakeFinding("PG-NET-001", Severity::kHigh, "/nonexistent-root/c.yaml", 1,
                  1)};
  json log = Parse(result, Builtin());
  const json& inside = log["runs"][0]["results"][0]["locations"][0]
                          ["physicalLocation"]["artifactLocation"];
  EXPECT_EQ(inside["uri"], "x/a%20b.yaml");
  EXPECT_EQ(inside["uriBaseId"], "%SRCROOT%");
  const json& outside = log["runs"][0]["results"][1]["locations"][0]
                           ["physicalLocation"]["artifactLocation"];
  EXPECT_EQ(outside["uri"], "file:///nonexistent-root/c.yaml");
  EXPECT_FALSE(outside.contains("uriBaseId"));
  const std::string root =
      log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"];
  EXPECT_TRUE(root.starts_with("file:///")) << root;
  EXPECT_TRUE(root.ends_with("/")) << root;
}

TEST(SarifReportTest, SuppressedFindingsCarrySuppressions) {
  CheckResult result;
  result.suppressed = {
      {MakeFinding("PG-NET-001", Severity::kHigh, "a.yaml", 2, 3),
       {"inline", "bastion host", {"a.yaml", 1, 1}}},
      {MakeFinding("PG-NET-001", Severity::kHigh, "a.yaml", 9, 3),
       {"baseline", "accepted in review", {"baseline.json", 0, 0}}}};
  json log = Parse(result, Builtin());
  const json& results = log["runs"][0]["results"];
  ASSERT_THAT(results, SizeIs(2));
  EXPECT_EQ(results[0]["suppressions"][0]["kind"], "inSource");
  EXPECT_EQ(results[0]["suppressions"][0]["justification"], "bastion host");
  EXPECT_EQ(results[1]["suppressions"][0]["kind"], "external");
  EXPECT_EQ(results[1]["suppressions"][0]["justification"],
            "accepted in review");
  EXPECT_TRUE(
      results[0]["partialFingerprints"].contains("polygraphFingerprint/v1"));
}

TEST(SarifReportTest, ErrorDiagnosticsAreNotifications) {
  CheckResult result;
  result.diagnostics = {
      {Diagnostic::Level::kNote, "not-analysed", {"README.md", 0, 0}, "skip"},
      {Diagnostic::Level::kError, "rule-error", {"r.yaml", 4, 2}, "bad rule"}};
  json log = Parse(result, Builtin());
  const json& invocation = log["runs"][0]["invocations"][0];
  EXPECT_EQ(invocation["executionSuccessful"], false);
  ASSERT_THAT(invocation["toolExecutionNotifications"], SizeIs(1));
  const json& notification = invocation["toolExecutionNotifications"][0];
  EXPECT_EQ(notification["level"], "error");
  EXPECT_EQ(notification["message"]["text"], "bad rule");
  EXPECT_EQ(notification["descriptor"]["id"], "rule-error");
  EXPECT_EQ(
      notification["locations"][0]["physicalLocation"]["region"]["startLine"],
      4);
}

TEST(SarifReportTest, UnknownRuleGetsDescriptorAndInvalidUtf8Replaced) {
  CheckResult result;
  Finding finding = MakeFinding("ACME-X-001", Severity::kInfo, "a.yaml", 1, 1);
  finding.message = "bad \xff byte";
  result.findings = {finding};
  absl::StatusOr<RuleSet> none = Builtin().Select({"PG-NET-001"}, {});
  ASSERT_OK(none);
  json log = Parse(result, *none);
  const json& descriptors = log["runs"][0]["tool"]["driver"]["rules"];
  ASSERT_THAT(descriptors, SizeIs(2));
  EXPECT_EQ(descriptors[1]["id"], "ACME-X-001");
  EXPECT_EQ(log["runs"][0]["results"][0]["ruleIndex"], 1);
  EXPECT_EQ(log["runs"][0]["results"][0]["level"], "note");
  EXPECT_THAT(
      log["runs"][0]["results"][0]["message"]["text"].get<std::string>(),
      ::testing::HasSubstr("bad \xEF\xBF\xBD byte"));
}

}  // namespace
}  // namespace polygraph
