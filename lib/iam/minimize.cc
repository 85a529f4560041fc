// Minimize (include/polygraph/iam_minimize.h).
//
// Which original statements allow a used access is asked of the Authorizer
// over two derived copies of the policy, so that a condition the request
// cannot know about (the used-access sources record no request context)
// does not hide a statement:
//  - "known resource": Allow statements without their conditions; Deny
//    statements with conditions left out (they may or may not apply: they
//    are kept in the result instead);
//  - "unknown resource" (used resource "*"): as above, and Allow statements
//    match any resource; only unconditional Deny statements whose Resource
//    names every resource stay.
// Each allowed access then goes into the group of each allowing statement
// (only the unconditional ones when there are any): the group keeps that
// statement's conditions, and the used resource, or that statement's
// Resource patterns when the resource is unknown. So the result allows an
// access only where some original statement allows it under the same
// conditions, and the kept Deny statements deny what they denied before.

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "iam/minimize_internal.h"
#include "polygraph/iam_catalogue.h"
#include "polygraph/iam_compare.h"
#include "polygraph/iam_decision.h"
#include "polygraph/iam_minimize.h"

namespace polygraph::iam {
namespace {

// A derived copy of the policy and, for each of its statements, the index
// of the original statement.
struct Derived {
  Policy policy;
  std::vector<size_t> origin;
};

Derived DeriveForDecision(const Policy& policy, bool any_resource) {
  Derived derived;
  derived.policy.version = policy.version;
  derived.policy.id = policy.id;
  for (size_t i = 0; i < policy.statements.size(); ++i) {
    Statement statement = policy.statements[i];
    if (statement.effect == Effect::kDeny) {
      if (!statement.conditions.empty()) continue;
      if (any_resource) {
        bool every_resource = !statement.has_resource;
        if (!statement.not_resource) {
          for (const LocatedString& resource : statement.resources) {
            every_resource |= resource.value == "*";
          }
        }
        if (!every_resource) continue;
      }
    } else {
      statement.conditions.clear();
      if (any_resource) {
        statement.resources = {LocatedString{"*", {}, false}};
        statement.not_resource = false;
        statement.has_resource = true;
      }
    }
    derived.policy.statements.push_back(std::move(statement));
    derived.origin.push_back(i);
  }
  return derived;
}

// "${*}", "${?}" and "${$}" stand for the literal characters in a
// 2012-10-17 policy, so an ARN with them names only itself.
std::string EscapeArn(std::string_view arn) {
  std::string out;
  for (char c : arn) {
    if (c == '*' || c == '?' || c == '$') {
      absl::StrAppend(&out, "${", std::string(1, c), "}");
    } else {
      out.push_back(c);
    }
  }
  return out;
}

// A text that identifies a statement's conditions, for grouping.
std::string ConditionSignature(const std::vector<Condition>& conditions) {
  std::vector<std::string> parts;
  for (const Condition& condition : conditions) {
    std::string part = absl::StrCat(condition.op, "\x1f", condition.key);
    for (const LocatedString& value : condition.values) {
      absl::StrAppend(&part, "\x1f", value.value);
    }
    parts.push_back(std::move(part));
  }
  std::sort(parts.begin(), parts.end());
  std::string out;
  for (const std::string& part : parts) absl::StrAppend(&out, part, "\x1e");
  return out;
}

struct GroupKey {
  std::string conditions;  // ConditionSignature
  bool not_resource = false;
  friend bool operator<(const GroupKey& a, const GroupKey& b) {
    return std::tie(a.conditions, a.not_resource) <
           std::tie(b.conditions, b.not_resource);
  }
};

struct GroupData {
  std::vector<Condition> conditions;
  // Action (catalogue spelling, or as written) → its resources.
  std::map<std::string, std::set<std::string>> resources;
};

bool SameAccess(const UsedAccess& a, const UsedAccess& b) {
  return a.resource == b.resource &&
         absl::AsciiStrToLower(a.action) == absl::AsciiStrToLower(b.action);
}

}  // namespace

absl::StatusOr<MinimizedPolicy> Minimize(const Policy& policy,
                                         const std::vector<UsedAccess>& used,
                                         const MinimizeOptions& options) {
  if (used.empty()) {
    return absl::InvalidArgumentError("no used accesses to minimize to");
  }
  const Catalogue& catalogue = Catalogue::Builtin();
  const Derived known = DeriveForDecision(policy, /*any_resource=*/false);
  const Derived any = DeriveForDecision(policy, /*any_resource=*/true);
  absl::StatusOr<Authorizer> known_authorizer =
      Authorizer::Compile(PolicySet{.identity = {known.policy},
                                    .permissions_boundary = std::nullopt,
                                    .session = std::nullopt,
                                    .service_control_policies = {},
                                    .resource_control_policies = {},
                                    .resource_policy = std::nullopt});
  if (!known_authorizer.ok()) return known_authorizer.status();
  absl::StatusOr<Authorizer> any_authorizer =
      Authorizer::Compile(PolicySet{.identity = {any.policy},
                                    .permissions_boundary = std::nullopt,
                                    .session = std::nullopt,
                                    .service_control_policies = {},
                                    .resource_control_policies = {},
                                    .resource_policy = std::nullopt});
  if (!any_authorizer.ok()) return any_authorizer.status();

  MinimizedPolicy result;
  std::map<GroupKey, GroupData> groups;
  std::vector<std::string> allowed_actions;
  std::vector<UsedAccess> seen;
  for (const UsedAccess& access : used) {
    if (std::any_of(seen.begin(), seen.end(), [&](const UsedAccess& other) {
          return SameAccess(access, other);
        })) {
      continue;
    }
    seen.push_back(access);
    const std::optional<size_t> index = catalogue.FindAction(access.action);
    const std::string action =
        index ? catalogue.action(*index).FullName() : access.action;
    if (!index &&
        std::find(result.unknown_actions.begin(), result.unknown_actions.end(),
                  access.action) == result.unknown_actions.end()) {
      result.unknown_actions.push_back(access.action);
    }
    const bool unknown_resource = access.resource == "*";
    const Derived& derived = unknown_resource ? any : known;
    const Decision decision =
        (unknown_resource ? *any_authorizer : *known_authorizer)
            .Decide(
                Request{.principal = options.compare.principal,
                        .action = action,
                        .resource = access.resource,
                        .resource_account = options.compare.resource_account,
                        .context = {}});
    if (decision.kind != DecisionKind::kAllow) {
      result.not_allowed_by_original.push_back(access);
      continue;
    }
    std::vector<const Statement*> allowing;
    for (const DecidingStatement& deciding : decision.statements) {
      allowing.push_back(
          &policy.statements[derived.origin[deciding.statement_index]]);
    }
    if (std::any_of(allowing.begin(), allowing.end(),
                    [](const Statement* s) { return s->conditions.empty(); })) {
      std::erase_if(allowing,
                    [](const Statement* s) { return !s->conditions.empty(); });
    }
    allowed_actions.push_back(action);
    for (const Statement* statement : allowing) {
      GroupKey key{ConditionSignature(statement->conditions), false};
      std::vector<std::string> resources;
      if (!unknown_resource) {
        resources.push_back(EscapeArn(access.resource));
      } else if (!statement->has_resource) {
        resources.push_back("*");
      } else {
        key.not_resource = statement->not_resource;
        for (const LocatedString& resource : statement->resources) {
          resources.push_back(resource.value);
        }
      }
      GroupData& group = groups[key];
      group.conditions = statement->conditions;
      group.resources[action].insert(resources.begin(), resources.end());
    }
  }

  result.policy.version = "2012-10-17";
  std::vector<Statement> allows;
  for (const auto& [key, group] : groups) {
    // Actions with the same resources share a statement.
    std::map<std::set<std::string>, std::vector<std::string>> by_resources;
    for (const auto& [action, resources] : group.resources) {
      by_resources[resources].push_back(action);
    }
    for (const auto& [resources, actions] : by_resources) {
      Statement statement;
      statement.effect = Effect::kAllow;
      const std::vector<std::string> written =
          options.use_wildcards ? internal::CombineActions(actions) : actions;
      for (const std::string& action : written) {
        statement.actions.push_back(LocatedString{action, {}, false});
      }
      std::sort(statement.actions.begin(), statement.actions.end(),
                [](const LocatedString& a, const LocatedString& b) {
                  return a.value < b.value;
                });
      for (const std::string& resource : resources) {
        statement.resources.push_back(LocatedString{resource, {}, false});
      }
      statement.has_resource = true;
      statement.not_resource = key.not_resource;
      statement.conditions = group.conditions;
      allows.push_back(std::move(statement));
    }
  }
  std::sort(allows.begin(), allows.end(),
            [](const Statement& a, const Statement& b) {
              return a.actions.front().value < b.actions.front().value;
            });
  result.policy.statements = std::move(allows);

  // The original's Deny statements whose actions meet a used action.
  for (const Statement& statement : policy.statements) {
    if (statement.effect != Effect::kDeny) continue;
    Statement probe = statement;
    probe.conditions.clear();
    probe.resources = {LocatedString{"*", {}, false}};
    probe.not_resource = false;
    probe.has_resource = true;
    Policy probe_policy;
    probe_policy.version = policy.version;
    probe_policy.statements.push_back(std::move(probe));
    absl::StatusOr<Authorizer> authorizer =
        Authorizer::Compile(PolicySet{.identity = {probe_policy},
                                      .permissions_boundary = std::nullopt,
                                      .session = std::nullopt,
                                      .service_control_policies = {},
                                      .resource_control_policies = {},
                                      .resource_policy = std::nullopt});
    if (!authorizer.ok()) return authorizer.status();
    const bool applies = std::any_of(
        allowed_actions.begin(), allowed_actions.end(),
        [&](const std::string& action) {
          return authorizer
                     ->Decide(Request{
                         .principal = options.compare.principal,
                         .action = action,
                         .resource = "*",
                         .resource_account = options.compare.resource_account,
                         .context = {}})
                     .kind == DecisionKind::kExplicitDeny;
        });
    if (applies) result.policy.statements.push_back(statement);
  }

  absl::StatusOr<Comparison> proof =
      Compare(PolicySet{.identity = {policy},
                        .permissions_boundary = std::nullopt,
                        .session = std::nullopt,
                        .service_control_policies = {},
                        .resource_control_policies = {},
                        .resource_policy = std::nullopt},
              PolicySet{.identity = {result.policy},
                        .permissions_boundary = std::nullopt,
                        .session = std::nullopt,
                        .service_control_policies = {},
                        .resource_control_policies = {},
                        .resource_policy = std::nullopt},
              options.compare);
  if (!proof.ok()) return proof.status();
  result.proof = *std::move(proof);
  return result;
}

}  // namespace polygraph::iam
