#ifndef POLYGRAPH_REPORT_H_
#define POLYGRAPH_REPORT_H_

// Reports: a CheckResult rendered for people and programs.
//
// Thread safety: pure functions; thread-safe.

#include <string>

#include "polygraph/check.h"

namespace polygraph {

// One line per finding, "file:line:col: severity RULE-ID message", each
// followed by an indented "fix: ..." line; then notes; then a summary line.
std::string FormatText(const CheckResult& result);

// {"version": ..., "findings": [{"rule_id", "severity", "title", "file",
// "line", "column", "resource", "message", "fix"}...], "diagnostics": [...],
// "files": [...]}
std::string FormatJson(const CheckResult& result);

}  // namespace polygraph

#endif  // POLYGRAPH_REPORT_H_
