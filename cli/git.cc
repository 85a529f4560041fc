// Running git and tar as child processes (posix_spawnp, no shell).

#include "git.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "polygraph/changed_lines.h"

extern char** environ;

namespace polygraph::cli {
namespace {

namespace fs = std::filesystem;

std::string FirstLine(const std::string& text) {
  std::string line = text.substr(0, text.find('\n'));
  return line.empty() ? std::string("no message") : line;
}

// Runs argv[0] (found on PATH) with `argv`; its standard output in *out, its
// standard error in *err. Returns the exit status, or -1 when it cannot run.
int RunProcess(const std::vector<std::string>& argv, std::string* out,
               std::string* err) {
  int out_pipe[2];
  if (pipe(out_pipe) != 0) return -1;
  char err_name[] = "/tmp/polygraph-git-XXXXXX";
  int err_fd = mkstemp(err_name);
  if (err_fd < 0) {
    close(out_pipe[0]);
    close(out_pipe[1]);
    return -1;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err_fd, STDERR_FILENO);
  posix_spawn_file_actions_addclose(&actions, out_pipe[0]);
  posix_spawn_file_actions_addclose(&actions, out_pipe[1]);
  posix_spawn_file_actions_addclose(&actions, err_fd);
  std::vector<char*> args;
  for (const std::string& arg : argv)
    args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  int spawned =
      posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(out_pipe[1]);
  if (spawned == 0) {
    char buffer[65536];
    ssize_t n;
    while ((n = read(out_pipe[0], buffer, sizeof buffer)) > 0 ||
           (n < 0 && errno == EINTR)) {
      if (n > 0) out->append(buffer, static_cast<size_t>(n));
    }
  }
  close(out_pipe[0]);
  int status = -1;
  if (spawned == 0) {
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
  }
  std::ifstream err_file(err_name, std::ios::binary);
  err->assign(std::istreambuf_iterator<char>(err_file), {});
  close(err_fd);
  unlink(err_name);
  if (spawned != 0) {
    *err = absl::StrCat("cannot run ", argv[0]);
    return -1;
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

absl::StatusOr<std::string> RunGit(const std::string& dir,
                                   const std::vector<std::string>& args) {
  std::vector<std::string> argv = {"git", "-C", dir};
  argv.insert(argv.end(), args.begin(), args.end());
  std::string out, err;
  int status = RunProcess(argv, &out, &err);
  if (status != 0) {
    return absl::FailedPreconditionError(
        absl::StrCat("git ", args.empty() ? "" : args[0], " failed in ", dir,
                     ": ", FirstLine(err)));
  }
  return out;
}

absl::StatusOr<RepositoryPath> FindRepository(const std::string& path) {
  std::error_code error;
  fs::path target = fs::weakly_canonical(fs::path(path), error);
  if (error || !fs::exists(target, error)) {
    return absl::NotFoundError(absl::StrCat(path, ": no such file or folder"));
  }
  fs::path dir =
      fs::is_directory(target, error) ? target : target.parent_path();
  absl::StatusOr<std::string> top =
      RunGit(dir.string(), {"rev-parse", "--show-toplevel"});
  if (!top.ok()) return top.status();
  std::string root(absl::StripTrailingAsciiWhitespace(*top));
  fs::path canonical_root = fs::weakly_canonical(fs::path(root), error);
  std::string relative =
      target.lexically_relative(canonical_root).generic_string();
  if (relative == ".") relative.clear();
  return RepositoryPath{.root = canonical_root.string(), .relative = relative};
}

absl::StatusOr<TempDir> TempDir::Create() {
  std::error_code error;
  fs::path base = fs::temp_directory_path(error);
  if (error) base = "/tmp";
  std::string pattern = (base / "polygraph-base-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) {
    return absl::InternalError("cannot create a temporary folder");
  }
  return TempDir(pattern);
}

TempDir::TempDir(TempDir&& other) noexcept : path_(std::move(other.path_)) {
  other.path_.clear();
}

TempDir::~TempDir() {
  if (path_.empty()) return;
  std::error_code error;
  fs::remove_all(path_, error);
}

absl::Status ExtractTree(const std::string& root, const std::string& ref,
                         const std::string& relative,
                         const std::string& destination) {
  absl::StatusOr<std::string> commit =
      RunGit(root, {"rev-parse", "--verify", "--quiet", ref + "^{commit}"});
  if (!commit.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("--base-ref: '", ref, "' is not a commit in ", root));
  }
  if (!relative.empty() &&
      !RunGit(root, {"cat-file", "-e", ref + ":" + relative}).ok()) {
    // Added since `ref`: the base is an empty folder.
    std::error_code error;
    fs::create_directories(fs::path(destination) / relative, error);
    if (error) return absl::InternalError("cannot create " + destination);
    return absl::OkStatus();
  }
  std::vector<std::string> args = {"archive", "--format=tar", ref};
  if (!relative.empty()) {
    args.push_back("--");
    args.push_back(relative);
  }
  absl::StatusOr<std::string> tar = RunGit(root, args);
  if (!tar.ok()) return tar.status();
  std::string archive = destination + "/.polygraph-base.tar";
  {
    std::ofstream file(archive, std::ios::binary);
    file.write(tar->data(), static_cast<std::streamsize>(tar->size()));
    if (!file) return absl::InternalError("cannot write " + archive);
  }
  std::string out, err;
  int status =
      RunProcess({"tar", "-xf", archive, "-C", destination}, &out, &err);
  std::error_code error;
  fs::remove(archive, error);
  if (status != 0) {
    return absl::FailedPreconditionError(
        absl::StrCat("tar failed: ", FirstLine(err)));
  }
  return absl::OkStatus();
}

absl::Status ApplyChangedLines(const Args& args, CheckResult& result) {
  if (!args.changed_lines && args.changed_lines_from.empty()) {
    return absl::OkStatus();
  }
  absl::StatusOr<RepositoryPath> repository =
      args.paths.empty() ? absl::StatusOr<RepositoryPath>(
                               absl::InvalidArgumentError("no paths given"))
                         : FindRepository(args.paths[0]);
  std::string text, source, root;
  if (!args.changed_lines_from.empty()) {
    std::error_code error;
    root =
        repository.ok() ? repository->root : fs::current_path(error).string();
    std::stringstream buffer;
    if (args.changed_lines_from == "-") {
      buffer << std::cin.rdbuf();
      source = "<stdin>";
    } else {
      std::ifstream file(args.changed_lines_from, std::ios::binary);
      if (!file) {
        return absl::NotFoundError(
            absl::StrCat(args.changed_lines_from, ": cannot read the diff"));
      }
      buffer << file.rdbuf();
      source = args.changed_lines_from;
    }
    text = buffer.str();
  } else {
    if (!repository.ok()) return repository.status();
    root = repository->root;
    absl::StatusOr<std::string> diff =
        RunGit(root, {"diff", "-U0", "--no-color", "--no-ext-diff",
                      "--src-prefix=a/", "--dst-prefix=b/", "HEAD"});
    if (!diff.ok()) return diff.status();
    text = *std::move(diff);
    source = "git diff";
  }
  absl::StatusOr<ChangedLines> changed = ParseUnifiedDiff(text, source);
  if (!changed.ok()) return changed.status();
  if (args.changed_lines) {
    absl::StatusOr<std::string> untracked =
        RunGit(root, {"ls-files", "--others", "--exclude-standard", "-z"});
    if (!untracked.ok()) return untracked.status();
    size_t start = 0;
    while (start < untracked->size()) {
      size_t end = untracked->find('\0', start);
      if (end == std::string::npos) end = untracked->size();
      if (end > start) {
        changed->files[untracked->substr(start, end - start)] = {
            LineRange{.first = 1, .last = INT_MAX}};
      }
      start = end + 1;
    }
  }
  FilterToChangedLines(result, *changed, root);
  return absl::OkStatus();
}

}  // namespace polygraph::cli
