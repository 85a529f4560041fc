#ifndef POLYGRAPH_MODEL_H_
#define POLYGRAPH_MODEL_H_

// Model: the normalized, format-independent view of everything polygraph
// read. A security group from CloudFormation, Terraform or a snapshot is one
// SecurityGroup here. Front-ends fill a ModelBuilder; analyses and rules read
// the immutable Model it builds, and never the raw formats.
//
//   ModelBuilder builder;
//   size_t bucket = builder.AddResource({...});
//   builder.AddBucket({.resource = bucket, ...});
//   Model model = std::move(builder).Build();
//
// Thread safety: Model is immutable and thread-safe. ModelBuilder is
// thread-compatible (one thread at a time).

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "polygraph/iam_policy.h"
#include "polygraph/model_basics.h"
#include "polygraph/network_model.h"
#include "polygraph/source_location.h"
#include "polygraph/value.h"

namespace polygraph {

// The format a resource was read from.
enum class SourceFormat {
  kIamPolicy,
  kCloudFormation,
  kTerraform,
  kAwsSnapshot,
  kEcsTaskDefinition
};

enum class ResourceKind {
  kVpc,
  kSubnet,
  kRouteTable,
  kSecurityGroup,
  kNetworkAcl,
  kInternetGateway,
  kNatGateway,
  kRole,
  kUser,
  kGroup,
  kManagedPolicy,
  kInlinePolicy,
  kInstanceProfile,
  kBucket,
  kBucketPolicy,
  kDistribution,
  kOriginAccessControl,
  kOriginAccessIdentity,  // AWS::CloudFront::CloudFrontOriginAccessIdentity
  kInstance,
  kEcsService,
  kEcsTaskDefinition,
  kLambdaFunction,
  kDbCluster,
  kDbInstance,
  kLoadBalancer,
  kSecret,
  kTopic,     // AWS::SNS::Topic
  kQueue,     // AWS::SQS::Queue
  kKmsKey,    // AWS::KMS::Key
  kEventBus,  // AWS::Events::EventBus
  kPolicyDocument,
  kOther,  // any type polygraph does not normalize; still visible to rules
};

// "vpc", "subnet", ..., "other": stable names used in JSON and rules.
std::string_view ResourceKindName(ResourceKind kind);

// One resource as declared. Every typed facet below points back at one.
struct Resource {
  std::string name;  // logical id (CloudFormation), address (Terraform), file
                     // stem (policy file)
  std::string type;  // the format's own type name, e.g. "AWS::S3::Bucket"
  ResourceKind kind = ResourceKind::kOther;
  SourceFormat format = SourceFormat::kCloudFormation;
  SourceLocation location;  // of the declaration
  // With locations. CloudFormation: evaluated as far as the template and
  // the parameter values decide (intrinsics replaced by their results,
  // located where the expression is written; the rest as written).
  Value properties;
  // CloudFormation: the Condition the resource is created under, when it
  // has one, and what that rests on: "\"IsProd\", true because Env is
  // \"prod\" by default", or "..., undecided because AWS::Region is not
  // given" (then the resource is analysed as created); findings on the
  // resource say it. Empty otherwise.
  std::string assumed_condition = {};
  // CloudFormation: the resource's Metadata as written (not evaluated), with
  // locations; null when absent and for every other format. Read by
  // suppressions (suppression.h).
  Value metadata = {};
};

// A reference from one resource to another (Ref, GetAtt, a Terraform
// expression), resolved to the target's index in Model::resources().
struct Reference {
  size_t from = kNoResource;
  size_t to = kNoResource;
  std::string attribute;  // "" for Ref, else e.g. "Arn", "GroupId"
  std::string property;   // property path at the source, e.g. "VpcId"
  SourceLocation location;
};

// An IAM policy document and what it is attached to.
struct PolicyDocument {
  size_t owner = kNoResource;  // the role/user/bucket... or kNoResource for a
                               // standalone file
  std::string name;  // PolicyName, or the file name for a standalone policy
  iam::PolicyKind kind = iam::PolicyKind::kIdentity;
  iam::Policy policy;
};

struct SecurityGroupRule {
  // The security group resource; kNoResource when a standalone rule names a
  // group that is not declared in the files read (a parameter, an import).
  size_t group = kNoResource;
  bool ingress = true;
  // Normalized: "tcp", "udp", "icmp", "icmpv6", "-1" (all) or a number;
  // "" when the value is symbolic (a "symbolic-value" note says so).
  std::string protocol;
  int from_port = -1;  // -1 with protocol "-1" or when absent or symbolic
  int to_port = -1;
  // At most one peer is set: an IPv4 or IPv6 CIDR (validated, normalized
  // text), another group (index), a group that is not declared in the files
  // read (peer_group_id), or a prefix list id. None is set when the CIDR is
  // symbolic (a "symbolic-value" note says so).
  std::string cidr;
  size_t peer_group = kNoResource;
  // A peer group by id or name that no loaded resource declares, e.g.
  // "sg-0123abcd", or a rendering such as "${WebGroupParam}".
  std::string peer_group_id;
  std::string prefix_list;
  std::string description;
  // AWS's default allow-all egress rule, which the front-end adds for a group
  // created without explicit egress (see SecurityGroup::default_egress);
  // `location` is then the group's.
  bool implicit_default = false;
  SourceLocation location;       // of the rule
  SourceLocation cidr_location;  // of the CIDR or peer value
};

// An address block of a VPC (CidrBlock, a secondary AWS::EC2::VPCCidrBlock)
// or of a subnet (CidrBlock, Ipv6CidrBlock). Symbolic blocks are not listed;
// the loader notes them.
struct NetworkBlock {
  size_t resource = kNoResource;  // the VPC, the secondary block, or the subnet
  size_t vpc = kNoResource;       // the VPC it belongs to, when declared
  bool subnet = false;            // true for a subnet's block
  std::string cidr;               // validated and normalized, IPv4 or IPv6
  std::string availability_zone;  // subnets: "" when absent or symbolic
  SourceLocation location;        // of the CIDR value
};

struct PublicAccessBlock {
  LocatedBool block_public_acls, ignore_public_acls, block_public_policy,
      restrict_public_buckets;
  SourceLocation location;
  bool present = false;  // false when the bucket has no configuration at all

  // The four settings by the names AWS gives them, in AWS's order, for the
  // front-ends that read them.
  struct Setting {
    std::string_view name;  // "BlockPublicAcls", ...
    LocatedBool* flag;
  };
  std::array<Setting, 4> Settings() {
    return {{{"BlockPublicAcls", &block_public_acls},
             {"IgnorePublicAcls", &ignore_public_acls},
             {"BlockPublicPolicy", &block_public_policy},
             {"RestrictPublicBuckets", &restrict_public_buckets}}};
  }
};

// A bucket's canned ACL (AccessControl). kAbsent: not set, which S3 treats
// as Private.
enum class CannedAcl {
  kAbsent,
  kPrivate,
  kPublicRead,              // AllUsers: READ
  kPublicReadWrite,         // AllUsers: READ and WRITE
  kAuthenticatedRead,       // AuthenticatedUsers (any AWS account): READ
  kLogDeliveryWrite,        // the LogDelivery group: WRITE and READ_ACP
  kBucketOwnerRead,         // object ACLs only; on a bucket, as Private
  kBucketOwnerFullControl,  // object ACLs only; on a bucket, as Private
  kAwsExecRead,             // Amazon EC2: READ of AMI bundles
};

// "Private", "PublicRead", ...: the CloudFormation spelling; "" for kAbsent.
std::string_view CannedAclName(CannedAcl acl);

// OwnershipControls' ObjectOwnership. kAbsent: not set (S3 has defaulted to
// BucketOwnerEnforced for new buckets since April 2023).
enum class ObjectOwnership {
  kAbsent,
  kBucketOwnerEnforced,  // ACLs are disabled: none is evaluated
  kBucketOwnerPreferred,
  kObjectWriter,
};

// "BucketOwnerEnforced", ...; "" for kAbsent.
std::string_view ObjectOwnershipName(ObjectOwnership ownership);

// The default encryption a bucket declares (BucketEncryption's first
// ServerSideEncryptionByDefault SSEAlgorithm). kAbsent: none declared; S3
// has encrypted new objects with SSE-S3 anyway since January 2023.
enum class BucketEncryption {
  kAbsent,
  kSseS3,    // AES256
  kSseKms,   // aws:kms
  kDsseKms,  // aws:kms:dsse
};

// "AES256", "aws:kms", "aws:kms:dsse"; "" for kAbsent.
std::string_view BucketEncryptionName(BucketEncryption encryption);

// VersioningConfiguration Status. kAbsent: never enabled.
enum class Versioning { kAbsent, kEnabled, kSuspended };

// "Enabled", "Suspended"; "" for kAbsent.
std::string_view VersioningName(Versioning versioning);

// One transition of a lifecycle rule (Transitions entries, the singular
// Transition, NoncurrentVersionTransitions).
struct LifecycleTransition {
  // As written and validated against S3's storage classes (STANDARD_IA,
  // ONEZONE_IA, INTELLIGENT_TIERING, GLACIER_IR, GLACIER, DEEP_ARCHIVE);
  // "" when symbolic.
  std::string storage_class;
  // TransitionInDays (a noncurrent one's too); -1 for a TransitionDate or a
  // symbolic value.
  int days = -1;
  bool noncurrent = false;  // a NoncurrentVersionTransition
  SourceLocation location;  // of the StorageClass value
};

struct LifecycleRule {
  std::string id;        // "" when none
  bool enabled = false;  // Status Enabled
  std::vector<LifecycleTransition> transitions;
  // ExpirationInDays, ExpirationDate or NoncurrentVersionExpiration is set.
  bool expires = false;
  SourceLocation location;  // of the rule object
};

struct Bucket {
  size_t resource = kNoResource;
  std::string bucket_name;  // "" when generated by the provider
  PublicAccessBlock public_access_block;
  CannedAcl access_control = CannedAcl::kAbsent;
  SourceLocation access_control_location;  // of the value, when set
  ObjectOwnership object_ownership = ObjectOwnership::kAbsent;
  SourceLocation object_ownership_location;  // of the value, when set
  BucketEncryption encryption = BucketEncryption::kAbsent;
  SourceLocation encryption_location;  // of the SSEAlgorithm value, when set
  std::string kms_key;  // KMSMasterKeyID resolved or rendered; "" when none
  Versioning versioning = Versioning::kAbsent;
  SourceLocation versioning_location;  // of the Status value, when set
  std::vector<LifecycleRule> lifecycle_rules;
  SourceLocation lifecycle_location;  // of the LifecycleConfiguration key
  // LoggingConfiguration: access logs are delivered.
  bool has_logging = false;
  SourceLocation logging_location;  // of the LoggingConfiguration key
  // The bucket LoggingConfiguration's DestinationBucketName names (a Ref, or
  // a literal equal to a declared bucket's BucketName); kNoResource when
  // none, itself (logs to itself) is kept.
  size_t logging_destination = kNoResource;
};

// Block Public Access for a whole account (s3control, or Terraform's
// aws_s3_account_public_access_block). S3 applies the most restrictive
// combination of the account's and a bucket's settings.
struct AccountPublicAccessBlock {
  size_t resource = kNoResource;  // where it was declared
  std::string account_id;         // "" for the account being analysed
  PublicAccessBlock settings;
};

// One cache behaviour of a distribution: the DefaultCacheBehavior or a
// CacheBehaviors entry.
struct CacheBehavior {
  bool is_default = true;
  std::string path_pattern;  // "" for the default behaviour
  std::string target_origin_id;
  // "allow-all", "redirect-to-https", "https-only" as written; "" when absent
  // or symbolic.
  std::string viewer_protocol_policy;
  SourceLocation viewer_protocol_policy_location;  // of the value, when set
  LocatedBool compress;     // CloudFront's default is false
  SourceLocation location;  // of the behaviour object
};

// One origin of a distribution.
struct DistributionOrigin {
  std::string id;
  // DomainName resolved, or its rendering
  // ("${AssetsBucket.RegionalDomainName}").
  std::string domain_name;
  // The AWS::S3::Bucket resource (index into Model::resources()) that
  // DomainName refers to with Ref or GetAtt; kNoResource otherwise.
  size_t bucket_resource = kNoResource;
  // The AWS::CloudFront::OriginAccessControl resource OriginAccessControlId
  // refers to; kNoResource when none or not declared.
  size_t origin_access_control = kNoResource;
  // OriginAccessControlId is set (declared or not: a literal id, a parameter).
  bool has_origin_access_control = false;
  // S3OriginConfig OriginAccessIdentity, resolved or rendered; "" when none.
  std::string origin_access_identity;
  SourceLocation origin_access_identity_location;  // of the value, when set
  // The AWS::CloudFront::CloudFrontOriginAccessIdentity it refers to (a
  // !Sub "origin-access-identity/cloudfront/${OAI}"); kNoResource otherwise.
  size_t origin_access_identity_resource = kNoResource;
  // CustomOriginConfig is set (a web server, an S3 website endpoint, a load
  // balancer), with its OriginProtocolPolicy ("http-only", "match-viewer",
  // "https-only"; "" when absent or symbolic) and OriginSSLProtocols.
  bool custom_origin = false;
  std::string origin_protocol_policy;
  SourceLocation origin_protocol_policy_location;
  std::vector<std::string> origin_ssl_protocols;
  SourceLocation origin_ssl_protocols_location;
  SourceLocation location;  // of the origin object
};

// An AWS::CloudFront::Distribution's DistributionConfig.
struct Distribution {
  size_t resource = kNoResource;
  std::vector<DistributionOrigin> origins;
  std::vector<CacheBehavior> behaviors;  // the default first, then in order
  bool has_viewer_certificate = false;
  SourceLocation viewer_certificate_location;  // of the ViewerCertificate key
  // MinimumProtocolVersion as written; "" when absent or symbolic.
  std::string minimum_protocol_version;
  SourceLocation minimum_protocol_version_location;
  LocatedBool cloudfront_default_certificate;
  // WebACLId is set (resolved or rendered; "" when absent).
  std::string web_acl_id;
  SourceLocation web_acl_location;
  // Logging is set, with its Bucket when that refers to a declared bucket
  // (GetAtt DomainName/RegionalDomainName or a literal "<name>.s3...").
  bool has_logging = false;
  SourceLocation logging_location;
  size_t logging_bucket = kNoResource;
  // PriceClass as written ("PriceClass_100", ...); "" when absent (CloudFront
  // uses PriceClass_All) or symbolic.
  std::string price_class;
  SourceLocation price_class_location;
  // Restrictions GeoRestriction: RestrictionType ("none", "whitelist",
  // "blacklist"; "" when absent) and its Locations.
  std::string geo_restriction_type;
  std::vector<std::string> geo_locations;
  SourceLocation geo_restriction_location;
  SourceLocation location;  // of the DistributionConfig key
  // The distribution's ARN when the input tells it (a snapshot whose
  // account is known); "" for templates, where analyses use a placeholder
  // account and id.
  std::string arn = {};
};

// Immutable normalized model. Indices into resources() are stable.
class Model {
 public:
  Model() = default;
  // Movable and copyable: plain data, potentially large.
  Model(Model&&) = default;
  Model& operator=(Model&&) = default;
  Model(const Model&) = default;
  Model& operator=(const Model&) = default;

  const std::vector<Resource>& resources() const { return resources_; }
  const std::vector<Reference>& references() const { return references_; }
  const std::vector<PolicyDocument>& policies() const { return policies_; }
  const std::vector<SecurityGroupRule>& security_group_rules() const {
    return security_group_rules_;
  }
  const std::vector<Bucket>& buckets() const { return buckets_; }
  const std::vector<NetworkBlock>& network_blocks() const {
    return network_blocks_;
  }
  const std::vector<Distribution>& distributions() const {
    return distributions_;
  }
  const std::vector<AccountPublicAccessBlock>& account_public_access_blocks()
      const {
    return account_public_access_blocks_;
  }
  // Network facets (network_model.h).
  const std::vector<Subnet>& subnets() const { return subnets_; }
  const std::vector<SecurityGroup>& security_groups() const {
    return security_groups_;
  }
  const std::vector<RouteTable>& route_tables() const { return route_tables_; }
  const std::vector<Route>& routes() const { return routes_; }
  const std::vector<RouteTableAssociation>& route_table_associations() const {
    return route_table_associations_;
  }
  const std::vector<NetworkAcl>& network_acls() const { return network_acls_; }
  const std::vector<NetworkAclEntry>& network_acl_entries() const {
    return network_acl_entries_;
  }
  const std::vector<NetworkAclAssociation>& network_acl_associations() const {
    return network_acl_associations_;
  }
  const std::vector<Gateway>& gateways() const { return gateways_; }
  const std::vector<PrefixList>& prefix_lists() const { return prefix_lists_; }
  const std::vector<Workload>& workloads() const { return workloads_; }
  // Files read, in the order given.
  const std::vector<std::string>& files() const { return files_; }

  // Index of the resource named `name` declared in `file`, or kNoResource.
  size_t FindResource(std::string_view file, std::string_view name) const;

 private:
  friend class ModelBuilder;
  std::vector<Resource> resources_;
  std::vector<Reference> references_;
  std::vector<PolicyDocument> policies_;
  std::vector<SecurityGroupRule> security_group_rules_;
  std::vector<Bucket> buckets_;
  std::vector<NetworkBlock> network_blocks_;
  std::vector<Distribution> distributions_;
  std::vector<AccountPublicAccessBlock> account_public_access_blocks_;
  std::vector<Subnet> subnets_;
  std::vector<SecurityGroup> security_groups_;
  std::vector<RouteTable> route_tables_;
  std::vector<Route> routes_;
  std::vector<RouteTableAssociation> route_table_associations_;
  std::vector<NetworkAcl> network_acls_;
  std::vector<NetworkAclEntry> network_acl_entries_;
  std::vector<NetworkAclAssociation> network_acl_associations_;
  std::vector<Gateway> gateways_;
  std::vector<PrefixList> prefix_lists_;
  std::vector<Workload> workloads_;
  std::vector<std::string> files_;
};

class ModelBuilder {
 public:
  ModelBuilder() = default;
  ModelBuilder(const ModelBuilder&) = delete;
  ModelBuilder& operator=(const ModelBuilder&) = delete;

  void AddFile(std::string path);
  // Returns the new resource's index.
  size_t AddResource(Resource resource);
  // Renames an added resource, for a front-end that builds through another
  // format's reader (Terraform through CloudFormation's facets).
  // REQUIRES: index < current().resources().size().
  void SetResourceOrigin(size_t index, std::string name, std::string type,
                         SourceFormat format);
  // Renames an added policy document (a front-end that builds through
  // another format's reader names it in its own terms).
  // REQUIRES: index < current().policies().size().
  void SetPolicyName(size_t index, std::string name);
  void AddReference(Reference reference);
  void AddPolicy(PolicyDocument policy);
  void AddSecurityGroupRule(SecurityGroupRule rule);
  void AddBucket(Bucket bucket);
  void AddNetworkBlock(NetworkBlock block);
  void AddDistribution(Distribution distribution);
  void AddAccountPublicAccessBlock(AccountPublicAccessBlock block);
  void AddSubnet(Subnet value);
  void AddSecurityGroup(SecurityGroup value);
  void AddRouteTable(RouteTable value);
  void AddRoute(Route value);
  void AddRouteTableAssociation(RouteTableAssociation value);
  void AddNetworkAcl(NetworkAcl value);
  void AddNetworkAclEntry(NetworkAclEntry value);
  void AddNetworkAclAssociation(NetworkAclAssociation value);
  void AddGateway(Gateway value);
  void AddPrefixList(PrefixList value);
  void AddWorkload(Workload value);
  // Read access while building, e.g. to resolve references.
  const Model& current() const { return model_; }

  // REQUIRES: every index stored refers to an added resource.
  Model Build() &&;

 private:
  Model model_;
};

}  // namespace polygraph

#endif  // POLYGRAPH_MODEL_H_
