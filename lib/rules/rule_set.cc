#include <algorithm>
#include <string>
#include <tuple>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "polygraph/rules.h"
#include "rules/builtin_rules_data.h"
#include "rules/check_context.h"
#include "rules/check_registry.h"
#include "rules/rule_metadata.h"

namespace polygraph {
namespace {

bool Contains(const std::vector<std::string>& ids, std::string_view id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

// Findings in report order: by place, then rule, then the rest so the order
// is total and runs are reproducible.
bool FindingBefore(const Finding& a, const Finding& b) {
  return std::tie(a.location.file, a.location.line, a.location.column,
                  a.rule_id, a.resource, a.message) <
         std::tie(b.location.file, b.location.line, b.location.column,
                  b.rule_id, b.resource, b.message);
}

}  // namespace

absl::StatusOr<RuleSet> RuleSet::Builtin() {
  RuleSet set;
  for (const rules::internal::EmbeddedRuleFile& file :
       rules::internal::BuiltinRuleFiles()) {
    std::string path = absl::StrCat(
        "rules/", absl::string_view(file.path.data(), file.path.size()));
    absl::StatusOr<RuleInfo> info =
        rules::internal::ParseRuleMetadata(path, file.text);
    if (!info.ok()) return info.status();
    if (set.Find(info->id) != nullptr) {
      return InputError(info->location,
                        absl::StrCat("duplicate rule id \"", info->id, "\""));
    }
    set.rules_.push_back(*std::move(info));
  }
  std::sort(set.rules_.begin(), set.rules_.end(),
            [](const RuleInfo& a, const RuleInfo& b) { return a.id < b.id; });
  return set;
}

const RuleInfo* RuleSet::Find(std::string_view id) const {
  for (const RuleInfo& rule : rules_) {
    if (rule.id == id) return &rule;
  }
  return nullptr;
}

absl::StatusOr<RuleSet> RuleSet::Select(
    const std::vector<std::string>& only,
    const std::vector<std::string>& skip) const {
  for (const std::vector<std::string>* ids : {&only, &skip}) {
    for (const std::string& id : *ids) {
      if (Find(id) == nullptr) {
        return absl::InvalidArgumentError(
            absl::StrCat("unknown rule id \"", id, "\""));
      }
    }
  }
  RuleSet selected;
  for (const RuleInfo& rule : rules_) {
    if ((only.empty() || Contains(only, rule.id)) && !Contains(skip, rule.id)) {
      selected.rules_.push_back(rule);
    }
  }
  return selected;
}

namespace {

// Appends to each finding on a resource created under a CloudFormation
// Condition which condition was assumed, so a reader knows the finding
// depends on the parameter values.
void SayAssumedConditions(const Model& model, std::vector<Finding>& findings) {
  absl::flat_hash_map<std::pair<std::string, std::string>, const Resource*>
      conditional;
  for (const Resource& resource : model.resources()) {
    if (resource.assumed_condition.empty()) continue;
    conditional.emplace(std::make_pair(resource.location.file, resource.name),
                        &resource);
  }
  if (conditional.empty()) return;
  for (Finding& finding : findings) {
    auto it = conditional.find(
        std::make_pair(finding.location.file, finding.resource));
    if (it == conditional.end()) continue;
    absl::StrAppend(&finding.message, " (assuming condition ",
                    it->second->assumed_condition, ")");
  }
}

}  // namespace

std::vector<Finding> RuleSet::Run(const Model& model,
                                  std::vector<Diagnostic>* diagnostics) const {
  rules::internal::CheckContext context(model);
  std::vector<Finding> findings;
  for (const RuleInfo& rule : rules_) {
    // Every rule's check was found when the set was built.
    rules::internal::CheckFunction check =
        rules::internal::FindCheck(rule.check);
    if (check == nullptr) continue;
    std::vector<Finding> found = check(context, rule);
    findings.insert(findings.end(), std::make_move_iterator(found.begin()),
                    std::make_move_iterator(found.end()));
  }
  SayAssumedConditions(model, findings);
  std::sort(findings.begin(), findings.end(), FindingBefore);
  if (diagnostics != nullptr) {
    for (Diagnostic& diagnostic : context.diagnostics()) {
      diagnostics->push_back(std::move(diagnostic));
    }
  }
  return findings;
}

}  // namespace polygraph
