#ifndef POLYGRAPH_LIB_INGEST_CLOUDFORMATION_RESOURCE_POLICIES_INTERNAL_H_
#define POLYGRAPH_LIB_INGEST_CLOUDFORMATION_RESOURCE_POLICIES_INTERNAL_H_

// Internal to the resource policy facets (AddResourcePolicyFacets in
// cloudformation_facets.h): the helpers shared by
// cloudformation_resource_policies.cc (synthesized Values, governed
// resources, documents and the dispatch on resource type),
// cloudformation_lambda_permissions.cc (Lambda permissions and the ARN and
// Principal elements of synthesized statements) and
// cloudformation_event_bus_policies.cc (EventBridge bus policies).
//
// Thread safety: the functions are thread-compatible; each mutates only the
// TemplateContext it is given.

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ingest/cloudformation_context.h"
#include "ingest/cloudformation_facets.h"
#include "ingest/cloudformation_text.h"
#include "polygraph/source_location.h"
#include "polygraph/value.h"

namespace polygraph::ingest::resource_policies {

inline constexpr std::string_view kUnresolved = "unresolved-reference";
inline constexpr std::string_view kNoOwner = "the policy has no owner";

// Synthesized documents: Value trees whose nodes carry the locations of the
// properties they were built from, so the parsed policy cites the template.
// Nodes are made with evaluation::MakeString, MakeObject and MakeExpression
// (cloudformation_text.h); Put appends a member.
void Put(Value& object, std::string key, Value item,
         const SourceLocation& key_location);

// How a reference to the governed resource is matched with the declared
// resources of one kind.
struct TargetKind {
  ResourceKind kind;
  std::string_view noun;      // for messages: "topic"
  std::string_view name_key;  // the declared name property: "TopicName"
  // The resource's name within a literal reference to it (a name, an ARN, a
  // queue URL).
  std::string_view (*name_of)(std::string_view literal);
};

// What follows the last `separator` in `text`; all of `text` when it has
// none (for TargetKind::name_of).
std::string_view AfterLast(std::string_view text, char separator);

// The declared resource `value` (of element `element`) names: a Ref or
// Fn::GetAtt of a resource of `target`'s kind, or a literal (or a parameter's
// Default) whose name matches a declared one. Else kNoResource, noted
// "symbolic-value" (an expression) or "unresolved-reference" (a literal),
// ending with `consequence`. Errors: a value that is not a string.
absl::StatusOr<size_t> GovernedResource(TemplateContext& context,
                                        const Value& value,
                                        std::string_view element,
                                        const TargetKind& target,
                                        std::string_view consequence);

// Adds `document` as a resource policy named `name`, once for each of
// `owners`. A JSON string or an expression is noted and not analysed, as for
// identity policies. Errors: the policy grammar's.
absl::Status AddDocument(TemplateContext& context, const Value& document,
                         std::string_view element,
                         const std::vector<size_t>& owners,
                         const std::string& name);

// The property `key` of `declaration`. Errors: it is absent.
absl::StatusOr<const Value*> Required(const Declaration& declaration,
                                      const Value& properties,
                                      std::string_view key);

// The Fn::Sub of an ARN in the template's own account and region.
Value OwnArn(std::string_view service_and_resource,
             const SourceLocation& location);

// The symbolic ARN of the resource `reference` names: Fn::GetAtt <id>.Arn of
// the declared `owner`; a literal ARN as written; a literal name completed
// into an ARN of `service`:`resource_prefix`<name>; any other expression as
// written. Each located at `reference`.
Value ArnOf(const TemplateContext& context, const Value& reference,
            size_t owner, std::string_view service,
            std::string_view resource_prefix, const TargetKind& target);

// A Principal element for an account, an ARN or a service principal:
// "*" stays "*", a name ending in "amazonaws.com" (or ".amazonaws.com.cn")
// is a Service, anything else (an account id, an ARN, an expression) AWS.
// Errors: an object or a list.
absl::StatusOr<Value> PrincipalOf(const TemplateContext& context,
                                  const Value& principal);

// AWS::Lambda::Permission (cloudformation_lambda_permissions.cc).
absl::Status AddLambdaPermission(TemplateContext& context,
                                 const Declaration& declaration,
                                 const Value& properties);

// AWS::Events::EventBusPolicy (cloudformation_event_bus_policies.cc).
absl::Status AddEventBusPolicy(TemplateContext& context,
                               const Declaration& declaration,
                               const Value& properties);

}  // namespace polygraph::ingest::resource_policies

#endif  // POLYGRAPH_LIB_INGEST_CLOUDFORMATION_RESOURCE_POLICIES_INTERNAL_H_
