#include "ingest/sam_transform.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "base/strings.h"
#include "iam/template_expression.h"
#include "ingest/sam_policy_templates.h"
#include "ingest/sam_transform_internal.h"

namespace polygraph::ingest {
namespace sam {

bool IsText(const Value& value) {
  return value.is_string() && value.tag.empty();
}

std::optional<std::string> RefTarget(const Value& value) {
  if (IsText(value)) return value.text;
  std::optional<iam::TemplateExpression> expression =
      iam::AsTemplateExpression(value);
  if (expression.has_value() && expression->name == "Ref" &&
      expression->argument->is_string()) {
    return expression->argument->text;
  }
  return std::nullopt;
}

Value Bool(bool flag, const SourceLocation& at) {
  Value value;
  value.kind = Value::Kind::kBool;
  value.boolean = flag;
  value.text = flag ? "true" : "false";
  value.location = at;
  return value;
}

Value Number(std::string_view text, const SourceLocation& at) {
  Value value;
  value.kind = Value::Kind::kNumber;
  value.text = std::string(text);
  value.location = at;
  return value;
}

std::string Describe(const Value& value) {
  return std::string(Value::KindName(value.kind));
}

Value Merge(const Value& global, const Value& local) {
  enum class Token { kPrimitive, kDict, kList };
  auto token_of = [](const Value& value) {
    if (iam::AsTemplateExpression(value).has_value()) return Token::kPrimitive;
    if (value.is_object()) return Token::kDict;
    if (value.is_array()) return Token::kList;
    return Token::kPrimitive;
  };
  const Token token = token_of(global);
  if (token != token_of(local) || token == Token::kPrimitive) return local;
  Value merged = global;
  merged.location = local.location;
  merged.tag = local.tag;
  if (token == Token::kList) {
    for (const Value& item : local.items) merged.items.push_back(item);
    return merged;
  }
  for (size_t i = 0; i < local.keys.size(); ++i) {
    const Value* existing = merged.Find(local.keys[i]);
    Put(merged, local.keys[i],
        existing != nullptr ? Merge(*existing, local.items[i]) : local.items[i],
        local.key_locations[i]);
  }
  return merged;
}

absl::StatusOr<Value> TagList(const Value* tags, std::string_view created_by,
                              const SourceLocation& at) {
  Value list = Array(at);
  if (!created_by.empty()) {
    Value tag = Object(at);
    Put(tag, "Key", Text(created_by, at));
    Put(tag, "Value", Text("SAM", at));
    list.items.push_back(std::move(tag));
  }
  if (tags == nullptr) return list;
  if (!tags->is_object() || !tags->tag.empty()) {
    return InputError(
        tags->location,
        absl::StrCat("Tags must be a map of names to values, found ",
                     Describe(*tags)));
  }
  for (size_t i = 0; i < tags->keys.size(); ++i) {
    Value tag = Object(tags->key_locations[i]);
    Put(tag, "Key", Text(tags->keys[i], tags->key_locations[i]));
    Put(tag, "Value", tags->items[i]);
    list.items.push_back(std::move(tag));
  }
  return list;
}

Value S3Location(const Value& uri, std::string_view bucket_key,
                 std::string_view key_key, std::string_view version_key) {
  Value location = Object(uri.location);
  if (IsText(uri)) {
    if (absl::StartsWith(uri.text, "s3://")) {
      std::string rest = uri.text.substr(5);
      std::string version;
      if (size_t query = rest.find("?versionId="); query != std::string::npos) {
        version = rest.substr(query + 11);
        rest.resize(query);
      }
      const size_t slash = rest.find('/');
      Put(location, bucket_key, Text(rest.substr(0, slash), uri.location));
      if (slash != std::string::npos) {
        Put(location, key_key, Text(rest.substr(slash + 1), uri.location));
      }
      if (!version.empty()) {
        Put(location, version_key, Text(version, uri.location));
      }
      return location;
    }
    // A local path, not yet packaged: only its name is known.
    Put(location, key_key, uri);
    return location;
  }
  if (uri.is_object() && uri.tag.empty() &&
      !iam::AsTemplateExpression(uri).has_value()) {
    for (size_t i = 0; i < uri.keys.size(); ++i) {
      std::string_view key = uri.keys[i];
      std::string_view renamed = key == "Bucket"    ? bucket_key
                                 : key == "Key"     ? key_key
                                 : key == "Version" ? version_key
                                                    : key;
      Put(location, renamed, uri.items[i], uri.key_locations[i]);
    }
    return location;
  }
  Put(location, key_key, uri);
  return location;
}

std::string Alphanumeric(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (absl::ascii_isalnum(static_cast<unsigned char>(c))) out.push_back(c);
  }
  return out;
}

std::string Serialize(const Value& value) {
  std::string out = value.tag;
  switch (value.kind) {
    case Value::Kind::kArray:
      out += "[";
      for (const Value& item : value.items)
        absl::StrAppend(&out, Serialize(item), ",");
      return out + "]";
    case Value::Kind::kObject:
      out += "{";
      for (size_t i = 0; i < value.keys.size(); ++i) {
        absl::StrAppend(&out, "\"", value.keys[i],
                        "\":", Serialize(value.items[i]), ",");
      }
      return out + "}";
    case Value::Kind::kString:
      return absl::StrCat(out, "\"", value.text, "\"");
    default:
      return out + value.text;
  }
}

Value& PropertiesOf(Value& resource) {
  for (size_t i = 0; i < resource.keys.size(); ++i) {
    if (resource.keys[i] == "Properties") return resource.items[i];
  }
  return resource;  // unreachable: Emit() always writes Properties
}

std::string ShortHash(std::string_view text) {
  uint64_t hash = 14695981039346656037ull;  // FNV-1a
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return absl::StrFormat("%016x", hash).substr(0, 10);
}

namespace {

// The properties each Globals section may set (SAM's list).
struct GlobalsSection {
  std::string_view name;
  std::string_view properties;  // space-separated; "" accepts any
};

constexpr GlobalsSection kGlobalsSections[] = {
    {"Function",
     "Handler Runtime CodeUri DeadLetterQueue Description MemorySize Timeout "
     "VpcConfig Environment Tags PropagateTags Tracing KmsKeyArn "
     "AutoPublishAlias AutoPublishAliasAllProperties Layers "
     "DeploymentPreference RolePath PermissionsBoundary "
     "ReservedConcurrentExecutions ProvisionedConcurrencyConfig "
     "AssumeRolePolicyDocument EventInvokeConfig FileSystemConfigs "
     "CodeSigningConfigArn Architectures SnapStart EphemeralStorage "
     "FunctionUrlConfig RuntimeManagementConfig LoggingConfig RecursiveLoop "
     "SourceKMSKeyArn TenancyConfig DurableConfig CapacityProviderConfig "
     "FunctionScalingConfig PublishToLatestPublished VersionDeletionPolicy"},
    {"Api",
     "Auth Name DefinitionUri CacheClusterEnabled CacheClusterSize "
     "MergeDefinitions Variables EndpointConfiguration MethodSettings "
     "BinaryMediaTypes MinimumCompressionSize Cors GatewayResponses "
     "AccessLogSetting CanarySetting TracingEnabled OpenApiVersion Domain "
     "AlwaysDeploy PropagateTags SecurityPolicy EndpointAccessMode"},
    {"HttpApi",
     "Auth AccessLogSettings StageVariables Tags CorsConfiguration "
     "DefaultRouteSettings Domain RouteSettings FailOnWarnings PropagateTags"},
    {"SimpleTable", "SSESpecification"},
    {"StateMachine", "PropagateTags"},
    {"LayerVersion", "PublishLambdaVersion"},
    {"CapacityProvider", ""},
    {"WebSocketApi", ""},
};

const GlobalsSection* FindSection(std::string_view name) {
  for (const GlobalsSection& section : kGlobalsSections) {
    if (section.name == name) return &section;
  }
  return nullptr;
}

// Copies the members of `from` named in `keys` (space-separated) to `to`,
// renamed when written "Name=NewName".
void CopyMembers(const Value& from, std::string_view keys, Value& to) {
  for (absl::string_view spec :
       absl::StrSplit(internal::ToAbsl(keys), ' ', absl::SkipEmpty())) {
    std::pair<std::string, std::string> names =
        absl::StrSplit(spec, absl::MaxSplits('=', 1));
    if (names.second.empty()) names.second = names.first;
    if (const Value* value = from.Find(names.first)) {
      Put(to, names.second, *value, from.KeyLocation(names.first));
    }
  }
}

}  // namespace

void Expander::Note(const SourceLocation& at, std::string message) {
  Diagnostic diagnostic;
  diagnostic.level = Diagnostic::Level::kNote;
  diagnostic.code = "not-analysed";
  diagnostic.location = at;
  diagnostic.message = std::move(message);
  diagnostics_.push_back(std::move(diagnostic));
}

absl::Status Expander::ReadGlobals(const Value& globals) {
  if (!globals.is_object() || !globals.tag.empty()) {
    return InputError(
        globals.location,
        absl::StrCat("Globals must be an object, found ", Describe(globals)));
  }
  for (size_t i = 0; i < globals.keys.size(); ++i) {
    const GlobalsSection* section = FindSection(globals.keys[i]);
    if (section == nullptr) {
      return InputError(
          globals.key_locations[i],
          absl::StrCat("unknown Globals section ", globals.keys[i]));
    }
    const Value& values = globals.items[i];
    if (!values.is_object() || !values.tag.empty()) {
      return InputError(
          values.location,
          absl::StrCat("Globals ", globals.keys[i],
                       " must be an object, found ", Describe(values)));
    }
    if (!section->properties.empty()) {
      const std::vector<absl::string_view> supported =
          absl::StrSplit(internal::ToAbsl(section->properties), ' ');
      for (size_t j = 0; j < values.keys.size(); ++j) {
        if (std::find(supported.begin(), supported.end(), values.keys[j]) ==
            supported.end()) {
          return InputError(
              values.key_locations[j],
              absl::StrCat(values.keys[j], " is not a property Globals ",
                           globals.keys[i], " may set"));
        }
      }
    }
    globals_[globals.keys[i]] = values;
  }
  return absl::OkStatus();
}

absl::StatusOr<Value> Expander::Properties(const Owner& owner,
                                           std::string_view section) {
  const Value* properties = owner.resource->Find("Properties");
  Value local = Object(owner.at);
  if (properties != nullptr) {
    if (!properties->is_object() || !properties->tag.empty()) {
      return InputError(
          properties->location,
          absl::StrCat("the Properties of ", owner.id,
                       " must be an object, found ", Describe(*properties)));
    }
    local = *properties;
  }
  auto global = globals_.find(section);
  if (global == globals_.end()) return local;
  Value applied = global->second;
  if (const Value* ignore = owner.resource->Find("IgnoreGlobals")) {
    if (IsText(*ignore) && ignore->text == "*") return local;
    if (!ignore->is_array()) {
      return InputError(ignore->location,
                        "IgnoreGlobals must be \"*\" or a list of properties");
    }
    Value kept = Object(applied.location);
    for (size_t i = 0; i < applied.keys.size(); ++i) {
      bool ignored = false;
      for (const Value& name : ignore->items) {
        ignored = ignored || (IsText(name) && name.text == applied.keys[i]);
      }
      if (!ignored) {
        Put(kept, applied.keys[i], applied.items[i], applied.key_locations[i]);
      }
    }
    applied = std::move(kept);
  }
  return Merge(applied, local);
}

size_t Expander::Emit(std::string_view id, std::string_view type,
                      Value properties, const SourceLocation& at,
                      const Owner& owner, bool main) {
  Value resource = Object(at);
  Put(resource, "Type", Text(type, at));
  if (owner.condition != nullptr) {
    Put(resource, "Condition", *owner.condition,
        owner.resource->KeyLocation("Condition"));
  }
  if (main) {
    for (std::string_view attribute :
         {"DependsOn", "Metadata", "DeletionPolicy", "UpdateReplacePolicy"}) {
      if (const Value* value = owner.resource->Find(attribute)) {
        Put(resource, attribute, *value,
            owner.resource->KeyLocation(attribute));
      }
    }
  }
  Put(resource, "Properties", std::move(properties));
  const size_t index = resources_.items.size();
  Put(resources_, id, std::move(resource), at);
  return index;
}

const Value* Expander::InputResource(std::string_view id) const {
  const Value* resources = document_.Find("Resources");
  return resources != nullptr && resources->is_object() ? resources->Find(id)
                                                        : nullptr;
}

Value Expander::Permission(const Owner& owner, std::string_view principal,
                           const SourceLocation& at) const {
  Value permission = Object(at);
  Put(permission, "Action", Text("lambda:InvokeFunction", at));
  Put(permission, "FunctionName", Ref(owner.id, at));
  Put(permission, "Principal", Text(principal, at));
  return permission;
}

absl::Status Expander::ExpandRestApi(const Owner& owner,
                                     const Value& properties) {
  const SourceLocation& at = owner.at;
  Value api = Object(at);
  CopyMembers(properties,
              "Name Description BinaryMediaTypes MinimumCompressionSize Mode "
              "ApiKeySourceType DisableExecuteApiEndpoint FailOnWarnings",
              api);
  ApiPlan plan;
  if (const Value* body = properties.Find("DefinitionBody")) {
    Put(api, "Body", *body, properties.KeyLocation("DefinitionBody"));
  } else if (const Value* uri = properties.Find("DefinitionUri")) {
    Put(api, "BodyS3Location", S3Location(*uri, "Bucket", "Key", "Version"),
        properties.KeyLocation("DefinitionUri"));
  } else {
    plan.generated_body = true;
  }
  if (const Value* endpoint = properties.Find("EndpointConfiguration")) {
    Value configuration = Object(endpoint->location);
    Value types = Array(endpoint->location);
    if (endpoint->is_object() && endpoint->tag.empty() &&
        !iam::AsTemplateExpression(*endpoint).has_value()) {
      if (const Value* type = endpoint->Find("Type"))
        types.items.push_back(*type);
      CopyMembers(*endpoint, "VPCEndpointIds=VpcEndpointIds IpAddressType",
                  configuration);
    } else {
      types.items.push_back(*endpoint);
    }
    Put(configuration, "Types", std::move(types));
    Put(api, "EndpointConfiguration", std::move(configuration),
        properties.KeyLocation("EndpointConfiguration"));
  }
  for (std::string_view unexpanded : {"Auth", "Domain", "UsagePlan"}) {
    if (properties.Find(unexpanded) != nullptr) {
      Note(properties.KeyLocation(unexpanded),
           absl::StrCat("the ", internal::ToAbsl(unexpanded), " of API ",
                        owner.id, " is not expanded"));
    }
  }
  const Value* stage_name = properties.Find("StageName");
  if (stage_name == nullptr) {
    return InputError(at, absl::StrCat("API ", owner.id, " has no StageName"));
  }
  plan.api = Emit(owner.id, "AWS::ApiGateway::RestApi", std::move(api), at,
                  owner, /*main=*/true);

  Value deployment = Object(at);
  Put(deployment, "RestApiId", Ref(owner.id, at));
  Put(deployment, "StageName", Text("Stage", at));
  plan.deployment =
      Emit(absl::StrCat(owner.id, "Deployment"), "AWS::ApiGateway::Deployment",
           std::move(deployment), at, owner);

  Value stage = Object(at);
  Put(stage, "RestApiId", Ref(owner.id, at));
  Put(stage, "DeploymentId", Ref(absl::StrCat(owner.id, "Deployment"), at));
  CopyMembers(properties,
              "StageName Variables MethodSettings CacheClusterEnabled "
              "CacheClusterSize AccessLogSetting TracingEnabled CanarySetting",
              stage);
  if (const Value* tags = properties.Find("Tags")) {
    absl::StatusOr<Value> list = TagList(tags, "", tags->location);
    if (!list.ok()) return list.status();
    Put(stage, "Tags", *std::move(list), properties.KeyLocation("Tags"));
  }
  const std::string stage_id =
      IsText(*stage_name) ? Alphanumeric(stage_name->text) : "";
  plan.stage = Emit(absl::StrCat(owner.id, stage_id, "Stage"),
                    "AWS::ApiGateway::Stage", std::move(stage), at, owner);
  apis_[owner.id] = plan;
  return absl::OkStatus();
}

absl::Status Expander::ExpandHttpApi(const Owner& owner,
                                     const Value& properties) {
  const SourceLocation& at = owner.at;
  Value api = Object(at);
  ApiPlan plan;
  plan.http = true;
  if (const Value* body = properties.Find("DefinitionBody")) {
    Put(api, "Body", *body, properties.KeyLocation("DefinitionBody"));
  } else if (const Value* uri = properties.Find("DefinitionUri")) {
    Put(api, "BodyS3Location", S3Location(*uri, "Bucket", "Key", "Version"),
        properties.KeyLocation("DefinitionUri"));
  } else {
    plan.generated_body = true;
  }
  CopyMembers(properties,
              "Name Description FailOnWarnings DisableExecuteApiEndpoint "
              "CorsConfiguration Tags",
              api);
  for (std::string_view unexpanded : {"Auth", "Domain"}) {
    if (properties.Find(unexpanded) != nullptr) {
      Note(properties.KeyLocation(unexpanded),
           absl::StrCat("the ", internal::ToAbsl(unexpanded), " of HTTP API ",
                        owner.id, " is not expanded"));
    }
  }
  plan.api = Emit(owner.id, "AWS::ApiGatewayV2::Api", std::move(api), at, owner,
                  /*main=*/true);

  Value stage = Object(at);
  Put(stage, "ApiId", Ref(owner.id, at));
  const Value* stage_name = properties.Find("StageName");
  std::string suffix = "ApiGatewayDefault";
  if (stage_name != nullptr) {
    Put(stage, "StageName", *stage_name, properties.KeyLocation("StageName"));
    if (!IsText(*stage_name) || stage_name->text != "$default") {
      suffix = IsText(*stage_name) ? Alphanumeric(stage_name->text) : "";
    }
  } else {
    Put(stage, "StageName", Text("$default", at));
  }
  Put(stage, "AutoDeploy", Bool(true, at));
  CopyMembers(properties,
              "AccessLogSettings DefaultRouteSettings RouteSettings "
              "StageVariables",
              stage);
  plan.stage = Emit(absl::StrCat(owner.id, suffix, "Stage"),
                    "AWS::ApiGatewayV2::Stage", std::move(stage), at, owner);
  apis_[owner.id] = plan;
  return absl::OkStatus();
}

void Expander::FinishApis() {
  for (auto& [id, plan] : apis_) {
    Value& api = resources_.items[plan.api];
    const SourceLocation at = api.location;
    if (plan.generated_body) {
      Value paths = Object(at);
      for (const ApiRoute& route : routes_[id]) {
        Value integration = Object(route.at);
        Put(integration, "type", Text("aws_proxy", route.at));
        Put(integration, "httpMethod", Text("POST", route.at));
        Put(integration, "uri",
            Sub(absl::StrCat("arn:${AWS::Partition}:apigateway:${AWS::Region}:"
                             "lambda:path/2015-03-31/functions/${",
                             route.function, ".Arn}/invocations"),
                route.at));
        if (plan.http) {
          Put(integration, "payloadFormatVersion", Text("2.0", route.at));
        }
        Value operation = Object(route.at);
        Put(operation, "x-amazon-apigateway-integration",
            std::move(integration));
        Put(operation, "responses", Object(route.at));
        const Value* existing = paths.Find(route.path);
        Value methods = existing != nullptr ? *existing : Object(route.at);
        Put(methods, route.method, std::move(operation));
        Put(paths, route.path, std::move(methods), route.at);
      }
      Value info = Object(at);
      Put(info, "version", Text("1.0", at));
      Put(info, "title", Ref("AWS::StackName", at));
      Value body = Object(at);
      Put(body, plan.http ? "openapi" : "swagger",
          Text(plan.http ? "3.0.1" : "2.0", at));
      Put(body, "info", std::move(info));
      Put(body, "paths", std::move(paths));
      Value& properties = PropertiesOf(api);
      Put(properties, "Body", std::move(body));
    }
    if (plan.http) continue;
    // SAM names a deployment after a hash of the API it deploys.
    const std::string hash = ShortHash(Serialize(PropertiesOf(api)));
    std::string& deployment_id = resources_.keys[plan.deployment];
    deployment_id += hash;
    Value& deployment = resources_.items[plan.deployment];
    Put(PropertiesOf(deployment), "Description",
        Text(absl::StrCat("RestApi deployment id: ", hash), at));
    Value& stage = resources_.items[plan.stage];
    Value& stage_properties = PropertiesOf(stage);
    Put(stage_properties, "DeploymentId", Ref(deployment_id, at));
  }
}

absl::Status Expander::ExpandSimpleTable(const Owner& owner) {
  absl::StatusOr<Value> properties = Properties(owner, "SimpleTable");
  if (!properties.ok()) return properties.status();
  const SourceLocation& at = owner.at;
  Value table = Object(at);
  CopyMembers(*properties, "TableName SSESpecification", table);
  const Value* primary = properties->Find("PrimaryKey");
  Value name = Text("id", at);
  std::string type = "S";
  SourceLocation type_at = at;
  if (primary != nullptr) {
    if (!primary->is_object() || !primary->tag.empty()) {
      return InputError(primary->location,
                        absl::StrCat("PrimaryKey must be an object, found ",
                                     Describe(*primary)));
    }
    if (const Value* given = primary->Find("Name")) name = *given;
    if (const Value* given = primary->Find("Type")) {
      type_at = given->location;
      if (!IsText(*given) ||
          (given->text != "String" && given->text != "Number" &&
           given->text != "Binary")) {
        return InputError(given->location,
                          "PrimaryKey Type must be String, Number or Binary");
      }
      type = given->text.substr(0, 1);
    }
  }
  Value attribute = Object(at);
  Put(attribute, "AttributeName", name);
  Put(attribute, "AttributeType", Text(type, type_at));
  Value attributes = Array(at);
  attributes.items.push_back(std::move(attribute));
  Put(table, "AttributeDefinitions", std::move(attributes));
  Value key = Object(at);
  Put(key, "AttributeName", name);
  Put(key, "KeyType", Text("HASH", at));
  Value schema = Array(at);
  schema.items.push_back(std::move(key));
  Put(table, "KeySchema", std::move(schema));
  if (const Value* throughput = properties->Find("ProvisionedThroughput")) {
    Put(table, "ProvisionedThroughput", *throughput,
        properties->KeyLocation("ProvisionedThroughput"));
  } else {
    Put(table, "BillingMode", Text("PAY_PER_REQUEST", at));
  }
  if (const Value* tags = properties->Find("Tags")) {
    absl::StatusOr<Value> list = TagList(tags, "", tags->location);
    if (!list.ok()) return list.status();
    Put(table, "Tags", *std::move(list), properties->KeyLocation("Tags"));
  }
  Emit(owner.id, "AWS::DynamoDB::Table", std::move(table), at, owner,
       /*main=*/true);
  return absl::OkStatus();
}

absl::Status Expander::ExpandLayer(const Owner& owner) {
  absl::StatusOr<Value> properties = Properties(owner, "LayerVersion");
  if (!properties.ok()) return properties.status();
  const SourceLocation& at = owner.at;
  Value layer = Object(at);
  CopyMembers(*properties,
              "LayerName Description CompatibleRuntimes "
              "CompatibleArchitectures LicenseInfo",
              layer);
  if (layer.Find("LayerName") == nullptr) {
    Put(layer, "LayerName", Text(owner.id, at));
  }
  if (const Value* content = properties->Find("ContentUri")) {
    Put(layer, "Content",
        S3Location(*content, "S3Bucket", "S3Key", "S3ObjectVersion"),
        properties->KeyLocation("ContentUri"));
  }
  const size_t index = Emit(owner.id, "AWS::Lambda::LayerVersion",
                            std::move(layer), at, owner, /*main=*/true);
  if (const Value* retention = properties->Find("RetentionPolicy")) {
    if (IsText(*retention)) {
      const std::string policy = absl::AsciiStrToLower(retention->text);
      Put(resources_.items[index], "DeletionPolicy",
          Text(policy == "retain" ? "Retain" : "Delete", retention->location),
          properties->KeyLocation("RetentionPolicy"));
    }
  }
  return absl::OkStatus();
}

absl::Status Expander::ExpandApplication(const Owner& owner) {
  absl::StatusOr<Value> properties = Properties(owner, "Application");
  if (!properties.ok()) return properties.status();
  const SourceLocation& at = owner.at;
  Value stack = Object(at);
  if (const Value* location = properties->Find("Location")) {
    if (IsText(*location) || iam::AsTemplateExpression(*location).has_value()) {
      Put(stack, "TemplateURL", *location, properties->KeyLocation("Location"));
    }
  }
  CopyMembers(*properties, "Parameters NotificationARNs TimeoutInMinutes",
              stack);
  if (const Value* tags = properties->Find("Tags")) {
    absl::StatusOr<Value> list = TagList(tags, "", tags->location);
    if (!list.ok()) return list.status();
    Put(stack, "Tags", *std::move(list), properties->KeyLocation("Tags"));
  }
  Note(at, absl::StrCat("nested application ", owner.id,
                        " is kept as a stack; its resources are not seen"));
  Emit(owner.id, "AWS::CloudFormation::Stack", std::move(stack), at, owner,
       /*main=*/true);
  return absl::OkStatus();
}

absl::StatusOr<Value> Expander::Run() {
  if (!document_.is_object()) {
    return InputError(document_.location, "a template must be an object");
  }
  if (const Value* globals = document_.Find("Globals")) {
    if (absl::Status status = ReadGlobals(*globals); !status.ok()) {
      return status;
    }
  }
  resources_ = Object(document_.location);
  const Value* resources = document_.Find("Resources");
  if (resources != nullptr) {
    if (!resources->is_object() || !resources->tag.empty()) {
      return InputError(resources->location,
                        absl::StrCat("Resources must be an object, found ",
                                     Describe(*resources)));
    }
    resources_.location = resources->location;
    for (size_t i = 0; i < resources->keys.size(); ++i) {
      const Value& resource = resources->items[i];
      const Value* type =
          resource.is_object() ? resource.Find("Type") : nullptr;
      if (type == nullptr || !IsText(*type) ||
          !absl::StartsWith(type->text, "AWS::Serverless::")) {
        Put(resources_, resources->keys[i], resource,
            resources->key_locations[i]);
        continue;
      }
      Owner owner{resources->keys[i], resources->key_locations[i], &resource,
                  resource.Find("Condition")};
      absl::Status status;
      const std::string_view kind = std::string_view(type->text).substr(17);
      if (kind == "Function") {
        status = ExpandFunction(owner);
      } else if (kind == "Api") {
        absl::StatusOr<Value> properties = Properties(owner, "Api");
        status = properties.ok() ? ExpandRestApi(owner, *properties)
                                 : properties.status();
      } else if (kind == "HttpApi") {
        absl::StatusOr<Value> properties = Properties(owner, "HttpApi");
        status = properties.ok() ? ExpandHttpApi(owner, *properties)
                                 : properties.status();
      } else if (kind == "SimpleTable") {
        status = ExpandSimpleTable(owner);
      } else if (kind == "LayerVersion") {
        status = ExpandLayer(owner);
      } else if (kind == "StateMachine") {
        status = ExpandStateMachine(owner);
      } else if (kind == "Application") {
        status = ExpandApplication(owner);
      } else {
        Note(owner.at, absl::StrCat(type->text, " ", owner.id,
                                    " is not expanded and is kept as written"));
        Put(resources_, owner.id, resource, owner.at);
      }
      if (!status.ok()) return status;
    }
  }
  // Implicit APIs, made from the events that need them.
  if (implicit_rest_.has_value()) {
    Value resource = Object(*implicit_rest_);
    Value properties = Object(*implicit_rest_);
    Put(properties, "StageName", Text("Prod", *implicit_rest_));
    Put(resource, "Properties", std::move(properties));
    Owner owner{std::string(kImplicitRestApi), *implicit_rest_, &resource,
                nullptr};
    absl::StatusOr<Value> merged = Properties(owner, "Api");
    if (!merged.ok()) return merged.status();
    if (absl::Status status = ExpandRestApi(owner, *merged); !status.ok()) {
      return status;
    }
  }
  if (implicit_http_.has_value()) {
    Value resource = Object(*implicit_http_);
    Owner owner{std::string(kImplicitHttpApi), *implicit_http_, &resource,
                nullptr};
    absl::StatusOr<Value> merged = Properties(owner, "HttpApi");
    if (!merged.ok()) return merged.status();
    if (absl::Status status = ExpandHttpApi(owner, *merged); !status.ok()) {
      return status;
    }
  }
  FinishApis();

  Value expanded = Object(document_.location);
  for (size_t i = 0; i < document_.keys.size(); ++i) {
    const std::string& key = document_.keys[i];
    const SourceLocation& key_at = document_.key_locations[i];
    if (key == "Globals") continue;
    if (key == "Resources") {
      Put(expanded, key, resources_, key_at);
      continue;
    }
    if (key == "Transform") {
      const Value& transform = document_.items[i];
      if (IsText(transform) && transform.text == kTransformName) continue;
      if (transform.is_array()) {
        Value rest = transform;
        rest.items.clear();
        for (const Value& item : transform.items) {
          if (!(IsText(item) && item.text == kTransformName)) {
            rest.items.push_back(item);
          }
        }
        if (rest.items.empty()) continue;
        Put(expanded, key, std::move(rest), key_at);
        continue;
      }
    }
    Put(expanded, key, document_.items[i], key_at);
  }
  return expanded;
}

}  // namespace sam

bool HasServerlessTransform(const Value& document) {
  if (!document.is_object()) return false;
  const Value* transform = document.Find("Transform");
  if (transform == nullptr) return false;
  if (sam::IsText(*transform)) return transform->text == sam::kTransformName;
  if (transform->is_array()) {
    for (const Value& item : transform->items) {
      if (sam::IsText(item) && item.text == sam::kTransformName) return true;
    }
  }
  return false;
}

absl::StatusOr<Value> ExpandServerlessTransform(
    const Value& document, std::vector<Diagnostic>& diagnostics) {
  sam::Expander expander(document, diagnostics);
  return expander.Run();
}

}  // namespace polygraph::ingest
