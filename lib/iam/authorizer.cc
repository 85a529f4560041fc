// Authorizer: AWS's policy evaluation logic over compiled statements.
//
// The flow, as AWS documents it ("Policy evaluation logic", "Cross-account
// policy evaluation logic"):
//   1. An explicit Deny in any policy that applies wins.
//   2. Every RCP level must allow (RCPs guard the resource's account, whoever
//      the caller is: AWS service principals and anonymous callers too).
//   3. Every SCP level must allow (SCPs guard the principals of the account;
//      not anonymous, service or external principals).
//   4. Within one account a resource-based policy can allow on its own:
//      naming the user or the role session grants directly, and so does
//      naming everyone, except past a role session's session policy; naming
//      the role is still limited by the permissions boundary and the session
//      policy; naming the account delegates to the identity-based policies.
//      Role trust policies (sts:AssumeRole*) and KMS key policies must allow
//      even within the account.
//   5. Otherwise identity ∩ permissions boundary ∩ session policy must allow;
//      across accounts the resource-based policy must allow as well.

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/inlined_vector.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "iam/authorizer_internal.h"
#include "iam/request_context.h"
#include "iam/statement_matching.h"
#include "polygraph/iam_decision.h"

namespace polygraph::iam {
namespace {

using internal::ArnView;
using internal::CompiledPolicy;
using internal::CompiledStatement;
using internal::MissingKeys;
using internal::PrincipalInfo;
using internal::PrincipalMatch;
using internal::StatementInput;

// A statement that applied to the request (target and conditions matched).
struct Hit {
  PolicyRole role;
  size_t level;
  size_t policy;
  size_t statement;
  const CompiledStatement* compiled;
  PrincipalMatch via;
};
using Hits = absl::InlinedVector<Hit, 8>;

// sts:GetCallerIdentity needs no permission: AWS allows it for every
// authenticated caller, even against an explicit Deny.
bool IsGetCallerIdentity(std::string_view action) {
  return internal::EqualsIgnoreCase(action, "sts:GetCallerIdentity");
}

bool IsAssumeRole(std::string_view action) {
  constexpr std::string_view kPrefix = "sts:assumerole";
  if (action.size() < kPrefix.size()) return false;
  return internal::EqualsIgnoreCase(action.substr(0, kPrefix.size()), kPrefix);
}

}  // namespace

std::string_view DecisionKindName(DecisionKind kind) {
  switch (kind) {
    case DecisionKind::kAllow:
      return "Allow";
    case DecisionKind::kExplicitDeny:
      return "ExplicitDeny";
    case DecisionKind::kImplicitDeny:
      return "ImplicitDeny";
  }
  return "ImplicitDeny";
}

std::string_view PolicyRoleName(PolicyRole role) {
  switch (role) {
    case PolicyRole::kIdentity:
      return "identity";
    case PolicyRole::kPermissionsBoundary:
      return "permissions-boundary";
    case PolicyRole::kSession:
      return "session";
    case PolicyRole::kServiceControl:
      return "scp";
    case PolicyRole::kResourceControl:
      return "rcp";
    case PolicyRole::kResource:
      return "resource";
  }
  return "identity";
}

namespace {

// Collects the statements that apply, Allow and Deny apart.
class Evaluator {
 public:
  Evaluator(const StatementInput& input, Hits& allows, Hits& denies,
            MissingKeys& missing)
      : input_(input), allows_(allows), denies_(denies), missing_(missing) {}

  void Scan(PolicyRole role, size_t level, size_t index,
            const CompiledPolicy& policy) {
    for (size_t i = 0; i < policy.statements.size(); ++i) {
      const CompiledStatement& statement = policy.statements[i];
      PrincipalMatch via = statement.MatchTarget(input_);
      if (via == PrincipalMatch::kNone) continue;
      if (!statement.ConditionsHold(*input_.context, &missing_)) continue;
      Hit hit{role, level, index, i, &statement, via};
      (statement.effect() == Effect::kAllow ? allows_ : denies_).push_back(hit);
    }
  }
  void Scan(PolicyRole role, size_t level,
            const std::vector<CompiledPolicy>& policies) {
    for (size_t p = 0; p < policies.size(); ++p) {
      Scan(role, level, p, policies[p]);
    }
  }

 private:
  const StatementInput& input_;
  Hits& allows_;
  Hits& denies_;
  MissingKeys& missing_;
};

bool HasAllow(const Hits& allows, PolicyRole role, size_t level = 0) {
  for (const Hit& hit : allows) {
    if (hit.role == role && hit.level == level) return true;
  }
  return false;
}

PrincipalMatch BestResourceMatch(const Hits& allows) {
  PrincipalMatch best = PrincipalMatch::kNone;
  for (const Hit& hit : allows) {
    if (hit.role == PolicyRole::kResource && hit.via > best) best = hit.via;
  }
  return best;
}

DecidingStatement ToDeciding(const Hit& hit) {
  DecidingStatement out;
  out.role = hit.role;
  out.level = hit.level;
  out.policy_index = hit.policy;
  out.statement_index = hit.statement;
  out.sid = hit.compiled->sid();
  out.location = hit.compiled->location();
  out.effect = hit.compiled->effect();
  return out;
}

}  // namespace

Decision Authorizer::Decide(const Request& request) const {
  const Compiled& c = *compiled_;
  const PrincipalInfo principal = internal::ParsePrincipal(request.principal);
  const internal::RequestContext context(request, principal);
  const ArnView resource = internal::SplitArn(request.resource);

  std::string_view resource_account = request.resource_account;
  if (resource_account.empty() && resource.count == 6) {
    resource_account = resource.parts[4];
  }
  if (resource_account.empty()) resource_account = principal.account;

  const bool principal_side = principal.InAccount();
  StatementInput input;
  input.context = &context;
  input.principal = &principal;
  input.action = request.action;
  input.resource = &resource;
  input.has_permissions_boundary = c.boundary.has_value();

  Hits allows, denies;
  MissingKeys missing;
  Evaluator evaluator(input, allows, denies, missing);
  const bool scps_apply = principal_side && !c.scps.empty();
  // AWS's own RCP examples restrict AWS service principals
  // (EnforceConfusedDeputyProtection), so RCPs apply to every caller.
  const bool rcps_apply = !c.rcps.empty();
  if (principal_side) {
    evaluator.Scan(PolicyRole::kIdentity, 0, c.identity);
    if (c.boundary)
      evaluator.Scan(PolicyRole::kPermissionsBoundary, 0, *c.boundary);
    if (c.session) evaluator.Scan(PolicyRole::kSession, 0, *c.session);
  }
  if (scps_apply) {
    for (size_t level = 0; level < c.scps.size(); ++level) {
      evaluator.Scan(PolicyRole::kServiceControl, level, c.scps[level]);
    }
  }
  if (rcps_apply) {
    for (size_t level = 0; level < c.rcps.size(); ++level) {
      evaluator.Scan(PolicyRole::kResourceControl, level, c.rcps[level]);
    }
  }
  if (c.resource) evaluator.Scan(PolicyRole::kResource, 0, 0, *c.resource);

  Decision decision;
  if (!missing.empty()) {
    for (const std::string* key : missing) {
      decision.missing_context_keys.push_back(*key);
    }
    std::sort(decision.missing_context_keys.begin(),
              decision.missing_context_keys.end());
    decision.missing_context_keys.erase(
        std::unique(decision.missing_context_keys.begin(),
                    decision.missing_context_keys.end()),
        decision.missing_context_keys.end());
  }
  const absl::string_view action =
      ::polygraph::internal::ToAbsl(request.action);

  if (principal_side && IsGetCallerIdentity(request.action)) {
    decision.kind = DecisionKind::kAllow;
    decision.reason =
        "sts:GetCallerIdentity needs no permission; AWS allows it for every "
        "authenticated caller, even against an explicit Deny";
    return decision;
  }
  if (!denies.empty()) {
    decision.kind = DecisionKind::kExplicitDeny;
    for (const Hit& hit : denies)
      decision.statements.push_back(ToDeciding(hit));
    const Hit& first = denies.front();
    decision.reason = absl::StrCat(
        "explicitly denied by a Deny statement in the ",
        ::polygraph::internal::ToAbsl(PolicyRoleName(first.role)), " policy");
    return decision;
  }
  auto implicit = [&](std::string reason) {
    decision.kind = DecisionKind::kImplicitDeny;
    decision.reason = std::move(reason);
    return decision;
  };
  if (rcps_apply) {
    for (size_t level = 0; level < c.rcps.size(); ++level) {
      if (!HasAllow(allows, PolicyRole::kResourceControl, level)) {
        return implicit(absl::StrCat("the resource control policies at level ",
                                     level, " do not allow ", action));
      }
    }
  }
  if (scps_apply) {
    for (size_t level = 0; level < c.scps.size(); ++level) {
      if (!HasAllow(allows, PolicyRole::kServiceControl, level)) {
        return implicit(absl::StrCat("the service control policies at level ",
                                     level, " do not allow ", action));
      }
    }
  }

  const bool is_root = principal.kind == PrincipalInfo::Kind::kAccountRoot;
  const bool identity_allows =
      is_root || HasAllow(allows, PolicyRole::kIdentity);
  const bool boundary_allows =
      !c.boundary || HasAllow(allows, PolicyRole::kPermissionsBoundary);
  const bool session_allows =
      !c.session || HasAllow(allows, PolicyRole::kSession);
  const PrincipalMatch resource_match = BestResourceMatch(allows);
  const bool same_account =
      principal_side && principal.account == resource_account;
  // A role's trust policy and a KMS key's key policy must allow even within
  // the account; with none given, nothing grants ("Unless the key policy
  // explicitly allows it, you cannot use IAM policies to allow access to a
  // KMS key").
  const bool trust_policy = IsAssumeRole(request.action) &&
                            resource.count == 6 && resource.parts[2] == "iam" &&
                            resource.parts[5].starts_with("role/");
  const bool key_policy = resource.count == 6 && resource.parts[2] == "kms" &&
                          resource.parts[5].starts_with("key/");
  std::string_view resource_name = trust_policy ? "role trust policy"
                                   : key_policy ? "key policy"
                                                : "resource-based policy";

  // Which policies granted: filled in as the path is chosen.
  bool use_identity = false, use_resource = false;
  std::string reason;
  auto identity_side_reason = [&]() -> std::optional<std::string> {
    if (!identity_allows) {
      return absl::StrCat("no identity-based policy allows ", action);
    }
    if (!boundary_allows) {
      return absl::StrCat("the permissions boundary does not allow ", action);
    }
    if (!session_allows) {
      return absl::StrCat("the session policy does not allow ", action);
    }
    return std::nullopt;
  };

  if (!principal_side) {
    if (resource_match == PrincipalMatch::kNone) {
      return implicit(absl::StrCat(
          c.resource ? "the " : "no ",
          ::polygraph::internal::ToAbsl(resource_name),
          c.resource ? " does not allow " : " allows ", action, " for ",
          ::polygraph::internal::QuoteForMessage(request.principal)));
    }
    use_resource = true;
    reason = absl::StrCat("the ", ::polygraph::internal::ToAbsl(resource_name),
                          " allows ", action);
  } else if (same_account) {
    const bool must_resource = trust_policy || key_policy;
    if (must_resource && resource_match == PrincipalMatch::kNone) {
      return implicit(
          c.resource ? absl::StrCat(
                           "the ", ::polygraph::internal::ToAbsl(resource_name),
                           " does not allow ", action)
                     : absl::StrCat(
                           "no ", ::polygraph::internal::ToAbsl(resource_name),
                           " was given, and only it can grant ", action,
                           " on this resource"));
    }
    if (resource_match == PrincipalMatch::kDirect ||
        (resource_match == PrincipalMatch::kEveryone && session_allows)) {
      use_resource = true;
      reason =
          absl::StrCat("the ", ::polygraph::internal::ToAbsl(resource_name),
                       " allows ", action, " for the principal itself");
    } else if (resource_match == PrincipalMatch::kRole && boundary_allows &&
               session_allows) {
      use_resource = true;
      reason =
          absl::StrCat("the ", ::polygraph::internal::ToAbsl(resource_name),
                       " allows ", action, " for the role");
    } else if (resource_match == PrincipalMatch::kRole) {
      // The role path failed: the boundary or session policy limits it, and
      // the identity path needs those too.
      return implicit(absl::StrCat(
          boundary_allows ? "the session policy" : "the permissions boundary",
          " does not allow ", action, " (the ",
          ::polygraph::internal::ToAbsl(resource_name),
          " names the role, which they limit)"));
    } else if (resource_match == PrincipalMatch::kEveryone) {
      // Everyone is named, not the session: its session policy limits the
      // grant, and the identity path needs the session policy too.
      return implicit(absl::StrCat("the session policy does not allow ", action,
                                   " (the ",
                                   ::polygraph::internal::ToAbsl(resource_name),
                                   " names everyone, not the session)"));
    } else if (std::optional<std::string> why = identity_side_reason()) {
      return implicit(*std::move(why));
    } else {
      use_identity = true;
      use_resource = must_resource;
      reason = is_root
                   ? absl::StrCat("the account root user may perform ", action,
                                  " in its own account")
                   : absl::StrCat("an identity-based policy allows ", action);
      if (must_resource) {
        absl::StrAppend(&reason, " and the ",
                        ::polygraph::internal::ToAbsl(resource_name),
                        " delegates to it");
      }
    }
  } else {
    if (std::optional<std::string> why = identity_side_reason()) {
      return implicit(*std::move(why));
    }
    if (resource_match == PrincipalMatch::kNone) {
      return implicit(absl::StrCat(
          c.resource ? "the " : "no ",
          ::polygraph::internal::ToAbsl(resource_name),
          c.resource ? " does not allow " : " allows ", action,
          " across accounts for ",
          ::polygraph::internal::QuoteForMessage(request.principal)));
    }
    use_identity = use_resource = true;
    reason = absl::StrCat("an identity-based policy and the ",
                          ::polygraph::internal::ToAbsl(resource_name),
                          " allow ", action, " across accounts");
  }

  decision.kind = DecisionKind::kAllow;
  decision.reason = std::move(reason);
  const bool role_path =
      !use_identity && (resource_match == PrincipalMatch::kRole ||
                        resource_match == PrincipalMatch::kEveryone);
  for (const Hit& hit : allows) {
    bool keep = false;
    switch (hit.role) {
      case PolicyRole::kServiceControl:
      case PolicyRole::kResourceControl:
        keep = true;
        break;
      case PolicyRole::kIdentity:
        keep = use_identity;
        break;
      case PolicyRole::kPermissionsBoundary:
      case PolicyRole::kSession:
        keep = use_identity || role_path;
        break;
      case PolicyRole::kResource:
        keep = use_resource;
        break;
    }
    if (keep) decision.statements.push_back(ToDeciding(hit));
  }
  return decision;
}

absl::StatusOr<Decision> Decide(const Request& request,
                                const PolicySet& policies) {
  absl::StatusOr<Authorizer> authorizer = Authorizer::Compile(policies);
  if (!authorizer.ok()) return authorizer.status();
  return authorizer->Decide(request);
}

}  // namespace polygraph::iam
