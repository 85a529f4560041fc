#ifndef POLYGRAPH_LIB_REPORT_INTERNAL_REACH_COMMON_H_
#define POLYGRAPH_LIB_REPORT_INTERNAL_REACH_COMMON_H_

// What the reach renderers (reach_report.cc, reach_dot.cc) share.
//
// Thread safety: pure functions; thread-safe.

#include <cstddef>
#include <string>
#include <vector>

#include "polygraph/model.h"
#include "polygraph/packet_set.h"
#include "polygraph/reachability.h"

namespace polygraph::net::report_internal {

// One protocol of one box of a PacketSet, as text.
struct PacketsView {
  std::string protocol;      // "tcp", "udp", "icmp", "all", "47"
  int protocol_number = -1;  // -1 for "all"
  std::vector<std::string> sources;
  std::vector<std::string> destinations;
  std::vector<std::string> ports;  // ranges, "443", "1024-65535"
};

// The boxes of `packets` split per protocol ("all" kept whole), sorted by
// protocol, ports, sources, destinations.
std::vector<PacketsView> Describe(const ip::PacketSet& packets);

// Model::resources()[index].name, or "" when out of range.
std::string ResourceLabel(const Model& model, size_t index);

// The name of the resource a step names; for an AWS default (no resource),
// what it is: "(main route table)", "(default network ACL)".
std::string StepResourceLabel(const Model& model, const Step& step);

}  // namespace polygraph::net::report_internal

#endif  // POLYGRAPH_LIB_REPORT_INTERNAL_REACH_COMMON_H_
