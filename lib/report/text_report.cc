// FormatText: the human-readable report.

#include <array>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "base/strings.h"
#include "polygraph/report.h"

namespace polygraph {
namespace {

std::string Plural(size_t count, std::string_view noun) {
  return absl::StrCat(count, " ", internal::ToAbsl(noun),
                      count == 1 ? "" : "s");
}

// "3 findings (1 critical, 2 high) in 2 files, 1 note"
std::string Summary(const CheckResult& result) {
  std::string summary;
  if (result.findings.empty()) {
    summary = "no findings";
  } else {
    std::array<size_t, 5> by_severity{};
    for (const Finding& finding : result.findings) {
      ++by_severity[static_cast<size_t>(finding.severity)];
    }
    std::vector<std::string> counts;
    for (size_t i = by_severity.size(); i-- > 0;) {
      if (by_severity[i] == 0) continue;
      counts.push_back(absl::StrCat(
          by_severity[i], " ", internal::ToAbsl(SeverityName(Severity(i)))));
    }
    summary = absl::StrCat(Plural(result.findings.size(), "finding"), " (",
                           absl::StrJoin(counts, ", "), ")");
  }
  absl::StrAppend(&summary, " in ", Plural(result.files.size(), "file"));
  std::array<size_t, 3> by_level{};
  for (const Diagnostic& diagnostic : result.diagnostics) {
    ++by_level[static_cast<size_t>(diagnostic.level)];
  }
  for (size_t i = 0; i < by_level.size(); ++i) {
    if (by_level[i] == 0) continue;
    absl::StrAppend(
        &summary, ", ",
        Plural(by_level[i], Diagnostic::LevelName(Diagnostic::Level(i))));
  }
  return summary;
}

}  // namespace

std::string FormatText(const CheckResult& result) {
  std::string out;
  for (const Finding& finding : result.findings) {
    absl::StrAppend(&out, finding.location.ToString(), ": ",
                    internal::ToAbsl(SeverityName(finding.severity)), " ",
                    finding.rule_id, " ", finding.message, "\n");
    if (!finding.fix.empty())
      absl::StrAppend(&out, "  fix: ", finding.fix, "\n");
  }
  for (const Diagnostic& diagnostic : result.diagnostics) {
    absl::StrAppend(&out, diagnostic.ToString(), "\n");
  }
  absl::StrAppend(&out, Summary(result), "\n");
  return out;
}

}  // namespace polygraph
