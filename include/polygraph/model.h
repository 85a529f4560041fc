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

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "polygraph/iam_policy.h"
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
  kInstance,
  kEcsService,
  kEcsTaskDefinition,
  kLambdaFunction,
  kDbCluster,
  kDbInstance,
  kLoadBalancer,
  kSecret,
  kPolicyDocument,
  kOther,  // any type polygraph does not normalize; still visible to rules
};

// "vpc", "subnet", ..., "other": stable names used in JSON and rules.
std::string_view ResourceKindName(ResourceKind kind);

inline constexpr size_t kNoResource = static_cast<size_t>(-1);

// One resource as declared. Every typed facet below points back at one.
struct Resource {
  std::string name;  // logical id (CloudFormation), address (Terraform), file
                     // stem (policy file)
  std::string type;  // the format's own type name, e.g. "AWS::S3::Bucket"
  ResourceKind kind = ResourceKind::kOther;
  SourceFormat format = SourceFormat::kCloudFormation;
  SourceLocation location;  // of the declaration
  Value properties;         // as written, with locations
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

// A Boolean setting with where it was set; `set` is false when absent.
struct LocatedBool {
  bool value = false;
  bool set = false;
  SourceLocation location;
};

struct PublicAccessBlock {
  LocatedBool block_public_acls, ignore_public_acls, block_public_policy,
      restrict_public_buckets;
  SourceLocation location;
  bool present = false;  // false when the bucket has no configuration at all
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

struct Bucket {
  size_t resource = kNoResource;
  std::string bucket_name;  // "" when generated by the provider
  PublicAccessBlock public_access_block;
  CannedAcl access_control = CannedAcl::kAbsent;
  SourceLocation access_control_location;  // of the value, when set
  ObjectOwnership object_ownership = ObjectOwnership::kAbsent;
  SourceLocation object_ownership_location;  // of the value, when set
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
  void AddReference(Reference reference);
  void AddPolicy(PolicyDocument policy);
  void AddSecurityGroupRule(SecurityGroupRule rule);
  void AddBucket(Bucket bucket);
  void AddNetworkBlock(NetworkBlock block);
  void AddDistribution(Distribution distribution);
  // Read access while building, e.g. to resolve references.
  const Model& current() const { return model_; }

  // REQUIRES: every index stored refers to an added resource.
  Model Build() &&;

 private:
  Model model_;
};

}  // namespace polygraph

#endif  // POLYGRAPH_MODEL_H_
