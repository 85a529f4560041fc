#ifndef POLYGRAPH_LIB_INGEST_SAM_POLICY_TEMPLATES_H_
#define POLYGRAPH_LIB_INGEST_SAM_POLICY_TEMPLATES_H_

// Internal to the SAM transform (sam_transform.h): builders for the Value
// nodes the transform generates, and the execution-role policies SAM derives
// from a resource's Policies property, including SAM's policy templates
// ({S3ReadPolicy: {BucketName: !Ref Bucket}}).
//
// Every node built here carries the SourceLocation it is given, so findings
// on generated resources cite the SAM source that caused them.
//
// Thread safety: stateless functions over a constant table; thread-safe.
// RolePolicies is a plain value type (thread-compatible).

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "polygraph/diagnostic.h"
#include "polygraph/source_location.h"
#include "polygraph/value.h"

namespace polygraph::ingest::sam {

// A string node.
Value Text(std::string_view text, const SourceLocation& at);
// An empty object / array node.
Value Object(const SourceLocation& at);
Value Array(const SourceLocation& at);
// Sets member `key` of the object `object` (replacing an existing member of
// that name); the key is located at `key_at`.
void Put(Value& object, std::string_view key, Value value,
         const SourceLocation& key_at);
// As above, the key located at the object's own location.
void Put(Value& object, std::string_view key, Value value);
// Intrinsics in their long form: {"Ref": id}, {"Fn::GetAtt": [id, attr]},
// {"Fn::Sub": text}, {"Fn::Sub": [text, variables]}.
Value Ref(std::string_view id, const SourceLocation& at);
Value GetAtt(std::string_view id, std::string_view attribute,
             const SourceLocation& at);
Value Sub(std::string_view text, const SourceLocation& at);
Value Sub(std::string_view text, Value variables, const SourceLocation& at);
// arn:${AWS::Partition}:iam::aws:policy/<path_and_name> as an Fn::Sub.
Value AwsManagedPolicyArn(std::string_view path_and_name,
                          const SourceLocation& at);
// A trust policy letting `service` (e.g. "lambda.amazonaws.com") assume the
// role.
Value AssumeRolePolicy(std::string_view service, const SourceLocation& at);

// The role policies SAM builds for one resource.
struct RolePolicies {
  // ManagedPolicyArns entries, de-duplicated as SAM does.
  std::vector<Value> managed_arns;
  // Policies entries: {PolicyName, PolicyDocument}.
  std::vector<Value> inline_policies;
  // "not-analysed" notes: policy templates SAM defines whose statements
  // this transform does not restate.
  std::vector<Diagnostic> notes;

  // Appends `arn` unless an equal literal or Fn::Sub text is already there.
  void AddManaged(Value arn);
};

// Reads the SAM Policies property `policies` (one entry or a list) of the
// resource whose role is `role_id` into `role`, as SAM does: a managed policy
// name becomes its AWS managed ARN; an ARN or an intrinsic is kept as given;
// a policy document ({Statement: ...}) and a policy template become the
// inline policy "<role_id>Policy<index>" (index in the Policies list).
// A policy template SAM defines but this transform does not restate adds a
// note to `role` and nothing else.
// Errors (InputError): an entry of another shape, an unknown policy template
// (at its key), a template's parameters that are not an object or lack one
// of its parameters.
absl::Status AddSamPolicies(const Value& policies, std::string_view role_id,
                            RolePolicies& role);

// True when `name` is a SAM policy template this transform knows.
bool IsPolicyTemplate(std::string_view name);

// The policy document {Version, Statement: [...]} the policy template `name`
// stands for, with `parameters` (an object) substituted as SAM does: every
// resource naming a parameter is an Fn::Sub whose variable map holds the
// parameter's value as written, so intrinsics stay expressions. Every
// generated node is located at `at`. REQUIRES: IsPolicyTemplate(name).
// Errors (InputError): parameters not an object, a missing parameter.
absl::StatusOr<Value> ExpandPolicyTemplate(std::string_view name,
                                           const Value& parameters,
                                           const SourceLocation& at);

}  // namespace polygraph::ingest::sam

#endif  // POLYGRAPH_LIB_INGEST_SAM_POLICY_TEMPLATES_H_
