#ifndef POLYGRAPH_BENCHMARKS_TEMPLATE_TREE_H_
#define POLYGRAPH_BENCHMARKS_TEMPLATE_TREE_H_

// A small CloudFormation template tree for generated benchmark inputs, and
// its two spellings: block YAML with short-form intrinsic tags (!Ref,
// !GetAtt A.b, !Sub ...) and JSON with long forms ({"Ref": ...},
// {"Fn::GetAtt": [A, b]}). Strings are plain YAML scalars only when they
// cannot read back as anything but a string.
//
// Thread safety: stateless functions; thread-safe.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"

namespace polygraph::bench {

struct Node {
  enum class Kind { kString, kNumber, kBool, kMap, kList, kFunction };
  Kind kind = Kind::kString;
  std::string text;  // scalar text, or the function's name ("Ref", "Sub")
  std::vector<std::pair<std::string, Node>> fields;  // kMap
  std::vector<Node> items;  // kList, or a function's single argument
};

inline Node S(std::string text) {
  return Node{Node::Kind::kString, std::move(text), {}, {}};
}
inline Node N(int64_t number) {
  return Node{Node::Kind::kNumber, absl::StrCat(number), {}, {}};
}
inline Node B(bool value) {
  return Node{Node::Kind::kBool, value ? "true" : "false", {}, {}};
}
inline Node M(std::vector<std::pair<std::string, Node>> fields) {
  return Node{Node::Kind::kMap, "", std::move(fields), {}};
}
inline Node L(std::vector<Node> items) {
  return Node{Node::Kind::kList, "", {}, std::move(items)};
}
// name: "Ref", "Condition", or the part after "Fn::".
inline Node Fn(std::string name, Node argument) {
  return Node{
      Node::Kind::kFunction, std::move(name), {}, {std::move(argument)}};
}
inline Node Ref(std::string id) { return Fn("Ref", S(std::move(id))); }
inline Node GetAtt(std::string id, std::string attribute) {
  return Fn("GetAtt", L({S(std::move(id)), S(std::move(attribute))}));
}
inline Node Sub(std::string text) { return Fn("Sub", S(std::move(text))); }
inline Node Join(std::string delimiter, std::vector<Node> parts) {
  return Fn("Join", L({S(std::move(delimiter)), L(std::move(parts))}));
}
inline Node If(std::string condition, Node then, Node otherwise) {
  return Fn("If", L({S(std::move(condition)), std::move(then),
                     std::move(otherwise)}));
}
inline Node FindInMap(std::string map, Node key, std::string attribute) {
  return Fn("FindInMap",
            L({S(std::move(map)), std::move(key), S(std::move(attribute))}));
}
inline Node NoValue() { return Ref("AWS::NoValue"); }

inline std::string Quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// Plain YAML scalars for names and words; everything else is quoted, so no
// string reads back as a number, boolean or null.
inline bool PlainYaml(std::string_view text) {
  if (text.empty() || !((text[0] >= 'A' && text[0] <= 'Z') ||
                        (text[0] >= 'a' && text[0] <= 'z'))) {
    return false;
  }
  for (char c : text) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                    (c >= '0' && c <= '9') || c == '_' || c == '.' ||
                    c == '/' || c == '-';
    if (!ok) return false;
  }
  for (std::string_view word :
       {"true", "false", "null", "yes", "no", "on", "off", "y", "n", "True",
        "False", "Null", "Yes", "No", "On", "Off", "TRUE", "FALSE", "NULL"}) {
    if (text == word) return false;
  }
  return true;
}

inline std::string FlowYaml(const Node& node);

inline std::string FunctionYaml(const Node& node) {
  const Node& argument = node.items[0];
  if (node.text == "GetAtt") {
    return absl::StrCat("!GetAtt ", argument.items[0].text, ".",
                        argument.items[1].text);
  }
  return absl::StrCat("!", node.text, " ", FlowYaml(argument));
}

inline std::string FlowYaml(const Node& node) {
  switch (node.kind) {
    case Node::Kind::kString:
      return PlainYaml(node.text) ? node.text : Quoted(node.text);
    case Node::Kind::kNumber:
    case Node::Kind::kBool:
      return node.text;
    case Node::Kind::kFunction:
      return FunctionYaml(node);
    case Node::Kind::kList: {
      std::string out = "[";
      for (size_t i = 0; i < node.items.size(); ++i) {
        absl::StrAppend(&out, i ? ", " : "", FlowYaml(node.items[i]));
      }
      return out + "]";
    }
    case Node::Kind::kMap: {
      std::string out = "{";
      for (size_t i = 0; i < node.fields.size(); ++i) {
        absl::StrAppend(&out, i ? ", " : "", node.fields[i].first, ": ",
                        FlowYaml(node.fields[i].second));
      }
      return out + "}";
    }
  }
  return "";
}

inline bool IsBlock(const Node& node) {
  return (node.kind == Node::Kind::kMap && !node.fields.empty()) ||
         (node.kind == Node::Kind::kList && !node.items.empty());
}

// A non-empty map or list in block style, each line indented by `indent`.
inline void BlockYaml(const Node& node, int indent, std::string& out) {
  const std::string pad(indent, ' ');
  if (node.kind == Node::Kind::kMap) {
    for (const auto& [key, value] : node.fields) {
      if (IsBlock(value)) {
        absl::StrAppend(&out, pad, key, ":\n");
        BlockYaml(value, indent + 2, out);
      } else {
        absl::StrAppend(&out, pad, key, ": ", FlowYaml(value), "\n");
      }
    }
    return;
  }
  for (const Node& item : node.items) {
    if (IsBlock(item)) {
      std::string nested;
      BlockYaml(item, indent + 2, nested);
      absl::StrAppend(&out, pad, "- ", nested.substr(indent + 2));
    } else {
      absl::StrAppend(&out, pad, "- ", FlowYaml(item), "\n");
    }
  }
}

inline void Json(const Node& node, int indent, std::string& out) {
  const std::string pad(indent + 2, ' ');
  switch (node.kind) {
    case Node::Kind::kString:
      out += Quoted(node.text);
      return;
    case Node::Kind::kNumber:
    case Node::Kind::kBool:
      out += node.text;
      return;
    case Node::Kind::kFunction: {
      const std::string name = node.text == "Ref" || node.text == "Condition"
                                   ? node.text
                                   : absl::StrCat("Fn::", node.text);
      Json(M({{name, node.items[0]}}), indent, out);
      return;
    }
    case Node::Kind::kList:
      if (node.items.empty()) {
        out += "[]";
        return;
      }
      out += "[\n";
      for (size_t i = 0; i < node.items.size(); ++i) {
        out += pad;
        Json(node.items[i], indent + 2, out);
        out += i + 1 < node.items.size() ? ",\n" : "\n";
      }
      absl::StrAppend(&out, std::string(indent, ' '), "]");
      return;
    case Node::Kind::kMap:
      if (node.fields.empty()) {
        out += "{}";
        return;
      }
      out += "{\n";
      for (size_t i = 0; i < node.fields.size(); ++i) {
        absl::StrAppend(&out, pad, Quoted(node.fields[i].first), ": ");
        Json(node.fields[i].second, indent + 2, out);
        out += i + 1 < node.fields.size() ? ",\n" : "\n";
      }
      absl::StrAppend(&out, std::string(indent, ' '), "}");
      return;
  }
}

inline std::string ToYaml(const Node& root) {
  std::string out;
  BlockYaml(root, 0, out);
  return out;
}

inline std::string ToJson(const Node& root) {
  std::string out;
  Json(root, 0, out);
  return out + "\n";
}

}  // namespace polygraph::bench

#endif  // POLYGRAPH_BENCHMARKS_TEMPLATE_TREE_H_
