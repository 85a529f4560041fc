#include "ingest/cloudformation_evaluation.h"

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "base/strings.h"
#include "iam/template_expression.h"
#include "ingest/cloudformation_functions.h"
#include "ingest/cloudformation_text.h"
#include "ingest/parameter_constraints.h"

namespace polygraph::ingest {
namespace {

using evaluation::IsLiteral;
using evaluation::MakeArray;
using evaluation::MakeExpression;
using evaluation::MakeString;
using evaluation::Relocated;
using iam::TemplateExpression;

constexpr std::string_view kSsmPrefix = "AWS::SSM::Parameter::Value<";

// The parameter value `text` as a Value of `type`.
Value ParameterValue(std::string_view text, std::string_view type,
                     const SourceLocation& location) {
  if (!IsListParameterType(type)) {
    Value value = MakeString(std::string(text), location);
    if (type == "Number") value.kind = Value::Kind::kNumber;
    return value;
  }
  std::vector<Value> items;
  if (!text.empty()) {
    for (absl::string_view part : absl::StrSplit(internal::ToAbsl(text), ',')) {
      items.push_back(
          MakeString(std::string(absl::StripAsciiWhitespace(part)), location));
    }
  }
  return MakeArray(std::move(items), location);
}

// Two decided values are equal as CloudFormation compares them: scalars by
// their text, arrays entry by entry.
bool SameValue(const Value& a, const Value& b) {
  if (a.is_scalar() && b.is_scalar()) return a.text == b.text;
  if (a.kind != b.kind || a.items.size() != b.items.size()) return false;
  for (size_t i = 0; i < a.items.size(); ++i) {
    if (!SameValue(a.items[i], b.items[i])) return false;
  }
  return a.keys == b.keys;
}

}  // namespace

TemplateEvaluator::TemplateEvaluator(const Value& document,
                                     const TemplateInputs& inputs,
                                     std::vector<Diagnostic>& diagnostics)
    : document_(document),
      resources_(document.Find("Resources")),
      inputs_(inputs),
      diagnostics_(diagnostics) {
  const Value* parameters = document.Find("Parameters");
  if (parameters == nullptr || !parameters->is_object()) return;
  for (size_t i = 0; i < parameters->keys.size(); ++i) {
    const std::string& name = parameters->keys[i];
    const Value& declaration = parameters->items[i];
    const Value* type = declaration.Find("Type");
    std::string type_name =
        type != nullptr && type->is_string() ? type->text : "String";
    Parameter parameter;
    auto given = inputs.parameters.find(name);
    const Value* fallback = declaration.Find("Default");
    if (std::string_view(type_name).starts_with(kSsmPrefix)) {
      parameter.explanation =
          absl::StrCat(name, " comes from Systems Manager at deployment");
    } else if (given != inputs.parameters.end()) {
      parameter.value = ParameterValue(given->second, type_name,
                                       parameters->key_locations[i]);
      parameter.explanation = absl::StrCat(
          name, " is ", internal::QuoteForMessage(given->second), " as given");
    } else if (fallback != nullptr && fallback->is_scalar() &&
               IsLiteral(*fallback)) {
      parameter.value =
          ParameterValue(fallback->text, type_name, fallback->location);
      parameter.explanation =
          absl::StrCat(name, " is ", internal::QuoteForMessage(fallback->text),
                       " by default");
    } else {
      parameter.explanation = absl::StrCat(name, " has no value");
    }
    parameters_.emplace(name, std::move(parameter));
  }
}

absl::Status TemplateEvaluator::CheckInputs() const {
  const Value* parameters = document_.Find("Parameters");
  if (parameters == nullptr || !parameters->is_object()) {
    return absl::OkStatus();
  }
  for (size_t i = 0; i < parameters->keys.size(); ++i) {
    const std::string& name = parameters->keys[i];
    const Value& declaration = parameters->items[i];
    const Value* type = declaration.Find("Type");
    if (type != nullptr && type->is_string() &&
        std::string_view(type->text).starts_with(kSsmPrefix)) {
      continue;  // the value is a parameter name; the constraints are not
    }
    auto given = inputs_.parameters.find(name);
    const Value* fallback = declaration.Find("Default");
    absl::Status status;
    if (given != inputs_.parameters.end()) {
      status = CheckParameterValue(name, declaration, given->second, true,
                                   diagnostics_);
    } else if (fallback != nullptr && fallback->is_scalar() &&
               IsLiteral(*fallback)) {
      status = CheckParameterValue(name, declaration, fallback->text, false,
                                   diagnostics_);
    }
    if (!status.ok()) return status;
  }
  return absl::OkStatus();
}

const TemplateEvaluator::Parameter* TemplateEvaluator::FindParameter(
    std::string_view name) {
  auto it = parameters_.find(internal::ToAbsl(name));
  if (it == parameters_.end()) {
    if (!name.starts_with("AWS::") || name == "AWS::NoValue") return nullptr;
    // A pseudo parameter, decided once.
    Parameter pseudo;
    std::string key(name);
    auto given = inputs_.parameters.find(key);
    auto region = inputs_.parameters.find("AWS::Region");
    std::optional<std::string> text;
    if (given != inputs_.parameters.end()) {
      text = given->second;
    } else if (name == "AWS::Partition" || name == "AWS::URLSuffix") {
      const std::string_view region_name =
          region == inputs_.parameters.end() ? std::string_view()
                                             : std::string_view(region->second);
      text = std::string(name == "AWS::Partition"
                             ? PartitionOfRegion(region_name)
                             : UrlSuffixOfRegion(region_name));
    }
    if (text.has_value()) {
      pseudo.value = name == "AWS::NotificationARNs"
                         ? ParameterValue(*text, "CommaDelimitedList", {})
                         : MakeString(*text, {});
      pseudo.explanation = absl::StrCat(
          internal::ToAbsl(name), " is ", internal::QuoteForMessage(*text),
          given != inputs_.parameters.end() ? " as given" : " by assumption");
    } else {
      pseudo.explanation =
          absl::StrCat(internal::ToAbsl(name), " is not given");
    }
    it = parameters_.emplace(key, std::move(pseudo)).first;
  }
  if (recording_ != nullptr &&
      std::find(recording_->begin(), recording_->end(),
                it->second.explanation) == recording_->end()) {
    recording_->push_back(it->second.explanation);
  }
  return &it->second;
}

absl::StatusOr<ConditionValue> TemplateEvaluator::Condition(
    std::string_view name) {
  if (auto it = conditions_.find(internal::ToAbsl(name));
      it != conditions_.end()) {
    if (recording_ != nullptr) {
      for (const std::string& assumption : it->second.assumptions) {
        if (std::find(recording_->begin(), recording_->end(), assumption) ==
            recording_->end()) {
          recording_->push_back(assumption);
        }
      }
    }
    return it->second;
  }
  const Value* conditions = document_.Find("Conditions");
  const Value* body = conditions != nullptr ? conditions->Find(name) : nullptr;
  if (body == nullptr) return ConditionValue{};  // WalkExpressions reports it
  if (std::find(evaluating_.begin(), evaluating_.end(), name) !=
      evaluating_.end()) {
    std::vector<std::string> cycle(
        std::find(evaluating_.begin(), evaluating_.end(), name),
        evaluating_.end());
    cycle.push_back(std::string(name));
    return InputError(
        conditions->KeyLocation(name),
        absl::StrCat("condition ", internal::QuoteForMessage(name),
                     " depends on itself: ", absl::StrJoin(cycle, " -> ")));
  }
  evaluating_.push_back(std::string(name));
  std::vector<std::string>* outer = recording_;
  std::vector<std::string> assumptions;
  recording_ = &assumptions;
  absl::StatusOr<std::optional<bool>> value = Decide(*body);
  recording_ = outer;
  evaluating_.pop_back();
  if (!value.ok()) return value.status();
  ConditionValue result{*value, std::move(assumptions)};
  conditions_.emplace(std::string(name), result);
  return Condition(name);  // records the assumptions in an outer condition
}

absl::StatusOr<std::optional<bool>> TemplateEvaluator::Decide(
    const Value& condition) {
  // {"Condition": "Name"}, the long form of !Condition, is no intrinsic
  // function elsewhere (a resource's Condition key is a plain member).
  if (condition.is_object() && condition.keys.size() == 1 &&
      condition.keys[0] == "Condition" && condition.items[0].is_string()) {
    absl::StatusOr<ConditionValue> value = Condition(condition.items[0].text);
    if (!value.ok()) return value.status();
    return value->value;
  }
  std::optional<TemplateExpression> expression =
      iam::AsTemplateExpression(condition);
  if (!expression.has_value()) return std::optional<bool>();
  const std::string& name = expression->name;
  const Value& argument = *expression->argument;
  if (name == "Condition") {
    if (!argument.is_string()) return std::optional<bool>();
    absl::StatusOr<ConditionValue> value = Condition(argument.text);
    if (!value.ok()) return value.status();
    return value->value;
  }
  if (!argument.is_array()) return std::optional<bool>();
  std::vector<const Value*> operands;
  for (const Value& item : argument.items) operands.push_back(&item);
  if (name == "Fn::Equals") {
    if (operands.size() != 2) return std::optional<bool>();
    std::optional<Value> sides[2];
    for (int i = 0; i < 2; ++i) {
      absl::StatusOr<std::optional<Value>> side = Evaluate(*operands[i]);
      if (!side.ok()) return side.status();
      if (!side->has_value() || !IsLiteral(**side)) {
        return std::optional<bool>();
      }
      sides[i] = **side;
    }
    return std::optional<bool>(SameValue(*sides[0], *sides[1]));
  }
  if (name != "Fn::And" && name != "Fn::Or" && name != "Fn::Not") {
    return std::optional<bool>();
  }
  if (name == "Fn::Not" && operands.size() != 1) return std::optional<bool>();
  // Three-valued: And is false once any operand is false, Or true once any
  // is true; otherwise an undecided operand leaves the result undecided.
  const bool absorbing = name == "Fn::Or";
  bool undecided = false;
  for (const Value* operand : operands) {
    absl::StatusOr<std::optional<bool>> value = Decide(*operand);
    if (!value.ok()) return value.status();
    if (!value->has_value()) {
      undecided = true;
    } else if (name == "Fn::Not") {
      return std::optional<bool>(!**value);
    } else if (**value == absorbing) {
      return std::optional<bool>(absorbing);
    }
  }
  if (undecided) return std::optional<bool>();
  return std::optional<bool>(!absorbing);
}

}  // namespace polygraph::ingest
