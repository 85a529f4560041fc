// Pipeline: flows through stages, and the return path over ephemeral ports.

#include "net/pipeline.h"

#include <utility>
#include <vector>

namespace polygraph::net::internal {

using ip::PacketSet;

PacketSet Replies(const PacketSet& packets, const ip::PortSet& ports) {
  std::vector<PacketSet::Box> boxes;
  boxes.reserve(packets.boxes().size());
  for (const PacketSet::Box& box : packets.boxes()) {
    boxes.push_back({box.protocols, box.destinations, box.sources, ports});
  }
  return PacketSet::FromBoxes(boxes);
}

PacketSet ForwardOf(const PacketSet& replies) {
  std::vector<PacketSet::Box> boxes;
  boxes.reserve(replies.boxes().size());
  for (const PacketSet::Box& box : replies.boxes()) {
    boxes.push_back(
        {box.protocols, box.destinations, box.sources, ip::PortSet::All()});
  }
  return PacketSet::FromBoxes(boxes);
}

namespace {

// Whether Replies(forward, ports) overlaps `replies`, without building it.
bool RepliesOverlap(const PacketSet& forward, const ip::PortSet& ports,
                    const PacketSet& replies) {
  for (const PacketSet::Box& f : forward.boxes()) {
    for (const PacketSet::Box& r : replies.boxes()) {
      // A box with a portless protocol holds every port (packet_set.h).
      const bool portless =
          !f.protocols.Intersect(r.protocols)
               .Subtract(ip::ProtocolSet::Of(
                   {ip::Protocol::Tcp(), ip::Protocol::Udp()}))
               .empty();
      if (f.protocols.Overlaps(r.protocols) &&
          (portless || ports.Overlaps(r.ports)) &&
          f.destinations.Overlaps(r.sources) &&
          f.sources.Overlaps(r.destinations)) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace

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
  if (flows_.empty()) return;
  // Every stage decides packet by packet, so the replies of all flows are
  // evaluated once, and each flow takes its share.
  std::vector<PacketSet::Box> forward;
  for (const Flow& flow : flows_) {
    forward.insert(forward.end(), flow.packets.boxes().begin(),
                   flow.packets.boxes().end());
  }
  PacketSet replies = Replies(PacketSet::FromBoxes(forward), ephemeral_ports_);
  std::vector<std::pair<PacketSet, Step>> allowed_by;
  std::vector<std::pair<PacketSet, Step>> denied_by;  // forward packets
  for (const auto& [acl, egress] : acls) {
    Decision decision =
        EvaluateAcl(*acl, egress, Step::Kind::kNetworkAclReturn, replies);
    std::vector<PacketSet::Box> kept;
    for (auto& [packets, step] : decision.allowed) {
      kept.insert(kept.end(), packets.boxes().begin(), packets.boxes().end());
      allowed_by.emplace_back(std::move(packets), std::move(step));
    }
    replies = PacketSet::FromBoxes(kept);
    for (auto& [packets, step] : decision.denied) {
      denied_by.emplace_back(ForwardOf(packets), std::move(step));
    }
  }
  std::vector<Flow> next;
  for (Flow& flow : flows_) {
    // A forward packet is stopped when any of its replies is denied, by the
    // first entry (in evaluation order) that denied one.
    PacketSet remaining = std::move(flow.packets);
    for (const auto& [denied, step] : denied_by) {
      if (!remaining.Overlaps(denied)) continue;
      PacketSet blocked = remaining.Intersect(denied);
      remaining = remaining.Subtract(denied);
      Stop(std::move(blocked), step, flow.steps);
      if (remaining.empty()) break;
    }
    if (remaining.empty()) continue;
    Flow admitted{.packets = std::move(remaining), .steps = flow.steps};
    for (const auto& [packets, step] : allowed_by) {
      if (RepliesOverlap(admitted.packets, ephemeral_ports_, packets)) {
        admitted.steps.push_back(step);
      }
    }
    next.push_back(std::move(admitted));
  }
  flows_ = std::move(next);
}

void Pipeline::Finish() {
  for (Flow& flow : flows_) {
    if (flow.packets.Overlaps(result_.reachable)) {
      flow.packets = flow.packets.Subtract(result_.reachable);
    }
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
