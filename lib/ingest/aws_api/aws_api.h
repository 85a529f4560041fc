#ifndef POLYGRAPH_LIB_INGEST_AWS_API_AWS_API_H_
#define POLYGRAPH_LIB_INGEST_AWS_API_AWS_API_H_

// The AWS account snapshot front-end: the JSON that `aws ec2 describe-vpcs`,
// `describe-subnets`, `describe-route-tables`, `describe-security-groups`,
// `describe-network-acls`, `describe-network-interfaces`,
// `describe-instances`, `describe-internet-gateways`,
// `describe-nat-gateways`, `describe-vpc-endpoints`,
// `describe-managed-prefix-lists` (and `describe-prefix-lists`),
// `elbv2 describe-load-balancers` and `describe-listeners` print, one file
// per call, recognised by its top-level key ("Vpcs", "Subnets", ...). All the
// snapshot files of one folder form one account snapshot, so ids
// (vpc-..., subnet-..., sg-..., igw-..., rtb-...) resolve across its files.
// The files of the sub-folders "iam", "organizations", "cloudfront" and
// "s3/<bucket>" belong to the snapshot of the folder above them
// (AwsSnapshotFolder). Folder layout (examples/aws-snapshot/README.md):
//   iam get-account-authorization-details  UserDetailList, GroupDetailList,
//       RoleDetailList, Policies (any file name)
//   organizations list-policies             Policies entries with an Id
//   organizations describe-policy           Policy {PolicySummary, Content}
//   organizations list-targets-for-policy   Targets, in
//   <policy-id>.targets.json s3api list-buckets                      Buckets
//   s3/<bucket>/policy.json, acl.json, public-access-block.json,
//       ownership-controls.json, encryption.json, versioning.json,
//       lifecycle.json, logging.json        the s3api get-bucket-* output of
//       that bucket, recognised by path whatever its content
//   s3control get-public-access-block       PublicAccessBlockConfiguration in
//       any file outside s3/<bucket>/ (the account's settings)
//   cloudfront get-distribution-config      DistributionConfig, in
//       <distribution-id>.json
//
//   std::vector<AwsSnapshotFile> files = ...;  // parsed, one per file
//   absl::Status status = ImportAwsSnapshot(files, builder, diagnostics);
//
// What is added (format SourceFormat::kAwsSnapshot):
// - One Resource per AWS object, named by its id (a load balancer by its
//   LoadBalancerName), typed as CloudFormation spells it
//   ("AWS::EC2::SecurityGroup"), located at the object, with the object as
//   its properties. Instances are Reservations[].Instances[] entries.
// - The network facets (network_model.h). A reference to an id that no file
//   of the snapshot declares leaves the index kNoResource; every `*_id`
//   field holds the AWS id whether or not it resolved.
// - VPC and subnet CIDR blocks as NetworkBlocks (disassociated blocks are
//   skipped).
// - Security group rules, one per peer (IpRanges, Ipv6Ranges,
//   UserIdGroupPairs, PrefixListIds entry). The egress rule "all traffic to
//   0.0.0.0/0" sets SecurityGroup::default_egress and is marked
//   implicit_default (a snapshot cannot tell AWS's default rule from the same
//   rule written by hand); its location stays the rule's.
// - Network ACL entries without the AWS-added rule 32767 ("*") entries: the
//   model's "no match is a deny" already is that rule.
// - Workloads: instances (not terminated ones), load balancers (with their
//   listeners when a listeners file is present), interface VPC endpoints,
//   and network interfaces that nothing else covers (not attached to an
//   instance, not a NAT gateway's, an endpoint's or a load balancer's).
// - IAM (iam_authorization.cc), mirroring the CloudFormation front-end:
//   users, groups, roles, managed policies (Policies entries) and instance
//   profiles (a role's InstanceProfileList) as kUser/kGroup/kRole/
//   kManagedPolicy/kInstanceProfile resources named by their name, typed
//   "AWS::IAM::User"..., with the snapshot object (holding its Arn) as
//   properties. Inline policies (UserPolicyList, GroupPolicyList,
//   RolePolicyList) are kIdentity PolicyDocuments named by PolicyName and
//   owned by their user/group/role; a role's AssumeRolePolicyDocument is a
//   kTrust one named "AssumeRolePolicyDocument"; a managed policy's default
//   version (IsDefaultVersion) is a kIdentity one owned by the policy.
//   References (attribute ""): user/group/role -> managed policy at
//   "AttachedManagedPolicies[i].PolicyArn" and at
//   "PermissionsBoundary.PermissionsBoundaryArn", user -> group at
//   "GroupList[i]", instance profile -> role at "Roles[i]". A managed policy
//   ARN the snapshot does not declare (an AWS-managed policy) is noted.
//   Policy documents may be objects, JSON strings or URL-encoded JSON
//   strings; a decoded string's nodes are all located at the string.
// - Organizations (organizations.cc): each describe-policy of type
//   SERVICE_CONTROL_POLICY is an "AWS::Organizations::Policy" kOther
//   resource named by its Name (its Id and Arn resolve to it), with the
//   Policy object plus "TargetIds" and "Targets" (from its targets file) as
//   properties, owning one kIdentity PolicyDocument: its Content.
// - S3 (s3_buckets.cc): one "AWS::S3::Bucket" resource and Bucket per bucket
//   of list-buckets or of an s3/<bucket> folder, with the list-buckets entry
//   plus each call's output (keys "BucketPolicy", "BucketAcl",
//   "PublicAccessBlock", "OwnershipControls", "BucketEncryption",
//   "BucketVersioning", "BucketLifecycleConfiguration", "BucketLogging") as
//   properties; the policy is a kResource PolicyDocument "BucketPolicy" owned
//   by the bucket. The ACL's grants map to a canned ACL: AllUsers WRITE,
//   WRITE_ACP or FULL_CONTROL -> PublicReadWrite; AllUsers READ ->
//   PublicRead; AuthenticatedUsers READ (or more, noted) ->
//   AuthenticatedRead; LogDelivery WRITE/READ_ACP -> LogDeliveryWrite;
//   else Private. Grants the canned ACL cannot express (AllUsers READ_ACP
//   alone, another account's canonical user) are noted. The account's Block
//   Public Access is an "AWS::S3::AccountPublicAccessBlock" resource named
//   "account-public-access-block" with an AccountPublicAccessBlock.
// - CloudFront (cloudfront.cc): each get-distribution-config is an
//   "AWS::CloudFront::Distribution" kDistribution resource named by its file
//   stem (the distribution id) with a Distribution; an origin whose
//   DomainName is "<bucket>.s3[.<region>].amazonaws.com" (or the Logging
//   Bucket) links to that snapshot bucket. Empty OriginAccessControlId,
//   OriginAccessIdentity and WebACLId mean none; Logging counts when Enabled.
// Notes: "not-analysed" for each recognised top-level key that is not read
// (AvailabilityZones, TargetGroups, DistributionList, ...), an SCP listed
// without its describe-policy, a non-SCP Organizations policy.
// Errors (InputError at the value; `builder` may then hold part of the
// snapshot, so a caller abandons it): an object that is not an object or
// lacks its id, an id declared twice, a value of the wrong type, a CIDR that
// does not parse, an unknown protocol, a port out of range or FromPort above
// ToPort for tcp/udp, a RuleNumber outside 1..32767, a RuleAction other than
// allow/deny; a policy string that is not JSON or a policy that does not
// parse for its kind; an unknown ACL grantee or permission, ObjectOwnership,
// SSEAlgorithm, versioning Status, storage class, ViewerProtocolPolicy,
// OriginProtocolPolicy, SSL protocol, PriceClass or RestrictionType.
//
// Thread safety: stateless; thread-compatible on the builder it fills.

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "polygraph/diagnostic.h"
#include "polygraph/model.h"
#include "polygraph/value.h"

namespace polygraph::ingest {

// One parsed snapshot file. Locations come from the Value tree.
struct AwsSnapshotFile {
  std::string path;
  Value document;
};

// True when `document` is an object with a top-level describe key (see the
// file comment) whose value is an array (an object for Policy,
// DistributionConfig, PublicAccessBlockConfiguration, DistributionList).
bool IsAwsSnapshotDocument(const Value& document);

// True when `path` names a per-bucket S3 file (".../s3/<bucket>/acl.json",
// see the file comment): a snapshot file whatever its content.
bool IsAwsSnapshotPath(std::string_view path);

// The folder whose snapshot the snapshot file `path` belongs to: its folder,
// or the one above for the section folders (see the file comment).
std::string AwsSnapshotFolder(std::string_view path);

// Adds the account snapshot made of `files` to `builder`. The files need not
// be in any order.
absl::Status ImportAwsSnapshot(const std::vector<AwsSnapshotFile>& files,
                               ModelBuilder& builder,
                               std::vector<Diagnostic>& diagnostics);

}  // namespace polygraph::ingest

#endif  // POLYGRAPH_LIB_INGEST_AWS_API_AWS_API_H_
