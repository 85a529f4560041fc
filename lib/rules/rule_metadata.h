#ifndef POLYGRAPH_LIB_RULES_RULE_METADATA_H_
#define POLYGRAPH_LIB_RULES_RULE_METADATA_H_

// Parsing and validation of one rule metadata file (rules/<domain>/<ID>.yaml).

#include <memory>
#include <string_view>

#include "absl/status/statusor.h"
#include "polygraph/rules.h"
#include "rules/rule_check.h"

namespace polygraph::rules::internal {

// Parses `text`, the file at `path` (as shown in errors and kept in
// RuleInfo::location, e.g. "rules/iam/PG-IAM-001.yaml"). Requires a mapping
// with exactly the fields id, title, severity, category, rationale,
// remediation, references (a non-empty list of strings) and check, all
// non-empty; severity one of info/low/medium/high/critical; id of the form
// PG-<A-Z0-9>+-<3 digits> and equal to the file's stem; check the name of a
// registered check. Errors: InvalidArgument "path:line:col: reason" (see
// InputError). Thread-safe; never throws.
absl::StatusOr<RuleInfo> ParseRuleMetadata(std::string_view path,
                                           std::string_view text);

// A rule file, compiled: its metadata and how it is decided.
struct ParsedRule {
  RuleInfo info;
  std::shared_ptr<const RuleCheck> check;
};

// Parses and compiles one rule file. `check` is the name of a registered
// check or a declarative check mapping (docs/rule-language.md), compiled
// here: every error in it is an InputError at the offending node. For a
// built-in file (`builtin`) the id must be PG-<A-Z0-9>+-<3 digits> and equal
// the file's stem; for a user file any IsValidUserRuleId id, whatever the
// file's name. Thread-safe; never throws.
absl::StatusOr<ParsedRule> ParseRuleFile(std::string_view path,
                                         std::string_view text, bool builtin);

// True for ids of the form [A-Z][A-Z0-9]*(-[A-Z0-9]+)+, e.g. "ACME-DB-7".
bool IsValidUserRuleId(std::string_view id);

// True for ids of the form PG-<A-Z0-9>+-<3 digits>, e.g. "PG-NET-001".
bool IsValidRuleId(std::string_view id);

}  // namespace polygraph::rules::internal

#endif  // POLYGRAPH_LIB_RULES_RULE_METADATA_H_
