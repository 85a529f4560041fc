// AWS::Serverless::Api, HttpApi, SimpleTable, LayerVersion and Application:
// the resources each expands to, and the API bodies and deployments written
// once every event has added its routes (see sam_transform_internal.h).

#include <string>
#include <string_view>
#include <utility>

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

}  // namespace polygraph::ingest::sam
