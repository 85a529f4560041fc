#ifndef POLYGRAPH_LOADER_H_
#define POLYGRAPH_LOADER_H_

// Loading: reads files and folders, detects each file's format, and runs the
// front-end that fits into one Model.
//
//   absl::StatusOr<LoadResult> loaded = LoadPaths({"examples/seed"}, {});
//
// Formats: IAM policy JSON, CloudFormation templates (YAML or JSON), ECS task
// definitions (JSON). Files of other formats found while walking a folder
// (Terraform, Markdown...) are listed as "not-analysed" notes; a file named
// explicitly that is of no supported format is a note too, unless it is a
// .json/.yaml file that fails to parse, which is an error. (A YAML stream of
// several documents, such as a Kubernetes manifest, is noted, not parsed.)
//
// Thread safety: LoadPaths is thread-safe (no shared state).

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "polygraph/diagnostic.h"
#include "polygraph/model.h"

namespace polygraph {

struct LoadOptions {
  // Walk folders recursively. Default true.
  bool recursive = true;
  // Skip hidden files and folders (".git", ".terraform"). Default true.
  bool skip_hidden = true;
  // Default false: an element a front-end had to leave out (an error-level
  // diagnostic such as "invalid-value") is reported in
  // LoadResult::diagnostics and the rest is loaded. When true, the first
  // such diagnostic is returned as an InputError instead, for callers that
  // cannot give a partial answer (a graph, an address plan, reachability).
  bool fail_on_error_diagnostics = false;
};

struct LoadResult {
  Model model;
  // Notes, warnings and errors (elements left out), in file order.
  std::vector<Diagnostic> diagnostics;
};

// Errors: a path that does not exist (NotFound), a file that is malformed
// or that its front-end rejects (InvalidArgument with file:line:col; see
// ErrorLocation()). The first error stops the load.
absl::StatusOr<LoadResult> LoadPaths(const std::vector<std::string>& paths,
                                     const LoadOptions& options);

}  // namespace polygraph

#endif  // POLYGRAPH_LOADER_H_
