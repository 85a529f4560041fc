// polygraph graph PATH... [--format dot|json] [--output FILE]

#include <cstdio>
#include <string>

#include "commands.h"
#include "polygraph/graph.h"
#include "polygraph/loader.h"

namespace polygraph::cli {

int RunGraph(const Args& args) {
  absl::StatusOr<LoadResult> loaded =
      LoadPaths(args.paths, StrictLoadOptions(args));
  if (!loaded.ok()) return ReportError(loaded.status());
  for (const Diagnostic& diagnostic : loaded->diagnostics) {
    std::fputs((diagnostic.ToString() + "\n").c_str(), stderr);
  }
  Graph graph = Graph::Build(loaded->model);
  std::string text = args.format == "json" ? graph.ToJson() : graph.ToDot();
  return WriteOutput(text, args.output) ? kExitClean : kExitError;
}

}  // namespace polygraph::cli
