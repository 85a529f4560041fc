#ifndef POLYGRAPH_IAM_POLICY_H_
#define POLYGRAPH_IAM_POLICY_H_

// The IAM policy grammar: a parsed policy document whose every element keeps
// the location it was read from.
//
//   absl::StatusOr<iam::Policy> policy = iam::ParsePolicy(document, {});
//   for (const iam::Statement& s : policy->statements) ...
//
// Thread safety: plain value types; thread-compatible. Parsing is thread-safe.

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "polygraph/source_location.h"
#include "polygraph/value.h"

namespace polygraph::iam {

enum class Effect { kAllow, kDeny };

// A string element of a policy with its location. `symbolic` is true when
// the value came from an unresolved template expression (a CloudFormation
// Ref/GetAtt, a Terraform reference); `value` then holds its rendering, such
// as "${AssetsBucket.Arn}", and it must not be treated as a pattern.
struct LocatedString {
  std::string value;
  SourceLocation location;
  bool symbolic = false;
};

struct Principal {
  // "*" (the bare wildcard), "AWS", "Service", "Federated" or "CanonicalUser".
  std::string type;
  LocatedString value;
};

struct Condition {
  std::string op;   // as written, e.g. "ForAnyValue:StringLike"
  std::string key;  // as written, e.g. "aws:SourceArn"
  std::vector<LocatedString> values;
  SourceLocation location;  // of the operator
};

struct Statement {
  std::string sid;
  SourceLocation location;  // of the statement object
  Effect effect = Effect::kAllow;
  SourceLocation effect_location;
  // Action or NotAction, as written.
  std::vector<LocatedString> actions;
  bool not_action = false;
  // Resource or NotResource; empty with has_resource false when absent.
  std::vector<LocatedString> resources;
  bool not_resource = false;
  bool has_resource = false;
  // Principal or NotPrincipal; has_principal is false when absent.
  std::vector<Principal> principals;
  bool not_principal = false;
  bool has_principal = false;
  std::vector<Condition> conditions;
};

// What a policy is attached as; it decides which elements are required.
enum class PolicyKind {
  kIdentity,  // attached to a user, group or role: no Principal, Resource
              // required
  kResource,  // on a bucket, queue, key...: Principal required
  kTrust,     // a role's assume-role policy: Principal required, no Resource
  kAny,       // unknown: only the grammar is checked
};

struct Policy {
  std::string version;  // "2012-10-17", "2008-10-17", or "" when absent
  std::string id;
  SourceLocation location;
  std::vector<Statement> statements;
};

struct PolicyParseOptions {
  // Which elements are required or forbidden. Default: kAny.
  PolicyKind kind = PolicyKind::kAny;
};

// Parses a policy document. Errors (an InputError status with the location
// of the offending element): a document that is not an object, a missing or
// misspelt Effect, both Action and NotAction, neither, an unknown top-level
// or statement element, a non-string where a string is required, a Principal
// in an identity policy, a missing Principal in a resource or trust policy.
// Template expressions (Values tagged "!Ref"/"!GetAtt"/"!Sub" or objects
// {"Ref": ...}, {"Fn::GetAtt": ...}, {"Fn::Sub": ...}, {"Fn::Join": ...}) where
// a string is expected become symbolic LocatedStrings. A statement written
// as Fn::If contributes the statements of both branches (either may apply);
// a Ref to AWS::NoValue, as a statement or a list entry, contributes none.
absl::StatusOr<Policy> ParsePolicy(const Value& document,
                                   const PolicyParseOptions& options);

// The rendering used for a symbolic template expression, e.g.
// "${AssetsBucket.Arn}" for !GetAtt AssetsBucket.Arn, "${Bucket}" for a Ref.
// Returns "" when `value` is not a template expression.
std::string RenderSymbolic(const Value& value);

}  // namespace polygraph::iam

#endif  // POLYGRAPH_IAM_POLICY_H_
