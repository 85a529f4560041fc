// Pipeline: flows through stages, and the return path over ephemeral ports.

#include "net/pipeline.h"

#include <utility>
#include <vector>

namespace polygraph::net::internal {

using ip::PacketSet;

PacketSet Replies(const PacketSet& packets, const ip::PortSet& ports) {
  PacketSet replies;
  for (const PacketSet::Box& box : packets.boxes()) {
    replies.Add(box.protocols, box.destinations, box.sources, ports);
  }
  return replies;
}

PacketSet ForwardOf(const PacketSet& replies) {
  PacketSet forward;
  for (const PacketSet::Box& box : replies.boxes()) {
    forward.Add(box.protocols, box.destinations, box.sources,
                ip::PortSet::All());
  }
  return forward;
}

void Pipeline::Start(PacketSet packets, std::vector<Step> steps) {
  if (packets.empty()) return;
  flows_.push_back({.packets = std::move(packets), .steps = std::move(steps)});
}

void Pipeline::Stop(PacketSet packets, Step step, std::vector<Step> before) {
  if (packets.empty()) return;
  stopped_.emplace_back(
      Stopped{.packets = std::move(packets), .stopped_by = std::move(step)},
      std::move(before));
}

void Pipeline::ApplyReturn(
    const std::vector<std::pair<const Acl*, bool>>& acls) {
  std::vector<Flow> next;
  for (Flow& flow : flows_) {
    PacketSet replies = Replies(flow.packets, ephemeral_ports_);
    std::vector<std::pair<PacketSet, Step>> allowed_by;
    std::vector<std::pair<PacketSet, Step>> denied_by;
    for (const auto& [acl, egress] : acls) {
      Decision decision =
          EvaluateAcl(*acl, egress, Step::Kind::kNetworkAclReturn, replies);
      replies = PacketSet();
      for (auto& [packets, step] : decision.allowed) {
        replies.Add(packets);
        allowed_by.emplace_back(std::move(packets), std::move(step));
      }
      for (auto& part : decision.denied) denied_by.push_back(std::move(part));
    }
    // A forward packet is stopped when any of its replies is denied, by the
    // first entry (in evaluation order) that denied one.
    PacketSet remaining = flow.packets;
    for (auto& [denied, step] : denied_by) {
      PacketSet blocked = remaining.Intersect(ForwardOf(denied));
      if (blocked.empty()) continue;
      remaining = remaining.Subtract(blocked);
      Stop(std::move(blocked), std::move(step), flow.steps);
    }
    if (remaining.empty()) continue;
    PacketSet kept_replies = Replies(remaining, ephemeral_ports_);
    Flow admitted{.packets = std::move(remaining), .steps = flow.steps};
    for (auto& [packets, step] : allowed_by) {
      if (packets.Overlaps(kept_replies)) admitted.steps.push_back(step);
    }
    next.push_back(std::move(admitted));
  }
  flows_ = std::move(next);
}

void Pipeline::Finish() {
  for (Flow& flow : flows_) {
    flow.packets = flow.packets.Subtract(result_.reachable);
    if (flow.packets.empty()) continue;
    result_.reachable.Add(flow.packets);
    result_.flows.push_back(std::move(flow));
  }
  flows_.clear();
  for (auto& part : stopped_) stopped_all_.push_back(std::move(part));
  stopped_.clear();
}

std::vector<Stopped> Pipeline::TakeStopped() {
  std::vector<Stopped> parts;
  for (auto& [part, before] : TakeStoppedWithPaths()) {
    parts.push_back(std::move(part));
  }
  return parts;
}

std::vector<std::pair<Stopped, std::vector<Step>>>
Pipeline::TakeStoppedWithPaths() {
  Finish();
  return std::move(stopped_all_);
}

}  // namespace polygraph::net::internal
