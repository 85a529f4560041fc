// Decide's verdict from the statements that apply (compare_decision.h):
// the flow of Authorizer::Decide (authorizer.cc) without the reasons.

#include "iam/compare_decision.h"

#include <algorithm>

#include "absl/container/inlined_vector.h"

namespace polygraph::iam::internal {

SideShape ShapeOf(const PolicySet& set) {
  SideShape shape;
  shape.boundary = set.permissions_boundary.has_value();
  shape.session = set.session.has_value();
  shape.resource_policy = set.resource_policy.has_value();
  shape.scp_levels = set.service_control_policies.size();
  shape.rcp_levels = set.resource_control_policies.size();
  return shape;
}

RequestTraits TraitsOf(std::string_view action, const PrincipalInfo& principal,
                       const ArnView& resource,
                       std::string_view resource_account) {
  if (resource_account.empty() && resource.count == 6) {
    resource_account = resource.parts[4];
  }
  if (resource_account.empty()) resource_account = principal.account;
  RequestTraits t;
  t.principal_side = principal.InAccount();
  t.get_caller_identity = EqualsIgnoreCase(action, "sts:GetCallerIdentity");
  t.is_root = principal.kind == PrincipalInfo::Kind::kAccountRoot;
  t.same_account = t.principal_side && principal.account == resource_account;
  constexpr std::string_view kAssumeRole = "sts:assumerole";
  const bool assume_role =
      action.size() >= kAssumeRole.size() &&
      EqualsIgnoreCase(action.substr(0, kAssumeRole.size()), kAssumeRole);
  t.trust_policy = assume_role && resource.count == 6 &&
                   resource.parts[2] == "iam" &&
                   resource.parts[5].starts_with("role/");
  t.key_policy = resource.count == 6 && resource.parts[2] == "kms" &&
                 resource.parts[5].starts_with("key/");
  return t;
}

QuickDecision QuickDecide(const SideShape& shape, const RequestTraits& traits,
                          const StatementHit* hits, size_t count) {
  const bool principal_side = traits.principal_side;
  bool deny = false;
  bool identity = false, boundary = false, session = false;
  PrincipalMatch resource_match = PrincipalMatch::kNone;
  absl::InlinedVector<bool, 8> scp_allows(shape.scp_levels, false);
  absl::InlinedVector<bool, 8> rcp_allows(shape.rcp_levels, false);
  for (size_t i = 0; i < count; ++i) {
    const StatementHit& hit = hits[i];
    switch (hit.role) {
      case PolicyRole::kIdentity:
      case PolicyRole::kPermissionsBoundary:
      case PolicyRole::kSession:
      case PolicyRole::kServiceControl:
        // Scanned only for principals in an account (SCPs: when any).
        if (!principal_side) continue;
        break;
      case PolicyRole::kResourceControl:
      case PolicyRole::kResource:
        break;
    }
    if (hit.effect != Effect::kAllow) {
      deny = true;
      continue;
    }
    switch (hit.role) {
      case PolicyRole::kIdentity:
        identity = true;
        break;
      case PolicyRole::kPermissionsBoundary:
        boundary = true;
        break;
      case PolicyRole::kSession:
        session = true;
        break;
      case PolicyRole::kServiceControl:
        if (hit.level < scp_allows.size()) scp_allows[hit.level] = true;
        break;
      case PolicyRole::kResourceControl:
        if (hit.level < rcp_allows.size()) rcp_allows[hit.level] = true;
        break;
      case PolicyRole::kResource:
        resource_match = std::max(resource_match, hit.via);
        break;
    }
  }
  const QuickDecision no{false, false};
  if (principal_side && traits.get_caller_identity) return {true, false};
  if (deny) return no;
  for (bool allowed : rcp_allows) {
    if (!allowed) return no;
  }
  if (principal_side) {
    for (bool allowed : scp_allows) {
      if (!allowed) return no;
    }
  }
  const bool identity_allows = traits.is_root || identity;
  const bool boundary_allows = !shape.boundary || boundary;
  const bool session_allows = !shape.session || session;
  const bool identity_side =
      identity_allows && boundary_allows && session_allows;
  if (!principal_side) {
    if (resource_match == PrincipalMatch::kNone) return no;
    return {true, true};
  }
  if (traits.same_account) {
    const bool must_resource = traits.trust_policy || traits.key_policy;
    if (must_resource && resource_match == PrincipalMatch::kNone) return no;
    if (resource_match == PrincipalMatch::kDirect ||
        (resource_match == PrincipalMatch::kEveryone && session_allows)) {
      return {true, true};
    }
    if (resource_match == PrincipalMatch::kRole) {
      if (boundary_allows && session_allows) return {true, true};
      return no;
    }
    if (resource_match == PrincipalMatch::kEveryone) return no;
    if (!identity_side) return no;
    return {true, must_resource};
  }
  if (!identity_side) return no;
  if (resource_match == PrincipalMatch::kNone) return no;
  return {true, true};
}

}  // namespace polygraph::iam::internal
