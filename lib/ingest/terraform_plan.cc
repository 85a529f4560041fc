#include "ingest/terraform_plan.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "base/strings.h"
#include "polygraph/source_location.h"

namespace polygraph::ingest {
namespace {

using polygraph::internal::ToAbsl;
using terraform::Configuration;
using terraform::ResourceInstance;
using terraform::TfValue;

const Value* Member(const Value& object, std::string_view key) {
  return object.is_object() ? object.Find(key) : nullptr;
}

std::optional<std::string> StringMember(const Value& object,
                                        std::string_view key) {
  const Value* member = Member(object, key);
  if (member == nullptr || !member->is_string()) return std::nullopt;
  return member->text;
}

bool ContainsTrue(const Value& value) {
  if (value.is_bool()) return value.boolean;
  for (const Value& item : value.items) {
    if (ContainsTrue(item)) return true;
  }
  return false;
}

// One step of a path into an instance's attributes: a member name, or an
// element index when `key` is empty.
struct Step {
  std::string key;
  size_t index = 0;
};

// "ingress[0].security_groups[1]".
std::string PathText(const std::vector<Step>& path) {
  std::string text;
  for (const Step& step : path) {
    if (step.key.empty()) {
      absl::StrAppend(&text, "[", step.index, "]");
    } else {
      absl::StrAppend(&text, text.empty() ? "" : ".", step.key);
    }
  }
  return text;
}

// The call names of a module path: "module.a[0].module.b" -> {"a", "b"}.
std::vector<std::string> ModuleCallNames(std::string_view path) {
  std::vector<std::string> names;
  size_t i = 0;
  while (i < path.size()) {
    if (path.substr(i, 7) != "module.") break;
    i += 7;
    size_t end = path.find_first_of(".[", i);
    if (end == std::string_view::npos) end = path.size();
    names.emplace_back(path.substr(i, end - i));
    i = end;
    if (i < path.size() && path[i] == '[') {
      i = internal::SkipAddressIndex(path, i);
      if (i == std::string_view::npos) break;
    }
    if (i < path.size() && path[i] == '.') ++i;
  }
  return names;
}

// A reference to a managed resource as a configuration's "references" list
// names it: "aws_vpc.main.id", "aws_subnet.a[0].id", "aws_vpc.main".
struct ResourceReference {
  std::string resource;   // "aws_subnet.a"
  std::string key;        // "[0]" or ""
  std::string attribute;  // "id" or ""
};

// nullopt for anything but a managed resource; `other` is set for
// references that make the value something else than one attribute (input
// variables, locals, module outputs, data sources).
std::optional<ResourceReference> ParseReference(std::string_view text,
                                                bool& other) {
  for (std::string_view ignored :
       {"each.", "count.", "self.", "path.", "terraform."}) {
    if (text.substr(0, ignored.size()) == ignored) return std::nullopt;
  }
  for (std::string_view prefix : {"var.", "local.", "module.", "data."}) {
    if (text.substr(0, prefix.size()) == prefix) {
      other = true;
      return std::nullopt;
    }
  }
  size_t dot = text.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  size_t end = text.find_first_of(".[", dot + 1);
  if (end == std::string_view::npos) end = text.size();
  ResourceReference reference;
  reference.resource = std::string(text.substr(0, end));
  if (end < text.size() && text[end] == '[') {
    size_t close = internal::SkipAddressIndex(text, end);
    if (close == std::string_view::npos) return std::nullopt;
    reference.key = std::string(text.substr(end, close - end));
    end = close;
  }
  if (end < text.size() && text[end] == '.') {
    size_t start = end + 1;
    size_t stop = text.find_first_of(".[", start);
    if (stop == std::string_view::npos) stop = text.size();
    reference.attribute = std::string(text.substr(start, stop - start));
  }
  return reference;
}

bool IsExpression(const Value& node) {
  return node.is_object() && (node.Find("references") != nullptr ||
                              node.Find("constant_value") != nullptr);
}

class ShowJsonReader {
 public:
  explicit ShowJsonReader(const Value& document) : document_(document) {
    const Value* configuration = Member(document, "configuration");
    if (configuration != nullptr) {
      root_config_ = Member(*configuration, "root_module");
    }
  }

  absl::StatusOr<Configuration> Read() {
    if (!document_.is_object()) {
      return InputError(document_.location,
                        "terraform show -json output must be an object");
    }
    if (!document_.location.file.empty()) {
      configuration_.files.push_back(document_.location.file);
    }
    if (const Value* changes = Member(document_, "resource_changes")) {
      absl::Status status = ReadResourceChanges(*changes);
      if (!status.ok()) return status;
      return std::move(configuration_);
    }
    for (std::string_view section : {"planned_values", "values"}) {
      if (const Value* values = Member(document_, section)) {
        absl::Status status = ReadValues(*values, section);
        if (!status.ok()) return status;
        return std::move(configuration_);
      }
    }
    if (const Value* prior = Member(document_, "prior_state")) {
      if (const Value* values = Member(*prior, "values")) {
        absl::Status status = ReadValues(*values, "values");
        if (!status.ok()) return status;
      }
    }
    return std::move(configuration_);
  }

 private:
  // ------------------------------------------------------------ state

  absl::Status ReadValues(const Value& values, std::string_view section) {
    if (!values.is_object()) {
      return InputError(values.location,
                        absl::StrCat(ToAbsl(section), " must be an object"));
    }
    const Value* root = values.Find("root_module");
    if (root == nullptr || root->is_null()) return absl::OkStatus();
    return ReadModule(*root, "");
  }

  absl::Status ReadModule(const Value& module, const std::string& path) {
    if (!module.is_object()) {
      return InputError(module.location, "a module must be an object");
    }
    if (const Value* resources = module.Find("resources")) {
      if (!resources->is_array()) {
        return InputError(resources->location, "resources must be a list");
      }
      for (const Value& resource : resources->items) {
        absl::Status status = ReadStateResource(resource, path);
        if (!status.ok()) return status;
      }
    }
    if (const Value* children = module.Find("child_modules")) {
      if (!children->is_array()) {
        return InputError(children->location, "child_modules must be a list");
      }
      for (const Value& child : children->items) {
        std::optional<std::string> address = StringMember(child, "address");
        if (!address.has_value()) {
          return InputError(child.location,
                            "a child module without an address");
        }
        absl::Status status = ReadModule(child, *address);
        if (!status.ok()) return status;
      }
    }
    return absl::OkStatus();
  }

  absl::Status ReadStateResource(const Value& resource,
                                 const std::string& module_path) {
    if (!resource.is_object()) {
      return InputError(resource.location, "a resource must be an object");
    }
    ResourceInstance instance;
    absl::Status status = ReadIdentity(resource, module_path, instance);
    if (!status.ok()) return status;
    if (StringMember(resource, "mode").value_or("managed") != "managed") {
      return absl::OkStatus();
    }
    const Value* values = resource.Find("values");
    if (values == nullptr || !values->is_object()) {
      return InputError(
          values == nullptr ? resource.location : values->location,
          absl::StrCat("the values of ", instance.address,
                       " must be an object"));
    }
    instance.attributes = terraform::FromDocument(*values);
    configuration_.resources.push_back(std::move(instance));
    return absl::OkStatus();
  }

  // Address, type, name and module path of a state resource or a
  // resource_changes entry.
  static absl::Status ReadIdentity(const Value& entry,
                                   const std::string& module_path,
                                   ResourceInstance& instance) {
    std::optional<std::string> address = StringMember(entry, "address");
    if (!address.has_value()) {
      return InputError(entry.location, "a resource without an address");
    }
    std::optional<std::string> type = StringMember(entry, "type");
    std::optional<std::string> name = StringMember(entry, "name");
    if (!type.has_value() || !name.has_value()) {
      return InputError(entry.location,
                        absl::StrCat(*address, " has no type or name"));
    }
    instance.address = *address;
    instance.type = *type;
    instance.name = *name;
    instance.module_path = module_path;
    instance.location = entry.location;
    return absl::OkStatus();
  }

  // ------------------------------------------------------------ plan

  absl::Status ReadResourceChanges(const Value& changes) {
    if (!changes.is_array()) {
      return InputError(changes.location, "resource_changes must be a list");
    }
    struct Entry {
      ResourceInstance instance;
      const Value* after = nullptr;
      const Value* after_unknown = nullptr;
    };
    std::vector<Entry> entries;
    for (const Value& change_entry : changes.items) {
      if (!change_entry.is_object()) {
        return InputError(change_entry.location,
                          "a resource_changes entry must be an object");
      }
      if (!StringMember(change_entry, "address").has_value()) {
        return InputError(change_entry.location,
                          "a resource_changes entry without an address");
      }
      const Value* change = change_entry.Find("change");
      if (change == nullptr || !change->is_object()) {
        return InputError(
            change == nullptr ? change_entry.location : change->location,
            absl::StrCat("resource_changes entry ",
                         *StringMember(change_entry, "address"),
                         " has no change object"));
      }
      Entry entry;
      absl::Status status = ReadIdentity(
          change_entry,
          StringMember(change_entry, "module_address").value_or(""),
          entry.instance);
      if (!status.ok()) return status;
      if (StringMember(change_entry, "mode").value_or("managed") != "managed" ||
          change_entry.Find("deposed") != nullptr) {
        continue;
      }
      std::vector<std::string> actions;
      if (const Value* list = change->Find("actions"); list != nullptr) {
        if (!list->is_array()) {
          return InputError(list->location, "actions must be a list");
        }
        for (const Value& action : list->items) actions.push_back(action.text);
      }
      if (actions == std::vector<std::string>{"delete"} ||
          actions == std::vector<std::string>{"forget"}) {
        continue;
      }
      entry.after = change->Find("after");
      entry.after_unknown = change->Find("after_unknown");
      if (entry.after != nullptr && !entry.after->is_object() &&
          !entry.after->is_null()) {
        return InputError(
            entry.after->location,
            absl::StrCat("the after values of ", entry.instance.address,
                         " must be an object"));
      }
      if (entry.after_unknown != nullptr && !entry.after_unknown->is_object() &&
          !entry.after_unknown->is_bool()) {
        return InputError(
            entry.after_unknown->location,
            absl::StrCat("the after_unknown of ", entry.instance.address,
                         " must be an object"));
      }
      bool has_after = entry.after != nullptr && entry.after->is_object();
      if (!has_after && (entry.after_unknown == nullptr ||
                         !ContainsTrue(*entry.after_unknown))) {
        continue;  // nothing will exist after apply
      }
      instances_[BaseAddress(entry.instance)].push_back(entry.instance.address);
      entries.push_back(std::move(entry));
    }
    for (Entry& entry : entries) {
      current_ = &entry.instance;
      current_expressions_ = ConfigExpressions(entry.instance);
      std::vector<Step> path;
      std::optional<TfValue> attributes =
          Merge(entry.after, entry.after_unknown, path);
      entry.instance.attributes =
          attributes.has_value() && attributes->kind == TfValue::Kind::kObject
              ? *std::move(attributes)
              : TfValue::Object({}, {}, entry.instance.location);
      configuration_.resources.push_back(std::move(entry.instance));
    }
    current_ = nullptr;
    return absl::OkStatus();
  }

  static std::string BaseAddress(const ResourceInstance& instance) {
    return absl::StrCat(instance.module_path,
                        instance.module_path.empty() ? "" : ".", instance.type,
                        ".", instance.name);
  }

  // The after value merged with after_unknown's marks; nullopt when absent.
  std::optional<TfValue> Merge(const Value* after, const Value* unknown,
                               std::vector<Step>& path) {
    if (unknown != nullptr && unknown->is_bool() && unknown->boolean) {
      return UnknownAt(path, unknown->location);
    }
    if (after == nullptr || after->is_null()) {
      if (unknown == nullptr || !ContainsTrue(*unknown)) {
        if (after == nullptr) return std::nullopt;
        return TfValue::Null(after->location);
      }
    }
    const Value* shape =
        after != nullptr && !after->is_null() ? after : unknown;
    if (shape->is_object()) {
      std::vector<std::string> keys;
      std::vector<TfValue> items;
      std::vector<SourceLocation> key_locations;
      auto add = [&](const std::string& key, const Value* after_member,
                     const Value* unknown_member,
                     const SourceLocation& key_location) {
        path.push_back({.key = key, .index = 0});
        std::optional<TfValue> item = Merge(after_member, unknown_member, path);
        path.pop_back();
        if (!item.has_value()) return;
        keys.push_back(key);
        items.push_back(*std::move(item));
        key_locations.push_back(key_location);
      };
      if (after != nullptr && after->is_object()) {
        for (size_t i = 0; i < after->keys.size(); ++i) {
          add(after->keys[i], &after->items[i],
              Member(*unknown_or(unknown), after->keys[i]),
              after->KeyLocation(after->keys[i]));
        }
      }
      if (unknown != nullptr && unknown->is_object()) {
        for (size_t i = 0; i < unknown->keys.size(); ++i) {
          if (after != nullptr && Member(*after, unknown->keys[i]) != nullptr) {
            continue;
          }
          // A top-level attribute the configuration does not set and only
          // apply computes (id, arn, a provider default): not an argument,
          // so not a symbolic value the analyses should note.
          if (path.empty() && current_expressions_ != nullptr &&
              Member(*current_expressions_, unknown->keys[i]) == nullptr) {
            continue;
          }
          add(unknown->keys[i], nullptr, &unknown->items[i],
              unknown->KeyLocation(unknown->keys[i]));
        }
      }
      TfValue object = TfValue::Object(keys, std::move(items), shape->location);
      for (size_t i = 0; i < keys.size(); ++i) {
        for (size_t j = 0; j < object.keys.size(); ++j) {
          if (object.keys[j] == keys[i])
            object.key_locations[j] = key_locations[i];
        }
      }
      return object;
    }
    if (shape->is_array()) {
      size_t after_size =
          after != nullptr && after->is_array() ? after->items.size() : 0;
      size_t unknown_size =
          unknown != nullptr && unknown->is_array() ? unknown->items.size() : 0;
      std::vector<TfValue> items;
      for (size_t i = 0; i < std::max(after_size, unknown_size); ++i) {
        path.push_back({.key = "", .index = i});
        const Value* after_item = i < after_size ? &after->items[i] : nullptr;
        const Value* unknown_item =
            i < unknown_size ? &unknown->items[i] : nullptr;
        std::optional<TfValue> item = Merge(after_item, unknown_item, path);
        path.pop_back();
        items.push_back(item.has_value()
                            ? *std::move(item)
                            : TfValue::Null(unknown_item != nullptr
                                                ? unknown_item->location
                                                : shape->location));
      }
      return TfValue::List(std::move(items), shape->location);
    }
    if (after == nullptr) return std::nullopt;
    return terraform::FromDocument(*after);
  }

  static const Value* unknown_or(const Value* unknown) {
    static const Value kEmpty;
    return unknown != nullptr ? unknown : &kEmpty;
  }

  // The unknown at `path` of the current instance: a reference to another
  // instance's attribute when the configuration shows the value is one.
  TfValue UnknownAt(const std::vector<Step>& path,
                    const SourceLocation& location) {
    std::optional<std::pair<std::string, std::string>> target =
        ReferencedAttribute(path);
    if (target.has_value()) {
      return TfValue::ResourceAttribute(target->first, target->second,
                                        location);
    }
    return TfValue::Unknown(
        absl::StrCat(current_->address, ".", PathText(path)), location);
  }

  // ----------------------------------------------------- configuration

  // The "expressions" object of the current instance's resource block.
  const Value* ConfigExpressions(const ResourceInstance& instance) const {
    if (root_config_ == nullptr) return nullptr;
    const Value* module = root_config_;
    for (const std::string& call : ModuleCallNames(instance.module_path)) {
      const Value* calls = Member(*module, "module_calls");
      if (calls == nullptr) return nullptr;
      const Value* called = nullptr;
      if (calls->is_object()) {
        called = calls->Find(call);
      } else if (calls->is_array()) {
        for (const Value& item : calls->items) {
          if (StringMember(item, "name") == call) called = &item;
        }
      }
      if (called == nullptr) return nullptr;
      module = Member(*called, "module");
      if (module == nullptr) return nullptr;
    }
    const Value* resources = Member(*module, "resources");
    if (resources == nullptr || !resources->is_array()) return nullptr;
    for (const Value& resource : resources->items) {
      if (StringMember(resource, "mode").value_or("managed") == "managed" &&
          StringMember(resource, "type") == instance.type &&
          StringMember(resource, "name") == instance.name) {
        return Member(resource, "expressions");
      }
    }
    return nullptr;
  }

  // The (instance address, attribute) the value at `path` is, when its
  // expression refers to exactly one attribute of one resource that has a
  // single instance (or names the instance by a constant key).
  std::optional<std::pair<std::string, std::string>> ReferencedAttribute(
      const std::vector<Step>& path) const {
    const Value* node = current_expressions_;
    for (const Step& step : path) {
      if (node == nullptr || IsExpression(*node)) break;
      if (node->is_array()) {
        node = step.key.empty() && step.index < node->items.size()
                   ? &node->items[step.index]
                   : nullptr;
      } else if (node->is_object()) {
        if (step.key.empty()) continue;  // a single nested block
        node = node->Find(step.key);
      } else {
        node = nullptr;
      }
    }
    if (node == nullptr || !IsExpression(*node)) return std::nullopt;
    const Value* references = node->Find("references");
    if (references == nullptr || !references->is_array()) return std::nullopt;
    std::set<std::tuple<std::string, std::string, std::string>> targets;
    bool other = false;
    for (const Value& reference : references->items) {
      if (!reference.is_string()) continue;
      std::optional<ResourceReference> parsed =
          ParseReference(reference.text, other);
      if (parsed.has_value() && !parsed->attribute.empty()) {
        targets.insert({parsed->resource, parsed->key, parsed->attribute});
      }
    }
    if (other || targets.size() != 1) return std::nullopt;
    const auto& [resource, key, attribute] = *targets.begin();
    std::string base =
        absl::StrCat(current_->module_path,
                     current_->module_path.empty() ? "" : ".", resource);
    auto found = instances_.find(base);
    if (found == instances_.end()) return std::nullopt;
    if (!key.empty()) {
      std::string address = base + key;
      for (const std::string& candidate : found->second) {
        if (candidate == address) return std::pair{address, attribute};
      }
      return std::nullopt;
    }
    if (found->second.size() != 1) return std::nullopt;
    return std::pair{found->second.front(), attribute};
  }

  const Value& document_;
  const Value* root_config_ = nullptr;
  Configuration configuration_;
  // Base address ("module.vpc.aws_subnet.a") -> instance addresses.
  std::map<std::string, std::vector<std::string>> instances_;
  const ResourceInstance* current_ = nullptr;
  const Value* current_expressions_ = nullptr;
};

}  // namespace

bool IsTerraformShowJson(const Value& document) {
  if (!document.is_object() || document.Find("format_version") == nullptr) {
    return false;
  }
  return document.Find("planned_values") != nullptr ||
         document.Find("resource_changes") != nullptr ||
         document.Find("values") != nullptr;
}

absl::StatusOr<terraform::Configuration> ReadTerraformShowJson(
    const Value& document) {
  return ShowJsonReader(document).Read();
}

}  // namespace polygraph::ingest
