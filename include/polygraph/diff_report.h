#ifndef POLYGRAPH_DIFF_REPORT_H_
#define POLYGRAPH_DIFF_REPORT_H_

// Reports of a Diff (diff.h) for people, programs and pull requests.
//
// Thread safety: pure functions; thread-safe.

#include <string>

#include "polygraph/diff.h"

namespace polygraph {

// "New findings:" with one line per new finding ("file:line:col: severity
// RULE-ID message" and an indented "  fix: ..." line), "Fixed findings:"
// likewise, then "Access:", "Reachability:" and "Exposure:" with one
// "file:line:col: description" line per delta item (empty sections left
// out), then a summary line: "2 new findings (1 high, 1 low), 1 fixed, 5
// unchanged; 3 access, reachability or exposure changes", or "No changes in
// findings or access (5 unchanged findings)." Diagnostics are not included
// (the CLI prints them on standard error).
std::string FormatDiffText(const DiffResult& diff);

// {"version", "new_findings": [finding...], "fixed_findings": [...],
// "unchanged": N, "delta": [{"kind", "resource", "file", "line", "column",
// "description"}...], "base_diagnostics": [...], "head_diagnostics": [...]}
// with findings and diagnostics as FormatJson writes them; indented by two
// spaces, ending in a newline; invalid UTF-8 replaced with U+FFFD.
std::string FormatDiffJson(const DiffResult& diff);

// Markdown to post as a pull-request comment: a "## polygraph diff" heading,
// the counts, a table of new findings (severity, rule, file:line, message,
// fix), the fixed findings, then "### Access", "### Reachability" and
// "### Exposure" sections for the delta, and error diagnostics of either
// side; "No changes in findings or access." when nothing changed. Text from
// the input is escaped ('|', line breaks, HTML, Markdown emphasis).
std::string FormatDiffMarkdown(const DiffResult& diff);

}  // namespace polygraph

#endif  // POLYGRAPH_DIFF_REPORT_H_
