// ModuleInstance::EvaluateBody: a block body as an object, nested and
// dynamic blocks as lists (module_instance.h).

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "polygraph/source_location.h"
#include "terraform/module_instance.h"

namespace polygraph::terraform {
namespace {

using Kind = TfValue::Kind;

bool IsMetaBlock(const std::string& type) {
  return type == "lifecycle" || type == "provisioner" || type == "connection";
}

}  // namespace

TfValue ModuleInstance::EvaluateBody(const Body& body, Scope& scope) {
  std::vector<std::string> keys;
  std::vector<TfValue> values;
  for (const Body::Attribute& attribute : body.attributes) {
    if (IsMetaArgument(attribute.name)) continue;
    absl::StatusOr<TfValue> value = Evaluate(*attribute.expression, scope);
    if (!value.ok()) {
      state_.Error(value.status(), attribute.location);
      value = TfValue::Unknown(attribute.name, attribute.expression->location);
    }
    keys.push_back(attribute.name);
    values.push_back(*std::move(value));
  }
  // Nested blocks of one type, in order, as a list; a dynamic block whose
  // for_each is unknown makes its type's list unknown.
  std::vector<std::string> block_types;
  std::vector<std::vector<TfValue>> block_lists;
  std::vector<std::string> unknown_lists;
  std::vector<SourceLocation> block_locations;
  auto list_of = [&](const std::string& type,
                     const SourceLocation& location) -> size_t {
    for (size_t i = 0; i < block_types.size(); ++i) {
      if (block_types[i] == type) return i;
    }
    block_types.push_back(type);
    block_lists.emplace_back();
    unknown_lists.emplace_back();
    block_locations.push_back(location);
    return block_types.size() - 1;
  };
  for (const Block& block : body.blocks) {
    if (IsMetaBlock(block.type)) continue;
    if (block.type != "dynamic") {
      // A nested block is located at its type keyword, as findings on it
      // should be.
      TfValue nested = EvaluateBody(block.body, scope);
      nested.location = block.location;
      block_lists[list_of(block.type, block.location)].push_back(
          std::move(nested));
      continue;
    }
    if (block.labels.size() != 1) {
      state_.Error(InputError(block.location,
                              "A dynamic block needs one label: the type of "
                              "the blocks it makes"),
                   block.location);
      continue;
    }
    const std::string& type = block.labels[0];
    const size_t list = list_of(type, block.location);
    const Body::Attribute* for_each = block.body.Find("for_each");
    const Block* content = nullptr;
    for (const Block& inner : block.body.blocks) {
      if (inner.type == "content") content = &inner;
    }
    if (for_each == nullptr || content == nullptr) {
      state_.Error(InputError(block.location,
                              absl::StrCat("The dynamic \"", type,
                                           "\" block needs a for_each "
                                           "argument and a content block")),
                   block.location);
      continue;
    }
    std::string iterator = type;
    if (const Body::Attribute* name = block.body.Find("iterator")) {
      if (name->expression->kind == Expression::Kind::kVariable) {
        iterator = name->expression->name;
      }
    }
    absl::StatusOr<TfValue> collection = Evaluate(*for_each->expression, scope);
    if (!collection.ok()) {
      state_.Error(collection.status(), for_each->location);
      unknown_lists[list] = absl::StrCat("dynamic ", type);
      continue;
    }
    if (!collection->is_known()) {
      unknown_lists[list] = collection->text;
      continue;
    }
    if (collection->is_null()) continue;
    if (collection->kind != Kind::kList && collection->kind != Kind::kObject) {
      state_.Error(
          InputError(for_each->expression->location,
                     absl::StrCat("Invalid dynamic for_each value: a list, set "
                                  "or map is required, got ",
                                  Describe(*collection))),
          for_each->location);
      continue;
    }
    for (size_t i = 0; i < collection->items.size(); ++i) {
      const TfValue& item = collection->items[i];
      TfValue key =
          collection->kind == Kind::kObject
              ? TfValue::String(collection->keys[i], item.location)
              : TfValue::Number(static_cast<double>(i), item.location);
      NestedScope inner(scope);
      inner.Set(iterator,
                TfValue::Object({"key", "value"}, {key, item}, item.location));
      TfValue made = EvaluateBody(content->body, inner);
      made.location = content->location;
      block_lists[list].push_back(std::move(made));
    }
  }
  for (size_t i = 0; i < block_types.size(); ++i) {
    keys.push_back(block_types[i]);
    if (!unknown_lists[i].empty()) {
      values.push_back(TfValue::Unknown(unknown_lists[i], block_locations[i]));
    } else {
      values.push_back(
          TfValue::List(std::move(block_lists[i]), block_locations[i]));
    }
  }
  return TfValue::Object(std::move(keys), std::move(values), body.location);
}

}  // namespace polygraph::terraform
