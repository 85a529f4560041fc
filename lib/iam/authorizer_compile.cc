// Authorizer::Compile: every policy of a PolicySet compiled once, so that
// Decide only matches.

#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "iam/authorizer_internal.h"
#include "iam/statement_matching.h"
#include "polygraph/iam_decision.h"

namespace polygraph::iam {
namespace {

using internal::CompiledPolicy;
using internal::CompiledStatement;
using internal::StatementScope;

absl::StatusOr<CompiledPolicy> CompilePolicy(const Policy& policy,
                                             const StatementScope& scope) {
  // Policy variables exist from version 2012-10-17 on; older or absent
  // versions read "${...}" as literal text.
  bool substitute = policy.version == "2012-10-17";
  CompiledPolicy compiled;
  compiled.statements.reserve(policy.statements.size());
  for (const Statement& statement : policy.statements) {
    absl::StatusOr<CompiledStatement> s =
        CompiledStatement::Compile(statement, substitute, scope);
    if (!s.ok()) return s.status();
    compiled.statements.push_back(*std::move(s));
  }
  return compiled;
}

absl::StatusOr<std::vector<CompiledPolicy>> CompilePolicies(
    const std::vector<Policy>& policies, const StatementScope& scope) {
  std::vector<CompiledPolicy> compiled;
  compiled.reserve(policies.size());
  for (const Policy& policy : policies) {
    absl::StatusOr<CompiledPolicy> p = CompilePolicy(policy, scope);
    if (!p.ok()) return p.status();
    compiled.push_back(*std::move(p));
  }
  return compiled;
}

}  // namespace

Authorizer::Authorizer(std::unique_ptr<const Compiled> compiled)
    : compiled_(std::move(compiled)) {}
Authorizer::Authorizer(Authorizer&&) noexcept = default;
Authorizer& Authorizer::operator=(Authorizer&&) noexcept = default;
Authorizer::~Authorizer() = default;

absl::StatusOr<Authorizer> Authorizer::Compile(
    const PolicySet& policies, const AuthorizerOptions& options) {
  auto compiled = std::make_unique<Compiled>();
  compiled->options = options;
  const StatementScope identity_scope{};
  const StatementScope organization_scope{.absent_resource_matches = true};
  const StatementScope resource_scope{.absent_resource_matches = true,
                                      .principal_required = true};
  absl::StatusOr<std::vector<CompiledPolicy>> identity =
      CompilePolicies(policies.identity, identity_scope);
  if (!identity.ok()) return identity.status();
  compiled->identity = *std::move(identity);
  if (policies.permissions_boundary.has_value()) {
    absl::StatusOr<std::vector<CompiledPolicy>> boundary =
        CompilePolicies(*policies.permissions_boundary, identity_scope);
    if (!boundary.ok()) return boundary.status();
    compiled->boundary = *std::move(boundary);
  }
  if (policies.session.has_value()) {
    absl::StatusOr<std::vector<CompiledPolicy>> session =
        CompilePolicies(*policies.session, identity_scope);
    if (!session.ok()) return session.status();
    compiled->session = *std::move(session);
  }
  for (const std::vector<Policy>& level : policies.service_control_policies) {
    absl::StatusOr<std::vector<CompiledPolicy>> scps =
        CompilePolicies(level, organization_scope);
    if (!scps.ok()) return scps.status();
    compiled->scps.push_back(*std::move(scps));
  }
  for (const std::vector<Policy>& level : policies.resource_control_policies) {
    absl::StatusOr<std::vector<CompiledPolicy>> rcps =
        CompilePolicies(level, organization_scope);
    if (!rcps.ok()) return rcps.status();
    compiled->rcps.push_back(*std::move(rcps));
  }
  if (policies.resource_policy.has_value()) {
    absl::StatusOr<CompiledPolicy> resource =
        CompilePolicy(*policies.resource_policy, resource_scope);
    if (!resource.ok()) return resource.status();
    compiled->resource = *std::move(resource);
  }
  return Authorizer(std::move(compiled));
}

}  // namespace polygraph::iam
