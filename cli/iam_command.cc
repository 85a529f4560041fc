// polygraph iam decide [--policy FILE]... [--boundary FILE]...
//                      [--session-policy FILE]... [--scp FILE[,FILE]]...
//                      [--rcp FILE[,FILE]]... [--resource-policy FILE]
//                      [--input FILE] [--output FILE]
// polygraph iam validate FILE... [--kind identity|resource|trust|any]
//                      [--format text|json] [--fail-on SEVERITY]
//                      [--output FILE]
//
// The least-privilege subcommands (compare, minimize, the custom checks,
// who-can, paths, permissions) are in iam_compare_command.cc and
// iam_graph_command.cc.
//
// `decide` reads requests as JSON lines (include/polygraph/iam_json.h) and
// writes one decision per line, in order; a malformed line stops the run
// with its location ("<stdin>:LINE:COL: reason") and exit status 2.
// `validate` reports validation issues in the formats of `check`.

#include <cstdio>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "commands.h"
#include "iam_options.h"
#include "polygraph/check.h"
#include "polygraph/document.h"
#include "polygraph/finding.h"
#include "polygraph/iam_decision.h"
#include "polygraph/iam_json.h"
#include "polygraph/iam_policy.h"
#include "polygraph/iam_validation.h"
#include "polygraph/report.h"
#include "polygraph/source_location.h"

namespace polygraph::cli {
namespace {

constexpr char kUsage[] =
    "usage: polygraph iam decide [--policy FILE]... [--boundary FILE]... "
    "[--session-policy FILE]... [--scp FILE[,FILE]]... [--rcp FILE[,FILE]]... "
    "[--resource-policy FILE] [--input FILE] [--output FILE] | "
    "iam validate FILE... [--kind identity|resource|trust|any] "
    "[--format text|json] [--fail-on SEVERITY] [--output FILE] | "
    "iam compare OLD NEW | iam minimize POLICY USED | "
    "iam check-access-not-granted POLICY --action A... | "
    "iam check-no-public-access POLICY --resource-type TYPE | "
    "iam who-can PRINCIPAL PATH... | iam paths FROM TO PATH... | "
    "iam permissions PATH... [--principal NAME]";

// An error of one input line, moved from line 1 of the line's own text to
// `line_number` of the input.
absl::Status AtLine(const absl::Status& status, const std::string& input_name,
                    int line_number) {
  std::optional<SourceLocation> location = ErrorLocation(status);
  if (!location.has_value()) return status;
  std::string reason(status.message());
  const std::string prefix = location->ToString() + ": ";
  if (reason.starts_with(prefix)) reason.erase(0, prefix.size());
  SourceLocation moved = *location;
  moved.file = input_name;
  moved.line = location->line + line_number - 1;
  return InputError(moved, reason);
}

int RunDecide(const std::vector<std::string>& words) {
  absl::StatusOr<Options> options = ParseOptions(
      words, {"--policy", "--boundary", "--session-policy", "--scp", "--rcp",
              "--resource-policy", "--input", "--output"});
  if (!options.ok()) return ReportError(options.status());
  if (!options->operands.empty()) {
    return ReportError(absl::StrCat("iam decide: unexpected argument '",
                                    options->operands[0],
                                    "' (requests are read from --input or "
                                    "standard input)"));
  }
  absl::StatusOr<iam::PolicySet> policies = ReadPolicySet(*options);
  if (!policies.ok()) return ReportError(policies.status());
  absl::StatusOr<iam::Authorizer> authorizer =
      iam::Authorizer::Compile(*policies);
  if (!authorizer.ok()) return ReportError(authorizer.status());

  const std::string* input_path = options->Last("--input");
  std::string input_name = "<stdin>";
  std::FILE* input = stdin;
  if (input_path != nullptr && *input_path != "-") {
    input_name = *input_path;
    input = std::fopen(input_path->c_str(), "rb");
    if (input == nullptr) {
      return ReportError(absl::StrCat("cannot read ", *input_path));
    }
  }
  std::string output;
  std::string line;
  int line_number = 0;
  int exit_code = kExitClean;
  bool more = true;
  while (more) {
    line.clear();
    int c;
    while ((c = std::fgetc(input)) != EOF && c != '\n') {
      line.push_back(static_cast<char>(c));
    }
    more = c != EOF;
    ++line_number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    absl::StatusOr<Value> value = ParseJson(line, input_name);
    absl::StatusOr<iam::Request> request =
        value.ok() ? iam::ParseRequest(*value)
                   : absl::StatusOr<iam::Request>(value.status());
    if (!request.ok()) {
      exit_code =
          ReportError(AtLine(request.status(), input_name, line_number));
      break;
    }
    absl::StrAppend(&output, iam::DecisionToJson(authorizer->Decide(*request)),
                    "\n");
  }
  if (input != stdin) std::fclose(input);
  const std::string* output_path = options->Last("--output");
  if (!WriteOutput(output, output_path == nullptr ? "" : *output_path)) {
    return kExitError;
  }
  return exit_code;
}

std::optional<iam::PolicyKind> ParseKind(std::string_view name) {
  if (name == "identity") return iam::PolicyKind::kIdentity;
  if (name == "resource") return iam::PolicyKind::kResource;
  if (name == "trust") return iam::PolicyKind::kTrust;
  if (name == "any") return iam::PolicyKind::kAny;
  return std::nullopt;
}

int RunValidate(const std::vector<std::string>& words) {
  absl::StatusOr<Options> options =
      ParseOptions(words, {"--kind", "--format", "--fail-on", "--output"});
  if (!options.ok()) return ReportError(options.status());
  if (options->operands.empty()) {
    return ReportError("iam validate: no files given");
  }
  iam::ValidationOptions validation;
  if (const std::string* kind = options->Last("--kind")) {
    std::optional<iam::PolicyKind> parsed = ParseKind(*kind);
    if (!parsed.has_value()) {
      return ReportError(absl::StrCat("unknown policy kind '", *kind,
                                      "' (expected identity, resource, trust "
                                      "or any)"));
    }
    validation.kind = *parsed;
  }
  const std::string* format = options->Last("--format");
  if (format != nullptr && *format != "text" && *format != "json") {
    return ReportError(absl::StrCat("unknown format '", *format,
                                    "' for iam validate (expected text or "
                                    "json)"));
  }
  Severity fail_on = Severity::kLow;
  if (const std::string* threshold = options->Last("--fail-on")) {
    std::optional<Severity> severity = ParseSeverity(*threshold);
    if (!severity.has_value()) {
      return ReportError(
          absl::StrCat("unknown severity '", *threshold,
                       "' (expected info, low, medium, high or critical)"));
    }
    fail_on = *severity;
  }
  CheckResult result;
  for (const std::string& path : options->operands) {
    absl::StatusOr<Value> document = ReadDocumentFile(path);
    if (!document.ok()) return ReportError(document.status());
    for (const iam::ValidationIssue& issue :
         iam::ValidatePolicy(*document, validation)) {
      result.findings.push_back(issue.ToFinding());
    }
    result.files.push_back(path);
  }
  const std::string report = format != nullptr && *format == "json"
                                 ? FormatJson(result)
                                 : FormatText(result);
  const std::string* output_path = options->Last("--output");
  if (!WriteOutput(report, output_path == nullptr ? "" : *output_path)) {
    return kExitError;
  }
  return result.Fails(fail_on) ? kExitFindings : kExitClean;
}

}  // namespace

int RunIam(const Args& args) {
  const std::vector<std::string>& words = args.iam_args;
  const std::string sub = words.empty() ? "" : words[0];
  if (sub == "decide") return RunDecide(words);
  if (sub == "validate") return RunValidate(words);
  if (sub == "compare") return RunIamCompare(words);
  if (sub == "minimize") return RunIamMinimize(words);
  if (sub == "check-access-not-granted") {
    return RunIamCheckAccessNotGranted(words);
  }
  if (sub == "check-no-public-access") return RunIamCheckNoPublicAccess(words);
  if (sub == "who-can") return RunIamWhoCan(words);
  if (sub == "paths") return RunIamPaths(words);
  if (sub == "permissions") return RunIamPermissions(words);
  if (sub.empty()) return ReportError(kUsage);
  return ReportError(absl::StrCat(
      "iam: unknown subcommand '", sub,
      "' (expected decide, validate, compare, minimize, "
      "check-access-not-granted, check-no-public-access, who-can, paths or "
      "permissions)"));
}

}  // namespace polygraph::cli
