#ifndef POLYGRAPH_LIB_ACCESS_SYMBOLIC_VALUES_H_
#define POLYGRAPH_LIB_ACCESS_SYMBOLIC_VALUES_H_

// Replacing the unresolved template expressions of a policy by literal
// text, so that the Authorizer can compile it (account_from_model.h says
// why this errs towards reporting access).
//
// Thread safety: immutable after the Adds; Resolve is thread-safe.

#include <map>
#include <string>
#include <string_view>
#include <utility>

#include "polygraph/iam_policy.h"

namespace polygraph::internal {

class SymbolResolver {
 public:
  explicit SymbolResolver(std::string account_id)
      : account_id_(std::move(account_id)) {}

  // Declares the resource `name` (a logical id or a Terraform address) with
  // the values its ARN and its name resolve to.
  void Add(std::string_view name, std::string arn, std::string plain_name);

  // A copy of `policy` where, in each symbolic value, each "${X.Arn}" or
  // "${X}" becomes the ARN or name of a declared resource X, the pseudo
  // parameters AWS::AccountId, AWS::Partition, AWS::Region and
  // AWS::URLSuffix become the account id, "aws", "us-east-1" and
  // "amazonaws.com", and anything else "unresolved-X" (no "${" is left:
  // it would read as a policy variable). Nothing symbolic is left.
  iam::Policy Resolve(const iam::Policy& policy) const;

  // The literal for one rendering, as Resolve does it.
  std::string ResolveText(std::string_view rendering) const;

 private:
  std::string ResolveOne(std::string_view inner) const;

  std::string account_id_;
  struct Entry {
    std::string arn;
    std::string name;
  };
  // Keyed by the name with only its letters and digits, lowercased: a
  // Terraform address "aws_iam_role.deploy" and the id synthesized from it,
  // "AwsIamRoleDeploy", are one key.
  std::map<std::string, Entry> entries_;
};

// The key SymbolResolver files `name` under.
std::string SymbolKey(std::string_view name);

}  // namespace polygraph::internal

#endif  // POLYGRAPH_LIB_ACCESS_SYMBOLIC_VALUES_H_
