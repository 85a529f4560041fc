// DiffReach: Reach over both networks, question by question, and PacketSet
// subtraction.

#include "polygraph/reach_diff.h"

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "polygraph/model.h"
#include "polygraph/reachability.h"

namespace polygraph::net {
namespace {

using ip::PacketSet;

// Name -> (workload resource index, VPCs of its subnets).
struct Placed {
  size_t resource = kNoResource;
  std::set<size_t> vpcs;
};

std::map<std::string, Placed> WorkloadsByName(const Model& model) {
  std::map<std::string, Placed> workloads;
  for (const Workload& workload : model.workloads()) {
    if (workload.resource >= model.resources().size()) continue;
    Placed& placed = workloads[model.resources()[workload.resource].name];
    placed.resource = workload.resource;
    for (size_t subnet : workload.subnets) {
      for (const Subnet& s : model.subnets()) {
        if (s.resource == subnet && s.vpc != kNoResource)
          placed.vpcs.insert(s.vpc);
      }
    }
  }
  return workloads;
}

// VPC names of a placed workload, to compare VPCs across models.
std::set<std::string> VpcNames(const Model& model, const Placed* placed) {
  std::set<std::string> names;
  if (placed == nullptr) return names;
  for (size_t vpc : placed->vpcs) names.insert(model.resources()[vpc].name);
  return names;
}

bool ShareVpc(const std::set<std::string>& a, const std::set<std::string>& b) {
  for (const std::string& name : a) {
    if (b.contains(name)) return true;
  }
  return false;
}

const Placed* Find(const std::map<std::string, Placed>& workloads,
                   const std::string& name) {
  auto it = workloads.find(name);
  return it == workloads.end() ? nullptr : &it->second;
}

// Reach in one network; empty when either end is not in it.
ReachResult ReachIn(const Network& network, const Placed* source, bool internet,
                    const Placed* destination) {
  if (destination == nullptr || (!internet && source == nullptr)) return {};
  Endpoint from =
      internet ? Endpoint::Internet() : Endpoint::Resource(source->resource);
  return network.Reach(from, Endpoint::Resource(destination->resource));
}

std::vector<Flow> Restrict(const std::vector<Flow>& flows,
                           const PacketSet& packets) {
  std::vector<Flow> restricted;
  for (const Flow& flow : flows) {
    PacketSet part = flow.packets.Intersect(packets);
    if (part.empty()) continue;
    restricted.push_back({.packets = std::move(part), .steps = flow.steps});
  }
  return restricted;
}

}  // namespace

ReachDiff DiffReach(const Network& before, const Network& after) {
  const Model& old_model = before.model();
  const Model& new_model = after.model();
  std::map<std::string, Placed> old_workloads = WorkloadsByName(old_model);
  std::map<std::string, Placed> new_workloads = WorkloadsByName(new_model);
  std::set<std::string> names;
  for (const auto& [name, placed] : old_workloads) names.insert(name);
  for (const auto& [name, placed] : new_workloads) names.insert(name);

  ReachDiff diff;
  for (const std::string& destination : names) {
    const Placed* old_to = Find(old_workloads, destination);
    const Placed* new_to = Find(new_workloads, destination);
    std::set<std::string> old_vpcs = VpcNames(old_model, old_to);
    std::set<std::string> new_vpcs = VpcNames(new_model, new_to);
    // "" (the internet) sorts first.
    std::vector<std::string> sources = {""};
    for (const std::string& source : names) {
      if (source == destination) continue;
      if (ShareVpc(old_vpcs,
                   VpcNames(old_model, Find(old_workloads, source))) ||
          ShareVpc(new_vpcs,
                   VpcNames(new_model, Find(new_workloads, source)))) {
        sources.push_back(source);
      }
    }
    for (const std::string& source : sources) {
      const bool internet = source.empty();
      ReachResult old_reach =
          ReachIn(before, Find(old_workloads, source), internet, old_to);
      ReachResult new_reach =
          ReachIn(after, Find(new_workloads, source), internet, new_to);
      PacketSet added = new_reach.reachable.Subtract(old_reach.reachable);
      PacketSet removed = old_reach.reachable.Subtract(new_reach.reachable);
      if (added.empty() && removed.empty()) continue;
      FlowChange change{.destination = destination,
                        .source = source,
                        .added = added,
                        .removed = removed,
                        .added_flows = Restrict(new_reach.flows, added),
                        .removed_flows = Restrict(old_reach.flows, removed)};
      diff.changes.push_back(std::move(change));
    }
  }
  return diff;
}

}  // namespace polygraph::net
