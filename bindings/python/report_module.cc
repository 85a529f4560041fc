// polygraph._core.format_report: a Python polygraph.Result rendered as
// SARIF, Markdown or JUnit (polygraph/report.h). The Python side
// (polygraph/_reports.py) flattens the result into tuples of UTF-8 bytes
// and ints; this shim rebuilds the CheckResult.
//
// Thread safety: thread-safe; the formatting runs without the GIL.

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "polygraph/check.h"
#include "polygraph/diagnostic.h"
#include "polygraph/finding.h"
#include "polygraph/report.h"
#include "polygraph/rules.h"
#include "python_conversions.h"

namespace polygraph::python {
namespace {

// (rule_id, severity, title, file, line, column, resource, message, fix)
using FindingTuple =
    std::tuple<std::string, std::string, std::string, std::string, int, int,
               std::string, std::string, std::string>;
// (finding, kind, reason, file, line, column)
using SuppressedTuple =
    std::tuple<FindingTuple, std::string, std::string, std::string, int, int>;
// (level, code, file, line, column, message)
using DiagnosticTuple =
    std::tuple<std::string, std::string, std::string, int, int, std::string>;

absl::StatusOr<Finding> ToFinding(const FindingTuple& in) {
  const auto& [rule_id, severity, title, file, line, column, resource, message,
               fix] = in;
  std::optional<Severity> parsed = ParseSeverity(severity);
  if (!parsed) {
    return absl::InvalidArgumentError("unknown severity '" + severity + "'");
  }
  Finding finding;
  finding.rule_id = rule_id;
  finding.severity = *parsed;
  finding.title = title;
  finding.location = {file, line, column};
  finding.resource = resource;
  finding.message = message;
  finding.fix = fix;
  return finding;
}

absl::StatusOr<Diagnostic::Level> ToLevel(const std::string& name) {
  for (Diagnostic::Level level :
       {Diagnostic::Level::kNote, Diagnostic::Level::kWarning,
        Diagnostic::Level::kError}) {
    if (Diagnostic::LevelName(level) == name) return level;
  }
  return absl::InvalidArgumentError("unknown diagnostic level '" + name + "'");
}

absl::StatusOr<CheckResult> ToResult(
    const std::vector<FindingTuple>& findings,
    const std::vector<SuppressedTuple>& suppressed,
    const std::vector<DiagnosticTuple>& diagnostics,
    const std::vector<std::string>& files) {
  CheckResult result;
  result.files = files;
  for (const FindingTuple& in : findings) {
    absl::StatusOr<Finding> finding = ToFinding(in);
    if (!finding.ok()) return finding.status();
    result.findings.push_back(*std::move(finding));
  }
  for (const SuppressedTuple& in : suppressed) {
    const auto& [finding_in, kind, reason, file, line, column] = in;
    absl::StatusOr<Finding> finding = ToFinding(finding_in);
    if (!finding.ok()) return finding.status();
    result.suppressed.push_back(
        {.finding = *std::move(finding),
         .suppression = {.kind = kind,
                         .reason = reason,
                         .location = {file, line, column}}});
  }
  for (const DiagnosticTuple& in : diagnostics) {
    const auto& [level_name, code, file, line, column, message] = in;
    absl::StatusOr<Diagnostic::Level> level = ToLevel(level_name);
    if (!level.ok()) return level.status();
    result.diagnostics.push_back({*level, code, {file, line, column}, message});
  }
  return result;
}

py::str FormatReport(const std::string& format,
                     const std::vector<FindingTuple>& findings,
                     const std::vector<SuppressedTuple>& suppressed,
                     const std::vector<DiagnosticTuple>& diagnostics,
                     const std::vector<std::string>& files) {
  absl::StatusOr<std::string> text;
  {
    py::gil_scoped_release release;
    absl::StatusOr<CheckResult> result =
        ToResult(findings, suppressed, diagnostics, files);
    // Rules a finding names that are not built in (rule files, host rules)
    // get a minimal descriptor from the finding.
    absl::StatusOr<RuleSet> rules = RuleSet::Builtin();
    if (!result.ok()) {
      text = result.status();
    } else if (!rules.ok()) {
      text = rules.status();
    } else if (format == "sarif") {
      text = FormatSarif(*result, *rules);
    } else if (format == "markdown") {
      text = FormatMarkdown(*result);
    } else if (format == "junit") {
      text = FormatJunit(*result, *rules);
    } else {
      text =
          absl::InvalidArgumentError("unknown report format '" + format + "'");
    }
  }
  return Text(ValueOrRaise(std::move(text)));
}

}  // namespace

void BindReport(py::module_& m) {
  m.def("format_report", &FormatReport, py::arg("format"), py::arg("findings"),
        py::arg("suppressed"), py::arg("diagnostics"), py::arg("files"),
        "A result as 'sarif', 'markdown' or 'junit' text (polygraph/report.h); "
        "runs without the GIL.");
}

}  // namespace polygraph::python
