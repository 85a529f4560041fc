// polygraph::LoadPaths: the public entry point; the loader itself lives in
// the ingest module (lib/ingest/load_paths.h) so that module's tests cover
// it without linking the modules above it.

#include "polygraph/loader.h"

#include "ingest/load_paths.h"
#include "polygraph/diagnostic.h"
#include "polygraph/source_location.h"

namespace polygraph {

absl::StatusOr<LoadResult> LoadPaths(const std::vector<std::string>& paths,
                                     const LoadOptions& options) {
  absl::StatusOr<LoadResult> loaded = ingest::LoadPaths(paths, options);
  if (!loaded.ok() || !options.fail_on_error_diagnostics) return loaded;
  for (const Diagnostic& diagnostic : loaded->diagnostics) {
    if (diagnostic.level == Diagnostic::Level::kError) {
      return InputError(diagnostic.location, diagnostic.message);
    }
  }
  return loaded;
}

}  // namespace polygraph
