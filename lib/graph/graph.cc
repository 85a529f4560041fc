#include "polygraph/graph.h"

#include <algorithm>
#include <memory>
#include <set>
#include <string>
#include <tuple>
#include <utility>

#include "boost/graph/breadth_first_search.hpp"
#include "graph/describe.h"
#include "graph/graph_rep.h"

namespace polygraph {
namespace {

// Adds edges once each: two rules admitting "tcp 3306" from the same peer,
// or a property referencing the same target twice, draw one edge.
// Indices out of range (a model built with dangling references) are skipped.
class EdgeAdder {
 public:
  EdgeAdder(size_t node_count, std::vector<GraphEdge>* edges,
            graph::internal::Adjacency* adjacency)
      : node_count_(node_count), edges_(edges), adjacency_(adjacency) {}

  void Add(size_t from, size_t to, EdgeKind kind, std::string label) {
    if (from >= node_count_ || to >= node_count_) return;
    if (!seen_.emplace(from, to, kind, label).second) return;
    boost::add_edge(from, to, *adjacency_);
    edges_->push_back({from, to, kind, std::move(label)});
  }

 private:
  size_t node_count_;
  std::vector<GraphEdge>* edges_;
  graph::internal::Adjacency* adjacency_;
  std::set<std::tuple<size_t, size_t, EdgeKind, std::string>> seen_;
};

// Records every vertex a breadth-first search discovers.
class DiscoveryRecorder : public boost::default_bfs_visitor {
 public:
  explicit DiscoveryRecorder(std::vector<size_t>* discovered)
      : discovered_(discovered) {}
  template <typename Vertex, typename G>
  void discover_vertex(Vertex vertex, const G&) const {
    discovered_->push_back(static_cast<size_t>(vertex));
  }

 private:
  std::vector<size_t>* discovered_;
};

}  // namespace

Graph Graph::Build(const Model& model) {
  auto rep = std::make_unique<Rep>();
  rep->model = &model;
  const std::vector<Resource>& resources = model.resources();
  const std::vector<PolicyDocument>& policies = model.policies();
  rep->nodes.reserve(resources.size() + policies.size());
  for (size_t i = 0; i < resources.size(); ++i) {
    std::string_view kind = ResourceKindName(resources[i].kind);
    rep->nodes.push_back(
        {i, kNoResource, std::string(kind), resources[i].name});
  }
  for (size_t i = 0; i < policies.size(); ++i) {
    rep->nodes.push_back({kNoResource, i, "policy", policies[i].name});
  }
  rep->adjacency = graph::internal::Adjacency(rep->nodes.size());

  EdgeAdder edges(rep->nodes.size(), &rep->edges, &rep->adjacency);
  for (const Reference& reference : model.references()) {
    edges.Add(reference.from, reference.to, EdgeKind::kReferences,
              reference.property);
  }
  for (size_t i = 0; i < policies.size(); ++i) {
    if (policies[i].owner == kNoResource) continue;
    edges.Add(resources.size() + i, policies[i].owner, EdgeKind::kAttachedTo,
              std::string(graph::internal::PolicyKindName(policies[i].kind)));
  }
  for (const SecurityGroupRule& rule : model.security_group_rules()) {
    if (!rule.ingress || rule.peer_group == kNoResource) continue;
    edges.Add(rule.group, rule.peer_group, EdgeKind::kAllowsFrom,
              graph::internal::DescribeTraffic(rule));
  }
  return Graph(std::move(rep));
}

Graph::Graph(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}
Graph::~Graph() = default;
Graph::Graph(Graph&&) noexcept = default;
Graph& Graph::operator=(Graph&&) noexcept = default;

const std::vector<GraphNode>& Graph::nodes() const { return rep_->nodes; }
const std::vector<GraphEdge>& Graph::edges() const { return rep_->edges; }

std::vector<size_t> Graph::Successors(size_t node) const {
  std::vector<size_t> discovered;
  if (node >= rep_->nodes.size()) return discovered;
  boost::breadth_first_search(rep_->adjacency,
                              boost::vertex(node, rep_->adjacency),
                              boost::visitor(DiscoveryRecorder(&discovered)));
  // The search discovers `node` itself first; a cycle back to it does not
  // make it its own successor.
  std::erase(discovered, node);
  std::sort(discovered.begin(), discovered.end());
  return discovered;
}

}  // namespace polygraph
