#ifndef POLYGRAPH_LIB_RULES_CHECKS_CDN_INTERNAL_H_
#define POLYGRAPH_LIB_RULES_CHECKS_CDN_INTERNAL_H_

// Pieces shared by the CloudFront checks (cdn_access.cc, cdn_origins.cc,
// cdn_viewer.cc). Thread safety: pure functions; thread-safe.

#include <cstddef>
#include <string>
#include <string_view>

#include "polygraph/model.h"

namespace polygraph::rules::internal {

// The logical id of resource `resource`. REQUIRES: a valid index.
const std::string& CdnNameOf(const Model& model, size_t resource);

// "its default behavior" or "path /img/*".
std::string CdnBehaviorName(const CacheBehavior& behavior);

// Where a finding about a missing DistributionConfig setting points: the
// DistributionConfig key, else the distribution's logical id.
SourceLocation CdnConfigLocation(const Model& model,
                                 const Distribution& distribution);

// Whether the bucket `bucket_resource` has a bucket policy (cdn_access.cc).
bool CdnHasBucketPolicy(const Model& model, size_t bucket_resource);

// The YAML that gives the S3 origin `bucket` of distribution `cdn` Origin
// Access Control (cdn_access.cc): the statement to add to its policy when
// `has_policy`, else a new bucket policy with that statement and one that
// denies requests without TLS; with `with_oac`, also the OAC resource and
// the origin's OriginAccessControlId.
std::string CdnOacFix(std::string_view bucket, std::string_view cdn,
                      bool with_oac, bool has_policy);

}  // namespace polygraph::rules::internal

#endif  // POLYGRAPH_LIB_RULES_CHECKS_CDN_INTERNAL_H_
