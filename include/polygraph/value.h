#ifndef POLYGRAPH_VALUE_H_
#define POLYGRAPH_VALUE_H_

// Value: a JSON/YAML-like document tree in which every node, and every object
// key, keeps the SourceLocation it was read from. Front-ends produce Values;
// the model is built from them; findings cite their locations.
//
// Thread safety: plain value type; thread-compatible. Immutable once built by
// a reader, so a const Value may be shared across threads.

#include <string>
#include <string_view>
#include <vector>

#include "polygraph/source_location.h"

namespace polygraph {

struct Value {
  enum class Kind { kNull, kBool, kNumber, kString, kArray, kObject };

  Kind kind = Kind::kNull;
  // kBool: the value. Unused otherwise.
  bool boolean = false;
  // kString: the decoded string. kNumber: the literal as written (kept exact,
  // "3306" or "0.5"). kNull/kBool: the literal as written.
  std::string text;
  // YAML tag as written ("!Ref", "!GetAtt"); "" for JSON and untagged YAML.
  std::string tag;
  // kArray: the elements. kObject: the member values, in source order.
  std::vector<Value> items;
  // kObject only: member keys and their locations, parallel to `items`.
  std::vector<std::string> keys;
  std::vector<SourceLocation> key_locations;
  // Where the node starts.
  SourceLocation location;

  bool is_null() const { return kind == Kind::kNull; }
  bool is_bool() const { return kind == Kind::kBool; }
  bool is_number() const { return kind == Kind::kNumber; }
  bool is_string() const { return kind == Kind::kString; }
  bool is_array() const { return kind == Kind::kArray; }
  bool is_object() const { return kind == Kind::kObject; }
  // kString, kNumber or kBool: the scalar text.
  bool is_scalar() const { return is_string() || is_number() || is_bool(); }

  // kObject: the member named `key` (exact match), or nullptr. The first of
  // duplicate keys wins; readers reject duplicates where the format does.
  const Value* Find(std::string_view key) const;
  // kObject: the location of the key `key`, or this node's location.
  const SourceLocation& KeyLocation(std::string_view key) const;
  // A one-word name of the kind: "null", "boolean", "number", ...
  static std::string_view KindName(Kind kind);
};

}  // namespace polygraph

#endif  // POLYGRAPH_VALUE_H_
