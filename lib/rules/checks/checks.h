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

// The CloudFront rules. cdn_access.cc: cdn_origin_access (PG-CF-001): an
// origin on a declared bucket that CloudFront cannot read, one per origin,
// at the origin, decided with iam::Authorizer over the bucket policy: with
// Origin Access Control, principal cloudfront.amazonaws.com and
// aws:SourceArn the distribution's ARN (placeholder account, logical id as
// its id); with an origin access identity, principal "arn:aws:iam::cloudfront
// :user/CloudFront Origin Access Identity <id>", which a CanonicalUser
// !GetAtt <OAI>.S3CanonicalUserId also names; with neither, an anonymous
// read (the bucket exposure analysis), reported when the bucket does not
// allow it (when it does, PG-S3-002/005 report the public bucket). A bucket
// policy that does not compile: one "policy-not-analysed" error instead.
// cdn_any_distribution (PG-CF-002): an OAC origin's bucket policy also lets a
// distribution of another account read; one per bucket, at the statement.
// cdn_origins.cc: cdn_legacy_oai (PG-CF-006): an origin with an origin access
// identity, at its OriginAccessIdentity. cdn_origin_transport (PG-CF-009): a
// custom origin reached over HTTP (OriginProtocolPolicy http-only, or
// match-viewer with a behaviour targeting it that allows HTTP) or allowing
// SSLv3/TLSv1/TLSv1.1 (OriginSSLProtocols); one per cause.
// cdn_viewer.cc: cdn_viewer_protocol (PG-CF-003): a behaviour with
// ViewerProtocolPolicy allow-all. cdn_tls_policy (PG-CF-004): the default
// certificate, or a MinimumProtocolVersion older than TLSv1.2_2021 (absent
// counts as TLSv1). cdn_compress (PG-CF-005): a behaviour without Compress
// true. cdn_web_acl (PG-CF-007): no (or an empty) WebACLId. cdn_logging
// (PG-CF-008): no Logging. Missing settings point at the DistributionConfig
// key.
std::vector<Finding> CheckCdnOriginAccess(const CheckContext& context,
                                          const RuleInfo& rule);
std::vector<Finding> CheckCdnAnyDistribution(const CheckContext& context,
                                             const RuleInfo& rule);
std::vector<Finding> CheckCdnLegacyOai(const CheckContext& context,
                                       const RuleInfo& rule);
std::vector<Finding> CheckCdnOriginTransport(const CheckContext& context,
                                             const RuleInfo& rule);
std::vector<Finding> CheckCdnViewerProtocol(const CheckContext& context,
                                            const RuleInfo& rule);
std::vector<Finding> CheckCdnTlsPolicy(const CheckContext& context,
                                       const RuleInfo& rule);
std::vector<Finding> CheckCdnCompress(const CheckContext& context,
                                      const RuleInfo& rule);
std::vector<Finding> CheckCdnWebAcl(const CheckContext& context,
                                    const RuleInfo& rule);
std::vector<Finding> CheckCdnLogging(const CheckContext& context,
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

// The IAM engine rules (helpers in iam_internal.h). iam_admin.cc:
// iam_admin_equivalent (PG-IAM-002): an identity-policy statement that is
// admin-equivalent (IsAdminEquivalent), at its first Action/NotAction value;
// PG-IAM-001, -003 and -008 leave such statements out. iam_scope.cc:
// iam_unscoped_write (PG-IAM-003): an unconditioned Allow (Action, not a
// service wildcard) of catalogue Write/Permissions-management actions that
// have resource types, on Resource "*"; one per statement, at the first
// contributing value. iam_pass_role (PG-IAM-008): a statement that alone lets
// the Authorizer allow iam:PassRole of any role with an empty context.
// iam_not_elements.cc: iam_allow_not_action (PG-IAM-004), iam_allow_not_
// principal (PG-IAM-005): Allow with NotAction / NotPrincipal, any policy.
// iam_credentials.cc: iam_access_key (PG-IAM-006): AWS::IAM::AccessKey /
// aws_iam_access_key not Inactive, at its declaration. iam_console_without_
// mfa (PG-IAM-007): a user with LoginProfile / aws_iam_user_login_profile
// whose policies (own, groups', attached) do not make the Authorizer deny
// console requests without MFA. iam_trust.cc: iam_cross_account_trust
// (PG-IAM-009): a trust statement admitting another account (or "*") to
// sts:AssumeRole without sts:ExternalId / aws:PrincipalOrgID /
// aws:PrincipalOrgPaths; one per principal value. eks_irsa_trust
// (PG-EKS-002): an OIDC-provider Federated principal allowed
// sts:AssumeRoleWithWebIdentity without a "<provider>:sub" condition naming
// service accounts.
std::vector<Finding> CheckIamAdminEquivalent(const CheckContext& context,
                                             const RuleInfo& rule);
std::vector<Finding> CheckIamUnscopedWrite(const CheckContext& context,
                                           const RuleInfo& rule);
// iam_escalation.cc: iam_escalation_to_admin (PG-IAM-010): a role or user
// that is not an administrator but reaches one in the privilege-escalation
// graph of CheckContext::account() (or can make itself one); one finding
// per principal, at the statement that enables the first step, naming every
// step.
std::vector<Finding> CheckIamEscalationToAdmin(const CheckContext& context,
                                               const RuleInfo& rule);
// iam_risks.cc: the risk categories of CheckContext::account() that no
// statement-level rule reports, one finding per principal and broad grant,
// at the first statement granting it, counting only actions that can be
// scoped to resources. iam_data_exfiltration (PG-IAM-011): reads of data
// or secrets on "*". iam_credentials_exposure (PG-IAM-012): actions below
// Write level that return credentials, on "*".
std::vector<Finding> CheckIamDataExfiltration(const CheckContext& context,
                                              const RuleInfo& rule);
std::vector<Finding> CheckIamCredentialsExposure(const CheckContext& context,
                                                 const RuleInfo& rule);
std::vector<Finding> CheckIamPassRole(const CheckContext& context,
                                      const RuleInfo& rule);
std::vector<Finding> CheckIamAllowNotAction(const CheckContext& context,
                                            const RuleInfo& rule);
std::vector<Finding> CheckIamAllowNotPrincipal(const CheckContext& context,
                                               const RuleInfo& rule);
std::vector<Finding> CheckIamAccessKey(const CheckContext& context,
                                       const RuleInfo& rule);
std::vector<Finding> CheckIamConsoleWithoutMfa(const CheckContext& context,
                                               const RuleInfo& rule);
std::vector<Finding> CheckIamCrossAccountTrust(const CheckContext& context,
                                               const RuleInfo& rule);
std::vector<Finding> CheckEksIrsaTrust(const CheckContext& context,
                                       const RuleInfo& rule);

// The guide's S3 advice (s3_guide.cc); one finding per bucket, at its
// declaration unless said otherwise. s3_default_encryption (PG-S3-006): no
// BucketEncryption SSEAlgorithm. s3_versioning (PG-S3-007): versioning not
// Enabled (at the Status value when Suspended). s3_lifecycle (PG-S3-008): a
// log bucket (another bucket's LoggingConfiguration or a distribution's
// Logging points at it, AccessControl LogDeliveryWrite, or "log" in its name
// or logical id) or an asset bucket (a distribution origin, or "asset" in its
// name or logical id) without an enabled lifecycle rule with a transition;
// at LifecycleConfiguration when present. s3_tls_only (PG-S3-009):
// storage::InsecureRequestsNotDenied is not empty (at the bucket policy when
// there is one); a policy that does not compile is a "policy-not-analysed"
// error diagnostic instead. s3_object_acls (PG-S3-010):
// BucketExposure::object_acls_can_grant_public, at its location when known.
std::vector<Finding> CheckS3DefaultEncryption(const CheckContext& context,
                                              const RuleInfo& rule);
std::vector<Finding> CheckS3Versioning(const CheckContext& context,
                                       const RuleInfo& rule);
std::vector<Finding> CheckS3Lifecycle(const CheckContext& context,
                                      const RuleInfo& rule);
std::vector<Finding> CheckS3TlsOnly(const CheckContext& context,
                                    const RuleInfo& rule);
std::vector<Finding> CheckS3ObjectAcls(const CheckContext& context,
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

// net_peer_egress (PG-NET-002, net_peer_egress.cc): an ingress rule of group
// G whose peer is group P, when members of P cannot send its traffic to
// members of G: decided with context.network().Reach(Resource(P),
// Resource(G)) restricted to the rule's protocol and ports; the first
// stopped part overlapping them names the step (P's egress; an ACL entry,
// route or return path). Reach yields nothing when either group has no
// member workloads, so then it is decided at group level from P's egress
// rules alone (a rule toward G, a CIDR overlapping G's members' subnets or
// else G's VPC blocks, or an undecidable prefix list / undeclared group
// counts as sending). One finding per ingress rule, at P's declaration (at
// the stopping entry or route when it is not P's egress); the fix is the
// egress rule to add in P's format (Terraform block, CloudFormation
// SecurityGroupEgress entry). A symbolic protocol is not decided.
std::vector<Finding> CheckNetPeerEgress(const CheckContext& context,
                                        const RuleInfo& rule);

// The network audits (net_audit.cc) over context.network(), one finding per
// result of polygraph/network_audit.h, at the entry or rule (its resource's
// declaration when unknown), with the result's message and resource the
// ACL or group. net_shadowed_acl_entry (PG-NET-003): ShadowedAclEntries; the
// fix renumbers an allow before the entries that cover it, or deletes the
// entry. net_redundant_sg_rule (PG-NET-004): RedundantSecurityGroupRules;
// the fix deletes the rule. net_acl_blocks_return (PG-NET-005):
// BlockedReturnTraffic; the fix is the reply entry to add (the blocked
// replies as a packet set).
std::vector<Finding> CheckNetShadowedAclEntry(const CheckContext& context,
                                              const RuleInfo& rule);
std::vector<Finding> CheckNetRedundantSgRule(const CheckContext& context,
                                             const RuleInfo& rule);
std::vector<Finding> CheckNetAclBlocksReturn(const CheckContext& context,
                                             const RuleInfo& rule);

// The guide's network rules over the network facets (net_facts.h):
// net_database_exposure.cc: net_database_exposure (PG-NET-006): a database
// (DB instance/cluster listener, or a well-known database port an
// instance's, interface's or ECS service's group names) that
// context.network().Reach admits from the internet (critical, at the
// admitting ingress rule) or from an ingress CIDR outside the VPC's blocks
// (at that CIDR); one per rule location and port, cluster members skipped.
// net_sg_references.cc: net_sg_cidr_reference (PG-NET-007): ingress from a
// CIDR inside the group's VPC blocks (undecided when they are unknown) on a
// non-web port; the fix names the groups of the workloads in that CIDR's
// subnets. net_defaults.cc: net_default_security_group (PG-NET-008): a
// workload without security groups, an aws_default_security_group with
// ingress, a snapshot's "default" group with ingress rules;
// net_default_network_acl (PG-NET-009): a subnet without an ACL association
// in a VPC that declares an ACL, an aws_default_network_acl allow-all block.
// net_private_routes.cc: net_private_subnet_internet_route (PG-NET-011): a
// subnet with workloads, none public, no NAT gateway and no
// MapPublicIpOnLaunch, whose table routes 0.0.0.0/0 to an internet gateway,
// at the route; rds_public_subnet (PG-RDS-006): a DB instance/cluster with a
// subnet so routed. net_vpc_services.cc: net_flow_logs (PG-NET-010): a
// template VPC no flow log refers to; cost_nat_without_endpoints
// (PG-COST-002): a VPC with a public NAT gateway, a 0.0.0.0/0 route to a NAT
// gateway and no S3/DynamoDB endpoint, at its first NAT gateway.
std::vector<Finding> CheckNetDatabaseExposure(const CheckContext& context,
                                              const RuleInfo& rule);
std::vector<Finding> CheckNetSgCidrReference(const CheckContext& context,
                                             const RuleInfo& rule);
std::vector<Finding> CheckNetDefaultSecurityGroup(const CheckContext& context,
                                                  const RuleInfo& rule);
std::vector<Finding> CheckNetDefaultNetworkAcl(const CheckContext& context,
                                               const RuleInfo& rule);
std::vector<Finding> CheckNetPrivateSubnetInternetRoute(
    const CheckContext& context, const RuleInfo& rule);
std::vector<Finding> CheckRdsPublicSubnet(const CheckContext& context,
                                          const RuleInfo& rule);
std::vector<Finding> CheckNetFlowLogs(const CheckContext& context,
                                      const RuleInfo& rule);
std::vector<Finding> CheckCostNatWithoutEndpoints(const CheckContext& context,
                                                  const RuleInfo& rule);

// sg_open_ingress (PG-NET-001): an ingress rule from a /0 CIDR on a port
// other than 80/443. One finding per rule.
std::vector<Finding> CheckSgOpenIngress(const CheckContext& context,
                                        const RuleInfo& rule);

}  // namespace polygraph::rules::internal

#endif  // POLYGRAPH_LIB_RULES_CHECKS_CHECKS_H_
