#ifndef POLYGRAPH_CLI_GIT_H_
#define POLYGRAPH_CLI_GIT_H_

// The little of git the CLI needs (diff --base-ref, check --changed-lines),
// run as a child process; the library never runs git. Thread safety:
// thread-compatible (TempDir owns a folder on disk).

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "args.h"
#include "polygraph/check.h"

namespace polygraph::cli {

// Runs `git -C dir args...` and returns its standard output. Errors:
// FailedPrecondition when git cannot be run or exits non-zero, with git's
// first line of standard error.
absl::StatusOr<std::string> RunGit(const std::string& dir,
                                   const std::vector<std::string>& args);

// The repository holding `path` (a file or folder): its top-level folder,
// canonical, and `path` relative to it ("" for the top level itself).
struct RepositoryPath {
  std::string root;
  std::string relative;
};
absl::StatusOr<RepositoryPath> FindRepository(const std::string& path);

// A fresh folder under the system's temporary folder, removed with all its
// contents when the object is destroyed. Not copyable (one owner); movable.
class TempDir {
 public:
  static absl::StatusOr<TempDir> Create();
  TempDir(TempDir&& other) noexcept;
  TempDir& operator=(TempDir&&) = delete;
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir();
  const std::string& path() const { return path_; }

 private:
  explicit TempDir(std::string path) : path_(std::move(path)) {}
  std::string path_;
};

// Writes the tree of `ref` (limited to `relative` when not "") of the
// repository at `root` into `destination`, keeping paths relative to the
// repository root (git archive, extracted with tar). A `relative` path that
// does not exist at `ref` (added since) gives an empty folder. Errors:
// InvalidArgument when `ref` is not a commit; git or tar failing.
absl::Status ExtractTree(const std::string& root, const std::string& ref,
                         const std::string& relative,
                         const std::string& destination);

// check --changed-lines / --changed-lines-from: keeps only the findings on
// lines the change adds or modifies (FilterToChangedLines). --changed-lines
// runs `git diff -U0 HEAD` in the repository of the first path and counts
// untracked files (not ignored) as wholly changed; --changed-lines-from reads
// the diff from a file or "-" (standard input), relative to the repository of
// the first path when there is one, else to the working directory. Does
// nothing when neither option is given. Errors: git failing, an unreadable
// file, a malformed diff (an InputError located in it).
absl::Status ApplyChangedLines(const Args& args, CheckResult& result);

}  // namespace polygraph::cli

#endif  // POLYGRAPH_CLI_GIT_H_
