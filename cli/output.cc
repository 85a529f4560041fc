#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include "absl/strings/str_cat.h"
#include "commands.h"

namespace polygraph::cli {

int ReportError(std::string_view message) {
  std::string line = absl::StrCat(
      "polygraph: ", absl::string_view(message.data(), message.size()));
  // One line: a message carrying line breaks (from input) is folded.
  for (char& c : line) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  line += '\n';
  std::fputs(line.c_str(), stderr);
  return kExitError;
}

int ReportError(const absl::Status& status) {
  return ReportError(
      std::string_view(status.message().data(), status.message().size()));
}

bool WriteOutput(const std::string& text, const std::string& path) {
  if (path.empty()) {
    if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() ||
        std::fflush(stdout) != 0) {
      ReportError(absl::StrCat("cannot write to standard output: ",
                               std::strerror(errno)));
      return false;
    }
    return true;
  }
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) {
    ReportError(
        absl::StrCat("cannot write ", path, ": ", std::strerror(errno)));
    return false;
  }
  bool written = std::fwrite(text.data(), 1, text.size(), file) == text.size();
  int saved_errno = errno;
  if (std::fclose(file) != 0 && written) {
    written = false;
    saved_errno = errno;
  }
  if (!written) {
    ReportError(
        absl::StrCat("cannot write ", path, ": ", std::strerror(saved_errno)));
  }
  return written;
}

}  // namespace polygraph::cli
