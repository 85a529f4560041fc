// FormatJson: the machine-readable report.

#include <string>

#include "nlohmann/json.hpp"
#include "polygraph/report.h"
#include "polygraph/version.h"

namespace polygraph {
namespace {

using json = nlohmann::ordered_json;

void AddLocation(const SourceLocation& location, json* out) {
  (*out)["file"] = location.file;
  (*out)["line"] = location.line;
  (*out)["column"] = location.column;
}

}  // namespace

std::string FormatJson(const CheckResult& result) {
  json findings = json::array();
  for (const Finding& finding : result.findings) {
    json out = {{"rule_id", finding.rule_id},
                {"severity", SeverityName(finding.severity)},
                {"title", finding.title}};
    AddLocation(finding.location, &out);
    out["resource"] = finding.resource;
    out["message"] = finding.message;
    out["fix"] = finding.fix;
    findings.push_back(std::move(out));
  }
  json diagnostics = json::array();
  for (const Diagnostic& diagnostic : result.diagnostics) {
    json out = {{"level", Diagnostic::LevelName(diagnostic.level)},
                {"code", diagnostic.code}};
    AddLocation(diagnostic.location, &out);
    out["message"] = diagnostic.message;
    diagnostics.push_back(std::move(out));
  }
  json report = {{"version", Version()},
                 {"findings", std::move(findings)},
                 {"diagnostics", std::move(diagnostics)},
                 {"files", result.files}};
  // Invalid UTF-8 copied from input is replaced with U+FFFD, never thrown.
  return report.dump(2, ' ', /*ensure_ascii=*/false,
                     json::error_handler_t::replace) +
         "\n";
}

}  // namespace polygraph
