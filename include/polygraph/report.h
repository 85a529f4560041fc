#ifndef POLYGRAPH_REPORT_H_
#define POLYGRAPH_REPORT_H_

// Reports: a CheckResult rendered for people and programs.
//
// Thread safety: pure functions; thread-safe.

#include <string>

#include "polygraph/check.h"
#include "polygraph/rules.h"

namespace polygraph {

// One line per finding, "file:line:col: severity RULE-ID message", each
// followed by an indented "  fix: ..." line; then one line per diagnostic
// (Diagnostic::ToString()); then a summary line, e.g.
// "3 findings (1 critical, 2 high) in 2 files, 1 note" or
// "no findings in 2 files".
std::string FormatText(const CheckResult& result);

// {"version": ..., "findings": [{"rule_id", "severity", "title", "file",
// "line", "column", "resource", "message", "fix"}...], "diagnostics":
// [{"level", "code", "file", "line", "column", "message"}...], "files": [...],
// "suppressed": [{the finding's keys as above..., "suppression": {"kind",
// "reason", "file", "line", "column"}}...]} with keys in that order,
// indented by two spaces, ending in a newline. "suppressed" is present only
// when result.suppressed is not empty.
// Invalid UTF-8 in input text is replaced with U+FFFD.
std::string FormatJson(const CheckResult& result);

// SARIF 2.1.0, as GitHub code scanning accepts it: one run whose
// tool.driver.rules are every rule of `rules` (then a minimal descriptor for
// any other rule a finding names), each with its severity as
// defaultConfiguration.level and properties["security-severity"] (critical
// 9.5, high 8.0, medium 5.5, low 3.0, info 1.0). One result per finding
// (level: critical and high "error", medium "warning", low and info "note";
// message "<message> Fix: <fix>"; partialFingerprints
// "polygraphFingerprint/v1" from Fingerprints()), then one per suppressed
// finding with a `suppressions` entry ("external" for a baseline, else
// "inSource"; its reason as justification). File URIs are relative to the
// working directory (uriBaseId "%SRCROOT%") when the file is under it, else
// absolute file URIs. Error and warning diagnostics become
// invocations[0].toolExecutionNotifications; executionSuccessful is
// !result.HasErrors(). Invalid UTF-8 is replaced with U+FFFD.
std::string FormatSarif(const CheckResult& result, const RuleSet& rules);

// Markdown for a pull-request comment: a summary ("**3 findings (1 critical,
// 2 high)** in 2 files." or "No findings in 2 files."), a table (severity,
// rule, file:line, resource, message) and each finding's fix, error
// diagnostics, then the suppressed findings in a collapsed <details>. Text
// from the input is escaped ('|', line breaks, HTML, Markdown emphasis).
std::string FormatMarkdown(const CheckResult& result);

// JUnit XML: <testsuites>, one <testsuite> per rule of `rules` (then one per
// other rule a finding names) holding one <testcase> with a <failure
// message=MESSAGE type=SEVERITY> per finding, or one passing testcase named
// "no findings"; error diagnostics as <error> testcases in a last suite
// named "polygraph". Well-formed XML 1.0 for any input.
std::string FormatJunit(const CheckResult& result, const RuleSet& rules);

}  // namespace polygraph

#endif  // POLYGRAPH_REPORT_H_
