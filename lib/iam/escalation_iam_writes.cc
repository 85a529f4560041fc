// The IAM-write techniques of EdgeFinder (escalation_finder.h):
// credentials (new access keys or login profiles of a user), policy-write
// (inline or attached policies of a principal or of its groups, or joining
// a group) and policy-version (a new default version of a customer managed
// policy).

#include <algorithm>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "iam/escalation_finder.h"
#include "polygraph/iam_account.h"

namespace polygraph::iam::internal {

absl::Status EdgeFinder::CredentialEdge(size_t p, size_t q) {
  const AccountPrincipal& to = account_.principals[q];
  std::vector<std::string> actions;
  std::vector<StatementRef> statements;
  for (std::string_view action : kCredentialActions) {
    absl::StatusOr<bool> allowed = Allowed(p, action, to.arn, &statements);
    if (!allowed.ok()) return allowed.status();
    if (*allowed) actions.emplace_back(action);
  }
  if (actions.empty()) return absl::OkStatus();
  std::string explanation =
      absl::StrCat(PrincipalLabel(account_.principals[p]),
                   " can create credentials for ", PrincipalLabel(to), " (",
                   absl::StrJoin(actions, ", "), ") and sign in as it");
  Emit(p, q, EscalationTechnique::kCredentials, std::move(actions), "",
       std::move(statements), std::move(explanation));
  return absl::OkStatus();
}

absl::Status EdgeFinder::WriteEdge(size_t p, size_t q,
                                   std::span<const std::string_view> own,
                                   const std::vector<std::string>& groups) {
  const AccountPrincipal& to = account_.principals[q];
  std::vector<std::string> actions;
  std::vector<StatementRef> statements;
  std::vector<std::string> targets;
  // `make_target` names what the action writes, only when allowed.
  auto ask = [&](std::string_view action, const std::string& resource,
                 const auto& make_target) -> absl::Status {
    absl::StatusOr<bool> allowed = Allowed(p, action, resource, &statements);
    if (!allowed.ok()) return allowed.status();
    if (!*allowed) return absl::OkStatus();
    if (std::find(actions.begin(), actions.end(), action) == actions.end()) {
      actions.emplace_back(action);
    }
    std::string target = make_target();
    if (std::find(targets.begin(), targets.end(), target) == targets.end()) {
      targets.push_back(std::move(target));
    }
    return absl::OkStatus();
  };
  auto self = [&]() -> std::string {
    return p == q ? "its own policies"
                  : "the policies of " + PrincipalLabel(to);
  };
  for (std::string_view action : own) {
    absl::Status status = ask(action, to.arn, self);
    if (!status.ok()) return status;
  }
  if (to.kind == PrincipalKind::kUser) {
    for (const std::string& group : groups) {
      for (std::string_view action : kGroupWriteActions) {
        absl::Status status = ask(action, GroupArn(group), [&] {
          return absl::StrCat(
              "the policies of group \"", group, "\"",
              p == q ? " it belongs to" : " of " + PrincipalLabel(to));
        });
        if (!status.ok()) return status;
      }
    }
    if (p == q && Has(p, kAddUserToGroup)) {
      // Joining a group gives its policies: any known group, or one the
      // account model does not list (a wildcard grant).
      std::vector<std::string> candidates = groups_;
      candidates.push_back("*");
      for (const std::string& group : candidates) {
        if (std::binary_search(groups.begin(), groups.end(), group)) continue;
        absl::StatusOr<bool> allowed =
            Allowed(p, kAddUserToGroup, GroupArn(group), &statements);
        if (!allowed.ok()) return allowed.status();
        if (!*allowed) continue;
        actions.emplace_back(kAddUserToGroup);
        targets.push_back(group == "*" ? "its group memberships"
                                       : "its group memberships by joining \"" +
                                             group + "\"");
        break;
      }
    }
  }
  if (actions.empty()) return absl::OkStatus();
  std::string explanation = absl::StrCat(
      PrincipalLabel(account_.principals[p]), " can write ",
      absl::StrJoin(targets, " and "), " (", absl::StrJoin(actions, ", "), ")",
      p == q ? " and make itself an administrator" : "");
  Emit(p, q, EscalationTechnique::kPolicyWrite, std::move(actions), "",
       std::move(statements), std::move(explanation));
  return absl::OkStatus();
}

// The ARN of the customer managed policies P may rewrite is not in the
// account model: P qualifies when its policies allow the action on
// "arn:aws:iam::<account>:policy/*" (a grant on every customer managed
// policy), and reaches every principal with a managed policy attached.
absl::Status EdgeFinder::PolicyVersionEdges(size_t p) {
  if (!HasAny(p, kVersionActions)) return absl::OkStatus();
  const std::string any_policy =
      absl::StrCat("arn:aws:iam::", account_.id, ":policy/*");
  std::vector<std::string> actions;
  std::vector<StatementRef> statements;
  for (std::string_view action : kVersionActions) {
    absl::StatusOr<bool> allowed = Allowed(p, action, any_policy, &statements);
    if (!allowed.ok()) return allowed.status();
    if (*allowed) actions.emplace_back(action);
  }
  if (actions.empty()) return absl::OkStatus();
  for (size_t q = 0; q < account_.principals.size(); ++q) {
    const AccountPrincipal& to = account_.principals[q];
    const bool managed = std::any_of(
        to.identity_sources.begin(), to.identity_sources.end(),
        [](const PolicySource& source) {
          // AWS managed policies cannot be changed by anyone.
          return source.label.find("managed policy") != std::string::npos &&
                 source.label.find("AWS managed policy") == std::string::npos;
        });
    if (!managed) continue;
    std::string explanation = absl::StrCat(
        PrincipalLabel(account_.principals[p]),
        " can rewrite the managed policies ",
        p == q ? "attached to itself" : "attached to " + PrincipalLabel(to),
        " (", absl::StrJoin(actions, ", "), ")",
        p == q ? " and make itself an administrator" : "");
    Emit(p, q, EscalationTechnique::kPolicyVersion, actions, "", statements,
         std::move(explanation));
  }
  return absl::OkStatus();
}

}  // namespace polygraph::iam::internal
