#ifndef POLYGRAPH_IAM_COMPARE_H_
#define POLYGRAPH_IAM_COMPARE_H_

// Exact comparison of two policy sets, and the custom policy checks built on
// it: does B allow any request that A does not, and if so, which?
//
// The request space is finite where it matters: the action catalogue (plus
// every action name the policies write that the catalogue does not know,
// each its own action), and, for resources, principals and condition
// values, the cells that the patterns in play cut the strings into. Compare
// visits every cell that some string can reach and decides a representative
// request of it with both Authorizers, so every witness is a request that
// Decide allows under one set and does not allow under the other, and "no
// witness" means that no request at all is allowed by one and not the
// other.
//
//   absl::StatusOr<iam::Comparison> c = iam::Compare(old_set, new_set);
//   if (c.ok() && c->b_allows_more())
//     for (const iam::Witness& w : c->only_b) ... w.request.action ...
//
// Thread safety: pure functions over their arguments; thread-safe.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "polygraph/iam_decision.h"
#include "polygraph/iam_policy.h"

namespace polygraph::iam {

struct CompareOptions {
  // The most witnesses reported per direction; at most one per action.
  // Default: 20. Comparison::only_b_actions lists every action regardless.
  size_t max_witnesses = 20;
  // The principal of requests when neither side's policies name principals
  // (identity policies speak for their holder). Default: a user of account
  // 111122223333.
  std::string principal = "arn:aws:iam::111122223333:user/principal";
  // The account that owns resources whose ARN has no account (S3).
  // Default: the principal's account.
  std::string resource_account = {};
};

// A request that one side allows and the other does not, with both
// decisions as Decide gives them.
struct Witness {
  Request request;
  Decision allowed;  // kind == kAllow: the side that allows it
  Decision denied;   // kind != kAllow: the other side
};

struct Comparison {
  // Requests B allows and A does not; empty when B allows nothing more.
  std::vector<Witness> only_b;
  // Requests A allows and B does not; empty when A allows nothing more.
  std::vector<Witness> only_a;
  // Every action ("s3:GetObject", as the catalogue spells it, or as written
  // when unknown) with some request B allows and A does not; sorted.
  std::vector<std::string> only_b_actions;
  // The converse.
  std::vector<std::string> only_a_actions;
  // Action names written in either set that the catalogue does not know,
  // as written, sorted. Each was compared as its own action, distinct from
  // every catalogue action and from every other unknown name.
  std::vector<std::string> unknown_actions;
  // Anything that limited the answer, one sentence each (e.g. a search that
  // stopped at CompareOptions limits). Empty when the answer is exact.
  std::vector<std::string> notes;

  bool b_allows_more() const { return !only_b_actions.empty(); }
  bool a_allows_more() const { return !only_a_actions.empty(); }
  bool equivalent() const { return !b_allows_more() && !a_allows_more(); }
};

// Compares A and B in both directions. Errors: what Authorizer::Compile
// rejects (a symbolic value, an unknown condition operator, an unreadable
// value), with its location.
absl::StatusOr<Comparison> Compare(const PolicySet& a, const PolicySet& b,
                                   const CompareOptions& options = {});

// The outcome of one custom policy check.
struct CheckOutcome {
  bool pass = true;
  // When it fails: requests that show why (at most max_witnesses), each
  // allowed by the checked policies; `denied` is the reference side's
  // decision (for CheckAccessNotGranted and CheckNoPublicAccess, an
  // implicit deny with the reason "not permitted by the check").
  std::vector<Witness> witnesses;
  // The actions involved, sorted.
  std::vector<std::string> actions;
  // Unknown action names and search limits, as in Comparison.
  std::vector<std::string> notes;
};

// Passes when `updated` allows no request that `existing` does not
// (IAM Access Analyzer's CheckNoNewAccess).
absl::StatusOr<CheckOutcome> CheckNoNewAccess(
    const PolicySet& existing, const PolicySet& updated,
    const CompareOptions& options = {});

// Passes when `policies` allow none of `actions` (patterns such as
// "s3:Delete*" are allowed) on any of `resources` (ARN patterns; empty:
// any resource). Errors: `actions` empty, or a pattern that names no
// action and is not "service:Name"-shaped.
absl::StatusOr<CheckOutcome> CheckAccessNotGranted(
    const PolicySet& policies, const std::vector<std::string>& actions,
    const std::vector<std::string>& resources,
    const CompareOptions& options = {});

// The resource types CheckNoPublicAccess knows, with AWS's names:
// "AWS::S3::Bucket", "AWS::S3::AccessPoint", "AWS::S3Express::DirectoryBucket",
// "AWS::KMS::Key", "AWS::IAM::AssumeRolePolicyDocument", "AWS::SQS::Queue",
// "AWS::SNS::Topic", "AWS::SecretsManager::Secret", "AWS::Lambda::Function",
// "AWS::ECR::Repository", "AWS::EFS::FileSystem", "AWS::DynamoDB::Table",
// "AWS::Kinesis::Stream", "AWS::Glacier::Vault", "AWS::Events::EventBus",
// "AWS::ApiGateway::RestApi", "AWS::OpenSearchService::Domain",
// "AWS::Backup::BackupVault", "AWS::S3Tables::TableBucket".
std::vector<std::string_view> PublicAccessResourceTypes();

// Passes when `resource_policy` grants no access to anyone outside the
// account: no request from an anonymous caller or a principal of an unknown
// account, whose identifying context (aws:PrincipalAccount,
// aws:PrincipalOrgID, aws:PrincipalArn, aws:SourceIp, aws:SourceVpc,
// aws:SourceVpce, aws:SourceAccount, aws:SourceArn, ...) matches nothing the
// policy names, is allowed. Errors: an unknown `resource_type`.
absl::StatusOr<CheckOutcome> CheckNoPublicAccess(
    const Policy& resource_policy, std::string_view resource_type,
    const CompareOptions& options = {});

}  // namespace polygraph::iam

#endif  // POLYGRAPH_IAM_COMPARE_H_
