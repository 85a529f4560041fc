// InsecureRequestsNotDenied: whether a bucket policy makes the bucket
// TLS-only, decided with the Authorizer.

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "polygraph/iam_decision.h"
#include "polygraph/storage_exposure.h"
#include "storage/internal.h"

namespace polygraph::storage {

absl::StatusOr<InsecureTransport> InsecureRequestsNotDenied(const Model& model,
                                                            size_t bucket) {
  using ::polygraph::internal::ToAbsl;
  const Bucket& declared = model.buckets()[bucket];
  std::string logical_id = declared.resource < model.resources().size()
                               ? model.resources()[declared.resource].name
                               : "";
  std::string name = internal::AskedBucketName(declared, logical_id);
  std::string bucket_arn = absl::StrCat("arn:aws:s3:::", name);

  struct Probe {
    std::string_view action;
    bool on_object;
  };
  constexpr Probe kProbes[] = {
      {"s3:GetObject", true}, {"s3:PutObject", true}, {"s3:ListBucket", false}};
  InsecureTransport result;
  iam::PolicySet policies;
  // The caller's own account lets it do anything; only the bucket policy
  // can still deny.
  policies.identity.push_back(internal::AllowEverything());
  std::optional<iam::Policy> policy =
      internal::BucketPolicy(model, declared, logical_id, name);
  result.has_policy = policy.has_value();
  if (policy.has_value()) policies.resource_policy = *std::move(policy);
  absl::StatusOr<iam::Authorizer> authorizer =
      iam::Authorizer::Compile(policies);
  if (!authorizer.ok()) return authorizer.status();

  const std::string principal =
      absl::StrCat("arn:aws:iam::", ToAbsl(kOwnerAccount), ":role/app");
  for (const Probe& probe : kProbes) {
    iam::Request request;
    request.principal = principal;
    request.action = std::string(probe.action);
    request.resource = probe.on_object
                           ? absl::StrCat(bucket_arn, "/polygraph/probe.txt")
                           : bucket_arn;
    request.resource_account = std::string(kOwnerAccount);
    request.context = {
        {"aws:SecureTransport", {"false"}},
        {"aws:PrincipalAccount", {std::string(kOwnerAccount)}},
        {"aws:PrincipalArn", {principal}},
        {"aws:PrincipalType", {"AssumedRole"}},
        {"aws:SourceIp", {"198.51.100.7"}},
        {"aws:CurrentTime", {"2026-01-01T00:00:00Z"}},
        {"aws:EpochTime", {"1767225600"}},
        {"aws:PrincipalIsAWSService", {"false"}},
        {"aws:ViaAWSService", {"false"}},
    };
    if (authorizer->Decide(request).kind != iam::DecisionKind::kExplicitDeny) {
      result.not_denied.push_back(std::string(probe.action));
    }
  }
  return result;
}

}  // namespace polygraph::storage
