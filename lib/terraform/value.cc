#include "terraform/value.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <optional>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace polygraph::terraform {
namespace {

bool AnyUnknown(const std::vector<TfValue>& items) {
  return std::any_of(items.begin(), items.end(),
                     [](const TfValue& item) { return !item.IsWhollyKnown(); });
}

// The text an unknown stands for inside a rendered string: "${var.x}" for
// a named unknown, its parts' texts for a template.
std::string UnknownText(const TfValue& value) {
  if (value.kind != TfValue::Kind::kUnknown) {
    return value.kind == TfValue::Kind::kString ? value.text : Describe(value);
  }
  if (value.items.empty()) return absl::StrCat("${", value.text, "}");
  std::string text;
  for (const TfValue& part : value.items) text += UnknownText(part);
  return text;
}

}  // namespace

bool TfValue::IsWhollyKnown() const {
  if (kind == Kind::kUnknown) return false;
  return !AnyUnknown(items);
}

const TfValue* TfValue::Find(std::string_view key) const {
  if (kind != Kind::kObject) return nullptr;
  auto it = std::lower_bound(keys.begin(), keys.end(), key);
  if (it == keys.end() || *it != key) return nullptr;
  return &items[static_cast<size_t>(it - keys.begin())];
}

TfValue TfValue::Null(SourceLocation location) {
  TfValue value;
  value.text = "null";
  value.location = std::move(location);
  return value;
}

TfValue TfValue::Bool(bool boolean, SourceLocation location) {
  TfValue value;
  value.kind = Kind::kBool;
  value.boolean = boolean;
  value.text = boolean ? "true" : "false";
  value.location = std::move(location);
  return value;
}

TfValue TfValue::Number(double number, SourceLocation location) {
  TfValue value;
  value.kind = Kind::kNumber;
  value.number = number;
  value.text = FormatNumber(number);
  value.location = std::move(location);
  return value;
}

TfValue TfValue::String(std::string text, SourceLocation location) {
  TfValue value;
  value.kind = Kind::kString;
  value.text = std::move(text);
  value.location = std::move(location);
  return value;
}

TfValue TfValue::List(std::vector<TfValue> items, SourceLocation location) {
  TfValue value;
  value.kind = Kind::kList;
  value.items = std::move(items);
  value.location = std::move(location);
  return value;
}

TfValue TfValue::Object(std::vector<std::string> keys,
                        std::vector<TfValue> items, SourceLocation location) {
  TfValue value;
  value.kind = Kind::kObject;
  value.location = std::move(location);
  std::vector<size_t> order(keys.size());
  std::iota(order.begin(), order.end(), size_t{0});
  // Stable, so among duplicates the later one ends last and wins below.
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return keys[a] < keys[b]; });
  for (size_t index : order) {
    if (!value.keys.empty() && value.keys.back() == keys[index]) {
      value.items.back() = std::move(items[index]);
      value.key_locations.back() = value.items.back().location;
      continue;
    }
    value.keys.push_back(std::move(keys[index]));
    value.key_locations.push_back(items[index].location);
    value.items.push_back(std::move(items[index]));
  }
  return value;
}

TfValue TfValue::Unknown(std::string what, SourceLocation location) {
  TfValue value;
  value.kind = Kind::kUnknown;
  value.text = std::move(what);
  value.location = std::move(location);
  return value;
}

TfValue TfValue::ResourceAttribute(std::string address, std::string attribute,
                                   SourceLocation location) {
  TfValue value = Unknown(
      attribute.empty() ? address : absl::StrCat(address, ".", attribute),
      std::move(location));
  value.resource_address = std::move(address);
  value.attribute = std::move(attribute);
  return value;
}

TfValue TfValue::Concatenation(std::vector<TfValue> parts,
                               SourceLocation location) {
  std::vector<TfValue> merged;
  // Appends one part: empty strings vanish, adjacent strings merge (also
  // across the parts of a nested template).
  auto append = [&merged](TfValue part) {
    if (part.kind == Kind::kString && part.text.empty()) return;
    if (part.kind == Kind::kString && !merged.empty() &&
        merged.back().kind == Kind::kString) {
      merged.back().text += part.text;
      return;
    }
    merged.push_back(std::move(part));
  };
  for (TfValue& part : parts) {
    if (part.kind == Kind::kUnknown && !part.items.empty() &&
        part.text.empty()) {
      for (TfValue& inner : part.items) append(std::move(inner));
      continue;
    }
    append(std::move(part));
  }
  bool known = std::all_of(merged.begin(), merged.end(), [](const TfValue& p) {
    return p.kind == Kind::kString;
  });
  if (known) {
    return String(merged.empty() ? "" : std::move(merged.front().text),
                  std::move(location));
  }
  if (merged.size() == 1) {
    merged.front().location = std::move(location);
    return std::move(merged.front());
  }
  TfValue value = Unknown("", std::move(location));
  value.items = std::move(merged);
  return value;
}

std::string TfValue::FormatNumber(double value) {
  if (std::isfinite(value) && value == std::floor(value) &&
      std::fabs(value) < 1e15) {
    return absl::StrCat(static_cast<long long>(value));
  }
  // Like Terraform, never an exponent: 1e20 is "100000000000000000000".
  char buffer[400];
  auto result = std::isfinite(value)
                    ? std::to_chars(buffer, buffer + sizeof buffer, value,
                                    std::chars_format::fixed)
                    : std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

std::string_view TfValue::KindName(Kind kind) {
  switch (kind) {
    case Kind::kNull:
      return "null";
    case Kind::kBool:
      return "bool";
    case Kind::kNumber:
      return "number";
    case Kind::kString:
      return "string";
    case Kind::kList:
      return "list";
    case Kind::kObject:
      return "object";
    case Kind::kUnknown:
      return "unknown";
  }
  return "unknown";
}

bool operator==(const TfValue& a, const TfValue& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case TfValue::Kind::kNull:
      return true;
    case TfValue::Kind::kBool:
      return a.boolean == b.boolean;
    case TfValue::Kind::kNumber:
      return a.number == b.number;
    case TfValue::Kind::kString:
      return a.text == b.text;
    case TfValue::Kind::kObject:
      if (a.keys != b.keys) return false;
      [[fallthrough]];
    case TfValue::Kind::kList:
    case TfValue::Kind::kUnknown:
      return a.text == b.text && a.items == b.items;
  }
  return false;
}

TfValue FromDocument(const Value& document) {
  switch (document.kind) {
    case Value::Kind::kNull:
      return TfValue::Null(document.location);
    case Value::Kind::kBool:
      return TfValue::Bool(document.boolean, document.location);
    case Value::Kind::kNumber: {
      double number = 0;
      std::from_chars(document.text.data(),
                      document.text.data() + document.text.size(), number);
      TfValue value = TfValue::Number(number, document.location);
      return value;
    }
    case Value::Kind::kString:
      return TfValue::String(document.text, document.location);
    case Value::Kind::kArray: {
      std::vector<TfValue> items;
      items.reserve(document.items.size());
      for (const Value& item : document.items) {
        items.push_back(FromDocument(item));
      }
      return TfValue::List(std::move(items), document.location);
    }
    case Value::Kind::kObject: {
      std::vector<TfValue> items;
      items.reserve(document.items.size());
      for (size_t i = 0; i < document.items.size(); ++i) {
        items.push_back(FromDocument(document.items[i]));
        items.back().location = document.items[i].location;
      }
      TfValue value =
          TfValue::Object(document.keys, std::move(items), document.location);
      for (size_t i = 0; i < value.keys.size(); ++i) {
        value.key_locations[i] = document.KeyLocation(value.keys[i]);
      }
      return value;
    }
  }
  return TfValue::Null(document.location);
}

Value ToDocument(const TfValue& value, const DocumentOverride& override) {
  if (override) {
    if (std::optional<Value> replaced = override(value)) return *replaced;
  }
  Value document;
  document.location = value.location;
  switch (value.kind) {
    case TfValue::Kind::kNull:
      document.text = "null";
      break;
    case TfValue::Kind::kBool:
      document.kind = Value::Kind::kBool;
      document.boolean = value.boolean;
      document.text = value.boolean ? "true" : "false";
      break;
    case TfValue::Kind::kNumber:
      document.kind = Value::Kind::kNumber;
      document.text = value.text;
      break;
    case TfValue::Kind::kString:
      document.kind = Value::Kind::kString;
      document.text = value.text;
      break;
    case TfValue::Kind::kUnknown:
      document.kind = Value::Kind::kString;
      document.text = UnknownText(value);
      break;
    case TfValue::Kind::kList:
      document.kind = Value::Kind::kArray;
      for (const TfValue& item : value.items) {
        document.items.push_back(ToDocument(item, override));
      }
      break;
    case TfValue::Kind::kObject:
      document.kind = Value::Kind::kObject;
      document.keys = value.keys;
      document.key_locations = value.key_locations;
      for (const TfValue& item : value.items) {
        document.items.push_back(ToDocument(item, override));
      }
      break;
  }
  return document;
}

std::string Describe(const TfValue& value) {
  switch (value.kind) {
    case TfValue::Kind::kNull:
    case TfValue::Kind::kBool:
    case TfValue::Kind::kNumber:
      return value.text;
    case TfValue::Kind::kString: {
      std::string text = value.text.size() > 80
                             ? absl::StrCat(value.text.substr(0, 77), "...")
                             : value.text;
      return absl::StrCat("\"", text, "\"");
    }
    case TfValue::Kind::kUnknown:
      return absl::StrCat("(known after apply: ",
                          value.items.empty() ? value.text : UnknownText(value),
                          ")");
    case TfValue::Kind::kList: {
      if (value.items.size() > 4) {
        return absl::StrCat("[", value.items.size(), " elements]");
      }
      std::vector<std::string> parts;
      for (const TfValue& item : value.items) parts.push_back(Describe(item));
      return absl::StrCat("[", absl::StrJoin(parts, ", "), "]");
    }
    case TfValue::Kind::kObject: {
      if (value.keys.size() > 4) {
        return absl::StrCat("{", value.keys.size(), " attributes}");
      }
      std::vector<std::string> parts;
      for (size_t i = 0; i < value.keys.size(); ++i) {
        parts.push_back(
            absl::StrCat(value.keys[i], " = ", Describe(value.items[i])));
      }
      return absl::StrCat("{", absl::StrJoin(parts, ", "), "}");
    }
  }
  return "";
}

}  // namespace polygraph::terraform
