// FormatSarif: SARIF 2.1.0 for code-scanning services.

#include <cstddef>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "polygraph/report.h"
#include "polygraph/version.h"
#include "report/internal/report_text.h"

namespace polygraph {
namespace {

using report::internal::Json;

constexpr std::string_view kSchema =
    "https://json.schemastore.org/sarif-2.1.0.json";
// The project's home page for tool.driver.informationUri; "" (no public
// home page yet) leaves the optional property out.
constexpr std::string_view kInformationUri = "";
constexpr std::string_view kSrcRoot = "%SRCROOT%";

std::string_view SarifLevel(Severity severity) {
  switch (severity) {
    case Severity::kCritical:
    case Severity::kHigh:
      return "error";
    case Severity::kMedium:
      return "warning";
    case Severity::kLow:
    case Severity::kInfo:
      return "note";
  }
  return "warning";
}

// GitHub code scanning ranks security alerts by this score (0.0 to 10.0).
std::string_view SecuritySeverity(Severity severity) {
  switch (severity) {
    case Severity::kCritical:
      return "9.5";
    case Severity::kHigh:
      return "8.0";
    case Severity::kMedium:
      return "5.5";
    case Severity::kLow:
      return "3.0";
    case Severity::kInfo:
      return "1.0";
  }
  return "5.5";
}

bool IsUrl(std::string_view text) {
  return text.starts_with("https://") || text.starts_with("http://");
}

// Bytes outside RFC 3986's unreserved and sub-delims (and '/', '@') are
// percent-encoded, so any file name gives a valid URI reference.
std::string PercentEncode(std::string_view path) {
  static constexpr std::string_view kKeep =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
      "-._~/!$&'()*+,;=@";
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : path) {
    if (kKeep.find(c) != std::string_view::npos) {
      out.push_back(c);
    } else {
      const auto byte = static_cast<unsigned char>(c);
      out.push_back('%');
      out.push_back(kHex[byte >> 4]);
      out.push_back(kHex[byte & 0xF]);
    }
  }
  return out;
}

// The working directory as a file URI ending in '/'; "" when unknown.
std::string WorkingDirectoryUri() {
  std::error_code error;
  const std::filesystem::path cwd = std::filesystem::current_path(error);
  if (error) return "";
  std::string uri = "file://" + PercentEncode(cwd.generic_string());
  if (!uri.ends_with('/')) uri.push_back('/');
  return uri;
}

// {"uri", "uriBaseId"}: relative to the working directory when the file is
// under it, else an absolute file URI without a base.
Json ArtifactLocation(const std::string& file) {
  std::error_code error;
  const std::filesystem::path path(file);
  const std::filesystem::path cwd = std::filesystem::current_path(error);
  std::filesystem::path absolute =
      error ? path : std::filesystem::absolute(path, error);
  if (!error) {
    std::filesystem::path relative =
        absolute.lexically_normal().lexically_relative(cwd);
    const std::string text = relative.generic_string();
    if (!text.empty() && !text.starts_with("..")) {
      return {{"uri", PercentEncode(text)}, {"uriBaseId", kSrcRoot}};
    }
    return {{"uri",
             "file://" +
                 PercentEncode(absolute.lexically_normal().generic_string())}};
  }
  return {{"uri", PercentEncode(path.generic_string())}};
}

Json Location(const SourceLocation& location) {
  Json physical = {{"artifactLocation", ArtifactLocation(location.file)}};
  if (location.known()) {
    Json region = {{"startLine", location.line}};
    if (location.column > 0) region["startColumn"] = location.column;
    physical["region"] = std::move(region);
  }
  return {{"physicalLocation", std::move(physical)}};
}

// "Open SSH to the world" -> "OpenSshToTheWorld".
std::string RuleName(const RuleInfo& rule) {
  std::string name;
  bool start = true;
  for (char c : rule.title) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                       (c >= '0' && c <= '9');
    if (!alnum) {
      start = true;
      continue;
    }
    if (start && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    name.push_back(c);
    start = false;
  }
  return name.empty() ? rule.id : name;
}

Json RuleDescriptor(const RuleInfo& rule) {
  std::string text = rule.remediation;
  std::string markdown = rule.remediation;
  if (!rule.references.empty()) {
    text += "\n\nReferences:";
    markdown += "\n\n**References**\n";
    for (const std::string& reference : rule.references) {
      text += "\n- " + reference;
      markdown += IsUrl(reference)
                      ? "\n- [" + reference + "](" + reference + ")"
                      : "\n- " + reference;
    }
  }
  Json descriptor = {
      {"id", rule.id},
      {"name", RuleName(rule)},
      {"shortDescription", {{"text", rule.title}}},
      {"fullDescription",
       {{"text", rule.rationale.empty() ? rule.title : rule.rationale}}},
      {"help", {{"text", text}, {"markdown", markdown}}}};
  for (const std::string& reference : rule.references) {
    if (IsUrl(reference)) {
      descriptor["helpUri"] = reference;
      break;
    }
  }
  Json tags = Json::array({"security"});
  if (!rule.category.empty()) tags.push_back(rule.category);
  descriptor["defaultConfiguration"] = {{"level", SarifLevel(rule.severity)}};
  descriptor["properties"] = {
      {"security-severity", SecuritySeverity(rule.severity)},
      {"tags", std::move(tags)}};
  return descriptor;
}

// Every rule of the set, then (in order of appearance) a minimal descriptor
// for each rule id a finding names that the set does not hold.
class RuleTable {
 public:
  RuleTable(const RuleSet& rules, const CheckResult& result) {
    for (const RuleInfo& rule : rules.rules()) Add(rule);
    auto add_missing = [this](const Finding& finding) {
      if (index_.contains(finding.rule_id)) return;
      RuleInfo rule;
      rule.id = finding.rule_id;
      rule.title = finding.title.empty() ? finding.rule_id : finding.title;
      rule.severity = finding.severity;
      Add(rule);
    };
    for (const Finding& finding : result.findings) add_missing(finding);
    for (const SuppressedFinding& s : result.suppressed) add_missing(s.finding);
  }
  size_t Index(const std::string& id) const { return index_.at(id); }
  Json TakeDescriptors() { return std::move(descriptors_); }

 private:
  void Add(const RuleInfo& rule) {
    if (!index_.emplace(rule.id, index_.size()).second) return;
    descriptors_.push_back(RuleDescriptor(rule));
  }
  std::map<std::string, size_t> index_;
  Json descriptors_ = Json::array();
};

Json SarifResult(const Finding& finding, size_t rule_index,
                 const std::string& fingerprint) {
  std::string text = finding.message;
  if (!finding.fix.empty()) text += " Fix: " + finding.fix;
  return {{"ruleId", finding.rule_id},
          {"ruleIndex", rule_index},
          {"level", SarifLevel(finding.severity)},
          {"message", {{"text", text}}},
          {"locations", Json::array({Location(finding.location)})},
          {"partialFingerprints", {{"polygraphFingerprint/v1", fingerprint}}}};
}

Json SarifSuppression(const Suppression& suppression) {
  Json out = {
      {"kind", suppression.kind == "baseline" ? "external" : "inSource"},
      {"status", "accepted"}};
  if (!suppression.reason.empty()) out["justification"] = suppression.reason;
  if (!suppression.location.file.empty()) {
    out["location"] = Location(suppression.location);
  }
  return out;
}

Json Invocation(const CheckResult& result) {
  Json notifications = Json::array();
  for (const Diagnostic& diagnostic : result.diagnostics) {
    if (diagnostic.level == Diagnostic::Level::kNote) continue;
    Json notification = {
        {"level",
         diagnostic.level == Diagnostic::Level::kError ? "error" : "warning"},
        {"message", {{"text", diagnostic.message}}}};
    if (!diagnostic.location.file.empty()) {
      notification["locations"] = Json::array({Location(diagnostic.location)});
    }
    if (!diagnostic.code.empty()) {
      notification["descriptor"] = {{"id", diagnostic.code}};
    }
    notifications.push_back(std::move(notification));
  }
  // As CheckResult::HasErrors(), which lives in a module above this one.
  bool errors = false;
  for (const Diagnostic& diagnostic : result.diagnostics) {
    errors = errors || diagnostic.level == Diagnostic::Level::kError;
  }
  Json invocation = {{"executionSuccessful", !errors}};
  if (!notifications.empty()) {
    invocation["toolExecutionNotifications"] = std::move(notifications);
  }
  return invocation;
}

}  // namespace

std::string FormatSarif(const CheckResult& result, const RuleSet& rules) {
  RuleTable table(rules, result);
  Json results = Json::array();
  const std::vector<std::string> fingerprints = Fingerprints(result.findings);
  for (size_t i = 0; i < result.findings.size(); ++i) {
    const Finding& finding = result.findings[i];
    results.push_back(
        SarifResult(finding, table.Index(finding.rule_id), fingerprints[i]));
  }
  std::vector<Finding> suppressed;
  for (const SuppressedFinding& s : result.suppressed) {
    suppressed.push_back(s.finding);
  }
  const std::vector<std::string> suppressed_fingerprints =
      Fingerprints(suppressed);
  for (size_t i = 0; i < result.suppressed.size(); ++i) {
    const SuppressedFinding& s = result.suppressed[i];
    Json out = SarifResult(s.finding, table.Index(s.finding.rule_id),
                           suppressed_fingerprints[i]);
    out["suppressions"] = Json::array({SarifSuppression(s.suppression)});
    results.push_back(std::move(out));
  }
  Json driver = {{"name", "polygraph"},
                 {"version", Version()},
                 {"semanticVersion", Version()},
                 {"rules", table.TakeDescriptors()}};
  if (!kInformationUri.empty()) driver["informationUri"] = kInformationUri;
  Json run = {{"tool", {{"driver", std::move(driver)}}},
              {"invocations", Json::array({Invocation(result)})}};
  const std::string root = WorkingDirectoryUri();
  if (!root.empty()) {
    run["originalUriBaseIds"] = {{kSrcRoot, {{"uri", root}}}};
  }
  run["results"] = std::move(results);
  Json log = {{"$schema", kSchema},
              {"version", "2.1.0"},
              {"runs", Json::array({std::move(run)})}};
  return report::internal::DumpJson(log);
}

}  // namespace polygraph
