// Block Public Access (bucket and account level) and object ownership
// applied to the grants of a bucket.

#include <string>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "polygraph/model.h"
#include "polygraph/storage_exposure.h"
#include "storage/internal.h"

namespace polygraph::storage::internal {
namespace {

using ::polygraph::internal::ToAbsl;

// One Block Public Access setting as S3 applies it: on when the bucket or
// the analysed account turns it on (the most restrictive combination).
struct Setting {
  bool on = false;
  std::string name;  // "IgnorePublicAcls" or "account IgnorePublicAcls"
  SourceLocation location;
};

// The effective setting `member` of `bucket`'s block, or of an account block
// of the owner's account ("" or kOwnerAccount). The bucket's own setting is
// named first when both are on.
Setting Effective(LocatedBool PublicAccessBlock::*member, std::string_view name,
                  const Bucket& bucket, const Model& model,
                  const ExposureOptions& options) {
  const PublicAccessBlock& block = bucket.public_access_block;
  const LocatedBool& flag = block.*member;
  bool bucket_on =
      flag.set ? flag.value : options.assume_current_defaults && !block.present;
  if (bucket_on) return {true, std::string(name), flag.location};
  for (const AccountPublicAccessBlock& account :
       model.account_public_access_blocks()) {
    if (!account.account_id.empty() && account.account_id != kOwnerAccount) {
      continue;
    }
    const LocatedBool& setting = account.settings.*member;
    if (setting.set && setting.value) {
      return {true, absl::StrCat("account ", ToAbsl(name)), setting.location};
    }
  }
  return {};
}

}  // namespace

void ApplyBlocks(const Model& model, const Bucket& bucket,
                 const ExposureOptions& options, BucketExposure& exposure) {
  const Setting block_public_acls =
      Effective(&PublicAccessBlock::block_public_acls, "BlockPublicAcls",
                bucket, model, options);
  const Setting ignore_public_acls =
      Effective(&PublicAccessBlock::ignore_public_acls, "IgnorePublicAcls",
                bucket, model, options);
  const Setting block_public_policy =
      Effective(&PublicAccessBlock::block_public_policy, "BlockPublicPolicy",
                bucket, model, options);
  const Setting restrict_public_buckets =
      Effective(&PublicAccessBlock::restrict_public_buckets,
                "RestrictPublicBuckets", bucket, model, options);
  bool enforced =
      bucket.object_ownership == ObjectOwnership::kBucketOwnerEnforced ||
      (bucket.object_ownership == ObjectOwnership::kAbsent &&
       options.assume_current_defaults);
  exposure.object_acls_can_grant_public = !enforced && !ignore_public_acls.on;
  if (exposure.object_acls_can_grant_public) {
    exposure.object_acls_location = bucket.object_ownership_location;
  }
  for (auto& by_access : exposure.results) {
    for (AccessResult& result : by_access) {
      for (Grant& grant : result.grants) {
        auto block = [&](const Setting& setting) {
          grant.blocked_by = setting.name;
          grant.blocked_location = setting.location;
        };
        if (grant.from_policy) {
          // Every grant to these audiences makes the policy public.
          if (restrict_public_buckets.on) {
            block(restrict_public_buckets);
          } else if (block_public_policy.on) {
            block(block_public_policy);
            exposure.policy_rejected = true;
          }
          continue;
        }
        if (enforced) {
          grant.blocked_by = "ObjectOwnership BucketOwnerEnforced";
          grant.blocked_location = bucket.object_ownership_location;
        } else if (ignore_public_acls.on) {
          block(ignore_public_acls);
        } else if (block_public_acls.on) {
          block(block_public_acls);
        }
      }
    }
  }
}

}  // namespace polygraph::storage::internal
