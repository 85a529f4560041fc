#ifndef POLYGRAPH_LIB_GRAPH_GRAPH_REP_H_
#define POLYGRAPH_LIB_GRAPH_GRAPH_REP_H_

// The state behind polygraph::Graph, shared by graph.cc (building, traversal)
// and the exporters (graph_dot.cc, graph_json.cc).

#include <vector>

#include "boost/graph/adjacency_list.hpp"
#include "polygraph/graph.h"
#include "polygraph/model.h"

namespace polygraph {
namespace graph::internal {

// Vertex i is node i; boost's edge order follows Graph::edges().
using Adjacency =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;

}  // namespace graph::internal

struct Graph::Rep {
  const Model* model = nullptr;  // not owned; outlives the Graph
  std::vector<GraphNode>
      nodes;  // resources first (node i = resource i), then policies
  std::vector<GraphEdge> edges;
  graph::internal::Adjacency adjacency;
};

}  // namespace polygraph

#endif  // POLYGRAPH_LIB_GRAPH_GRAPH_REP_H_
