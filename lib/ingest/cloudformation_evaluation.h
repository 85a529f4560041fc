#ifndef POLYGRAPH_LIB_INGEST_CLOUDFORMATION_EVALUATION_H_
#define POLYGRAPH_LIB_INGEST_CLOUDFORMATION_EVALUATION_H_

// Evaluates a template's intrinsic functions as CloudFormation does when it
// creates the stack, as far as the template, the parameter values and the
// pseudo parameters decide them (a partial evaluator).
//
//   TemplateEvaluator evaluator(document, inputs, diagnostics);
//   absl::StatusOr<Value> properties = evaluator.Evaluate(*raw_properties);
//
// What is decided:
// - Ref to a parameter: the value given (TemplateInputs), else its Default;
//   a List<...> or CommaDelimitedList parameter becomes an array of strings
//   (split at commas, spaces around entries trimmed). A parameter with
//   neither, and an AWS::SSM::Parameter::Value<...> parameter (resolved from
//   Systems Manager at deployment), stay symbolic.
// - Pseudo parameters: AWS::Partition "aws" and AWS::URLSuffix
//   "amazonaws.com" unless AWS::Region is given (then the region's
//   partition: aws-cn, aws-us-gov, ...); AWS::Region, AWS::AccountId,
//   AWS::StackName, AWS::StackId and AWS::NotificationARNs only when given
//   (TemplateInputs::parameters["AWS::Region"], ...), else symbolic;
//   AWS::NoValue removes the member or array entry that holds it.
// - Fn::FindInMap (with the AWS::LanguageExtensions DefaultValue),
//   Fn::Equals/And/Or/Not and Condition (three-valued: an undecided
//   condition leaves both branches of an Fn::If), Fn::If, Fn::Sub (both
//   forms; "${!Literal}" gives "${Literal}"), Fn::Join, Fn::Select,
//   Fn::Split, Fn::Base64, Fn::Cidr (exact), Fn::GetAZs (the zones AWS lists
//   for the region; see cloudformation_functions.h), Fn::Length and
//   Fn::ToJsonString, once their arguments are decided.
// - A Ref or Fn::GetAtt naming a resource is kept as written, so the
//   front-end can link the resources; inside a string (Fn::Sub, Fn::Join)
//   it becomes a "${Resource}" or "${Resource.Attribute}" variable of an
//   Fn::Sub that renders the rest of the string exactly.
// - Anything else (Fn::ImportValue, Fn::Transform, Rain directives, an
//   expression over an undecided value) stays an expression, written in the
//   long form ({"Fn::Join": [...]}) with its decided arguments.
// Every value produced is located where the expression that produced it is
// written, so findings point at the line that uses the value.
//
// Malformed expressions are left as written: WalkExpressions
// (cloudformation_expressions.h) reports them with their location.
// Errors (InputError at the expression) are the ones CloudFormation would
// fail the stack with: Fn::FindInMap naming a missing key, Fn::Select out of
// range, Fn::Cidr that does not fit, a condition that depends on itself, a
// parameter value that breaks its constraints.
//
// Thread safety: thread-compatible; one evaluator per template.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "iam/template_expression.h"
#include "polygraph/diagnostic.h"
#include "polygraph/value.h"

namespace polygraph::ingest {

// What a template is evaluated with, besides its own Defaults.
struct TemplateInputs {
  // Parameter name -> value, as `--param Name=Value` gives it; also pseudo
  // parameters by their names ("AWS::Region", "AWS::AccountId").
  std::map<std::string, std::string> parameters;
};

// What a condition came out as, and why.
struct ConditionValue {
  std::optional<bool> value;  // nullopt: undecided
  // The parameters the decision rests on, "Env = \"prod\" (default)".
  std::vector<std::string> assumptions;
};

class TemplateEvaluator {
 public:
  // REQUIRES: `document` and `diagnostics` outlive the evaluator.
  TemplateEvaluator(const Value& document, const TemplateInputs& inputs,
                    std::vector<Diagnostic>& diagnostics);
  TemplateEvaluator(const TemplateEvaluator&) = delete;
  TemplateEvaluator& operator=(const TemplateEvaluator&) = delete;

  // Checks each parameter's value, given or default, against its
  // constraints (parameter_constraints.h). Errors: InputError at the
  // constraint broken.
  absl::Status CheckInputs() const;

  // `value` evaluated. A whole value that is AWS::NoValue (or an Fn::If
  // choosing it) evaluates to nullopt.
  absl::StatusOr<std::optional<Value>> Evaluate(const Value& value);

  // The condition `name` of the Conditions section.
  // Errors: a condition that refers to itself, through others or directly.
  absl::StatusOr<ConditionValue> Condition(std::string_view name);

 private:
  using Result = absl::StatusOr<std::optional<Value>>;
  struct Parameter {
    std::optional<Value> value;  // nullopt: symbolic
    std::string explanation;     // "Env = \"prod\" (default)"
  };
  // The parameter or pseudo parameter `name`, or nullptr (a resource, or
  // nothing the template declares). Records its explanation while a
  // condition is being decided.
  const Parameter* FindParameter(std::string_view name);
  // A condition function (Fn::Equals/And/Or/Not, Condition); nullopt when
  // undecided.
  absl::StatusOr<std::optional<bool>> Decide(const Value& condition);
  Result EvaluateExpression(const iam::TemplateExpression& call,
                            const Value& original);
  Result EvaluateArgument(const iam::TemplateExpression& call);
  Result EvaluateRef(const iam::TemplateExpression& call,
                     const Value& original);
  Result EvaluateIf(const iam::TemplateExpression& call, const Value& original);
  // The calls below take their decided arguments and return nullopt when
  // they cannot decide (the caller keeps the call).
  Result EvaluateSub(const iam::TemplateExpression& call, const Value& args);
  Result EvaluateJoin(const iam::TemplateExpression& call, const Value& args);
  Result EvaluateFindInMap(const iam::TemplateExpression& call,
                           const Value& args);
  Result EvaluateSelect(const iam::TemplateExpression& call, const Value& args);
  Result EvaluateCidr(const iam::TemplateExpression& call, const Value& args);
  // "Bucket" or "Bucket.Arn" for a Ref or Fn::GetAtt naming a resource of
  // the template; nullopt otherwise.
  std::optional<std::string> ResourceVariable(const Value& value) const;

  const Value& document_;
  const Value* resources_ = nullptr;  // the Resources section
  const TemplateInputs& inputs_;
  std::vector<Diagnostic>& diagnostics_;
  absl::flat_hash_map<std::string, Parameter> parameters_;
  absl::flat_hash_map<std::string, ConditionValue> conditions_;
  std::vector<std::string> evaluating_;            // conditions being decided
  std::vector<std::string>* recording_ = nullptr;  // their assumptions
};

}  // namespace polygraph::ingest

#endif  // POLYGRAPH_LIB_INGEST_CLOUDFORMATION_EVALUATION_H_
