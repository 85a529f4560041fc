// AWS::Lambda::Permission as a resource policy of the function it names,
// synthesized from the permission's properties, and the ARN and Principal
// elements synthesized statements share with EventBridge bus policies (see
// cloudformation_resource_policies_internal.h).

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
#include "ingest/cloudformation_resource_policies_internal.h"

namespace polygraph::ingest::resource_policies {
namespace {

using ::polygraph::internal::ToAbsl;

// A name, a full or partial ARN (account:function:name), each perhaps with a
// version or alias (":live").
std::string_view FunctionNameOf(std::string_view text) {
  constexpr std::string_view kMarker = "function:";
  size_t at = text.find(kMarker);
  if (at != std::string_view::npos) text = text.substr(at + kMarker.size());
  return text.substr(0, text.find(':'));
}

constexpr TargetKind kFunction = {ResourceKind::kLambdaFunction,
                                  "Lambda function", "FunctionName",
                                  &FunctionNameOf};

}  // namespace

// ---------------------------------------------------------------------------
// Synthesized statements: EventBridge's older form and Lambda permissions.

// The Fn::Sub of an ARN in the template's own account and region.
Value OwnArn(std::string_view service_and_resource,
             const SourceLocation& location) {
  return evaluation::MakeExpression(
      "Fn::Sub",
      evaluation::MakeString(
          absl::StrCat("arn:${AWS::Partition}:", ToAbsl(service_and_resource)),
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
    return evaluation::MakeExpression(
        "Fn::GetAtt",
        evaluation::MakeString(
            absl::StrCat(context.builder.current().resources()[owner].name,
                         ".Arn"),
            at),
        at);
  }
  if (!iam::AsTemplateExpression(reference).has_value() &&
      reference.is_scalar()) {
    if (reference.text.starts_with("arn:"))
      return evaluation::MakeString(reference.text, at);
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
    return evaluation::MakeString("*", principal.location);
  }
  const Value* resolved = context.Resolve(principal);
  std::string_view text =
      resolved == nullptr ? std::string_view() : resolved->text;
  const bool service =
      text.ends_with("amazonaws.com") || text.ends_with(".amazonaws.com.cn");
  Value object = evaluation::MakeObject(principal.location);
  Value value = principal;
  if (!expression && principal.is_number()) {
    value = evaluation::MakeString(principal.text,
                                   principal.location);  // an account id
  }
  Put(object, service ? "Service" : "AWS", std::move(value),
      principal.location);
  return object;
}

namespace {

// The Condition element built from `entries` (operator, key, property): one
// operator object per operator, each key located at its property.
struct ConditionEntry {
  std::string_view op;
  std::string_view key;
  std::string_view property;
};

Value ConditionOf(const Value& properties,
                  const std::vector<ConditionEntry>& entries) {
  Value condition = evaluation::MakeObject(properties.location);
  for (const ConditionEntry& entry : entries) {
    const Value* value = properties.Find(entry.property);
    if (value == nullptr) continue;
    Value* block = nullptr;
    for (size_t i = 0; i < condition.keys.size(); ++i) {
      if (condition.keys[i] == entry.op) block = &condition.items[i];
    }
    if (block == nullptr) {
      Put(condition, std::string(entry.op),
          evaluation::MakeObject(value->location), value->location);
      block = &condition.items.back();
    }
    Put(*block, std::string(entry.key), *value,
        properties.KeyLocation(entry.property));
  }
  return condition;
}

}  // namespace

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

  Value statement = evaluation::MakeObject(properties.location);
  Put(statement, "Effect", evaluation::MakeString("Allow", properties.location),
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
  Value document = evaluation::MakeObject(properties.location);
  Put(document, "Version",
      evaluation::MakeString("2012-10-17", properties.location),
      properties.location);
  Put(document, "Statement", std::move(statement), properties.location);
  return AddDocument(context, document, "the permission", {*owner},
                     declaration.logical_id);
}

}  // namespace polygraph::ingest::resource_policies
