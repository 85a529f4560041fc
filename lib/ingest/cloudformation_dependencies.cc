#include "ingest/cloudformation_dependencies.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "base/strings.h"
#include "iam/template_expression.h"
#include "ingest/cloudformation_text.h"

namespace polygraph::ingest {
namespace {

struct Edge {
  size_t to;  // position in context.declarations
  SourceLocation location;
};

class DependencyGraph {
 public:
  explicit DependencyGraph(const TemplateContext& context)
      : context_(context), edges_(context.declarations.size()) {
    for (size_t i = 0; i < context.declarations.size(); ++i) {
      const Declaration& declaration = context.declarations[i];
      if (declaration.properties != nullptr) {
        Collect(*declaration.properties, edges_[i]);
      }
      if (const Value* depends_on = declaration.entry->Find("DependsOn")) {
        if (depends_on->is_string())
          Add(depends_on->text, *depends_on, edges_[i]);
        for (const Value& name : depends_on->items) {
          if (name.is_string()) Add(name.text, name, edges_[i]);
        }
      }
    }
  }

  absl::Status FindCycle() {
    std::vector<int> state(edges_.size(), 0);  // 0 new, 1 on path, 2 done
    std::vector<size_t> path;
    for (size_t start = 0; start < edges_.size(); ++start) {
      if (state[start] != 0) continue;
      // Iterative depth-first search: (node, next edge) frames.
      std::vector<std::pair<size_t, size_t>> stack = {{start, 0}};
      state[start] = 1;
      path.push_back(start);
      while (!stack.empty()) {
        auto& [node, next] = stack.back();
        if (next == edges_[node].size()) {
          state[node] = 2;
          path.pop_back();
          stack.pop_back();
          continue;
        }
        const Edge& edge = edges_[node][next++];
        if (state[edge.to] == 1) return CycleError(path, edge);
        if (state[edge.to] == 0) {
          state[edge.to] = 1;
          path.push_back(edge.to);
          stack.emplace_back(edge.to, 0);
        }
      }
    }
    return absl::OkStatus();
  }

 private:
  void Add(std::string_view logical_id, const Value& at,
           std::vector<Edge>& edges) {
    auto it = context_.resources.find(internal::ToAbsl(logical_id));
    if (it == context_.resources.end()) return;
    edges.push_back(Edge{it->second, at.location});
  }

  // Adds an edge for each resource `value` names.
  void Collect(const Value& value, std::vector<Edge>& edges) {
    std::optional<iam::TemplateExpression> expression =
        iam::AsTemplateExpression(value);
    if (!expression.has_value()) {
      for (const Value& item : value.items) Collect(item, edges);
      return;
    }
    const Value& argument = *expression->argument;
    const std::string& name = expression->name;
    if (name == "Ref" && argument.is_string()) {
      Add(argument.text, value, edges);
    } else if (name == "Fn::GetAtt" && argument.is_string()) {
      Add(std::string_view(argument.text).substr(0, argument.text.find('.')),
          value, edges);
    } else if (name == "Fn::GetAtt" && argument.is_array() &&
               !argument.items.empty() && argument.items[0].is_string()) {
      Add(argument.items[0].text, value, edges);
    } else if (name == "Fn::Sub") {
      const Value* text = &argument;
      if (argument.is_array() && !argument.items.empty()) {
        text = &argument.items[0];
        for (size_t i = 1; i < argument.items.size(); ++i) {
          Collect(argument.items[i], edges);
        }
      }
      if (text->is_string()) {
        for (const evaluation::SubPiece& piece :
             evaluation::SplitSubText(text->text)) {
          if (!piece.variable) continue;
          Add(std::string_view(piece.text).substr(0, piece.text.find('.')),
              value, edges);
        }
      }
    } else if (!expression->short_form) {
      Collect(argument, edges);
    } else {
      for (const Value& item : argument.items) Collect(item, edges);
    }
  }

  absl::Status CycleError(const std::vector<size_t>& path, const Edge& edge) {
    std::vector<std::string> names;
    bool in_cycle = false;
    for (size_t node : path) {
      in_cycle = in_cycle || node == edge.to;
      if (in_cycle) names.push_back(context_.declarations[node].logical_id);
    }
    names.push_back(context_.declarations[edge.to].logical_id);
    return InputError(edge.location,
                      absl::StrCat("circular dependency between resources: ",
                                   absl::StrJoin(names, " -> ")));
  }

  const TemplateContext& context_;
  std::vector<std::vector<Edge>> edges_;
};

}  // namespace

absl::Status CheckNoCircularDependencies(const TemplateContext& context) {
  return DependencyGraph(context).FindCycle();
}

}  // namespace polygraph::ingest
