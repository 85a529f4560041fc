#include "terraform/module_instance.h"

#include <cmath>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "polygraph/source_location.h"
#include "terraform/data_sources.h"
#include "terraform/functions_internal.h"
#include "terraform/hcl_parser.h"
#include "terraform/iam_policy_document.h"
#include "terraform/type_constraints.h"

namespace polygraph::terraform {
namespace {

using Kind = TfValue::Kind;

TfValue PathObject(const std::string& module, const std::string& root,
                   const SourceLocation& location) {
  return TfValue::Object(
      {"cwd", "module", "root"},
      {TfValue::String(root, location), TfValue::String(module, location),
       TfValue::String(root, location)},
      location);
}

// The memoized value of `key` with steps[first...] applied by ApplyStep, as
// the evaluator would apply them, so that a reference to one element of a
// large map or of a resource's many instances copies that element only;
// nullopt when `key` is not memoized yet.
std::optional<absl::StatusOr<TfValue>> FromMemo(
    const absl::flat_hash_map<std::string, TfValue>& memo,
    const std::string& key, absl::Span<const TraversalStep> steps, size_t first,
    size_t* steps_used) {
  auto it = memo.find(key);
  if (it == memo.end()) return std::nullopt;
  *steps_used = steps.size();
  // Walks in place while a step selects an existing member of a known
  // object or an element of a known list (what ApplyStep would copy out);
  // ApplyStep takes over at the first other step (conversions, unknowns,
  // errors, resource attributes not configured).
  const TfValue* current = &it->second;
  size_t i = first;
  for (; i < steps.size(); ++i) {
    const TraversalStep& step = steps[i];
    const TfValue* next = nullptr;
    if (current->kind == Kind::kObject) {
      if (step.kind == TraversalStep::Kind::kAttribute) {
        next = current->Find(step.name);
      } else if (step.key.kind == Kind::kString) {
        next = current->Find(step.key.text);
      }
    } else if (current->kind == Kind::kList &&
               step.kind == TraversalStep::Kind::kIndex &&
               step.key.kind == Kind::kNumber && step.key.number >= 0 &&
               step.key.number == std::floor(step.key.number) &&
               step.key.number < static_cast<double>(current->items.size())) {
      next = &current->items[static_cast<size_t>(step.key.number)];
    }
    // A configured string of a resource instance is linked to it by
    // ApplyStep (value.h): leave that to it.
    if (next == nullptr ||
        (next->kind == Kind::kString && !current->resource_address.empty())) {
      break;
    }
    current = next;
  }
  if (i == steps.size()) return *current;
  absl::StatusOr<TfValue> value = ApplyStep(*current, steps[i]);
  for (++i; i < steps.size() && value.ok(); ++i) {
    value = ApplyStep(*value, steps[i]);
  }
  return value;
}

// Resolves names to members of an object: templatefile's variables.
class ObjectScope : public Scope {
 public:
  ObjectScope(const TfValue& names, const FunctionContext& functions)
      : names_(names), functions_(functions) {}
  absl::StatusOr<TfValue> Resolve(const std::string& root,
                                  const SourceLocation& location,
                                  absl::Span<const TraversalStep> steps,
                                  size_t* steps_used) override {
    *steps_used = 0;
    if (const TfValue* value = names_.Find(root)) return *value;
    return InputError(location,
                      absl::StrCat("Invalid reference: the template's "
                                   "variables have no \"",
                                   root, "\""));
  }
  const FunctionContext& functions() const override { return functions_; }

 private:
  const TfValue& names_;
  const FunctionContext& functions_;
};

}  // namespace

bool IsMetaArgument(const std::string& name) {
  return name == "count" || name == "for_each" || name == "provider" ||
         name == "depends_on" || name == "providers";
}

std::string KeySuffix(const TfValue& key) {
  if (key.kind == Kind::kNumber) return absl::StrCat("[", key.text, "]");
  return absl::StrCat("[\"", key.text, "\"]");
}

void EvaluationState::Error(const absl::Status& status,
                            const SourceLocation& fallback) {
  SourceLocation location = ErrorLocation(status).value_or(fallback);
  std::string message = ErrorReason(status);
  if (!noted.insert(absl::StrCat(location.ToString(), message)).second) return;
  Diagnostic diagnostic;
  diagnostic.level = Diagnostic::Level::kError;
  diagnostic.code = "invalid-value";
  diagnostic.location = std::move(location);
  diagnostic.message = std::move(message);
  diagnostics.push_back(std::move(diagnostic));
}

void EvaluationState::Note(const std::string& key, std::string code,
                           const SourceLocation& location,
                           std::string message) {
  if (!noted.insert(key).second) return;
  Diagnostic diagnostic;
  diagnostic.code = std::move(code);
  diagnostic.location = location;
  diagnostic.message = std::move(message);
  diagnostics.push_back(std::move(diagnostic));
}

ModuleInstance::ModuleInstance(EvaluationState& state,
                               std::shared_ptr<const ModuleConfig> config,
                               std::string path,
                               absl::flat_hash_map<std::string, TfValue> inputs,
                               int depth)
    : state_(state),
      config_(std::move(config)),
      path_(std::move(path)),
      inputs_(std::move(inputs)),
      depth_(depth) {
  // Terraform resolves relative file paths against the working directory,
  // the root module's folder.
  functions_.module_dir = state_.root_directory;
  functions_.read_file = ReadConfigurationFile;
  functions_.render_template =
      [this](const std::string& text, const std::string& path,
             const TfValue& variables) -> absl::StatusOr<TfValue> {
    absl::StatusOr<std::vector<TemplatePart>> parts =
        ParseHclTemplate(text, path);
    if (!parts.ok()) return parts.status();
    ObjectScope scope(variables, functions_);
    return EvaluateTemplate(*parts, scope, SourceLocation{path, 1, 1});
  };
}

ModuleInstance::ModuleInstance(
    EvaluationState& state, std::shared_ptr<const ModuleConfig> config,
    std::string path, ModuleInstance* parent, const Block* call,
    std::vector<std::pair<std::string, TfValue>> names, int depth)
    : ModuleInstance(state, std::move(config), std::move(path), {}, depth) {
  parent_ = parent;
  call_ = call;
  call_names_ = std::move(names);
}

ModuleInstance::~ModuleInstance() = default;

void ModuleInstance::Warn(const SourceLocation& location, std::string message) {
  if (!state_.noted.insert(absl::StrCat(location.ToString(), message)).second) {
    return;
  }
  Diagnostic diagnostic;
  diagnostic.level = Diagnostic::Level::kWarning;
  diagnostic.code = "symbolic-value";
  diagnostic.location = location;
  diagnostic.message = std::move(message);
  state_.diagnostics.push_back(std::move(diagnostic));
}

std::string ModuleInstance::Address(const std::string& local) const {
  return path_.empty() ? local : absl::StrCat(path_, ".", local);
}

absl::StatusOr<TfValue> ModuleInstance::Resolve(
    const std::string& root, const SourceLocation& location,
    absl::Span<const TraversalStep> steps, size_t* steps_used) {
  *steps_used = 0;
  auto attribute = [&](size_t i) -> const std::string* {
    if (i >= steps.size() || steps[i].kind != TraversalStep::Kind::kAttribute) {
      return nullptr;
    }
    return &steps[i].name;
  };
  if (root == "var" || root == "local") {
    const std::string* name = attribute(0);
    if (name == nullptr) {
      return InputError(location, absl::StrCat("Invalid reference: \"", root,
                                               "\" must be followed by a "
                                               "name"));
    }
    if (auto memoized = FromMemo(memo_, absl::StrCat(root, ".", *name), steps,
                                 1, steps_used)) {
      return *std::move(memoized);
    }
    *steps_used = 1;
    return root == "var" ? Variable(*name, location) : Local(*name, location);
  }
  if (root == "path") {
    return PathObject(config_->directory, state_.root_directory, location);
  }
  if (root == "terraform") {
    return TfValue::Object({"workspace"},
                           {TfValue::String("default", location)}, location);
  }
  if (root == "count" || root == "each") {
    return InputError(
        location,
        absl::StrCat("Reference to \"", root, "\" in a block without ",
                     root == "count" ? "count" : "for_each"));
  }
  if (root == "self") return TfValue::Unknown("self", location);
  if (root == "module") {
    const std::string* name = attribute(0);
    if (name == nullptr) {
      return InputError(location,
                        "Invalid reference: \"module\" must be followed by a "
                        "module name");
    }
    return ModuleValue(*name, steps, location, steps_used);
  }
  const bool data = root == "data";
  const std::string* type = data ? attribute(0) : &root;
  const std::string* name = attribute(data ? 1 : 0);
  if (type == nullptr || name == nullptr) {
    return InputError(
        location,
        absl::StrCat("Invalid reference: \"", root, "\" must be followed by ",
                     data ? "a type and a name" : "a name"));
  }
  std::string key = absl::StrCat(data ? "data." : "", *type, ".", *name);
  if (!config_->resource_index.contains(key)) {
    return InputError(location,
                      absl::StrCat("Reference to undeclared ",
                                   data ? "data source" : "resource", ": ", key,
                                   " is not declared in ",
                                   path_.empty() ? "the root module" : path_));
  }
  if (auto memoized = FromMemo(memo_, key, steps, data ? 2 : 1, steps_used)) {
    return *std::move(memoized);
  }
  *steps_used = data ? 2 : 1;
  return ResourceValue(key, location);
}

absl::StatusOr<TfValue> ModuleInstance::Variable(
    const std::string& name, const SourceLocation& location) {
  auto declared = config_->variables.find(name);
  if (declared == config_->variables.end()) {
    return InputError(location,
                      absl::StrCat("Reference to undeclared input variable: "
                                   "no variable \"",
                                   name, "\" is declared in ",
                                   path_.empty() ? "the root module" : path_));
  }
  const Block& block = *declared->second;
  return Memoized(
      absl::StrCat("var.", name), location, [&]() -> absl::StatusOr<TfValue> {
        const Body::Attribute* type = block.body.Find("type");
        auto typed = [&](const TfValue& value) -> absl::StatusOr<TfValue> {
          if (type == nullptr) return value;
          absl::StatusOr<TfValue> converted =
              ConvertToTypeConstraint(value, *type->expression);
          if (!converted.ok()) {
            return InputError(
                value.location,
                absl::StrCat("Invalid value for variable \"", name, "\": ",
                             std::string(converted.status().message())));
          }
          return converted;
        };
        const Body::Attribute* fallback = block.body.Find("default");
        const Body::Attribute* nullable = block.body.Find("nullable");
        const bool not_nullable =
            nullable != nullptr &&
            nullable->expression->kind == Expression::Kind::kLiteral &&
            nullable->expression->literal.kind == Value::Kind::kBool &&
            !nullable->expression->literal.boolean;
        if (call_ != nullptr) {
          if (const Body::Attribute* argument = call_->body.Find(name)) {
            NestedScope scope(*parent_);
            for (const auto& [call_name, call_value] : call_names_) {
              scope.Set(call_name, call_value);
            }
            absl::StatusOr<TfValue> value =
                Evaluate(*argument->expression, scope);
            if (!value.ok()) return value.status();
            if (!(value->is_null() && not_nullable && fallback)) {
              return typed(*value);
            }
          }
        }
        if (auto given = inputs_.find(name);
            given != inputs_.end() &&
            !(given->second.is_null() && not_nullable && fallback)) {
          return typed(given->second);
        }
        if (fallback != nullptr) {
          ConstantScope constants;
          absl::StatusOr<TfValue> value =
              Evaluate(*fallback->expression, constants);
          if (!value.ok()) return value.status();
          return typed(*value);
        }
        state_.Note(absl::StrCat(path_, "|var.", name), "symbolic-value",
                    block.location,
                    absl::StrCat("variable \"", name,
                                 "\" has no value (no default, and none given "
                                 "with --var, --var-file or a .tfvars file); "
                                 "it stays symbolic"));
        return TfValue::Unknown(absl::StrCat("var.", name), location);
      });
}

absl::StatusOr<TfValue> ModuleInstance::Local(const std::string& name,
                                              const SourceLocation& location) {
  auto declared = config_->locals.find(name);
  if (declared == config_->locals.end()) {
    return InputError(location,
                      absl::StrCat("Reference to undeclared local value: no "
                                   "local \"",
                                   name, "\" is declared"));
  }
  const Body::Attribute& attribute = *declared->second;
  return Memoized(absl::StrCat("local.", name), attribute.location,
                  [&]() { return Evaluate(*attribute.expression, *this); });
}

absl::StatusOr<ModuleInstance::Expanded> ModuleInstance::Expand(
    const Block& block, const std::string& what) {
  Expanded expanded;
  const Body::Attribute* count = block.body.Find("count");
  const Body::Attribute* for_each = block.body.Find("for_each");
  if (count != nullptr && for_each != nullptr) {
    return InputError(for_each->location,
                      absl::StrCat("Invalid combination of \"count\" and "
                                   "\"for_each\" in ",
                                   what, ": use one of them"));
  }
  const Body::Attribute* given = count != nullptr ? count : for_each;
  if (given == nullptr) return expanded;
  absl::StatusOr<TfValue> value = Evaluate(*given->expression, *this);
  if (!value.ok()) return value.status();
  const SourceLocation& at = given->expression->location;
  if (!value->IsWhollyKnown() &&
      (count != nullptr || value->kind != Kind::kObject)) {
    expanded.mode = Expanded::Mode::kUnknown;
    expanded.unknown = value->is_known() ? given->name : value->text;
    return expanded;
  }
  if (count != nullptr) {
    double number = value->number;
    bool whole = value->kind == Kind::kNumber;
    if (value->kind == Kind::kString) {
      whole = functions_internal::ParseDecimal(value->text, number);
    }
    if (!whole || number < 0 || number != std::floor(number)) {
      return InputError(at, absl::StrCat("Invalid count argument: count must "
                                         "be a whole number of zero or more, "
                                         "got ",
                                         Describe(*value)));
    }
    if (number > state_.options.max_instances) {
      return InputError(at, absl::StrCat("Invalid count argument: ", number,
                                         " instances is more than the limit "
                                         "of ",
                                         state_.options.max_instances));
    }
    expanded.mode = Expanded::Mode::kCount;
    for (int i = 0; i < static_cast<int>(number); ++i) {
      expanded.keys.emplace_back(TfValue::Number(i, at), TfValue::Null(at));
    }
    return expanded;
  }
  expanded.mode = Expanded::Mode::kForEach;
  if (value->kind == Kind::kObject) {
    for (size_t i = 0; i < value->keys.size(); ++i) {
      expanded.keys.emplace_back(
          TfValue::String(value->keys[i], value->key_locations[i]),
          std::move(value->items[i]));
    }
  } else if (value->kind == Kind::kList) {
    for (const TfValue& item : value->items) {
      if (item.kind != Kind::kString) {
        return InputError(at, absl::StrCat("Invalid for_each argument: a map "
                                           "or a set of strings is required, "
                                           "got an element ",
                                           Describe(item)));
      }
      expanded.keys.emplace_back(item, item);
    }
  } else {
    return InputError(
        at, absl::StrCat("Invalid for_each argument: a map or a "
                         "set of strings is required, got ",
                         std::string(TfValue::KindName(value->kind)), " ",
                         Describe(*value)));
  }
  if (expanded.keys.size() >
      static_cast<size_t>(state_.options.max_instances)) {
    return InputError(at, "Invalid for_each argument: too many instances");
  }
  return expanded;
}

absl::StatusOr<TfValue> ModuleInstance::ResourceValue(
    const std::string& key, const SourceLocation& location) {
  const size_t index = config_->resource_index.at(key);
  const ResourceDeclaration& declaration = config_->resources[index];
  const Block& block = *declaration.block;
  return Memoized(key, block.location, [&]() -> absl::StatusOr<TfValue> {
    absl::StatusOr<Expanded> expanded = Expand(block, key);
    if (!expanded.ok()) {
      state_.Error(expanded.status(), block.location);
      expanded = Expanded{
          .mode = Expanded::Mode::kUnknown, .keys = {}, .unknown = "count"};
    }
    std::vector<std::pair<std::string, TfValue>> instances;
    auto evaluate = [&](const std::string& address, NestedScope& scope) {
      TfValue attributes = EvaluateBody(block.body, scope);
      if (declaration.data) {
        if (declaration.type == "aws_iam_policy_document") {
          absl::StatusOr<std::optional<internal::RenderedPolicyDocument>>
              rendered = internal::RenderIamPolicyDocument(attributes);
          if (rendered.ok() && rendered->has_value()) {
            state_.policy_documents[address] = std::move((*rendered)->document);
          }
        }
        absl::StatusOr<TfValue> value = EvaluateDataSource(
            declaration.type, address, attributes, block.location);
        if (!value.ok()) {
          state_.Error(
              InputError(block.location, std::string(value.status().message())),
              block.location);
          value = TfValue::Object({}, {}, block.location);
        }
        attributes = *std::move(value);
      } else {
        instances_[index].push_back(
            ResourceInstance{.address = address,
                             .type = declaration.type,
                             .name = declaration.name,
                             .module_path = path_,
                             .attributes = attributes,
                             .location = block.location});
      }
      attributes.resource_address = address;
      attributes.location = block.location;
      return attributes;
    };
    instances_[index].clear();
    const std::string base = Address(key);
    switch (expanded->mode) {
      case Expanded::Mode::kSingle: {
        NestedScope scope(*this);
        return evaluate(base, scope);
      }
      case Expanded::Mode::kUnknown: {
        state_.Note(
            absl::StrCat(base, "|expansion"), "symbolic-value", block.location,
            absl::StrCat(base, ": how many instances (", expanded->unknown,
                         ") is known only after apply; one instance ", base,
                         "[*] is analysed"));
        NestedScope scope(*this);
        TfValue unknown_index = TfValue::Unknown("count.index", block.location);
        scope.Set("count",
                  TfValue::Object({"index"}, {unknown_index}, block.location));
        scope.Set("each", TfValue::Object(
                              {"key", "value"},
                              {TfValue::Unknown("each.key", block.location),
                               TfValue::Unknown("each.value", block.location)},
                              block.location));
        evaluate(absl::StrCat(base, "[*]"), scope);
        TfValue all = TfValue::Unknown(base, block.location);
        all.resource_address = absl::StrCat(base, "[*]");
        return all;
      }
      case Expanded::Mode::kCount:
      case Expanded::Mode::kForEach:
        break;
    }
    std::vector<std::string> keys;
    std::vector<TfValue> values;
    for (auto& [instance_key, instance_value] : expanded->keys) {
      NestedScope scope(*this);
      if (expanded->mode == Expanded::Mode::kCount) {
        scope.Set("count", TfValue::Object({"index"}, {instance_key},
                                           instance_key.location));
      } else {
        scope.Set("each",
                  TfValue::Object({"key", "value"},
                                  {instance_key, std::move(instance_value)},
                                  instance_key.location));
      }
      keys.push_back(instance_key.text);
      values.push_back(
          evaluate(absl::StrCat(base, KeySuffix(instance_key)), scope));
    }
    if (expanded->mode == Expanded::Mode::kCount) {
      return TfValue::List(std::move(values), block.location);
    }
    return TfValue::Object(std::move(keys), std::move(values), block.location);
  });
}

void ModuleInstance::Collect(std::vector<ResourceInstance>& out) {
  for (size_t i = 0; i < config_->resources.size(); ++i) {
    const ResourceDeclaration& declaration = config_->resources[i];
    if (declaration.data) continue;
    const std::string key =
        absl::StrCat(declaration.type, ".", declaration.name);
    (void)ResourceValue(key, declaration.block->location);
    auto it = instances_.find(i);
    if (it == instances_.end()) continue;
    for (ResourceInstance& instance : it->second) {
      out.push_back(std::move(instance));
    }
    it->second.clear();
  }
  for (size_t i = 0; i < config_->module_calls.size(); ++i) {
    absl::StatusOr<ChildModules*> children =
        Children(i, config_->module_calls[i].block->location);
    if (!children.ok()) {
      state_.Error(children.status(), config_->module_calls[i].block->location);
      continue;
    }
    for (auto& child : (*children)->instances) {
      if (child) child->Collect(out);
    }
  }
}

}  // namespace polygraph::terraform
