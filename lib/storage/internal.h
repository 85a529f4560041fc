#ifndef POLYGRAPH_LIB_STORAGE_INTERNAL_H_
#define POLYGRAPH_LIB_STORAGE_INTERNAL_H_

// Pieces of the bucket exposure analysis (storage_exposure.h), split by
// concept. Thread safety: pure functions; thread-safe.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "polygraph/iam_decision.h"
#include "polygraph/iam_policy.h"
#include "polygraph/model.h"
#include "polygraph/storage_exposure.h"

namespace polygraph::storage::internal {

using Context = std::map<std::string, std::vector<std::string>>;

// policy_preparation.cc: `text` (a rendering such as
// "arn:aws:s3:::${Bucket}/*") with every "${...}" replaced: the bucket's Ref
// by `bucket_name`, its GetAtt Arn by its ARN, AWS::AccountId by
// kOwnerAccount, AWS::Partition by "aws", AWS::Region by "us-east-1",
// AWS::URLSuffix by "amazonaws.com", and anything else by `other`.
std::string Substitute(std::string_view text, std::string_view logical_id,
                       std::string_view bucket_name, std::string_view other);

// The bucket's name as asked: its BucketName with expressions replaced, or
// its logical id in lower case when the name is generated.
std::string AskedBucketName(const Bucket& bucket, std::string_view logical_id);

// A copy of `policy` without symbolic values (see storage_exposure.h).
iam::Policy PreparePolicy(const iam::Policy& policy,
                          std::string_view logical_id,
                          std::string_view bucket_name);

// The bucket policy S3 would hold for `bucket`: the statements of every
// kResource PolicyDocument owned by its resource, merged in model order and
// prepared with PreparePolicy, Version "2012-10-17", located at the first
// document; nullopt when the bucket has none.
std::optional<iam::Policy> BucketPolicy(const Model& model,
                                        const Bucket& bucket,
                                        std::string_view logical_id,
                                        std::string_view bucket_name);

// The same from the bucket's documents, found once for every bucket with
// ResourcePoliciesByOwner (scanning the model per bucket is quadratic).
std::optional<iam::Policy> BucketPolicy(
    const std::vector<const PolicyDocument*>& documents,
    std::string_view logical_id, std::string_view bucket_name);

// For each index of Model::resources(), the kResource PolicyDocuments it
// owns, in model order.
std::vector<std::vector<const PolicyDocument*>> ResourcePoliciesByOwner(
    const Model& model);

// A policy that allows every action on every resource: the identity side of
// a principal whose own account lets it do anything.
iam::Policy AllowEverything();

// blocks.cc: marks each grant of `exposure` blocked by Block Public Access
// (the most restrictive combination of the bucket's and the owner account's
// settings) or by ObjectOwnership BucketOwnerEnforced, sets policy_rejected,
// and decides object_acls_can_grant_public.
void ApplyBlocks(const Model& model, const Bucket& bucket,
                 const ExposureOptions& options, BucketExposure& exposure);

// request_contexts.cc: whether `key` is bound to the owner's environment or
// the caller's identity (the caller cannot choose its value).
bool IsBoundKey(std::string_view key);

// The context every request of `audience` carries (source address, TLS,
// time, user agent; for the outsider, its organization and user id).
Context BaseContext(Audience audience);

// `base` with values for the condition keys of `statement` that the caller
// controls, chosen to satisfy its conditions, and values that are not the
// owner's for bound keys it reads. Keys `audience` never sends stay absent.
Context ContextFor(const iam::Statement& statement, Audience audience,
                   const Context& base);

}  // namespace polygraph::storage::internal

#endif  // POLYGRAPH_LIB_STORAGE_INTERNAL_H_
