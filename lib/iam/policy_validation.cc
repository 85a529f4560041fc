// ValidatePolicy: parses the policy, runs every check group and orders the
// issues by position. Also the context the check groups share.

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "base/strings.h"
#include "iam/validation_internal.h"
#include "polygraph/glob.h"
#include "polygraph/iam_validation.h"

namespace polygraph::iam {
namespace validation_internal {

ValidationContext::ValidationContext(const Value& document,
                                     const Policy& policy, PolicyKind kind,
                                     const Catalogue& catalogue)
    : document_(document), policy_(policy), kind_(kind), catalogue_(catalogue) {
  if (const Value* statements = document.Find("Statement");
      statements != nullptr) {
    IndexStatements(*statements, 0, /*conditional=*/false);
  }
}

// Statement positions are objects, arrays of them, and Fn::If objects (or
// "!If" arrays) whose branches hold more; ParsePolicy accepts the same
// shapes. The depth bound only guards against a hostile tree.
void ValidationContext::IndexStatements(const Value& value, int depth,
                                        bool conditional) {
  if (depth > 64) return;
  if (value.is_array()) {
    bool branches = conditional || value.tag == "!If";
    for (const Value& item : value.items) {
      IndexStatements(item, depth + 1, branches);
    }
    return;
  }
  if (!value.is_object()) return;
  if (value.keys.size() == 1 && value.keys[0] == "Fn::If") {
    IndexStatements(value.items[0], depth + 1, /*conditional=*/true);
    return;
  }
  statements_.emplace(
      std::make_pair(value.location.line, value.location.column),
      IndexedStatement{&value, conditional});
}

const Value* ValidationContext::StatementValue(
    const Statement& statement) const {
  auto it = statements_.find(
      std::make_pair(statement.location.line, statement.location.column));
  return it == statements_.end() ? nullptr : it->second.value;
}

bool ValidationContext::IsConditional(const Statement& statement) const {
  auto it = statements_.find(
      std::make_pair(statement.location.line, statement.location.column));
  return it == statements_.end() || it->second.conditional;
}

const Value* ValidationContext::Element(const Statement& statement,
                                        std::string_view key) const {
  const Value* value = StatementValue(statement);
  return value == nullptr ? nullptr : value->Find(key);
}

SourceLocation ValidationContext::ElementLocation(const Statement& statement,
                                                  std::string_view key) const {
  const Value* value = StatementValue(statement);
  return value == nullptr ? statement.location : value->KeyLocation(key);
}

const ActionSet& ValidationContext::Expand(std::string_view pattern) {
  std::unique_ptr<ActionSet>& expansion = expansions_[pattern];
  if (expansion == nullptr) {
    if (HasWildcard(pattern)) {
      expansion = std::make_unique<ActionSet>(catalogue_.Expand(pattern));
    } else {
      expansion = std::make_unique<ActionSet>(catalogue_.None());
      if (std::optional<size_t> index = FindAction(pattern)) {
        expansion->Insert(*index);
      }
    }
  }
  return *expansion;
}

const std::vector<size_t>& ValidationContext::CatalogueIndices(
    const Statement& statement) {
  auto [it, inserted] = catalogue_indices_.try_emplace(&statement);
  if (inserted) {
    it->second.reserve(statement.actions.size());
    for (const LocatedString& action : statement.actions) {
      std::optional<size_t> index;
      if (!action.symbolic && !HasWildcard(action.value)) {
        index = FindAction(action.value);
      }
      it->second.push_back(index.value_or(kNoAction));
    }
  }
  return it->second;
}

std::optional<size_t> ValidationContext::FindAction(
    std::string_view action) const {
  // Expand matches a literal pattern's name against the service's action
  // names ignoring ASCII case, and the catalogue rejects two names of one
  // service that differ only in case: the one action FindAction finds is
  // the whole expansion.
  return catalogue_.FindAction(action);
}

const ActionCoverIndex& ValidationContext::CoverIndex(
    const Statement& statement) {
  std::unique_ptr<ActionCoverIndex>& index = cover_indexes_[&statement];
  if (index == nullptr) {
    static_assert(kNoAction == ActionCoverIndex::kUnknown);
    index = std::make_unique<ActionCoverIndex>(statement.actions,
                                               &CatalogueIndices(statement));
  }
  return *index;
}

void ValidationContext::Add(std::string_view code, ValidationCategory category,
                            const SourceLocation& location, std::string message,
                            std::string fix) {
  issues_.push_back(ValidationIssue{std::string(code), category, location,
                                    std::move(message), std::move(fix)});
}

ParseErrorClass ClassifyParseError(std::string_view reason) {
  const absl::string_view text = internal::ToAbsl(reason);
  struct Rule {
    absl::string_view needle;
    absl::string_view code;
    absl::string_view fix;
  };
  // Checked in order: the first needle the message holds decides.
  static constexpr Rule kRules[] = {
      {"Version must be", "INVALID_VERSION",
       "Set \"Version\" to \"2012-10-17\"."},
      {"Effect must be", "INVALID_EFFECT",
       "Set \"Effect\" to \"Allow\" or \"Deny\" (case-sensitive)."},
      {"statement has no Effect", "MISSING_EFFECT",
       "Add \"Effect\": \"Allow\" or \"Deny\" to the statement."},
      {"neither Action nor NotAction", "MISSING_ACTION",
       "Add an \"Action\" element listing the actions the statement covers."},
      {"policy has no Statement", "MISSING_STATEMENT",
       "Add a \"Statement\" element with at least one statement."},
      {"unknown policy element", "INVALID_POLICY_ELEMENT",
       "Remove the element or correct its spelling (Version, Id, Statement)."},
      {"unknown statement element", "INVALID_POLICY_ELEMENT",
       "Remove the element or correct its spelling (Sid, Effect, Principal, "
       "Action, Resource, Condition, or their Not forms)."},
      {"duplicate statement element", "DUPLICATE_ELEMENT",
       "Merge the duplicated elements into one."},
      {"unknown principal type", "INVALID_PRINCIPAL_KEY",
       "Use one of the principal types AWS, Service, Federated or "
       "CanonicalUser."},
      {"statement has both", "UNSUPPORTED_ELEMENT_COMBINATION",
       "Keep only one of the two elements in the statement."},
      {" must be ", "DATA_TYPE_MISMATCH",
       "Write the element with the JSON type the message names."},
  };
  for (const Rule& rule : kRules) {
    if (absl::StrContains(text, rule.needle)) {
      return ParseErrorClass{std::string(rule.code), std::string(rule.fix)};
    }
  }
  return ParseErrorClass{"INVALID_POLICY",
                         "Correct the policy grammar at this element."};
}

bool HasWildcard(std::string_view text) {
  // A plain loop: find_first_of calls memchr on "*?" for every character,
  // and the redundancy checks ask this of every action many times.
  for (char c : text) {
    if (c == '*' || c == '?') return true;
  }
  return false;
}

bool HasVariableSyntax(std::string_view text) {
  return text.find("${") != std::string_view::npos;
}

std::string_view ActionService(std::string_view action) {
  size_t colon = action.find(':');
  return colon == std::string_view::npos ? std::string_view()
                                         : action.substr(0, colon);
}

bool ActionPatternCovers(std::string_view pattern, std::string_view covered) {
  if (pattern == "*") return true;
  if (!HasWildcard(covered)) {
    return GlobMatch(pattern, covered, GlobCase::kInsensitive);
  }
  // `covered` is itself a pattern: only a prefix pattern of `pattern` whose
  // literal part `covered` starts with is certain to match all it matches.
  if (pattern.empty() || pattern.back() != '*') return false;
  std::string_view prefix = pattern.substr(0, pattern.size() - 1);
  if (HasWildcard(prefix) || prefix.find(':') == std::string_view::npos) {
    return false;
  }
  return covered.size() >= prefix.size() &&
         absl::EqualsIgnoreCase(
             internal::ToAbsl(covered.substr(0, prefix.size())),
             internal::ToAbsl(prefix));
}

std::string StatementName(const Policy& policy, const Statement& statement) {
  if (!statement.sid.empty()) {
    return absl::StrCat("statement ", internal::QuoteForMessage(statement.sid));
  }
  const Statement* first = policy.statements.data();
  if (&statement >= first && &statement < first + policy.statements.size()) {
    return absl::StrCat("statement ", &statement - first + 1);
  }
  return "statement";
}

}  // namespace validation_internal

std::string_view ValidationCategoryName(ValidationCategory category) {
  switch (category) {
    case ValidationCategory::kError:
      return "error";
    case ValidationCategory::kSecurityWarning:
      return "security-warning";
    case ValidationCategory::kWarning:
      return "warning";
    case ValidationCategory::kSuggestion:
      return "suggestion";
  }
  return "error";
}

Finding ValidationIssue::ToFinding() const {
  Finding finding;
  finding.rule_id = absl::StrCat(
      "PG-IAMV-", absl::StrReplaceAll(internal::ToAbsl(code), {{"_", "-"}}));
  switch (category) {
    case ValidationCategory::kError:
    case ValidationCategory::kSecurityWarning:
      finding.severity = Severity::kHigh;
      break;
    case ValidationCategory::kWarning:
      finding.severity = Severity::kMedium;
      break;
    case ValidationCategory::kSuggestion:
      finding.severity = Severity::kLow;
      break;
  }
  finding.title = absl::StrCat(
      internal::ToAbsl(ValidationCategoryName(category)), ": ", code);
  finding.location = location;
  finding.message = message;
  finding.fix = fix;
  return finding;
}

std::vector<ValidationIssue> ValidatePolicy(const Value& document,
                                            const ValidationOptions& options) {
  // Parsed as kAny: the kind's required and forbidden elements are checked
  // below, statement by statement, so that every offender is reported.
  absl::StatusOr<Policy> policy = ParsePolicy(document, {});
  if (!policy.ok()) {
    const absl::string_view status_message = policy.status().message();
    const std::string_view message(status_message.data(),
                                   status_message.size());
    std::optional<SourceLocation> location = ErrorLocation(policy.status());
    SourceLocation at = location.value_or(document.location);
    // InputError messages start with "file:line:col: "; the reason follows.
    std::string prefix = absl::StrCat(at.ToString(), ": ");
    std::string_view reason = message;
    if (location.has_value() &&
        absl::StartsWith(internal::ToAbsl(message), prefix)) {
      reason.remove_prefix(prefix.size());
    }
    validation_internal::ParseErrorClass kind =
        validation_internal::ClassifyParseError(reason);
    std::vector<ValidationIssue> issues;
    issues.push_back(ValidationIssue{std::move(kind.code),
                                     ValidationCategory::kError, at,
                                     std::string(reason), std::move(kind.fix)});
    return issues;
  }

  validation_internal::ValidationContext context(
      document, *policy, options.kind, Catalogue::Builtin());
  validation_internal::CheckPolicyGrammar(context);
  for (const Statement& statement : policy->statements) {
    validation_internal::CheckStatementGrammar(context, statement);
    validation_internal::CheckPrincipals(context, statement);
    validation_internal::CheckActions(context, statement);
    validation_internal::CheckResourceArns(context, statement);
    validation_internal::CheckConditions(context, statement);
    validation_internal::CheckSecurity(context, statement);
  }
  validation_internal::CheckRedundantStatements(context);

  std::vector<ValidationIssue> issues = context.TakeIssues();
  std::stable_sort(issues.begin(), issues.end(),
                   [](const ValidationIssue& a, const ValidationIssue& b) {
                     return std::make_pair(a.location.line, a.location.column) <
                            std::make_pair(b.location.line, b.location.column);
                   });
  return issues;
}

}  // namespace polygraph::iam
