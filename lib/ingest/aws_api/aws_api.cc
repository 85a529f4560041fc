// Detection of snapshot files, declaration of every object as a Resource,
// and dispatch to the facet readers (snapshot_context.h).

#include "ingest/aws_api/aws_api.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "ingest/aws_api/snapshot_context.h"

namespace polygraph::ingest {
namespace {

using aws_api::Declared;
using aws_api::SnapshotContext;
using ::polygraph::internal::ToAbsl;

// A top-level key whose entries are declared as resources.
struct DeclaredKey {
  std::string_view key;
  std::string_view id_key;
  std::string_view type;
  ResourceKind kind;
};

constexpr DeclaredKey kDeclaredKeys[] = {
    {"Vpcs", "VpcId", "AWS::EC2::VPC", ResourceKind::kVpc},
    {"Subnets", "SubnetId", "AWS::EC2::Subnet", ResourceKind::kSubnet},
    {"RouteTables", "RouteTableId", "AWS::EC2::RouteTable",
     ResourceKind::kRouteTable},
    {"SecurityGroups", "GroupId", "AWS::EC2::SecurityGroup",
     ResourceKind::kSecurityGroup},
    {"NetworkAcls", "NetworkAclId", "AWS::EC2::NetworkAcl",
     ResourceKind::kNetworkAcl},
    {"InternetGateways", "InternetGatewayId", "AWS::EC2::InternetGateway",
     ResourceKind::kInternetGateway},
    {"EgressOnlyInternetGateways", "EgressOnlyInternetGatewayId",
     "AWS::EC2::EgressOnlyInternetGateway", ResourceKind::kOther},
    {"NatGateways", "NatGatewayId", "AWS::EC2::NatGateway",
     ResourceKind::kNatGateway},
    {"VpcEndpoints", "VpcEndpointId", "AWS::EC2::VPCEndpoint",
     ResourceKind::kOther},
    {"VpcPeeringConnections", "VpcPeeringConnectionId",
     "AWS::EC2::VPCPeeringConnection", ResourceKind::kOther},
    {"TransitGateways", "TransitGatewayId", "AWS::EC2::TransitGateway",
     ResourceKind::kOther},
    {"PrefixLists", "PrefixListId", "AWS::EC2::PrefixList",
     ResourceKind::kOther},
    {"NetworkInterfaces", "NetworkInterfaceId", "AWS::EC2::NetworkInterface",
     ResourceKind::kOther},
    {"LoadBalancers", "LoadBalancerArn",
     "AWS::ElasticLoadBalancingV2::LoadBalancer", ResourceKind::kLoadBalancer},
};

// Keys read without declaring anything.
constexpr std::string_view kReadKeys[] = {"Reservations",
                                          "LoadBalancerListeners", "Listeners"};

// Array keys of whole documents that the IAM, Organizations and S3 readers
// read from context.files.
constexpr std::string_view kDocumentArrayKeys[] = {
    "UserDetailList", "GroupDetailList", "RoleDetailList",
    "Policies",       "Buckets",         "Targets"};

// Object keys of whole documents read the same way: describe-policy,
// get-distribution-config, s3control get-public-access-block.
constexpr std::string_view kDocumentObjectKeys[] = {
    "Policy", "DistributionConfig", "PublicAccessBlockConfiguration"};

// Object keys of calls recognised but not analysed.
constexpr std::string_view kIgnoredObjectKeys[] = {"DistributionList"};

// Keys of describe calls recognised as snapshot files but not analysed.
constexpr std::string_view kIgnoredKeys[] = {
    "Addresses",
    "AvailabilityZones",
    "CustomerGateways",
    "DBInstances",
    "DomainStatusList",
    "LoadBalancerAttributes",
    "LoadBalancerTargetHealth",
    "ServiceDetails",
    "TargetGroups",
    "TransitGatewayAttachments",
    "TransitGatewayPropagations",
    "TransitGatewayRouteTables",
    "TransitGatewayStaticRoutes",
    "TransitGatewayVpcAttachments",
    "VpnConnections",
    "VpnGateways",
};

const DeclaredKey* FindDeclaredKey(std::string_view key) {
  for (const DeclaredKey& declared : kDeclaredKeys) {
    if (declared.key == key) return &declared;
  }
  return nullptr;
}

bool IsReadKey(std::string_view key) {
  for (std::string_view read : kReadKeys) {
    if (read == key) return true;
  }
  return false;
}

bool IsIgnoredKey(std::string_view key) {
  for (std::string_view ignored : kIgnoredKeys) {
    if (ignored == key) return true;
  }
  return false;
}

template <size_t N>
bool IsOneOf(std::string_view key, const std::string_view (&keys)[N]) {
  for (std::string_view k : keys) {
    if (k == key) return true;
  }
  return false;
}

// A section of a whole-document call: kDocumentArrayKeys with an array,
// kDocumentObjectKeys or kIgnoredObjectKeys with an object.
bool IsDocumentKey(std::string_view key, const Value& value) {
  if (value.is_array() && IsOneOf(key, kDocumentArrayKeys)) return true;
  // Policy only with a PolicySummary (get-bucket-policy's Policy is a
  // string, read by path); the others of any kind, so their readers report
  // a wrong one.
  if (key == "Policy") {
    return value.is_object() && value.Find("PolicySummary") != nullptr;
  }
  if (IsOneOf(key, kDocumentObjectKeys)) return true;
  return value.is_object() && IsOneOf(key, kIgnoredObjectKeys);
}

// Folders whose files belong to the snapshot of the folder above them.
constexpr std::string_view kSectionFolders[] = {"cloudfront", "iam",
                                                "organizations", "s3"};

// The folder of `path` ("" when none).
std::string_view Parent(std::string_view path) {
  const size_t slash = path.find_last_of('/');
  return slash == std::string_view::npos ? std::string_view()
                                         : path.substr(0, slash);
}

// The last name of `path`.
std::string_view Name(std::string_view path) {
  const size_t slash = path.find_last_of('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

}  // namespace

std::string AwsSnapshotFolder(std::string_view path) {
  std::string_view folder = Parent(path);
  if (!aws_api::BucketOfPath(path).empty()) folder = Parent(folder);  // .../s3
  if (IsOneOf(Name(folder), kSectionFolders)) folder = Parent(folder);
  return std::string(folder);
}

bool IsAwsSnapshotPath(std::string_view path) {
  return !aws_api::BucketOfPath(path).empty();
}

namespace {

class Declarer {
 public:
  explicit Declarer(SnapshotContext& context) : context_(context) {}

  absl::Status DeclareFile(const AwsSnapshotFile& file) {
    const Value& document = file.document;
    if (!document.is_object()) return absl::OkStatus();
    for (size_t i = 0; i < document.keys.size(); ++i) {
      const std::string& key = document.keys[i];
      const Value& list = document.items[i];
      if (list.is_object() && IsOneOf(key, kIgnoredObjectKeys)) {
        context_.diagnostics.push_back(Diagnostic{
            Diagnostic::Level::kNote, "not-analysed", document.KeyLocation(key),
            absl::StrCat("AWS snapshot section ", key, " is not analysed")});
      }
      if (!list.is_array()) continue;
      if (const DeclaredKey* declared = FindDeclaredKey(key)) {
        for (const Value& object : list.items) {
          if (absl::Status s = Declare(*declared, object); !s.ok()) return s;
        }
      } else if (key == "Reservations") {
        if (absl::Status s = DeclareInstances(list); !s.ok()) return s;
      } else if (IsReadKey(key)) {
        for (const Value& entry : list.items) {
          context_.entries[key].push_back(&entry);
        }
      } else if (IsOneOf(key, kIgnoredKeys)) {
        context_.diagnostics.push_back(Diagnostic{
            Diagnostic::Level::kNote, "not-analysed", document.KeyLocation(key),
            absl::StrCat("AWS snapshot section ", key, " is not analysed")});
      }
    }
    return absl::OkStatus();
  }

 private:
  absl::Status Declare(const DeclaredKey& declared, const Value& object) {
    if (!object.is_object()) {
      return InputError(
          object.location,
          absl::StrCat(ToAbsl(declared.key), " entries must be objects, found ",
                       aws_api::Describe(object)));
    }
    absl::StatusOr<std::string> id =
        aws_api::StringField(object, declared.id_key);
    if (!id.ok()) return id.status();
    if (id->empty()) {
      return InputError(
          object.location,
          absl::StrCat("a ", ToAbsl(declared.key), " entry has no ",
                       ToAbsl(declared.id_key)));
    }
    std::string name = *id;
    if (declared.key == "LoadBalancers") {
      absl::StatusOr<std::string> lb_name =
          aws_api::StringField(object, "LoadBalancerName");
      if (!lb_name.ok()) return lb_name.status();
      if (!lb_name->empty()) name = *lb_name;
    }
    auto [it, inserted] = context_.ids.try_emplace(*id, kNoResource);
    if (!inserted) {
      const Resource& first =
          context_.builder.current().resources()[it->second];
      return InputError(object.Find(declared.id_key)->location,
                        absl::StrCat(*id, " is declared twice (first at ",
                                     first.location.ToString(), ")"));
    }
    it->second = context_.builder.AddResource(
        Resource{.name = std::move(name),
                 .type = std::string(declared.type),
                 .kind = declared.kind,
                 .format = SourceFormat::kAwsSnapshot,
                 .location = object.location,
                 .properties = object});
    context_.objects[std::string(declared.key)].push_back(
        Declared{.index = it->second, .object = &object});
    return absl::OkStatus();
  }

  absl::Status DeclareInstances(const Value& reservations) {
    static constexpr DeclaredKey kInstance = {"Instances", "InstanceId",
                                              "AWS::EC2::Instance",
                                              ResourceKind::kInstance};
    for (const Value& reservation : reservations.items) {
      if (!reservation.is_object()) {
        return InputError(reservation.location,
                          absl::StrCat("Reservations entries must be objects, "
                                       "found ",
                                       aws_api::Describe(reservation)));
      }
      absl::StatusOr<const Value*> instances =
          aws_api::ArrayField(reservation, "Instances");
      if (!instances.ok()) return instances.status();
      if (*instances == nullptr) continue;
      for (const Value& instance : (*instances)->items) {
        if (absl::Status s = Declare(kInstance, instance); !s.ok()) return s;
      }
    }
    return absl::OkStatus();
  }

  SnapshotContext& context_;
};

}  // namespace

bool IsAwsSnapshotDocument(const Value& document) {
  if (!document.is_object()) return false;
  if (aws_api::IsCallerIdentity(document)) return true;
  for (size_t i = 0; i < document.keys.size(); ++i) {
    const std::string& key = document.keys[i];
    if (IsDocumentKey(key, document.items[i])) return true;
    if (!document.items[i].is_array()) continue;
    if (FindDeclaredKey(key) != nullptr || IsReadKey(key) ||
        IsIgnoredKey(key)) {
      return true;
    }
  }
  return false;
}

absl::Status ImportAwsSnapshot(const std::vector<AwsSnapshotFile>& files,
                               ModelBuilder& builder,
                               std::vector<Diagnostic>& diagnostics) {
  SnapshotContext context{.builder = builder,
                          .diagnostics = diagnostics,
                          .ids = {},
                          .objects = {},
                          .entries = {},
                          .files = {},
                          .buckets = {}};
  Declarer declarer(context);
  for (const AwsSnapshotFile& file : files) {
    context.files.push_back(&file);
    if (absl::Status s = declarer.DeclareFile(file); !s.ok()) return s;
  }
  for (absl::Status (*read)(SnapshotContext&) :
       {aws_api::ReadVpcsAndSubnets, aws_api::ReadRouting,
        aws_api::ReadSecurityGroups, aws_api::ReadNetworkAcls,
        aws_api::ReadWorkloads, aws_api::ReadIamAuthorization,
        aws_api::ReadOrganizations, aws_api::ReadS3Buckets,
        aws_api::ReadCloudFront}) {
    if (absl::Status s = read(context); !s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace polygraph::ingest
