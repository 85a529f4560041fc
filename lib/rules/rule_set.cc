#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <system_error>
#include <tuple>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "polygraph/rules.h"
#include "rules/builtin_rules_data.h"
#include "rules/check_context.h"
#include "rules/check_registry.h"
#include "rules/rule_check.h"
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

Diagnostic RuleError(const absl::Status& status, const std::string& file) {
  Diagnostic diagnostic;
  diagnostic.level = Diagnostic::Level::kError;
  diagnostic.code = "rule-error";
  diagnostic.location =
      ErrorLocation(status).value_or(SourceLocation{file, 0, 0});
  diagnostic.message = ErrorReason(status);
  return diagnostic;
}

// The rule files under `path`: itself when a file, else every *.yaml and
// *.yml below it, sorted.
absl::StatusOr<std::vector<std::string>> RuleFilesUnder(
    const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code error;
  if (!fs::exists(path, error)) {
    return absl::NotFoundError(absl::StrCat(path, ": no such file or folder"));
  }
  if (!fs::is_directory(path, error)) return std::vector<std::string>{path};
  std::vector<std::string> files;
  fs::recursive_directory_iterator it(path, error), end;
  if (error) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": cannot read folder: ", error.message()));
  }
  for (; it != end; it.increment(error)) {
    if (error) break;
    if (!it->is_regular_file(error)) continue;
    std::string extension = it->path().extension().string();
    if (extension == ".yaml" || extension == ".yml") {
      files.push_back(it->path().string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return InputError({path, 0, 0}, "cannot read rule file");
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

absl::StatusOr<RuleSet> RuleSet::Builtin() {
  // The embedded files never change: parsed and compiled once per process
  // (thread-safe static initialization), then copied; the compiled checks
  // are shared, immutable.
  static const absl::StatusOr<RuleSet>* const builtin =
      new absl::StatusOr<RuleSet>(ParseBuiltin());
  return *builtin;
}

absl::StatusOr<RuleSet> RuleSet::ParseBuiltin() {
  RuleSet set;
  std::vector<rules::internal::ParsedRule> parsed;
  for (const rules::internal::EmbeddedRuleFile& file :
       rules::internal::BuiltinRuleFiles()) {
    std::string path = absl::StrCat(
        "rules/", absl::string_view(file.path.data(), file.path.size()));
    absl::StatusOr<rules::internal::ParsedRule> rule =
        rules::internal::ParseRuleFile(path, file.text, /*builtin=*/true);
    if (!rule.ok()) return rule.status();
    for (const rules::internal::ParsedRule& seen : parsed) {
      if (seen.info.id == rule->info.id) {
        return InputError(
            rule->info.location,
            absl::StrCat("duplicate rule id \"", rule->info.id, "\""));
      }
    }
    parsed.push_back(*std::move(rule));
  }
  std::sort(parsed.begin(), parsed.end(),
            [](const rules::internal::ParsedRule& a,
               const rules::internal::ParsedRule& b) {
              return a.info.id < b.info.id;
            });
  for (rules::internal::ParsedRule& rule : parsed) {
    set.rules_.push_back(std::move(rule.info));
    set.checks_.push_back(std::move(rule.check));
  }
  return set;
}

const RuleInfo* RuleSet::Find(std::string_view id) const {
  auto it = std::lower_bound(
      rules_.begin(), rules_.end(), id,
      [](const RuleInfo& rule, std::string_view key) { return rule.id < key; });
  if (it == rules_.end() || it->id != id) return nullptr;
  return &*it;
}

RuleSet RuleSet::WithRuleFiles(const std::vector<std::string>& paths,
                               std::vector<Diagnostic>* diagnostics) const {
  RuleSet set = *this;
  for (const std::string& path : paths) {
    absl::StatusOr<std::vector<std::string>> files = RuleFilesUnder(path);
    if (!files.ok()) {
      diagnostics->push_back(RuleError(files.status(), path));
      continue;
    }
    for (const std::string& file : *files) {
      absl::StatusOr<std::string> text = ReadFile(file);
      absl::StatusOr<rules::internal::ParsedRule> rule =
          text.ok()
              ? rules::internal::ParseRuleFile(file, *text,
                                               /*builtin=*/false)
              : absl::StatusOr<rules::internal::ParsedRule>(text.status());
      if (rule.ok() && set.Find(rule->info.id) != nullptr) {
        rule = InputError(
            {file, 1, 1},
            absl::StrCat("duplicate rule id \"", rule->info.id,
                         "\" (already defined by ",
                         set.Find(rule->info.id)->location.ToString(), ")"));
      }
      if (!rule.ok()) {
        diagnostics->push_back(RuleError(rule.status(), file));
        continue;
      }
      set.Insert(std::move(rule->info), std::move(rule->check));
    }
  }
  return set;
}

absl::StatusOr<RuleSet> RuleSet::WithRule(HostRule rule) const {
  RuleInfo& info = rule.info;
  if (!rules::internal::IsValidUserRuleId(info.id)) {
    return absl::InvalidArgumentError(
        absl::StrCat("host rule id \"", info.id,
                     "\" is not of the form [A-Z][A-Z0-9]*(-[A-Z0-9]+)+"));
  }
  if (Find(info.id) != nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("host rule id \"", info.id, "\" is taken"));
  }
  if (info.title.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("host rule \"", info.id, "\" has no title"));
  }
  if (!rule.check) {
    return absl::InvalidArgumentError(
        absl::StrCat("host rule \"", info.id, "\" has no check"));
  }
  info.check.clear();
  if (info.category.empty()) info.category = "custom";
  RuleSet set = *this;
  RuleInfo copy = info;
  set.Insert(std::move(copy), rules::internal::MakeHostCheck(std::move(rule)));
  return set;
}

void RuleSet::Insert(RuleInfo info,
                     std::shared_ptr<const rules::internal::RuleCheck> check) {
  auto it = std::lower_bound(rules_.begin(), rules_.end(), info.id,
                             [](const RuleInfo& rule, const std::string& key) {
                               return rule.id < key;
                             });
  size_t index = static_cast<size_t>(it - rules_.begin());
  rules_.insert(it, std::move(info));
  checks_.insert(checks_.begin() + static_cast<std::ptrdiff_t>(index),
                 std::move(check));
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
  for (size_t i = 0; i < rules_.size(); ++i) {
    const RuleInfo& rule = rules_[i];
    if ((only.empty() || Contains(only, rule.id)) && !Contains(skip, rule.id)) {
      selected.rules_.push_back(rule);
      selected.checks_.push_back(checks_[i]);
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
  for (size_t i = 0; i < rules_.size(); ++i) {
    std::vector<Finding> found = checks_[i]->Run(context, rules_[i]);
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
