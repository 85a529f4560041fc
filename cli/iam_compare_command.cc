// polygraph iam compare OLD NEW [--format text|json] [--max-witnesses N]
//                      [--output FILE]
// polygraph iam minimize POLICY USED [--no-wildcards] [--format policy|json]
//                       [--output FILE]
// polygraph iam check-access-not-granted POLICY --action A... [--resource R]...
// polygraph iam check-no-public-access POLICY --resource-type TYPE
//
// `compare` exits 0 when NEW allows nothing OLD does not, 1 when it does
// (each witness request printed: action, resource, principal, context, and
// both decisions), 2 on errors. The two checks exit the same way: 0 pass,
// 1 fail. `minimize` writes the minimized policy (JSON; with --format json
// the policy with its proof) and a summary of the proof on standard error;
// it exits 2 if the proof fails.

#include <cstddef>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "base/strings.h"
#include "commands.h"
#include "iam_options.h"
#include "polygraph/document.h"
#include "polygraph/iam_access_json.h"
#include "polygraph/iam_compare.h"
#include "polygraph/iam_decision.h"
#include "polygraph/iam_json.h"
#include "polygraph/iam_minimize.h"
#include "polygraph/iam_policy.h"

namespace polygraph::cli {
namespace {

// "file:line:col (statement \"Sid\")" for each deciding statement.
std::string Statements(const iam::Decision& decision) {
  std::vector<std::string> parts;
  for (const iam::DecidingStatement& statement : decision.statements) {
    std::string part = statement.location.ToString();
    if (!statement.sid.empty()) {
      absl::StrAppend(&part, " (statement \"", statement.sid, "\")");
    }
    parts.push_back(std::move(part));
  }
  return absl::StrJoin(parts, ", ");
}

std::string DecisionLine(const iam::Decision& decision) {
  std::string line(iam::DecisionKindName(decision.kind));
  std::string statements = Statements(decision);
  if (!statements.empty()) absl::StrAppend(&line, " by ", statements);
  if (!decision.reason.empty())
    absl::StrAppend(&line, " (", decision.reason, ")");
  return line;
}

std::string ContextText(const iam::Request& request) {
  if (request.context.empty()) return "(none)";
  std::vector<std::string> parts;
  for (const auto& [key, values] : request.context) {
    parts.push_back(absl::StrCat(
        key, "=", values.empty() ? "[]" : absl::StrJoin(values, ",")));
  }
  return absl::StrJoin(parts, " ");
}

// The witnesses as text; `allowed_name` and `denied_name` name the sides.
std::string WitnessText(const std::vector<iam::Witness>& witnesses,
                        const std::string& allowed_name,
                        const std::string& denied_name) {
  std::string text;
  for (size_t i = 0; i < witnesses.size(); ++i) {
    const iam::Witness& w = witnesses[i];
    absl::StrAppend(&text, "witness ", i + 1, ": ", w.request.action, " on \"",
                    w.request.resource, "\" by ", w.request.principal, "\n",
                    "  context: ", ContextText(w.request), "\n", "  ",
                    allowed_name, ": ", DecisionLine(w.allowed), "\n", "  ",
                    denied_name, ": ", DecisionLine(w.denied), "\n");
  }
  return text;
}

// --format and --max-witnesses; false after reporting a bad value.
bool ReadCommon(const Options& options, bool& json,
                iam::CompareOptions& compare) {
  json = false;
  if (const std::string* format = options.Last("--format")) {
    if (*format != "text" && *format != "json") {
      ReportError(absl::StrCat("unknown format '", *format,
                               "' (expected text or json)"));
      return false;
    }
    json = *format == "json";
  }
  if (const std::string* max = options.Last("--max-witnesses")) {
    size_t n = 0;
    if (!absl::SimpleAtoi(*max, &n)) {
      ReportError(
          absl::StrCat("--max-witnesses needs a number, got '", *max, "'"));
      return false;
    }
    compare.max_witnesses = n;
  }
  return true;
}

int Finish(const Options& options, const std::string& text, bool fails) {
  const std::string* output = options.Last("--output");
  if (!WriteOutput(text, output == nullptr ? "" : *output)) return kExitError;
  return fails ? kExitFindings : kExitClean;
}

// The resource types CheckNoPublicAccess knows, comma-separated.
std::string TypeList() {
  std::string text;
  for (std::string_view type : iam::PublicAccessResourceTypes()) {
    if (!text.empty()) text += ", ";
    text += type;
  }
  return text;
}

std::string NotesText(const std::vector<std::string>& unknown,
                      const std::vector<std::string>& notes) {
  std::string text;
  if (!unknown.empty()) {
    absl::StrAppend(&text,
                    "note: actions the catalogue does not know, each compared "
                    "as distinct from every known action: ",
                    absl::StrJoin(unknown, ", "), "\n");
  }
  for (const std::string& note : notes)
    absl::StrAppend(&text, "note: ", note, "\n");
  return text;
}

}  // namespace

int RunIamCompare(const std::vector<std::string>& words) {
  absl::StatusOr<Options> options =
      ParseOptions(words, {"--format", "--max-witnesses", "--output"});
  if (!options.ok()) return ReportError(options.status());
  if (options->operands.size() != 2) {
    return ReportError(
        "usage: polygraph iam compare OLD NEW [--format text|json] "
        "[--max-witnesses N] [--output FILE]");
  }
  bool json = false;
  iam::CompareOptions compare;
  if (!ReadCommon(*options, json, compare)) return kExitError;
  const std::string& old_path = options->operands[0];
  const std::string& new_path = options->operands[1];
  absl::StatusOr<iam::PolicySet> old_set = ReadPolicyFileAsSet(old_path);
  if (!old_set.ok()) return ReportError(old_set.status());
  absl::StatusOr<iam::PolicySet> new_set = ReadPolicyFileAsSet(new_path);
  if (!new_set.ok()) return ReportError(new_set.status());
  absl::StatusOr<iam::Comparison> result =
      iam::Compare(*old_set, *new_set, compare);
  if (!result.ok()) return ReportError(result.status());

  std::string text;
  if (json) {
    text = iam::ComparisonToJson(*result);
  } else if (result->b_allows_more()) {
    absl::StrAppend(&text, new_path, " allows what ", old_path,
                    " does not: ", result->only_b_actions.size(), " action",
                    result->only_b_actions.size() == 1 ? "" : "s", " (",
                    internal::JoinFirst(result->only_b_actions, 10), ")\n",
                    WitnessText(result->only_b, "new", "old"));
  } else {
    absl::StrAppend(&text, new_path, " allows nothing that ", old_path,
                    " does not\n");
  }
  if (!json && result->a_allows_more()) {
    absl::StrAppend(&text, old_path, " allows ", result->only_a_actions.size(),
                    " action", result->only_a_actions.size() == 1 ? "" : "s",
                    " that ", new_path, " no longer does (",
                    internal::JoinFirst(result->only_a_actions, 10), ")\n");
  }
  if (!json) {
    absl::StrAppend(&text, NotesText(result->unknown_actions, result->notes));
  }
  return Finish(*options, text, result->b_allows_more());
}

int RunIamMinimize(const std::vector<std::string>& words) {
  absl::StatusOr<Options> options =
      ParseOptions(words, {"--output", "--format"}, {"--no-wildcards"});
  if (!options.ok()) return ReportError(options.status());
  if (options->operands.size() != 2) {
    return ReportError(
        "usage: polygraph iam minimize POLICY USED [--no-wildcards] "
        "[--format policy|json] [--output FILE] (USED: CloudTrail events, "
        "an Access Advisor "
        "export, or lines of \"service:Action [resource]\")");
  }
  absl::StatusOr<iam::Policy> policy =
      ReadPolicy(options->operands[0], iam::PolicyKind::kIdentity);
  if (!policy.ok()) return ReportError(policy.status());
  absl::StatusOr<std::string> used_text = ReadTextFile(options->operands[1]);
  if (!used_text.ok()) return ReportError(used_text.status());
  absl::StatusOr<std::vector<iam::UsedAccess>> used =
      iam::ParseUsedAccess(*used_text, options->operands[1]);
  if (!used.ok()) return ReportError(used.status());
  const std::string* format = options->Last("--format");
  if (format != nullptr && *format != "policy" && *format != "json") {
    return ReportError(absl::StrCat("unknown format '", *format,
                                    "' (expected policy or json)"));
  }
  iam::MinimizeOptions minimize;
  minimize.use_wildcards = !options->Has("--no-wildcards");
  absl::StatusOr<iam::MinimizedPolicy> result =
      iam::Minimize(*policy, *used, minimize);
  if (!result.ok()) return ReportError(result.status());

  std::string summary = absl::StrCat(
      "polygraph: minimized ", options->operands[0], " to ",
      result->policy.statements.size(), " statement",
      result->policy.statements.size() == 1 ? "" : "s", " for ", used->size(),
      " used access", used->size() == 1 ? "" : "es", "\n");
  if (result->proof.b_allows_more()) {
    absl::StrAppend(&summary,
                    "polygraph: the proof FAILED: the minimized policy allows ",
                    internal::JoinFirst(result->proof.only_b_actions, 10),
                    " that the original does not\n");
  } else {
    absl::StrAppend(&summary,
                    "polygraph: proven: the minimized policy allows nothing "
                    "the original does not; the original also allows ",
                    result->proof.only_a_actions.size(), " more action",
                    result->proof.only_a_actions.size() == 1 ? "" : "s", "\n");
  }
  for (const iam::UsedAccess& access : result->not_allowed_by_original) {
    absl::StrAppend(&summary, access.location.ToString(), ": ", access.action,
                    " on \"", access.resource,
                    "\" was used but the original policy does not allow it; "
                    "left out\n");
  }
  if (!result->unknown_actions.empty()) {
    absl::StrAppend(&summary,
                    "polygraph: note: actions the catalogue does not know: ",
                    absl::StrJoin(result->unknown_actions, ", "), "\n");
  }
  std::cerr << summary;
  const std::string* output = options->Last("--output");
  const bool json = format != nullptr && *format == "json";
  if (!WriteOutput(json ? iam::MinimizedPolicyToJson(*result)
                        : iam::PolicyToJson(result->policy),
                   output == nullptr ? "" : *output)) {
    return kExitError;
  }
  return result->proof.b_allows_more() ? kExitError : kExitClean;
}

namespace {

std::string CheckText(const iam::CheckOutcome& outcome,
                      const std::string& what) {
  std::string text;
  if (outcome.pass) {
    absl::StrAppend(&text, "PASS: ", what, "\n");
  } else {
    absl::StrAppend(&text, "FAIL: ", what,
                    "; actions: ", internal::JoinFirst(outcome.actions, 10),
                    "\n", WitnessText(outcome.witnesses, "policy", "check"));
  }
  for (const std::string& note : outcome.notes) {
    absl::StrAppend(&text, "note: ", note, "\n");
  }
  return text;
}

}  // namespace

int RunIamCheckAccessNotGranted(const std::vector<std::string>& words) {
  absl::StatusOr<Options> options = ParseOptions(
      words,
      {"--action", "--resource", "--format", "--max-witnesses", "--output"});
  if (!options.ok()) return ReportError(options.status());
  if (options->operands.size() != 1 || !options->Has("--action")) {
    return ReportError(
        "usage: polygraph iam check-access-not-granted POLICY --action "
        "ACTION... [--resource ARN]... [--format text|json]");
  }
  bool json = false;
  iam::CompareOptions compare;
  if (!ReadCommon(*options, json, compare)) return kExitError;
  absl::StatusOr<iam::PolicySet> set =
      ReadPolicyFileAsSet(options->operands[0]);
  if (!set.ok()) return ReportError(set.status());
  std::vector<std::string> actions = options->values.at("--action");
  std::vector<std::string> resources;
  if (options->Has("--resource")) resources = options->values.at("--resource");
  absl::StatusOr<iam::CheckOutcome> outcome =
      iam::CheckAccessNotGranted(*set, actions, resources, compare);
  if (!outcome.ok()) return ReportError(outcome.status());
  std::string what = absl::StrCat(options->operands[0], " grants ",
                                  outcome->pass ? "none of " : "some of ",
                                  absl::StrJoin(actions, ", "));
  return Finish(
      *options,
      json ? iam::CheckOutcomeToJson(*outcome) : CheckText(*outcome, what),
      !outcome->pass);
}

int RunIamCheckNoPublicAccess(const std::vector<std::string>& words) {
  absl::StatusOr<Options> options = ParseOptions(
      words, {"--resource-type", "--format", "--max-witnesses", "--output"});
  if (!options.ok()) return ReportError(options.status());
  const std::string* type = options->Last("--resource-type");
  if (options->operands.size() != 1 || type == nullptr) {
    return ReportError(absl::StrCat(
        "usage: polygraph iam check-no-public-access POLICY --resource-type "
        "TYPE (one of ",
        TypeList(), ")"));
  }
  bool json = false;
  iam::CompareOptions compare;
  if (!ReadCommon(*options, json, compare)) return kExitError;
  absl::StatusOr<iam::Policy> policy =
      ReadPolicy(options->operands[0], iam::PolicyKind::kResource);
  if (!policy.ok()) return ReportError(policy.status());
  absl::StatusOr<iam::CheckOutcome> outcome =
      iam::CheckNoPublicAccess(*policy, *type, compare);
  if (!outcome.ok()) return ReportError(outcome.status());
  std::string what =
      absl::StrCat(options->operands[0],
                   outcome->pass ? " grants no public access to the "
                                 : " grants public access to the ",
                   *type);
  return Finish(
      *options,
      json ? iam::CheckOutcomeToJson(*outcome) : CheckText(*outcome, what),
      !outcome->pass);
}

}  // namespace polygraph::cli
