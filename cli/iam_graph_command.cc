// polygraph iam who-can PRINCIPAL PATH... [--format text|json] [--output F]
// polygraph iam paths FROM TO PATH... [--max-paths N] [--format text|json]
// polygraph iam permissions PATH... [--principal NAME] [--format text|json]
//
// The principals of the templates, Terraform folders and snapshots at PATH
// (account_from_model.h): who can reach a principal through the
// privilege-escalation graph, the escalation paths between two, and each
// principal's effective permissions and risk categories. Principals are
// named by declared name or ARN. Exit 0; 2 on errors.

#include <cstddef>
#include <optional>
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
#include "polygraph/account_from_model.h"
#include "polygraph/iam_access_json.h"
#include "polygraph/iam_account.h"
#include "polygraph/iam_catalogue.h"
#include "polygraph/iam_effective.h"
#include "polygraph/iam_escalation.h"
#include "polygraph/loader.h"

namespace polygraph::cli {
namespace {

using ::polygraph::internal::ToAbsl;

absl::StatusOr<AccountAnalysis> Analyse(const std::vector<std::string>& paths) {
  if (paths.empty()) {
    return absl::InvalidArgumentError("no files or folders given");
  }
  absl::StatusOr<LoadResult> loaded = LoadPaths(paths, {});
  if (!loaded.ok()) return loaded.status();
  return AnalyseAccount(loaded->model);
}

absl::StatusOr<size_t> FindPrincipal(const iam::Account& account,
                                     const std::string& name) {
  std::optional<size_t> found = account.Find(name);
  if (found.has_value()) return *found;
  std::vector<std::string> names;
  for (const iam::AccountPrincipal& principal : account.principals) {
    names.push_back(principal.name);
  }
  return absl::NotFoundError(absl::StrCat(
      "no role or user named \"", name, "\"",
      names.empty()
          ? std::string(" (none was read)")
          : absl::StrCat(" (known: ", absl::StrJoin(names, ", "), ")")));
}

std::string Describe(const iam::Account& account, size_t index) {
  return iam::PrincipalLabel(account.principals[index]);
}

std::string EdgeText(const iam::EscalationEdge& edge) {
  std::string text =
      absl::StrCat("    ", ToAbsl(iam::EscalationTechniqueName(edge.technique)),
                   ": ", edge.explanation);
  if (!edge.statements.empty()) {
    absl::StrAppend(&text, " [", edge.statements.front().location.ToString(),
                    "]");
  }
  return text + "\n";
}

std::string PathText(const AccountAnalysis& analysis,
                     const std::vector<size_t>& path) {
  std::string text;
  for (size_t edge : path) {
    text += EdgeText(analysis.graph.edges()[edge]);
  }
  return text;
}

// --format; nullopt after reporting a bad value.
std::optional<bool> JsonFormat(const Options& options) {
  const std::string* format = options.Last("--format");
  if (format == nullptr || *format == "text") return false;
  if (*format == "json") return true;
  ReportError(
      absl::StrCat("unknown format '", *format, "' (expected text or json)"));
  return std::nullopt;
}

int Write(const Options& options, const std::string& text) {
  const std::string* output = options.Last("--output");
  return WriteOutput(text, output == nullptr ? "" : *output) ? kExitClean
                                                             : kExitError;
}

}  // namespace

int RunIamWhoCan(const std::vector<std::string>& words) {
  absl::StatusOr<Options> options =
      ParseOptions(words, {"--format", "--output"});
  if (!options.ok()) return ReportError(options.status());
  if (options->operands.size() < 2) {
    return ReportError(
        "usage: polygraph iam who-can PRINCIPAL PATH... [--format text|json]");
  }
  std::optional<bool> json = JsonFormat(*options);
  if (!json.has_value()) return kExitError;
  absl::StatusOr<AccountAnalysis> analysis = Analyse(std::vector<std::string>(
      options->operands.begin() + 1, options->operands.end()));
  if (!analysis.ok()) return ReportError(analysis.status());
  absl::StatusOr<size_t> target =
      FindPrincipal(analysis->account, options->operands[0]);
  if (!target.ok()) return ReportError(target.status());
  std::vector<size_t> sources = analysis->graph.WhoCanReach(*target);
  const iam::AccountPrincipal& t = analysis->account.principals[*target];
  if (*json) {
    return Write(*options, iam::WhoCanReachToJson(analysis->account,
                                                  analysis->permissions,
                                                  analysis->graph, *target));
  }
  std::string text;
  if (sources.empty()) {
    text =
        absl::StrCat("no other principal can reach ",
                     Describe(analysis->account, *target), " (", t.arn, ")\n");
  } else {
    text =
        absl::StrCat(sources.size(), " principal",
                     sources.size() == 1 ? "" : "s", " can reach ",
                     Describe(analysis->account, *target), " (", t.arn, "):\n");
  }
  for (size_t source : sources) {
    std::vector<std::vector<size_t>> paths =
        analysis->graph.Paths(source, *target, 1);
    absl::StrAppend(
        &text, "  ", Describe(analysis->account, source),
        paths.empty() ? ""
                      : absl::StrCat(" in ", paths[0].size(),
                                     paths[0].size() == 1 ? " step" : " steps"),
        ":\n");
    if (!paths.empty()) text += PathText(*analysis, paths[0]);
  }
  return Write(*options, text);
}

int RunIamPaths(const std::vector<std::string>& words) {
  absl::StatusOr<Options> options =
      ParseOptions(words, {"--format", "--output", "--max-paths"});
  if (!options.ok()) return ReportError(options.status());
  if (options->operands.size() < 3) {
    return ReportError(
        "usage: polygraph iam paths FROM TO PATH... [--max-paths N] "
        "[--format text|json]");
  }
  std::optional<bool> json = JsonFormat(*options);
  if (!json.has_value()) return kExitError;
  size_t max_paths = 10;
  if (const std::string* max = options->Last("--max-paths")) {
    if (!absl::SimpleAtoi(*max, &max_paths) || max_paths == 0) {
      return ReportError(absl::StrCat(
          "--max-paths needs a positive number, got '", *max, "'"));
    }
  }
  absl::StatusOr<AccountAnalysis> analysis = Analyse(std::vector<std::string>(
      options->operands.begin() + 2, options->operands.end()));
  if (!analysis.ok()) return ReportError(analysis.status());
  absl::StatusOr<size_t> from =
      FindPrincipal(analysis->account, options->operands[0]);
  if (!from.ok()) return ReportError(from.status());
  absl::StatusOr<size_t> to =
      FindPrincipal(analysis->account, options->operands[1]);
  if (!to.ok()) return ReportError(to.status());
  std::vector<std::vector<size_t>> paths =
      analysis->graph.Paths(*from, *to, max_paths);
  if (*json) {
    return Write(*options, iam::PathsToJson(analysis->account, analysis->graph,
                                            *from, *to, max_paths));
  }
  std::string text;
  if (paths.empty()) {
    text = absl::StrCat("no escalation path from ",
                        Describe(analysis->account, *from), " to ",
                        Describe(analysis->account, *to), "\n");
  }
  for (size_t i = 0; i < paths.size(); ++i) {
    absl::StrAppend(&text, "path ", i + 1, " (", paths[i].size(),
                    paths[i].size() == 1 ? " step" : " steps", "):\n",
                    PathText(*analysis, paths[i]));
  }
  return Write(*options, text);
}

namespace {

std::string GrantText(const iam::PermissionGrant& grant) {
  const iam::Catalogue& catalogue = iam::Catalogue::Builtin();
  std::vector<std::string> names;
  for (size_t index : grant.actions.Indices()) {
    if (names.size() == 6) break;
    names.push_back(catalogue.action(index).FullName());
  }
  std::string text = absl::StrCat("    \"", grant.resource_pattern,
                                  "\": ", grant.actions.Count(), " action",
                                  grant.actions.Count() == 1 ? "" : "s");
  if (!names.empty()) {
    absl::StrAppend(&text, " (", absl::StrJoin(names, ", "),
                    grant.actions.Count() > names.size() ? ", ..." : "", ")");
  }
  if (!grant.unknown_actions.empty()) {
    absl::StrAppend(&text, " and unknown ",
                    absl::StrJoin(grant.unknown_actions, ", "));
  }
  if (grant.conditional) text += ", under conditions";
  return text + "\n";
}

constexpr iam::AccessLevel kLevels[] = {
    iam::AccessLevel::kList, iam::AccessLevel::kRead, iam::AccessLevel::kWrite,
    iam::AccessLevel::kPermissionsManagement, iam::AccessLevel::kTagging};

}  // namespace

int RunIamPermissions(const std::vector<std::string>& words) {
  absl::StatusOr<Options> options =
      ParseOptions(words, {"--format", "--output", "--principal"});
  if (!options.ok()) return ReportError(options.status());
  std::optional<bool> json = JsonFormat(*options);
  if (!json.has_value()) return kExitError;
  absl::StatusOr<AccountAnalysis> analysis = Analyse(options->operands);
  if (!analysis.ok()) return ReportError(analysis.status());
  std::vector<size_t> chosen;
  if (const std::string* name = options->Last("--principal")) {
    absl::StatusOr<size_t> index = FindPrincipal(analysis->account, *name);
    if (!index.ok()) return ReportError(index.status());
    chosen.push_back(*index);
  } else {
    for (size_t i = 0; i < analysis->account.principals.size(); ++i) {
      chosen.push_back(i);
    }
  }
  if (*json) {
    return Write(*options, iam::PermissionsToJson(
                               analysis->account, analysis->permissions,
                               analysis->risks, analysis->graph, chosen));
  }
  std::vector<iam::AdminReach> reaches = analysis->graph.AdminReaches();
  std::string text;
  for (size_t index : chosen) {
    const iam::AccountPrincipal& principal =
        analysis->account.principals[index];
    const iam::EffectivePermissions& permissions = analysis->permissions[index];
    std::string level_text;
    for (iam::AccessLevel level : kLevels) {
      absl::StrAppend(&level_text, level_text.empty() ? "" : ", ",
                      ToAbsl(iam::AccessLevelName(level)), " ",
                      permissions.ByLevel(level).Count());
    }
    absl::StrAppend(
        &text, Describe(analysis->account, index), " (", principal.arn, ")",
        permissions.admin ? ", administrator" : "", ": ",
        permissions.actions.Count(), " actions (", level_text, ")\n");
    if (!permissions.grants.empty()) text += "  grants:\n";
    for (const iam::PermissionGrant& grant : permissions.grants) {
      text += GrantText(grant);
    }
    std::string risk_text;
    for (const iam::Risk& risk : analysis->risks) {
      if (risk.principal != index) continue;
      absl::StrAppend(&risk_text, "    ",
                      ToAbsl(iam::RiskCategoryName(risk.category)), ": ",
                      risk.message, "\n");
    }
    if (!risk_text.empty()) text += "  risks:\n" + risk_text;
    for (const iam::AdminReach& reach : reaches) {
      if (reach.principal != index) continue;
      absl::StrAppend(&text, "  can become administrator (",
                      Describe(analysis->account, reach.admin), "):\n",
                      PathText(*analysis, reach.edge_path));
    }
  }
  if (chosen.empty()) text = "no roles or users were read\n";
  return Write(*options, text);
}

}  // namespace polygraph::cli
