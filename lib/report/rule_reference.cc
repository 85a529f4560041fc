#include "polygraph/rule_reference.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "polygraph/finding.h"
#include "report/internal/report_text.h"

namespace polygraph {
namespace {

// Built-in rule files are "rules/<domain>/<ID>.yaml": linked from
// rules/README.md as "<domain>/<ID>.yaml".
std::string RuleLink(const RuleInfo& rule) {
  constexpr std::string_view kPrefix = "rules/";
  const std::string& file = rule.location.file;
  if (file.starts_with(kPrefix)) return file.substr(kPrefix.size());
  return file;
}

std::string DecidedBy(const RuleInfo& rule) {
  if (!rule.check.empty()) return absl::StrCat("C++ check `", rule.check, "`");
  if (rule.location.file.ends_with(".yaml") ||
      rule.location.file.ends_with(".yml")) {
    return "declarative predicate (docs/rule-language.md)";
  }
  return "host code";
}

// A reference as a Markdown list item: URLs as links, guide sections as
// written.
std::string ReferenceItem(const std::string& reference) {
  if (reference.starts_with("https://") || reference.starts_with("http://"))
    return absl::StrCat("- <", reference, ">\n");
  return absl::StrCat("- ", reference, "\n");
}

}  // namespace

std::string FormatRuleReference(const RuleSet& rules) {
  std::string out =
      absl::StrCat(rules.rules().size(),
                   " rules.\n\n| rule | severity | category | title |\n"
                   "|------|----------|----------|-------|\n");
  for (const RuleInfo& rule : rules.rules()) {
    absl::StrAppend(&out, "| [", rule.id, "](", RuleLink(rule), ") | ",
                    internal::ToAbsl(SeverityName(rule.severity)), " | ",
                    report::internal::MarkdownCell(rule.category), " | ",
                    report::internal::MarkdownCell(rule.title), " |\n");
  }
  for (const RuleInfo& rule : rules.rules()) {
    absl::StrAppend(&out, "\n### ", rule.id, " — ", rule.title, "\n\n", "*",
                    internal::ToAbsl(SeverityName(rule.severity)), ", ",
                    rule.category, "; decided by ", DecidedBy(rule), ".*\n\n",
                    rule.rationale, "\n\n**Remediation.** ", rule.remediation,
                    "\n\n**References.**\n\n");
    for (const std::string& reference : rule.references)
      absl::StrAppend(&out, ReferenceItem(reference));
  }
  return out;
}

}  // namespace polygraph
