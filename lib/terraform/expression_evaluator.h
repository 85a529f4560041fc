#ifndef POLYGRAPH_LIB_TERRAFORM_EXPRESSION_EVALUATOR_H_
#define POLYGRAPH_LIB_TERRAFORM_EXPRESSION_EVALUATOR_H_

// Evaluates HCL expressions (hcl_syntax.h) to TfValues with Terraform's
// semantics: operators with Terraform's conversions (a string "8" is a
// number where a number is needed), templates and their directives, for
// expressions, splats, conditionals, function calls (functions.h; try and
// can here, since they take unevaluated arguments). What the names mean is
// the Scope's business: the evaluator turns each traversal (a root name and
// the attribute and index steps after it) into one Scope::Resolve call, so
// a scope can resolve `aws_vpc.main.id` without evaluating every aws_vpc.
// Unknown operands give unknown results, never guesses.
//
// A file function naming a missing file gives an unknown and a Scope::Warn
// (the file may be built before apply). Errors are InputErrors at the
// expression: "main.tf:4:12: Invalid
// operand: a number is required, got string \"abc\"".
//
// Thread safety: thread-compatible; scopes are not shared across threads.

#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "terraform/functions.h"
#include "terraform/hcl_syntax.h"
#include "terraform/value.h"

namespace polygraph::terraform {

// One step after a traversal's root: `.name` or `[key]`.
struct TraversalStep {
  enum class Kind { kAttribute, kIndex };
  Kind kind = Kind::kAttribute;
  std::string name;  // kAttribute
  TfValue key;       // kIndex, evaluated
  SourceLocation location;
};

class Scope {
 public:
  virtual ~Scope() = default;
  // The value of root name `root` (at `location`) followed by some prefix of
  // `steps`; sets `*steps_used` to how many of the steps it applied (the
  // evaluator applies the rest). Errors: an undeclared name or attribute.
  virtual absl::StatusOr<TfValue> Resolve(const std::string& root,
                                          const SourceLocation& location,
                                          absl::Span<const TraversalStep> steps,
                                          size_t* steps_used) = 0;
  virtual const FunctionContext& functions() const = 0;
  // Reports something the evaluation kept symbolic that the user should
  // know (a file that does not exist). Default: dropped.
  virtual void Warn(const SourceLocation& location, std::string message) {}
};

// A scope that adds names (for-expression and iterator variables, count,
// each) to a parent scope.
class NestedScope : public Scope {
 public:
  explicit NestedScope(Scope& parent) : parent_(parent) {}
  void Set(const std::string& name, TfValue value);
  absl::StatusOr<TfValue> Resolve(const std::string& root,
                                  const SourceLocation& location,
                                  absl::Span<const TraversalStep> steps,
                                  size_t* steps_used) override;
  const FunctionContext& functions() const override {
    return parent_.functions();
  }
  void Warn(const SourceLocation& location, std::string message) override {
    parent_.Warn(location, std::move(message));
  }

 private:
  Scope& parent_;
  absl::flat_hash_map<std::string, TfValue> names_;
};

// A scope in which no name resolves, for what must be a constant (a
// variable's default, an optional() default, a .tfvars or --var value):
// any reference is "Variables not allowed", located at the name. Its
// functions have no file access.
class ConstantScope : public Scope {
 public:
  absl::StatusOr<TfValue> Resolve(const std::string& root,
                                  const SourceLocation& location,
                                  absl::Span<const TraversalStep> steps,
                                  size_t* steps_used) override;
  const FunctionContext& functions() const override { return functions_; }

 private:
  FunctionContext functions_;
};

absl::StatusOr<TfValue> Evaluate(const Expression& expression, Scope& scope);

// A template's parts rendered to a string (or an unknown template).
absl::StatusOr<TfValue> EvaluateTemplate(const std::vector<TemplatePart>& parts,
                                         Scope& scope,
                                         const SourceLocation& location);

// One step applied to a value: an object's attribute, a list's element, a
// map's key. An object that stands for a resource instance (its
// resource_address is set) gives, for an attribute not configured, the
// unknown TfValue::ResourceAttribute. Steps on unknowns give unknowns.
// Errors: a missing attribute or key, an index out of range, a step on a
// value that has none.
absl::StatusOr<TfValue> ApplyStep(const TfValue& value,
                                  const TraversalStep& step);

// Terraform's conversion to string for templates and string arguments:
// numbers and bools as their text; unknowns stay unknown. Errors: null,
// lists and objects.
absl::StatusOr<TfValue> ConvertToString(const TfValue& value);

}  // namespace polygraph::terraform

#endif  // POLYGRAPH_LIB_TERRAFORM_EXPRESSION_EVALUATOR_H_
