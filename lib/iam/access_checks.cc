// The custom policy checks: CheckNoNewAccess, CheckAccessNotGranted and
// CheckNoPublicAccess, built on the comparison search (compare_internal.h).

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "iam/compare_internal.h"
#include "polygraph/iam_catalogue.h"
#include "polygraph/iam_compare.h"

namespace polygraph::iam {
namespace {

constexpr std::string_view kOwnAccount = "111122223333";
constexpr std::string_view kOtherAccount = "999999999999";

struct ResourceTypeInfo {
  std::string_view name;
  std::string_view example;  // a resource of the type in kOwnAccount
};

constexpr ResourceTypeInfo kTypes[] = {
    {"AWS::S3::Bucket", "arn:aws:s3:::checked-bucket"},
    {"AWS::S3::AccessPoint",
     "arn:aws:s3:us-east-1:111122223333:accesspoint/checked"},
    {"AWS::S3Express::DirectoryBucket",
     "arn:aws:s3express:us-east-1:111122223333:bucket/checked--use1-az4--x-s3"},
    {"AWS::KMS::Key", "arn:aws:kms:us-east-1:111122223333:key/checked-key"},
    {"AWS::IAM::AssumeRolePolicyDocument",
     "arn:aws:iam::111122223333:role/checked-role"},
    {"AWS::SQS::Queue", "arn:aws:sqs:us-east-1:111122223333:checked-queue"},
    {"AWS::SNS::Topic", "arn:aws:sns:us-east-1:111122223333:checked-topic"},
    {"AWS::SecretsManager::Secret",
     "arn:aws:secretsmanager:us-east-1:111122223333:secret:checked"},
    {"AWS::Lambda::Function",
     "arn:aws:lambda:us-east-1:111122223333:function:checked"},
    {"AWS::ECR::Repository",
     "arn:aws:ecr:us-east-1:111122223333:repository/checked"},
    {"AWS::EFS::FileSystem",
     "arn:aws:elasticfilesystem:us-east-1:111122223333:file-system/fs-1"},
    {"AWS::DynamoDB::Table",
     "arn:aws:dynamodb:us-east-1:111122223333:table/checked"},
    {"AWS::Kinesis::Stream",
     "arn:aws:kinesis:us-east-1:111122223333:stream/checked"},
    {"AWS::Glacier::Vault",
     "arn:aws:glacier:us-east-1:111122223333:vaults/checked"},
    {"AWS::Events::EventBus",
     "arn:aws:events:us-east-1:111122223333:event-bus/checked"},
    {"AWS::ApiGateway::RestApi",
     "arn:aws:execute-api:us-east-1:111122223333:checked/*"},
    {"AWS::OpenSearchService::Domain",
     "arn:aws:es:us-east-1:111122223333:domain/checked"},
    {"AWS::Backup::BackupVault",
     "arn:aws:backup:us-east-1:111122223333:backup-vault:checked"},
    {"AWS::S3Tables::TableBucket",
     "arn:aws:s3tables:us-east-1:111122223333:bucket/checked"},
};

// Context keys that identify the caller or where the request comes from.
constexpr std::string_view kIdentifyingKeys[] = {
    "aws:principalaccount",
    "aws:principalorgid",
    "aws:principalorgpaths",
    "aws:principalarn",
    "aws:sourceip",
    "aws:sourcevpc",
    "aws:sourcevpce",
    "aws:sourceaccount",
    "aws:sourcearn",
    "aws:sourceowner",
    "aws:userid",
    "aws:username",
    "kms:calleraccount",
    "aws:sourceorgid",
    "aws:sourceorgpaths",
    "aws:vpcsourceip",
    "aws:principalservicename",
    "aws:principalservicenamesList",
    "aws:federatedprovider",
    "lambda:functionarn",
    "sns:endpoint",
    "s3:dataaccesspointaccount",
    "s3:dataaccesspointarn",
    "kms:viaservice",
    "aws:calledvia",
    "aws:calledviafirst",
    "aws:calledvialast",
    "aws:resourceaccount",
    "aws:resourceorgid",
    "aws:resourceorgpaths",
};

CheckOutcome FromDirection(internal::DirectionResult direction,
                           std::vector<std::string> unknown,
                           std::vector<std::string> notes) {
  CheckOutcome out;
  out.pass = direction.actions.empty();
  out.witnesses = std::move(direction.witnesses);
  out.actions = std::move(direction.actions);
  for (const std::string& name : unknown) {
    out.notes.push_back(absl::StrCat(
        "the action ", ::polygraph::internal::QuoteForMessage(name),
        " is not in the action catalogue; it was compared as its own action"));
  }
  for (std::string& note : notes) out.notes.push_back(std::move(note));
  return out;
}

}  // namespace

absl::StatusOr<CheckOutcome> CheckNoNewAccess(const PolicySet& existing,
                                              const PolicySet& updated,
                                              const CompareOptions& options) {
  absl::StatusOr<internal::SearchResult> found =
      internal::Search(updated, &existing, internal::SearchFocus{}, options);
  if (!found.ok()) return found.status();
  return FromDirection(std::move(found->forward),
                       std::move(found->unknown_actions),
                       std::move(found->notes));
}

absl::StatusOr<CheckOutcome> CheckAccessNotGranted(
    const PolicySet& policies, const std::vector<std::string>& actions,
    const std::vector<std::string>& resources, const CompareOptions& options) {
  if (actions.empty()) {
    return absl::InvalidArgumentError(
        "CheckAccessNotGranted needs at least one action");
  }
  const Catalogue& catalogue = Catalogue::Builtin();
  for (const std::string& action : actions) {
    if (!catalogue.Expand(action).Empty()) continue;
    const size_t colon = action.find(':');
    const bool shaped = colon != std::string::npos && colon > 0 &&
                        colon + 1 < action.size() &&
                        action.find(':', colon + 1) == std::string::npos &&
                        action.find_first_of("*? ") == std::string::npos;
    if (!shaped) {
      return absl::InvalidArgumentError(absl::StrCat(
          "the action ", ::polygraph::internal::QuoteForMessage(action),
          " names no action and is not of the form service:Name"));
    }
  }
  internal::SearchFocus focus;
  focus.actions = actions;
  focus.resources = resources;
  absl::StatusOr<internal::SearchResult> found =
      internal::Search(policies, nullptr, focus, options);
  if (!found.ok()) return found.status();
  return FromDirection(std::move(found->forward),
                       std::move(found->unknown_actions),
                       std::move(found->notes));
}

std::vector<std::string_view> PublicAccessResourceTypes() {
  std::vector<std::string_view> out;
  for (const ResourceTypeInfo& type : kTypes) out.push_back(type.name);
  return out;
}

absl::StatusOr<CheckOutcome> CheckNoPublicAccess(
    const Policy& resource_policy, std::string_view resource_type,
    const CompareOptions& options) {
  const ResourceTypeInfo* type = nullptr;
  for (const ResourceTypeInfo& t : kTypes) {
    if (t.name == resource_type) type = &t;
  }
  if (type == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("unknown resource type ",
                     ::polygraph::internal::QuoteForMessage(resource_type),
                     " for CheckNoPublicAccess"));
  }
  // The caller's own account is assumed to allow whatever its identity
  // policies may: only the resource policy stands between it and the
  // resource.
  PolicySet policies;
  policies.resource_policy = resource_policy;
  Policy everything;
  everything.version = "2012-10-17";
  Statement all;
  all.effect = Effect::kAllow;
  all.actions.push_back(LocatedString{"*", {}, false});
  all.resources.push_back(LocatedString{"*", {}, false});
  all.has_resource = true;
  everything.statements.push_back(std::move(all));
  policies.identity.push_back(std::move(everything));

  internal::SearchFocus focus;
  focus.extra_resource_patterns.emplace_back(type->example);
  focus.resource_account = std::string(kOwnAccount);
  focus.require_resource_statement = true;
  const std::string other(kOtherAccount);
  focus.principals = std::vector<std::string>{
      std::string(Request::kAnonymous),
      absl::StrCat("arn:aws:iam::", other, ":root"),
      absl::StrCat("arn:aws:iam::", other, ":user/outsider"),
      absl::StrCat("arn:aws:iam::", other, ":role/outsider"),
      absl::StrCat("arn:aws:sts::", other, ":assumed-role/outsider/session"),
  };
  for (std::string_view key : kIdentifyingKeys) {
    std::string lower(key);
    for (char& c : lower) {
      if (c >= 'A' && c <= 'Z') c = c - 'A' + 'a';
    }
    focus.identifying_keys.push_back(std::move(lower));
  }
  CompareOptions adjusted = options;
  adjusted.resource_account = std::string(kOwnAccount);
  absl::StatusOr<internal::SearchResult> found =
      internal::Search(policies, nullptr, focus, adjusted);
  if (!found.ok()) return found.status();
  return FromDirection(std::move(found->forward),
                       std::move(found->unknown_actions),
                       std::move(found->notes));
}

}  // namespace polygraph::iam
