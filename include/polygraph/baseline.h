#ifndef POLYGRAPH_BASELINE_H_
#define POLYGRAPH_BASELINE_H_

// Baselines: the findings a project has accepted for now, written once and
// then hidden from later runs, so that only new findings are reported.
//
//   std::string text = WriteBaseline(*result);  // paths relative to cwd
//   ... later: CheckOptions{.baseline_path = "polygraph-baseline.json"}
//
// The file is JSON:
//   {"version": 1, "findings": [{"fingerprint", "rule_id", "file",
//    "resource", "message"}...]}
// with keys in that order. A finding is matched by its fingerprint
// (finding.h: Fingerprints()) computed with its file made relative to a
// root, so the baseline survives lines inserted above a finding and a move
// of the whole tree; rule_id, file, resource and message are for people.
//
// Thread safety: pure functions (ReadBaseline reads one file); thread-safe.

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "polygraph/check.h"
#include "polygraph/source_location.h"

namespace polygraph {

struct BaselineEntry {
  std::string fingerprint;
  std::string rule_id;
  std::string file;  // relative to the root the baseline was written with
  std::string resource;
  std::string message;
  SourceLocation location;  // of the entry in the baseline file
};

struct Baseline {
  std::string path;  // the file read; "" when built in memory
  std::vector<BaselineEntry> entries;
};

// The baseline of `result`: its findings plus those a baseline suppressed
// (so rewriting a baseline keeps what is still there), each file made
// relative to `root` ("" means the current directory; paths outside it keep
// "../" steps). Ends in a newline.
std::string WriteBaseline(const CheckResult& result,
                          std::string_view root = "");

// Reads a baseline file. Errors: NotFound when it does not exist;
// InvalidArgument from InputError() with file:line:col when it is not JSON,
// its version is not 1, or an entry lacks a string fingerprint.
absl::StatusOr<Baseline> ReadBaseline(const std::string& path);

// Moves the findings of `result` whose fingerprint (files relative to
// `root`, "" = the current directory) the baseline lists to
// result->suppressed, with kind "baseline", reason "in baseline PATH" and
// the entry's location; result->suppressed is then sorted like findings.
// REQUIRES: result != nullptr.
void ApplyBaseline(const Baseline& baseline, std::string_view root,
                   CheckResult* result);

// `path` relative to `root` ("" = the current directory), lexically, with
// "/" separators: the form baselines store.
std::string RelativeToRoot(const std::string& path, std::string_view root);

}  // namespace polygraph

#endif  // POLYGRAPH_BASELINE_H_
