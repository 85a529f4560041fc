#ifndef POLYGRAPH_LIB_IAM_CONDITION_EVALUATION_H_
#define POLYGRAPH_LIB_IAM_CONDITION_EVALUATION_H_

// One condition (operator, key, values) compiled for evaluation: the
// operator parsed, the policy values read once as patterns, numbers, dates,
// booleans or CIDRs, and evaluation against a request context following
// AWS's rules for missing keys, IfExists, set qualifiers and negated
// operators.
//
// Thread safety: immutable after Compile; Evaluate is thread-safe.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/inlined_vector.h"
#include "absl/status/statusor.h"
#include "iam/compiled_pattern.h"
#include "iam/request_context.h"
#include "polygraph/cidr.h"
#include "polygraph/iam_condition.h"
#include "polygraph/iam_policy.h"

namespace polygraph::iam::internal {

// Keys read by a condition and absent from the request context; points at
// the compiled conditions' keys.
using MissingKeys = absl::InlinedVector<const std::string*, 4>;

class CompiledCondition {
 public:
  // Errors (InputError at the offending value or operator): an unknown
  // operator, a symbolic value, a malformed policy variable, a value the
  // operator cannot read (number, date, boolean, CIDR). Policy variables
  // are substituted in String and Arn values when `substitute_variables`.
  static absl::StatusOr<CompiledCondition> Compile(const Condition& condition,
                                                   bool substitute_variables);

  // True when the condition holds for `context`. When the key is absent
  // from the context, appends it to `missing` (if not null).
  bool Evaluate(const RequestContext& context, MissingKeys* missing) const;

  const std::string& key() const { return key_; }
  const ConditionOperator& op() const { return op_; }

 private:
  // True when the request value `value` matches at least one policy value
  // under the operator's positive sense (StringNotEquals -> StringEquals).
  bool AnyPolicyValueMatches(std::string_view value,
                             const RequestContext& context) const;
  // The operator's verdict for one request value.
  bool MatchesOne(std::string_view value, const RequestContext& context) const;

  ConditionOperator op_;
  bool negated_ = false;
  std::string key_;
  std::vector<TextPattern> strings_;  // String*, BinaryEquals
  std::vector<ArnPattern> arns_;
  std::vector<double> numbers_;
  std::vector<int64_t> dates_;
  std::vector<bool> bools_;  // Bool, Null
  std::vector<ip::Cidr> cidrs_;
};

}  // namespace polygraph::iam::internal

#endif  // POLYGRAPH_LIB_IAM_CONDITION_EVALUATION_H_
