// TemplateEvaluator::Evaluate: the intrinsic functions that produce values
// (cloudformation_evaluation.cc decides conditions and parameters).

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "base/strings.h"
#include "iam/template_expression.h"
#include "ingest/cloudformation_evaluation.h"
#include "ingest/cloudformation_functions.h"
#include "ingest/cloudformation_text.h"

namespace polygraph::ingest {
namespace {

using evaluation::IsLiteral;
using evaluation::MakeArray;
using evaluation::MakeExpression;
using evaluation::MakeString;
using evaluation::PlainSubText;
using evaluation::Relocated;
using evaluation::SplitSubText;
using evaluation::SubPiece;
using evaluation::SymbolicText;
using iam::TemplateExpression;

using Result = absl::StatusOr<std::optional<Value>>;

std::optional<long long> IntegerOf(const Value& value) {
  long long number = 0;
  if (!value.is_scalar() || !IsLiteral(value) ||
      !absl::SimpleAtoi(value.text, &number)) {
    return std::nullopt;
  }
  return number;
}

// The logical id and attribute a GetAtt argument names, when decided.
std::optional<std::pair<std::string, std::string>> GetAttTarget(
    const Value& argument) {
  if (argument.is_string()) {
    size_t dot = argument.text.find('.');
    if (dot == std::string::npos || dot == 0) return std::nullopt;
    return std::make_pair(argument.text.substr(0, dot),
                          argument.text.substr(dot + 1));
  }
  if (argument.is_array() && argument.items.size() == 2 &&
      argument.items[0].is_string() && argument.items[1].is_string() &&
      IsLiteral(argument.items[1])) {
    return std::make_pair(argument.items[0].text, argument.items[1].text);
  }
  return std::nullopt;
}

}  // namespace

Result TemplateEvaluator::Evaluate(const Value& value) {
  if (std::optional<TemplateExpression> expression =
          iam::AsTemplateExpression(value)) {
    return EvaluateExpression(*expression, value);
  }
  if (!value.is_array() && !value.is_object()) return std::optional(value);
  Value result;
  result.kind = value.kind;
  result.tag = value.tag;
  result.location = value.location;
  for (size_t i = 0; i < value.items.size(); ++i) {
    if (value.is_object() && value.keys[i].starts_with(iam::kForEachPrefix)) {
      result.keys.push_back(value.keys[i]);
      result.key_locations.push_back(value.key_locations[i]);
      result.items.push_back(value.items[i]);
      continue;
    }
    Result item = Evaluate(value.items[i]);
    if (!item.ok()) return item;
    if (!item->has_value()) continue;  // AWS::NoValue
    if (value.is_object()) {
      result.keys.push_back(value.keys[i]);
      result.key_locations.push_back(value.key_locations[i]);
    }
    result.items.push_back(**std::move(item));
  }
  return std::optional(std::move(result));
}

Result TemplateEvaluator::EvaluateArgument(const TemplateExpression& call) {
  if (!call.short_form) return Evaluate(*call.argument);
  // A short form's argument is the tagged node itself: evaluate its
  // children, not the node as an expression again.
  Value plain = *call.argument;
  plain.tag.clear();
  return Evaluate(plain);
}

Result TemplateEvaluator::EvaluateExpression(const TemplateExpression& call,
                                             const Value& original) {
  const std::string& name = call.name;
  if (!iam::IsKnownIntrinsic(name) || name.starts_with(iam::kForEachPrefix) ||
      name == "Fn::GetAtt") {
    return std::optional(original);
  }
  if (name == "Ref") return EvaluateRef(call, original);
  if (name == "Fn::If") return EvaluateIf(call, original);
  Result argument = EvaluateArgument(call);
  if (!argument.ok() || !argument->has_value()) return argument;
  const Value& args = **argument;
  Result decided = std::optional<Value>();
  if (name == "Fn::Sub") {
    decided = EvaluateSub(call, args);
  } else if (name == "Fn::Join") {
    decided = EvaluateJoin(call, args);
  } else if (name == "Fn::FindInMap") {
    decided = EvaluateFindInMap(call, args);
  } else if (name == "Fn::Select") {
    decided = EvaluateSelect(call, args);
  } else if (name == "Fn::Split" && args.is_array() && args.items.size() == 2 &&
             IsLiteral(args) && args.items[0].is_string() &&
             !args.items[0].text.empty() && args.items[1].is_string()) {
    std::vector<Value> parts;
    for (absl::string_view part : absl::StrSplit(
             args.items[1].text, internal::ToAbsl(args.items[0].text))) {
      parts.push_back(MakeString(std::string(part), call.location));
    }
    decided = std::optional(MakeArray(std::move(parts), call.location));
  } else if (name == "Fn::Base64" && args.is_scalar() && IsLiteral(args)) {
    decided = std::optional(MakeString(Base64(args.text), call.location));
  } else if (name == "Fn::Cidr") {
    decided = EvaluateCidr(call, args);
  } else if (name == "Fn::GetAZs" && args.is_string() && IsLiteral(args)) {
    std::string region = args.text;
    if (region.empty()) {
      const Parameter* given = FindParameter("AWS::Region");
      if (given != nullptr && given->value.has_value()) {
        region = given->value->text;
      }
    }
    if (std::optional<std::vector<std::string>> zones =
            AvailabilityZones(region)) {
      diagnostics_.push_back(Diagnostic{
          Diagnostic::Level::kNote, "assumed-value", call.location,
          absl::StrCat(call.spelling, " for ", region,
                       " is taken as the zones EC2 lists for a new account (",
                       absl::StrJoin(*zones, ", "), ")")});
      std::vector<Value> items;
      for (std::string& zone : *zones) {
        items.push_back(MakeString(std::move(zone), call.location));
      }
      decided = std::optional(MakeArray(std::move(items), call.location));
    }
  } else if (name == "Fn::Length" && args.is_array() && IsLiteral(args)) {
    Value length = MakeString(absl::StrCat(args.items.size()), call.location);
    length.kind = Value::Kind::kNumber;
    decided = std::optional(std::move(length));
  }
  if (!decided.ok() || decided->has_value()) return decided;
  // Undecided: the call in the long form over its decided arguments.
  return std::optional(
      MakeExpression(name, **std::move(argument), call.location));
}

Result TemplateEvaluator::EvaluateRef(const TemplateExpression& call,
                                      const Value& original) {
  const Value& argument = *call.argument;
  if (!argument.is_string()) return std::optional(original);
  if (argument.text == "AWS::NoValue") return std::optional<Value>();
  const Parameter* parameter = FindParameter(argument.text);
  if (parameter == nullptr || !parameter->value.has_value()) {
    return std::optional(original);  // a resource, or a symbolic value
  }
  return std::optional(Relocated(*parameter->value, call.location));
}

Result TemplateEvaluator::EvaluateIf(const TemplateExpression& call,
                                     const Value& original) {
  const Value& argument = *call.argument;
  if (!argument.is_array() || argument.items.size() != 3 ||
      !argument.items[0].is_string()) {
    return std::optional(original);
  }
  absl::StatusOr<ConditionValue> condition = Condition(argument.items[0].text);
  if (!condition.ok()) return condition.status();
  if (condition->value.has_value()) {
    return Evaluate(argument.items[*condition->value ? 1 : 2]);
  }
  // Undecided: both branches, each decided as far as it goes. A branch that
  // is AWS::NoValue stays written so.
  std::vector<Value> items = {argument.items[0]};
  items[0].tag.clear();
  for (size_t i = 1; i < 3; ++i) {
    Result branch = Evaluate(argument.items[i]);
    if (!branch.ok()) return branch;
    items.push_back(branch->has_value() ? **std::move(branch)
                                        : argument.items[i]);
  }
  return std::optional(MakeExpression(
      "Fn::If", MakeArray(std::move(items), argument.location), call.location));
}

std::optional<std::string> TemplateEvaluator::ResourceVariable(
    const Value& value) const {
  std::optional<TemplateExpression> expression =
      iam::AsTemplateExpression(value);
  if (!expression.has_value()) return std::nullopt;
  const Value& argument = *expression->argument;
  if (expression->name == "Ref" && argument.is_string() &&
      resources_ != nullptr && resources_->Find(argument.text) != nullptr) {
    return argument.text;
  }
  if (expression->name != "Fn::GetAtt") return std::nullopt;
  std::optional<std::pair<std::string, std::string>> target =
      GetAttTarget(argument);
  if (!target.has_value() || resources_ == nullptr ||
      resources_->Find(target->first) == nullptr)
    return std::nullopt;
  return absl::StrCat(target->first, ".", target->second);
}

Result TemplateEvaluator::EvaluateSub(const TemplateExpression& call,
                                      const Value& args) {
  const Value* text = &args;
  const Value* variables = nullptr;
  if (args.is_array() && !args.items.empty() && args.items.size() <= 2) {
    text = &args.items[0];
    if (args.items.size() == 2) variables = &args.items[1];
  }
  if (!text->is_string() || !IsLiteral(*text) ||
      (variables != nullptr && !variables->is_object())) {
    return std::optional<Value>();
  }
  SymbolicText result;
  Value unresolved;  // variables kept for the Fn::Sub that remains
  unresolved.kind = Value::Kind::kObject;
  unresolved.location = call.location;
  for (const SubPiece& piece : SplitSubText(text->text)) {
    if (!piece.variable) {
      result.AppendLiteral(piece.text);
      continue;
    }
    const Value* given =
        variables != nullptr ? variables->Find(piece.text) : nullptr;
    std::optional<Value> parameter_value;
    if (given == nullptr && piece.text.find('.') == std::string::npos) {
      if (const Parameter* parameter = FindParameter(piece.text)) {
        parameter_value = parameter->value;
        if (parameter_value.has_value()) given = &*parameter_value;
      }
    }
    if (given != nullptr && given->is_scalar() && IsLiteral(*given)) {
      result.AppendLiteral(given->text);
    } else if (std::optional<std::string> sub =
                   given != nullptr ? PlainSubText(*given) : std::nullopt) {
      result.AppendSubText(*sub);
    } else if (given != nullptr && variables != nullptr &&
               variables->Find(piece.text) == given) {
      std::optional<std::string> resource = ResourceVariable(*given);
      result.AppendVariable(resource.has_value() ? *resource : piece.text);
      if (!resource.has_value() && unresolved.Find(piece.text) == nullptr) {
        unresolved.keys.push_back(piece.text);
        unresolved.key_locations.push_back(given->location);
        unresolved.items.push_back(*given);
      }
    } else {
      result.AppendVariable(piece.text);  // a resource or a symbolic value
    }
  }
  if (unresolved.items.empty())
    return std::optional(result.ToValue(call.location));
  return std::optional(
      MakeExpression("Fn::Sub",
                     MakeArray({MakeString(result.sub_text(), text->location),
                                std::move(unresolved)},
                               args.location),
                     call.location));
}

Result TemplateEvaluator::EvaluateJoin(const TemplateExpression& call,
                                       const Value& args) {
  if (!args.is_array() || args.items.size() != 2 ||
      !args.items[0].is_string() || !IsLiteral(args.items[0]) ||
      !args.items[1].is_array()) {
    return std::optional<Value>();
  }
  SymbolicText result;
  const std::string& delimiter = args.items[0].text;
  for (size_t i = 0; i < args.items[1].items.size(); ++i) {
    const Value& item = args.items[1].items[i];
    if (i > 0) result.AppendLiteral(delimiter);
    if (item.is_scalar() && IsLiteral(item)) {
      result.AppendLiteral(item.text);
    } else if (std::optional<std::string> resource = ResourceVariable(item)) {
      result.AppendVariable(*resource);
    } else if (std::optional<std::string> sub = PlainSubText(item)) {
      result.AppendSubText(*sub);
    } else {
      return std::optional<Value>();
    }
  }
  return std::optional(result.ToValue(call.location));
}

Result TemplateEvaluator::EvaluateFindInMap(const TemplateExpression& call,
                                            const Value& args) {
  if (!args.is_array() || args.items.size() < 3 || args.items.size() > 4) {
    return std::optional<Value>();
  }
  for (size_t i = 0; i < 3; ++i) {
    if (!args.items[i].is_scalar() || !IsLiteral(args.items[i])) {
      return std::optional<Value>();
    }
  }
  const Value* fallback = nullptr;
  if (args.items.size() == 4 && args.items[3].is_object()) {
    fallback = args.items[3].Find("DefaultValue");
  }
  const Value* mappings = document_.Find("Mappings");
  const Value* level =
      mappings != nullptr ? mappings->Find(args.items[0].text) : nullptr;
  if (level == nullptr) return std::optional<Value>();  // walker reports it
  for (size_t i = 1; i < 3; ++i) {
    const Value* next = level->Find(args.items[i].text);
    if (next == nullptr) {
      if (fallback != nullptr) return std::optional(*fallback);
      return InputError(
          args.items[i].location,
          absl::StrCat(
              call.spelling, ": mapping ",
              internal::QuoteForMessage(args.items[0].text), " has no key ",
              internal::QuoteForMessage(args.items[i].text),
              i == 2 ? absl::StrCat(" under ", internal::QuoteForMessage(
                                                   args.items[1].text))
                     : ""));
    }
    level = next;
  }
  return std::optional(Relocated(*level, call.location));
}

Result TemplateEvaluator::EvaluateSelect(const TemplateExpression& call,
                                         const Value& args) {
  if (!args.is_array() || args.items.size() != 2) return std::optional<Value>();
  std::optional<long long> index = IntegerOf(args.items[0]);
  const Value& list = args.items[1];
  if (!index.has_value() || !list.is_array()) return std::optional<Value>();
  if (*index < 0 || static_cast<size_t>(*index) >= list.items.size()) {
    return InputError(
        call.location,
        absl::StrCat(call.spelling, " index ", *index,
                     " is out of range for a list of ", list.items.size()));
  }
  return std::optional(list.items[*index]);
}

Result TemplateEvaluator::EvaluateCidr(const TemplateExpression& call,
                                       const Value& args) {
  if (!args.is_array() || args.items.size() != 3 || !IsLiteral(args) ||
      !args.items[0].is_string()) {
    return std::optional<Value>();
  }
  std::optional<long long> count = IntegerOf(args.items[1]);
  std::optional<long long> bits = IntegerOf(args.items[2]);
  if (!count.has_value() || !bits.has_value()) return std::optional<Value>();
  absl::StatusOr<std::vector<std::string>> blocks = CidrBlocks(
      args.items[0].text, static_cast<int>(*count), static_cast<int>(*bits));
  if (!blocks.ok()) {
    return InputError(call.location, std::string(blocks.status().message()));
  }
  std::vector<Value> items;
  for (std::string& block : *blocks) {
    items.push_back(MakeString(std::move(block), call.location));
  }
  return std::optional(MakeArray(std::move(items), call.location));
}

}  // namespace polygraph::ingest
