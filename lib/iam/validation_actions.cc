// Actions against the catalogue: unknown services and actions, and actions
// another entry of the same statement already covers.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "iam/validation_coverage.h"
#include "iam/validation_internal.h"
#include "polygraph/iam_catalogue.h"

namespace polygraph::iam::validation_internal {
namespace {

using internal::QuoteForMessage;
using internal::ToAbsl;

// Statements longer than this (far past any policy AWS accepts) are not
// searched for redundant actions.
constexpr size_t kMaxActionsForRedundancy = 2000;

// True for an entry the catalogue checks apply to: written literally, of
// the form "service:name", without a policy variable.
bool IsCheckableAction(const LocatedString& action) {
  if (action.symbolic || action.value == "*" ||
      HasVariableSyntax(action.value)) {
    return false;
  }
  size_t colon = action.value.find(':');
  return colon != std::string::npos && colon > 0 &&
         colon + 1 < action.value.size();
}

// `index` is the action's catalogue index (ValidationContext::
// CatalogueIndices).
void CheckAgainstCatalogue(ValidationContext& context,
                           const LocatedString& action, size_t index) {
  const Catalogue& catalogue = context.catalogue();
  // A literal action the catalogue knows names a known service: the common
  // case needs one lookup.
  const bool literal = !HasWildcard(action.value);
  if (literal && index != ValidationContext::kNoAction) return;
  std::string_view service = ActionService(action.value);
  if (!HasWildcard(service) && !catalogue.HasService(service)) {
    context.Add(
        "UNKNOWN_SERVICE", ValidationCategory::kWarning, action.location,
        absl::StrCat("action ", QuoteForMessage(action.value),
                     " names the service prefix ", QuoteForMessage(service),
                     ", which no AWS service uses"),
        "Correct the service prefix (e.g. \"s3\", \"ec2\", "
        "\"dynamodb\"); the Service Authorization Reference lists "
        "them.");
    return;
  }
  if (literal || context.Expand(action.value).Empty()) {
    context.Add("UNKNOWN_ACTION", ValidationCategory::kWarning, action.location,
                absl::StrCat("action ", QuoteForMessage(action.value),
                             literal ? " is not an action of the service"
                                     : " matches no action of the service"),
                "Correct the action name; the Service Authorization "
                "Reference lists each service's actions.");
  }
}

void CheckRedundantActions(ValidationContext& context,
                           const Statement& statement) {
  const std::vector<LocatedString>& actions = statement.actions;
  if (actions.size() < 2 || actions.size() > kMaxActionsForRedundancy) return;
  // The entry reported for actions[i] is the first other entry covering it,
  // as if every pair were compared in order; the index finds the covering
  // entries without comparing the others.
  const ActionCoverIndex& index = context.CoverIndex(statement);
  std::vector<size_t> covering;
  for (size_t i = 0; i < actions.size(); ++i) {
    if (actions[i].symbolic) continue;
    index.Covering(index, i, covering);
    for (size_t j : covering) {
      if (i == j) continue;
      // Two entries that cover each other: keep the first, flag the later.
      if (j > i && ActionPatternCovers(actions[i].value, actions[j].value)) {
        continue;
      }
      context.Add(
          "REDUNDANT_ACTION", ValidationCategory::kSuggestion,
          actions[i].location,
          absl::StrCat(
              statement.not_action ? "NotAction" : "Action", " ",
              QuoteForMessage(actions[i].value), " is already covered by ",
              QuoteForMessage(actions[j].value), " in the same statement"),
          absl::StrCat("Remove ", QuoteForMessage(actions[i].value), "."));
      break;
    }
  }
}

}  // namespace

void CheckActions(ValidationContext& context, const Statement& statement) {
  const std::vector<size_t>& indices = context.CatalogueIndices(statement);
  for (size_t i = 0; i < statement.actions.size(); ++i) {
    if (IsCheckableAction(statement.actions[i])) {
      CheckAgainstCatalogue(context, statement.actions[i], indices[i]);
    }
  }
  CheckRedundantActions(context, statement);
}

}  // namespace polygraph::iam::validation_internal
