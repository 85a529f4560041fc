// FormatJson: the machine-readable report.

#include <string>

#include "nlohmann/json.hpp"
#include "polygraph/report.h"
#include "polygraph/version.h"
#include "report/internal/report_text.h"

namespace polygraph {
namespace {

using json = report::internal::Json;

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
  // Only when there are any, so reports without suppressions keep their
  // shape.
  if (!result.suppressed.empty()) {
    json suppressed = json::array();
    for (const SuppressedFinding& hidden : result.suppressed) {
      const Finding& finding = hidden.finding;
      json out = {{"rule_id", finding.rule_id},
                  {"severity", SeverityName(finding.severity)},
                  {"title", finding.title}};
      AddLocation(finding.location, &out);
      out["resource"] = finding.resource;
      out["message"] = finding.message;
      out["fix"] = finding.fix;
      json why = {{"kind", hidden.suppression.kind},
                  {"reason", hidden.suppression.reason}};
      AddLocation(hidden.suppression.location, &why);
      out["suppression"] = std::move(why);
      suppressed.push_back(std::move(out));
    }
    report["suppressed"] = std::move(suppressed);
  }
  return report::internal::DumpJson(report);
}

}  // namespace polygraph
