// The assume-role and trust-update techniques of EdgeFinder
// (escalation_finder.h): who may sts:AssumeRole which role, directly or
// after rewriting its trust policy.

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "iam/escalation_finder.h"
#include "polygraph/iam_decision.h"
#include "polygraph/iam_policy.h"

namespace polygraph::iam::internal {

using ::polygraph::internal::ToAbsl;

absl::StatusOr<const Authorizer*> EdgeFinder::TrustAuthorizerFor(size_t q) {
  if (!trust_authorizers_[q].has_value()) {
    PolicySet policies;
    policies.identity.push_back(AnyAssumeRole());
    policies.resource_policy = *account_.principals[q].trust_policy;
    absl::StatusOr<Authorizer> compiled = Authorizer::Compile(policies);
    if (!compiled.ok()) return compiled.status();
    trust_authorizers_[q].emplace(*std::move(compiled));
  }
  return &*trust_authorizers_[q];
}

Policy EdgeFinder::AnyAssumeRole() {
  Policy policy;
  policy.version = "2012-10-17";
  policy.statements.push_back(AllowAssumeRole());
  policy.statements.back().resources.push_back({"*", {}, false});
  policy.statements.back().has_resource = true;
  return policy;
}

EdgeFinder::TrustCandidates EdgeFinder::ScanTrust(const Policy& trust) const {
  TrustCandidates out;
  for (const Statement& statement : trust.statements) {
    if (statement.effect != Effect::kAllow) continue;
    if (statement.not_principal) {
      out.everyone = true;
      continue;
    }
    for (const Principal& principal : statement.principals) {
      const std::string& value = principal.value.value;
      if (principal.type == "*" ||
          (principal.type == "AWS" &&
           (principal.value.symbolic ||
            value.find_first_of("*?") != std::string::npos))) {
        out.everyone = true;
      } else if (principal.type == "AWS") {
        auto found = by_arn_.find(value);
        if (found != by_arn_.end()) {
          out.named.push_back(found->second);
        } else if (value.ends_with(":root") ||
                   std::all_of(value.begin(), value.end(), [](char c) {
                     return std::isdigit(static_cast<unsigned char>(c));
                   })) {
          out.account = true;
        }
      }
    }
  }
  return out;
}

// Candidates from the trust policies; then for each pair two decisions
// on compiled-once Authorizers: T, Q's trust policy lets P in (by any
// route), and S, P's side allows (identity ∩ boundary ∩ SCPs, no Deny).
// T and S together mean the combined decision allows on every route the
// Authorizer knows (a trust naming P, its role, everyone or its account;
// same account or across). Without T nothing allows. T without S can
// still allow when the trust names P directly: only then is the combined
// PolicySet (P's policies, Q's trust as the resource policy) compiled.
absl::Status EdgeFinder::AssumeRoleEdges() {
  std::optional<size_t> assume = Id(kAssumeRole);
  std::vector<std::pair<size_t, size_t>> pairs;  // (P, Q)
  for (size_t q = 0; q < account_.principals.size(); ++q) {
    const AccountPrincipal& to = account_.principals[q];
    if (!to.trust_policy.has_value()) continue;
    TrustCandidates candidates = ScanTrust(*to.trust_policy);
    if (candidates.everyone || candidates.account) {
      for (size_t p = 0; p < account_.principals.size(); ++p) {
        if (p == q) continue;
        if (candidates.everyone ||
            (assume.has_value() && permissions_[p].actions.Contains(*assume))) {
          pairs.emplace_back(p, q);
        }
      }
    } else {
      for (size_t p : candidates.named) {
        if (p != q) pairs.emplace_back(p, q);
      }
    }
  }
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  std::optional<PolicySet> combined;
  size_t combined_for = 0;
  Request request;
  request.action = std::string(kAssumeRole);
  for (const auto& [p, q] : pairs) {
    const AccountPrincipal& from = account_.principals[p];
    const AccountPrincipal& to = account_.principals[q];
    request.principal = from.arn;
    request.resource = to.arn;
    absl::StatusOr<const Authorizer*> trust = TrustAuthorizerFor(q);
    if (!trust.ok()) return trust.status();
    Decision t = (*trust)->Decide(request);
    if (t.kind != DecisionKind::kAllow) continue;
    absl::StatusOr<const Authorizer*> side = AuthorizerFor(p);
    if (!side.ok()) return side.status();
    Decision decision = (*side)->Decide(request);
    std::vector<StatementRef> statements;
    if (decision.kind == DecisionKind::kAllow) {
      for (const DecidingStatement& s : decision.statements) {
        if (s.role != PolicyRole::kResource) AddUnique(ToRef(s), &statements);
      }
      for (const DecidingStatement& s : t.statements) {
        if (s.role == PolicyRole::kResource) AddUnique(ToRef(s), &statements);
      }
    } else {
      if (!combined.has_value() || combined_for != p) {
        combined = from.policies;
        combined_for = p;
      }
      combined->resource_policy = *to.trust_policy;
      absl::StatusOr<Authorizer> authorizer = Authorizer::Compile(*combined);
      if (!authorizer.ok()) return authorizer.status();
      decision = authorizer->Decide(request);
      if (decision.kind != DecisionKind::kAllow) continue;
      for (const DecidingStatement& s : decision.statements) {
        AddUnique(ToRef(s), &statements);
      }
    }
    Emit(p, q, EscalationTechnique::kAssumeRole, {std::string(kAssumeRole)}, "",
         std::move(statements),
         absl::StrCat(PrincipalLabel(from), " can assume ", PrincipalLabel(to),
                      " (", ToAbsl(kAssumeRole), ")"));
  }
  return absl::OkStatus();
}

absl::Status EdgeFinder::TrustEdge(size_t p, size_t q) {
  const AccountPrincipal& to = account_.principals[q];
  std::vector<StatementRef> statements;
  absl::StatusOr<bool> allowed = Allowed(p, kUpdateTrust, to.arn, &statements);
  if (!allowed.ok()) return allowed.status();
  if (!*allowed) return absl::OkStatus();
  std::optional<size_t> assume = Id(kAssumeRole);
  if (!assume.has_value() || !permissions_[p].Allows(*assume, to.arn)) {
    return absl::OkStatus();
  }
  GrantStatements(p, kAssumeRole, &statements);
  std::vector<std::string> actions = {std::string(kUpdateTrust),
                                      std::string(kAssumeRole)};
  std::string explanation = absl::StrCat(
      PrincipalLabel(account_.principals[p]),
      " can rewrite the trust policy of ", PrincipalLabel(to), " (",
      ToAbsl(kUpdateTrust), ") and assume it (", ToAbsl(kAssumeRole), ")");
  Emit(p, q, EscalationTechnique::kTrustUpdate, std::move(actions), "",
       std::move(statements), std::move(explanation));
  return absl::OkStatus();
}

}  // namespace polygraph::iam::internal
