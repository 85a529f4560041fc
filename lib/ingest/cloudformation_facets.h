#ifndef POLYGRAPH_LIB_INGEST_CLOUDFORMATION_FACETS_H_
#define POLYGRAPH_LIB_INGEST_CLOUDFORMATION_FACETS_H_

// The typed facets the CloudFormation front-end derives from declared
// resources, one function per domain. Each reads context.declarations (all
// resources already added to the builder) and adds facets to the builder.
// Values it cannot resolve (a Ref to a parameter without a Default, an
// Fn::If, an Fn::ImportValue...) become "symbolic-value" notes.
//
// Thread safety: thread-compatible (writes to the context's builder).

#include "absl/status/status.h"
#include "ingest/cloudformation_context.h"

namespace polygraph::ingest {

// IAM policies: a role's AssumeRolePolicyDocument (trust) and Policies, a
// user's or group's Policies, the PolicyDocument of AWS::IAM::ManagedPolicy,
// Policy, RolePolicy, UserPolicy and GroupPolicy (identity), and of
// AWS::S3::BucketPolicy (resource; owned by the bucket its Bucket property
// names with a Ref or its literal BucketName, or by the bucket policy when
// that bucket is not declared).
// Errors: the policy grammar's InputErrors; malformed Policies entries.
absl::Status AddIamFacets(TemplateContext& context);

// Security group rules: the SecurityGroupIngress/SecurityGroupEgress lists
// of AWS::EC2::SecurityGroup and the standalone AWS::EC2::SecurityGroupIngress
// and SecurityGroupEgress resources. Errors: a missing or invalid
// IpProtocol, an invalid port, an invalid CIDR, no peer or several peers.
absl::Status AddNetworkFacets(TemplateContext& context);

// VPC and subnet address blocks: AWS::EC2::VPC's CidrBlock, the secondary
// AWS::EC2::VPCCidrBlock, and AWS::EC2::Subnet's CidrBlock and
// Ipv6CidrBlock with its VpcId and AvailabilityZone. Errors: a CIDR that is
// not valid (host bits are normalized with a "cidr-host-bits" warning).
absl::Status AddVpcFacets(TemplateContext& context);

// Network topology (network_model.h): AWS::EC2::Subnet, SecurityGroup
// (with AWS's implicit allow-all egress rule when no SecurityGroupEgress is
// inline), RouteTable, Route, SubnetRouteTableAssociation, InternetGateway
// (its VPC from AWS::EC2::VPCGatewayAttachment), EgressOnlyInternetGateway,
// NatGateway, VPCEndpoint (a gateway endpoint adds a route to
// "pl-<ServiceName>" in each of its RouteTableIds), NetworkAcl,
// NetworkAclEntry, SubnetNetworkAclAssociation and PrefixList. REQUIRES: runs
// after AddVpcFacets (subnet blocks are taken from it). Errors: a RuleNumber
// outside 1..32766, an unknown Protocol, a PortRange whose From is greater
// than its To, a RuleAction other than allow or deny, an invalid CIDR.
absl::Status AddTopologyFacets(TemplateContext& context);

// Workloads (network_model.h): AWS::EC2::Instance, NetworkInterface,
// AWS::ECS::Service (awsvpc), AWS::Lambda::Function (VpcConfig),
// AWS::RDS::DBInstance and DBCluster, AWS::ElasticLoadBalancingV2::
// LoadBalancer with its Listeners, and interface VPC endpoints. REQUIRES:
// runs after AddTopologyFacets (a subnet's MapPublicIpOnLaunch applies).
// Errors: an invalid port, a list property that is not an array.
absl::Status AddWorkloadFacets(TemplateContext& context);

// Buckets: AWS::S3::Bucket's BucketName, PublicAccessBlockConfiguration,
// AccessControl, OwnershipControls, BucketEncryption (the first
// ServerSideEncryptionByDefault), VersioningConfiguration,
// LifecycleConfiguration rules with their transitions and expirations, and
// LoggingConfiguration with its destination bucket (a Ref, or a literal
// equal to a declared bucket's BucketName; absent: the bucket itself).
// An unknown SSEAlgorithm or StorageClass is an error diagnostic
// "invalid-value" at the value, and that encryption or transition is left
// out; the bucket and the rest of the template are still read. Errors
// (InputError): a flag that is not a Boolean, an unknown AccessControl,
// ObjectOwnership or Status, a day count that is not a whole number, and a
// property of the wrong kind (an object where a list is expected...).
absl::Status AddStorageFacets(TemplateContext& context);

// Resource policies beyond S3's, each a PolicyDocument of kind kResource
// named by the logical id of the resource that declares it and owned by the
// resource it governs: AWS::SNS::TopicPolicy (one document per Topics entry
// naming a declared topic), AWS::SQS::QueuePolicy (per Queues entry),
// AWS::SNS::TopicInlinePolicy, AWS::SQS::QueueInlinePolicy,
// AWS::KMS::Key's KeyPolicy, AWS::ECR::Repository's RepositoryPolicyText,
// AWS::Events::EventBus's Policy, AWS::Events::EventBusPolicy (its
// Statement, or a statement synthesized from Action, Principal and
// Condition), AWS::SecretsManager::ResourcePolicy, and AWS::Lambda::
// Permission (a one-statement policy synthesized from its properties, each
// element located at the property it came from). A target is declared when a
// Ref or Fn::GetAtt names a resource of the governed kind, or a literal name
// or ARN matches its declared name. Otherwise (a parameter, an import, a
// literal of another stack, the default event bus) the document's owner is
// kNoResource, noted "symbolic-value" (an expression) or
// "unresolved-reference" (a literal): a TopicPolicy or QueuePolicy adds one
// ownerless document when any of its entries is undeclared. A document given
// as a JSON string or an expression is noted and not analysed. Errors: the
// policy grammar's InputErrors; a missing policy or target property; a list
// property that is not an array.
absl::Status AddResourcePolicyFacets(TemplateContext& context);

// CloudFront distributions: AWS::CloudFront::Distribution's origins (with
// the bucket their DomainName refers to, their OAC or OAI), cache behaviours
// and viewer certificate. REQUIRES: runs after AddStorageFacets. Errors: an
// origin or behaviour that is not an object, a Compress or
// CloudFrontDefaultCertificate that is not a Boolean.
absl::Status AddCdnFacets(TemplateContext& context);

}  // namespace polygraph::ingest

#endif  // POLYGRAPH_LIB_INGEST_CLOUDFORMATION_FACETS_H_
