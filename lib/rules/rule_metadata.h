#ifndef POLYGRAPH_LIB_RULES_RULE_METADATA_H_
#define POLYGRAPH_LIB_RULES_RULE_METADATA_H_

// Parsing and validation of one rule metadata file (rules/<domain>/<ID>.yaml).

#include <string_view>

#include "absl/status/statusor.h"
#include "polygraph/rules.h"

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

// True for ids of the form PG-<A-Z0-9>+-<3 digits>, e.g. "PG-NET-001".
bool IsValidRuleId(std::string_view id);

}  // namespace polygraph::rules::internal

#endif  // POLYGRAPH_LIB_RULES_RULE_METADATA_H_
