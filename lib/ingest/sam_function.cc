// AWS::Serverless::Function: the function, its execution role (the role
// properties are shared with state machines) and its function URL (see
// sam_transform_internal.h). Its events are in sam_events.cc.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
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

}  // namespace

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

}  // namespace polygraph::ingest::sam
