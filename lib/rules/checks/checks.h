#ifndef POLYGRAPH_LIB_RULES_CHECKS_CHECKS_H_
#define POLYGRAPH_LIB_RULES_CHECKS_CHECKS_H_

// The built-in checks, one per file in this folder; registered by name in
// check_registry.cc. Each is a CheckFunction: pure, thread-safe, no throws.

#include <vector>

#include "polygraph/finding.h"
#include "polygraph/model.h"
#include "polygraph/rules.h"
#include "rules/check_context.h"

namespace polygraph::rules::internal {

// The CloudFront rules (cdn.cc). cdn_origin_access (PG-CF-001): an origin on
// a declared bucket with Origin Access Control that the bucket policy does
// not let CloudFront read for this distribution (iam::Authorizer, principal
// cloudfront.amazonaws.com, aws:SourceArn the distribution's ARN with the
// placeholder account and the logical id as its id); one per origin.
// cdn_any_distribution (PG-CF-002): that bucket policy also lets a
// distribution of another account read; one per bucket, at the statement.
// cdn_viewer_protocol (PG-CF-003): a behaviour with ViewerProtocolPolicy
// allow-all. cdn_tls_policy (PG-CF-004): the default certificate, or a
// MinimumProtocolVersion older than TLSv1.2_2021 (absent counts as TLSv1).
// cdn_compress (PG-CF-005): a behaviour without Compress true.
std::vector<Finding> CheckCdnOriginAccess(const CheckContext& context,
                                          const RuleInfo& rule);
std::vector<Finding> CheckCdnAnyDistribution(const CheckContext& context,
                                             const RuleInfo& rule);
std::vector<Finding> CheckCdnViewerProtocol(const CheckContext& context,
                                            const RuleInfo& rule);
std::vector<Finding> CheckCdnTlsPolicy(const CheckContext& context,
                                       const RuleInfo& rule);
std::vector<Finding> CheckCdnCompress(const CheckContext& context,
                                      const RuleInfo& rule);

// The address-plan rules PG-CIDR-001..007 (cidr_plan.cc): one finding per
// problem of cidr::AnalysePlan of the rule's kind, with default options.
std::vector<Finding> CheckCidrSubnetOutsideVpc(const CheckContext& context,
                                               const RuleInfo& rule);
std::vector<Finding> CheckCidrSubnetOverlap(const CheckContext& context,
                                            const RuleInfo& rule);
std::vector<Finding> CheckCidrConnectedVpcOverlap(const CheckContext& context,
                                                  const RuleInfo& rule);
std::vector<Finding> CheckCidrVpcOverlap(const CheckContext& context,
                                         const RuleInfo& rule);
std::vector<Finding> CheckCidrTierZones(const CheckContext& context,
                                        const RuleInfo& rule);
std::vector<Finding> CheckCidrProductionVpcSize(const CheckContext& context,
                                                const RuleInfo& rule);
std::vector<Finding> CheckCidrSubnetTooSmall(const CheckContext& context,
                                             const RuleInfo& rule);

// iam_wildcard_action (PG-IAM-001): an Allow statement with Action "*" or
// "<service>:*" on Resource "*". One finding per offending Action value.
std::vector<Finding> CheckIamWildcardAction(const CheckContext& context,
                                            const RuleInfo& rule);

// s3_public_access_block (PG-S3-001): a bucket whose four block-public-access
// settings are not all true. One finding per bucket.
std::vector<Finding> CheckS3PublicAccessBlock(const CheckContext& context,
                                              const RuleInfo& rule);

// The bucket exposure rules (s3_exposure.cc), over
// storage::AnalyseBucketExposure with default options; one finding per
// bucket, at the first grant in effect. s3_anonymous_read (PG-S3-002):
// anonymous callers can read objects or list the bucket. s3_public_write
// (PG-S3-003): anonymous callers or any other account can write objects or
// change the policy or ACLs. s3_cross_account_read (PG-S3-004): any
// authenticated principal of another account can read or list, anonymous
// callers cannot. s3_public_acl (PG-S3-005): the canned ACL grants AllUsers
// or AuthenticatedUsers, in effect or not.
std::vector<Finding> CheckS3AnonymousRead(const CheckContext& context,
                                          const RuleInfo& rule);
std::vector<Finding> CheckS3PublicWrite(const CheckContext& context,
                                        const RuleInfo& rule);
std::vector<Finding> CheckS3CrossAccountRead(const CheckContext& context,
                                             const RuleInfo& rule);
std::vector<Finding> CheckS3PublicAcl(const CheckContext& context,
                                      const RuleInfo& rule);

// sg_open_ingress (PG-NET-001): an ingress rule from a /0 CIDR on a port
// other than 80/443. One finding per rule.
std::vector<Finding> CheckSgOpenIngress(const CheckContext& context,
                                        const RuleInfo& rule);

}  // namespace polygraph::rules::internal

#endif  // POLYGRAPH_LIB_RULES_CHECKS_CHECKS_H_
