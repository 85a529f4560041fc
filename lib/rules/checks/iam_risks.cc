// PG-IAM-011 (data exfiltration) and PG-IAM-012 (credentials exposure): the
// risk categories of a role's or user's effective permissions
// (iam_effective.h) that no statement-level rule reports. Only actions that
// can be scoped to resources count (so the fix is possible) and, for
// credentials, only those below Write level: unscoped writes are
// PG-IAM-003's.

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "polygraph/account_from_model.h"
#include "polygraph/iam_catalogue.h"
#include "polygraph/iam_effective.h"
#include "rules/check_registry.h"
#include "rules/checks/checks.h"

namespace polygraph::rules::internal {
namespace {

using ::polygraph::internal::JoinFirst;
using ::polygraph::internal::ToAbsl;

// The risk's actions that qualify: scopable, and below Write unless
// `writes_too`.
std::vector<std::string> Qualifying(const iam::Risk& risk, bool writes_too) {
  const iam::Catalogue& catalogue = iam::Catalogue::Builtin();
  std::vector<std::string> out;
  for (const std::string& name : risk.actions) {
    std::optional<size_t> index = catalogue.FindAction(name);
    if (!index.has_value()) continue;
    const iam::ActionInfo& action = catalogue.action(*index);
    if (action.resources.empty()) continue;
    if (!writes_too &&
        (action.access_level == iam::AccessLevel::kWrite ||
         action.access_level == iam::AccessLevel::kPermissionsManagement)) {
      continue;
    }
    out.push_back(name);
  }
  return out;
}

// `on Resource "*"`, or `on every resource except "a", "b"` for a grant
// read from NotResource.
std::string Where(const std::string& pattern) {
  constexpr std::string_view kNot = "NotResource: ";
  if (pattern.rfind(kNot, 0) == 0) {
    return absl::StrCat("on every resource except NotResource \"",
                        pattern.substr(kNot.size()), "\"");
  }
  return absl::StrCat("on Resource \"", pattern, "\"");
}

std::vector<Finding> RiskFindings(const CheckContext& context,
                                  const RuleInfo& rule,
                                  iam::RiskCategory category, bool writes_too,
                                  std::string_view what,
                                  std::string_view example) {
  const AccountAnalysis& analysis = context.account();
  std::vector<Finding> findings;
  for (const iam::Risk& risk : analysis.risks) {
    if (risk.category != category) continue;
    std::vector<std::string> actions = Qualifying(risk, writes_too);
    if (actions.empty()) continue;
    const iam::AccountPrincipal& principal =
        analysis.account.principals[risk.principal];
    Finding finding = NewFinding(rule);
    finding.location = risk.statements.empty() ? principal.location
                                               : risk.statements[0].location;
    finding.resource = principal.name;
    finding.message =
        absl::StrCat(iam::PrincipalLabel(principal), " can ", ToAbsl(what), " ",
                     Where(risk.resource_pattern), ": ", JoinFirst(actions, 5));
    finding.fix = absl::StrCat("Allow ", actions.front(),
                               " only on the ARNs it needs, e.g. ",
                               ToAbsl(example), ", instead of ",
                               Where(risk.resource_pattern).substr(3), ".");
    findings.push_back(std::move(finding));
  }
  return findings;
}

}  // namespace

std::vector<Finding> CheckIamDataExfiltration(const CheckContext& context,
                                              const RuleInfo& rule) {
  return RiskFindings(context, rule, iam::RiskCategory::kDataExfiltration,
                      /*writes_too=*/true, "read data or secrets anywhere",
                      "arn:aws:s3:::app-bucket/prefix/* or "
                      "arn:aws:secretsmanager:REGION:ACCOUNT:secret:app/*");
}

std::vector<Finding> CheckIamCredentialsExposure(const CheckContext& context,
                                                 const RuleInfo& rule) {
  return RiskFindings(context, rule, iam::RiskCategory::kCredentialsExposure,
                      /*writes_too=*/false, "obtain credentials anywhere",
                      "arn:aws:ec2:REGION:ACCOUNT:instance/INSTANCE-ID");
}

}  // namespace polygraph::rules::internal
