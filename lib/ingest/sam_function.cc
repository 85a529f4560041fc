// AWS::Serverless::Function and AWS::Serverless::StateMachine: the resource,
// its execution role and its events (see sam_transform.h).

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "base/strings.h"
#include "iam/template_expression.h"
#include "ingest/sam_policy_templates.h"
#include "ingest/sam_transform_internal.h"

namespace polygraph::ingest::sam {
namespace {

// Function properties copied to AWS::Lambda::Function as written.
constexpr std::string_view kCopied =
    "FunctionName Description Handler Runtime MemorySize Timeout Environment "
    "VpcConfig Layers Architectures ReservedConcurrentExecutions KmsKeyArn "
    "PackageType ImageConfig FileSystemConfigs CodeSigningConfigArn "
    "EphemeralStorage SnapStart RuntimeManagementConfig LoggingConfig "
    "RecursiveLoop SourceKMSKeyArn TenancyConfig";
// Read into the role, the events or other generated resources.
constexpr std::string_view kElsewhere =
    "Role Policies PermissionsBoundary RolePath AssumeRolePolicyDocument "
    "Events Tags FunctionUrlConfig PropagateTags AutoPublishCodeSha256 "
    "AutoPublishAliasAllProperties VersionDescription VersionDeletionPolicy "
    "PublishToLatestPublished";
// Settings whose generated resources (versions, aliases, deployments,
// destinations) are not expanded.
constexpr std::string_view kNotExpanded =
    "AutoPublishAlias DeploymentPreference ProvisionedConcurrencyConfig "
    "EventInvokeConfig CapacityProviderConfig DurableConfig "
    "FunctionScalingConfig";
// Event source mapping settings copied from SQS, Kinesis and DynamoDB
// events.
constexpr std::string_view kMappingSettings =
    "BatchSize Enabled StartingPosition StartingPositionTimestamp "
    "MaximumBatchingWindowInSeconds MaximumRetryAttempts "
    "BisectBatchOnFunctionError MaximumRecordAgeInSeconds "
    "ParallelizationFactor TumblingWindowInSeconds FunctionResponseTypes "
    "FilterCriteria ScalingConfig KmsKeyArn MetricsConfig";

bool Listed(std::string_view list, std::string_view word) {
  for (absl::string_view entry :
       absl::StrSplit(internal::ToAbsl(list), ' ', absl::SkipEmpty())) {
    if (entry == internal::ToAbsl(word)) return true;
  }
  return false;
}

void CopyListed(const Value& from, std::string_view keys, Value& to) {
  for (size_t i = 0; i < from.keys.size(); ++i) {
    if (Listed(keys, from.keys[i])) {
      Put(to, from.keys[i], from.items[i], from.key_locations[i]);
    }
  }
}

// The role properties SAM writes for a function or state machine.
absl::StatusOr<Value> RoleProperties(
    const Value& properties, std::string_view role_id, std::string_view service,
    std::vector<Value> managed_arns, std::vector<Value> leading_policies,
    std::vector<Value> trailing_arns, Value tags, const SourceLocation& at,
    std::vector<Diagnostic>& diagnostics) {
  Value role = Object(at);
  if (const Value* trust = properties.Find("AssumeRolePolicyDocument")) {
    Put(role, "AssumeRolePolicyDocument", *trust,
        properties.KeyLocation("AssumeRolePolicyDocument"));
  } else {
    Put(role, "AssumeRolePolicyDocument", AssumeRolePolicy(service, at));
  }
  RolePolicies policies;
  for (Value& arn : managed_arns) policies.AddManaged(std::move(arn));
  policies.inline_policies = std::move(leading_policies);
  if (const Value* given = properties.Find("Policies")) {
    if (absl::Status status = AddSamPolicies(*given, role_id, policies);
        !status.ok()) {
      return status;
    }
  }
  for (Diagnostic& note : policies.notes)
    diagnostics.push_back(std::move(note));
  for (Value& arn : trailing_arns) policies.AddManaged(std::move(arn));
  if (!policies.managed_arns.empty()) {
    Value arns = Array(at);
    arns.items = std::move(policies.managed_arns);
    Put(role, "ManagedPolicyArns", std::move(arns));
  }
  if (!policies.inline_policies.empty()) {
    Value inline_policies = Array(at);
    inline_policies.items = std::move(policies.inline_policies);
    Put(role, "Policies", std::move(inline_policies));
  }
  if (const Value* path = properties.Find("RolePath")) {
    Put(role, "Path", *path, properties.KeyLocation("RolePath"));
  }
  if (const Value* boundary = properties.Find("PermissionsBoundary")) {
    Put(role, "PermissionsBoundary", *boundary,
        properties.KeyLocation("PermissionsBoundary"));
  }
  if (!tags.items.empty()) Put(role, "Tags", std::move(tags));
  return role;
}

// {PolicyName, PolicyDocument: {Statement: [{Action, Effect, Resource}]}}.
Value SingleStatementPolicy(std::string_view name, std::string_view action,
                            Value resource, const SourceLocation& at) {
  Value statement = Object(at);
  Put(statement, "Action", Text(action, at));
  Put(statement, "Effect", Text("Allow", at));
  Put(statement, "Resource", std::move(resource));
  Value statements = Array(at);
  statements.items.push_back(std::move(statement));
  Value document = Object(at);
  Put(document, "Version", Text("2012-10-17", at));
  Put(document, "Statement", std::move(statements));
  Value policy = Object(at);
  Put(policy, "PolicyName", Text(name, at));
  Put(policy, "PolicyDocument", std::move(document));
  return policy;
}

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

absl::Status Expander::ExpandFunction(const Owner& owner) {
  absl::StatusOr<Value> merged = Properties(owner, "Function");
  if (!merged.ok()) return merged.status();
  const Value& properties = *merged;
  const SourceLocation& at = owner.at;
  Value function = Object(at);
  for (size_t i = 0; i < properties.keys.size(); ++i) {
    const std::string& key = properties.keys[i];
    const Value& value = properties.items[i];
    const SourceLocation& key_at = properties.key_locations[i];
    if (Listed(kCopied, key)) {
      Put(function, key, value, key_at);
    } else if (key == "CodeUri") {
      Put(function, "Code",
          S3Location(value, "S3Bucket", "S3Key", "S3ObjectVersion"), key_at);
    } else if (key == "InlineCode" || key == "ImageUri") {
      Value code = Object(value.location);
      Put(code, key == "InlineCode" ? "ZipFile" : "ImageUri", value, key_at);
      Put(function, "Code", std::move(code), key_at);
      if (key == "ImageUri" && properties.Find("PackageType") == nullptr) {
        Put(function, "PackageType", Text("Image", key_at), key_at);
      }
    } else if (key == "Tracing") {
      Value config = Object(value.location);
      Put(config, "Mode", value, key_at);
      Put(function, "TracingConfig", std::move(config), key_at);
    } else if (key == "DeadLetterQueue") {
      const Value* target =
          value.is_object() ? value.Find("TargetArn") : nullptr;
      const Value* type = value.is_object() ? value.Find("Type") : nullptr;
      if (target == nullptr || type == nullptr || !IsText(*type) ||
          (type->text != "SQS" && type->text != "SNS")) {
        return InputError(value.location,
                          "DeadLetterQueue must be {Type: SQS or SNS, "
                          "TargetArn: ...}");
      }
      Value config = Object(value.location);
      Put(config, "TargetArn", *target, value.KeyLocation("TargetArn"));
      Put(function, "DeadLetterConfig", std::move(config), key_at);
    } else if (Listed(kNotExpanded, key)) {
      Note(key_at,
           absl::StrCat(key, " of function ", owner.id, " is not expanded"));
    } else if (!Listed(kElsewhere, key)) {
      Put(function, key, value, key_at);  // a setting SAM passes through
    }
  }
  absl::StatusOr<Value> tags =
      TagList(properties.Find("Tags"), "lambda:createdBy", at);
  if (!tags.ok()) return tags.status();
  Put(function, "Tags", *tags);

  const std::string role_id = absl::StrCat(owner.id, "Role");
  const Value* role = properties.Find("Role");
  if (role != nullptr) {
    Put(function, "Role", *role, properties.KeyLocation("Role"));
  } else {
    Put(function, "Role", GetAtt(role_id, "Arn", at));
  }
  Emit(owner.id, "AWS::Lambda::Function", std::move(function), at, owner,
       /*main=*/true);
  std::optional<size_t> role_index;
  if (role == nullptr) {
    role_index = Emit(role_id, "AWS::IAM::Role", Object(at), at, owner);
  }

  std::vector<Value> managed_arns;
  managed_arns.push_back(
      AwsManagedPolicyArn("service-role/AWSLambdaBasicExecutionRole", at));
  if (const Value* tracing = properties.Find("Tracing")) {
    if (!(IsText(*tracing) && tracing->text == "Disabled")) {
      managed_arns.push_back(
          AwsManagedPolicyArn("AWSXrayWriteOnlyAccess", tracing->location));
    }
  }
  if (const Value* vpc = properties.Find("VpcConfig")) {
    managed_arns.push_back(AwsManagedPolicyArn(
        "service-role/AWSLambdaVPCAccessExecutionRole", vpc->location));
  }
  std::vector<Value> leading_policies;
  if (const Value* queue = properties.Find("DeadLetterQueue")) {
    leading_policies.push_back(SingleStatementPolicy(
        "DeadLetterQueuePolicy",
        queue->Find("Type")->text == "SQS" ? "sqs:SendMessage" : "sns:Publish",
        *queue->Find("TargetArn"), queue->location));
  }
  std::vector<Value> event_arns;
  if (const Value* events = properties.Find("Events");
      events != nullptr && !events->is_null()) {
    if (absl::Status status = ExpandEvents(owner, *events, event_arns);
        !status.ok()) {
      return status;
    }
  }
  if (const Value* url = properties.Find("FunctionUrlConfig")) {
    ExpandFunctionUrl(owner, *url);
  }
  if (!role_index.has_value()) return absl::OkStatus();
  absl::StatusOr<Value> role_properties =
      RoleProperties(properties, role_id, "lambda.amazonaws.com",
                     std::move(managed_arns), std::move(leading_policies),
                     std::move(event_arns), *std::move(tags), at, diagnostics_);
  if (!role_properties.ok()) return role_properties.status();
  PropertiesOf(resources_.items[*role_index]) = *std::move(role_properties);
  return absl::OkStatus();
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

absl::Status Expander::ExpandEvent(const Owner& owner, std::string_view name,
                                   const SourceLocation& at, const Value& event,
                                   std::vector<Value>& managed_arns) {
  const std::string label =
      absl::StrCat("event ", internal::ToAbsl(name), " of ", owner.id);
  if (!event.is_object() || !event.tag.empty()) {
    return InputError(
        event.location,
        absl::StrCat(label, " must be an object, found ", Describe(event)));
  }
  const Value* type = event.Find("Type");
  if (type == nullptr || !IsText(*type)) {
    return InputError(type != nullptr ? type->location : event.location,
                      absl::StrCat(label, " has no Type"));
  }
  Value properties = Object(event.location);
  if (const Value* given = event.Find("Properties")) {
    if (!given->is_object() || !given->tag.empty()) {
      return InputError(
          given->location,
          absl::StrCat("the Properties of ", label,
                       " must be an object, found ", Describe(*given)));
    }
    properties = *given;
  }
  const std::string& kind = type->text;
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

void Expander::ExpandFunctionUrl(const Owner& owner, const Value& config) {
  const SourceLocation& at = config.location;
  Value url = Object(at);
  Put(url, "TargetFunctionArn", Ref(owner.id, at));
  if (config.is_object()) CopyListed(config, "AuthType Cors InvokeMode", url);
  Emit(absl::StrCat(owner.id, "Url"), "AWS::Lambda::Url", std::move(url), at,
       owner);
  const Value* auth = config.is_object() ? config.Find("AuthType") : nullptr;
  if (auth == nullptr || !IsText(*auth) || auth->text != "NONE") return;
  Value url_permission = Object(at);
  Put(url_permission, "Action", Text("lambda:InvokeFunctionUrl", at));
  Put(url_permission, "FunctionName", Ref(owner.id, at));
  Put(url_permission, "Principal", Text("*", at));
  Put(url_permission, "FunctionUrlAuthType", *auth);
  Emit(absl::StrCat(owner.id, "UrlPublicPermissions"),
       "AWS::Lambda::Permission", std::move(url_permission), at, owner);
  Value invoke_permission = Object(at);
  Put(invoke_permission, "Action", Text("lambda:InvokeFunction", at));
  Put(invoke_permission, "FunctionName", Ref(owner.id, at));
  Put(invoke_permission, "Principal", Text("*", at));
  Put(invoke_permission, "InvokedViaFunctionUrl", Bool(true, at));
  Emit(absl::StrCat(owner.id, "URLInvokeAllowPublicAccess"),
       "AWS::Lambda::Permission", std::move(invoke_permission), at, owner);
}

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
  const Value* type = event.is_object() ? event.Find("Type") : nullptr;
  if (type == nullptr || !IsText(*type)) {
    return InputError(type != nullptr ? type->location : event.location,
                      absl::StrCat(label, " has no Type"));
  }
  Value properties = Object(event.location);
  if (const Value* given = event.Find("Properties")) {
    if (!given->is_object() || !given->tag.empty()) {
      return InputError(
          given->location,
          absl::StrCat("the Properties of ", label,
                       " must be an object, found ", Describe(*given)));
    }
    properties = *given;
  }
  const std::string& kind = type->text;
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
