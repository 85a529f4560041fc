#ifndef POLYGRAPH_LIB_NET_PIPELINE_H_
#define POLYGRAPH_LIB_NET_PIPELINE_H_

// Pipeline: the flows of one Reach question as they cross stages (routes,
// ACLs, security groups), each stage splitting them into admitted parts
// (with the step that admitted them appended) and stopped parts.

#include <utility>
#include <vector>

#include "net/internal.h"
#include "polygraph/packet_set.h"
#include "polygraph/reachability.h"

namespace polygraph::net::internal {

// Replies to `packets`: the same protocols, destination -> source, to
// `ports`.
ip::PacketSet Replies(const ip::PacketSet& packets, const ip::PortSet& ports);

// The forward packets some of whose replies are in `replies`, whatever
// their port: for each box, the same protocols, destination -> source, all
// ports.
ip::PacketSet ForwardOf(const ip::PacketSet& replies);

// Thread-compatible; lives for one question. Not copyable: it refers to
// the result it fills.
class Pipeline {
 public:
  // `state` and `result` must outlive the pipeline. Replies are checked on
  // `ephemeral_ports` (default: the state's options).
  Pipeline(const NetworkState& state, ReachResult& result)
      : Pipeline(state, result, state.options.ephemeral_ports) {}
  Pipeline(const NetworkState& state, ReachResult& result,
           ip::PortSet ephemeral_ports)
      : state_(state),
        result_(result),
        ephemeral_ports_(std::move(ephemeral_ports)) {}
  Pipeline(const Pipeline&) = delete;
  Pipeline& operator=(const Pipeline&) = delete;

  // A new flow (empty packets are ignored).
  void Start(ip::PacketSet packets, std::vector<Step> steps);
  // A stopped part (empty packets are ignored), after the steps `before`
  // admitted it.
  void Stop(ip::PacketSet packets, Step step, std::vector<Step> before = {});

  // Runs every flow through `stage`, a callable
  // Decision(const ip::PacketSet&).
  template <typename Stage>
  void Apply(Stage stage) {
    std::vector<Flow> next;
    for (Flow& flow : flows_) {
      Decision decision = stage(flow.packets);
      for (auto& [packets, step] : decision.allowed) {
        if (packets.empty()) continue;
        Flow admitted{.packets = std::move(packets), .steps = flow.steps};
        admitted.steps.push_back(std::move(step));
        next.push_back(std::move(admitted));
      }
      for (auto& [packets, step] : decision.denied) {
        Stop(std::move(packets), std::move(step), flow.steps);
      }
    }
    flows_ = std::move(next);
  }

  // The return path: replies on every ephemeral port cross `acls` (each
  // with its direction, true for outbound) in order; a flow any of whose
  // replies is denied is stopped by the entry that denied it. Admitted
  // flows list the entries that allowed their replies.
  void ApplyReturn(const std::vector<std::pair<const Acl*, bool>>& acls);

  // Appends the flows to the result, disjoint from earlier ones, and sets
  // the stopped parts aside; the next question can Start.
  void Finish();

  // Finishes, and returns every stopped part set aside (they may overlap
  // each other and the result's flows).
  std::vector<Stopped> TakeStopped();
  // The same, each with the steps that admitted it before it was stopped
  // (in path order).
  std::vector<std::pair<Stopped, std::vector<Step>>> TakeStoppedWithPaths();

 private:
  const NetworkState& state_;
  ReachResult& result_;
  ip::PortSet ephemeral_ports_;
  std::vector<Flow> flows_;
  std::vector<std::pair<Stopped, std::vector<Step>>> stopped_;
  std::vector<std::pair<Stopped, std::vector<Step>>> stopped_all_;
};

}  // namespace polygraph::net::internal

#endif  // POLYGRAPH_LIB_NET_PIPELINE_H_
