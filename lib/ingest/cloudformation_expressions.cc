#include "ingest/cloudformation_expressions.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "iam/template_expression.h"

namespace polygraph::ingest {
namespace {

using iam::TemplateExpression;

std::string Describe(const Value& value) {
  if (value.is_string()) return internal::QuoteForMessage(value.text);
  return std::string(Value::KindName(value.kind));
}

class Walker {
 public:
  Walker(size_t from, TemplateContext& context)
      : from_(from), context_(context) {}

  absl::Status Walk(const Value& value, const std::string& path) {
    if (std::optional<TemplateExpression> expression =
            iam::AsTemplateExpression(value)) {
      // Inside a function's arguments the property path stays that of the
      // outermost expression: "Tags[0].Value", not "Tags[0].Value[1][0]".
      ++in_arguments_;
      absl::Status status = WalkExpression(*expression, path);
      --in_arguments_;
      return status;
    }
    return WalkChildren(value, path);
  }

 private:
  absl::Status WalkChildren(const Value& value, const std::string& path) {
    if (value.is_array()) {
      for (size_t i = 0; i < value.items.size(); ++i) {
        if (absl::Status s = Walk(
                value.items[i],
                in_arguments_ > 0 ? path : absl::StrCat(path, "[", i, "]"));
            !s.ok()) {
          return s;
        }
      }
    } else if (value.is_object()) {
      for (size_t i = 0; i < value.items.size(); ++i) {
        const std::string& key = value.keys[i];
        if (key.starts_with(iam::kForEachPrefix)) continue;
        std::string child = in_arguments_ > 0 ? path
                            : path.empty()    ? key
                                              : absl::StrCat(path, ".", key);
        if (absl::Status s = Walk(value.items[i], child); !s.ok()) return s;
      }
    }
    return absl::OkStatus();
  }

  // The argument of `expression`, walked for nested expressions. A short
  // form's argument is the tagged node itself: only its children are walked.
  absl::Status WalkArgument(const TemplateExpression& expression,
                            const std::string& path) {
    if (expression.short_form) return WalkChildren(*expression.argument, path);
    return Walk(*expression.argument, path);
  }

  absl::Status WalkExpression(const TemplateExpression& expression,
                              const std::string& path) {
    const std::string& name = expression.name;
    // Rain directives other than Rain::Module (which ImportCloudFormation
    // turns away) stand for a value known only once the template is packaged.
    if (name.starts_with(iam::kRainPrefix)) return absl::OkStatus();
    if (!iam::IsKnownIntrinsic(name)) {
      return InputError(
          expression.location,
          absl::StrCat("unknown intrinsic function ", expression.spelling));
    }
    if (name.starts_with(iam::kForEachPrefix)) return absl::OkStatus();
    const Value& argument = *expression.argument;
    if (name == "Ref") return WalkRef(expression, path);
    if (name == "Fn::GetAtt") return WalkGetAtt(expression, path);
    if (name == "Fn::Sub") return WalkSub(expression, path);
    if (name == "Fn::FindInMap" && argument.is_array() &&
        !argument.items.empty()) {
      const Value& map = argument.items[0];
      if (map.is_string() && !iam::AsTemplateExpression(map).has_value() &&
          !context_.has_transform && !context_.mappings.contains(map.text)) {
        return InputError(
            map.location,
            absl::StrCat(expression.spelling, " refers to undefined mapping ",
                         internal::QuoteForMessage(map.text)));
      }
    }
    if (name == "Fn::If" || name == "Condition") {
      const Value* condition = &argument;
      if (name == "Fn::If") {
        if (!argument.is_array() || argument.items.size() != 3) {
          return InputError(
              expression.location,
              absl::StrCat("Fn::If must be [condition, value if true, value "
                           "if false], found ",
                           Describe(argument)));
        }
        condition = &argument.items[0];
      }
      if (absl::Status s = CheckCondition(*condition, expression); !s.ok()) {
        return s;
      }
    }
    return WalkArgument(expression, path);
  }

  absl::Status CheckCondition(const Value& condition,
                              const TemplateExpression& expression) {
    // A short !Condition's argument is the tagged node itself.
    const bool is_call =
        !(expression.short_form && &condition == expression.argument) &&
        iam::AsTemplateExpression(condition).has_value();
    if (!condition.is_string() || is_call || context_.has_transform ||
        context_.conditions.contains(condition.text)) {
      return absl::OkStatus();
    }
    return InputError(
        condition.location,
        absl::StrCat(expression.spelling, " refers to undefined condition ",
                     internal::QuoteForMessage(condition.text)));
  }

  // Records a reference to `logical_id` if it names a resource; returns
  // false when it names nothing the template declares.
  bool Resolve(std::string_view logical_id, std::string attribute,
               bool allow_parameter, const std::string& path,
               const SourceLocation& location) {
    size_t target = context_.ResourceIndex(logical_id);
    if (target != kNoResource) {
      if (from_ != kNoResource) {
        context_.builder.AddReference(
            Reference{from_, target, std::move(attribute), path, location});
      }
      return true;
    }
    if (context_.left_out.contains(internal::ToAbsl(logical_id))) return true;
    if (!allow_parameter) return context_.has_transform;
    return context_.has_transform ||
           context_.parameters.contains(internal::ToAbsl(logical_id)) ||
           TemplateContext::IsPseudoParameter(logical_id);
  }

  absl::Status WalkRef(const TemplateExpression& expression,
                       const std::string& path) {
    const Value& argument = *expression.argument;
    if (!argument.is_string()) {
      if (!expression.short_form &&
          iam::AsTemplateExpression(argument).has_value()) {
        return Walk(argument, path);  // AWS::LanguageExtensions allows this
      }
      return InputError(argument.location,
                        absl::StrCat("Ref must name a resource or parameter, "
                                     "found ",
                                     Describe(argument)));
    }
    if (!Resolve(argument.text, "", /*allow_parameter=*/true, path,
                 argument.location)) {
      return InputError(argument.location,
                        absl::StrCat("Ref to undefined resource or parameter ",
                                     internal::QuoteForMessage(argument.text)));
    }
    return absl::OkStatus();
  }

  absl::Status WalkGetAtt(const TemplateExpression& expression,
                          const std::string& path) {
    const Value& argument = *expression.argument;
    std::string logical_id;
    std::string attribute;
    const SourceLocation* location = &argument.location;
    if (argument.is_string() && argument.text.find('.') != std::string::npos &&
        argument.text.find('.') > 0) {
      size_t dot = argument.text.find('.');
      logical_id = argument.text.substr(0, dot);
      attribute = argument.text.substr(dot + 1);
    } else if (argument.is_array() && argument.items.size() == 2 &&
               argument.items[0].is_string()) {
      logical_id = argument.items[0].text;
      location = &argument.items[0].location;
      const Value& name = argument.items[1];
      attribute = name.is_scalar() ? name.text : iam::RenderSymbolic(name);
      if (absl::Status s = Walk(name, path); !s.ok()) return s;
    } else {
      return InputError(
          expression.location,
          absl::StrCat("Fn::GetAtt must be \"Resource.Attribute\" or "
                       "[Resource, Attribute], found ",
                       Describe(argument)));
    }
    if (!Resolve(logical_id, attribute, /*allow_parameter=*/false, path,
                 *location)) {
      return InputError(*location,
                        absl::StrCat("GetAtt to undefined resource ",
                                     internal::QuoteForMessage(logical_id)));
    }
    return absl::OkStatus();
  }

  absl::Status WalkSub(const TemplateExpression& expression,
                       const std::string& path) {
    const Value& argument = *expression.argument;
    std::optional<TemplateExpression> inner =
        expression.short_form ? std::nullopt
                              : iam::AsTemplateExpression(argument);
    if (inner.has_value() && inner->name.starts_with(iam::kRainPrefix)) {
      return absl::OkStatus();  // Fn::Sub: !Rain::Embed script.sh
    }
    const Value* text = &argument;
    const Value* variables = nullptr;
    const bool plain = expression.short_form ||
                       !iam::AsTemplateExpression(argument).has_value();
    if (plain && argument.is_array() && !argument.items.empty() &&
        argument.items.size() <= 2 && argument.items[0].is_string()) {
      text = &argument.items[0];
      if (argument.items.size() == 2) variables = &argument.items[1];
    }
    // A short form's argument is the tagged node itself, not a nested call.
    const bool text_is_call = !(expression.short_form && text == &argument) &&
                              iam::AsTemplateExpression(*text).has_value();
    if (!text->is_string() || text_is_call ||
        (variables != nullptr && !variables->is_object())) {
      return InputError(
          expression.location,
          absl::StrCat("Fn::Sub must be a string or [string, variables], "
                       "found ",
                       Describe(argument)));
    }
    if (variables != nullptr) {
      if (absl::Status s = Walk(*variables, path); !s.ok()) return s;
    }
    const std::string& body = text->text;
    for (size_t start = body.find("${"); start != std::string::npos;
         start = body.find("${", start + 2)) {
      size_t end = body.find('}', start + 2);
      if (end == std::string::npos) break;
      std::string_view name =
          std::string_view(body).substr(start + 2, end - start - 2);
      if (name.empty() || name[0] == '!') continue;  // "${!Literal}"
      if (variables != nullptr && variables->Find(name) != nullptr) continue;
      size_t dot = name.find('.');
      std::string_view logical_id = name.substr(0, dot);
      std::string attribute;
      if (dot != std::string_view::npos) {
        attribute = std::string(name.substr(dot + 1));
      }
      if (!Resolve(logical_id, attribute,
                   /*allow_parameter=*/dot == std::string_view::npos, path,
                   text->location)) {
        return InputError(
            text->location,
            absl::StrCat("Fn::Sub refers to undefined resource or parameter ",
                         internal::QuoteForMessage(logical_id)));
      }
    }
    return absl::OkStatus();
  }

  size_t from_;
  TemplateContext& context_;
  int in_arguments_ = 0;  // depth of expressions being walked
};

}  // namespace

absl::Status WalkExpressions(const Value& value, const std::string& path,
                             size_t from, TemplateContext& context) {
  return Walker(from, context).Walk(value, path);
}

}  // namespace polygraph::ingest
