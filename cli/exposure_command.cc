// polygraph exposure PATH... [--format text|json|dot] [--output FILE]
//
// Lists every workload some internet packet reaches, with its protocols,
// ports and the rules that admit them. Exit status: 0 on success, whatever
// is exposed (the listing is the answer); 2 for a usage or input error.

#include <cstdio>
#include <string>
#include <vector>

#include "commands.h"
#include "polygraph/loader.h"
#include "polygraph/reach_report.h"
#include "polygraph/reachability.h"

namespace polygraph::cli {

int RunExposure(const Args& args) {
  absl::StatusOr<LoadResult> loaded =
      LoadPaths(args.paths, StrictLoadOptions(args));
  if (!loaded.ok()) return ReportError(loaded.status());
  for (const Diagnostic& diagnostic : loaded->diagnostics) {
    std::fputs((diagnostic.ToString() + "\n").c_str(), stderr);
  }
  const Model& model = loaded->model;
  absl::StatusOr<net::Network> network = net::Network::Build(model);
  if (!network.ok()) return ReportError(network.status());
  for (const Diagnostic& diagnostic : network->diagnostics()) {
    std::fputs((diagnostic.ToString() + "\n").c_str(), stderr);
  }
  const std::vector<net::Exposure> exposures = network->ExposedToInternet();
  std::string text;
  if (args.format == "json") {
    text = net::FormatExposureJson(model, exposures);
  } else if (args.format == "dot") {
    text = net::FormatExposureDot(model, exposures);
  } else {
    text = net::FormatExposureText(model, exposures);
  }
  return WriteOutput(text, args.output) ? kExitClean : kExitError;
}

}  // namespace polygraph::cli
