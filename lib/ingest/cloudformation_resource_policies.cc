// Resource policies of a CloudFormation template other than S3 bucket
// policies (those are in cloudformation_iam.cc): SNS topics, SQS queues, KMS
// keys, ECR repositories and Secrets Manager secrets, with the helpers the
// other resource policy files share (see
// cloudformation_resource_policies_internal.h). EventBridge bus policies
// are in cloudformation_event_bus_policies.cc, Lambda permissions in
// cloudformation_lambda_permissions.cc.

#include <algorithm>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "iam/template_expression.h"
#include "ingest/cloudformation_context.h"
#include "ingest/cloudformation_facets.h"
#include "ingest/cloudformation_resource_policies_internal.h"
#include "polygraph/iam_policy.h"

namespace polygraph::ingest {
namespace resource_policies {
namespace {

using ::polygraph::internal::ToAbsl;

}  // namespace

// ---------------------------------------------------------------------------
// Synthesized documents: Value trees whose nodes carry the locations of the
// properties they were built from, so the parsed policy cites the template.

void Put(Value& object, std::string key, Value item,
         const SourceLocation& key_location) {
  object.keys.push_back(std::move(key));
  object.key_locations.push_back(key_location);
  object.items.push_back(std::move(item));
}

// The long form {name: argument} of an intrinsic function.
// ---------------------------------------------------------------------------
// Targets: the resource a policy governs.

std::string_view AfterLast(std::string_view text, char separator) {
  size_t at = text.rfind(separator);
  return at == std::string_view::npos ? text : text.substr(at + 1);
}

namespace {

// arn:aws:sns:region:account:name
std::string_view TopicNameOf(std::string_view arn) {
  return AfterLast(arn, ':');
}

// https://sqs.region.amazonaws.com/account/name
std::string_view QueueNameOf(std::string_view url) {
  return AfterLast(url, '/');
}

// A name, or arn:aws:secretsmanager:region:account:secret:name-AbCdEf.
std::string_view SecretNameOf(std::string_view id) {
  constexpr std::string_view kMarker = ":secret:";
  size_t at = id.find(kMarker);
  if (at == std::string_view::npos) return id;
  std::string_view name = id.substr(at + kMarker.size());
  // Secrets Manager appends "-" and six random characters to the name.
  if (name.size() > 7 && name[name.size() - 7] == '-') name.remove_suffix(7);
  return name;
}

constexpr TargetKind kTopic = {ResourceKind::kTopic, "topic", "TopicName",
                               &TopicNameOf};
constexpr TargetKind kQueue = {ResourceKind::kQueue, "queue", "QueueName",
                               &QueueNameOf};
constexpr TargetKind kSecret = {ResourceKind::kSecret, "secret", "Name",
                                &SecretNameOf};

// The declared resource of `target`'s kind whose name property resolves to
// the name within `literal`, or kNoResource.
size_t DeclaredNamed(const TemplateContext& context, const TargetKind& target,
                     std::string_view literal) {
  std::string_view name = target.name_of(literal);
  if (name.empty()) return kNoResource;
  for (const Declaration& declaration : context.declarations) {
    if (declaration.properties == nullptr ||
        context.KindOf(declaration.index) != target.kind) {
      continue;
    }
    const Value* declared = declaration.properties->Find(target.name_key);
    const Value* resolved =
        declared == nullptr ? nullptr : context.Resolve(*declared);
    if (resolved != nullptr && resolved->is_string() &&
        resolved->text == name) {
      return declaration.index;
    }
  }
  return kNoResource;
}

}  // namespace

// The declared resource `value` (of element `element`) names: a Ref or
// Fn::GetAtt of a resource of `target`'s kind, or a literal (or a parameter's
// Default) whose name matches a declared one. Else kNoResource, noted
// "symbolic-value" (an expression) or "unresolved-reference" (a literal),
// ending with `consequence`. Errors: a value that is not a string.
absl::StatusOr<size_t> GovernedResource(TemplateContext& context,
                                        const Value& value,
                                        std::string_view element,
                                        const TargetKind& target,
                                        std::string_view consequence) {
  size_t index = context.ReferencedResource(value);
  if (index != kNoResource && context.KindOf(index) == target.kind) {
    return index;
  }
  if (const Value* resolved = context.Resolve(value)) {
    if (resolved->is_string() || resolved->is_number()) {
      index = DeclaredNamed(context, target, resolved->text);
      if (index != kNoResource) return index;
      context.Note(
          std::string(kUnresolved), value.location,
          absl::StrCat(ToAbsl(element), " ", DescribeValue(*resolved),
                       " names no ", ToAbsl(target.noun),
                       " declared in the template; ", ToAbsl(consequence)));
      return kNoResource;
    }
  }
  if (iam::AsTemplateExpression(value).has_value()) {
    context.NoteSymbolic(element, value, consequence);
    return kNoResource;
  }
  return InputError(value.location,
                    absl::StrCat(ToAbsl(element), " must be a string, found ",
                                 DescribeValue(value)));
}

namespace {

// Calls `visit` on each entry of the list property `list`: both branches of
// an Fn::If, nothing for AWS::NoValue, and any other expression (a list
// parameter, in place of the whole list) as one entry. `top`: `list` is the
// property itself, not an entry or a branch. Errors: the property is neither
// an array nor an expression.
absl::Status ForEachTarget(
    const Value& list, std::string_view element, bool top,
    const std::function<absl::Status(const Value&)>& visit) {
  if (iam::IsNoValue(list)) return absl::OkStatus();
  std::optional<iam::TemplateExpression> expression =
      iam::AsTemplateExpression(list);
  if (expression.has_value() && expression->name == "Fn::If" &&
      expression->argument->is_array() &&
      expression->argument->items.size() == 3) {
    for (size_t branch = 1; branch < 3; ++branch) {
      if (absl::Status s = ForEachTarget(expression->argument->items[branch],
                                         element, top, visit);
          !s.ok()) {
        return s;
      }
    }
    return absl::OkStatus();
  }
  if (!expression.has_value() && list.is_array()) {
    for (const Value& item : list.items) {
      if (absl::Status s = ForEachTarget(item, element, false, visit);
          !s.ok()) {
        return s;
      }
    }
    return absl::OkStatus();
  }
  if (top && !expression.has_value()) {
    return InputError(list.location,
                      absl::StrCat(ToAbsl(element), " must be an array, found ",
                                   DescribeValue(list)));
  }
  return visit(list);
}

}  // namespace

// ---------------------------------------------------------------------------
// Documents.

// Adds `document` as a resource policy named `name`, once for each of
// `owners`. A JSON string or an expression is noted and not analysed, as for
// identity policies. Errors: the policy grammar's.
absl::Status AddDocument(TemplateContext& context, const Value& document,
                         std::string_view element,
                         const std::vector<size_t>& owners,
                         const std::string& name) {
  if (iam::AsTemplateExpression(document).has_value()) {
    context.NoteSymbolic(element, document, "the policy is not analysed");
    return absl::OkStatus();
  }
  if (document.is_string()) {
    context.Note("not-analysed", document.location,
                 absl::StrCat(ToAbsl(element),
                              " is given as a JSON string; the policy is not "
                              "analysed"));
    return absl::OkStatus();
  }
  absl::StatusOr<iam::Policy> policy =
      iam::ParsePolicy(document, {.kind = iam::PolicyKind::kResource});
  if (!policy.ok()) return policy.status();
  for (size_t owner : owners) {
    PolicyDocument policy_document;
    policy_document.owner = owner;
    policy_document.name = name;
    policy_document.kind = iam::PolicyKind::kResource;
    policy_document.policy = *policy;
    context.builder.AddPolicy(std::move(policy_document));
  }
  return absl::OkStatus();
}

absl::StatusOr<const Value*> Required(const Declaration& declaration,
                                      const Value& properties,
                                      std::string_view key) {
  const Value* value = properties.Find(key);
  if (value == nullptr) {
    return InputError(
        declaration.location,
        absl::StrCat(declaration.type, " ",
                     internal::QuoteForMessage(declaration.logical_id),
                     " has no ", ToAbsl(key)));
  }
  return value;
}

namespace {

// A policy property that governs the resource declaring it (a key's
// KeyPolicy). Absent: nothing is added.
absl::Status AddOwnPolicy(TemplateContext& context,
                          const Declaration& declaration,
                          const Value& properties, std::string_view key) {
  const Value* document = properties.Find(key);
  if (document == nullptr) return absl::OkStatus();
  return AddDocument(context, *document, key, {declaration.index},
                     declaration.logical_id);
}

// A policy resource naming one governed resource in `target_key`.
absl::Status AddTargetPolicy(TemplateContext& context,
                             const Declaration& declaration,
                             const Value& properties,
                             std::string_view policy_key,
                             std::string_view target_key,
                             const TargetKind& target) {
  absl::StatusOr<const Value*> document =
      Required(declaration, properties, policy_key);
  if (!document.ok()) return document.status();
  absl::StatusOr<const Value*> reference =
      Required(declaration, properties, target_key);
  if (!reference.ok()) return reference.status();
  absl::StatusOr<size_t> owner =
      GovernedResource(context, **reference, target_key, target, kNoOwner);
  if (!owner.ok()) return owner.status();
  return AddDocument(context, **document, policy_key, {*owner},
                     declaration.logical_id);
}

// A TopicPolicy or QueuePolicy: one document per declared resource its list
// `list_key` names, and one without an owner when any entry names none (or
// the list is empty).
absl::Status AddListPolicy(TemplateContext& context,
                           const Declaration& declaration,
                           const Value& properties, std::string_view list_key,
                           const TargetKind& target) {
  absl::StatusOr<const Value*> document =
      Required(declaration, properties, "PolicyDocument");
  if (!document.ok()) return document.status();
  absl::StatusOr<const Value*> list =
      Required(declaration, properties, list_key);
  if (!list.ok()) return list.status();
  const std::string element = absl::StrCat(ToAbsl(list_key), " entry");
  std::vector<size_t> owners;
  bool ownerless = false;
  if (absl::Status s = ForEachTarget(
          **list, list_key, /*top=*/true,
          [&](const Value& entry) -> absl::Status {
            absl::StatusOr<size_t> owner =
                GovernedResource(context, entry, element, target,
                                 "it governs a document without an owner");
            if (!owner.ok()) return owner.status();
            if (*owner == kNoResource) {
              ownerless = true;
            } else if (std::find(owners.begin(), owners.end(), *owner) ==
                       owners.end()) {
              owners.push_back(*owner);
            }
            return absl::OkStatus();
          });
      !s.ok()) {
    return s;
  }
  if (ownerless || owners.empty()) owners.push_back(kNoResource);
  return AddDocument(context, **document, "PolicyDocument", owners,
                     declaration.logical_id);
}

}  // namespace
}  // namespace resource_policies

using resource_policies::AddEventBusPolicy;
using resource_policies::AddLambdaPermission;
using resource_policies::AddListPolicy;
using resource_policies::AddOwnPolicy;
using resource_policies::AddTargetPolicy;
using resource_policies::kQueue;
using resource_policies::kSecret;
using resource_policies::kTopic;

absl::Status AddResourcePolicyFacets(TemplateContext& context) {
  for (const Declaration& declaration : context.declarations) {
    Value empty = evaluation::MakeObject(declaration.location);
    const Value& properties =
        declaration.properties != nullptr ? *declaration.properties : empty;
    const std::string& type = declaration.type;
    absl::Status status;
    if (type == "AWS::SNS::TopicPolicy") {
      status =
          AddListPolicy(context, declaration, properties, "Topics", kTopic);
    } else if (type == "AWS::SQS::QueuePolicy") {
      status =
          AddListPolicy(context, declaration, properties, "Queues", kQueue);
    } else if (type == "AWS::SNS::TopicInlinePolicy") {
      status = AddTargetPolicy(context, declaration, properties,
                               "PolicyDocument", "TopicArn", kTopic);
    } else if (type == "AWS::SQS::QueueInlinePolicy") {
      status = AddTargetPolicy(context, declaration, properties,
                               "PolicyDocument", "Queue", kQueue);
    } else if (type == "AWS::SecretsManager::ResourcePolicy") {
      status = AddTargetPolicy(context, declaration, properties,
                               "ResourcePolicy", "SecretId", kSecret);
    } else if (type == "AWS::KMS::Key") {
      status = AddOwnPolicy(context, declaration, properties, "KeyPolicy");
    } else if (type == "AWS::ECR::Repository") {
      status = AddOwnPolicy(context, declaration, properties,
                            "RepositoryPolicyText");
    } else if (type == "AWS::Events::EventBus") {
      status = AddOwnPolicy(context, declaration, properties, "Policy");
    } else if (type == "AWS::Events::EventBusPolicy") {
      status = AddEventBusPolicy(context, declaration, properties);
    } else if (type == "AWS::Lambda::Permission") {
      status = AddLambdaPermission(context, declaration, properties);
    }
    if (!status.ok()) return status;
  }
  return absl::OkStatus();
}

}  // namespace polygraph::ingest
