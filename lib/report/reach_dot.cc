// Reachability answers as Graphviz DOT: the path from the source to the
// destination, green where steps admitted packets, red where they stopped.

#include <algorithm>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "base/strings.h"
#include "polygraph/reach_report.h"
#include "report/internal/reach_common.h"

namespace polygraph::net {
namespace {

using ::polygraph::internal::ToAbsl;
using report_internal::ResourceLabel;

std::string Quote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c != '\r') {
      out += c;
    }
  }
  out += '"';
  return out;
}

// Collects nodes and edges once each, in a stable order.
class DotWriter {
 public:
  explicit DotWriter(const Model& model) : model_(model) {}

  void Node(const std::string& id, const std::string& label,
            const std::string& attributes) {
    nodes_.insert({id, label, attributes});
  }
  void Edge(const std::string& from, const std::string& to,
            const std::string& color, const std::string& label) {
    if (from == to) return;
    edges_.insert({from, to, color, label});
  }

  // The node of the thing a step names: one per (kind, resource).
  std::string StepNode(const Step& step, bool stopped) {
    const std::string kind(StepKindName(step.kind));
    const std::string id = step.resource == kNoResource
                               ? absl::StrCat(kind, ":default")
                               : absl::StrCat(kind, ":r", step.resource);
    Node(id,
         absl::StrCat(kind, "\n",
                      report_internal::StepResourceLabel(model_, step)),
         stopped ? "color=red" : "");
    return id;
  }

  // source -> step -> step ... -> destination, green, each edge labelled
  // with the rule of the step it enters; the last with the packets.
  void Path(const std::string& source, const std::vector<Step>& steps,
            const std::string& destination, const std::string& packets) {
    std::string previous = source;
    for (const Step& step : steps) {
      std::string node = StepNode(step, /*stopped=*/false);
      Edge(previous, node, "green", step.rule);
      previous = node;
    }
    Edge(previous, destination, "green", packets);
  }

  // source -> stopping step (dashed), stopping step -> destination in red,
  // labelled with the rule that stopped the packets.
  void Stop(const std::string& source, const Step& step,
            const std::string& destination) {
    std::string node = StepNode(step, /*stopped=*/true);
    Edge(source, node, "red", "");
    Edge(node, destination, "red", absl::StrCat("stopped: ", step.rule));
  }

  std::string Render(const std::string& name) const {
    std::string out =
        absl::StrCat("digraph ", name, " {\n  rankdir=LR;\n",
                     "  node [shape=box, fontname=Helvetica];\n",
                     "  edge [fontname=Helvetica, fontsize=10];\n");
    for (const auto& [id, label, attributes] : nodes_) {
      absl::StrAppend(&out, "  ", Quote(id), " [label=", Quote(label),
                      attributes.empty() ? "" : ", ", attributes, "];\n");
    }
    for (const auto& [from, to, color, label] : edges_) {
      absl::StrAppend(&out, "  ", Quote(from), " -> ", Quote(to),
                      " [color=", color, ", fontcolor=", color);
      if (color == "red" && label.empty())
        absl::StrAppend(&out, ", style=dashed");
      if (!label.empty()) absl::StrAppend(&out, ", label=", Quote(label));
      out += "];\n";
    }
    out += "}\n";
    return out;
  }

 private:
  const Model& model_;
  std::set<std::tuple<std::string, std::string, std::string>> nodes_;
  std::set<std::tuple<std::string, std::string, std::string, std::string>>
      edges_;
};

std::string WorkloadLabel(const Model& model, size_t workload) {
  const Workload& w = model.workloads()[workload];
  return absl::StrCat(ToAbsl(WorkloadKindName(w.kind)), "\n",
                      ResourceLabel(model, w.resource));
}

// "tcp 443, udp 53": the protocols and ports of a flow.
std::string PacketsLabel(const ip::PacketSet& packets) {
  std::vector<std::string> parts;
  for (const report_internal::PacketsView& view :
       report_internal::Describe(packets)) {
    std::string part = view.protocol;
    if (!(view.ports.size() == 1 && view.ports[0] == "0-65535")) {
      absl::StrAppend(&part, " ", absl::StrJoin(view.ports, ","));
    }
    if (std::find(parts.begin(), parts.end(), part) == parts.end()) {
      parts.push_back(std::move(part));
    }
  }
  return absl::StrJoin(parts, ", ");
}

}  // namespace

std::string FormatReachDot(const Model& model, const ReachQuestion& question,
                           const ReachResult& result) {
  DotWriter dot(model);
  const std::string source = "source";
  const std::string destination = "destination";
  dot.Node(source, question.from, "shape=ellipse");
  dot.Node(destination, question.to,
           result.reachable.empty() ? "shape=box3d, color=red"
                                    : "shape=box3d, color=green");
  for (const Flow& flow : result.flows)
    dot.Path(source, flow.steps, destination, PacketsLabel(flow.packets));
  for (const Stopped& part : result.stopped) {
    dot.Stop(source, part.stopped_by, destination);
  }
  return dot.Render("reach");
}

std::string FormatExposureDot(const Model& model,
                              const std::vector<Exposure>& exposures) {
  DotWriter dot(model);
  const std::string source = "internet";
  dot.Node(source, "internet", "shape=ellipse");
  for (const Exposure& exposure : exposures) {
    const std::string destination =
        absl::StrCat("workload:", exposure.workload);
    dot.Node(destination, WorkloadLabel(model, exposure.workload),
             "shape=box3d, color=green");
    for (const Flow& flow : exposure.reach.flows) {
      dot.Path(source, flow.steps, destination, PacketsLabel(flow.packets));
    }
  }
  return dot.Render("exposure");
}

}  // namespace polygraph::net
