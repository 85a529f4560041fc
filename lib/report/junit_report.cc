// FormatJunit: JUnit XML for CI systems that show test results.

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "polygraph/report.h"
#include "report/internal/report_text.h"

namespace polygraph {
namespace {

// Escaped for XML attribute values and text; invalid UTF-8 is replaced with
// U+FFFD and control characters XML 1.0 forbids with '?'.
std::string Xml(std::string_view text) {
  std::string out;
  for (char c : report::internal::ValidUtf8(text)) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      case '\n':
        out += "&#10;";
        break;
      case '\t':
        out += "&#9;";
        break;
      case '\r':
        out += "&#13;";
        break;
      default:
        out.push_back(static_cast<unsigned char>(c) < 0x20 ? '?' : c);
    }
  }
  return out;
}

struct Suite {
  std::string name;
  std::vector<const Finding*> findings;
};

std::string Testcase(const Finding& finding) {
  const std::string name = finding.location.ToString() +
                           (finding.resource.empty() ? "" : " ") +
                           finding.resource;
  std::string out = "    <testcase classname=\"" + Xml(finding.rule_id) +
                    "\" name=\"" + Xml(name) + "\" file=\"" +
                    Xml(finding.location.file) + "\"";
  if (finding.location.known()) {
    out += " line=\"" + std::to_string(finding.location.line) + "\"";
  }
  out += ">\n      <failure message=\"" + Xml(finding.message) + "\" type=\"" +
         std::string(SeverityName(finding.severity)) + "\">" +
         Xml(finding.title + "\n" + finding.message + "\nfix: " + finding.fix) +
         "</failure>\n    </testcase>\n";
  return out;
}

}  // namespace

std::string FormatJunit(const CheckResult& result, const RuleSet& rules) {
  // One suite per rule of the set, then one per other rule a finding names.
  std::vector<Suite> suites;
  std::map<std::string, size_t> index;
  auto suite = [&](const std::string& id) -> Suite& {
    auto [it, added] = index.emplace(id, suites.size());
    if (added) suites.push_back({.name = id, .findings = {}});
    return suites[it->second];
  };
  for (const RuleInfo& rule : rules.rules()) suite(rule.id);
  for (const Finding& finding : result.findings) {
    suite(finding.rule_id).findings.push_back(&finding);
  }
  std::vector<const Diagnostic*> errors;
  for (const Diagnostic& diagnostic : result.diagnostics) {
    if (diagnostic.level == Diagnostic::Level::kError) {
      errors.push_back(&diagnostic);
    }
  }

  size_t tests = errors.size();
  for (const Suite& s : suites) {
    tests += s.findings.empty() ? 1 : s.findings.size();
  }
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<testsuites name=\"polygraph\" tests=\"" + std::to_string(tests) +
         "\" failures=\"" + std::to_string(result.findings.size()) +
         "\" errors=\"" + std::to_string(errors.size()) + "\">\n";
  for (const Suite& s : suites) {
    const size_t count = s.findings.empty() ? 1 : s.findings.size();
    out += "  <testsuite name=\"" + Xml(s.name) + "\" tests=\"" +
           std::to_string(count) + "\" failures=\"" +
           std::to_string(s.findings.size()) + "\" errors=\"0\">\n";
    if (s.findings.empty()) {
      out += "    <testcase classname=\"" + Xml(s.name) +
             "\" name=\"no findings\"/>\n";
    }
    for (const Finding* finding : s.findings) out += Testcase(*finding);
    out += "  </testsuite>\n";
  }
  if (!errors.empty()) {
    // What could not be decided is an error, not a passing test.
    out += "  <testsuite name=\"polygraph\" tests=\"" +
           std::to_string(errors.size()) + "\" failures=\"0\" errors=\"" +
           std::to_string(errors.size()) + "\">\n";
    for (const Diagnostic* diagnostic : errors) {
      out += "    <testcase classname=\"polygraph\" name=\"" +
             Xml(diagnostic->location.ToString()) +
             "\">\n      <error message=\"" + Xml(diagnostic->message) +
             "\" type=\"" + Xml(diagnostic->code) + "\">" +
             Xml(diagnostic->ToString()) + "</error>\n    </testcase>\n";
    }
    out += "  </testsuite>\n";
  }
  out += "</testsuites>\n";
  return out;
}

}  // namespace polygraph
