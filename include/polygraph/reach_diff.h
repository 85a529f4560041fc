#ifndef POLYGRAPH_REACH_DIFF_H_
#define POLYGRAPH_REACH_DIFF_H_

// DiffReach: the flows a change to the network adds or removes. Both
// networks are built (Network::Build) from two models of one system, before
// and after the change; workloads are matched by resource name.
//
//   net::ReachDiff diff = net::DiffReach(*before, *after);
//   for (const net::FlowChange& c : diff.changes)
//     ... c.added (after - before), c.added_flows[i].steps (what opened it)
//
// For every workload, the questions are: from the internet, and from every
// other workload in the same VPC (a workload known in one model only is
// compared with nothing in the other). Exact: PacketSet subtraction, no
// enumeration.
//
// Thread safety: a pure function over immutable networks; results are plain
// values.

#include <string>
#include <vector>

#include "polygraph/packet_set.h"
#include "polygraph/reachability.h"

namespace polygraph::net {

// The difference of one question between the two networks.
struct FlowChange {
  std::string destination;  // the workload's resource name
  // The source: "" for the internet, else a workload's resource name.
  std::string source;
  ip::PacketSet added;    // reachable after, not before
  ip::PacketSet removed;  // reachable before, not after
  // `added` split by the after network's flows, with the steps that admit
  // it there; `removed` likewise in the before network.
  std::vector<Flow> added_flows;
  std::vector<Flow> removed_flows;
};

struct ReachDiff {
  // Questions whose answer changed, by destination then source name (the
  // internet first). Empty when the networks answer every question alike.
  std::vector<FlowChange> changes;
};

// REQUIRES: the models of both networks are alive.
ReachDiff DiffReach(const Network& before, const Network& after);

}  // namespace polygraph::net

#endif  // POLYGRAPH_REACH_DIFF_H_
