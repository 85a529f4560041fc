#ifndef POLYGRAPH_LIB_INGEST_CLOUDFORMATION_CONTEXT_H_
#define POLYGRAPH_LIB_INGEST_CLOUDFORMATION_CONTEXT_H_

// What the CloudFormation front-end knows about one template while it turns
// it into model entries: its parameters, conditions and resources, and how
// to resolve a property value that may be a template expression.
//
// Thread safety: thread-compatible; one context per template being read.

#include <cstddef>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "polygraph/diagnostic.h"
#include "polygraph/ip_address.h"
#include "polygraph/model.h"
#include "polygraph/value.h"

namespace polygraph::ingest {

// One entry of the template's Resources section.
struct Declaration {
  std::string logical_id;
  std::string type;
  size_t index = kNoResource;    // in the model
  const Value* entry = nullptr;  // the whole resource object, as written
  // Its Properties evaluated (cloudformation_evaluation.h), or nullptr.
  const Value* properties = nullptr;
  SourceLocation location;  // of the logical id
};

struct TemplateContext {
  // REQUIRES: `builder` and `diagnostics` outlive the context.
  TemplateContext(ModelBuilder& builder, std::vector<Diagnostic>& diagnostics)
      : builder(builder), diagnostics(diagnostics) {}
  TemplateContext(const TemplateContext&) = delete;
  TemplateContext& operator=(const TemplateContext&) = delete;

  ModelBuilder& builder;
  std::vector<Diagnostic>& diagnostics;
  // Parameter name -> its declaration (an object, perhaps with Default).
  absl::flat_hash_map<std::string, const Value*> parameters;
  absl::flat_hash_set<std::string> conditions;
  absl::flat_hash_set<std::string> mappings;
  // Logical id -> position in `declarations`.
  absl::flat_hash_map<std::string, size_t> resources;
  std::vector<Declaration> declarations;
  // Resources declared but left out because their Condition is false: a
  // reference to one is not an error, and links nothing.
  absl::flat_hash_set<std::string> left_out;
  // Evaluated property trees; a deque keeps their addresses stable.
  std::deque<Value> evaluated;
  // True when a Transform or Fn::Transform may add resources we never see,
  // so references to undeclared ids are not errors.
  bool has_transform = false;

  static bool IsPseudoParameter(std::string_view name);

  // The model index of the declared resource `logical_id`, or kNoResource.
  size_t ResourceIndex(std::string_view logical_id) const;
  // The model index of the resource named by a Ref or Fn::GetAtt `value`
  // (either form), or kNoResource (a parameter, a literal, any other value).
  size_t ReferencedResource(const Value& value) const;
  // `value` itself when it is a literal scalar; the Default of the parameter
  // when `value` is a Ref to a parameter with a scalar Default; else nullptr
  // (the value is symbolic).
  const Value* Resolve(const Value& value) const;
  // The model kind of the resource at model index `index`.
  ResourceKind KindOf(size_t index) const;

  // Reads the CIDR `value` of element `key` as a normalized CIDR of
  // `family`; nullopt when the value is symbolic (then noted, saying
  // `consequence`). Host bits are masked with a "cidr-host-bits" warning, as
  // EC2 accepts them. Errors: not a string, not a CIDR, the other family.
  absl::StatusOr<std::optional<std::string>> ReadCidr(
      std::string_view key, const Value& value, ip::Family family,
      std::string_view consequence);

  // Reads the Boolean property `key` of `holder` into `flag`: true/false,
  // or the strings "true"/"false" in any case (CloudFormation converts
  // property values to strings). Absent: `flag` is left unset; symbolic:
  // noted and left unset. Errors: any other value.
  absl::Status ReadFlag(const Value& holder, std::string_view key,
                        LocatedBool& flag);

  void Note(std::string code, const SourceLocation& location,
            std::string message);
  // An error-level diagnostic for bad input that does not stop the load
  // (e.g. "invalid-value": the element is left out, the rest is analysed).
  void Error(std::string code, const SourceLocation& location,
             std::string message);
  // `status` itself when it is OK or carries no location; otherwise (an
  // InputError about one element: a rule, an entry) an "invalid-value"
  // error diagnostic at its location, ending "; <consequence>", and OK, so
  // the element is left out and the rest of the template is still read.
  absl::Status LeaveOutInvalid(absl::Status status,
                               std::string_view consequence);
  // The model index of the declared AWS::S3::Bucket whose BucketName
  // resolves to `name`, or kNoResource.
  size_t BucketNamed(std::string_view name) const;
  // A "symbolic-value" note: `element` at `value` is a template expression
  // that polygraph cannot resolve; `consequence` says what is lost.
  void NoteSymbolic(std::string_view element, const Value& value,
                    std::string_view consequence);
};

// Calls `visit` on each entry of the list property `list` (e.g. a group's
// SecurityGroupIngress). An Fn::If, as the list or as an entry, contributes
// the entries of both branches (either may apply); a Ref to AWS::NoValue
// contributes none; any other expression is noted as symbolic and skipped.
// Errors: `list` is not an array (InputError naming `element`), or the first
// error `visit` returns.
absl::Status ForEachListEntry(
    const Value& list, std::string_view element, TemplateContext& context,
    const std::function<absl::Status(const Value&)>& visit);

// A value for a message: "template expression Fn::If", a quoted string, a
// number as written, or the kind ("object", "array", "boolean", "null").
std::string DescribeValue(const Value& value);

}  // namespace polygraph::ingest

#endif  // POLYGRAPH_LIB_INGEST_CLOUDFORMATION_CONTEXT_H_
