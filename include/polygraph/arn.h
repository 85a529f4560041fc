#ifndef POLYGRAPH_ARN_H_
#define POLYGRAPH_ARN_H_

// Amazon Resource Names: "arn:partition:service:region:account:resource".
//
//   absl::StatusOr<Arn> arn = Arn::Parse("arn:aws:iam::123456789012:role/x");
//   arn->resource_type();  // "role"
//   ArnMatches("arn:aws:s3:::logs-*", "arn:aws:s3:::logs-2024/a/b");  // true
//
// Arn::Parse accepts both concrete ARNs and ARN patterns as written in a
// policy's Resource (wildcards '*' and '?' in any part). It does not expand
// CloudFormation ("${AWS::Partition}") or IAM ("${aws:username}") variables:
// resolve them first; a variable containing ':' makes the parts miscount.
//
// Thread safety: Arn is a plain value type (copyable and movable, as a
// value should be); thread-compatible. The free functions are thread-safe.

#include <string>
#include <string_view>

#include "absl/base/attributes.h"
#include "absl/status/statusor.h"

namespace polygraph {

struct Arn {
  // One of aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e,
  // aws-iso-f, or a pattern containing a wildcard.
  std::string partition;
  // Non-empty: lowercase letters, digits, '-' (and wildcards).
  std::string service;
  // Empty for global services (IAM, S3 buckets); else like "us-east-1".
  std::string region;
  // 12 digits, empty, "aws" (AWS-managed resources), or a pattern.
  std::string account;
  // Everything after the fifth ':'; non-empty, may itself contain ':' and
  // '/'.
  std::string resource;

  // Parses `text`. Errors (InvalidArgument) quote the ARN and say which part
  // is wrong: a missing "arn:" prefix, fewer than 6 parts, an unknown
  // partition, an empty or malformed service, region or account, an empty
  // resource, or whitespace/control characters anywhere.
  static absl::StatusOr<Arn> Parse(std::string_view text);

  // "arn:partition:service:region:account:resource"; Parse(ToString())
  // gives back an equal Arn.
  std::string ToString() const;

  // The resource split at its first '/' or ':': "role/admin/x" has type
  // "role" and id "admin/x"; "my-topic" (no separator) has type "" and id
  // "my-topic". The views point into `resource`.
  std::string_view resource_type() const ABSL_ATTRIBUTE_LIFETIME_BOUND;
  std::string_view resource_id() const ABSL_ATTRIBUTE_LIFETIME_BOUND;

  friend bool operator==(const Arn&, const Arn&) = default;
};

// True when the Resource pattern `pattern` matches the concrete ARN `arn`,
// the way IAM matches Resource and ArnLike: "*" matches everything;
// otherwise both are split into their 6 parts (the resource part is the
// remainder after the fifth ':') and each part is glob-matched
// case-sensitively (glob.h), so '*' crosses '/' and ':' only within the
// resource part. A pattern with fewer than 6 parts whose last part ends in
// '*' ("arn:aws:s3:*") lets that part match the rest of the ARN; any other
// short pattern matches nothing. Neither argument needs to be valid for
// Arn::Parse; malformed input simply does not match.
bool ArnMatches(std::string_view pattern, std::string_view arn);

}  // namespace polygraph

#endif  // POLYGRAPH_ARN_H_
