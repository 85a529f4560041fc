#include "ingest/ecs_task_definition.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"

namespace polygraph::ingest {

absl::Status ImportEcsTaskDefinition(const Value& document,
                                     ModelBuilder& builder) {
  const Value* definition = &document;
  if (document.Find("containerDefinitions") == nullptr) {
    const Value* wrapped = document.Find("taskDefinition");
    if (wrapped != nullptr && wrapped->is_object()) definition = wrapped;
  }
  if (!definition->is_object()) {
    return InputError(definition->location,
                      "a task definition must be an object");
  }
  const Value* family = definition->Find("family");
  if (family == nullptr) {
    return InputError(definition->location, "task definition has no family");
  }
  if (!family->is_string() || family->text.empty()) {
    return InputError(
        family->location,
        absl::StrCat("family must be a non-empty string, found ",
                     family->is_string()
                         ? std::string("\"\"")
                         : std::string(Value::KindName(family->kind))));
  }
  const Value* containers = definition->Find("containerDefinitions");
  if (containers == nullptr) {
    return InputError(definition->location,
                      "task definition has no containerDefinitions");
  }
  if (!containers->is_array()) {
    return InputError(
        containers->location,
        absl::StrCat("containerDefinitions must be an array, found ",
                     std::string(Value::KindName(containers->kind))));
  }
  for (const Value& container : containers->items) {
    if (!container.is_object()) {
      return InputError(
          container.location,
          absl::StrCat("a container definition must be an object, found ",
                       std::string(Value::KindName(container.kind))));
    }
  }

  Resource resource;
  resource.name = family->text;
  resource.type = "ecs_task_definition";  // a file has no provider type
  resource.kind = ResourceKind::kEcsTaskDefinition;
  resource.format = SourceFormat::kEcsTaskDefinition;
  resource.location = definition->location;
  resource.properties = *definition;
  builder.AddResource(std::move(resource));
  return absl::OkStatus();
}

}  // namespace polygraph::ingest
