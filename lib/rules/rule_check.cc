#include "rules/rule_check.h"

#include <algorithm>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"

namespace polygraph::rules::internal {
namespace {

class NamedRuleCheck final : public RuleCheck {
 public:
  explicit NamedRuleCheck(CheckFunction function) : function_(function) {}
  std::vector<Finding> Run(const CheckContext& context,
                           const RuleInfo& rule) const override {
    return function_(context, rule);
  }

 private:
  CheckFunction function_;
};

class HostCheck final : public RuleCheck {
 public:
  explicit HostCheck(HostRule rule) : rule_(std::move(rule)) {}

  std::vector<Finding> Run(const CheckContext& context,
                           const RuleInfo& rule) const override {
    const Model& model = context.model();
    std::vector<Finding> findings;
    for (size_t i = 0; i < model.resources().size(); ++i) {
      const Resource& resource = model.resources()[i];
      if (!rule_.kinds.empty() &&
          std::find(rule_.kinds.begin(), rule_.kinds.end(), resource.kind) ==
              rule_.kinds.end()) {
        continue;
      }
      absl::StatusOr<std::vector<Finding>> found = rule_.check(model, i);
      if (!found.ok()) {
        Diagnostic diagnostic;
        diagnostic.level = Diagnostic::Level::kError;
        diagnostic.code = "rule-error";
        diagnostic.location = resource.location;
        diagnostic.message =
            absl::StrCat("rule ", rule.id, " failed on resource ",
                         resource.name, ": ", found.status().message());
        context.AddDiagnostic(std::move(diagnostic));
        continue;
      }
      for (Finding& finding : *found) {
        if (finding.rule_id.empty()) {
          // Not made by NewFinding: Finding's default severity stands for
          // "the rule's".
          if (finding.severity == Severity::kMedium) {
            finding.severity = rule.severity;
          }
          finding.rule_id = rule.id;
        }
        if (finding.title.empty()) finding.title = rule.title;
        if (finding.resource.empty()) finding.resource = resource.name;
        if (!finding.location.known()) {
          std::string file = finding.location.file;
          finding.location = resource.location;
          if (!file.empty()) finding.location.file = file;
        } else if (finding.location.file.empty()) {
          finding.location.file = resource.location.file;
        }
        if (finding.fix.empty()) finding.fix = rule.remediation;
        findings.push_back(std::move(finding));
      }
    }
    return findings;
  }

 private:
  HostRule rule_;
};

}  // namespace

std::shared_ptr<const RuleCheck> MakeNamedCheck(CheckFunction function) {
  return std::make_shared<NamedRuleCheck>(function);
}

std::shared_ptr<const RuleCheck> MakeHostCheck(HostRule rule) {
  return std::make_shared<HostCheck>(std::move(rule));
}

}  // namespace polygraph::rules::internal
