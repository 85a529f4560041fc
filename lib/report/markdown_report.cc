// FormatMarkdown: a report for a pull-request comment.

#include <string>
#include <string_view>

#include "polygraph/report.h"
#include "report/internal/report_text.h"

namespace polygraph {
namespace {

using report::internal::MarkdownCell;
using report::internal::MarkdownWhere;

std::string Row(const Finding& finding) {
  return "| " + std::string(SeverityName(finding.severity)) + " | " +
         MarkdownCell(finding.rule_id) + " | " +
         MarkdownWhere(finding.location) + " | " +
         MarkdownCell(finding.resource) + " | " +
         MarkdownCell(finding.message) + " |";
}

constexpr std::string_view kHeader =
    "| Severity | Rule | Location | Resource | Message |\n"
    "| --- | --- | --- | --- | --- |\n";

}  // namespace

std::string FormatMarkdown(const CheckResult& result) {
  std::string out = "### polygraph\n\n";
  const size_t files = result.files.size();
  const std::string in_files =
      " in " + std::to_string(files) + (files == 1 ? " file" : " files");
  if (result.findings.empty()) {
    out += "No findings" + in_files + ".\n";
  } else {
    out += "**" + report::internal::CountBySeverity(result.findings) + "**" +
           in_files + ".\n\n";
    out += kHeader;
    for (const Finding& finding : result.findings) out += Row(finding) + "\n";
    out += "\n**Fixes**\n\n";
    for (const Finding& finding : result.findings) {
      out += "- " + MarkdownCell(finding.rule_id) + " at " +
             MarkdownWhere(finding.location) + ": " +
             MarkdownCell(finding.fix) + "\n";
    }
  }
  std::string errors;
  for (const Diagnostic& diagnostic : result.diagnostics) {
    if (diagnostic.level != Diagnostic::Level::kError) continue;
    errors += "- " + MarkdownCell(diagnostic.ToString()) + "\n";
  }
  if (!errors.empty()) {
    out += "\n**Not decided** (errors: part of the input was not checked)\n\n" +
           errors;
  }
  if (!result.suppressed.empty()) {
    const size_t count = result.suppressed.size();
    out += "\n<details><summary>" + std::to_string(count) +
           (count == 1 ? " suppressed finding" : " suppressed findings") +
           "</summary>\n\n"
           "| Severity | Rule | Location | Resource | Message | Suppressed "
           "by |\n"
           "| --- | --- | --- | --- | --- | --- |\n";
    for (const SuppressedFinding& s : result.suppressed) {
      std::string why = s.suppression.kind;
      if (!s.suppression.reason.empty()) why += ": " + s.suppression.reason;
      out += Row(s.finding) + " " + MarkdownCell(why) + " |\n";
    }
    out += "\n</details>\n";
  }
  return out;
}

}  // namespace polygraph
