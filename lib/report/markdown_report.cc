// FormatMarkdown: a report for a pull-request comment.

#include <string>
#include <string_view>

#include "polygraph/report.h"
#include "report/internal/report_text.h"

namespace polygraph {
namespace {

// Safe in a table cell: '|' escaped, line breaks as <br>, HTML and
// Markdown-active characters neutralised; invalid UTF-8 replaced.
std::string Cell(std::string_view text) {
  std::string out;
  const std::string valid = report::internal::ValidUtf8(text);
  for (size_t i = 0; i < valid.size(); ++i) {
    const char c = valid[i];
    switch (c) {
      case '|':
        out += "\\|";
        break;
      case '\r':
        if (i + 1 < valid.size() && valid[i + 1] == '\n') ++i;
        out += "<br>";
        break;
      case '\n':
        out += "<br>";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '\\':
        out.push_back('\\');
        out.push_back(c);
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

std::string Where(const SourceLocation& location) {
  if (!location.known()) return Cell(location.file);
  return Cell(location.file + ":" + std::to_string(location.line));
}

std::string Row(const Finding& finding) {
  return "| " + std::string(SeverityName(finding.severity)) + " | " +
         Cell(finding.rule_id) + " | " + Where(finding.location) + " | " +
         Cell(finding.resource) + " | " + Cell(finding.message) + " |";
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
      out += "- " + Cell(finding.rule_id) + " at " + Where(finding.location) +
             ": " + Cell(finding.fix) + "\n";
    }
  }
  std::string errors;
  for (const Diagnostic& diagnostic : result.diagnostics) {
    if (diagnostic.level != Diagnostic::Level::kError) continue;
    errors += "- " + Cell(diagnostic.ToString()) + "\n";
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
      out += Row(s.finding) + " " + Cell(why) + " |\n";
    }
    out += "\n</details>\n";
  }
  return out;
}

}  // namespace polygraph
