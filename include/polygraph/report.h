#ifndef POLYGRAPH_REPORT_H_
#define POLYGRAPH_REPORT_H_

// Reports: a CheckResult rendered for people and programs.
//
// Thread safety: pure functions; thread-safe.

#include <string>

#include "polygraph/check.h"

namespace polygraph {

// One line per finding, "file:line:col: severity RULE-ID message", each
// followed by an indented "  fix: ..." line; then one line per diagnostic
// (Diagnostic::ToString()); then a summary line, e.g.
// "3 findings (1 critical, 2 high) in 2 files, 1 note" or
// "no findings in 2 files".
std::string FormatText(const CheckResult& result);

// {"version": ..., "findings": [{"rule_id", "severity", "title", "file",
// "line", "column", "resource", "message", "fix"}...], "diagnostics":
// [{"level", "code", "file", "line", "column", "message"}...], "files": [...]}
// with keys in that order, indented by two spaces, ending in a newline.
// Invalid UTF-8 in input text is replaced with U+FFFD.
std::string FormatJson(const CheckResult& result);

}  // namespace polygraph

#endif  // POLYGRAPH_REPORT_H_
