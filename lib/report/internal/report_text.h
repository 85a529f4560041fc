#ifndef POLYGRAPH_LIB_REPORT_INTERNAL_REPORT_TEXT_H_
#define POLYGRAPH_LIB_REPORT_INTERNAL_REPORT_TEXT_H_

// Helpers shared by the report writers (JSON, SARIF, Markdown, JUnit).
//
// Thread safety: pure functions; thread-safe.

#include <string>
#include <string_view>
#include <vector>

#include "nlohmann/json.hpp"
#include "polygraph/finding.h"
#include "polygraph/source_location.h"

namespace polygraph::report::internal {

// Keys keep the order they were added in.
using Json = nlohmann::ordered_json;

// `json` indented by two spaces, ending in a newline. Invalid UTF-8 copied
// from input is replaced with U+FFFD, never thrown.
std::string DumpJson(const Json& json);

// `text` with every byte that does not start or continue a valid UTF-8
// sequence replaced with U+FFFD.
std::string ValidUtf8(std::string_view text);

// Safe in Markdown text and table cells: '|' escaped, line breaks as <br>,
// HTML and Markdown-active characters (` * _ [ ] \) neutralised; invalid
// UTF-8 replaced.
std::string MarkdownCell(std::string_view text);

// "file:line" (or "file" when the line is unknown) as a MarkdownCell.
std::string MarkdownWhere(const SourceLocation& location);

// "3 findings (1 critical, 2 high)" or "no findings"; counts from highest
// to lowest severity, severities without findings left out.
std::string CountBySeverity(const std::vector<Finding>& findings);

}  // namespace polygraph::report::internal

#endif  // POLYGRAPH_LIB_REPORT_INTERNAL_REPORT_TEXT_H_
