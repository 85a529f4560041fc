// Service control policies of a snapshot (`organizations list-policies
// --filter SERVICE_CONTROL_POLICY`, `describe-policy`,
// `list-targets-for-policy`; aws_api.h).

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "ingest/aws_api/snapshot_context.h"
#include "polygraph/iam_policy.h"

namespace polygraph::ingest::aws_api {
namespace {

constexpr std::string_view kScpType = "SERVICE_CONTROL_POLICY";
constexpr std::string_view kTargetsSuffix = ".targets.json";

// A describe-policy document: {"Policy": {"PolicySummary": ..., "Content"}}.
const Value* DescribedPolicy(const Value& document) {
  if (!document.is_object()) return nullptr;
  const Value* policy = document.Find("Policy");
  if (policy == nullptr || !policy->is_object() ||
      policy->Find("PolicySummary") == nullptr) {
    return nullptr;
  }
  return policy;
}

// A list-policies document: "Policies" without IAM's detail lists.
const Value* ListedPolicies(const Value& document) {
  if (!document.is_object()) return nullptr;
  for (std::string_view key :
       {"UserDetailList", "GroupDetailList", "RoleDetailList"}) {
    if (document.Find(key) != nullptr) return nullptr;
  }
  const Value* policies = document.Find("Policies");
  return policies != nullptr && policies->is_array() ? policies : nullptr;
}

struct Scp {
  const Value* policy = nullptr;  // the describe-policy "Policy" object
  std::string id;
  std::string name;
  std::string arn;
  const Value* targets = nullptr;  // the "Targets" array, when listed
};

// Reads one describe-policy "Policy" object into `scp`; false (noted) when
// it is not an SCP.
absl::StatusOr<bool> ReadSummary(SnapshotContext& context, const Value& policy,
                                 Scp& scp) {
  absl::StatusOr<const Value*> summary = ObjectField(policy, "PolicySummary");
  if (!summary.ok()) return summary.status();
  if (*summary == nullptr) {
    return InputError(policy.location, "Policy has no PolicySummary");
  }
  for (auto [key, out] :
       {std::pair<std::string_view, std::string*>{"Id", &scp.id},
        {"Name", &scp.name},
        {"Arn", &scp.arn}}) {
    absl::StatusOr<std::string> value = StringField(**summary, key);
    if (!value.ok()) return value.status();
    *out = *std::move(value);
  }
  if (scp.id.empty()) {
    return InputError((*summary)->location, "PolicySummary has no Id");
  }
  absl::StatusOr<std::string> type = StringField(**summary, "Type");
  if (!type.ok()) return type.status();
  if (!type->empty() && *type != kScpType) {
    context.diagnostics.push_back(Diagnostic{
        Diagnostic::Level::kNote, "not-analysed", (*summary)->location,
        absl::StrCat("Organizations policy ", scp.id, " of type ", *type,
                     " is not analysed")});
    return false;
  }
  if (scp.name.empty()) scp.name = scp.id;
  scp.policy = &policy;
  return true;
}

// The resource properties: the Policy object plus TargetIds and Targets.
absl::StatusOr<Value> Properties(const Scp& scp) {
  Value properties = *scp.policy;
  Value ids;
  ids.kind = Value::Kind::kArray;
  ids.location = scp.policy->location;
  if (scp.targets != nullptr) {
    for (const Value& target : scp.targets->items) {
      if (!target.is_object()) {
        return InputError(target.location,
                          absl::StrCat("Targets entries must be objects, "
                                       "found ",
                                       Describe(target)));
      }
      absl::StatusOr<std::string> id = StringField(target, "TargetId");
      if (!id.ok()) return id.status();
      Value entry;
      entry.kind = Value::Kind::kString;
      entry.text = *std::move(id);
      entry.location = target.location;
      ids.items.push_back(std::move(entry));
    }
  }
  properties.keys.push_back("TargetIds");
  properties.key_locations.push_back(scp.policy->location);
  properties.items.push_back(std::move(ids));
  if (scp.targets != nullptr) {
    properties.keys.push_back("Targets");
    properties.key_locations.push_back(scp.targets->location);
    properties.items.push_back(*scp.targets);
  }
  return properties;
}

absl::Status AddScp(SnapshotContext& context, const Scp& scp) {
  absl::StatusOr<Value> properties = Properties(scp);
  if (!properties.ok()) return properties.status();
  absl::StatusOr<size_t> index =
      DeclareResource(context,
                      Resource{.name = scp.name,
                               .type = "AWS::Organizations::Policy",
                               .kind = ResourceKind::kOther,
                               .format = SourceFormat::kAwsSnapshot,
                               .location = scp.policy->location,
                               .properties = *std::move(properties)},
                      {scp.id, scp.arn}, scp.policy->location);
  if (!index.ok()) return index.status();
  const Value* content = scp.policy->Find("Content");
  if (content == nullptr || content->is_null()) {
    return InputError(scp.policy->location,
                      absl::StrCat("SCP ", scp.id, " has no Content"));
  }
  absl::StatusOr<Value> document = EmbeddedDocument(*content, "Content");
  if (!document.ok()) return document.status();
  absl::StatusOr<iam::Policy> policy =
      iam::ParsePolicy(*document, {.kind = iam::PolicyKind::kIdentity});
  if (!policy.ok()) return policy.status();
  context.builder.AddPolicy(PolicyDocument{.owner = *index,
                                           .name = scp.name,
                                           .kind = iam::PolicyKind::kIdentity,
                                           .policy = *std::move(policy)});
  return absl::OkStatus();
}

}  // namespace

absl::Status ReadOrganizations(SnapshotContext& context) {
  std::vector<Scp> scps;
  absl::flat_hash_map<std::string, size_t> by_id;
  for (const AwsSnapshotFile* file : context.files) {
    const Value* policy = DescribedPolicy(file->document);
    if (policy == nullptr) continue;
    Scp scp;
    absl::StatusOr<bool> is_scp = ReadSummary(context, *policy, scp);
    if (!is_scp.ok()) return is_scp.status();
    if (!*is_scp) continue;
    by_id.try_emplace(scp.id, scps.size());
    scps.push_back(std::move(scp));
  }
  // Targets files, named "<policy-id>.targets.json".
  for (const AwsSnapshotFile* file : context.files) {
    if (!file->document.is_object()) continue;
    const Value* targets = file->document.Find("Targets");
    if (targets == nullptr || !targets->is_array()) continue;
    const std::string id = FileStem(file->path, kTargetsSuffix);
    auto it = std::string_view(file->path).ends_with(kTargetsSuffix)
                  ? by_id.find(id)
                  : by_id.end();
    if (it == by_id.end()) {
      context.diagnostics.push_back(Diagnostic{
          Diagnostic::Level::kNote, "not-analysed",
          file->document.KeyLocation("Targets"),
          absl::StrCat("Targets are not analysed: the file is not named "
                       "<policy-id>",
                       ::polygraph::internal::ToAbsl(kTargetsSuffix),
                       " for an SCP the snapshot describes")});
      continue;
    }
    scps[it->second].targets = targets;
  }
  for (const Scp& scp : scps) {
    if (absl::Status s = AddScp(context, scp); !s.ok()) return s;
  }
  // Summaries of list-policies without a describe-policy.
  for (const AwsSnapshotFile* file : context.files) {
    const Value* listed = ListedPolicies(file->document);
    if (listed == nullptr) continue;
    if (absl::Status s = ForEachObject(
            file->document, "Policies",
            [&](const Value& summary) -> absl::Status {
              absl::StatusOr<std::string> id = StringField(summary, "Id");
              if (!id.ok()) return id.status();
              absl::StatusOr<std::string> type = StringField(summary, "Type");
              if (!type.ok()) return type.status();
              if (id->empty()) {
                context.diagnostics.push_back(Diagnostic{
                    Diagnostic::Level::kNote, "not-analysed", summary.location,
                    "a Policies entry without an Id (not an Organizations "
                    "policy, and no policy document) is not analysed"});
              } else if ((type->empty() || *type == kScpType) &&
                         !by_id.contains(*id)) {
                context.diagnostics.push_back(Diagnostic{
                    Diagnostic::Level::kNote, "not-analysed", summary.location,
                    absl::StrCat("SCP ", *id,
                                 " has no describe-policy output in the "
                                 "snapshot; its content is not analysed")});
              }
              return absl::OkStatus();
            });
        !s.ok()) {
      return s;
    }
  }
  return absl::OkStatus();
}

}  // namespace polygraph::ingest::aws_api
