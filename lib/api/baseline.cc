// Baselines: writing, reading and applying.

#include "polygraph/baseline.h"

#include <algorithm>
#include <filesystem>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "nlohmann/json.hpp"
#include "polygraph/document.h"
#include "polygraph/finding.h"

namespace polygraph {
namespace {

using json = nlohmann::ordered_json;

bool FindingLess(const Finding& a, const Finding& b) {
  return std::tie(a.location.file, a.location.line, a.location.column,
                  a.rule_id) < std::tie(b.location.file, b.location.line,
                                        b.location.column, b.rule_id);
}

// The fingerprints of `findings` with their files relative to `root`.
std::vector<std::string> RelativeFingerprints(std::vector<Finding> findings,
                                              std::string_view root) {
  for (Finding& finding : findings) {
    finding.location.file = RelativeToRoot(finding.location.file, root);
  }
  return Fingerprints(findings);
}

// The string member `key` of `object`, or an error at the object.
absl::StatusOr<std::string> StringMember(const Value& object,
                                         std::string_view key, bool required) {
  const Value* member = object.Find(key);
  if (member == nullptr) {
    if (!required) return std::string();
    return InputError(
        object.location,
        absl::StrCat("baseline entry has no \"", internal::ToAbsl(key), "\""));
  }
  if (!member->is_string()) {
    return InputError(
        member->location,
        absl::StrCat("\"", internal::ToAbsl(key), "\" must be a string, found ",
                     internal::ToAbsl(Value::KindName(member->kind))));
  }
  return member->text;
}

}  // namespace

std::string RelativeToRoot(const std::string& path, std::string_view root) {
  namespace fs = std::filesystem;
  if (path.empty()) return path;
  std::error_code error;
  fs::path base = root.empty() ? fs::current_path(error) : fs::path(root);
  if (error) return path;
  base = fs::absolute(base, error).lexically_normal();
  if (error) return path;
  fs::path absolute = fs::absolute(fs::path(path), error).lexically_normal();
  if (error) return path;
  fs::path relative = absolute.lexically_relative(base);
  if (relative.empty()) return path;
  return relative.generic_string();
}

std::string WriteBaseline(const CheckResult& result, std::string_view root) {
  std::vector<Finding> findings = result.findings;
  for (const SuppressedFinding& suppressed : result.suppressed) {
    if (suppressed.suppression.kind == "baseline") {
      findings.push_back(suppressed.finding);
    }
  }
  std::stable_sort(findings.begin(), findings.end(), FindingLess);
  std::vector<std::string> fingerprints = RelativeFingerprints(findings, root);
  json entries = json::array();
  for (size_t i = 0; i < findings.size(); ++i) {
    entries.push_back(
        {{"fingerprint", fingerprints[i]},
         {"rule_id", findings[i].rule_id},
         {"file", RelativeToRoot(findings[i].location.file, root)},
         {"resource", findings[i].resource},
         {"message", findings[i].message}});
  }
  json out = {{"version", 1}, {"findings", std::move(entries)}};
  return out.dump(2, ' ', /*ensure_ascii=*/false,
                  json::error_handler_t::replace) +
         "\n";
}

absl::StatusOr<Baseline> ReadBaseline(const std::string& path) {
  absl::StatusOr<Value> document = ReadDocumentFile(path);
  if (!document.ok()) return document.status();
  SourceLocation start = document->location;
  if (start.file.empty()) start.file = path;
  if (!document->is_object()) {
    return InputError(start, "a baseline must be a JSON object");
  }
  const Value* version = document->Find("version");
  if (version == nullptr || !version->is_number() || version->text != "1") {
    return InputError(version != nullptr ? version->location : start,
                      "baseline \"version\" must be 1");
  }
  const Value* findings = document->Find("findings");
  if (findings == nullptr || !findings->is_array()) {
    return InputError(findings != nullptr ? findings->location : start,
                      "baseline \"findings\" must be an array");
  }
  Baseline baseline;
  baseline.path = path;
  for (const Value& item : findings->items) {
    if (!item.is_object()) {
      return InputError(item.location, "a baseline entry must be an object");
    }
    BaselineEntry entry;
    entry.location = item.location;
    absl::StatusOr<std::string> fingerprint =
        StringMember(item, "fingerprint", /*required=*/true);
    if (!fingerprint.ok()) return fingerprint.status();
    entry.fingerprint = *std::move(fingerprint);
    for (auto [key, field] :
         {std::pair{"rule_id", &entry.rule_id}, std::pair{"file", &entry.file},
          std::pair{"resource", &entry.resource},
          std::pair{"message", &entry.message}}) {
      absl::StatusOr<std::string> text =
          StringMember(item, key, /*required=*/false);
      if (!text.ok()) return text.status();
      *field = *std::move(text);
    }
    baseline.entries.push_back(std::move(entry));
  }
  return baseline;
}

void ApplyBaseline(const Baseline& baseline, std::string_view root,
                   CheckResult* result) {
  std::map<std::string, const BaselineEntry*> listed;
  for (const BaselineEntry& entry : baseline.entries) {
    listed.emplace(entry.fingerprint, &entry);
  }
  std::vector<std::string> fingerprints =
      RelativeFingerprints(result->findings, root);
  std::vector<Finding> kept;
  for (size_t i = 0; i < result->findings.size(); ++i) {
    auto entry = listed.find(fingerprints[i]);
    if (entry == listed.end()) {
      kept.push_back(std::move(result->findings[i]));
      continue;
    }
    result->suppressed.push_back(SuppressedFinding{
        .finding = std::move(result->findings[i]),
        .suppression =
            Suppression{.kind = "baseline",
                        .reason = absl::StrCat("in baseline ", baseline.path),
                        .location = entry->second->location}});
  }
  result->findings = std::move(kept);
  std::stable_sort(result->suppressed.begin(), result->suppressed.end(),
                   [](const SuppressedFinding& a, const SuppressedFinding& b) {
                     return FindingLess(a.finding, b.finding);
                   });
}

}  // namespace polygraph
