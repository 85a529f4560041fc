#ifndef POLYGRAPH_REACH_REPORT_H_
#define POLYGRAPH_REACH_REPORT_H_

// Reachability answers (reachability.h) rendered for people and programs:
// the text, JSON and Graphviz DOT that `polygraph reach`, `polygraph
// exposure` and the Python bindings share, plus the small pieces of question
// parsing they share (endpoints by name, --port/--protocol filters).
//
//   absl::StatusOr<net::Endpoint> to = ParseEndpoint(model, "Database");
//   net::ReachResult r = network.Reach(net::Endpoint::Internet(), *to);
//   std::string text = FormatReachText(model, {"internet", "Database"}, r);
//
// JSON schema of FormatReachJson (keys in this order; stable):
//   {"from": "internet", "to": "Database",
//    "reachable": [Packets...],          // empty: nothing gets through
//    "flows": [{"packets": [Packets...], "steps": [Step...]}...],
//    "stopped": [{"packets": [Packets...], "stopped_by": Step}...]}
//   Packets = {"protocol": "tcp" | "udp" | "icmp" | "all" | "47" ...,
//              "sources": ["0.0.0.0/5", ...], "destinations": [...],
//              "ports": ["443", "1024-65535"]}   // ["0-65535"] when portless
//   Step = {"kind": "route" | "network-acl-inbound" | ... (StepKindName),
//           "resource": "PublicRoutes" | "" (an AWS default),
//           "rule": "rule 100 allow tcp 443 from 0.0.0.0/0",
//           "file": "net.yaml" | "", "line": 12, "column": 7}  // 0: unknown
// FormatExposureJson:
//   {"exposed": [{"workload": "Alb", "kind": "load-balancer",
//                 "file", "line", "column",
//                 "reachable": [Packets...], "flows": [...as above]}...]}
//
// Thread safety: pure functions; thread-safe.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "polygraph/model.h"
#include "polygraph/packet_set.h"
#include "polygraph/reachability.h"

namespace polygraph::net {

// "internet" (any case), a CIDR ("10.0.0.0/16"), an address ("203.0.113.7",
// meaning its /32 or /128) or the name of a workload, security group or
// subnet (Resource::name; the first declared wins when several files use one
// name). Errors: InvalidArgument, one line: a malformed CIDR; an unknown
// name, followed by up to three closest endpoint names ("unknown resource
// \"Dtabase\"; closest: Database, DbSG"); a name of another kind of resource.
absl::StatusOr<Endpoint> ParseEndpoint(const Model& model,
                                       std::string_view text);

// The packets a --port/--protocol pair selects: `protocol` as ParseProtocol
// reads it ("" = every protocol), `port` the destination port (nullopt =
// every port). Errors: InvalidArgument for an unknown protocol or a port
// outside 0-65535.
absl::StatusOr<ip::PacketSet> TrafficFilter(std::optional<int> port,
                                            std::string_view protocol);

// `result` with every flow and stopped part intersected with `filter`;
// parts left empty are dropped.
ReachResult RestrictReach(const ReachResult& result,
                          const ip::PacketSet& filter);

// The exposures whose reach, restricted to `filter`, is not empty.
std::vector<Exposure> RestrictExposures(const std::vector<Exposure>& exposures,
                                        const ip::PacketSet& filter);

// The question as the user wrote it: labels for headings and DOT nodes.
struct ReachQuestion {
  std::string from;  // e.g. "internet", "10.0.0.0/8", "WebServer"
  std::string to;    // e.g. "Database"
};

// "<from> -> <to>: reachable" or ": not reachable", then one line per flow,
// "  tcp from 0.0.0.0/5, ... (+12 more) ports 443", each followed by its
// steps, one per line: "    -> route PublicRoutes: route 0.0.0.0/0 ->
// internet-gateway (net.yaml:30:5)"; then the stopped parts the same way,
// "  stopped: tcp ... ports 22" and "    stopped by network-acl-inbound
// PrivateAcl: default deny (*)". Ends in a newline.
std::string FormatReachText(const Model& model, const ReachQuestion& question,
                            const ReachResult& result);
// The schema in the file comment, indented by two spaces, ending in a
// newline.
std::string FormatReachJson(const Model& model, const ReachQuestion& question,
                            const ReachResult& result);
// A digraph of the path: a node for the source, one per resource a step
// names (route tables, ACLs, security groups, workloads) and one for the
// destination; green edges along each flow, labelled with the rule that
// admitted it; red edges to what stopped a part, labelled with its rule.
std::string FormatReachDot(const Model& model, const ReachQuestion& question,
                           const ReachResult& result);

// One block per exposed workload: "<kind> <name> (file:line:col)", then
// one line per flow ("  tcp ports 443") and its admitting steps as in
// FormatReachText; "no workload is reachable from the internet" when empty.
std::string FormatExposureText(const Model& model,
                               const std::vector<Exposure>& exposures);
std::string FormatExposureJson(const Model& model,
                               const std::vector<Exposure>& exposures);
// One digraph: the internet node, and per workload its admitting path.
std::string FormatExposureDot(const Model& model,
                              const std::vector<Exposure>& exposures);

}  // namespace polygraph::net

#endif  // POLYGRAPH_REACH_REPORT_H_
