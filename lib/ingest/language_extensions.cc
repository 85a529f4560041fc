#include "ingest/language_extensions.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "base/strings.h"
#include "iam/template_expression.h"
#include "ingest/cloudformation_text.h"

namespace polygraph::ingest {
namespace {

constexpr std::string_view kTransformName = "AWS::LanguageExtensions";

// One loop variable in scope: its identifier and the current item.
struct Binding {
  std::string identifier;
  std::string item;
};

// "${I}" -> item, "&{I}" -> item without non-alphanumeric characters.
std::string SubstituteText(std::string text,
                           const std::vector<Binding>& bindings) {
  for (const Binding& binding : bindings) {
    std::string alphanumeric;
    for (char c : binding.item) {
      if (absl::ascii_isalnum(static_cast<unsigned char>(c))) {
        alphanumeric.push_back(c);
      }
    }
    text = absl::StrReplaceAll(
        text, {{absl::StrCat("${", binding.identifier, "}"), binding.item},
               {absl::StrCat("&{", binding.identifier, "}"), alphanumeric}});
  }
  return text;
}

const Binding* Bound(const std::vector<Binding>& bindings,
                     std::string_view identifier) {
  for (auto it = bindings.rbegin(); it != bindings.rend(); ++it) {
    if (it->identifier == identifier) return &*it;
  }
  return nullptr;
}

class Expander {
 public:
  Expander(const Value& document, const TemplateInputs& inputs,
           std::vector<Diagnostic>& diagnostics)
      : evaluator_(document, inputs, scratch_), diagnostics_(diagnostics) {}

  // `value` with loops expanded and `bindings` substituted.
  absl::StatusOr<Value> Expand(const Value& value,
                               const std::vector<Binding>& bindings) {
    if (std::optional<iam::TemplateExpression> expression =
            iam::AsTemplateExpression(value)) {
      return ExpandExpression(*expression, value, bindings);
    }
    Value result = value;
    result.items.clear();
    result.keys.clear();
    result.key_locations.clear();
    absl::flat_hash_set<std::string> keys;
    for (size_t i = 0; i < value.items.size(); ++i) {
      if (value.is_object() && value.keys[i].starts_with(iam::kForEachPrefix)) {
        absl::Status status =
            ExpandLoop(value.keys[i], value.key_locations[i], value.items[i],
                       bindings, keys, result);
        if (!status.ok()) return status;
        continue;
      }
      absl::StatusOr<Value> item = Expand(value.items[i], bindings);
      if (!item.ok()) return item.status();
      if (value.is_object()) {
        std::string key = SubstituteText(value.keys[i], bindings);
        keys.insert(key);
        result.keys.push_back(std::move(key));
        result.key_locations.push_back(value.key_locations[i]);
      }
      result.items.push_back(*std::move(item));
    }
    return result;
  }

 private:
  absl::StatusOr<Value> ExpandExpression(
      const iam::TemplateExpression& expression, const Value& value,
      const std::vector<Binding>& bindings) {
    const Value& argument = *expression.argument;
    if (expression.name == "Ref" && argument.is_string()) {
      if (const Binding* binding = Bound(bindings, argument.text)) {
        return evaluation::MakeString(binding->item, value.location);
      }
      return value;
    }
    // Copy the expression with its argument expanded; Fn::Sub text has its
    // identifiers replaced.
    Value result = value;
    Value* target = expression.short_form ? &result : &result.items[0];
    Value plain = argument;
    if (expression.short_form) plain.tag.clear();
    absl::StatusOr<Value> expanded = Expand(plain, bindings);
    if (!expanded.ok()) return expanded.status();
    const std::string tag = target->tag;
    *target = *std::move(expanded);
    target->tag = tag;
    if (expression.name == "Fn::Sub") {
      Value* text = target->is_array() && !target->items.empty()
                        ? &target->items[0]
                        : target;
      if (text->is_string()) {
        text->text = SubstituteText(text->text, bindings);
        // Nothing left to substitute: the plain string, which is also what
        // Fn::GetAtt accepts as a logical id under the transform.
        if (text == target && text->text.find("${") == std::string::npos) {
          return evaluation::MakeString(text->text, value.location);
        }
      }
    }
    return result;
  }

  absl::Status ExpandLoop(const std::string& key,
                          const SourceLocation& key_location, const Value& loop,
                          std::vector<Binding> bindings,
                          absl::flat_hash_set<std::string>& keys, Value& into) {
    if (!loop.is_array() || loop.items.size() != 3 ||
        !loop.items[0].is_string() || !loop.items[2].is_object()) {
      return InputError(loop.location,
                        absl::StrCat(key,
                                     " must be [identifier, collection, "
                                     "{output key: output value}]"));
    }
    absl::StatusOr<Value> collection = Expand(loop.items[1], bindings);
    if (!collection.ok()) return collection.status();
    absl::StatusOr<std::optional<Value>> decided =
        evaluator_.Evaluate(*collection);
    if (!decided.ok()) return decided.status();
    if (!decided->has_value() || !(*decided)->is_array() ||
        !evaluation::IsLiteral(**decided)) {
      diagnostics_.push_back(Diagnostic{
          Diagnostic::Level::kNote, "not-analysed", key_location,
          absl::StrCat(key,
                       " loops over a collection that is not known before "
                       "deployment; what it declares is not analysed")});
      into.keys.push_back(key);
      into.key_locations.push_back(key_location);
      into.items.push_back(loop);
      return absl::OkStatus();
    }
    const std::string& identifier = loop.items[0].text;
    for (const Value& item : (*decided)->items) {
      if (!item.is_scalar()) {
        return InputError(
            item.location,
            absl::StrCat(key,
                         " collection items must be "
                         "strings, found ",
                         internal::ToAbsl(Value::KindName(item.kind))));
      }
      bindings.push_back(Binding{identifier, item.text});
      absl::StatusOr<Value> body = Expand(loop.items[2], bindings);
      bindings.pop_back();
      if (!body.ok()) return body.status();
      for (size_t i = 0; i < body->keys.size(); ++i) {
        if (!keys.insert(body->keys[i]).second) {
          return InputError(
              body->key_locations[i],
              absl::StrCat(key, " generates the key ",
                           internal::QuoteForMessage(body->keys[i]),
                           " more than once"));
        }
        into.keys.push_back(std::move(body->keys[i]));
        into.key_locations.push_back(body->key_locations[i]);
        into.items.push_back(std::move(body->items[i]));
      }
    }
    return absl::OkStatus();
  }

  std::vector<Diagnostic> scratch_;  // the evaluator's own notes
  TemplateEvaluator evaluator_;
  std::vector<Diagnostic>& diagnostics_;
};

bool IsTransformName(const Value& value) {
  return value.is_string() && value.tag.empty() && value.text == kTransformName;
}

}  // namespace

bool HasLanguageExtensions(const Value& document) {
  const Value* transform =
      document.is_object() ? document.Find("Transform") : nullptr;
  if (transform == nullptr) return false;
  if (IsTransformName(*transform)) return true;
  for (const Value& item :
       transform->is_array() ? transform->items : std::vector<Value>()) {
    if (IsTransformName(item)) return true;
  }
  return false;
}

absl::StatusOr<Value> ExpandLanguageExtensions(
    const Value& document, const TemplateInputs& inputs,
    std::vector<Diagnostic>& diagnostics) {
  Expander expander(document, inputs, diagnostics);
  absl::StatusOr<Value> expanded = expander.Expand(document, {});
  if (!expanded.ok()) return expanded.status();
  Value result = *std::move(expanded);
  for (size_t i = 0; i < result.keys.size(); ++i) {
    if (result.keys[i] != "Transform") continue;
    Value& transform = result.items[i];
    if (transform.is_array()) {
      std::vector<Value> kept;
      for (Value& item : transform.items) {
        if (!IsTransformName(item)) kept.push_back(std::move(item));
      }
      transform.items = std::move(kept);
    }
    if (IsTransformName(transform) ||
        (transform.is_array() && transform.items.empty())) {
      result.keys.erase(result.keys.begin() + i);
      result.key_locations.erase(result.key_locations.begin() + i);
      result.items.erase(result.items.begin() + i);
    }
    break;
  }
  return result;
}

}  // namespace polygraph::ingest
