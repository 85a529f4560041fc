// polygraph::LoadPaths: the public entry point; the loader itself lives in
// the ingest module (lib/ingest/load_paths.h) so that module's tests cover
// it without linking the modules above it.

#include "polygraph/loader.h"

#include "ingest/load_paths.h"

namespace polygraph {

absl::StatusOr<LoadResult> LoadPaths(const std::vector<std::string>& paths,
                                     const LoadOptions& options) {
  return ingest::LoadPaths(paths, options);
}

}  // namespace polygraph
