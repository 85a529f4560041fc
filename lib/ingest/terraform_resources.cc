// The Terraform resource front-end (terraform_resources.h): each instance
// is rewritten into one synthesized CloudFormation template, which the
// CloudFormation front-end reads; the resources it adds are then renamed to
// their Terraform addresses.

#include "ingest/terraform_resources.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/cord.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "ingest/cloudformation.h"
#include "ingest/cloudformation_text.h"
#include "ingest/terraform_resources_internal.h"
#include "polygraph/document.h"

namespace polygraph::ingest {
namespace terraform_internal {
namespace {

using ::polygraph::internal::ToAbsl;

// "aws_subnet.private[1]" -> "AwsSubnetPrivate1": alphanumeric runs, each
// capitalized.
std::string CamelCase(std::string_view text) {
  std::string out;
  bool start = true;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)) == 0) {
      start = true;
      continue;
    }
    out.push_back(
        start ? static_cast<char>(std::toupper(static_cast<unsigned char>(c)))
              : c);
    start = false;
  }
  if (out.empty() || std::isdigit(static_cast<unsigned char>(out[0])) != 0) {
    out.insert(0, "Tf");
  }
  return out;
}

bool Contains(std::initializer_list<std::string_view> list,
              std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// The pseudo parameter a data source attribute stands for, or "".
std::string PseudoParameter(std::string_view text) {
  auto ends = [&](std::string_view suffix) { return text.ends_with(suffix); };
  if (absl::StrContains(ToAbsl(text), "data.aws_region.") &&
      (ends(".name") || ends(".region") || ends(".id"))) {
    return "AWS::Region";
  }
  if (absl::StrContains(ToAbsl(text), "data.aws_caller_identity.") &&
      ends(".account_id")) {
    return "AWS::AccountId";
  }
  if (absl::StrContains(ToAbsl(text), "data.aws_partition.") &&
      ends(".partition")) {
    return "AWS::Partition";
  }
  return "";
}

constexpr std::string_view kTokenOpen = "@@tfvalue";
constexpr std::string_view kTokenClose = "@@";

// Replaces the tokens in the strings of `value` by `parts`.
void Substitute(Value& value, const std::vector<Value>& parts) {
  for (Value& item : value.items) Substitute(item, parts);
  if (!value.is_string() ||
      !absl::StrContains(ToAbsl(value.text), ToAbsl(kTokenOpen))) {
    return;
  }
  std::vector<Value> pieces;
  std::string_view rest = value.text;
  while (!rest.empty()) {
    size_t open = rest.find(kTokenOpen);
    size_t close = open == std::string_view::npos
                       ? std::string_view::npos
                       : rest.find(kTokenClose, open + kTokenOpen.size());
    if (close == std::string_view::npos) {
      pieces.push_back(
          evaluation::MakeString(std::string(rest), value.location));
      break;
    }
    if (open > 0) {
      pieces.push_back(evaluation::MakeString(std::string(rest.substr(0, open)),
                                              value.location));
    }
    size_t index = 0;
    std::string_view number =
        rest.substr(open + kTokenOpen.size(), close - open - kTokenOpen.size());
    for (char c : number) index = index * 10 + static_cast<size_t>(c - '0');
    if (index < parts.size()) pieces.push_back(parts[index]);
    rest = rest.substr(close + kTokenClose.size());
  }
  if (pieces.size() == 1) {
    value = pieces.front();
    return;
  }
  Value join = evaluation::MakeArray(
      {evaluation::MakeString("", value.location),
       evaluation::MakeArray(std::move(pieces), value.location)},
      value.location);
  value =
      evaluation::MakeExpression("Fn::Join", std::move(join), value.location);
}

}  // namespace

const TfValue* Attribute(const TfValue& object, std::string_view key) {
  if (object.kind != TfValue::Kind::kObject) return nullptr;
  const TfValue* value = object.Find(key);
  if (value == nullptr || value->is_null()) return nullptr;
  // Plan files spell unset string arguments "".
  if (value->kind == TfValue::Kind::kString && value->text.empty()) {
    return nullptr;
  }
  return value;
}

SourceLocation KeyLocation(const TfValue& object, std::string_view key) {
  for (size_t i = 0; i < object.keys.size(); ++i) {
    if (object.keys[i] == key && i < object.key_locations.size()) {
      return object.key_locations[i];
    }
  }
  return object.location;
}

std::vector<const TfValue*> Blocks(const TfValue& object,
                                   std::string_view key) {
  std::vector<const TfValue*> blocks;
  const TfValue* list = Attribute(object, key);
  if (list == nullptr) return blocks;
  if (list->kind == TfValue::Kind::kObject) {
    blocks.push_back(list);
    return blocks;
  }
  if (list->kind != TfValue::Kind::kList) return blocks;
  for (const TfValue& item : list->items) {
    if (item.kind == TfValue::Kind::kObject) blocks.push_back(&item);
  }
  return blocks;
}

void Put(Value& holder, std::string_view key, Value value,
         const SourceLocation& key_location) {
  for (size_t i = 0; i < holder.keys.size(); ++i) {
    if (holder.keys[i] == key) {
      holder.items[i] = std::move(value);
      holder.key_locations[i] = key_location;
      return;
    }
  }
  holder.keys.emplace_back(key);
  holder.key_locations.push_back(key_location);
  holder.items.push_back(std::move(value));
}

void Copy(Synthesis& synthesis, const TfValue& object, std::string_view from,
          Value& holder, std::string_view to) {
  const TfValue* value = Attribute(object, from);
  if (value == nullptr) return;
  synthesis.NameProperty(to, from);
  Put(holder, to, synthesis.Convert(*value), KeyLocation(object, from));
}

void CopyAll(Synthesis& synthesis, const TfValue& object, Value& holder,
             std::initializer_list<Pair> pairs) {
  for (const auto& [from, to] : pairs) {
    Copy(synthesis, object, from, holder, to);
  }
}

void CopyLists(Synthesis& synthesis, const TfValue& object, Value& holder,
               std::initializer_list<Pair> pairs) {
  for (const auto& [from, to] : pairs) {
    if (const TfValue* list = Attribute(object, from)) {
      synthesis.NameProperty(to, from);
      Put(holder, to, ListOf(synthesis, *list), KeyLocation(object, from));
    }
  }
}

Value Text(std::string text, const SourceLocation& location) {
  return evaluation::MakeString(std::move(text), location);
}

Value Ref(std::string name, const SourceLocation& location) {
  return evaluation::MakeExpression(
      "Ref", evaluation::MakeString(std::move(name), location), location);
}

Value ListOf(Synthesis& synthesis, const TfValue& value) {
  Value converted = synthesis.Convert(value);
  if (value.kind == TfValue::Kind::kList ||
      value.kind == TfValue::Kind::kUnknown) {
    return converted;
  }
  return evaluation::MakeArray({std::move(converted)}, value.location);
}

std::string CloudFormationAttribute(std::string_view type,
                                    std::string_view attribute) {
  if (attribute.empty() || attribute == "id") return "";
  if (attribute == "arn") {
    return Contains({"aws_iam_policy", "aws_lb", "aws_alb", "aws_lb_listener",
                     "aws_alb_listener", "aws_lb_target_group", "aws_sns_topic",
                     "aws_secretsmanager_secret"},
                    type)
               ? ""
               : "Arn";
  }
  if (attribute == "name" &&
      Contains({"aws_iam_role", "aws_iam_user", "aws_iam_group",
                "aws_iam_instance_profile", "aws_db_subnet_group",
                "aws_lambda_function", "aws_ecs_cluster"},
               type)) {
    return "";
  }
  if ((type == "aws_s3_bucket" && attribute == "bucket") ||
      (type == "aws_lambda_function" && attribute == "function_name") ||
      (type == "aws_sqs_queue" && attribute == "url") ||
      (type == "aws_kms_key" && attribute == "key_id")) {
    return "";
  }
  if (type == "aws_s3_bucket") {
    if (attribute == "bucket_domain_name") return "DomainName";
    if (attribute == "bucket_regional_domain_name") {
      return "RegionalDomainName";
    }
  }
  if (attribute == "dns_name") return "DNSName";
  if (type == "aws_iam_role" && attribute == "unique_id") return "RoleId";
  return CamelCase(attribute);
}

Synthesis::Synthesis(const terraform::Configuration& configuration,
                     std::vector<Diagnostic>& diagnostics)
    : configuration_(configuration),
      diagnostics_(diagnostics),
      entries_(configuration.resources.size()) {
  for (size_t i = 0; i < configuration.resources.size(); ++i) {
    const ResourceInstance& instance = configuration.resources[i];
    instance_index_.emplace(instance.address, i);
    ids_.push_back(UniqueId(instance.address));
    spellings_[ids_.back()] = instance.address;
  }
}

std::string Synthesis::UniqueId(std::string_view text) {
  const std::string base = CamelCase(text);
  std::string id = base;
  for (int n = 2; used_ids_.contains(id); ++n) id = absl::StrCat(base, n);
  used_ids_.emplace(id, 1);
  return id;
}

const ResourceInstance* Synthesis::Instance(std::string_view address) const {
  auto it = instance_index_.find(ToAbsl(address));
  return it == instance_index_.end() ? nullptr
                                     : &configuration_.resources[it->second];
}

Entry* Synthesis::MainEntry(std::string_view address) {
  auto it = instance_index_.find(ToAbsl(address));
  if (it == instance_index_.end() || entries_[it->second].empty()) {
    return nullptr;
  }
  return &entries_[it->second].front();
}

const ResourceInstance* Synthesis::Referenced(const TfValue& value) const {
  if (value.kind != TfValue::Kind::kUnknown || value.resource_address.empty()) {
    return nullptr;
  }
  return Instance(value.resource_address);
}

void Synthesis::NameProperty(std::string_view property,
                             std::string_view argument) {
  const std::string key(property);
  // Synthesized names (ids, parameters) win; an ambiguous property is left
  // as it is.
  auto [it, inserted] = spellings_.try_emplace(key, argument);
  if (!inserted && it->second != argument && !ambiguous_.contains(key) &&
      property_names_.contains(key)) {
    ambiguous_.insert(key);
    spellings_.erase(it);
  }
  if (inserted) property_names_.insert(key);
}

Value Synthesis::Convert(const TfValue& value) {
  return terraform::ToDocument(
      value, [this](const TfValue& node) -> std::optional<Value> {
        if (node.kind == TfValue::Kind::kUnknown) return ConvertUnknown(node);
        // A name read from another instance (aws_db_subnet_group.x.name)
        // links to it, as CloudFormation's Ref would.
        if (node.kind != TfValue::Kind::kString || node.attribute.empty()) {
          return std::nullopt;
        }
        const ResourceInstance* target = Instance(node.resource_address);
        if (target == nullptr ||
            !CloudFormationAttribute(target->type, node.attribute).empty()) {
          return std::nullopt;
        }
        return Ref(ids_[instance_index_.at(target->address)], node.location);
      });
}

Value Synthesis::ConvertUnknown(const TfValue& value) {
  const SourceLocation& at = value.location;
  if (!value.items.empty()) {  // a string template
    std::vector<Value> parts;
    for (const TfValue& part : value.items) parts.push_back(Convert(part));
    Value join =
        evaluation::MakeArray({evaluation::MakeString("", at),
                               evaluation::MakeArray(std::move(parts), at)},
                              at);
    return evaluation::MakeExpression("Fn::Join", std::move(join), at);
  }
  if (const ResourceInstance* target = Referenced(value)) {
    const std::string& id = ids_[instance_index_.at(target->address)];
    if (target->type == "aws_cloudfront_origin_access_identity" &&
        value.attribute == "cloudfront_access_identity_path") {
      Value join = evaluation::MakeArray(
          {evaluation::MakeString("", at),
           evaluation::MakeArray({evaluation::MakeString(
                                      "origin-access-identity/cloudfront/", at),
                                  Ref(id, at)},
                                 at)},
          at);
      return evaluation::MakeExpression("Fn::Join", std::move(join), at);
    }
    const std::string attribute =
        CloudFormationAttribute(target->type, value.attribute);
    if (attribute.empty()) return Ref(id, at);
    return evaluation::MakeExpression(
        "Fn::GetAtt",
        evaluation::MakeArray({evaluation::MakeString(id, at),
                               evaluation::MakeString(attribute, at)},
                              at),
        at);
  }
  if (std::string pseudo = PseudoParameter(value.text); !pseudo.empty()) {
    return Ref(std::move(pseudo), at);
  }
  return Parameter(value);
}

Value Synthesis::Parameter(const TfValue& value) {
  auto it = parameters_.find(value.text);
  if (it == parameters_.end()) {
    std::string name = UniqueId(value.text);
    spellings_[name] = value.text;
    parameter_order_.emplace_back(name, value.location);
    it = parameters_.emplace(value.text, std::move(name)).first;
  }
  return Ref(it->second, value.location);
}

namespace {

// Gives the nodes of `value` that have no location `location`.
void LocateUnlocated(Value& value, const SourceLocation& location) {
  if (value.location.file.empty()) value.location = location;
  for (SourceLocation& key_location : value.key_locations) {
    if (key_location.file.empty()) key_location = location;
  }
  for (Value& item : value.items) LocateUnlocated(item, location);
}

}  // namespace

absl::StatusOr<Value> Synthesis::ConvertPolicy(const TfValue& value) {
  if (value.kind == TfValue::Kind::kObject) return Convert(value);
  // jsonencode({...}): the located value it encodes, unknown parts as
  // links, so findings point at the element in the .tf file.
  if (value.encoded != nullptr &&
      value.encoded->kind == TfValue::Kind::kObject) {
    return Convert(*value.encoded);
  }
  // The json of an aws_iam_policy_document: its located document, so
  // findings point at the statement and argument in the data block.
  if (value.kind == TfValue::Kind::kString &&
      (value.attribute == "json" || value.attribute == "minified_json")) {
    auto it = configuration_.policy_documents.find(value.resource_address);
    if (it != configuration_.policy_documents.end()) {
      Value document = it->second;
      LocateUnlocated(document, value.location);
      return document;
    }
  }
  std::string text;
  std::vector<Value> parts;
  if (value.kind == TfValue::Kind::kString) {
    text = value.text;
  } else if (value.kind == TfValue::Kind::kUnknown && !value.items.empty()) {
    for (const TfValue& part : value.items) {
      if (part.kind == TfValue::Kind::kString) {
        absl::StrAppend(&text, part.text);
        continue;
      }
      absl::StrAppend(&text, ToAbsl(kTokenOpen), parts.size(),
                      ToAbsl(kTokenClose));
      parts.push_back(Convert(part));
    }
  } else {
    return Convert(value);  // symbolic: the facets note it
  }
  absl::StatusOr<Value> parsed = ParseJson(text, value.location.file);
  if (!parsed.ok()) {
    return InputError(value.location,
                      absl::StrCat("the policy is not valid JSON: ",
                                   parsed.status().message()));
  }
  Value document = evaluation::Relocated(*std::move(parsed), value.location);
  if (!parts.empty()) Substitute(document, parts);
  return document;
}

Entry& Synthesis::AddMain(const ResourceInstance& instance, std::string type) {
  const size_t index = instance_index_.at(instance.address);
  std::deque<Entry>& entries = entries_[index];
  Entry entry;
  entry.logical_id = ids_[index];
  entry.type = std::move(type);
  entry.properties = evaluation::MakeObject(instance.location);
  entry.location = instance.location;
  entry.name = instance.address;
  entry.terraform_type = instance.type;
  entries.push_front(std::move(entry));
  return entries.front();
}

Entry& Synthesis::AddExtra(const ResourceInstance& instance,
                           std::string_view suffix, std::string type,
                           const SourceLocation& location) {
  const size_t index = instance_index_.at(instance.address);
  Entry entry;
  entry.name = absl::StrCat(instance.address, ".", ToAbsl(suffix));
  entry.logical_id = UniqueId(entry.name);
  spellings_[entry.logical_id] = entry.name;
  entry.type = std::move(type);
  entry.properties = evaluation::MakeObject(location);
  entry.location = location;
  entry.terraform_type = instance.type;
  entries_[index].push_back(std::move(entry));
  return entries_[index].back();
}

Entry& Synthesis::AddGeneric(const ResourceInstance& instance) {
  Entry& entry = AddMain(instance, absl::StrCat("Terraform::", instance.type));
  if (instance.attributes.kind == TfValue::Kind::kObject) {
    entry.properties = Convert(instance.attributes);
  }
  return entry;
}

void Synthesis::Note(std::string code, const SourceLocation& location,
                     std::string message) {
  diagnostics_.push_back(Diagnostic{.level = Diagnostic::Level::kNote,
                                    .code = std::move(code),
                                    .location = location,
                                    .message = std::move(message)});
}

std::vector<const Entry*> Synthesis::Entries() const {
  std::vector<const Entry*> out;
  for (const std::deque<Entry>& entries : entries_) {
    for (const Entry& entry : entries) out.push_back(&entry);
  }
  return out;
}

std::vector<Entry*> Synthesis::MutableEntries() {
  std::vector<Entry*> out;
  for (std::deque<Entry>& entries : entries_) {
    for (Entry& entry : entries) out.push_back(&entry);
  }
  return out;
}

Value Synthesis::Template() const {
  SourceLocation at;
  if (!configuration_.resources.empty()) {
    at = configuration_.resources.front().location;
  }
  Value document = evaluation::MakeObject(at);
  if (!parameter_order_.empty()) {
    Value parameters = evaluation::MakeObject(at);
    for (const auto& [name, location] : parameter_order_) {
      Value declaration = evaluation::MakeObject(location);
      Put(declaration, "Type", Text("String", location), location);
      Put(parameters, name, std::move(declaration), location);
    }
    Put(document, "Parameters", std::move(parameters), at);
  }
  Value resources = evaluation::MakeObject(at);
  for (const Entry* entry : Entries()) {
    Value resource = evaluation::MakeObject(entry->location);
    Put(resource, "Type", Text(entry->type, entry->location), entry->location);
    Put(resource, "Properties", entry->properties, entry->location);
    Put(resources, entry->logical_id, std::move(resource), entry->location);
  }
  Put(document, "Resources", std::move(resources), at);
  return document;
}

namespace {

// The mappers of `type`, from whichever domain has them.
Mappers MappersOf(std::string_view type) {
  for (auto domain : {&NetworkMapper, &ComputeMapper, &IamMapper,
                      &StorageMapper, &CdnMapper}) {
    Mappers mappers = domain(type);
    if (mappers.first != nullptr || mappers.merge != nullptr) return mappers;
  }
  return {};
}

// Rewrites the alphanumeric runs of `text` that are synthesized names into
// their Terraform spelling.
std::string Respell(
    std::string_view text,
    const absl::flat_hash_map<std::string, std::string>& names) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    if (std::isalnum(static_cast<unsigned char>(text[i])) == 0) {
      out.push_back(text[i++]);
      continue;
    }
    size_t end = i;
    while (end < text.size() &&
           std::isalnum(static_cast<unsigned char>(text[end])) != 0) {
      ++end;
    }
    std::string word(text.substr(i, end - i));
    auto it = names.find(word);
    out += it != names.end() ? it->second : word;
    i = end;
  }
  return out;
}

}  // namespace
}  // namespace terraform_internal

absl::Status ImportTerraformResources(
    const terraform::Configuration& configuration, ModelBuilder& builder,
    std::vector<Diagnostic>& diagnostics) {
  using terraform_internal::Entry;
  using terraform_internal::Mappers;
  using terraform_internal::ResourceInstance;
  using terraform_internal::Synthesis;
  if (configuration.resources.empty()) return absl::OkStatus();
  Synthesis synthesis(configuration, diagnostics);
  for (const ResourceInstance& instance : configuration.resources) {
    Mappers mappers = terraform_internal::MappersOf(instance.type);
    absl::Status status = absl::OkStatus();
    if (mappers.first != nullptr) {
      status = mappers.first(instance, synthesis);
    } else {
      synthesis.AddGeneric(instance);
    }
    if (!status.ok()) return status;
  }
  for (const ResourceInstance& instance : configuration.resources) {
    Mappers mappers = terraform_internal::MappersOf(instance.type);
    if (mappers.merge == nullptr) continue;
    if (absl::Status s = mappers.merge(instance, synthesis); !s.ok()) return s;
  }
  absl::flat_hash_map<std::string, const Entry*> by_id;
  for (const Entry* entry : synthesis.Entries()) {
    by_id.emplace(entry->logical_id, entry);
  }
  const size_t first_resource = builder.current().resources().size();
  const size_t first_policy = builder.current().policies().size();
  const size_t first_diagnostic = diagnostics.size();
  absl::Status status =
      ImportCloudFormation(synthesis.Template(), builder, diagnostics);
  for (size_t i = first_resource; i < builder.current().resources().size();
       ++i) {
    auto it = by_id.find(builder.current().resources()[i].name);
    if (it == by_id.end()) continue;
    const Entry& entry = *it->second;
    builder.SetResourceOrigin(i, entry.name, entry.terraform_type,
                              SourceFormat::kTerraform);
  }
  // A policy without a name of its own is named by its declaration.
  for (size_t i = first_policy; i < builder.current().policies().size(); ++i) {
    auto it = synthesis.Spellings().find(builder.current().policies()[i].name);
    if (it != synthesis.Spellings().end()) {
      builder.SetPolicyName(i, it->second);
    }
  }
  for (size_t i = first_diagnostic; i < diagnostics.size(); ++i) {
    diagnostics[i].message = terraform_internal::Respell(diagnostics[i].message,
                                                         synthesis.Spellings());
  }
  if (!status.ok()) {
    absl::Status respelled(
        status.code(),
        terraform_internal::Respell(
            std::string_view(status.message().data(), status.message().size()),
            synthesis.Spellings()));
    status.ForEachPayload(
        [&](absl::string_view url, const absl::Cord& payload) {
          respelled.SetPayload(url, payload);
        });
    return respelled;
  }
  return terraform_internal::AddAccountPublicAccessBlocks(
      configuration, first_resource, builder);
}

}  // namespace polygraph::ingest
