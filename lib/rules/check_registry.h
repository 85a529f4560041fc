#ifndef POLYGRAPH_LIB_RULES_CHECK_REGISTRY_H_
#define POLYGRAPH_LIB_RULES_CHECK_REGISTRY_H_

// The named C++ checks that decide built-in rules. A rule's metadata names
// its check (`check: sg_open_ingress`); the registry is a constant table, so
// it is thread-safe and holds no mutable global state.

#include <span>
#include <string_view>
#include <vector>

#include "polygraph/finding.h"
#include "polygraph/model.h"
#include "polygraph/rules.h"
#include "rules/check_context.h"

namespace polygraph::rules::internal {

// Decides one rule over a whole model. Findings come from NewFinding(rule),
// so they carry the rule's id, severity and title. Must not throw.
using CheckFunction = std::vector<Finding> (*)(const CheckContext& context,
                                               const RuleInfo& rule);

struct NamedCheck {
  std::string_view name;
  CheckFunction function;
};

// Every built-in check, sorted by name.
std::span<const NamedCheck> BuiltinChecks();

// The check named `name`, or nullptr.
CheckFunction FindCheck(std::string_view name);

// A finding of `rule` with its id, severity and title filled in.
Finding NewFinding(const RuleInfo& rule);

}  // namespace polygraph::rules::internal

#endif  // POLYGRAPH_LIB_RULES_CHECK_REGISTRY_H_
