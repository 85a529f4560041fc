// Unified diff parsing into changed line ranges, and the finding filter.

#include "polygraph/changed_lines.h"

#include <algorithm>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "base/strings.h"

namespace polygraph {
namespace {

namespace fs = std::filesystem;

// "+++ b/dir/a.yaml\t2024-..." -> "dir/a.yaml"; nullopt for /dev/null.
std::optional<std::string> NewPath(std::string_view rest) {
  std::string path;
  if (rest.starts_with("\"")) {
    size_t end = rest.rfind('"');
    std::string unescaped;
    if (end > 0 && absl::CUnescape(internal::ToAbsl(rest.substr(1, end - 1)),
                                   &unescaped)) {
      path = unescaped;
    } else {
      path = std::string(rest);
    }
  } else {
    size_t tab = rest.find('\t');
    path = std::string(rest.substr(0, tab));
    while (!path.empty() && (path.back() == ' ' || path.back() == '\r')) {
      path.pop_back();
    }
  }
  if (path == "/dev/null") return std::nullopt;
  if (path.starts_with("b/")) path = path.substr(2);
  return path;
}

// "12,3" or "12" -> {12, 3} / {12, 1}.
bool ParseSpan(std::string_view text, int* start, int* count) {
  size_t comma = text.find(',');
  *count = 1;
  if (comma != std::string_view::npos &&
      !absl::SimpleAtoi(internal::ToAbsl(text.substr(comma + 1)), count)) {
    return false;
  }
  return absl::SimpleAtoi(internal::ToAbsl(text.substr(0, comma)), start) &&
         *start >= 0 && *count >= 0;
}

// "@@ -a,b +c,d @@ context" -> old and new counts, new start.
bool ParseHunkHeader(std::string_view line, int* old_count, int* new_start,
                     int* new_count) {
  if (!line.starts_with("@@ -")) return false;
  size_t end = line.find(" @@", 4);
  if (end == std::string_view::npos) return false;
  std::string_view spans = line.substr(4, end - 4);
  size_t space = spans.find(" +");
  if (space == std::string_view::npos) return false;
  int old_start = 0;
  return ParseSpan(spans.substr(0, space), &old_start, old_count) &&
         ParseSpan(spans.substr(space + 2), new_start, new_count);
}

void Normalise(std::vector<LineRange>& ranges) {
  std::sort(
      ranges.begin(), ranges.end(),
      [](const LineRange& a, const LineRange& b) { return a.first < b.first; });
  std::vector<LineRange> merged;
  for (const LineRange& range : ranges) {
    if (!merged.empty() && range.first <= merged.back().last + 1) {
      merged.back().last = std::max(merged.back().last, range.last);
    } else {
      merged.push_back(range);
    }
  }
  ranges = std::move(merged);
}

std::string Absolute(std::string_view path) {
  std::error_code error;
  fs::path absolute = fs::weakly_canonical(fs::path(path), error);
  if (error) absolute = fs::absolute(fs::path(path), error);
  return absolute.lexically_normal().generic_string();
}

}  // namespace

bool ChangedLines::Contains(std::string_view file, int line) const {
  auto found = files.find(std::string(file));
  if (found == files.end()) return false;
  for (const LineRange& range : found->second) {
    if (line >= range.first && line <= range.last) return true;
  }
  return false;
}

absl::StatusOr<ChangedLines> ParseUnifiedDiff(std::string_view text,
                                              std::string_view source_name) {
  ChangedLines changed;
  std::vector<LineRange>* current = nullptr;  // the new file's ranges
  bool in_file = false;  // a "+++" line was seen (maybe /dev/null)
  int old_left = 0, new_left = 0, new_line = 0;
  int line_number = 0;
  auto error = [&](std::string_view reason) {
    return InputError(
        {.file = std::string(source_name), .line = line_number, .column = 1},
        reason);
  };
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);

    if (old_left > 0 || new_left > 0) {  // inside a hunk body
      char kind = line.empty() ? ' ' : line[0];
      if (kind == '\\') continue;  // "\ No newline at end of file"
      if (kind == ' ') {
        --old_left;
        --new_left;
        ++new_line;
      } else if (kind == '-') {
        --old_left;
      } else if (kind == '+') {
        if (current != nullptr) current->push_back({new_line, new_line});
        --new_left;
        ++new_line;
      } else {
        return error(absl::StrCat("unexpected line in a hunk: ",
                                  internal::QuoteForMessage(line)));
      }
      if (old_left < 0 || new_left < 0) {
        return error("hunk has more lines than its header counts");
      }
      continue;
    }
    if (line.starts_with("diff ")) {
      current = nullptr;
      in_file = false;
    } else if (line.starts_with("+++ ")) {
      std::optional<std::string> path = NewPath(line.substr(4));
      current = path.has_value() ? &changed.files[*path] : nullptr;
      in_file = true;
    } else if (line.starts_with("@@")) {
      int old_count = 0, new_start = 0, new_count = 0;
      if (!ParseHunkHeader(line, &old_count, &new_start, &new_count)) {
        return error(absl::StrCat("malformed hunk header ",
                                  internal::QuoteForMessage(line),
                                  " (expected \"@@ -a,b +c,d @@\")"));
      }
      if (!in_file) return error("hunk before any \"+++\" file line");
      old_left = old_count;
      new_left = new_count;
      new_line = new_start;
    }
  }
  if (old_left > 0 || new_left > 0) {
    ++line_number;
    return error(absl::StrCat("diff ends inside a hunk: ", old_left + new_left,
                              " more lines expected"));
  }
  for (auto& [file, ranges] : changed.files) Normalise(ranges);
  return changed;
}

void FilterToChangedLines(CheckResult& result, const ChangedLines& changed,
                          std::string_view repo_root) {
  fs::path root(Absolute(repo_root));
  auto keep = [&](const SourceLocation& location) {
    if (location.file.empty()) return false;
    fs::path relative =
        fs::path(Absolute(location.file)).lexically_relative(root);
    std::string file = relative.generic_string();
    if (file.empty() || file.starts_with("..")) return false;
    auto found = changed.files.find(file);
    if (found == changed.files.end()) return false;
    if (!location.known()) return !found->second.empty();
    return changed.Contains(file, location.line);
  };
  std::erase_if(result.findings,
                [&](const Finding& f) { return !keep(f.location); });
  std::erase_if(result.suppressed, [&](const SuppressedFinding& s) {
    return !keep(s.finding.location);
  });
}

}  // namespace polygraph
