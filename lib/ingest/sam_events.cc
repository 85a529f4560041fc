// The events of an AWS::Serverless::Function: the permissions, event source
// mappings, subscriptions, rules and schedules each kind of event adds, and
// the routes Api and HttpApi events add to their APIs (see
// sam_transform_internal.h).

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "ingest/sam_policy_templates.h"
#include "ingest/sam_transform_internal.h"

namespace polygraph::ingest::sam {
namespace {

// Event source mapping settings copied from SQS, Kinesis and DynamoDB
// events.
constexpr std::string_view kMappingSettings =
    "BatchSize Enabled StartingPosition StartingPositionTimestamp "
    "MaximumBatchingWindowInSeconds MaximumRetryAttempts "
    "BisectBatchOnFunctionError MaximumRecordAgeInSeconds "
    "ParallelizationFactor TumblingWindowInSeconds FunctionResponseTypes "
    "FilterCriteria ScalingConfig KmsKeyArn MetricsConfig";

// A rule target invoking the function `function`.
Value RuleTarget(std::string_view function, std::string_view event_id,
                 const Value& properties, const SourceLocation& at) {
  Value target = Object(at);
  Put(target, "Arn", GetAtt(function, "Arn", at));
  std::string target_id =
      absl::StrCat(internal::ToAbsl(event_id), "LambdaTarget");
  if (target_id.size() > 64) target_id.resize(64);
  Put(target, "Id", Text(target_id, at));
  if (const Value* given = properties.Find("Target")) {
    if (given->is_object()) CopyListed(*given, "Id", target);
  }
  CopyListed(properties, "Input InputPath InputTransformer RetryPolicy",
             target);
  Value targets = Array(at);
  targets.items.push_back(std::move(target));
  return targets;
}

}  // namespace

Value Expander::Permission(const Owner& owner, std::string_view principal,
                           const SourceLocation& at) const {
  Value permission = Object(at);
  Put(permission, "Action", Text("lambda:InvokeFunction", at));
  Put(permission, "FunctionName", Ref(owner.id, at));
  Put(permission, "Principal", Text(principal, at));
  return permission;
}

absl::Status Expander::ExpandEvents(const Owner& owner, const Value& events,
                                    std::vector<Value>& managed_arns) {
  if (!events.is_object() || !events.tag.empty()) {
    return InputError(
        events.location,
        absl::StrCat("the Events of ", owner.id, " must be an object, found ",
                     Describe(events)));
  }
  for (size_t i = 0; i < events.keys.size(); ++i) {
    if (absl::Status status =
            ExpandEvent(owner, events.keys[i], events.key_locations[i],
                        events.items[i], managed_arns);
        !status.ok()) {
      return status;
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<EventShape> ReadEventShape(const Value& event,
                                          std::string_view label,
                                          bool must_be_object) {
  if (must_be_object && (!event.is_object() || !event.tag.empty())) {
    return InputError(event.location, absl::StrCat(internal::ToAbsl(label),
                                                   " must be an object, found ",
                                                   Describe(event)));
  }
  const Value* type = event.is_object() ? event.Find("Type") : nullptr;
  if (type == nullptr || !IsText(*type)) {
    return InputError(type != nullptr ? type->location : event.location,
                      absl::StrCat(internal::ToAbsl(label), " has no Type"));
  }
  EventShape shape{type->text, Object(event.location)};
  if (const Value* given = event.Find("Properties")) {
    if (!given->is_object() || !given->tag.empty()) {
      return InputError(
          given->location,
          absl::StrCat("the Properties of ", internal::ToAbsl(label),
                       " must be an object, found ", Describe(*given)));
    }
    shape.properties = *given;
  }
  return shape;
}

absl::Status Expander::ExpandEvent(const Owner& owner, std::string_view name,
                                   const SourceLocation& at, const Value& event,
                                   std::vector<Value>& managed_arns) {
  const std::string label =
      absl::StrCat("event ", internal::ToAbsl(name), " of ", owner.id);
  absl::StatusOr<EventShape> shape =
      ReadEventShape(event, label, /*must_be_object=*/true);
  if (!shape.ok()) return shape.status();
  const Value& properties = shape->properties;
  const std::string& kind = shape->type;
  const std::string id = absl::StrCat(owner.id, internal::ToAbsl(name));
  auto require = [&](std::string_view key) -> absl::StatusOr<const Value*> {
    const Value* value = properties.Find(key);
    if (value == nullptr) {
      return InputError(
          properties.location,
          absl::StrCat(kind, " ", label, " has no ", internal::ToAbsl(key)));
    }
    return value;
  };

  if (kind == "Api" || kind == "HttpApi") {
    return ExpandApiEvent(owner, id, at, properties, kind == "HttpApi");
  }
  if (kind == "S3") {
    absl::StatusOr<const Value*> bucket = require("Bucket");
    if (!bucket.ok()) return bucket.status();
    Value permission = Permission(owner, "s3.amazonaws.com", at);
    Put(permission, "SourceAccount", Ref("AWS::AccountId", at));
    Emit(absl::StrCat(id, "Permission"), "AWS::Lambda::Permission",
         std::move(permission), at, owner);
    Note(at, absl::StrCat("the bucket notification that ", label,
                          " adds is not modelled"));
    return absl::OkStatus();
  }
  if (kind == "SQS" || kind == "Kinesis" || kind == "DynamoDB") {
    absl::StatusOr<const Value*> source =
        require(kind == "SQS" ? "Queue" : "Stream");
    if (!source.ok()) return source.status();
    Value mapping = Object(at);
    Put(mapping, "FunctionName", Ref(owner.id, at));
    Put(mapping, "EventSourceArn", **source,
        properties.KeyLocation(kind == "SQS" ? "Queue" : "Stream"));
    CopyListed(properties, kMappingSettings, mapping);
    if (const Value* destination = properties.Find("DestinationConfig")) {
      const Value* failure =
          destination->is_object() ? destination->Find("OnFailure") : nullptr;
      if (failure != nullptr && failure->is_object()) {
        Value on_failure = Object(failure->location);
        CopyListed(*failure, "Destination", on_failure);
        Value config = Object(destination->location);
        Put(config, "OnFailure", std::move(on_failure));
        Put(mapping, "DestinationConfig", std::move(config),
            properties.KeyLocation("DestinationConfig"));
      }
    }
    Emit(id, "AWS::Lambda::EventSourceMapping", std::move(mapping), at, owner);
    const std::string_view policy =
        kind == "SQS"       ? "service-role/AWSLambdaSQSQueueExecutionRole"
        : kind == "Kinesis" ? "service-role/AWSLambdaKinesisExecutionRole"
                            : "service-role/AWSLambdaDynamoDBExecutionRole";
    managed_arns.push_back(AwsManagedPolicyArn(policy, at));
    return absl::OkStatus();
  }
  if (kind == "SNS") {
    absl::StatusOr<const Value*> topic = require("Topic");
    if (!topic.ok()) return topic.status();
    if (const Value* sqs = properties.Find("SqsSubscription")) {
      if (!(sqs->is_bool() && !sqs->boolean)) {
        Note(properties.KeyLocation("SqsSubscription"),
             absl::StrCat("the SQS subscription of ", label,
                          " is not expanded"));
        return absl::OkStatus();
      }
    }
    Value permission = Permission(owner, "sns.amazonaws.com", at);
    Put(permission, "SourceArn", **topic, properties.KeyLocation("Topic"));
    Emit(absl::StrCat(id, "Permission"), "AWS::Lambda::Permission",
         std::move(permission), at, owner);
    Value subscription = Object(at);
    Put(subscription, "Protocol", Text("lambda", at));
    Put(subscription, "Endpoint", GetAtt(owner.id, "Arn", at));
    Put(subscription, "TopicArn", **topic, properties.KeyLocation("Topic"));
    CopyListed(properties,
               "Region FilterPolicy FilterPolicyScope RedrivePolicy",
               subscription);
    Emit(id, "AWS::SNS::Subscription", std::move(subscription), at, owner);
    return absl::OkStatus();
  }
  if (kind == "Schedule" || kind == "CloudWatchEvent" ||
      kind == "EventBridgeRule") {
    const bool schedule = kind == "Schedule";
    absl::StatusOr<const Value*> expression =
        require(schedule ? "Schedule" : "Pattern");
    if (!expression.ok()) return expression.status();
    Value rule = Object(at);
    Put(rule, schedule ? "ScheduleExpression" : "EventPattern", **expression,
        properties.KeyLocation(schedule ? "Schedule" : "Pattern"));
    CopyListed(properties, "EventBusName Name Description State", rule);
    if (const Value* enabled = properties.Find("Enabled")) {
      if (enabled->is_bool()) {
        Put(rule, "State",
            Text(enabled->boolean ? "ENABLED" : "DISABLED", enabled->location),
            properties.KeyLocation("Enabled"));
      }
    }
    Put(rule, "Targets", RuleTarget(owner.id, id, properties, at));
    Emit(id, "AWS::Events::Rule", std::move(rule), at, owner);
    Value permission = Permission(owner, "events.amazonaws.com", at);
    Put(permission, "SourceArn", GetAtt(id, "Arn", at));
    Emit(absl::StrCat(id, "Permission"), "AWS::Lambda::Permission",
         std::move(permission), at, owner);
    return absl::OkStatus();
  }
  if (kind == "ScheduleV2") {
    absl::StatusOr<const Value*> expression = require("ScheduleExpression");
    if (!expression.ok()) return expression.status();
    const std::string role_id = absl::StrCat(id, "Role");
    Value schedule = Object(at);
    CopyListed(properties,
               "ScheduleExpression ScheduleExpressionTimezone Description "
               "StartDate EndDate GroupName KmsKeyArn State",
               schedule);
    if (const Value* window = properties.Find("FlexibleTimeWindow")) {
      Put(schedule, "FlexibleTimeWindow", *window,
          properties.KeyLocation("FlexibleTimeWindow"));
    } else {
      Value window_off = Object(at);
      Put(window_off, "Mode", Text("OFF", at));
      Put(schedule, "FlexibleTimeWindow", std::move(window_off));
    }
    if (const Value* given = properties.Find("Name")) {
      Put(schedule, "Name", *given, properties.KeyLocation("Name"));
    } else {
      Put(schedule, "Name", Text(id, at));
    }
    Value target = Object(at);
    Put(target, "Arn", GetAtt(owner.id, "Arn", at));
    const Value* role_arn = properties.Find("RoleArn");
    Put(target, "RoleArn",
        role_arn != nullptr ? *role_arn : GetAtt(role_id, "Arn", at));
    CopyListed(properties, "Input RetryPolicy", target);
    Put(schedule, "Target", std::move(target));
    Emit(id, "AWS::Scheduler::Schedule", std::move(schedule), at, owner);
    if (role_arn == nullptr) {
      Value role = Object(at);
      Put(role, "AssumeRolePolicyDocument",
          AssumeRolePolicy("scheduler.amazonaws.com", at));
      Value policies = Array(at);
      policies.items.push_back(SingleStatementPolicy(
          absl::StrCat(id, "LambdaPolicy"), "lambda:InvokeFunction",
          GetAtt(owner.id, "Arn", at), at));
      Put(role, "Policies", std::move(policies));
      CopyListed(properties, "PermissionsBoundary", role);
      Emit(role_id, "AWS::IAM::Role", std::move(role), at, owner);
    }
    return absl::OkStatus();
  }
  Note(at, absl::StrCat(kind, " ", label, " is not expanded"));
  return absl::OkStatus();
}

absl::Status Expander::ExpandApiEvent(const Owner& owner, const std::string& id,
                                      const SourceLocation& at,
                                      const Value& properties, bool http) {
  const std::string_view kind = http ? "HttpApi" : "Api";
  std::string path = http ? "/$default" : "";
  std::string method = http ? "ANY" : "";
  for (std::string_view key : {"Path", "Method"}) {
    const Value* value = properties.Find(key);
    if (value == nullptr && http) continue;
    if (value == nullptr || !IsText(*value)) {
      return InputError(
          value != nullptr ? value->location : properties.location,
          absl::StrCat(internal::ToAbsl(kind), " event ", id, " needs a ",
                       internal::ToAbsl(key), " string"));
    }
    (key == "Path" ? path : method) = value->text;
  }
  if (path.size() > 1 && path.back() == '/') path.pop_back();
  const bool any = absl::AsciiStrToLower(method) == "any";
  const std::string arn_method = any ? "*" : absl::AsciiStrToUpper(method);

  const std::string_view api_key = http ? "ApiId" : "RestApiId";
  const std::string_view implicit = http ? kImplicitHttpApi : kImplicitRestApi;
  std::string api_id;
  Value api_value;
  std::string suffix = "Prod";
  if (const Value* given = properties.Find(api_key)) {
    api_value = *given;
    suffix = "AllStages";
    std::optional<std::string> target = RefTarget(*given);
    const Value* declared =
        target.has_value() ? InputResource(*target) : nullptr;
    const Value* declared_type = declared != nullptr && declared->is_object()
                                     ? declared->Find("Type")
                                     : nullptr;
    if (declared_type != nullptr && IsText(*declared_type) &&
        declared_type->text ==
            (http ? "AWS::Serverless::HttpApi" : "AWS::Serverless::Api")) {
      api_id = *target;
      const Value* api_properties = declared->Find("Properties");
      const Value* stage =
          api_properties != nullptr && api_properties->is_object()
              ? api_properties->Find("StageName")
              : nullptr;
      suffix = stage != nullptr && IsText(*stage) ? Alphanumeric(stage->text)
                                                  : "Stage";
    }
  } else {
    api_id = std::string(implicit);
    api_value = Ref(api_id, at);
    std::optional<SourceLocation>& first =
        http ? implicit_http_ : implicit_rest_;
    if (!first.has_value()) first = at;
  }
  if (!api_id.empty()) {
    routes_[api_id].push_back(ApiRoute{
        path,
        any ? "x-amazon-apigateway-any-method" : absl::AsciiStrToLower(method),
        owner.id, at});
  }
  std::string resource = "${__ApiId__}/${__Stage__}";
  if (http && any && path == "/$default") {
    absl::StrAppend(&resource, path);
  } else {
    absl::StrAppend(&resource, "/", arn_method, path);
  }
  Value variables = Object(at);
  Put(variables, "__ApiId__", std::move(api_value));
  Put(variables, "__Stage__", Text("*", at));
  Value permission = Permission(owner, "apigateway.amazonaws.com", at);
  Put(permission, "SourceArn",
      Sub(absl::StrCat("arn:${AWS::Partition}:execute-api:${AWS::Region}:"
                       "${AWS::AccountId}:",
                       resource),
          std::move(variables), at));
  Emit(absl::StrCat(id, "Permission", http ? "" : suffix),
       "AWS::Lambda::Permission", std::move(permission), at, owner);
  return absl::OkStatus();
}

}  // namespace polygraph::ingest::sam
