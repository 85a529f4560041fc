// A minimal C++ host: checks the paths on its command line with polygraph's
// built-in rules and prints one line per finding.
//
//   cpp_host examples/antipatterns
//
// Exit status: 0 when clean, 1 when there are findings, 2 on input errors.
#include <iostream>
#include <string>
#include <vector>

#include "polygraph/check.h"
#include "polygraph/finding.h"

int main(int argc, char** argv) {
  std::vector<std::string> paths(argv + 1, argv + argc);
  absl::StatusOr<polygraph::CheckResult> result = polygraph::Check(paths, {});
  if (!result.ok()) {
    std::cerr << "cpp_host: " << result.status().message() << "\n";
    return 2;
  }
  for (const polygraph::Finding& finding : result->findings) {
    std::cout << finding.location.ToString() << ": " << finding.rule_id << " "
              << finding.message << "\n";
  }
  std::cout << result->findings.size() << " findings in "
            << result->files.size() << " files\n";
  return result->findings.empty() ? 0 : 1;
}
