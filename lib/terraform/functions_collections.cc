// Collection functions and the collection type conversions (tolist, toset,
// tomap).

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "terraform/functions_internal.h"

namespace polygraph::terraform::functions_internal {

using Kind = TfValue::Kind;

bool SetLess(const TfValue& a, const TfValue& b) {
  if (a.kind != b.kind) return a.kind < b.kind;
  switch (a.kind) {
    case Kind::kNull:
      return false;
    case Kind::kBool:
      return a.boolean < b.boolean;
    case Kind::kNumber:
      return a.number < b.number;
    case Kind::kString:
    case Kind::kUnknown:
      return a.text < b.text;
    case Kind::kList:
    case Kind::kObject:
      return JsonEncode(a) < JsonEncode(b);
  }
  return false;
}

TfValue MakeSet(std::vector<TfValue> items, const SourceLocation& location) {
  std::stable_sort(items.begin(), items.end(), SetLess);
  items.erase(std::unique(items.begin(), items.end()), items.end());
  return TfValue::List(std::move(items), location);
}

bool LooselyEqual(const TfValue& a, const TfValue& b) {
  if (a == b) return true;
  const bool a_scalar = a.kind == Kind::kString || a.kind == Kind::kNumber ||
                        a.kind == Kind::kBool;
  const bool b_scalar = b.kind == Kind::kString || b.kind == Kind::kNumber ||
                        b.kind == Kind::kBool;
  if (!a_scalar || !b_scalar) return false;
  if (a.kind != Kind::kString && b.kind != Kind::kString) return false;
  return a.text == b.text;
}

namespace {

// An argument that must be a list; an unknown list makes the result unknown
// (`unknown` set).
absl::Status ListOrUnknown(Call& call, size_t index, bool& unknown) {
  if (!call.args[index].is_known()) {
    unknown = true;
    return absl::OkStatus();
  }
  return RequireList(call, index);
}

absl::StatusOr<TfValue> Length(Call& call) {
  const TfValue& value = call.args[0];
  switch (value.kind) {
    case Kind::kUnknown:
      return UnknownResult(call);
    case Kind::kString:
      return TfValue::Number(
          static_cast<double>(CodePointOffsets(value.text).size() - 1),
          call.location);
    case Kind::kList:
    case Kind::kObject:
      return TfValue::Number(static_cast<double>(value.items.size()),
                             call.location);
    case Kind::kNull:
      return ArgumentError(call, "argument must not be null");
    default:
      return ArgumentError(
          call, absl::StrCat("argument must be a string, a collection type, "
                             "or a structural type, got ",
                             Describe(value)));
  }
}

absl::StatusOr<TfValue> Concat(Call& call) {
  std::vector<TfValue> items;
  bool unknown = false;
  for (size_t i = 0; i < call.args.size(); ++i) {
    if (absl::Status status = ListOrUnknown(call, i, unknown); !status.ok()) {
      return status;
    }
    if (unknown) continue;
    for (TfValue& item : call.args[i].items) items.push_back(std::move(item));
  }
  if (unknown) return UnknownResult(call);
  return TfValue::List(std::move(items), call.location);
}

// False when an unknown element might be a list.
bool FlattenInto(std::vector<TfValue>& items, std::vector<TfValue>& out) {
  for (TfValue& item : items) {
    if (!item.is_known() && item.items.empty()) return false;
    if (item.kind == Kind::kList) {
      if (!FlattenInto(item.items, out)) return false;
      continue;
    }
    out.push_back(std::move(item));
  }
  return true;
}

absl::StatusOr<TfValue> Flatten(Call& call) {
  bool unknown = false;
  if (absl::Status status = ListOrUnknown(call, 0, unknown); !status.ok()) {
    return status;
  }
  if (unknown) return UnknownResult(call);
  std::vector<TfValue> out;
  if (!FlattenInto(call.args[0].items, out)) return UnknownResult(call);
  return TfValue::List(std::move(out), call.location);
}

absl::StatusOr<TfValue> Merge(Call& call) {
  std::vector<std::string> keys;
  std::vector<TfValue> items;
  for (size_t i = 0; i < call.args.size(); ++i) {
    TfValue& argument = call.args[i];
    if (argument.is_null()) continue;
    if (!argument.is_known()) return UnknownResult(call);
    if (argument.kind != Kind::kObject) {
      return ArgumentError(
          call, absl::StrCat("arguments must be maps or objects, got ",
                             internal::ToAbsl(TfValue::KindName(argument.kind)),
                             " ", Describe(argument)));
    }
    for (size_t k = 0; k < argument.keys.size(); ++k) {
      keys.push_back(argument.keys[k]);
      items.push_back(std::move(argument.items[k]));
    }
  }
  return TfValue::Object(std::move(keys), std::move(items), call.location);
}

absl::StatusOr<TfValue> Lookup(Call& call) {
  const TfValue& map = call.args[0];
  if (!map.is_known() || !call.args[1].is_known()) return UnknownResult(call);
  if (absl::Status status = RequireObject(call, 0); !status.ok()) return status;
  absl::StatusOr<std::string> key = StringArg(call, 1);
  if (!key.ok()) return key.status();
  if (const TfValue* found = map.Find(*key)) return *found;
  if (call.args.size() == 3) return call.args[2];
  return ArgumentError(call, absl::StrCat("lookup failed to find key ",
                                          internal::QuoteForMessage(*key)));
}

absl::StatusOr<TfValue> Element(Call& call) {
  if (!call.args[0].is_known() || !call.args[1].is_known()) {
    return UnknownResult(call);
  }
  if (absl::Status status = RequireList(call, 0); !status.ok()) return status;
  absl::StatusOr<int64_t> index = IntegerArg(call, 1);
  if (!index.ok()) return index.status();
  const std::vector<TfValue>& items = call.args[0].items;
  if (items.empty()) {
    return ArgumentError(call,
                         "cannot use element function with an empty list");
  }
  if (*index < 0) {
    return ArgumentError(call,
                         "cannot use element function with a negative index");
  }
  return items[static_cast<size_t>(*index) % items.size()];
}

absl::StatusOr<TfValue> Keys(Call& call) {
  if (!call.args[0].is_known()) return UnknownResult(call);
  if (absl::Status status = RequireObject(call, 0); !status.ok()) return status;
  std::vector<TfValue> items;
  for (const std::string& key : call.args[0].keys) {
    items.push_back(TfValue::String(key, call.location));
  }
  return TfValue::List(std::move(items), call.location);
}

absl::StatusOr<TfValue> Values(Call& call) {
  if (!call.args[0].is_known()) return UnknownResult(call);
  if (absl::Status status = RequireObject(call, 0); !status.ok()) return status;
  return TfValue::List(std::move(call.args[0].items), call.location);
}

absl::StatusOr<TfValue> Zipmap(Call& call) {
  if (!call.args[0].IsWhollyKnown() || !call.args[1].is_known()) {
    return UnknownResult(call);
  }
  if (absl::Status status = RequireList(call, 0); !status.ok()) return status;
  if (absl::Status status = RequireList(call, 1); !status.ok()) return status;
  std::vector<TfValue>& key_values = call.args[0].items;
  std::vector<TfValue>& values = call.args[1].items;
  if (key_values.size() != values.size()) {
    return ArgumentError(
        call, absl::StrCat("number of keys (", key_values.size(),
                           ") does not match number of values (", values.size(),
                           ")"));
  }
  std::vector<std::string> keys;
  for (const TfValue& key : key_values) {
    if (key.is_null()) return ArgumentError(call, "keys must not be null");
    absl::StatusOr<std::string> text = ConvertToString(key);
    if (!text.ok()) return ArgumentError(call, text.status().message());
    keys.push_back(*std::move(text));
  }
  return TfValue::Object(std::move(keys), std::move(values), call.location);
}

absl::StatusOr<TfValue> Distinct(Call& call) {
  if (absl::Status status = RequireList(call, 0); !status.ok()) return status;
  std::vector<TfValue> items;
  for (TfValue& item : call.args[0].items) {
    if (std::find(items.begin(), items.end(), item) == items.end()) {
      items.push_back(std::move(item));
    }
  }
  return TfValue::List(std::move(items), call.location);
}

absl::StatusOr<TfValue> Contains(Call& call) {
  if (absl::Status status = RequireList(call, 0); !status.ok()) return status;
  for (const TfValue& item : call.args[0].items) {
    if (LooselyEqual(item, call.args[1])) {
      return TfValue::Bool(true, call.location);
    }
  }
  return TfValue::Bool(false, call.location);
}

absl::StatusOr<TfValue> Index(Call& call) {
  if (absl::Status status = RequireList(call, 0); !status.ok()) return status;
  const std::vector<TfValue>& items = call.args[0].items;
  for (size_t i = 0; i < items.size(); ++i) {
    if (LooselyEqual(items[i], call.args[1])) {
      return TfValue::Number(static_cast<double>(i), call.location);
    }
  }
  return ArgumentError(call, "item not found");
}

absl::StatusOr<TfValue> Range(Call& call) {
  double start = 0;
  double limit = 0;
  double step = 1;
  std::vector<double> numbers;
  for (size_t i = 0; i < call.args.size(); ++i) {
    absl::StatusOr<double> number = NumberArg(call, i);
    if (!number.ok()) return number.status();
    numbers.push_back(*number);
  }
  if (numbers.size() == 1) {
    limit = numbers[0];
  } else {
    start = numbers[0];
    limit = numbers[1];
    if (numbers.size() == 3) {
      step = numbers[2];
    } else if (limit < start) {
      step = -1;
    }
  }
  if (step == 0) return ArgumentError(call, "step must not be zero");
  if (step < 0 && start < limit) {
    return ArgumentError(call,
                         "limit must be less than start when step is negative");
  }
  if (step > 0 && limit < start) {
    return ArgumentError(
        call, "limit must be greater than start when step is positive");
  }
  std::vector<TfValue> items;
  for (double value = start; step > 0 ? value < limit : value > limit;
       value += step) {
    if (items.size() >= 1024) {
      return ArgumentError(
          call,
          "more than 1024 values were generated; either decrease the "
          "difference between start and end or use a smaller step");
    }
    items.push_back(TfValue::Number(value, call.location));
  }
  return TfValue::List(std::move(items), call.location);
}

absl::StatusOr<TfValue> Coalesce(Call& call) {
  for (const TfValue& argument : call.args) {
    if (!argument.is_known()) return UnknownResult(call);
    if (argument.is_null()) continue;
    if (argument.kind == Kind::kString && argument.text.empty()) continue;
    if (!argument.IsWhollyKnown()) return UnknownResult(call);
    return argument;
  }
  return ArgumentError(call, "no non-null, non-empty-string arguments");
}

absl::StatusOr<TfValue> CoalesceList(Call& call) {
  for (size_t i = 0; i < call.args.size(); ++i) {
    const TfValue& argument = call.args[i];
    if (!argument.is_known()) return UnknownResult(call);
    if (argument.is_null()) continue;
    if (absl::Status status = RequireList(call, i); !status.ok()) return status;
    if (!argument.items.empty()) return argument;
  }
  return ArgumentError(call, "no non-null arguments");
}

absl::StatusOr<TfValue> Compact(Call& call) {
  if (absl::Status status = RequireList(call, 0); !status.ok()) return status;
  std::vector<TfValue> items;
  for (const TfValue& item : call.args[0].items) {
    if (item.is_null()) continue;
    absl::StatusOr<std::string> text = ConvertToString(item);
    if (!text.ok()) return ArgumentError(call, text.status().message());
    if (!text->empty()) items.push_back(TfValue::String(*text, call.location));
  }
  return TfValue::List(std::move(items), call.location);
}

absl::StatusOr<TfValue> Slice(Call& call) {
  for (const TfValue& argument : call.args) {
    if (!argument.is_known()) return UnknownResult(call);
  }
  if (absl::Status status = RequireList(call, 0); !status.ok()) return status;
  absl::StatusOr<int64_t> from = IntegerArg(call, 1);
  if (!from.ok()) return from.status();
  absl::StatusOr<int64_t> to = IntegerArg(call, 2);
  if (!to.ok()) return to.status();
  std::vector<TfValue>& items = call.args[0].items;
  if (*from < 0) {
    return ArgumentError(call, "from index must be greater than or equal to 0");
  }
  if (*to > static_cast<int64_t>(items.size())) {
    return ArgumentError(
        call, "to index must be less than or equal to the length of the list");
  }
  if (*from > *to) {
    return ArgumentError(call,
                         "from index must be less than or equal to index");
  }
  return TfValue::List(
      std::vector<TfValue>(items.begin() + *from, items.begin() + *to),
      call.location);
}

absl::StatusOr<TfValue> Reverse(Call& call) {
  if (!call.args[0].is_known()) return UnknownResult(call);
  if (absl::Status status = RequireList(call, 0); !status.ok()) return status;
  std::vector<TfValue> items = std::move(call.args[0].items);
  std::reverse(items.begin(), items.end());
  return TfValue::List(std::move(items), call.location);
}

absl::StatusOr<TfValue> Sort(Call& call) {
  if (absl::Status status = RequireList(call, 0); !status.ok()) return status;
  std::vector<std::string> texts;
  const std::vector<TfValue>& items = call.args[0].items;
  for (size_t i = 0; i < items.size(); ++i) {
    if (items[i].is_null()) {
      return ArgumentError(call,
                           absl::StrCat("given list element ", i,
                                        " is null; a null string cannot be "
                                        "sorted"));
    }
    absl::StatusOr<std::string> text = ConvertToString(items[i]);
    if (!text.ok()) return ArgumentError(call, text.status().message());
    texts.push_back(*std::move(text));
  }
  std::sort(texts.begin(), texts.end());
  std::vector<TfValue> sorted;
  for (std::string& text : texts) {
    sorted.push_back(TfValue::String(std::move(text), call.location));
  }
  return TfValue::List(std::move(sorted), call.location);
}

absl::StatusOr<TfValue> SetUnion(Call& call) {
  std::vector<TfValue> items;
  for (size_t i = 0; i < call.args.size(); ++i) {
    if (absl::Status status = RequireList(call, i); !status.ok()) return status;
    for (TfValue& item : call.args[i].items) items.push_back(std::move(item));
  }
  return MakeSet(std::move(items), call.location);
}

absl::StatusOr<TfValue> SetIntersection(Call& call) {
  for (size_t i = 0; i < call.args.size(); ++i) {
    if (absl::Status status = RequireList(call, i); !status.ok()) return status;
  }
  std::vector<TfValue> items;
  for (const TfValue& item : call.args[0].items) {
    bool everywhere = true;
    for (size_t i = 1; i < call.args.size() && everywhere; ++i) {
      const std::vector<TfValue>& other = call.args[i].items;
      everywhere = std::find(other.begin(), other.end(), item) != other.end();
    }
    if (everywhere) items.push_back(item);
  }
  return MakeSet(std::move(items), call.location);
}

absl::StatusOr<TfValue> SetProduct(Call& call) {
  std::vector<std::vector<TfValue>> product = {{}};
  for (size_t i = 0; i < call.args.size(); ++i) {
    if (absl::Status status = RequireList(call, i); !status.ok()) return status;
    std::vector<std::vector<TfValue>> next;
    for (const std::vector<TfValue>& prefix : product) {
      for (const TfValue& item : call.args[i].items) {
        next.push_back(prefix);
        next.back().push_back(item);
      }
    }
    product = std::move(next);
  }
  std::vector<TfValue> items;
  for (std::vector<TfValue>& tuple : product) {
    items.push_back(TfValue::List(std::move(tuple), call.location));
  }
  return TfValue::List(std::move(items), call.location);
}

absl::StatusOr<TfValue> ChunkList(Call& call) {
  if (!call.args[0].is_known() || !call.args[1].is_known()) {
    return UnknownResult(call);
  }
  if (absl::Status status = RequireList(call, 0); !status.ok()) return status;
  absl::StatusOr<int64_t> size = IntegerArg(call, 1);
  if (!size.ok()) return size.status();
  if (*size < 0) {
    return ArgumentError(call, "the size argument must be positive");
  }
  std::vector<TfValue>& items = call.args[0].items;
  if (*size == 0) {
    return TfValue::List({TfValue::List(std::move(items), call.location)},
                         call.location);
  }
  std::vector<TfValue> chunks;
  for (size_t i = 0; i < items.size(); i += static_cast<size_t>(*size)) {
    size_t end = std::min(items.size(), i + static_cast<size_t>(*size));
    chunks.push_back(TfValue::List(
        std::vector<TfValue>(items.begin() + i, items.begin() + end),
        call.location));
  }
  return TfValue::List(std::move(chunks), call.location);
}

absl::StatusOr<TfValue> One(Call& call) {
  if (!call.args[0].is_known()) return UnknownResult(call);
  if (call.args[0].is_null()) {
    return ArgumentError(call, "argument must not be null");
  }
  if (absl::Status status = RequireList(call, 0); !status.ok()) return status;
  std::vector<TfValue>& items = call.args[0].items;
  if (items.empty()) return TfValue::Null(call.location);
  if (items.size() == 1) return std::move(items[0]);
  return ArgumentError(call,
                       "must be a list, set, or tuple value with either zero "
                       "or one elements");
}

absl::StatusOr<TfValue> Transpose(Call& call) {
  if (absl::Status status = RequireObject(call, 0); !status.ok()) return status;
  const TfValue& map = call.args[0];
  std::vector<std::string> keys;
  std::vector<std::vector<TfValue>> lists;
  for (size_t k = 0; k < map.keys.size(); ++k) {
    if (map.items[k].kind != Kind::kList) {
      return ArgumentError(
          call,
          absl::StrCat("value of ", internal::QuoteForMessage(map.keys[k]),
                       " must be a list of strings"));
    }
    for (const TfValue& item : map.items[k].items) {
      absl::StatusOr<std::string> text = ConvertToString(item);
      if (!text.ok()) return ArgumentError(call, text.status().message());
      auto it = std::find(keys.begin(), keys.end(), *text);
      size_t index = static_cast<size_t>(it - keys.begin());
      if (it == keys.end()) {
        keys.push_back(*text);
        lists.emplace_back();
      }
      lists[index].push_back(TfValue::String(map.keys[k], call.location));
    }
  }
  std::vector<TfValue> items;
  for (std::vector<TfValue>& list : lists) {
    items.push_back(TfValue::List(std::move(list), call.location));
  }
  return TfValue::Object(std::move(keys), std::move(items), call.location);
}

absl::StatusOr<TfValue> Sum(Call& call) {
  if (absl::Status status = RequireList(call, 0); !status.ok()) return status;
  const std::vector<TfValue>& items = call.args[0].items;
  if (items.empty()) return ArgumentError(call, "cannot sum an empty list");
  double total = 0;
  for (const TfValue& item : items) {
    absl::StatusOr<double> number = ConvertToNumber(item);
    if (!number.ok()) {
      return ArgumentError(
          call, "argument must be list, set, or tuple of number values");
    }
    total += *number;
  }
  return TfValue::Number(total, call.location);
}

absl::StatusOr<TfValue> AllOrAny(Call& call, bool all) {
  if (absl::Status status = RequireList(call, 0); !status.ok()) return status;
  for (const TfValue& item : call.args[0].items) {
    if (item.is_null()) return TfValue::Bool(false, call.location);
    absl::StatusOr<bool> boolean = ConvertToBool(item);
    if (!boolean.ok()) return ArgumentError(call, boolean.status().message());
    if (*boolean != all) return TfValue::Bool(!all, call.location);
  }
  return TfValue::Bool(all, call.location);
}

absl::StatusOr<TfValue> AllTrue(Call& call) { return AllOrAny(call, true); }
absl::StatusOr<TfValue> AnyTrue(Call& call) { return AllOrAny(call, false); }

absl::StatusOr<TfValue> ToList(Call& call) {
  const TfValue& value = call.args[0];
  if (!value.is_known()) return UnknownResult(call);
  if (value.is_null()) return value;
  if (absl::Status status = RequireList(call, 0); !status.ok()) return status;
  return value;
}

absl::StatusOr<TfValue> ToSet(Call& call) {
  const TfValue& value = call.args[0];
  if (value.is_null()) return value;
  if (absl::Status status = RequireList(call, 0); !status.ok()) return status;
  return MakeSet(std::move(call.args[0].items), call.location);
}

absl::StatusOr<TfValue> ToMap(Call& call) {
  TfValue& value = call.args[0];
  if (!value.is_known()) return UnknownResult(call);
  if (value.is_null()) return value;
  if (absl::Status status = RequireObject(call, 0); !status.ok()) return status;
  // A map's elements share one type: mixed primitives unify to string.
  bool mixed = false;
  Kind first = Kind::kNull;
  for (const TfValue& item : value.items) {
    if (item.is_null() || !item.is_known()) continue;
    if (first == Kind::kNull) first = item.kind;
    if (item.kind != first) mixed = true;
  }
  if (!mixed) return value;
  for (TfValue& item : value.items) {
    if (item.is_null() || !item.is_known()) continue;
    absl::StatusOr<std::string> text = ConvertToString(item);
    if (!text.ok()) {
      return ArgumentError(call,
                           "cannot convert object to map of any single type");
    }
    item = TfValue::String(*std::move(text), item.location);
  }
  return value;
}

constexpr FunctionSpec kFunctions[] = {
    {"length", 1, 1, true, Length},
    {"concat", 0, -1, true, Concat},
    {"flatten", 1, 1, true, Flatten},
    {"merge", 0, -1, true, Merge},
    {"lookup", 2, 3, true, Lookup},
    {"element", 2, 2, true, Element},
    {"keys", 1, 1, true, Keys},
    {"values", 1, 1, true, Values},
    {"zipmap", 2, 2, true, Zipmap},
    {"distinct", 1, 1, false, Distinct},
    {"contains", 2, 2, false, Contains},
    {"index", 2, 2, false, Index},
    {"range", 1, 3, false, Range},
    {"coalesce", 0, -1, true, Coalesce},
    {"coalescelist", 0, -1, true, CoalesceList},
    {"compact", 1, 1, false, Compact},
    {"slice", 3, 3, true, Slice},
    {"reverse", 1, 1, true, Reverse},
    {"sort", 1, 1, false, Sort},
    {"setunion", 1, -1, false, SetUnion},
    {"setintersection", 1, -1, false, SetIntersection},
    {"setproduct", 1, -1, false, SetProduct},
    {"chunklist", 2, 2, true, ChunkList},
    {"one", 1, 1, true, One},
    {"transpose", 1, 1, false, Transpose},
    {"sum", 1, 1, false, Sum},
    {"alltrue", 1, 1, false, AllTrue},
    {"anytrue", 1, 1, false, AnyTrue},
    {"tolist", 1, 1, true, ToList},
    {"toset", 1, 1, false, ToSet},
    {"tomap", 1, 1, true, ToMap},
};

}  // namespace

std::span<const FunctionSpec> CollectionFunctions() { return kFunctions; }

}  // namespace polygraph::terraform::functions_internal
