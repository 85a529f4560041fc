#ifndef POLYGRAPH_LIB_RULES_RULE_CHECK_H_
#define POLYGRAPH_LIB_RULES_RULE_CHECK_H_

// RuleCheck: how one rule of a RuleSet is decided. Three kinds: a named C++
// check (check_registry.h), a declarative check (declarative/predicate.h)
// and a host rule (a callable given by the embedding program).
//
// Thread safety: RuleChecks are immutable; Run is thread-safe for named and
// declarative checks, and as thread-safe as its callable for a host rule.

#include <memory>
#include <vector>

#include "polygraph/finding.h"
#include "polygraph/rules.h"
#include "rules/check_context.h"
#include "rules/check_registry.h"

namespace polygraph::rules::internal {

struct DeclarativeSpec;

class RuleCheck {
 public:
  RuleCheck() = default;
  RuleCheck(const RuleCheck&) = delete;
  RuleCheck& operator=(const RuleCheck&) = delete;
  virtual ~RuleCheck() = default;

  // The findings of `rule` over context.model(). What cannot be decided is
  // added to the context's diagnostics. Never throws.
  virtual std::vector<Finding> Run(const CheckContext& context,
                                   const RuleInfo& rule) const = 0;
};

// REQUIRES: function != nullptr.
std::shared_ptr<const RuleCheck> MakeNamedCheck(CheckFunction function);

// declarative/declarative_check.cc.
std::shared_ptr<const RuleCheck> MakeDeclarativeCheck(DeclarativeSpec spec);

// The rule's callable is run once per selected resource; findings get
// their defaults from the rule and the resource; a failure is one error
// diagnostic "rule-error" at the resource naming the rule and the resource.
// REQUIRES: rule.check is callable.
std::shared_ptr<const RuleCheck> MakeHostCheck(HostRule rule);

}  // namespace polygraph::rules::internal

#endif  // POLYGRAPH_LIB_RULES_RULE_CHECK_H_
