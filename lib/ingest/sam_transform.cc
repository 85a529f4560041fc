// The SAM transform's entry points (sam_transform.h), the Expander's
// driver (Run: the template's sections, the dispatch of each
// AWS::Serverless:: resource, the implicit APIs) and the Value helpers the
// other sam_*.cc files share (see sam_transform_internal.h).

#include "ingest/sam_transform.h"

#include <cstdint>
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

void Expander::Note(const SourceLocation& at, std::string message) {
  Diagnostic diagnostic;
  diagnostic.level = Diagnostic::Level::kNote;
  diagnostic.code = "not-analysed";
  diagnostic.location = at;
  diagnostic.message = std::move(message);
  diagnostics_.push_back(std::move(diagnostic));
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
