// Terraform's IAM and resource-policy resources as CloudFormation's
// (terraform_resources.h): roles, users, groups, managed and inline
// policies, attachments, instance profiles, and the policies of topics,
// queues, keys, secrets and Lambda functions.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "ingest/cloudformation_text.h"
#include "ingest/terraform_resources_internal.h"

namespace polygraph::ingest::terraform_internal {
namespace {

// Puts the policy attribute `from` of `object`, parsed, as `to`.
absl::Status PutPolicy(Synthesis& synthesis, const TfValue& object,
                       std::string_view from, Value& holder,
                       std::string_view to) {
  const TfValue* policy = Attribute(object, from);
  if (policy == nullptr) return absl::OkStatus();
  absl::StatusOr<Value> document = synthesis.ConvertPolicy(*policy);
  if (!document.ok()) return document.status();
  Put(holder, to, *std::move(document), KeyLocation(object, from));
  return absl::OkStatus();
}

absl::Status Role(const ResourceInstance& instance, Synthesis& synthesis) {
  Entry& entry = synthesis.AddMain(instance, "AWS::IAM::Role");
  const TfValue& a = instance.attributes;
  CopyAll(synthesis, a, entry.properties,
          {{"name", "RoleName"},
           {"path", "Path"},
           {"description", "Description"},
           {"permissions_boundary", "PermissionsBoundary"},
           {"max_session_duration", "MaxSessionDuration"}});
  if (absl::Status s = PutPolicy(synthesis, a, "assume_role_policy",
                                 entry.properties, "AssumeRolePolicyDocument");
      !s.ok()) {
    return s;
  }
  CopyLists(synthesis, a, entry.properties,
            {{"managed_policy_arns", "ManagedPolicyArns"}});
  std::vector<const TfValue*> inline_policies = Blocks(a, "inline_policy");
  Value policies = evaluation::MakeArray({}, KeyLocation(a, "inline_policy"));
  for (const TfValue* block : inline_policies) {
    if (Attribute(*block, "policy") == nullptr) continue;  // none declared
    Value policy = evaluation::MakeObject(block->location);
    Copy(synthesis, *block, "name", policy, "PolicyName");
    if (absl::Status s =
            PutPolicy(synthesis, *block, "policy", policy, "PolicyDocument");
        !s.ok()) {
      return s;
    }
    policies.items.push_back(std::move(policy));
  }
  if (!policies.items.empty()) {
    Put(entry.properties, "Policies", std::move(policies),
        KeyLocation(a, "inline_policy"));
  }
  return absl::OkStatus();
}

// A principal (user or group) with a name and a path.
template <const char* kType, const char* kNameKey>
absl::Status Principal(const ResourceInstance& instance, Synthesis& synthesis) {
  Entry& entry = synthesis.AddMain(instance, kType);
  CopyAll(synthesis, instance.attributes, entry.properties,
          {{"name", kNameKey}, {"path", "Path"}});
  return absl::OkStatus();
}
constexpr char kUser[] = "AWS::IAM::User";
constexpr char kUserName[] = "UserName";
constexpr char kGroup[] = "AWS::IAM::Group";
constexpr char kGroupName[] = "GroupName";

absl::Status ManagedPolicy(const ResourceInstance& instance,
                           Synthesis& synthesis) {
  Entry& entry = synthesis.AddMain(instance, "AWS::IAM::ManagedPolicy");
  const TfValue& a = instance.attributes;
  CopyAll(synthesis, a, entry.properties,
          {{"name", "ManagedPolicyName"},
           {"path", "Path"},
           {"description", "Description"}});
  return PutPolicy(synthesis, a, "policy", entry.properties, "PolicyDocument");
}

// aws_iam_{role,user,group}_policy: an inline policy of the principal named
// by `principal_key`.
template <const char* kType, const char* kPrincipalKey, const char* kNameKey>
absl::Status InlinePolicy(const ResourceInstance& instance,
                          Synthesis& synthesis) {
  Entry& entry = synthesis.AddMain(instance, kType);
  const TfValue& a = instance.attributes;
  CopyAll(synthesis, a, entry.properties,
          {{kPrincipalKey, kNameKey}, {"name", "PolicyName"}});
  return PutPolicy(synthesis, a, "policy", entry.properties, "PolicyDocument");
}
constexpr char kRolePolicy[] = "AWS::IAM::RolePolicy";
constexpr char kUserPolicy[] = "AWS::IAM::UserPolicy";
constexpr char kGroupPolicy[] = "AWS::IAM::GroupPolicy";
constexpr char kRole[] = "role";
constexpr char kRoleName[] = "RoleName";
constexpr char kUserKey[] = "user";
constexpr char kGroupKey[] = "group";

absl::Status InstanceProfile(const ResourceInstance& instance,
                             Synthesis& synthesis) {
  Entry& entry = synthesis.AddMain(instance, "AWS::IAM::InstanceProfile");
  const TfValue& a = instance.attributes;
  CopyAll(synthesis, a, entry.properties,
          {{"name", "InstanceProfileName"}, {"path", "Path"}});
  CopyLists(synthesis, a, entry.properties, {{"role", "Roles"}});
  return absl::OkStatus();
}

absl::Status Generic(const ResourceInstance& instance, Synthesis& synthesis) {
  synthesis.AddGeneric(instance);
  return absl::OkStatus();
}

// True when `value` has a Ref or Fn::GetAtt naming `id`.
bool Mentions(const Value& value, std::string_view id) {
  if (value.is_object() && value.keys.size() == 1) {
    const Value& argument = value.items[0];
    if (value.keys[0] == "Ref" && argument.text == id) return true;
    if (value.keys[0] == "Fn::GetAtt" && !argument.items.empty() &&
        argument.items[0].text == id) {
      return true;
    }
  }
  for (const Value& item : value.items) {
    if (Mentions(item, id)) return true;
  }
  return false;
}

// Appends `policy_arn` to the ManagedPolicyArns of the principal `target`
// names (a reference to a role, user or group of the configuration), unless
// the policy itself names the principal (a circular dependency).
void Attach(const ResourceInstance& instance, Synthesis& synthesis,
            const TfValue& target, const TfValue& policy_arn) {
  const ResourceInstance* principal = synthesis.Referenced(target);
  Entry* entry =
      principal != nullptr ? synthesis.MainEntry(principal->address) : nullptr;
  if (entry == nullptr ||
      (entry->type != "AWS::IAM::Role" && entry->type != "AWS::IAM::User" &&
       entry->type != "AWS::IAM::Group")) {
    synthesis.Note("symbolic-value", target.location,
                   absl::StrCat(instance.address, " attaches a policy to ",
                                terraform::Describe(target),
                                ", which is not declared here"));
    return;
  }
  Value arn = synthesis.Convert(policy_arn);
  if (const ResourceInstance* policy = synthesis.Referenced(policy_arn)) {
    const Entry* policy_entry = synthesis.MainEntry(policy->address);
    if (policy_entry != nullptr &&
        Mentions(policy_entry->properties, entry->logical_id)) {
      return;  // the attachment's own resource keeps the link
    }
  }
  const Value* existing = entry->properties.Find("ManagedPolicyArns");
  Value arns = existing != nullptr && existing->is_array()
                   ? *existing
                   : evaluation::MakeArray({}, policy_arn.location);
  if (existing != nullptr && !existing->is_array()) return;  // symbolic
  arns.items.push_back(std::move(arn));
  Put(entry->properties, "ManagedPolicyArns", std::move(arns),
      existing != nullptr ? entry->properties.KeyLocation("ManagedPolicyArns")
                          : policy_arn.location);
}

absl::Status MergeAttachment(const ResourceInstance& instance,
                             Synthesis& synthesis) {
  const TfValue& a = instance.attributes;
  const TfValue* arn = Attribute(a, "policy_arn");
  if (arn == nullptr) return absl::OkStatus();
  for (std::string_view key : {"role", "user", "group"}) {
    if (const TfValue* target = Attribute(a, key)) {
      Attach(instance, synthesis, *target, *arn);
    }
  }
  for (std::string_view key : {"roles", "users", "groups"}) {
    const TfValue* list = Attribute(a, key);
    if (list == nullptr || list->kind != TfValue::Kind::kList) continue;
    for (const TfValue& target : list->items) {
      Attach(instance, synthesis, target, *arn);
    }
  }
  return absl::OkStatus();
}

// --- Resource policies ---

// A resource with a `policy` argument that CloudFormation declares as a
// separate policy resource naming it in `target_key` (a list when
// `target_list`).
absl::Status PolicyExtra(const ResourceInstance& instance, Synthesis& synthesis,
                         Entry& entry, std::string policy_type,
                         std::string_view target_key, bool target_list,
                         std::string_view policy_key) {
  const TfValue& a = instance.attributes;
  const TfValue* policy = Attribute(a, "policy");
  if (policy == nullptr) return absl::OkStatus();
  const SourceLocation at = KeyLocation(a, "policy");
  const std::string id = entry.logical_id;
  Entry& extra =
      synthesis.AddExtra(instance, "policy", std::move(policy_type), at);
  Value target = Ref(id, at);
  if (target_list) target = evaluation::MakeArray({std::move(target)}, at);
  Put(extra.properties, target_key, std::move(target), at);
  return PutPolicy(synthesis, a, "policy", extra.properties, policy_key);
}

absl::Status Topic(const ResourceInstance& instance, Synthesis& synthesis) {
  Entry& entry = synthesis.AddMain(instance, "AWS::SNS::Topic");
  CopyAll(synthesis, instance.attributes, entry.properties,
          {{"name", "TopicName"}, {"kms_master_key_id", "KmsMasterKeyId"}});
  return PolicyExtra(instance, synthesis, entry, "AWS::SNS::TopicPolicy",
                     "Topics", /*target_list=*/true, "PolicyDocument");
}

absl::Status Queue(const ResourceInstance& instance, Synthesis& synthesis) {
  Entry& entry = synthesis.AddMain(instance, "AWS::SQS::Queue");
  CopyAll(synthesis, instance.attributes, entry.properties,
          {{"name", "QueueName"},
           {"kms_master_key_id", "KmsMasterKeyId"},
           {"sqs_managed_sse_enabled", "SqsManagedSseEnabled"}});
  return PolicyExtra(instance, synthesis, entry, "AWS::SQS::QueuePolicy",
                     "Queues", /*target_list=*/true, "PolicyDocument");
}

absl::Status Secret(const ResourceInstance& instance, Synthesis& synthesis) {
  Entry& entry = synthesis.AddMain(instance, "AWS::SecretsManager::Secret");
  CopyAll(synthesis, instance.attributes, entry.properties,
          {{"name", "Name"},
           {"kms_key_id", "KmsKeyId"},
           {"description", "Description"}});
  return PolicyExtra(instance, synthesis, entry,
                     "AWS::SecretsManager::ResourcePolicy", "SecretId",
                     /*target_list=*/false, "ResourcePolicy");
}

// A standalone policy resource: `target_key` names what it governs.
absl::Status TargetPolicy(const ResourceInstance& instance,
                          Synthesis& synthesis, std::string type,
                          std::string_view from, std::string_view target_key,
                          std::string_view policy_key) {
  Entry& entry = synthesis.AddMain(instance, std::move(type));
  Copy(synthesis, instance.attributes, from, entry.properties, target_key);
  return PutPolicy(synthesis, instance.attributes, "policy", entry.properties,
                   policy_key);
}

absl::Status TopicPolicy(const ResourceInstance& instance,
                         Synthesis& synthesis) {
  return TargetPolicy(instance, synthesis, "AWS::SNS::TopicInlinePolicy", "arn",
                      "TopicArn", "PolicyDocument");
}

absl::Status QueuePolicy(const ResourceInstance& instance,
                         Synthesis& synthesis) {
  return TargetPolicy(instance, synthesis, "AWS::SQS::QueueInlinePolicy",
                      "queue_url", "Queue", "PolicyDocument");
}

absl::Status SecretPolicy(const ResourceInstance& instance,
                          Synthesis& synthesis) {
  return TargetPolicy(instance, synthesis,
                      "AWS::SecretsManager::ResourcePolicy", "secret_arn",
                      "SecretId", "ResourcePolicy");
}

absl::Status KmsKey(const ResourceInstance& instance, Synthesis& synthesis) {
  Entry& entry = synthesis.AddMain(instance, "AWS::KMS::Key");
  const TfValue& a = instance.attributes;
  CopyAll(synthesis, a, entry.properties,
          {{"description", "Description"},
           {"enable_key_rotation", "EnableKeyRotation"},
           {"key_usage", "KeyUsage"}});
  return PutPolicy(synthesis, a, "policy", entry.properties, "KeyPolicy");
}

absl::Status LambdaPermission(const ResourceInstance& instance,
                              Synthesis& synthesis) {
  Entry& entry = synthesis.AddMain(instance, "AWS::Lambda::Permission");
  CopyAll(synthesis, instance.attributes, entry.properties,
          {{"function_name", "FunctionName"},
           {"action", "Action"},
           {"principal", "Principal"},
           {"source_arn", "SourceArn"},
           {"source_account", "SourceAccount"},
           {"principal_org_id", "PrincipalOrgID"},
           {"event_source_token", "EventSourceToken"},
           {"function_url_auth_type", "FunctionUrlAuthType"}});
  return absl::OkStatus();
}

}  // namespace

Mappers IamMapper(std::string_view type) {
  static constexpr std::pair<std::string_view, Mapper> kMappers[] = {
      {"aws_iam_role", &Role},
      {"aws_iam_user", &Principal<kUser, kUserName>},
      {"aws_iam_group", &Principal<kGroup, kGroupName>},
      {"aws_iam_policy", &ManagedPolicy},
      {"aws_iam_role_policy", &InlinePolicy<kRolePolicy, kRole, kRoleName>},
      {"aws_iam_user_policy", &InlinePolicy<kUserPolicy, kUserKey, kUserName>},
      {"aws_iam_group_policy",
       &InlinePolicy<kGroupPolicy, kGroupKey, kGroupName>},
      {"aws_iam_instance_profile", &InstanceProfile},
      {"aws_sns_topic", &Topic},
      {"aws_sns_topic_policy", &TopicPolicy},
      {"aws_sqs_queue", &Queue},
      {"aws_sqs_queue_policy", &QueuePolicy},
      {"aws_secretsmanager_secret", &Secret},
      {"aws_secretsmanager_secret_policy", &SecretPolicy},
      {"aws_kms_key", &KmsKey},
      {"aws_lambda_permission", &LambdaPermission},
  };
  for (const auto& [name, mapper] : kMappers) {
    if (name == type) return Mappers{.first = mapper, .merge = nullptr};
  }
  for (std::string_view attachment :
       {"aws_iam_role_policy_attachment", "aws_iam_user_policy_attachment",
        "aws_iam_group_policy_attachment", "aws_iam_policy_attachment"}) {
    if (attachment == type) {
      return Mappers{.first = &Generic, .merge = &MergeAttachment};
    }
  }
  return {};
}

}  // namespace polygraph::ingest::terraform_internal
