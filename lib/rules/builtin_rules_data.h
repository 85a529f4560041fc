#ifndef POLYGRAPH_LIB_RULES_BUILTIN_RULES_DATA_H_
#define POLYGRAPH_LIB_RULES_BUILTIN_RULES_DATA_H_

#include <string_view>
#include <vector>

namespace polygraph::rules::internal {

// One rules/**/*.yaml file compiled into the library.
struct EmbeddedRuleFile {
  std::string_view path;  // relative to rules/, e.g. "iam/PG-IAM-001.yaml"
  std::string_view text;
};

// Every built-in rule file, sorted by path. Thread-safe; never empty in a
// correct build.
const std::vector<EmbeddedRuleFile>& BuiltinRuleFiles();

}  // namespace polygraph::rules::internal

#endif  // POLYGRAPH_LIB_RULES_BUILTIN_RULES_DATA_H_
