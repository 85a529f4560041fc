#ifndef POLYGRAPH_STORAGE_EXPOSURE_H_
#define POLYGRAPH_STORAGE_EXPOSURE_H_

// Who outside the account can use an S3 bucket, decided with the IAM engine
// (iam::Authorizer) over the bucket's policy, its canned ACL, its object
// ownership and its Block Public Access settings.
//
//   absl::StatusOr<std::vector<storage::BucketExposure>> exposures =
//       storage::AnalyseBucketExposure(model, {});
//   for (const storage::BucketExposure& e : *exposures)
//     if (e.Get(storage::Audience::kAnonymous,
//               storage::Access::kReadObjects).effective()) ...
//
// Method. For each audience, each access is asked as representative requests
// (kReadObjects: s3:GetObject on arn:aws:s3:::<bucket>/<key>; kWriteObjects:
// s3:PutObject, s3:DeleteObject; kList: s3:ListBucket on the bucket;
// kChangePermissions: s3:PutBucketPolicy, s3:PutBucketAcl, s3:PutObjectAcl).
// A request is allowed when *some* request the audience can make is: for each
// Allow statement, a request context is built in which condition keys the
// caller controls (aws:SourceIp, aws:SecureTransport, aws:UserAgent,
// aws:Referer, aws:CurrentTime, s3:prefix, ...) take values that satisfy the
// statement, and keys bound to the owner's environment or identity
// (aws:SourceVpce, aws:SourceVpc, aws:SourceArn, aws:SourceAccount,
// aws:SourceOwner, aws:PrincipalOrgID, aws:PrincipalOrgPaths,
// aws:PrincipalAccount, aws:PrincipalArn, aws:userid, ...) take values that
// are not the owner's. This follows AWS's definition of a public bucket
// policy for S3 Block Public Access ("The meaning of 'public'", Amazon S3
// User Guide, access-control-block-public-access.html): a policy is public
// unless it grants only to fixed principals or fixed values of those bound
// keys, or limits aws:SourceIp to a set of CIDRs. An aws:SourceIp CIDR
// shorter than /8 (IPv4) or /32 (IPv6) is treated as not limiting (any
// caller can come from such a range); a longer one as the owner's network.
// Satisfying values are found for one condition per key; a statement whose
// conditions need more (two conditions on one key that only a value other
// than the first choice satisfies) may be missed.
//
// The owner's account is the placeholder kOwnerAccount; the outsider is
// kOutsiderPrincipal in another account, with an identity policy that allows
// everything (the outsider controls its own account). Unresolved template
// expressions are replaced before compiling: a Ref/GetAtt of the bucket by its
// name or ARN, AWS::AccountId by kOwnerAccount, other expressions by "*" in
// Resource and by a fixed value elsewhere (a parameter is a value the owner
// chose: a fixed principal, a fixed CIDR 192.0.2.0/24).
//
// Block Public Access is the most restrictive combination of the bucket's
// settings and those of Model::account_public_access_blocks() for the owner's
// account (account_id "" or kOwnerAccount), as S3 applies them; a grant
// blocked by an account setting names it "account <Setting>". A bucket's
// policies are the kResource PolicyDocuments whose owner is the bucket (a
// BucketPolicy whose Bucket is a Ref of it or its literal BucketName).
//
// Thread safety: AnalyseBucketExposure is thread-safe; results are plain
// values, thread-compatible.

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "polygraph/model.h"
#include "polygraph/source_location.h"

namespace polygraph::storage {

// "Our" account, as the analysis assumes it for every bucket.
inline constexpr std::string_view kOwnerAccount = "111111111111";
// Another account, and any authenticated principal of it.
inline constexpr std::string_view kOutsiderAccount = "999999999999";
inline constexpr std::string_view kOutsiderPrincipal =
    "arn:aws:iam::999999999999:user/outsider";

enum class Audience { kAnonymous, kAuthenticatedOutsider };
enum class Access { kReadObjects, kWriteObjects, kList, kChangePermissions };

// "anonymous", "authenticated-outsider"; "read", "write", "list",
// "change-permissions".
std::string_view AudienceName(Audience audience);
std::string_view AccessName(Access access);

// One way the configuration grants an access, and what blocks it, if
// anything.
struct Grant {
  // True: a bucket policy statement; false: the canned ACL.
  bool from_policy = true;
  std::string sid;  // the statement's Sid ("" when none or an ACL)
  size_t statement_index = 0;
  std::string action;       // the representative action that was allowed
  SourceLocation location;  // of the statement, or of the AccessControl value
  std::string description;  // e.g. `AccessControl PublicRead grants AllUsers
                            // READ` or `statement "Public" allows s3:GetObject`
  // "" when effective; else the setting that blocks it, e.g.
  // "RestrictPublicBuckets", "IgnorePublicAcls", "ObjectOwnership
  // BucketOwnerEnforced", or an account-level one such as "account
  // RestrictPublicBuckets" (the bucket's own is named when both are on).
  std::string blocked_by;
  SourceLocation blocked_location;
};

struct AccessResult {
  std::vector<Grant> grants;  // statements first, then the ACL

  bool granted() const { return !grants.empty(); }
  bool effective() const {
    for (const Grant& grant : grants) {
      if (grant.blocked_by.empty()) return true;
    }
    return false;
  }
};

struct BucketExposure {
  size_t bucket = 0;       // index into Model::buckets()
  std::string bucket_arn;  // as asked, e.g. "arn:aws:s3:::app-static-assets"
  // The bucket policy grants an anonymous or outside principal something,
  // and BlockPublicPolicy is on: S3 rejects PutBucketPolicy, so the
  // deployment of that policy fails.
  bool policy_rejected = false;
  // With continue_on_policy_error: why the bucket policy was not decided
  // (the reason, without the location), and where; "" and unknown otherwise.
  std::string policy_error;
  SourceLocation policy_error_location;
  // The canned ACL grants AllUsers or AuthenticatedUsers (PublicRead,
  // PublicReadWrite, AuthenticatedRead), whether or not it takes effect.
  bool public_acl = false;
  // Objects are not declared in templates, but while ACLs are enabled
  // (ObjectOwnership is not BucketOwnerEnforced, nor taken to be by
  // assume_current_defaults) and IgnorePublicAcls is off at bucket and account
  // level, a writer can make single objects public (PutObject with x-amz-acl
  // public-read, or PutObjectAcl), which defeats pre-signed URLs and
  // CloudFront-only access. BlockPublicAcls alone does not prevent it: it
  // rejects new public ACLs but S3 still honours those already on objects.
  bool object_acls_can_grant_public = false;
  // When object_acls_can_grant_public: the ObjectOwnership value to change
  // to BucketOwnerEnforced, when one is written; unknown otherwise (add
  // OwnershipControls, or IgnorePublicAcls true).
  SourceLocation object_acls_location;
  // Indexed by Audience, then Access.
  std::array<std::array<AccessResult, 4>, 2> results;

  const AccessResult& Get(Audience audience, Access access) const {
    return results[static_cast<size_t>(audience)][static_cast<size_t>(access)];
  }
};

struct ExposureOptions {
  // When true, an absent PublicAccessBlockConfiguration counts as all four
  // settings true and an absent ObjectOwnership as BucketOwnerEnforced, the
  // defaults S3 gives buckets created since April 2023. Default false: a
  // template does not guarantee them (an existing bucket, an account that
  // turned them off), so absent settings block nothing.
  bool assume_current_defaults = false;
  // When true, a bucket policy that cannot be compiled does not fail the
  // analysis: that bucket is decided from its ACL alone and
  // BucketExposure::policy_error says why. Default false (an error).
  bool continue_on_policy_error = false;
  // The object key asked for object actions. Default "polygraph/probe.txt".
  std::string object_key = "polygraph/probe.txt";
};

// One BucketExposure per Model::buckets() entry, in order. Errors (unless
// options.continue_on_policy_error): an InvalidArgument with a location when
// a bucket policy cannot be compiled (a bad CIDR, date or number, an unknown
// condition operator).
absl::StatusOr<std::vector<BucketExposure>> AnalyseBucketExposure(
    const Model& model, const ExposureOptions& options = {});

// Requests sent without TLS (aws:SecureTransport "false") by a principal of
// the owner's account that the bucket policy does not explicitly deny.
// An in-account principal's identity policy may allow anything, so only an
// explicit Deny in the bucket policy makes the bucket TLS-only.
struct InsecureTransport {
  bool has_policy = false;  // the bucket has a bucket policy
  // Of "s3:GetObject", "s3:PutObject" (on an object) and "s3:ListBucket" (on
  // the bucket), in that order, those not explicitly denied.
  std::vector<std::string> not_denied;
};

// Decides InsecureTransport for Model::buckets()[bucket] with the
// Authorizer, over its policy prepared as AnalyseBucketExposure does.
// REQUIRES: bucket < model.buckets().size(). Errors: an InvalidArgument with
// a location when the bucket policy cannot be compiled.
absl::StatusOr<InsecureTransport> InsecureRequestsNotDenied(const Model& model,
                                                            size_t bucket);

}  // namespace polygraph::storage

#endif  // POLYGRAPH_STORAGE_EXPOSURE_H_
