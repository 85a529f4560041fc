// Graph::ToJson: nodes with their normalized attributes, and edges.

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "graph/describe.h"
#include "graph/graph_rep.h"
#include "nlohmann/json.hpp"
#include "polygraph/graph.h"

namespace polygraph {
namespace {

using json = nlohmann::ordered_json;

std::string_view EdgeKindName(EdgeKind kind) {
  switch (kind) {
    case EdgeKind::kReferences:
      return "references";
    case EdgeKind::kAttachedTo:
      return "attached_to";
    case EdgeKind::kAllowsFrom:
      return "allows_from";
  }
  return "references";
}

json ResourceName(const Model& model, size_t index) {
  if (index >= model.resources().size()) return nullptr;
  return model.resources()[index].name;
}

json SecurityGroupRuleJson(const Model& model, const SecurityGroupRule& rule) {
  json out = {{"direction", rule.ingress ? "ingress" : "egress"},
              {"protocol", rule.protocol},
              {"from_port", rule.from_port},
              {"to_port", rule.to_port}};
  if (!rule.cidr.empty()) out["cidr"] = rule.cidr;
  if (rule.peer_group != kNoResource) {
    out["peer"] = ResourceName(model, rule.peer_group);
  } else if (!rule.peer_group_id.empty()) {
    out["peer"] = rule.peer_group_id;  // a group no file read declares
  }
  if (!rule.prefix_list.empty()) out["prefix_list"] = rule.prefix_list;
  if (!rule.description.empty()) out["description"] = rule.description;
  if (rule.implicit_default) out["implicit_default"] = true;
  return out;
}

json SecurityGroupAttributes(const Model& model, size_t group) {
  json rules = json::array();
  std::vector<std::string> cidrs;
  for (const SecurityGroupRule& rule : model.security_group_rules()) {
    if (rule.group != group) continue;
    rules.push_back(SecurityGroupRuleJson(model, rule));
    if (!rule.cidr.empty() &&
        std::find(cidrs.begin(), cidrs.end(), rule.cidr) == cidrs.end()) {
      cidrs.push_back(rule.cidr);
    }
  }
  return {{"rules", std::move(rules)}, {"cidrs", std::move(cidrs)}};
}

json Setting(const LocatedBool& setting) {
  if (!setting.set) return nullptr;
  return setting.value;
}

json BucketAttributes(const Bucket& bucket) {
  const PublicAccessBlock& block = bucket.public_access_block;
  json out = {{"bucket_name", bucket.bucket_name}};
  if (!block.present) {
    out["public_access_block"] = nullptr;
  } else {
    out["public_access_block"] = {
        {"block_public_acls", Setting(block.block_public_acls)},
        {"ignore_public_acls", Setting(block.ignore_public_acls)},
        {"block_public_policy", Setting(block.block_public_policy)},
        {"restrict_public_buckets", Setting(block.restrict_public_buckets)}};
  }
  return out;
}

json Strings(const std::vector<iam::LocatedString>& values) {
  json out = json::array();
  for (const iam::LocatedString& value : values) out.push_back(value.value);
  return out;
}

json PolicyAttributes(const Model& model, const PolicyDocument& policy) {
  json statements = json::array();
  for (const iam::Statement& statement : policy.policy.statements) {
    json s = {
        {"effect", statement.effect == iam::Effect::kAllow ? "Allow" : "Deny"},
        {statement.not_action ? "not_actions" : "actions",
         Strings(statement.actions)}};
    if (!statement.sid.empty()) s["sid"] = statement.sid;
    if (statement.has_resource) {
      s[statement.not_resource ? "not_resources" : "resources"] =
          Strings(statement.resources);
    }
    if (statement.has_principal) {
      json principals = json::array();
      for (const iam::Principal& principal : statement.principals) {
        principals.push_back(
            {{"type", principal.type}, {"value", principal.value.value}});
      }
      s[statement.not_principal ? "not_principals" : "principals"] =
          std::move(principals);
    }
    statements.push_back(std::move(s));
  }
  std::string_view kind = graph::internal::PolicyKindName(policy.kind);
  return {{"policy_kind", kind},
          {"owner", ResourceName(model, policy.owner)},
          {"statements", std::move(statements)}};
}

void AddLocation(const SourceLocation& location, json* node) {
  (*node)["file"] = location.file;
  (*node)["line"] = location.line;
  (*node)["column"] = location.column;
}

}  // namespace

// A VPC's or subnet's address blocks: {"cidrs": [...], "vpc": name,
// "availability_zone": ...}; empty when it has none that are known.
json NetworkAttributes(const Model& model, size_t resource) {
  json attributes = json::object();
  json cidrs = json::array();
  for (const NetworkBlock& block : model.network_blocks()) {
    // A VPC lists its secondary blocks too.
    const bool own =
        block.resource == resource || (!block.subnet && block.vpc == resource);
    if (!own) continue;
    cidrs.push_back(block.cidr);
    if (block.subnet && block.vpc != kNoResource) {
      attributes["vpc"] = model.resources()[block.vpc].name;
    }
    if (!block.availability_zone.empty()) {
      attributes["availability_zone"] = block.availability_zone;
    }
  }
  if (!cidrs.empty()) attributes["cidrs"] = std::move(cidrs);
  return attributes;
}

std::string Graph::ToJson() const {
  const Model& model = *rep_->model;
  json nodes = json::array();
  for (size_t i = 0; i < rep_->nodes.size(); ++i) {
    const GraphNode& node = rep_->nodes[i];
    json out = {{"id", i}, {"kind", node.kind}, {"name", node.name}};
    json attributes = json::object();
    if (node.resource != kNoResource) {
      const Resource& resource = model.resources()[node.resource];
      out["type"] = resource.type;
      AddLocation(resource.location, &out);
      if (resource.kind == ResourceKind::kSecurityGroup) {
        attributes = SecurityGroupAttributes(model, node.resource);
      } else if (resource.kind == ResourceKind::kVpc ||
                 resource.kind == ResourceKind::kSubnet) {
        attributes = NetworkAttributes(model, node.resource);
      }
      for (const Bucket& bucket : model.buckets()) {
        if (bucket.resource == node.resource)
          attributes = BucketAttributes(bucket);
      }
      if (!resource.assumed_condition.empty()) {
        out["assumed_condition"] = resource.assumed_condition;
      }
    } else {
      const PolicyDocument& policy = model.policies()[node.policy];
      out["type"] = "policy";
      AddLocation(policy.policy.location, &out);
      attributes = PolicyAttributes(model, policy);
    }
    out["attributes"] = std::move(attributes);
    nodes.push_back(std::move(out));
  }
  json edges = json::array();
  for (const GraphEdge& edge : rep_->edges) {
    edges.push_back({{"from", edge.from},
                     {"to", edge.to},
                     {"kind", EdgeKindName(edge.kind)},
                     {"label", edge.label}});
  }
  json document = {{"nodes", std::move(nodes)}, {"edges", std::move(edges)}};
  // Invalid UTF-8 in names read from input is replaced, never thrown.
  return document.dump(2, ' ', /*ensure_ascii=*/false,
                       json::error_handler_t::replace) +
         "\n";
}

}  // namespace polygraph
