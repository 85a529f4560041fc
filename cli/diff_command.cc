// polygraph diff BASE HEAD | polygraph diff HEAD... --base-ref REF
//   [--format text|json|markdown] [--output FILE] [--fail-on SEVERITY]
//   [--only RULE] [--skip RULE] [--rules PATH] [--param/--var...]
//
// Exit 1 when a new finding is at or above --fail-on or any access,
// reachability or exposure change is reported; 0 otherwise; 2 on errors
// (including an error diagnostic on either side).

#include <cstdio>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "commands.h"
#include "git.h"
#include "polygraph/diff.h"
#include "polygraph/diff_report.h"

namespace polygraph::cli {
namespace {

DiffOptions MakeOptions(const Args& args) {
  DiffOptions options;
  options.check.only_rules = args.only_rules;
  options.check.skip_rules = args.skip_rules;
  options.check.rule_paths = args.rule_paths;
  options.check.load.parameters = args.parameters;
  options.check.load.parameter_files = args.parameter_files;
  options.check.load.terraform_variables = args.variables;
  options.check.load.terraform_variable_files = args.variable_files;
  return options;
}

void PrintDiagnostics(const char* side, const std::vector<Diagnostic>& list) {
  for (const Diagnostic& diagnostic : list) {
    std::fputs(absl::StrCat(side, ": ", diagnostic.ToString(), "\n").c_str(),
               stderr);
  }
}

}  // namespace

int RunDiff(const Args& args) {
  std::string format = args.format.empty() ? "text" : args.format;
  if (format != "text" && format != "json" && format != "markdown") {
    return ReportError(absl::StrCat("diff: unknown format '", format,
                                    "' (expected text, json or markdown)"));
  }
  DiffOptions options = MakeOptions(args);
  std::vector<std::string> base_paths, head_paths;
  std::optional<TempDir> base_tree;  // removed when RunDiff returns
  if (!args.base_ref.empty()) {
    if (args.paths.empty()) return ReportError("diff: no HEAD path given");
    absl::StatusOr<TempDir> temp = TempDir::Create();
    if (!temp.ok()) return ReportError(temp.status());
    base_tree.emplace(*std::move(temp));
    std::string root;
    for (const std::string& path : args.paths) {
      absl::StatusOr<RepositoryPath> repository = FindRepository(path);
      if (!repository.ok()) return ReportError(repository.status());
      if (!root.empty() && repository->root != root) {
        return ReportError("diff: --base-ref paths must be in one repository");
      }
      root = repository->root;
      absl::Status extracted = ExtractTree(
          root, args.base_ref, repository->relative, base_tree->path());
      if (!extracted.ok()) return ReportError(extracted);
      std::string suffix =
          repository->relative.empty() ? "" : "/" + repository->relative;
      base_paths.push_back(base_tree->path() + suffix);
      head_paths.push_back(root + suffix);
    }
    options.base_root = base_tree->path();
    options.head_root = root;
  } else {
    if (args.paths.size() != 2) {
      return ReportError(
          "diff: expected BASE and HEAD paths, or HEAD with --base-ref REF "
          "(see polygraph --help)");
    }
    base_paths = {args.paths[0]};
    head_paths = {args.paths[1]};
  }

  absl::StatusOr<DiffResult> diff = Diff(base_paths, head_paths, options);
  if (!diff.ok()) return ReportError(diff.status());
  std::string report;
  if (format == "json") {
    report = FormatDiffJson(*diff);  // diagnostics included
  } else {
    PrintDiagnostics("base", diff->base_diagnostics);
    PrintDiagnostics("head", diff->head_diagnostics);
    report = format == "markdown" ? FormatDiffMarkdown(*diff)
                                  : FormatDiffText(*diff);
  }
  if (!WriteOutput(report, args.output)) return kExitError;
  if (diff->HasErrors()) return kExitError;
  return diff->Fails(args.fail_on) ? kExitFindings : kExitClean;
}

}  // namespace polygraph::cli
