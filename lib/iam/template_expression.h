#ifndef POLYGRAPH_LIB_IAM_TEMPLATE_EXPRESSION_H_
#define POLYGRAPH_LIB_IAM_TEMPLATE_EXPRESSION_H_

// Recognizes CloudFormation intrinsic functions in a Value tree, in both
// spellings: the YAML short form (a node tagged "!GetAtt") and the long form
// (a single-member object {"Fn::GetAtt": ...}). The IAM grammar uses this to
// keep template expressions symbolic; the CloudFormation front-end uses it to
// validate and follow references.
//
// Thread safety: stateless functions; thread-safe.

#include <optional>
#include <string>
#include <string_view>

#include "polygraph/source_location.h"
#include "polygraph/value.h"

namespace polygraph::iam {

struct TemplateExpression {
  // The canonical long name: "Ref", "Condition", "Fn::GetAtt", ... For a
  // short form the name is derived from the tag ("!Reff" -> "Fn::Reff"), so
  // it may be unknown; see IsKnownIntrinsic().
  std::string name;
  // The spelling as written: "!GetAtt" or "Fn::GetAtt".
  std::string spelling;
  // The argument. For the short form this is the tagged node itself: read
  // its kind, text and items, but never treat it as an expression again.
  const Value* argument = nullptr;
  bool short_form = false;
  // Where the expression is written: the tagged node, or the long form's key.
  SourceLocation location;
};

// Keys with these prefixes are not ordinary intrinsics: "Fn::ForEach::<name>"
// (AWS::LanguageExtensions) expands into members, and "Rain::..." is a
// directive of the Rain pre-processor, resolved only when packaged.
inline constexpr std::string_view kForEachPrefix = "Fn::ForEach::";
inline constexpr std::string_view kRainPrefix = "Rain::";

// The expression `value` is written as, or nullopt. Long forms are objects
// with exactly one member whose key is "Ref" or starts with "Fn::" (but not
// "Fn::ForEach::", a member that expands into members) or "Rain::" (a
// directive of the Rain pre-processor, whose value is unknown until the
// template is packaged); short
// forms are nodes with a local tag ("!Name"; "!!str" and "!" are not
// expressions). The name is not checked; see IsKnownIntrinsic().
std::optional<TemplateExpression> AsTemplateExpression(const Value& value);

// True for every intrinsic and condition function CloudFormation defines,
// (not for pre-processor directives such as "Rain::Embed"),
// including the AWS::LanguageExtensions ones (Fn::Length, Fn::ToJsonString,
// Fn::ForEach::<name>) and the rule functions of a template's Rules section.
bool IsKnownIntrinsic(std::string_view name);

// True when `value` is {"Ref": "AWS::NoValue"} or !Ref AWS::NoValue.
bool IsNoValue(const Value& value);

}  // namespace polygraph::iam

#endif  // POLYGRAPH_LIB_IAM_TEMPLATE_EXPRESSION_H_
