#ifndef POLYGRAPH_IAM_AUTHORIZER_INTERNAL_H_
#define POLYGRAPH_IAM_AUTHORIZER_INTERNAL_H_

// The compiled form of a PolicySet, shared by Authorizer::Compile
// (authorizer_compile.cc) and Authorizer::Decide (authorizer.cc).

#include <optional>
#include <vector>

#include "iam/statement_matching.h"
#include "polygraph/iam_decision.h"

namespace polygraph::iam {
namespace internal {

struct CompiledPolicy {
  std::vector<CompiledStatement> statements;
};

}  // namespace internal

struct Authorizer::Compiled {
  std::vector<internal::CompiledPolicy> identity;
  std::optional<std::vector<internal::CompiledPolicy>> boundary;
  std::optional<std::vector<internal::CompiledPolicy>> session;
  std::vector<std::vector<internal::CompiledPolicy>> scps;
  std::vector<std::vector<internal::CompiledPolicy>> rcps;
  std::optional<internal::CompiledPolicy> resource;
  AuthorizerOptions options;
};

}  // namespace polygraph::iam

#endif  // POLYGRAPH_IAM_AUTHORIZER_INTERNAL_H_
