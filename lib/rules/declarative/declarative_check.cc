// A rule decided by a declarative check: one finding per selected resource
// where `where` holds and `require` does not.

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "rules/declarative/predicate.h"
#include "rules/rule_check.h"

namespace polygraph::rules::internal {
namespace {

// Fills {resource} {type} {attribute} {value} {expected}; "{{" and "}}" are
// braces. Unknown placeholders were rejected when the rule was compiled.
std::string Fill(const std::string& text, const Resource& resource,
                 const Evidence& evidence) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 2, "{{") == 0 || text.compare(i, 2, "}}") == 0) {
      out.push_back(text[i]);
      ++i;
      continue;
    }
    size_t close = text[i] == '{' ? text.find('}', i) : std::string::npos;
    if (close == std::string::npos) {
      out.push_back(text[i]);
      continue;
    }
    std::string name = text.substr(i + 1, close - i - 1);
    if (name == "resource") {
      out += resource.name;
    } else if (name == "type") {
      out += resource.type;
    } else if (name == "attribute") {
      out += evidence.attribute;
    } else if (name == "value") {
      out += evidence.value;
    } else if (name == "expected") {
      out += evidence.expected;
    } else {
      out += text.substr(i, close - i + 1);
    }
    i = close;
  }
  return out;
}

class DeclarativeCheck final : public RuleCheck {
 public:
  explicit DeclarativeCheck(DeclarativeSpec spec) : spec_(std::move(spec)) {}

  std::vector<Finding> Run(const CheckContext& context,
                           const RuleInfo& rule) const override {
    const Model& model = context.model();
    std::vector<Finding> findings;
    for (size_t i = 0; i < model.resources().size(); ++i) {
      const Resource& resource = model.resources()[i];
      if (!Selects(spec_.resources, resource)) continue;
      if (spec_.where.has_value() &&
          !Evaluate(*spec_.where, context, i, resource.properties, "", {})
               .holds) {
        continue;
      }
      Outcome outcome =
          Evaluate(spec_.require, context, i, resource.properties, "", {});
      if (outcome.holds) continue;
      Finding finding = NewFinding(rule);
      finding.resource = resource.name;
      finding.location = outcome.evidence.location.known()
                             ? outcome.evidence.location
                             : resource.location;
      finding.message = Fill(spec_.message, resource, outcome.evidence);
      const std::string& fix = resource.format == SourceFormat::kTerraform &&
                                       !spec_.fix_terraform.empty()
                                   ? spec_.fix_terraform
                                   : spec_.fix;
      finding.fix = fix.empty() ? rule.remediation
                                : Fill(fix, resource, outcome.evidence);
      findings.push_back(std::move(finding));
    }
    return findings;
  }

 private:
  DeclarativeSpec spec_;
};

}  // namespace

std::shared_ptr<const RuleCheck> MakeDeclarativeCheck(DeclarativeSpec spec) {
  return std::make_shared<DeclarativeCheck>(std::move(spec));
}

}  // namespace polygraph::rules::internal
