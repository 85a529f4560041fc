// SAM's Globals section: the properties each section may set, reading the
// section, and merging it into a resource's Properties (see
// sam_transform_internal.h).

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "base/strings.h"
#include "iam/template_expression.h"
#include "ingest/sam_policy_templates.h"
#include "ingest/sam_transform_internal.h"

namespace polygraph::ingest::sam {
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

}  // namespace

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

}  // namespace polygraph::ingest::sam
