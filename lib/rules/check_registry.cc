#include "rules/check_registry.h"

#include <array>

#include "rules/checks/checks.h"

namespace polygraph::rules::internal {
namespace {

// Keep sorted by name.
constexpr std::array<NamedCheck, 52> kChecks = {{
    {"cdn_any_distribution", &CheckCdnAnyDistribution},
    {"cdn_compress", &CheckCdnCompress},
    {"cdn_legacy_oai", &CheckCdnLegacyOai},
    {"cdn_logging", &CheckCdnLogging},
    {"cdn_origin_access", &CheckCdnOriginAccess},
    {"cdn_origin_transport", &CheckCdnOriginTransport},
    {"cdn_tls_policy", &CheckCdnTlsPolicy},
    {"cdn_viewer_protocol", &CheckCdnViewerProtocol},
    {"cdn_web_acl", &CheckCdnWebAcl},
    {"cidr_connected_vpc_overlap", &CheckCidrConnectedVpcOverlap},
    {"cidr_production_vpc_size", &CheckCidrProductionVpcSize},
    {"cidr_subnet_outside_vpc", &CheckCidrSubnetOutsideVpc},
    {"cidr_subnet_overlap", &CheckCidrSubnetOverlap},
    {"cidr_subnet_too_small", &CheckCidrSubnetTooSmall},
    {"cidr_tier_zones", &CheckCidrTierZones},
    {"cidr_vpc_overlap", &CheckCidrVpcOverlap},
    {"cost_nat_without_endpoints", &CheckCostNatWithoutEndpoints},
    {"eks_irsa_trust", &CheckEksIrsaTrust},
    {"iam_access_key", &CheckIamAccessKey},
    {"iam_admin_equivalent", &CheckIamAdminEquivalent},
    {"iam_allow_not_action", &CheckIamAllowNotAction},
    {"iam_allow_not_principal", &CheckIamAllowNotPrincipal},
    {"iam_console_without_mfa", &CheckIamConsoleWithoutMfa},
    {"iam_credentials_exposure", &CheckIamCredentialsExposure},
    {"iam_cross_account_trust", &CheckIamCrossAccountTrust},
    {"iam_data_exfiltration", &CheckIamDataExfiltration},
    {"iam_escalation_to_admin", &CheckIamEscalationToAdmin},
    {"iam_pass_role", &CheckIamPassRole},
    {"iam_unscoped_write", &CheckIamUnscopedWrite},
    {"iam_wildcard_action", &CheckIamWildcardAction},
    {"net_acl_blocks_return", &CheckNetAclBlocksReturn},
    {"net_database_exposure", &CheckNetDatabaseExposure},
    {"net_default_network_acl", &CheckNetDefaultNetworkAcl},
    {"net_default_security_group", &CheckNetDefaultSecurityGroup},
    {"net_flow_logs", &CheckNetFlowLogs},
    {"net_peer_egress", &CheckNetPeerEgress},
    {"net_private_subnet_internet_route", &CheckNetPrivateSubnetInternetRoute},
    {"net_redundant_sg_rule", &CheckNetRedundantSgRule},
    {"net_sg_cidr_reference", &CheckNetSgCidrReference},
    {"net_shadowed_acl_entry", &CheckNetShadowedAclEntry},
    {"rds_public_subnet", &CheckRdsPublicSubnet},
    {"s3_anonymous_read", &CheckS3AnonymousRead},
    {"s3_cross_account_read", &CheckS3CrossAccountRead},
    {"s3_default_encryption", &CheckS3DefaultEncryption},
    {"s3_lifecycle", &CheckS3Lifecycle},
    {"s3_object_acls", &CheckS3ObjectAcls},
    {"s3_public_access_block", &CheckS3PublicAccessBlock},
    {"s3_public_acl", &CheckS3PublicAcl},
    {"s3_public_write", &CheckS3PublicWrite},
    {"s3_tls_only", &CheckS3TlsOnly},
    {"s3_versioning", &CheckS3Versioning},
    {"sg_open_ingress", &CheckSgOpenIngress},
}};

}  // namespace

std::span<const NamedCheck> BuiltinChecks() { return kChecks; }

CheckFunction FindCheck(std::string_view name) {
  for (const NamedCheck& check : kChecks) {
    if (check.name == name) return check.function;
  }
  return nullptr;
}

Finding NewFinding(const RuleInfo& rule) {
  Finding finding;
  finding.rule_id = rule.id;
  finding.severity = rule.severity;
  finding.title = rule.title;
  return finding;
}

}  // namespace polygraph::rules::internal
