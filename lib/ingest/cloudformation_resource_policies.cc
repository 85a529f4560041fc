// Resource policies of a CloudFormation template other than S3 bucket
// policies (those are in cloudformation_iam.cc): SNS topics, SQS queues, KMS
// keys, ECR repositories, EventBridge buses, Secrets Manager secrets and
// Lambda permissions.

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
#include "polygraph/iam_policy.h"

namespace polygraph::ingest {
namespace {

using ::polygraph::internal::ToAbsl;

constexpr std::string_view kUnresolved = "unresolved-reference";

// ---------------------------------------------------------------------------
// Synthesized documents: Value trees whose nodes carry the locations of the
// properties they were built from, so the parsed policy cites the template.

Value Text(std::string text, const SourceLocation& location) {
  Value value;
  value.kind = Value::Kind::kString;
  value.text = std::move(text);
  value.location = location;
  return value;
}

Value Object(const SourceLocation& location) {
  Value value;
  value.kind = Value::Kind::kObject;
  value.location = location;
  return value;
}

void Put(Value& object, std::string key, Value item,
         const SourceLocation& key_location) {
  object.keys.push_back(std::move(key));
  object.key_locations.push_back(key_location);
  object.items.push_back(std::move(item));
}

// The long form {name: argument} of an intrinsic function.
Value Expression(std::string name, Value argument,
                 const SourceLocation& location) {
  Value value = Object(location);
  Put(value, std::move(name), std::move(argument), location);
  return value;
}

// ---------------------------------------------------------------------------
// Targets: the resource a policy governs.

// How a reference to the governed resource is matched with the declared
// resources of one kind.
struct TargetKind {
  ResourceKind kind;
  std::string_view noun;      // for messages: "topic"
  std::string_view name_key;  // the declared name property: "TopicName"
  // The resource's name within a literal reference to it (a name, an ARN, a
  // queue URL).
  std::string_view (*name_of)(std::string_view literal);
};

std::string_view AfterLast(std::string_view text, char separator) {
  size_t at = text.rfind(separator);
  return at == std::string_view::npos ? text : text.substr(at + 1);
}

// arn:aws:sns:region:account:name
std::string_view TopicNameOf(std::string_view arn) {
  return AfterLast(arn, ':');
}

// https://sqs.region.amazonaws.com/account/name
std::string_view QueueNameOf(std::string_view url) {
  return AfterLast(url, '/');
}

// A name, or arn:aws:events:region:account:event-bus/name.
std::string_view BusNameOf(std::string_view text) {
  return AfterLast(text, '/');
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

// A name, a full or partial ARN (account:function:name), each perhaps with a
// version or alias (":live").
std::string_view FunctionNameOf(std::string_view text) {
  constexpr std::string_view kMarker = "function:";
  size_t at = text.find(kMarker);
  if (at != std::string_view::npos) text = text.substr(at + kMarker.size());
  return text.substr(0, text.find(':'));
}

constexpr TargetKind kTopic = {ResourceKind::kTopic, "topic", "TopicName",
                               &TopicNameOf};
constexpr TargetKind kQueue = {ResourceKind::kQueue, "queue", "QueueName",
                               &QueueNameOf};
constexpr TargetKind kBus = {ResourceKind::kEventBus, "event bus", "Name",
                             &BusNameOf};
constexpr TargetKind kSecret = {ResourceKind::kSecret, "secret", "Name",
                                &SecretNameOf};
constexpr TargetKind kFunction = {ResourceKind::kLambdaFunction,
                                  "Lambda function", "FunctionName",
                                  &FunctionNameOf};

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

constexpr std::string_view kNoOwner = "the policy has no owner";

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

// ---------------------------------------------------------------------------
// Synthesized statements: EventBridge's older form and Lambda permissions.

// The Fn::Sub of an ARN in the template's own account and region.
Value OwnArn(std::string_view service_and_resource,
             const SourceLocation& location) {
  return Expression(
      "Fn::Sub",
      Text(absl::StrCat("arn:${AWS::Partition}:", ToAbsl(service_and_resource)),
           location),
      location);
}

// The symbolic ARN of the resource `reference` names: Fn::GetAtt <id>.Arn of
// the declared `owner`; a literal ARN as written; a literal name completed
// into an ARN of `service`:`resource_prefix`<name>; any other expression as
// written. Each located at `reference`.
Value ArnOf(const TemplateContext& context, const Value& reference,
            size_t owner, std::string_view service,
            std::string_view resource_prefix, const TargetKind& target) {
  const SourceLocation& at = reference.location;
  if (owner != kNoResource) {
    return Expression(
        "Fn::GetAtt",
        Text(absl::StrCat(context.builder.current().resources()[owner].name,
                          ".Arn"),
             at),
        at);
  }
  if (!iam::AsTemplateExpression(reference).has_value() &&
      reference.is_scalar()) {
    if (reference.text.starts_with("arn:")) return Text(reference.text, at);
    return OwnArn(
        absl::StrCat(ToAbsl(service), ":${AWS::Region}:${AWS::AccountId}:",
                     ToAbsl(resource_prefix),
                     ToAbsl(target.name_of(reference.text))),
        at);
  }
  return reference;
}

// A Principal element for an account, an ARN or a service principal:
// "*" stays "*", a name ending in "amazonaws.com" (or ".amazonaws.com.cn")
// is a Service, anything else (an account id, an ARN, an expression) AWS.
// Errors: an object or a list.
absl::StatusOr<Value> PrincipalOf(const TemplateContext& context,
                                  const Value& principal) {
  const bool expression = iam::AsTemplateExpression(principal).has_value();
  if (!expression && !principal.is_scalar()) {
    return InputError(principal.location,
                      absl::StrCat("Principal must be a string, found ",
                                   DescribeValue(principal)));
  }
  if (!expression && principal.text == "*") {
    return Text("*", principal.location);
  }
  const Value* resolved = context.Resolve(principal);
  std::string_view text =
      resolved == nullptr ? std::string_view() : resolved->text;
  const bool service =
      text.ends_with("amazonaws.com") || text.ends_with(".amazonaws.com.cn");
  Value object = Object(principal.location);
  Value value = principal;
  if (!expression && principal.is_number()) {
    value = Text(principal.text, principal.location);  // an account id
  }
  Put(object, service ? "Service" : "AWS", std::move(value),
      principal.location);
  return object;
}

// The Condition element built from `entries` (operator, key, property): one
// operator object per operator, each key located at its property.
struct ConditionEntry {
  std::string_view op;
  std::string_view key;
  std::string_view property;
};

Value ConditionOf(const Value& properties,
                  const std::vector<ConditionEntry>& entries) {
  Value condition = Object(properties.location);
  for (const ConditionEntry& entry : entries) {
    const Value* value = properties.Find(entry.property);
    if (value == nullptr) continue;
    Value* block = nullptr;
    for (size_t i = 0; i < condition.keys.size(); ++i) {
      if (condition.keys[i] == entry.op) block = &condition.items[i];
    }
    if (block == nullptr) {
      Put(condition, std::string(entry.op), Object(value->location),
          value->location);
      block = &condition.items.back();
    }
    Put(*block, std::string(entry.key), *value,
        properties.KeyLocation(entry.property));
  }
  return condition;
}

// AWS::Lambda::Permission: Allow Principal Action on the function named by
// FunctionName, under the conditions its Source*/PrincipalOrgID/
// FunctionUrlAuthType/EventSourceToken properties set.
absl::Status AddLambdaPermission(TemplateContext& context,
                                 const Declaration& declaration,
                                 const Value& properties) {
  const Value* required[3] = {};
  const std::string_view keys[3] = {"FunctionName", "Action", "Principal"};
  for (size_t i = 0; i < 3; ++i) {
    absl::StatusOr<const Value*> value =
        Required(declaration, properties, keys[i]);
    if (!value.ok()) return value.status();
    required[i] = *value;
  }
  const Value& function = *required[0];
  absl::StatusOr<size_t> owner =
      GovernedResource(context, function, "FunctionName", kFunction, kNoOwner);
  if (!owner.ok()) return owner.status();
  absl::StatusOr<Value> principal = PrincipalOf(context, *required[2]);
  if (!principal.ok()) return principal.status();

  Value statement = Object(properties.location);
  Put(statement, "Effect", Text("Allow", properties.location),
      properties.location);
  Put(statement, "Principal", *std::move(principal),
      properties.KeyLocation("Principal"));
  Put(statement, "Action", *required[1], properties.KeyLocation("Action"));
  Put(statement, "Resource",
      ArnOf(context, function, *owner, "lambda", "function:", kFunction),
      properties.KeyLocation("FunctionName"));
  Value condition = ConditionOf(
      properties,
      {{"ArnLike", "aws:SourceArn", "SourceArn"},
       {"StringEquals", "aws:SourceAccount", "SourceAccount"},
       {"StringEquals", "aws:PrincipalOrgID", "PrincipalOrgID"},
       {"StringEquals", "lambda:FunctionUrlAuthType", "FunctionUrlAuthType"},
       {"StringEquals", "lambda:EventSourceToken", "EventSourceToken"}});
  if (!condition.keys.empty()) {
    SourceLocation at = condition.location;
    Put(statement, "Condition", std::move(condition), at);
  }
  Value document = Object(properties.location);
  Put(document, "Version", Text("2012-10-17", properties.location),
      properties.location);
  Put(document, "Statement", std::move(statement), properties.location);
  return AddDocument(context, document, "the permission", {*owner},
                     declaration.logical_id);
}

// The older EventBusPolicy form: Allow Principal (an account id or "*")
// Action on the bus, under Condition {Type, Key, Value}.
absl::StatusOr<std::optional<Value>> SynthesizeBusStatement(
    TemplateContext& context, const Declaration& declaration,
    const Value& properties, Value resource) {
  absl::StatusOr<const Value*> action =
      Required(declaration, properties, "Action");
  if (!action.ok()) return action.status();
  absl::StatusOr<const Value*> principal =
      Required(declaration, properties, "Principal");
  if (!principal.ok()) return principal.status();
  absl::StatusOr<Value> principal_element = PrincipalOf(context, **principal);
  if (!principal_element.ok()) return principal_element.status();
  Value statement = Object(properties.location);
  Put(statement, "Effect", Text("Allow", properties.location),
      properties.location);
  Put(statement, "Principal", *std::move(principal_element),
      properties.KeyLocation("Principal"));
  Put(statement, "Action", **action, properties.KeyLocation("Action"));
  Put(statement, "Resource", std::move(resource), properties.location);
  const Value* condition = properties.Find("Condition");
  if (condition == nullptr) return statement;
  if (iam::AsTemplateExpression(*condition).has_value()) {
    context.NoteSymbolic("Condition", *condition, "the policy is not analysed");
    return std::nullopt;
  }
  if (!condition->is_object()) {
    return InputError(condition->location,
                      absl::StrCat("Condition must be an object, found ",
                                   DescribeValue(*condition)));
  }
  const Value* parts[3] = {};
  const std::string_view names[3] = {"Type", "Key", "Value"};
  for (size_t i = 0; i < 3; ++i) {
    parts[i] = condition->Find(names[i]);
    if (parts[i] == nullptr) {
      return InputError(condition->location,
                        absl::StrCat("Condition has no ", ToAbsl(names[i])));
    }
    if (i < 2 && context.Resolve(*parts[i]) == nullptr) {
      context.NoteSymbolic(names[i], *parts[i], "the policy is not analysed");
      return std::nullopt;
    }
  }
  const Value& type = *context.Resolve(*parts[0]);
  const Value& key = *context.Resolve(*parts[1]);
  Value block = Object(type.location);
  Put(block, key.text, *parts[2], key.location);
  Value element = Object(condition->location);
  Put(element, type.text, std::move(block), type.location);
  Put(statement, "Condition", std::move(element),
      properties.KeyLocation("Condition"));
  return statement;
}

// AWS::Events::EventBusPolicy: owned by the bus EventBusName names, or by
// none for the account's default bus. Its StatementId becomes the Sid.
absl::Status AddEventBusPolicy(TemplateContext& context,
                               const Declaration& declaration,
                               const Value& properties) {
  size_t owner = kNoResource;
  Value resource;
  if (const Value* bus = properties.Find("EventBusName")) {
    absl::StatusOr<size_t> governed =
        GovernedResource(context, *bus, "EventBusName", kBus, kNoOwner);
    if (!governed.ok()) return governed.status();
    owner = *governed;
    resource = ArnOf(context, *bus, owner, "events", "event-bus/", kBus);
  } else {
    context.Note(std::string(kUnresolved), declaration.location,
                 absl::StrCat("EventBusPolicy ",
                              internal::QuoteForMessage(declaration.logical_id),
                              " governs the account's default event bus, "
                              "which the template does not declare; ",
                              ToAbsl(kNoOwner)));
    resource =
        OwnArn("events:${AWS::Region}:${AWS::AccountId}:event-bus/default",
               declaration.location);
  }
  Value statement;
  if (const Value* given = properties.Find("Statement")) {
    if (iam::AsTemplateExpression(*given).has_value() || given->is_string()) {
      return AddDocument(context, *given, "Statement", {owner},
                         declaration.logical_id);
    }
    statement = *given;
  } else {
    absl::StatusOr<std::optional<Value>> synthesized = SynthesizeBusStatement(
        context, declaration, properties, std::move(resource));
    if (!synthesized.ok()) return synthesized.status();
    if (!synthesized->has_value()) return absl::OkStatus();
    statement = **std::move(synthesized);
  }
  const Value* id = properties.Find("StatementId");
  if (id != nullptr && statement.is_object() &&
      statement.Find("Sid") == nullptr) {
    Put(statement, "Sid", *id, properties.KeyLocation("StatementId"));
  }
  Value document = Object(properties.location);
  Put(document, "Version", Text("2012-10-17", properties.location),
      properties.location);
  Put(document, "Statement", std::move(statement),
      properties.KeyLocation("Statement"));
  return AddDocument(context, document, "Statement", {owner},
                     declaration.logical_id);
}

}  // namespace

absl::Status AddResourcePolicyFacets(TemplateContext& context) {
  for (const Declaration& declaration : context.declarations) {
    Value empty = Object(declaration.location);
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
