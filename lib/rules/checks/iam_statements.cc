// Shared helpers of the IAM checks (iam_internal.h).

#include <string>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "rules/checks/iam_internal.h"
#include "rules/checks/terraform_fix.h"

namespace polygraph::rules::internal {

std::string PolicyOwnerName(const Model& model, const PolicyDocument& policy) {
  return policy.owner < model.resources().size()
             ? model.resources()[policy.owner].name
             : policy.name;
}

bool IsTerraformPolicy(const Model& model, const PolicyDocument& policy) {
  return policy.owner < model.resources().size() &&
         IsTerraform(model.resources()[policy.owner]);
}

std::string StatementLabel(const PolicyDocument& policy,
                           const iam::Statement& statement) {
  std::string label = absl::StrCat("policy \"", policy.name, "\"");
  if (!statement.sid.empty())
    absl::StrAppend(&label, " statement \"", statement.sid, "\"");
  return label;
}

bool HasWildcardResource(const iam::Statement& statement) {
  if (!statement.has_resource || statement.not_resource) return false;
  for (const iam::LocatedString& resource : statement.resources) {
    if (!resource.symbolic && resource.value == "*") return true;
  }
  return false;
}

iam::ActionSet StatementActions(const iam::Statement& statement) {
  const iam::Catalogue& catalogue = iam::Catalogue::Builtin();
  iam::ActionSet named = catalogue.None();
  for (const iam::LocatedString& action : statement.actions) {
    if (action.symbolic) continue;
    named |= catalogue.Expand(action.value);
  }
  return statement.not_action ? named.Complement() : named;
}

bool IsAdminEquivalent(const iam::Statement& statement) {
  if (statement.effect != iam::Effect::kAllow ||
      !statement.conditions.empty() || !HasWildcardResource(statement)) {
    return false;
  }
  const iam::Catalogue& catalogue = iam::Catalogue::Builtin();
  const iam::ActionSet allowed = StatementActions(statement);
  const iam::ActionSet all = catalogue.All();
  if (allowed == all) return true;
  iam::ActionSet iam_management = catalogue.None();
  for (size_t index : catalogue.Expand("iam:*").Indices()) {
    if (catalogue.action(index).access_level ==
        iam::AccessLevel::kPermissionsManagement) {
      iam_management.Insert(index);
    }
  }
  return iam_management.IsSubsetOf(allowed) &&
         allowed.Count() * 100 >= all.Count() * 95;
}

SourceLocation FirstActionLocation(const iam::Statement& statement) {
  for (const iam::LocatedString& action : statement.actions) {
    if (action.location.known()) return action.location;
  }
  return statement.location;
}

std::string ActionList(const iam::ActionSet& set, size_t limit) {
  const iam::Catalogue& catalogue = iam::Catalogue::Builtin();
  std::string out;
  size_t shown = 0;
  const std::vector<size_t> indices = set.Indices();
  for (size_t index : indices) {
    if (shown == limit) break;
    absl::StrAppend(&out, shown == 0 ? "" : ", ",
                    catalogue.action(index).FullName());
    ++shown;
  }
  if (indices.size() > shown)
    absl::StrAppend(&out, " and ", indices.size() - shown, " more");
  return out;
}

std::string ElementName(std::string_view word, bool terraform) {
  const absl::string_view text(word.data(), word.size());
  if (!terraform) return std::string(text);
  std::string_view block;
  if (word == "Action") block = "actions";
  if (word == "NotAction") block = "not_actions";
  if (word == "Resource") block = "resources";
  if (word == "Principal") block = "principals";
  if (word == "NotPrincipal") block = "not_principals";
  if (word == "Condition") block = "condition";
  if (block.empty()) return std::string(text);
  return absl::StrCat(text, " (", absl::string_view(block.data(), block.size()),
                      " in an aws_iam_policy_document)");
}

}  // namespace polygraph::rules::internal
