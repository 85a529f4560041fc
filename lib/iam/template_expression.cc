#include "iam/template_expression.h"

#include <algorithm>
#include <array>
#include <string>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "polygraph/iam_policy.h"

namespace polygraph::iam {
namespace {

// Every function name CloudFormation accepts, long form. Sources: the
// intrinsic function reference, the condition functions, the
// AWS::LanguageExtensions transform, and the rule functions of Rules.
constexpr std::array<std::string_view, 26> kKnownIntrinsics = {
    "Ref",
    "Condition",
    "Fn::And",
    "Fn::Base64",
    "Fn::Cidr",
    "Fn::Contains",
    "Fn::EachMemberEquals",
    "Fn::EachMemberIn",
    "Fn::Equals",
    "Fn::FindInMap",
    "Fn::GetAtt",
    "Fn::GetAZs",
    "Fn::If",
    "Fn::ImportValue",
    "Fn::Join",
    "Fn::Length",
    "Fn::Not",
    "Fn::Or",
    "Fn::RefAll",
    "Fn::Select",
    "Fn::Split",
    "Fn::Sub",
    "Fn::ToJsonString",
    "Fn::Transform",
    "Fn::ValueOf",
    "Fn::ValueOfAll",
};

// A scalar or expression rendered as text, for the parts of Fn::Join and
// Fn::GetAtt.
std::string RenderPart(const Value& part) {
  if (AsTemplateExpression(part).has_value()) return RenderSymbolic(part);
  if (part.is_scalar()) return part.text;
  return "";
}

std::string RenderGetAtt(const Value& argument) {
  if (argument.is_string()) return absl::StrCat("${", argument.text, "}");
  if (argument.is_array() && argument.items.size() == 2) {
    return absl::StrCat("${", RenderPart(argument.items[0]), ".",
                        RenderPart(argument.items[1]), "}");
  }
  return "${Fn::GetAtt}";
}

std::string RenderJoin(const Value& argument) {
  if (!argument.is_array() || argument.items.size() != 2 ||
      !argument.items[0].is_scalar()) {
    return "${Fn::Join}";
  }
  const Value& parts = argument.items[1];
  if (AsTemplateExpression(parts).has_value()) return RenderSymbolic(parts);
  if (!parts.is_array()) return "${Fn::Join}";
  std::vector<std::string> rendered;
  for (const Value& part : parts.items) {
    if (IsNoValue(part)) continue;
    rendered.push_back(RenderPart(part));
  }
  return absl::StrJoin(rendered, argument.items[0].text);
}

}  // namespace

std::optional<TemplateExpression> AsTemplateExpression(const Value& value) {
  if (value.tag.size() > 1 && value.tag[0] == '!' && value.tag[1] != '!') {
    TemplateExpression expression;
    std::string_view name = std::string_view(value.tag).substr(1);
    // "Ref", "Condition", and names already qualified ("!Rain::Embed", a
    // pre-processor directive) are kept; "GetAtt" becomes "Fn::GetAtt".
    if (name == "Ref" || name == "Condition" ||
        name.find("::") != std::string_view::npos) {
      expression.name = std::string(name);
    } else {
      expression.name =
          absl::StrCat("Fn::", absl::string_view(name.data(), name.size()));
    }
    expression.spelling = value.tag;
    expression.argument = &value;
    expression.short_form = true;
    expression.location = value.location;
    return expression;
  }
  if (value.is_object() && value.keys.size() == 1 && value.items.size() == 1) {
    const std::string& key = value.keys[0];
    // "Fn::ForEach::<loop>" is a member that expands into members, not a
    // value: an object holding only a loop is still an object.
    if (key == "Ref" || key.starts_with(kRainPrefix) ||
        (key.starts_with("Fn::") && !key.starts_with(kForEachPrefix))) {
      TemplateExpression expression;
      expression.name = key;
      expression.spelling = key;
      expression.argument = &value.items[0];
      expression.location =
          value.key_locations.empty() ? value.location : value.key_locations[0];
      return expression;
    }
  }
  return std::nullopt;
}

bool IsKnownIntrinsic(std::string_view name) {
  if (name.starts_with(kForEachPrefix) && name.size() > kForEachPrefix.size()) {
    return true;
  }
  return std::find(kKnownIntrinsics.begin(), kKnownIntrinsics.end(), name) !=
         kKnownIntrinsics.end();
}

bool IsNoValue(const Value& value) {
  std::optional<TemplateExpression> expression = AsTemplateExpression(value);
  return expression.has_value() && expression->name == "Ref" &&
         expression->argument->is_string() &&
         expression->argument->text == "AWS::NoValue";
}

std::string RenderSymbolic(const Value& value) {
  std::optional<TemplateExpression> expression = AsTemplateExpression(value);
  if (!expression.has_value()) return "";
  const Value& argument = *expression->argument;
  const std::string& name = expression->name;
  if (name == "Ref") {
    return argument.is_scalar() ? absl::StrCat("${", argument.text, "}")
                                : "${Ref}";
  }
  if (name == "Fn::GetAtt") return RenderGetAtt(argument);
  if (name == "Fn::Sub") {
    if (argument.is_string()) return argument.text;
    if (argument.is_array() && !argument.items.empty() &&
        argument.items[0].is_string()) {
      return argument.items[0].text;
    }
    return "${Fn::Sub}";
  }
  if (name == "Fn::Join") return RenderJoin(argument);
  return absl::StrCat("${", name, "}");
}

}  // namespace polygraph::iam
