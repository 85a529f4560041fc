// AnalyseBucketExposure: bucket policy decisions, canned ACLs and Block
// Public Access, per bucket.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "polygraph/iam_decision.h"
#include "polygraph/source_location.h"
#include "polygraph/storage_exposure.h"
#include "storage/internal.h"

namespace polygraph::storage {
namespace {

using ::polygraph::internal::ToAbsl;

constexpr Audience kAudiences[] = {Audience::kAnonymous,
                                   Audience::kAuthenticatedOutsider};

struct Probe {
  Access access;
  std::string_view action;
  bool on_object;
};
constexpr Probe kProbes[] = {
    {Access::kReadObjects, "s3:GetObject", true},
    {Access::kWriteObjects, "s3:PutObject", true},
    {Access::kWriteObjects, "s3:DeleteObject", true},
    {Access::kList, "s3:ListBucket", false},
    {Access::kChangePermissions, "s3:PutBucketPolicy", false},
    {Access::kChangePermissions, "s3:PutBucketAcl", false},
    {Access::kChangePermissions, "s3:PutObjectAcl", true},
};

struct Attempt {
  internal::Context context;
  std::string object;  // the object ARN asked for object actions
};

// An object of the bucket that `statement`'s Resource names (wildcards made
// literal), or "" when it names none.
std::string ObjectFor(const iam::Statement& statement,
                      const std::string& bucket_arn) {
  if (statement.not_resource) return "";
  std::string prefix = absl::StrCat(bucket_arn, "/");
  for (const iam::LocatedString& resource : statement.resources) {
    std::string object = resource.value;
    for (char& c : object) {
      if (c == '*' || c == '?') c = 'x';
    }
    if (object.starts_with(prefix) && object.size() > prefix.size()) {
      return object;
    }
  }
  return "";
}

// Adds the policy grants of one bucket to `exposure`.
absl::Status AddPolicyGrants(const iam::Policy& policy,
                             const std::string& bucket_arn,
                             const ExposureOptions& options,
                             BucketExposure& exposure) {
  iam::PolicySet policies;
  policies.resource_policy = policy;
  absl::StatusOr<iam::Authorizer> anonymous =
      iam::Authorizer::Compile(policies);
  if (!anonymous.ok()) return anonymous.status();
  // The outsider controls its own account: its identity side allows all.
  policies.identity.push_back(internal::AllowEverything());
  absl::StatusOr<iam::Authorizer> outsider = iam::Authorizer::Compile(policies);
  if (!outsider.ok()) return outsider.status();

  for (Audience audience : kAudiences) {
    const iam::Authorizer& authorizer =
        audience == Audience::kAnonymous ? *anonymous : *outsider;
    internal::Context base = internal::BaseContext(audience);
    // The requests to try: the base context on the default key, then per
    // Allow statement a context that satisfies it on a key it names.
    std::vector<Attempt> attempts = {
        {base, absl::StrCat(bucket_arn, "/", options.object_key)}};
    for (const iam::Statement& statement : policy.statements) {
      if (statement.effect != iam::Effect::kAllow) continue;
      std::string object = ObjectFor(statement, bucket_arn);
      if (statement.conditions.empty() && object.empty()) continue;
      attempts.push_back({statement.conditions.empty()
                              ? base
                              : internal::ContextFor(statement, audience, base),
                          object.empty() ? attempts[0].object : object});
    }
    for (const Probe& probe : kProbes) {
      AccessResult& result =
          exposure.results[static_cast<size_t>(audience)]
                          [static_cast<size_t>(probe.access)];
      if (!result.grants.empty()) continue;  // one action is evidence enough
      iam::Request request;
      request.principal = audience == Audience::kAnonymous
                              ? std::string(iam::Request::kAnonymous)
                              : std::string(kOutsiderPrincipal);
      request.action = std::string(probe.action);
      request.resource_account = std::string(kOwnerAccount);
      for (const Attempt& attempt : attempts) {
        request.resource = probe.on_object ? attempt.object : bucket_arn;
        request.context = attempt.context;
        iam::Decision decision = authorizer.Decide(request);
        if (decision.kind != iam::DecisionKind::kAllow) continue;
        for (const iam::DecidingStatement& deciding : decision.statements) {
          if (deciding.role != iam::PolicyRole::kResource) continue;
          Grant grant;
          grant.from_policy = true;
          grant.sid = deciding.sid;
          grant.statement_index = deciding.statement_index;
          grant.action = request.action;
          grant.location = deciding.location;
          grant.description = absl::StrCat(
              "bucket policy statement ",
              deciding.sid.empty()
                  ? absl::StrCat("#", deciding.statement_index + 1)
                  : absl::StrCat("\"", deciding.sid, "\""),
              " allows ", request.action, " to ",
              audience == Audience::kAnonymous
                  ? "anonymous callers"
                  : "any authenticated principal of another account");
          result.grants.push_back(std::move(grant));
        }
        break;
      }
    }
  }
  return absl::OkStatus();
}

// Adds the grants of the canned ACL.
void AddAclGrants(const Bucket& bucket, BucketExposure& exposure) {
  bool all_users_read = false, all_users_write = false,
       authenticated_read = false;
  switch (bucket.access_control) {
    case CannedAcl::kPublicRead:
      all_users_read = true;
      break;
    case CannedAcl::kPublicReadWrite:
      all_users_read = all_users_write = true;
      break;
    case CannedAcl::kAuthenticatedRead:
      authenticated_read = true;
      break;
    default:
      return;
  }
  exposure.public_acl = true;
  std::string name(CannedAclName(bucket.access_control));
  auto add = [&](Audience audience, Access access, std::string_view group,
                 std::string_view permission, std::string_view meaning) {
    Grant grant;
    grant.from_policy = false;
    grant.location = bucket.access_control_location;
    grant.description =
        absl::StrCat("AccessControl ", name, " grants ", ToAbsl(group), " ",
                     ToAbsl(permission), " (", ToAbsl(meaning), ")");
    exposure.results[static_cast<size_t>(audience)][static_cast<size_t>(access)]
        .grants.push_back(std::move(grant));
  };
  // On a bucket, READ lists its objects; WRITE creates, overwrites and
  // deletes them.
  for (Audience audience : kAudiences) {
    if (all_users_read) {
      add(audience, Access::kList, "AllUsers", "READ", "list objects");
    }
    if (all_users_write) {
      add(audience, Access::kWriteObjects, "AllUsers", "WRITE",
          "create, overwrite and delete objects");
    }
  }
  if (authenticated_read) {
    add(Audience::kAuthenticatedOutsider, Access::kList, "AuthenticatedUsers",
        "READ", "list objects");
  }
}

}  // namespace

std::string_view AudienceName(Audience audience) {
  return audience == Audience::kAnonymous ? "anonymous"
                                          : "authenticated-outsider";
}

std::string_view AccessName(Access access) {
  switch (access) {
    case Access::kReadObjects:
      return "read";
    case Access::kWriteObjects:
      return "write";
    case Access::kList:
      return "list";
    case Access::kChangePermissions:
      return "change-permissions";
  }
  return "";
}

absl::StatusOr<std::vector<BucketExposure>> AnalyseBucketExposure(
    const Model& model, const ExposureOptions& options) {
  const std::vector<std::vector<const PolicyDocument*>> policies_of =
      internal::ResourcePoliciesByOwner(model);
  const std::vector<const PolicyDocument*> none;
  std::vector<BucketExposure> exposures;
  exposures.reserve(model.buckets().size());
  for (size_t i = 0; i < model.buckets().size(); ++i) {
    const Bucket& bucket = model.buckets()[i];
    BucketExposure exposure;
    exposure.bucket = i;
    std::string logical_id = bucket.resource < model.resources().size()
                                 ? model.resources()[bucket.resource].name
                                 : "";
    std::string name = internal::AskedBucketName(bucket, logical_id);
    exposure.bucket_arn = absl::StrCat("arn:aws:s3:::", name);
    if (std::optional<iam::Policy> merged = internal::BucketPolicy(
            bucket.resource < policies_of.size() ? policies_of[bucket.resource]
                                                 : none,
            logical_id, name)) {
      if (absl::Status s =
              AddPolicyGrants(*merged, exposure.bucket_arn, options, exposure);
          !s.ok()) {
        if (!options.continue_on_policy_error) return s;
        exposure.policy_error = ErrorReason(s);
        exposure.policy_error_location =
            ErrorLocation(s).value_or(SourceLocation{});
        for (auto& by_access : exposure.results) {
          for (AccessResult& result : by_access) result.grants.clear();
        }
      }
    }
    AddAclGrants(bucket, exposure);
    internal::ApplyBlocks(model, bucket, options, exposure);
    exposures.push_back(std::move(exposure));
  }
  return exposures;
}

}  // namespace polygraph::storage
