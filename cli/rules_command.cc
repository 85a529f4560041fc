// polygraph rules list [--format text|markdown] [--rules PATH]...
// polygraph rules explain RULE-ID [--rules PATH]...

#include <algorithm>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "base/strings.h"
#include "commands.h"
#include "polygraph/rule_reference.h"
#include "polygraph/rules.h"

namespace polygraph::cli {
namespace {

// `text` as lines of at most `width` characters, each indented by two spaces.
std::string Wrap(const std::string& text, size_t width = 78) {
  std::string out, line;
  for (absl::string_view word :
       absl::StrSplit(text, absl::ByAnyChar(" \n"), absl::SkipEmpty())) {
    if (!line.empty() && line.size() + 1 + word.size() > width - 2) {
      absl::StrAppend(&out, "  ", line, "\n");
      line.clear();
    }
    absl::StrAppend(&line, line.empty() ? "" : " ", word);
  }
  if (!line.empty()) absl::StrAppend(&out, "  ", line, "\n");
  return out;
}

// The built-in rules plus those of --rules. A rule file that is not valid
// is reported on standard error; then the exit status is kExitError.
absl::StatusOr<RuleSet> LoadRules(const Args& args, bool* had_errors) {
  absl::StatusOr<RuleSet> rules = RuleSet::Builtin();
  if (!rules.ok() || args.rule_paths.empty()) return rules;
  std::vector<Diagnostic> diagnostics;
  RuleSet all = rules->WithRuleFiles(args.rule_paths, &diagnostics);
  for (const Diagnostic& diagnostic : diagnostics) {
    std::fputs((diagnostic.ToString() + "\n").c_str(), stderr);
    *had_errors |= diagnostic.level == Diagnostic::Level::kError;
  }
  return all;
}

}  // namespace

int RunRulesList(const Args& args) {
  bool had_errors = false;
  absl::StatusOr<RuleSet> rules = LoadRules(args, &had_errors);
  if (!rules.ok()) return ReportError(rules.status());
  if (args.format == "markdown") {
    return WriteOutput(FormatRuleReference(*rules), "") && !had_errors
               ? kExitClean
               : kExitError;
  }
  size_t id_width = 2;
  for (const RuleInfo& rule : rules->rules())
    id_width = std::max(id_width, rule.id.size());
  std::string out;
  for (const RuleInfo& rule : rules->rules()) {
    std::string_view severity = SeverityName(rule.severity);
    absl::StrAppend(&out, rule.id,
                    std::string(id_width - rule.id.size() + 2, ' '),
                    internal::ToAbsl(severity),
                    std::string(10 - severity.size(), ' '), rule.title, "\n");
  }
  return WriteOutput(out, "") && !had_errors ? kExitClean : kExitError;
}

int RunRulesExplain(const Args& args) {
  bool had_errors = false;
  absl::StatusOr<RuleSet> rules = LoadRules(args, &had_errors);
  if (!rules.ok()) return ReportError(rules.status());
  const RuleInfo* rule = rules->Find(args.rule_id);
  if (rule == nullptr) {
    return ReportError(absl::StrCat("unknown rule ", args.rule_id,
                                    " (see polygraph rules list)"));
  }
  std::string out = absl::StrCat(
      rule->id, ": ", rule->title, "\n",
      "severity: ", internal::ToAbsl(SeverityName(rule->severity)), "\n",
      "category: ", rule->category, "\n",
      "check: ", rule->check.empty() ? "declarative" : rule->check, "\n",
      "defined in: ", rule->location.file, "\n\n", "rationale:\n",
      Wrap(rule->rationale), "\n", "remediation:\n", Wrap(rule->remediation),
      "\n", "references:\n");
  for (const std::string& reference : rule->references) {
    absl::StrAppend(&out, "  - ", reference, "\n");
  }
  return WriteOutput(out, "") && !had_errors ? kExitClean : kExitError;
}

}  // namespace polygraph::cli
