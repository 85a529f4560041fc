// AWS::Events::EventBusPolicy as a resource policy of the bus it names:
// its Statement as written, or the statement its older form (Action,
// Principal, Condition) describes (see
// cloudformation_resource_policies_internal.h).

#include <optional>
#include <string>
#include <string_view>
#include <utility>

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

// A name, or arn:aws:events:region:account:event-bus/name.
std::string_view BusNameOf(std::string_view text) {
  return AfterLast(text, '/');
}

constexpr TargetKind kBus = {ResourceKind::kEventBus, "event bus", "Name",
                             &BusNameOf};

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
  Value statement = evaluation::MakeObject(properties.location);
  Put(statement, "Effect", evaluation::MakeString("Allow", properties.location),
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
  Value block = evaluation::MakeObject(type.location);
  Put(block, key.text, *parts[2], key.location);
  Value element = evaluation::MakeObject(condition->location);
  Put(element, type.text, std::move(block), type.location);
  Put(statement, "Condition", std::move(element),
      properties.KeyLocation("Condition"));
  return statement;
}

}  // namespace

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
  Value document = evaluation::MakeObject(properties.location);
  Put(document, "Version",
      evaluation::MakeString("2012-10-17", properties.location),
      properties.location);
  Put(document, "Statement", std::move(statement),
      properties.KeyLocation("Statement"));
  return AddDocument(context, document, "Statement", {owner},
                     declaration.logical_id);
}

}  // namespace polygraph::ingest::resource_policies
