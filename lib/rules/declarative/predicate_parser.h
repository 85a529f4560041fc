#ifndef POLYGRAPH_LIB_RULES_DECLARATIVE_PREDICATE_PARSER_H_
#define POLYGRAPH_LIB_RULES_DECLARATIVE_PREDICATE_PARSER_H_

// Compiles the `check:` mapping of a declarative rule (docs/rule-language.md)
// into a DeclarativeSpec. Every problem is an InputError at the offending
// YAML node (file:line:col) naming the bad key, operator or value.
//
// Thread safety: thread-safe (no shared state).

#include <string_view>

#include "absl/status/statusor.h"
#include "rules/declarative/predicate.h"
#include "yaml-cpp/yaml.h"

namespace polygraph::rules::internal {

// `node` is the value of `check:` in the file `file` (as shown in errors).
// May throw YAML exceptions only for malformed documents, which callers
// catch where they load the file.
absl::StatusOr<DeclarativeSpec> ParseDeclarativeCheck(const YAML::Node& node,
                                                      std::string_view file);

// The operand of the analysis predicate `name` (exposed_to_internet,
// reachable, allows, publicly_readable, referenced_by, references) into
// `predicate` (analysis_predicates.cc). `file` names the rule file.
absl::Status ParseAnalysisOperand(const YAML::Node& node, std::string_view name,
                                  std::string_view file, Predicate& predicate);

// Where `node` is, for errors.
SourceLocation NodeLocation(const YAML::Node& node, std::string_view file);

}  // namespace polygraph::rules::internal

#endif  // POLYGRAPH_LIB_RULES_DECLARATIVE_PREDICATE_PARSER_H_
