// Diff: both trees checked, findings matched by fingerprint over relative
// paths, and the semantic delta from the two models (api/diff_*.cc).

#include "polygraph/diff.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <system_error>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/strings/str_replace.h"
#include "api/check_internal.h"
#include "api/diff_internal.h"

namespace polygraph {
namespace {

namespace fs = std::filesystem;

std::string DefaultRoot(const std::vector<std::string>& paths) {
  if (paths.size() != 1) return "";
  std::error_code error;
  fs::path path(paths[0]);
  if (fs::is_directory(path, error)) return path.string();
  return path.parent_path().string();
}

// Makes paths relative to one root; paths outside it are kept.
class Relativizer {
 public:
  explicit Relativizer(std::string root) {
    while (root.size() > 1 && root.back() == '/') root.pop_back();
    root_ = std::move(root);
  }

  std::string Path(const std::string& file) const {
    if (root_.empty() || file.empty()) return file;
    fs::path root(root_);
    fs::path path(file);
    if (root.is_absolute() != path.is_absolute()) {
      std::error_code error;
      root = fs::absolute(root, error);
      path = fs::absolute(path, error);
    }
    fs::path relative =
        path.lexically_normal().lexically_relative(root.lexically_normal());
    if (relative.empty() || *relative.begin() == "..") return file;
    if (relative == ".") return path.filename().generic_string();
    return relative.generic_string();
  }

  // Quoted paths ("at base/a.yaml:3:4") in messages, made relative too.
  std::string Text(const std::string& text) const {
    if (root_.empty() || root_ == "/") return text;
    return absl::StrReplaceAll(text, {{root_ + "/", ""}});
  }

  void Apply(SourceLocation& location) const {
    location.file = Path(location.file);
  }
  void Apply(Finding& finding) const {
    Apply(finding.location);
    finding.message = Text(finding.message);
    finding.fix = Text(finding.fix);
  }

 private:
  std::string root_;
};

struct Side {
  CheckResult checked;
  Model model;
};

absl::StatusOr<Side> Analyse(const std::vector<std::string>& paths,
                             const CheckOptions& options,
                             const Relativizer& relativizer) {
  Model model;
  absl::StatusOr<CheckResult> checked =
      internal::CheckKeepingModel(paths, options, &model);
  if (!checked.ok()) return checked.status();
  Side side{.checked = *std::move(checked), .model = std::move(model)};
  for (Finding& finding : side.checked.findings) relativizer.Apply(finding);
  for (SuppressedFinding& suppressed : side.checked.suppressed) {
    relativizer.Apply(suppressed.finding);
  }
  for (Diagnostic& diagnostic : side.checked.diagnostics) {
    relativizer.Apply(diagnostic.location);
  }
  for (std::string& file : side.checked.files) {
    file = relativizer.Path(file);
  }
  return side;
}

bool FindingLess(const Finding& a, const Finding& b) {
  return std::tie(a.location.file, a.location.line, a.location.column,
                  a.rule_id, a.message) <
         std::tie(b.location.file, b.location.line, b.location.column,
                  b.rule_id, b.message);
}

}  // namespace

bool DiffResult::Fails(Severity threshold) const {
  if (!delta.empty()) return true;
  return std::any_of(
      new_findings.begin(), new_findings.end(),
      [threshold](const Finding& f) { return f.severity >= threshold; });
}

bool DiffResult::HasErrors() const {
  auto error = [](const Diagnostic& d) {
    return d.level == Diagnostic::Level::kError;
  };
  return std::any_of(base_diagnostics.begin(), base_diagnostics.end(), error) ||
         std::any_of(head_diagnostics.begin(), head_diagnostics.end(), error);
}

absl::StatusOr<DiffResult> Diff(const std::vector<std::string>& base_paths,
                                const std::vector<std::string>& head_paths,
                                const DiffOptions& options) {
  Relativizer base_relative(options.base_root.empty() ? DefaultRoot(base_paths)
                                                      : options.base_root);
  Relativizer head_relative(options.head_root.empty() ? DefaultRoot(head_paths)
                                                      : options.head_root);
  absl::StatusOr<Side> base = Analyse(base_paths, options.check, base_relative);
  if (!base.ok()) return base.status();
  absl::StatusOr<Side> head = Analyse(head_paths, options.check, head_relative);
  if (!head.ok()) return head.status();

  DiffResult result;
  std::vector<std::string> base_prints = Fingerprints(base->checked.findings);
  std::vector<std::string> head_prints = Fingerprints(head->checked.findings);
  std::map<std::string, int> in_base, in_head;
  for (const std::string& print : base_prints) ++in_base[print];
  for (const std::string& print : head_prints) ++in_head[print];
  for (size_t i = 0; i < head_prints.size(); ++i) {
    if (in_base.contains(head_prints[i])) {
      ++result.unchanged;
    } else {
      result.new_findings.push_back(head->checked.findings[i]);
    }
  }
  for (size_t i = 0; i < base_prints.size(); ++i) {
    if (!in_head.contains(base_prints[i])) {
      result.fixed_findings.push_back(base->checked.findings[i]);
    }
  }
  std::sort(result.new_findings.begin(), result.new_findings.end(),
            FindingLess);
  std::sort(result.fixed_findings.begin(), result.fixed_findings.end(),
            FindingLess);

  absl::StatusOr<std::vector<DeltaItem>> reach =
      diff_internal::ReachDelta(base->model, head->model);
  if (!reach.ok()) return reach.status();
  absl::StatusOr<std::vector<DeltaItem>> buckets =
      diff_internal::BucketDelta(base->model, head->model);
  if (!buckets.ok()) return buckets.status();
  result.delta = diff_internal::AccessDelta(base->model, head->model);
  for (std::vector<DeltaItem>* items : {&*reach, &*buckets}) {
    for (DeltaItem& item : *items) result.delta.push_back(std::move(item));
  }
  for (DeltaItem& item : result.delta) {
    head_relative.Apply(item.location);
    item.description = head_relative.Text(item.description);
  }
  std::sort(result.delta.begin(), result.delta.end(),
            [](const DeltaItem& a, const DeltaItem& b) {
              return std::tie(a.kind, a.resource, a.description) <
                     std::tie(b.kind, b.resource, b.description);
            });

  result.base_diagnostics = std::move(base->checked.diagnostics);
  result.head_diagnostics = std::move(head->checked.diagnostics);
  result.base_files = std::move(base->checked.files);
  result.head_files = std::move(head->checked.files);
  return result;
}

}  // namespace polygraph
