// Evaluation of declarative predicates over a resource's properties.

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "polygraph/cidr.h"
#include "polygraph/ip_address.h"
#include "rules/declarative/predicate.h"

namespace polygraph::rules::internal {
namespace {

// A reference kept as a link ({"Ref": X}, {"Fn::GetAtt": [X, Y]} or
// "X.Y", {"Fn::Sub": "..."}) in the short form a reader knows; "" for any
// other object.
std::string RenderReference(const Value& value) {
  if (value.keys.size() != 1) return "";
  const std::string& key = value.keys.front();
  const Value& operand = value.items.front();
  if (key == "Ref" && operand.is_string()) return "!Ref " + operand.text;
  if (key == "Fn::Sub" && operand.is_string()) return "!Sub " + operand.text;
  if (key != "Fn::GetAtt") return "";
  if (operand.is_string()) return "!GetAtt " + operand.text;
  if (operand.is_array() && operand.items.size() == 2 &&
      operand.items[0].is_string() && operand.items[1].is_string()) {
    return absl::StrCat("!GetAtt ", operand.items[0].text, ".",
                        operand.items[1].text);
  }
  return "";
}

std::string Render(const Value& value) {
  switch (value.kind) {
    case Value::Kind::kObject:
      if (std::string reference = RenderReference(value); !reference.empty())
        return reference;
      return value.tag.empty() ? "an object" : absl::StrCat(value.tag, " ...");
    case Value::Kind::kArray:
      return "a list";
    case Value::Kind::kNull:
      return "absent";
    case Value::Kind::kBool:
    case Value::Kind::kNumber:
    case Value::Kind::kString:
      break;
  }
  {
    return value.tag.empty() ? value.text
                             : absl::StrCat(value.tag, " ", value.text);
  }
}

std::optional<double> AsNumber(const Value& value) {
  if (!value.is_number() && !value.is_string()) return std::nullopt;
  double number = 0;
  if (!absl::SimpleAtod(::polygraph::internal::ToAbsl(value.text), &number)) {
    return std::nullopt;
  }
  return number;
}

bool ScalarEquals(const Value& value, const Operand& operand) {
  if (!value.is_scalar()) return false;
  switch (operand.kind) {
    case Operand::Kind::kBool:
      if (value.is_bool()) return value.boolean == operand.boolean;
      return value.is_string() &&
             absl::EqualsIgnoreCase(::polygraph::internal::ToAbsl(value.text),
                                    operand.boolean ? "true" : "false");
    case Operand::Kind::kNumber: {
      std::optional<double> number = AsNumber(value);
      return number.has_value() && *number == operand.number;
    }
    case Operand::Kind::kString:
      if (value.is_bool()) {
        return absl::EqualsIgnoreCase(
            ::polygraph::internal::ToAbsl(value.text),
            ::polygraph::internal::ToAbsl(operand.text));
      }
      return value.text == operand.text;
  }
  return false;
}

std::optional<ip::Cidr> AsCidr(const Value& value) {
  if (!value.is_string()) return std::nullopt;
  if (absl::StatusOr<ip::Cidr> cidr =
          ip::Cidr::Parse(value.text, {.normalize_host_bits = true});
      cidr.ok()) {
    return *cidr;
  }
  if (absl::StatusOr<ip::IpAddress> address = ip::IpAddress::Parse(value.text);
      address.ok()) {
    return ip::Cidr::Containing(*address, 128);
  }
  return std::nullopt;
}

bool IsLiteral(const Value& value) {
  if (!value.is_scalar() || !value.tag.empty()) return false;
  if (!value.is_string()) return true;
  return !absl::StrContains(value.text, "{{resolve:") &&
         !absl::StrContains(value.text, "${");
}

// Whether the present `value` satisfies the leaf's operator.
bool Test(const Predicate& leaf, const Value& value) {
  const Operand& operand = leaf.operands.front();
  switch (leaf.op) {
    case LeafOp::kEquals:
      return ScalarEquals(value, operand);
    case LeafOp::kNotEquals:
      return !ScalarEquals(value, operand);
    case LeafOp::kIn:
    case LeafOp::kNotIn: {
      bool found = false;
      for (const Operand& each : leaf.operands) {
        found = found || ScalarEquals(value, each);
      }
      return found == (leaf.op == LeafOp::kIn);
    }
    case LeafOp::kExists:
      return operand.boolean;
    case LeafOp::kRegex:
      return value.is_scalar() && RE2::PartialMatch(value.text, *leaf.regex);
    case LeafOp::kNotRegex:
      return !value.is_scalar() || !RE2::PartialMatch(value.text, *leaf.regex);
    case LeafOp::kGt:
    case LeafOp::kGte:
    case LeafOp::kLt:
    case LeafOp::kLte: {
      std::optional<double> number = AsNumber(value);
      if (!number.has_value()) return false;
      switch (leaf.op) {
        case LeafOp::kGt:
          return *number > operand.number;
        case LeafOp::kGte:
          return *number >= operand.number;
        case LeafOp::kLt:
          return *number < operand.number;
        default:
          return *number <= operand.number;
      }
    }
    case LeafOp::kCidrWithin:
    case LeafOp::kCidrOverlaps: {
      std::optional<ip::Cidr> cidr = AsCidr(value);
      absl::StatusOr<ip::Cidr> bound = ip::Cidr::Parse(operand.text);
      if (!cidr.has_value() || !bound.ok()) return false;
      if (leaf.op == LeafOp::kCidrWithin) return bound->Contains(*cidr);
      return bound->Contains(*cidr) || cidr->Contains(*bound);
    }
    case LeafOp::kPrefixLengthGte:
    case LeafOp::kPrefixLengthLte: {
      std::optional<ip::Cidr> cidr = AsCidr(value);
      if (!cidr.has_value()) return false;
      return leaf.op == LeafOp::kPrefixLengthGte
                 ? cidr->prefix_length() >= operand.number
                 : cidr->prefix_length() <= operand.number;
    }
    case LeafOp::kLiteral:
      return IsLiteral(value) == operand.boolean;
    case LeafOp::kEqualsAttribute:
    case LeafOp::kNotEqualsAttribute:
      return false;  // decided by TestLeaf, which has the other value
  }
  return false;
}

// The same value as written: kind, tag, text and members, recursively;
// locations aside.
bool SameValue(const Value& a, const Value& b) {
  if (a.kind != b.kind || a.tag != b.tag || a.text != b.text ||
      a.keys != b.keys || a.items.size() != b.items.size()) {
    return false;
  }
  for (size_t i = 0; i < a.items.size(); ++i) {
    if (!SameValue(a.items[i], b.items[i])) return false;
  }
  return true;
}

// Test, with the attribute-comparison operators decided against `other`
// (null when the other attribute is absent: then nothing equals it).
bool TestLeaf(const Predicate& leaf, const Value& value, const Value* other) {
  if (leaf.op == LeafOp::kEqualsAttribute ||
      leaf.op == LeafOp::kNotEqualsAttribute) {
    bool same = other != nullptr && SameValue(value, *other);
    return same == (leaf.op == LeafOp::kEqualsAttribute);
  }
  return Test(leaf, value);
}

// Whether an absent value (no default) satisfies the operator: the negative
// operators hold, the positive ones fail.
bool HoldsWhenAbsent(const Predicate& leaf) {
  switch (leaf.op) {
    case LeafOp::kNotEquals:
    case LeafOp::kNotIn:
    case LeafOp::kNotRegex:
    case LeafOp::kNotEqualsAttribute:
      return true;
    case LeafOp::kExists:
    case LeafOp::kLiteral:
      return !leaf.operands.front().boolean;
    default:
      return false;
  }
}

Value FromOperand(const Operand& operand) {
  Value value;
  value.kind = operand.kind == Operand::Kind::kString   ? Value::Kind::kString
               : operand.kind == Operand::Kind::kNumber ? Value::Kind::kNumber
                                                        : Value::Kind::kBool;
  value.text = operand.text;
  value.boolean = operand.boolean;
  return value;
}

// The element itself ("@"), its name ("@key", kept in `key_value`), or
// what `path` reaches from it.
PathLookup LookupAttribute(const AttributePath& path, const Value& start,
                           const std::string& start_path,
                           const SourceLocation& start_location,
                           const ReachedValue* element, Value& key_value) {
  PathLookup lookup;
  if (path.text == "@") {
    if (!start.is_null()) lookup.reached.push_back({&start, start_path});
    return lookup;
  }
  if (path.text == "@key") {
    if (element == nullptr) return lookup;
    key_value.kind = Value::Kind::kString;
    key_value.text = element->key;
    key_value.location = element->key_location;
    lookup.reached.push_back({&key_value, start_path});
    return lookup;
  }
  return Lookup(start, start_path, start_location, path);
}

Outcome EvaluateLeaf(const Predicate& leaf, const Value& start,
                     const std::string& start_path,
                     const SourceLocation& start_location,
                     const ReachedValue* element) {
  Outcome outcome;
  outcome.evidence.expected = leaf.operand_text;
  PathLookup first;
  Value key_value;
  const Value* other = nullptr;
  Value other_key_value;
  if (leaf.other_attribute.has_value()) {
    PathLookup lookup =
        LookupAttribute(*leaf.other_attribute, start, start_path,
                        start_location, element, other_key_value);
    if (!lookup.reached.empty()) other = lookup.reached.front().value;
  }
  for (size_t i = 0; i < leaf.attributes.size(); ++i) {
    PathLookup lookup = LookupAttribute(leaf.attributes[i], start, start_path,
                                        start_location, element, key_value);
    if (i == 0) first = lookup;
    if (lookup.reached.empty()) continue;
    for (const ReachedValue& reached : lookup.reached) {
      if (!TestLeaf(leaf, *reached.value, other)) {
        outcome.holds = false;
        outcome.evidence.attribute = reached.path;
        outcome.evidence.value = Render(*reached.value);
        outcome.evidence.location = reached.value->location;
        return outcome;
      }
    }
    outcome.evidence.attribute = lookup.reached.front().path;
    outcome.evidence.value = Render(*lookup.reached.front().value);
    outcome.evidence.location = lookup.reached.front().value->location;
    return outcome;
  }
  // Absent under every alternative.
  const AttributePath& path = leaf.attributes.front();
  outcome.evidence.attribute = JoinPath(start_path, path.text);
  outcome.evidence.value = "absent";
  outcome.evidence.location = first.nearest_parent;
  if (leaf.default_value.has_value() && leaf.op != LeafOp::kExists) {
    outcome.holds = TestLeaf(leaf, FromOperand(*leaf.default_value), other);
  } else if (path.has_wildcard && leaf.op != LeafOp::kExists) {
    outcome.holds = true;
  } else {
    outcome.holds = HoldsWhenAbsent(leaf);
  }
  return outcome;
}

// The elements a for_each/for_some path reaches: each value, or the
// elements of a list it reaches.
std::vector<ReachedValue> Elements(const PathLookup& lookup) {
  std::vector<ReachedValue> elements;
  for (const ReachedValue& reached : lookup.reached) {
    if (!reached.value->is_array()) {
      elements.push_back(reached);
      continue;
    }
    for (size_t i = 0; i < reached.value->items.size(); ++i) {
      if (reached.value->items[i].is_null()) continue;
      elements.push_back({&reached.value->items[i],
                          absl::StrCat(reached.path, "[", i, "]"),
                          absl::StrCat(i), reached.value->items[i].location});
    }
  }
  return elements;
}

}  // namespace

Outcome Evaluate(const Predicate& predicate, const CheckContext& context,
                 size_t resource, const Value& start,
                 const std::string& start_path,
                 const SourceLocation& start_location,
                 const ReachedValue* element) {
  switch (predicate.kind) {
    case Predicate::Kind::kLeaf:
      return EvaluateLeaf(predicate, start, start_path, start_location,
                          element);
    case Predicate::Kind::kAll: {
      Outcome last;
      for (const Predicate& child : predicate.children) {
        last = Evaluate(child, context, resource, start, start_path,
                        start_location, element);
        if (!last.holds) return last;
      }
      return last;
    }
    case Predicate::Kind::kAny: {
      Outcome first_failure;
      first_failure.holds = false;
      for (size_t i = 0; i < predicate.children.size(); ++i) {
        Outcome outcome = Evaluate(predicate.children[i], context, resource,
                                   start, start_path, start_location, element);
        if (outcome.holds) return outcome;
        if (i == 0) first_failure = outcome;
      }
      return first_failure;
    }
    case Predicate::Kind::kNot: {
      Outcome outcome = Evaluate(predicate.children.front(), context, resource,
                                 start, start_path, start_location, element);
      outcome.holds = !outcome.holds;
      return outcome;
    }
    case Predicate::Kind::kForEach:
    case Predicate::Kind::kForSome: {
      PathLookup lookup =
          Lookup(start, start_path, start_location, predicate.each);
      std::vector<ReachedValue> elements = Elements(lookup);
      bool every = predicate.kind == Predicate::Kind::kForEach;
      Outcome first_failure;
      first_failure.holds = false;
      first_failure.evidence.attribute =
          JoinPath(start_path, predicate.each.text);
      first_failure.evidence.value = "absent";
      first_failure.evidence.location = lookup.nearest_parent;
      bool failed = false;
      for (const ReachedValue& element : elements) {
        Outcome outcome = Evaluate(predicate.children.front(), context,
                                   resource, *element.value, element.path,
                                   element.value->location, &element);
        if (every && !outcome.holds) return outcome;
        if (!every && outcome.holds) return outcome;
        if (!failed) first_failure = outcome;
        failed = true;
      }
      if (!every) return first_failure;
      Outcome vacuous;
      vacuous.evidence = first_failure.evidence;
      return vacuous;
    }
    default:
      return EvaluateAnalysis(predicate, context, resource);
  }
}

}  // namespace polygraph::rules::internal
