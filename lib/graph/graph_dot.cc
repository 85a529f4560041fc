// Graph::ToDot: Graphviz output.

#include <string>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "graph/graph_rep.h"
#include "polygraph/graph.h"

namespace polygraph {
namespace {

// A DOT quoted string: quotes and backslashes escaped, line breaks written as
// the centred-line escape "\n", other control characters dropped.
std::string Quote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        break;
      default:
        if (static_cast<unsigned char>(c) >= 0x20) out += c;
    }
  }
  out += '"';
  return out;
}

std::string_view EdgeStyle(EdgeKind kind) {
  switch (kind) {
    case EdgeKind::kReferences:
      return "";
    case EdgeKind::kAttachedTo:
      return ", style=dashed";
    case EdgeKind::kAllowsFrom:
      return ", color=firebrick";
  }
  return "";
}

}  // namespace

std::string Graph::ToDot() const {
  std::string out = "digraph polygraph {\n  rankdir=LR;\n  node [shape=box];\n";
  for (size_t i = 0; i < rep_->nodes.size(); ++i) {
    const GraphNode& node = rep_->nodes[i];
    // The label is built escaped piecewise so its line break stays a DOT
    // escape.
    std::string label = Quote(node.kind);
    label.pop_back();
    absl::StrAppend(&label, "\\n", Quote(node.name).substr(1));
    absl::StrAppend(&out, "  n", i, " [label=", label,
                    node.policy != kNoResource ? ", shape=note" : "", "];\n");
  }
  for (const GraphEdge& edge : rep_->edges) {
    std::string_view style = EdgeStyle(edge.kind);
    absl::StrAppend(&out, "  n", edge.from, " -> n", edge.to,
                    " [label=", Quote(edge.label),
                    absl::string_view(style.data(), style.size()), "];\n");
  }
  out += "}\n";
  return out;
}

}  // namespace polygraph
