#include "ingest/cloudformation.h"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "base/strings.h"
#include "iam/template_expression.h"
#include "ingest/cloudformation_context.h"
#include "ingest/cloudformation_dependencies.h"
#include "ingest/cloudformation_evaluation.h"
#include "ingest/cloudformation_expressions.h"
#include "ingest/cloudformation_facets.h"
#include "ingest/language_extensions.h"
#include "ingest/sam_transform.h"

namespace polygraph::ingest {
namespace {

ResourceKind KindOfType(std::string_view type) {
  struct Entry {
    std::string_view type;
    ResourceKind kind;
  };
  static constexpr Entry kKinds[] = {
      {"AWS::EC2::VPC", ResourceKind::kVpc},
      {"AWS::EC2::Subnet", ResourceKind::kSubnet},
      {"AWS::EC2::RouteTable", ResourceKind::kRouteTable},
      {"AWS::EC2::SecurityGroup", ResourceKind::kSecurityGroup},
      {"AWS::EC2::NetworkAcl", ResourceKind::kNetworkAcl},
      {"AWS::EC2::InternetGateway", ResourceKind::kInternetGateway},
      {"AWS::EC2::NatGateway", ResourceKind::kNatGateway},
      {"AWS::IAM::Role", ResourceKind::kRole},
      {"AWS::IAM::User", ResourceKind::kUser},
      {"AWS::IAM::Group", ResourceKind::kGroup},
      {"AWS::IAM::ManagedPolicy", ResourceKind::kManagedPolicy},
      {"AWS::IAM::Policy", ResourceKind::kInlinePolicy},
      {"AWS::IAM::RolePolicy", ResourceKind::kInlinePolicy},
      {"AWS::IAM::UserPolicy", ResourceKind::kInlinePolicy},
      {"AWS::IAM::GroupPolicy", ResourceKind::kInlinePolicy},
      {"AWS::IAM::InstanceProfile", ResourceKind::kInstanceProfile},
      {"AWS::S3::Bucket", ResourceKind::kBucket},
      {"AWS::S3::BucketPolicy", ResourceKind::kBucketPolicy},
      {"AWS::CloudFront::Distribution", ResourceKind::kDistribution},
      {"AWS::CloudFront::OriginAccessControl",
       ResourceKind::kOriginAccessControl},
      {"AWS::CloudFront::CloudFrontOriginAccessIdentity",
       ResourceKind::kOriginAccessIdentity},
      {"AWS::EC2::Instance", ResourceKind::kInstance},
      {"AWS::ECS::Service", ResourceKind::kEcsService},
      {"AWS::ECS::TaskDefinition", ResourceKind::kEcsTaskDefinition},
      {"AWS::Lambda::Function", ResourceKind::kLambdaFunction},
      {"AWS::Serverless::Function", ResourceKind::kLambdaFunction},
      {"AWS::RDS::DBCluster", ResourceKind::kDbCluster},
      {"AWS::RDS::DBInstance", ResourceKind::kDbInstance},
      {"AWS::ElasticLoadBalancingV2::LoadBalancer",
       ResourceKind::kLoadBalancer},
      {"AWS::SecretsManager::Secret", ResourceKind::kSecret},
      {"AWS::SNS::Topic", ResourceKind::kTopic},
      {"AWS::SQS::Queue", ResourceKind::kQueue},
      {"AWS::KMS::Key", ResourceKind::kKmsKey},
      {"AWS::Events::EventBus", ResourceKind::kEventBus},
  };
  for (const Entry& entry : kKinds) {
    if (entry.type == type) return entry.kind;
  }
  return ResourceKind::kOther;
}

// A Rain module: a tag ("!Rain::Module") in YAML, a key ({"Rain::Module":
// ...}) in JSON. A module stands for resources polygraph cannot see until
// the template is packaged; other Rain directives (Rain::Embed, Rain::S3)
// stand for single values and are kept symbolic.
struct RainDirective {
  std::string spelling;
  SourceLocation location;
};

// Looks through the whole document once for what changes how it is read:
// a Rain module (returned) and an Fn::Transform (flagged).
std::optional<RainDirective> Scan(const Value& value, bool& has_fn_transform) {
  if (value.tag == "!Rain::Module") {
    return RainDirective{value.tag, value.location};
  }
  if (value.tag == "!Transform") has_fn_transform = true;
  for (size_t i = 0; i < value.keys.size(); ++i) {
    if (value.keys[i] == "Rain::Module") {
      return RainDirective{value.keys[i], value.key_locations[i]};
    }
    if (value.keys[i] == "Fn::Transform") has_fn_transform = true;
  }
  for (const Value& item : value.items) {
    if (std::optional<RainDirective> rain = Scan(item, has_fn_transform)) {
      return rain;
    }
  }
  return std::nullopt;
}

// An object-valued section: Parameters (each declaration, which must be an
// object, goes to context.parameters) or Conditions and Mappings (their
// names go to `names`).
absl::Status ReadNamedSection(const Value& document, std::string_view section,
                              TemplateContext& context,
                              absl::flat_hash_set<std::string>* names) {
  const Value* value = document.Find(section);
  if (value == nullptr) return absl::OkStatus();
  if (!value->is_object() || iam::AsTemplateExpression(*value).has_value()) {
    return InputError(
        value->location,
        absl::StrCat(absl::string_view(section.data(), section.size()),
                     " must be an object, found ", DescribeValue(*value)));
  }
  for (size_t i = 0; i < value->keys.size(); ++i) {
    const Value& entry = value->items[i];
    if (names != nullptr) {
      names->insert(value->keys[i]);
    } else if (!entry.is_object()) {
      return InputError(
          entry.location,
          absl::StrCat("parameter ", internal::QuoteForMessage(value->keys[i]),
                       " must be an object, found ", DescribeValue(entry)));
    } else {
      context.parameters.emplace(value->keys[i], &entry);
    }
  }
  return absl::OkStatus();
}

absl::Status ReadSections(const Value& document, TemplateContext& context) {
  static constexpr std::array<std::string_view, 12> kSections = {
      "AWSTemplateFormatVersion",
      "Description",
      "Metadata",
      "Parameters",
      "Rules",
      "Mappings",
      "Conditions",
      "Transform",
      "Resources",
      "Outputs",
      "Hooks",
      "Globals"};
  for (size_t i = 0; i < document.keys.size(); ++i) {
    const std::string& key = document.keys[i];
    bool known = false;
    for (std::string_view section : kSections) known = known || section == key;
    if (!known) {
      return InputError(document.key_locations[i],
                        absl::StrCat("unknown template section ",
                                     internal::QuoteForMessage(key)));
    }
  }
  if (const Value* version = document.Find("AWSTemplateFormatVersion")) {
    if (!version->is_string() || version->text != "2010-09-09") {
      return InputError(version->location,
                        absl::StrCat("AWSTemplateFormatVersion must be "
                                     "\"2010-09-09\", found ",
                                     DescribeValue(*version)));
    }
  }
  if (const Value* transform = document.Find("Transform")) {
    context.has_transform = true;
    std::string names = transform->is_string() ? transform->text : "";
    if (transform->is_array()) {
      for (const Value& item : transform->items) {
        if (!item.is_string()) continue;
        absl::StrAppend(&names, names.empty() ? "" : ", ", item.text);
      }
    }
    context.Note("transform", document.KeyLocation("Transform"),
                 absl::StrCat("the template uses the transform ",
                              names.empty() ? "macro" : names,
                              "; resources it generates are not analysed"));
  }
  if (absl::Status s =
          ReadNamedSection(document, "Parameters", context, nullptr);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = ReadNamedSection(document, "Conditions", context,
                                        &context.conditions);
      !s.ok()) {
    return s;
  }
  return ReadNamedSection(document, "Mappings", context, &context.mappings);
}

// Whether the resource `logical_id` is created: its Condition decided
// false leaves it out (noted, and recorded in context.left_out); true or
// undecided keeps it, and `assumed` says which condition was assumed and
// on what it rests.
absl::StatusOr<bool> IsCreated(const std::string& logical_id,
                               const Value& entry, TemplateContext& context,
                               TemplateEvaluator& evaluator,
                               std::string& assumed) {
  const Value* condition = entry.Find("Condition");
  if (condition == nullptr) return true;
  if (!condition->is_string() ||
      iam::AsTemplateExpression(*condition).has_value()) {
    return InputError(condition->location,
                      absl::StrCat("Condition of resource ",
                                   internal::QuoteForMessage(logical_id),
                                   " must name a condition, found ",
                                   DescribeValue(*condition)));
  }
  absl::StatusOr<ConditionValue> value = evaluator.Condition(condition->text);
  if (!value.ok()) return value.status();
  const std::string because =
      value->assumptions.empty()
          ? ""
          : absl::StrCat(" because ",
                         absl::StrJoin(value->assumptions, " and "));
  const std::string name = internal::QuoteForMessage(condition->text);
  if (value->value == std::optional<bool>(false)) {
    context.Note(
        "condition-false", condition->location,
        absl::StrCat("resource ", internal::QuoteForMessage(logical_id),
                     " is left out: its condition ", name, " is false",
                     because));
    context.left_out.insert(logical_id);
    return false;
  }
  assumed = absl::StrCat(
      name, value->value.has_value() ? ", true" : ", undecided", because);
  return true;
}

absl::Status ReadResource(const std::string& logical_id,
                          const SourceLocation& location, const Value& entry,
                          TemplateContext& context,
                          TemplateEvaluator& evaluator) {
  const std::string id = internal::QuoteForMessage(logical_id);
  if (!entry.is_object() || iam::AsTemplateExpression(entry).has_value()) {
    return InputError(entry.location, absl::StrCat("resource ", id,
                                                   " must be an object, found ",
                                                   DescribeValue(entry)));
  }
  const Value* type = entry.Find("Type");
  if (type == nullptr) {
    return InputError(location, absl::StrCat("resource ", id, " has no Type"));
  }
  if (!type->is_string() || iam::AsTemplateExpression(*type).has_value()) {
    return InputError(type->location, absl::StrCat("Type of resource ", id,
                                                   " must be a string, found ",
                                                   DescribeValue(*type)));
  }
  const Value* properties = entry.Find("Properties");
  if (properties != nullptr && !properties->is_null() &&
      (!properties->is_object() ||
       iam::AsTemplateExpression(*properties).has_value())) {
    return InputError(
        properties->location,
        absl::StrCat("Properties of resource ", id,
                     " must be an object, found ", DescribeValue(*properties)));
  }
  if (properties != nullptr && properties->is_null()) properties = nullptr;
  std::string assumed;
  absl::StatusOr<bool> created =
      IsCreated(logical_id, entry, context, evaluator, assumed);
  if (!created.ok()) return created.status();
  if (!*created) return absl::OkStatus();
  if (properties != nullptr) {
    absl::StatusOr<std::optional<Value>> evaluated =
        evaluator.Evaluate(*properties);
    if (!evaluated.ok()) return evaluated.status();
    Value& stored = context.evaluated.emplace_back();
    if (evaluated->has_value()) {
      stored = **std::move(evaluated);
    } else {  // Properties: !Ref AWS::NoValue
      stored.kind = Value::Kind::kObject;
      stored.location = properties->location;
    }
    properties = &stored;
  }
  Resource resource;
  resource.assumed_condition = std::move(assumed);
  resource.name = logical_id;
  resource.type = type->text;
  resource.kind = KindOfType(type->text);
  resource.format = SourceFormat::kCloudFormation;
  resource.location = location;
  if (const Value* metadata = entry.Find("Metadata"); metadata != nullptr) {
    resource.metadata = *metadata;
  }
  if (properties != nullptr) {
    resource.properties = *properties;
  } else {
    resource.properties.location = entry.location;
  }
  Declaration declaration{
      logical_id, type->text, context.builder.AddResource(std::move(resource)),
      &entry,     properties, location};
  context.resources.emplace(logical_id, context.declarations.size());
  context.declarations.push_back(std::move(declaration));
  return absl::OkStatus();
}

absl::Status ReadResources(const Value& document, TemplateContext& context,
                           TemplateEvaluator& evaluator) {
  const Value* resources = document.Find("Resources");
  if (resources == nullptr) {
    return InputError(document.location, "template has no Resources");
  }
  if (!resources->is_object() ||
      iam::AsTemplateExpression(*resources).has_value()) {
    return InputError(resources->location,
                      absl::StrCat("Resources must be an object, found ",
                                   DescribeValue(*resources)));
  }
  for (size_t i = 0; i < resources->keys.size(); ++i) {
    const std::string& logical_id = resources->keys[i];
    if (logical_id.starts_with(iam::kForEachPrefix)) {
      context.Note("not-analysed", resources->key_locations[i],
                   absl::StrCat(logical_id,
                                " is not expanded; the resources it declares "
                                "are not analysed"));
      continue;
    }
    if (absl::Status s = ReadResource(logical_id, resources->key_locations[i],
                                      resources->items[i], context, evaluator);
        !s.ok()) {
      return s;
    }
  }
  return absl::OkStatus();
}

absl::Status CheckDependsOn(const Value& depends_on, TemplateContext& context) {
  std::vector<const Value*> names;
  if (depends_on.is_array()) {
    for (const Value& item : depends_on.items) names.push_back(&item);
  } else {
    names.push_back(&depends_on);
  }
  for (const Value* name : names) {
    if (!name->is_string() || iam::AsTemplateExpression(*name).has_value()) {
      return InputError(name->location,
                        absl::StrCat("DependsOn must name resources, found ",
                                     DescribeValue(*name)));
    }
    if (!context.has_transform &&
        context.ResourceIndex(name->text) == kNoResource) {
      return InputError(name->location,
                        absl::StrCat("DependsOn names undefined resource ",
                                     internal::QuoteForMessage(name->text)));
    }
  }
  return absl::OkStatus();
}

// Checks every expression as written, also those of resources left out;
// records the references made by the properties of the resources created.
absl::Status WalkTemplate(const Value& document, TemplateContext& context) {
  const Value& resources = *document.Find("Resources");
  for (size_t r = 0; r < resources.keys.size(); ++r) {
    const Value& entry = resources.items[r];
    if (resources.keys[r].starts_with(iam::kForEachPrefix)) continue;
    const size_t from = context.ResourceIndex(resources.keys[r]);
    for (size_t i = 0; i < entry.keys.size(); ++i) {
      const std::string& key = entry.keys[i];
      absl::Status status;
      if (key == "Properties") {
        status = WalkExpressions(entry.items[i], "", from, context);
      } else if (key == "DependsOn") {
        status = CheckDependsOn(entry.items[i], context);
      } else if (key != "Type") {
        status = WalkExpressions(entry.items[i], key, kNoResource, context);
      }
      if (!status.ok()) return status;
    }
  }
  for (std::string_view section : {"Conditions", "Outputs", "Rules"}) {
    if (const Value* value = document.Find(section)) {
      if (absl::Status s = WalkExpressions(*value, "", kNoResource, context);
          !s.ok()) {
        return s;
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ImportCloudFormation(const Value& written, ModelBuilder& builder,
                                  std::vector<Diagnostic>& diagnostics,
                                  const TemplateInputs& inputs) {
  // The transforms CloudFormation itself provides run first, in the order
  // AWS applies them here: language extensions' loops, then SAM.
  std::optional<Value> extended;
  if (written.is_object() && HasLanguageExtensions(written)) {
    absl::StatusOr<Value> result =
        ExpandLanguageExtensions(written, inputs, diagnostics);
    if (!result.ok()) return result.status();
    extended = *std::move(result);
  }
  const Value& looped = extended.has_value() ? *extended : written;
  std::optional<Value> expanded;
  if (looped.is_object() && HasServerlessTransform(looped)) {
    absl::StatusOr<Value> result =
        ExpandServerlessTransform(looped, diagnostics);
    if (!result.ok()) return result.status();
    expanded = *std::move(result);
  }
  const Value& document = expanded.has_value() ? *expanded : looped;
  if (!document.is_object() ||
      iam::AsTemplateExpression(document).has_value()) {
    return InputError(document.location,
                      absl::StrCat("a CloudFormation template must be an "
                                   "object, found ",
                                   DescribeValue(document)));
  }
  TemplateContext context(builder, diagnostics);
  bool has_fn_transform = false;
  if (std::optional<RainDirective> rain = Scan(document, has_fn_transform)) {
    context.Note(
        "not-analysed", rain->location,
        absl::StrCat("the template uses a Rain module (", rain->spelling,
                     "); package it with `rain pkg` to analyse it"));
    return absl::OkStatus();
  }
  if (absl::Status s = ReadSections(document, context); !s.ok()) return s;
  context.has_transform = context.has_transform || has_fn_transform;
  TemplateEvaluator evaluator(document, inputs, diagnostics);
  if (absl::Status s = evaluator.CheckInputs(); !s.ok()) return s;
  if (absl::Status s = ReadResources(document, context, evaluator); !s.ok()) {
    return s;
  }
  if (absl::Status s = WalkTemplate(document, context); !s.ok()) return s;
  if (absl::Status s = CheckNoCircularDependencies(context); !s.ok()) {
    return s;
  }
  if (absl::Status s = AddIamFacets(context); !s.ok()) return s;
  if (absl::Status s = AddNetworkFacets(context); !s.ok()) return s;
  if (absl::Status s = AddVpcFacets(context); !s.ok()) return s;
  if (absl::Status s = AddTopologyFacets(context); !s.ok()) return s;
  if (absl::Status s = AddWorkloadFacets(context); !s.ok()) return s;
  if (absl::Status s = AddStorageFacets(context); !s.ok()) return s;
  if (absl::Status s = AddResourcePolicyFacets(context); !s.ok()) return s;
  return AddCdnFacets(context);
}

}  // namespace polygraph::ingest
