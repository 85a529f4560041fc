// Attribute paths of the declarative rule language: parsing and lookup.

#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "rules/declarative/predicate.h"

namespace polygraph::rules::internal {

absl::StatusOr<AttributePath> ParseAttributePath(std::string_view text_view) {
  const std::string text(text_view);
  AttributePath path;
  path.text = std::string(text);
  if (text.empty()) return absl::InvalidArgumentError("empty attribute path");
  size_t i = 0;
  bool expect_key = true;  // at the start or after '.'
  while (i < text.size()) {
    if (text[i] == '[') {
      size_t close = text.find(']', i);
      if (close == std::string::npos) {
        return absl::InvalidArgumentError(
            absl::StrCat("unclosed '[' in attribute path \"", text, "\""));
      }
      std::string inside = text.substr(i + 1, close - i - 1);
      PathSegment segment;
      if (inside == "*") {
        segment.kind = PathSegment::Kind::kEveryElement;
        path.has_wildcard = true;
      } else {
        size_t index = 0;
        if (inside.empty() || !absl::SimpleAtoi(inside, &index)) {
          return absl::InvalidArgumentError(
              absl::StrCat("bad index \"[", inside, "]\" in attribute path \"",
                           text, "\" (expected [N] or [*])"));
        }
        segment.kind = PathSegment::Kind::kIndex;
        segment.index = index;
      }
      if (expect_key && !path.segments.empty()) {
        return absl::InvalidArgumentError(
            absl::StrCat("empty key in attribute path \"", text, "\""));
      }
      path.segments.push_back(std::move(segment));
      i = close + 1;
      expect_key = false;
      if (i < text.size() && text[i] != '.' && text[i] != '[') {
        return absl::InvalidArgumentError(absl::StrCat(
            "expected '.' or '[' after ']' in attribute path \"", text, "\""));
      }
      if (i < text.size() && text[i] == '.') {
        ++i;
        expect_key = true;
        if (i == text.size()) {
          return absl::InvalidArgumentError(
              absl::StrCat("attribute path \"", text, "\" ends with '.'"));
        }
      }
      continue;
    }
    size_t end = text.find_first_of(".[", i);
    if (end == std::string::npos) end = text.size();
    std::string key = text.substr(i, end - i);
    if (key.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("empty key in attribute path \"", text, "\""));
    }
    PathSegment segment;
    if (key == "*") {
      segment.kind = PathSegment::Kind::kEveryMember;
      path.has_wildcard = true;
    } else {
      segment.key = std::string(key);
    }
    path.segments.push_back(std::move(segment));
    expect_key = false;
    i = end;
    if (i < text.size() && text[i] == '.') {
      ++i;
      expect_key = true;
      if (i == text.size()) {
        return absl::InvalidArgumentError(
            absl::StrCat("attribute path \"", text, "\" ends with '.'"));
      }
    }
  }
  return path;
}

namespace {

std::string Join(const std::string& base, const std::string& key) {
  return base.empty() ? key : absl::StrCat(base, ".", key);
}

// Returns whether some value was reached below `node`; when none was, the
// deepest present parent's key location is recorded (first one wins).
bool Walk(const Value& node, const std::string& node_path,
          const std::string& node_key_name, const SourceLocation& node_key,
          const AttributePath& path, size_t depth, PathLookup& out) {
  if (node.is_null()) return false;
  if (depth == path.segments.size()) {
    out.reached.push_back({&node, node_path, node_key_name, node_key});
    return true;
  }
  bool reached = false;
  const PathSegment& segment = path.segments[depth];
  switch (segment.kind) {
    case PathSegment::Kind::kKey:
      if (!node.is_object()) break;
      for (size_t i = 0; i < node.keys.size(); ++i) {
        if (node.keys[i] != segment.key) continue;
        reached =
            Walk(node.items[i], Join(node_path, segment.key), node.keys[i],
                 node.key_locations[i], path, depth + 1, out);
        break;
      }
      break;
    case PathSegment::Kind::kIndex:
      if (!node.is_array() || segment.index >= node.items.size()) break;
      reached = Walk(node.items[segment.index],
                     absl::StrCat(node_path, "[", segment.index, "]"),
                     absl::StrCat(segment.index),
                     node.items[segment.index].location, path, depth + 1, out);
      break;
    case PathSegment::Kind::kEveryElement:
      if (!node.is_array()) break;
      for (size_t i = 0; i < node.items.size(); ++i) {
        reached |=
            Walk(node.items[i], absl::StrCat(node_path, "[", i, "]"),
                 absl::StrCat(i), node.items[i].location, path, depth + 1, out);
      }
      break;
    case PathSegment::Kind::kEveryMember:
      if (!node.is_object()) break;
      for (size_t i = 0; i < node.items.size(); ++i) {
        reached |=
            Walk(node.items[i], Join(node_path, node.keys[i]), node.keys[i],
                 node.key_locations[i], path, depth + 1, out);
      }
      break;
  }
  if (!reached && !out.nearest_parent.known()) out.nearest_parent = node_key;
  return reached;
}

}  // namespace

PathLookup Lookup(const Value& start, const std::string& start_path,
                  const SourceLocation& start_location,
                  const AttributePath& path) {
  PathLookup out;
  Walk(start, start_path, "", start_location, path, 0, out);
  if (!out.reached.empty()) out.nearest_parent = {};
  return out;
}

std::string JoinPath(const std::string& base, const std::string& relative) {
  if (base.empty()) return relative;
  if (relative.empty()) return base;
  if (relative.front() == '[') return base + relative;
  return absl::StrCat(base, ".", relative);
}

bool Selects(const std::vector<std::string>& selectors,
             const Resource& resource) {
  std::string_view kind = ResourceKindName(resource.kind);
  for (const std::string& selector : selectors) {
    if (selector == kind || selector == resource.type) return true;
  }
  return false;
}

bool IsResourceSelector(std::string_view selector) {
  for (int k = 0; k <= static_cast<int>(ResourceKind::kOther); ++k) {
    if (ResourceKindName(static_cast<ResourceKind>(k)) == selector) return true;
  }
  if (selector.find("::") != std::string_view::npos) return true;
  // A Terraform type: provider prefix, then snake_case.
  size_t underscore = selector.find('_');
  if (underscore == std::string_view::npos || underscore == 0 ||
      underscore + 1 == selector.size()) {
    return false;
  }
  for (char c : selector) {
    if (!absl::ascii_islower(c) && !absl::ascii_isdigit(c) && c != '_') {
      return false;
    }
  }
  std::string_view provider = selector.substr(0, underscore);
  return provider == "aws" || provider == "awscc" || provider == "google" ||
         provider == "azurerm" || provider == "kubernetes";
}

}  // namespace polygraph::rules::internal
