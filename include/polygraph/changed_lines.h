#ifndef POLYGRAPH_CHANGED_LINES_H_
#define POLYGRAPH_CHANGED_LINES_H_

// Changed lines: the lines a unified diff adds or changes, per file, so that
// `check --changed-lines` reports only findings a change introduced or
// touched.
//
//   absl::StatusOr<ChangedLines> changed =
//       ParseUnifiedDiff(git_diff_output, "git diff");
//   FilterToChangedLines(result, *changed, "/path/to/repo");
//
// Thread safety: pure functions; ChangedLines is a plain value,
// thread-compatible.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "polygraph/check.h"

namespace polygraph {

// Lines first..last of a file, 1-based, inclusive.
struct LineRange {
  int first = 0;
  int last = 0;
  friend bool operator==(const LineRange&, const LineRange&) = default;
};

struct ChangedLines {
  // New-side path as the diff writes it, without its "b/" prefix (relative
  // to the repository root for git's output) -> the added or changed lines
  // of the new file, sorted and merged. A file the diff touches only by
  // deleting lines is present with no ranges; a deleted file is absent.
  std::map<std::string, std::vector<LineRange>> files;

  // True when `line` of `file` (relative, as in `files`) was added or
  // changed.
  bool Contains(std::string_view file, int line) const;
};

// Parses unified diff text (`git diff -U0` or any context size; several
// files; "diff --git", "---", "+++" and "@@ -a,b +c,d @@" lines; git's quoted
// paths; "/dev/null" for created and deleted files). Lines outside file
// sections (commit messages, "index ...", mode lines) are skipped.
// `source_name` names the input in errors. Errors: an InputError located at
// `source_name`:line:1 for a malformed hunk header, a hunk before any "+++"
// line, a hunk body line that is not ' ', '+', '-' or '\', or a hunk cut
// short by the end of the input.
absl::StatusOr<ChangedLines> ParseUnifiedDiff(
    std::string_view text, std::string_view source_name = "<diff>");

// Keeps only the findings (and suppressed findings) whose location is on a
// changed line. A finding's file is made relative to `repo_root` (both
// resolved to absolute, canonical paths first); a file outside the root, or
// not in `changed`, loses its findings; a finding with an unknown line stays
// when its file has any changed line. Diagnostics and files are kept.
void FilterToChangedLines(CheckResult& result, const ChangedLines& changed,
                          std::string_view repo_root);

}  // namespace polygraph

#endif  // POLYGRAPH_CHANGED_LINES_H_
