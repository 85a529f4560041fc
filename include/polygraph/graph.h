#ifndef POLYGRAPH_GRAPH_H_
#define POLYGRAPH_GRAPH_H_

// Graph: the typed graph view of a Model. Nodes are resources and policy
// documents; edges are what ties them: references (Ref/GetAtt/expressions),
// policy attachments, and security-group peers.
//
//   Graph graph = Graph::Build(model);
//   std::string dot = graph.ToDot();
//
// Thread safety: Graph is immutable and thread-safe. It refers to the Model
// it was built from, which must outlive it.

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "polygraph/model.h"

namespace polygraph {

enum class EdgeKind {
  kReferences,  // a property of `from` names `to`
  kAttachedTo,  // a policy document (from) applies to a principal/resource (to)
  kAllowsFrom,  // a security group (from) admits traffic from a peer group (to)
};

struct GraphNode {
  size_t resource = kNoResource;  // index in Model::resources(), or kNoResource
  size_t policy = kNoResource;    // index in Model::policies(), or kNoResource
  std::string kind;               // ResourceKindName(), or "policy"
  std::string name;
};

struct GraphEdge {
  size_t from = 0;  // node indices
  size_t to = 0;
  EdgeKind kind = EdgeKind::kReferences;
  std::string label;  // e.g. the property "VpcId", or "tcp 3306"
};

class Graph {
 public:
  // REQUIRES: `model` outlives the Graph.
  static Graph Build(const Model& model);

  ~Graph();
  Graph(Graph&&) noexcept;
  Graph& operator=(Graph&&) noexcept;
  // Not copyable: holds a Boost.Graph adjacency list behind a pointer.
  Graph(const Graph&) = delete;
  Graph& operator=(const Graph&) = delete;

  const std::vector<GraphNode>& nodes() const;
  const std::vector<GraphEdge>& edges() const;
  // Node indices reachable from `node` along one or more edges, sorted; not
  // `node` itself, even on a cycle. Empty for an index out of range.
  std::vector<size_t> Successors(size_t node) const;

  // Graphviz DOT, one node per resource labelled "kind\nname" (policies
  // drawn as notes), edges labelled; names are escaped.
  std::string ToDot() const;
  // {"nodes": [{"id", "kind", "name", "type", "file", "line", "column",
  // "assumed_condition"? (Resource::assumed_condition, when set),
  // "attributes": {...normalized}}], "edges": [{"from", "to", "kind",
  // "label"}]} with edge kinds "references", "attached_to", "allows_from".
  // Attributes:
  //   security groups: "rules": [{"direction", "protocol", "from_port",
  //     "to_port", one of "cidr"/"peer"/"prefix_list", "description"?}]
  //     ("peer": the peer group's name, or its id when no file declares it),
  //     "cidrs": [distinct CIDRs of the rules];
  //   buckets: "bucket_name", "public_access_block": null when absent, else
  //     {"block_public_acls", "ignore_public_acls", "block_public_policy",
  //     "restrict_public_buckets"}, each true, false or null when unset;
  //   policies (type "policy"): "policy_kind", "owner" (name or null),
  //     "statements": [{"effect", "actions"|"not_actions",
  //     "resources"|"not_resources"?, "principals"|"not_principals"?, "sid"?}].
  // Invalid UTF-8 in input text is replaced with U+FFFD.
  std::string ToJson() const;

 private:
  struct Rep;
  explicit Graph(std::unique_ptr<Rep> rep);
  std::unique_ptr<Rep> rep_;
};

}  // namespace polygraph

#endif  // POLYGRAPH_GRAPH_H_
