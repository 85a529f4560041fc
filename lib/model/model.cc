#include "polygraph/model.h"

#include <utility>

namespace polygraph {

std::string_view ResourceKindName(ResourceKind kind) {
  switch (kind) {
    case ResourceKind::kVpc:
      return "vpc";
    case ResourceKind::kSubnet:
      return "subnet";
    case ResourceKind::kRouteTable:
      return "route_table";
    case ResourceKind::kSecurityGroup:
      return "security_group";
    case ResourceKind::kNetworkAcl:
      return "network_acl";
    case ResourceKind::kInternetGateway:
      return "internet_gateway";
    case ResourceKind::kNatGateway:
      return "nat_gateway";
    case ResourceKind::kRole:
      return "role";
    case ResourceKind::kUser:
      return "user";
    case ResourceKind::kGroup:
      return "group";
    case ResourceKind::kManagedPolicy:
      return "managed_policy";
    case ResourceKind::kInlinePolicy:
      return "inline_policy";
    case ResourceKind::kInstanceProfile:
      return "instance_profile";
    case ResourceKind::kBucket:
      return "bucket";
    case ResourceKind::kBucketPolicy:
      return "bucket_policy";
    case ResourceKind::kDistribution:
      return "distribution";
    case ResourceKind::kOriginAccessControl:
      return "origin_access_control";
    case ResourceKind::kOriginAccessIdentity:
      return "origin_access_identity";
    case ResourceKind::kInstance:
      return "instance";
    case ResourceKind::kEcsService:
      return "ecs_service";
    case ResourceKind::kEcsTaskDefinition:
      return "ecs_task_definition";
    case ResourceKind::kLambdaFunction:
      return "lambda_function";
    case ResourceKind::kDbCluster:
      return "db_cluster";
    case ResourceKind::kDbInstance:
      return "db_instance";
    case ResourceKind::kLoadBalancer:
      return "load_balancer";
    case ResourceKind::kSecret:
      return "secret";
    case ResourceKind::kTopic:
      return "topic";
    case ResourceKind::kQueue:
      return "queue";
    case ResourceKind::kKmsKey:
      return "kms_key";
    case ResourceKind::kEventBus:
      return "event_bus";
    case ResourceKind::kPolicyDocument:
      return "policy_document";
    case ResourceKind::kOther:
      return "other";
  }
  return "other";
}

size_t Model::FindResource(std::string_view file, std::string_view name) const {
  for (size_t i = 0; i < resources_.size(); ++i) {
    if (resources_[i].name == name && resources_[i].location.file == file)
      return i;
  }
  return kNoResource;
}

void ModelBuilder::AddFile(std::string path) {
  model_.files_.push_back(std::move(path));
}

void ModelBuilder::SetResourceOrigin(size_t index, std::string name,
                                     std::string type, SourceFormat format) {
  Resource& resource = model_.resources_[index];
  resource.name = std::move(name);
  resource.type = std::move(type);
  resource.format = format;
}

void ModelBuilder::SetPolicyName(size_t index, std::string name) {
  model_.policies_[index].name = std::move(name);
}

size_t ModelBuilder::AddResource(Resource resource) {
  model_.resources_.push_back(std::move(resource));
  return model_.resources_.size() - 1;
}

void ModelBuilder::AddReference(Reference reference) {
  model_.references_.push_back(std::move(reference));
}

void ModelBuilder::AddPolicy(PolicyDocument policy) {
  model_.policies_.push_back(std::move(policy));
}

void ModelBuilder::AddSecurityGroupRule(SecurityGroupRule rule) {
  model_.security_group_rules_.push_back(std::move(rule));
}

void ModelBuilder::AddBucket(Bucket bucket) {
  model_.buckets_.push_back(std::move(bucket));
}

void ModelBuilder::AddNetworkBlock(NetworkBlock block) {
  model_.network_blocks_.push_back(std::move(block));
}

void ModelBuilder::AddDistribution(Distribution distribution) {
  model_.distributions_.push_back(std::move(distribution));
}

void ModelBuilder::AddAccountPublicAccessBlock(AccountPublicAccessBlock block) {
  model_.account_public_access_blocks_.push_back(std::move(block));
}

void ModelBuilder::AddSubnet(Subnet value) {
  model_.subnets_.push_back(std::move(value));
}

void ModelBuilder::AddSecurityGroup(SecurityGroup value) {
  model_.security_groups_.push_back(std::move(value));
}

void ModelBuilder::AddRouteTable(RouteTable value) {
  model_.route_tables_.push_back(std::move(value));
}

void ModelBuilder::AddRoute(Route value) {
  model_.routes_.push_back(std::move(value));
}

void ModelBuilder::AddRouteTableAssociation(RouteTableAssociation value) {
  model_.route_table_associations_.push_back(std::move(value));
}

void ModelBuilder::AddNetworkAcl(NetworkAcl value) {
  model_.network_acls_.push_back(std::move(value));
}

void ModelBuilder::AddNetworkAclEntry(NetworkAclEntry value) {
  model_.network_acl_entries_.push_back(std::move(value));
}

void ModelBuilder::AddNetworkAclAssociation(NetworkAclAssociation value) {
  model_.network_acl_associations_.push_back(std::move(value));
}

void ModelBuilder::AddGateway(Gateway value) {
  model_.gateways_.push_back(std::move(value));
}

void ModelBuilder::AddPrefixList(PrefixList value) {
  model_.prefix_lists_.push_back(std::move(value));
}

void ModelBuilder::AddWorkload(Workload value) {
  model_.workloads_.push_back(std::move(value));
}

Model ModelBuilder::Build() && { return std::move(model_); }

}  // namespace polygraph
