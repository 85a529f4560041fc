// polygraph reach PATH... --from internet|CIDR|NAME --to NAME [--port N]
//                         [--protocol P] [--format text|json|dot]
//                         [--output FILE]
//
// Exit status: 0 when the question was answered, whether or not anything is
// reachable (the answer says "reachable" or "not reachable" and names what
// stopped the packets); 2 for a usage or input error, such as a --from or
// --to that names no workload, security group or subnet.

#include <cstdio>
#include <optional>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "commands.h"
#include "polygraph/loader.h"
#include "polygraph/reach_report.h"
#include "polygraph/reachability.h"

namespace polygraph::cli {

int RunReach(const Args& args) {
  std::optional<int> port;
  if (!args.port.empty()) {
    int value = 0;
    if (!absl::SimpleAtoi(args.port, &value)) {
      return ReportError(absl::StrCat("reach: --port expects a number, not '",
                                      args.port, "'"));
    }
    port = value;
  }
  absl::StatusOr<ip::PacketSet> filter =
      net::TrafficFilter(port, args.protocol);
  if (!filter.ok())
    return ReportError(absl::StrCat("reach: ", filter.status().message()));

  absl::StatusOr<LoadResult> loaded =
      LoadPaths(args.paths, StrictLoadOptions(args));
  if (!loaded.ok()) return ReportError(loaded.status());
  for (const Diagnostic& diagnostic : loaded->diagnostics) {
    std::fputs((diagnostic.ToString() + "\n").c_str(), stderr);
  }
  const Model& model = loaded->model;
  absl::StatusOr<net::Endpoint> from = net::ParseEndpoint(model, args.from);
  if (!from.ok())
    return ReportError(
        absl::StrCat("reach: --from: ", from.status().message()));
  absl::StatusOr<net::Endpoint> to = net::ParseEndpoint(model, args.to);
  if (!to.ok())
    return ReportError(absl::StrCat("reach: --to: ", to.status().message()));
  if (to->kind != net::Endpoint::Kind::kResource) {
    return ReportError(
        "reach: --to must name a workload, security group or subnet");
  }

  absl::StatusOr<net::Network> network = net::Network::Build(model);
  if (!network.ok()) return ReportError(network.status());
  for (const Diagnostic& diagnostic : network->diagnostics()) {
    std::fputs((diagnostic.ToString() + "\n").c_str(), stderr);
  }
  const net::ReachResult result =
      net::RestrictReach(network->Reach(*from, *to), *filter);
  const net::ReachQuestion question{.from = args.from, .to = args.to};
  std::string text;
  if (args.format == "json") {
    text = net::FormatReachJson(model, question, result);
  } else if (args.format == "dot") {
    text = net::FormatReachDot(model, question, result);
  } else {
    text = net::FormatReachText(model, question, result);
  }
  return WriteOutput(text, args.output) ? kExitClean : kExitError;
}

}  // namespace polygraph::cli
