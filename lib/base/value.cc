#include "polygraph/value.h"

namespace polygraph {

const Value* Value::Find(std::string_view key) const {
  if (kind != Kind::kObject) return nullptr;
  for (size_t i = 0; i < keys.size() && i < items.size(); ++i) {
    if (keys[i] == key) return &items[i];
  }
  return nullptr;
}

const SourceLocation& Value::KeyLocation(std::string_view key) const {
  for (size_t i = 0; i < keys.size() && i < key_locations.size(); ++i) {
    if (keys[i] == key) return key_locations[i];
  }
  return location;
}

std::string_view Value::KindName(Kind kind) {
  switch (kind) {
    case Kind::kNull:
      return "null";
    case Kind::kBool:
      return "boolean";
    case Kind::kNumber:
      return "number";
    case Kind::kString:
      return "string";
    case Kind::kArray:
      return "array";
    case Kind::kObject:
      return "object";
  }
  return "unknown";
}

}  // namespace polygraph
