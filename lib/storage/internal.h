#ifndef POLYGRAPH_LIB_STORAGE_INTERNAL_H_
#define POLYGRAPH_LIB_STORAGE_INTERNAL_H_

// Pieces of the bucket exposure analysis (storage_exposure.h), split by
// concept. Thread safety: pure functions; thread-safe.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "polygraph/iam_decision.h"
#include "polygraph/iam_policy.h"
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
