// Diff reports: text, JSON and Markdown for a pull-request comment.

#include "polygraph/diff_report.h"

#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "polygraph/version.h"
#include "report/internal/report_text.h"

namespace polygraph {
namespace {

using report::internal::MarkdownCell;
using report::internal::MarkdownWhere;

using Json = report::internal::Json;

constexpr DeltaItem::Kind kKinds[] = {DeltaItem::Kind::kAccess,
                                      DeltaItem::Kind::kReachability,
                                      DeltaItem::Kind::kExposure};

std::string_view SectionTitle(DeltaItem::Kind kind) {
  switch (kind) {
    case DeltaItem::Kind::kAccess:
      return "Access";
    case DeltaItem::Kind::kReachability:
      return "Reachability";
    case DeltaItem::Kind::kExposure:
      return "Exposure";
  }
  return "Access";
}

std::string FindingLine(const Finding& finding) {
  std::string_view severity = SeverityName(finding.severity);
  return absl::StrCat(finding.location.ToString(), ": ",
                      internal::ToAbsl(severity), " ", finding.rule_id, " ",
                      finding.message, "\n  fix: ", finding.fix, "\n");
}

std::string Summary(const DiffResult& diff) {
  if (diff.new_findings.empty() && diff.fixed_findings.empty() &&
      diff.delta.empty()) {
    return absl::StrCat("No changes in findings or access (", diff.unchanged,
                        " unchanged findings).");
  }
  std::string counts = "no new findings";
  if (!diff.new_findings.empty()) {
    // "4 findings (2 critical, 2 high)" -> "4 new findings (...)".
    counts = report::internal::CountBySeverity(diff.new_findings);
    counts.insert(counts.find(' ') + 1, "new ");
  }
  return absl::StrCat(counts, ", ", diff.fixed_findings.size(), " fixed, ",
                      diff.unchanged, " unchanged; ", diff.delta.size(),
                      " access, reachability or exposure changes");
}

std::string FindingTable(const std::vector<Finding>& findings) {
  std::string out =
      "| Severity | Rule | Location | Message | Fix |\n"
      "|---|---|---|---|---|\n";
  for (const Finding& f : findings) {
    std::string_view severity = SeverityName(f.severity);
    absl::StrAppend(&out, "| ", internal::ToAbsl(severity), " | ",
                    MarkdownCell(f.rule_id), " | ", MarkdownWhere(f.location),
                    " | ", MarkdownCell(f.message), " | ", MarkdownCell(f.fix),
                    " |\n");
  }
  return out;
}

Json FindingJson(const Finding& finding) {
  return Json{{"rule_id", finding.rule_id},
              {"severity", SeverityName(finding.severity)},
              {"title", finding.title},
              {"file", finding.location.file},
              {"line", finding.location.line},
              {"column", finding.location.column},
              {"resource", finding.resource},
              {"message", finding.message},
              {"fix", finding.fix}};
}

Json DiagnosticsJson(const std::vector<Diagnostic>& diagnostics) {
  Json out = Json::array();
  for (const Diagnostic& d : diagnostics) {
    out.push_back(Json{{"level", Diagnostic::LevelName(d.level)},
                       {"code", d.code},
                       {"file", d.location.file},
                       {"line", d.location.line},
                       {"column", d.location.column},
                       {"message", d.message}});
  }
  return out;
}

}  // namespace

std::string_view DeltaKindName(DeltaItem::Kind kind) {
  switch (kind) {
    case DeltaItem::Kind::kAccess:
      return "access";
    case DeltaItem::Kind::kReachability:
      return "reachability";
    case DeltaItem::Kind::kExposure:
      return "exposure";
  }
  return "access";
}

std::string FormatDiffText(const DiffResult& diff) {
  std::string out;
  if (!diff.new_findings.empty()) {
    out += "New findings:\n";
    for (const Finding& f : diff.new_findings) out += FindingLine(f);
  }
  if (!diff.fixed_findings.empty()) {
    out += "Fixed findings:\n";
    for (const Finding& f : diff.fixed_findings) out += FindingLine(f);
  }
  for (DeltaItem::Kind kind : kKinds) {
    bool heading = false;
    for (const DeltaItem& item : diff.delta) {
      if (item.kind != kind) continue;
      if (!heading) {
        absl::StrAppend(&out, internal::ToAbsl(SectionTitle(kind)), ":\n");
        heading = true;
      }
      absl::StrAppend(&out, item.location.ToString(), ": ", item.description,
                      "\n");
    }
  }
  absl::StrAppend(&out, Summary(diff), "\n");
  return out;
}

std::string FormatDiffJson(const DiffResult& diff) {
  Json new_findings = Json::array();
  for (const Finding& f : diff.new_findings)
    new_findings.push_back(FindingJson(f));
  Json fixed = Json::array();
  for (const Finding& f : diff.fixed_findings) fixed.push_back(FindingJson(f));
  Json delta = Json::array();
  for (const DeltaItem& item : diff.delta) {
    delta.push_back(Json{{"kind", DeltaKindName(item.kind)},
                         {"resource", item.resource},
                         {"file", item.location.file},
                         {"line", item.location.line},
                         {"column", item.location.column},
                         {"description", item.description}});
  }
  Json report = {{"version", Version()},
                 {"new_findings", std::move(new_findings)},
                 {"fixed_findings", std::move(fixed)},
                 {"unchanged", diff.unchanged},
                 {"delta", std::move(delta)},
                 {"base_diagnostics", DiagnosticsJson(diff.base_diagnostics)},
                 {"head_diagnostics", DiagnosticsJson(diff.head_diagnostics)}};
  return report::internal::DumpJson(report);
}

std::string FormatDiffMarkdown(const DiffResult& diff) {
  std::string out = "## polygraph diff\n\n";
  bool nothing = diff.new_findings.empty() && diff.fixed_findings.empty() &&
                 diff.delta.empty();
  if (nothing) {
    absl::StrAppend(&out, "No changes in findings or access.");
    if (diff.unchanged > 0) {
      absl::StrAppend(&out, " ", diff.unchanged, " unchanged findings.");
    }
    out += "\n";
  } else {
    absl::StrAppend(&out, "**", diff.new_findings.size(), " new**, ",
                    diff.fixed_findings.size(), " fixed, ", diff.unchanged,
                    " unchanged findings; **", diff.delta.size(),
                    "** access, reachability or exposure changes.\n");
  }
  if (!diff.new_findings.empty()) {
    absl::StrAppend(&out, "\n### New findings (", diff.new_findings.size(),
                    ")\n\n", FindingTable(diff.new_findings));
  }
  if (!diff.fixed_findings.empty()) {
    absl::StrAppend(&out, "\n### Fixed findings (", diff.fixed_findings.size(),
                    ")\n\n");
    for (const Finding& f : diff.fixed_findings) {
      std::string_view severity = SeverityName(f.severity);
      absl::StrAppend(&out, "- ", internal::ToAbsl(severity), " ",
                      MarkdownCell(f.rule_id), " ", MarkdownWhere(f.location),
                      ": ", MarkdownCell(f.message), "\n");
    }
  }
  for (DeltaItem::Kind kind : kKinds) {
    bool heading = false;
    for (const DeltaItem& item : diff.delta) {
      if (item.kind != kind) continue;
      if (!heading) {
        absl::StrAppend(&out, "\n### ", internal::ToAbsl(SectionTitle(kind)),
                        "\n\n");
        heading = true;
      }
      absl::StrAppend(&out, "- ", MarkdownWhere(item.location), ": ",
                      MarkdownCell(item.description), "\n");
    }
  }
  bool errors_heading = false;
  for (const std::vector<Diagnostic>* side :
       {&diff.base_diagnostics, &diff.head_diagnostics}) {
    for (const Diagnostic& d : *side) {
      if (d.level != Diagnostic::Level::kError) continue;
      if (!errors_heading) {
        out += "\n### Errors (part of the input was not analysed)\n\n";
        errors_heading = true;
      }
      absl::StrAppend(
          &out, "- ", side == &diff.base_diagnostics ? "base " : "head ",
          MarkdownWhere(d.location), ": ", MarkdownCell(d.message), "\n");
    }
  }
  return out;
}

}  // namespace polygraph
