// AWS::Serverless::StateMachine: the state machine, its role, and the rules
// and roles its events add (see sam_transform_internal.h).

#include <string>
#include <string_view>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "ingest/sam_policy_templates.h"
#include "ingest/sam_transform_internal.h"

namespace polygraph::ingest::sam {

absl::Status Expander::ExpandStateMachine(const Owner& owner) {
  absl::StatusOr<Value> merged = Properties(owner, "StateMachine");
  if (!merged.ok()) return merged.status();
  const Value& properties = *merged;
  const SourceLocation& at = owner.at;
  Value machine = Object(at);
  for (size_t i = 0; i < properties.keys.size(); ++i) {
    const std::string& key = properties.keys[i];
    const Value& value = properties.items[i];
    const SourceLocation& key_at = properties.key_locations[i];
    if (key == "Definition" || key == "DefinitionSubstitutions") {
      Put(machine, key, value, key_at);
    } else if (key == "DefinitionUri") {
      Put(machine, "DefinitionS3Location",
          S3Location(value, "Bucket", "Key", "Version"), key_at);
    } else if (key == "Name" || key == "Type" || key == "Logging" ||
               key == "Tracing") {
      const std::string_view renamed = key == "Name"   ? "StateMachineName"
                                       : key == "Type" ? "StateMachineType"
                                       : key == "Logging"
                                           ? "LoggingConfiguration"
                                           : "TracingConfiguration";
      Put(machine, renamed, value, key_at);
    } else if (key == "AutoPublishAlias" || key == "DeploymentPreference") {
      Note(key_at, absl::StrCat(key, " of state machine ", owner.id,
                                " is not expanded"));
    }
  }
  absl::StatusOr<Value> tags =
      TagList(properties.Find("Tags"), "stateMachine:createdBy", at);
  if (!tags.ok()) return tags.status();
  Put(machine, "Tags", *tags);
  const std::string role_id = absl::StrCat(owner.id, "Role");
  const Value* role = properties.Find("Role");
  Put(machine, "RoleArn", role != nullptr ? *role : GetAtt(role_id, "Arn", at),
      role != nullptr ? properties.KeyLocation("Role") : at);
  Emit(owner.id, "AWS::StepFunctions::StateMachine", std::move(machine), at,
       owner, /*main=*/true);
  if (role == nullptr) {
    absl::StatusOr<Value> role_properties =
        RoleProperties(properties, role_id, "states.amazonaws.com", {}, {}, {},
                       *std::move(tags), at, diagnostics_);
    if (!role_properties.ok()) return role_properties.status();
    Emit(role_id, "AWS::IAM::Role", *std::move(role_properties), at, owner);
  }
  const Value* events = properties.Find("Events");
  if (events == nullptr || events->is_null()) return absl::OkStatus();
  if (!events->is_object() || !events->tag.empty()) {
    return InputError(
        events->location,
        absl::StrCat("the Events of ", owner.id, " must be an object, found ",
                     Describe(*events)));
  }
  for (size_t i = 0; i < events->keys.size(); ++i) {
    if (absl::Status status = ExpandStateMachineEvent(
            owner, events->keys[i], events->key_locations[i], events->items[i]);
        !status.ok()) {
      return status;
    }
  }
  return absl::OkStatus();
}

absl::Status Expander::ExpandStateMachineEvent(const Owner& owner,
                                               std::string_view name,
                                               const SourceLocation& at,
                                               const Value& event) {
  const std::string label =
      absl::StrCat("event ", internal::ToAbsl(name), " of ", owner.id);
  absl::StatusOr<EventShape> shape =
      ReadEventShape(event, label, /*must_be_object=*/false);
  if (!shape.ok()) return shape.status();
  const Value& properties = shape->properties;
  const std::string& kind = shape->type;
  const std::string id = absl::StrCat(owner.id, internal::ToAbsl(name));
  const bool api = kind == "Api";
  if (!api && kind != "Schedule" && kind != "CloudWatchEvent" &&
      kind != "EventBridgeRule") {
    Note(at, absl::StrCat(kind, " ", label, " is not expanded"));
    return absl::OkStatus();
  }
  // The role the event's service assumes to start executions.
  const std::string role_id = absl::StrCat(id, "Role");
  Value role = Object(at);
  Put(role, "AssumeRolePolicyDocument",
      AssumeRolePolicy(
          api ? "apigateway.amazonaws.com" : "events.amazonaws.com", at));
  Value policies = Array(at);
  policies.items.push_back(
      SingleStatementPolicy(absl::StrCat(role_id, "StartExecutionPolicy"),
                            "states:StartExecution", Ref(owner.id, at), at));
  Put(role, "Policies", std::move(policies));
  if (api) {
    if (properties.Find("RestApiId") == nullptr &&
        !implicit_rest_.has_value()) {
      implicit_rest_ = at;
    }
    Emit(role_id, "AWS::IAM::Role", std::move(role), at, owner);
    Note(at,
         absl::StrCat("the API integration of ", label, " is not expanded"));
    return absl::OkStatus();
  }
  const bool schedule = kind == "Schedule";
  const std::string_view source = schedule ? "Schedule" : "Pattern";
  const Value* expression = properties.Find(source);
  if (expression == nullptr) {
    return InputError(
        properties.location,
        absl::StrCat(kind, " ", label, " has no ", internal::ToAbsl(source)));
  }
  Value rule = Object(at);
  Put(rule, schedule ? "ScheduleExpression" : "EventPattern", *expression,
      properties.KeyLocation(source));
  CopyListed(properties, "EventBusName Name Description State", rule);
  if (const Value* enabled = properties.Find("Enabled")) {
    if (enabled->is_bool()) {
      Put(rule, "State",
          Text(enabled->boolean ? "ENABLED" : "DISABLED", enabled->location),
          properties.KeyLocation("Enabled"));
    }
  }
  Value target = Object(at);
  Put(target, "Arn", Ref(owner.id, at));
  std::string target_id = absl::StrCat(id, "StepFunctionsTarget");
  if (target_id.size() > 64) target_id.resize(64);
  Put(target, "Id", Text(target_id, at));
  Put(target, "RoleArn", GetAtt(role_id, "Arn", at));
  CopyListed(properties, "Input InputPath", target);
  Value targets = Array(at);
  targets.items.push_back(std::move(target));
  Put(rule, "Targets", std::move(targets));
  Emit(id, "AWS::Events::Rule", std::move(rule), at, owner);
  Emit(role_id, "AWS::IAM::Role", std::move(role), at, owner);
  return absl::OkStatus();
}

}  // namespace polygraph::ingest::sam
