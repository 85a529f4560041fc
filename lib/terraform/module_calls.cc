// ModuleInstance's module calls: child instances, their outputs, and
// references to them (module_instance.h).

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "polygraph/source_location.h"
#include "terraform/module_instance.h"

namespace polygraph::terraform {

bool ModuleInstance::CallsItself(const std::string& directory) const {
  for (const ModuleInstance* instance = this; instance != nullptr;
       instance = instance->parent_) {
    if (instance->config_->directory == directory) return true;
  }
  return false;
}

absl::StatusOr<ModuleInstance::ChildModules*> ModuleInstance::Children(
    size_t call, const SourceLocation& location) {
  if (auto it = children_.find(call); it != children_.end()) {
    return it->second.get();
  }
  const ModuleCallDeclaration& declaration = config_->module_calls[call];
  const Block& block = *declaration.block;
  const std::string key = absl::StrCat("module.", declaration.name);
  const std::string full = absl::StrCat(path_, "|", key);
  for (const std::string& busy : state_.in_progress) {
    if (busy == full) {
      return InputError(location,
                        absl::StrCat("Cycle: the inputs of ", Address(key),
                                     " depend on its own outputs"));
    }
  }
  state_.in_progress.push_back(full);
  auto children = std::make_unique<ChildModules>();
  absl::StatusOr<Expanded> expanded = Expand(block, key);
  if (!expanded.ok()) {
    state_.Error(expanded.status(), block.location);
    expanded = Expanded{
        .mode = Expanded::Mode::kUnknown, .keys = {}, .unknown = "count"};
  }
  children->expansion = *expanded;
  const std::string local_path = LocalModulePath(*config_, block);
  std::shared_ptr<const ModuleConfig> child_config;
  if (local_path.empty()) {
    const Body::Attribute* source = block.body.Find("source");
    children->unread = source == nullptr ? "it has no source"
                                         : "its source is not a local folder";
  } else if (depth_ + 1 > state_.options.max_module_depth) {
    children->unread = "it is nested too deeply";
  } else if (CallsItself(local_path)) {
    state_.Error(
        InputError(block.location,
                   absl::StrCat(Address(key), " calls the module ", local_path,
                                ", which is already calling it")),
        block.location);
    children->unread = "it would call itself";
  } else if (auto cached = state_.modules.find(local_path);
             cached != state_.modules.end()) {
    child_config = cached->second;
  } else {
    absl::StatusOr<std::shared_ptr<const ModuleConfig>> read =
        ReadModuleConfig(local_path);
    if (!read.ok()) {
      state_.Error(read.status(), block.location);
      children->unread = "its folder could not be read";
    } else {
      child_config = *read;
      state_.modules[local_path] = child_config;
      state_.files.insert(state_.files.end(), child_config->paths.begin(),
                          child_config->paths.end());
    }
  }
  if (!children->unread.empty()) {
    state_.Note(absl::StrCat(Address(key), "|unread"), "not-analysed",
                block.location,
                absl::StrCat(Address(key), " is not read (", children->unread,
                             "); its resources are not analysed and its "
                             "outputs stay symbolic"));
  }
  const std::string base = Address(key);
  auto make = [&](const std::string& path,
                  std::vector<std::pair<std::string, TfValue>> names) {
    if (!child_config) return std::unique_ptr<ModuleInstance>();
    for (const Body::Attribute& attribute : block.body.attributes) {
      if (IsMetaArgument(attribute.name) || attribute.name == "source" ||
          attribute.name == "version" ||
          child_config->variables.contains(attribute.name)) {
        continue;
      }
      state_.Error(
          InputError(
              attribute.location,
              absl::StrCat("Unsupported argument: module \"", declaration.name,
                           "\" declares no variable \"", attribute.name, "\"")),
          attribute.location);
    }
    return std::make_unique<ModuleInstance>(
        state_, child_config, path, this, &block, std::move(names), depth_ + 1);
  };
  switch (children->expansion.mode) {
    case Expanded::Mode::kSingle:
    case Expanded::Mode::kUnknown: {
      std::vector<std::pair<std::string, TfValue>> names = {
          {"count",
           TfValue::Object({"index"},
                           {TfValue::Unknown("count.index", block.location)},
                           block.location)},
          {"each",
           TfValue::Object({"key", "value"},
                           {TfValue::Unknown("each.key", block.location),
                            TfValue::Unknown("each.value", block.location)},
                           block.location)}};
      children->instances.push_back(
          make(children->expansion.mode == Expanded::Mode::kSingle
                   ? base
                   : absl::StrCat(base, "[*]"),
               std::move(names)));
      break;
    }
    case Expanded::Mode::kCount:
    case Expanded::Mode::kForEach:
      for (const auto& [instance_key, instance_value] :
           children->expansion.keys) {
        std::vector<std::pair<std::string, TfValue>> names;
        if (children->expansion.mode == Expanded::Mode::kCount) {
          names.emplace_back("count", TfValue::Object({"index"}, {instance_key},
                                                      instance_key.location));
        } else {
          names.emplace_back(
              "each",
              TfValue::Object({"key", "value"}, {instance_key, instance_value},
                              instance_key.location));
        }
        children->instances.push_back(make(
            absl::StrCat(base, KeySuffix(instance_key)), std::move(names)));
      }
      break;
  }
  state_.in_progress.pop_back();
  ChildModules* result = children.get();
  children_[call] = std::move(children);
  return result;
}

absl::StatusOr<TfValue> ModuleInstance::ModuleValue(
    const std::string& name, absl::Span<const TraversalStep> steps,
    const SourceLocation& location, size_t* steps_used) {
  auto call = config_->module_call_index.find(name);
  if (call == config_->module_call_index.end()) {
    return InputError(location,
                      absl::StrCat("Reference to undeclared module: no module "
                                   "\"",
                                   name, "\" is called in ",
                                   path_.empty() ? "the root module" : path_));
  }
  absl::StatusOr<ChildModules*> children = Children(call->second, location);
  if (!children.ok()) return children.status();
  const std::string base = Address(absl::StrCat("module.", name));
  *steps_used = 1;
  // The outputs of one instance, as an object (all of them) or one.
  auto outputs = [&](ModuleInstance* instance, const std::string& address,
                     const std::string* only) -> absl::StatusOr<TfValue> {
    if (instance == nullptr) {
      return TfValue::Unknown(
          only ? absl::StrCat(address, ".", *only) : address, location);
    }
    if (only != nullptr) return instance->Output(*only, location);
    std::vector<std::string> keys;
    std::vector<TfValue> values;
    for (const auto& [output, block] : instance->config_->outputs) {
      absl::StatusOr<TfValue> value = instance->Output(output, location);
      if (!value.ok()) return value.status();
      keys.push_back(output);
      values.push_back(*std::move(value));
    }
    return TfValue::Object(std::move(keys), std::move(values), location);
  };
  const Expanded& expansion = (*children)->expansion;
  auto& instances = (*children)->instances;
  if (expansion.mode == Expanded::Mode::kSingle ||
      expansion.mode == Expanded::Mode::kUnknown) {
    if (expansion.mode == Expanded::Mode::kUnknown) {
      TfValue unknown = TfValue::Unknown(base, location);
      return unknown;
    }
    const std::string* only = nullptr;
    if (steps.size() > 1 && steps[1].kind == TraversalStep::Kind::kAttribute) {
      only = &steps[1].name;
      *steps_used = 2;
    }
    return outputs(instances.front().get(), base, only);
  }
  std::vector<std::string> keys;
  std::vector<TfValue> values;
  for (size_t i = 0; i < instances.size(); ++i) {
    const TfValue& key = expansion.keys[i].first;
    absl::StatusOr<TfValue> value = outputs(
        instances[i].get(), absl::StrCat(base, KeySuffix(key)), nullptr);
    if (!value.ok()) return value.status();
    keys.push_back(key.text);
    values.push_back(*std::move(value));
  }
  if (expansion.mode == Expanded::Mode::kCount) {
    return TfValue::List(std::move(values), location);
  }
  return TfValue::Object(std::move(keys), std::move(values), location);
}

absl::StatusOr<TfValue> ModuleInstance::Output(const std::string& name,
                                               const SourceLocation& location) {
  auto declared = config_->outputs.find(name);
  if (declared == config_->outputs.end()) {
    return InputError(location,
                      absl::StrCat("Unsupported attribute: ",
                                   path_.empty() ? "the module" : path_,
                                   " has no output named \"", name, "\""));
  }
  const Block& block = *declared->second;
  return Memoized(absl::StrCat("output.", name), block.location,
                  [&]() -> absl::StatusOr<TfValue> {
                    const Body::Attribute* value = block.body.Find("value");
                    if (value == nullptr) {
                      return InputError(
                          block.location,
                          absl::StrCat("output \"", name, "\" has no value"));
                    }
                    return Evaluate(*value->expression, *this);
                  });
}

}  // namespace polygraph::terraform
