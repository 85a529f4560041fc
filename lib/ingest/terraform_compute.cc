// Terraform's workload resources as CloudFormation's (terraform_resources.h):
// instances, load balancers and listeners, ECS services and task
// definitions, Lambda functions, RDS clusters, instances and subnet groups.

#include <cctype>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ingest/cloudformation_text.h"
#include "ingest/terraform_resources_internal.h"

namespace polygraph::ingest::terraform_internal {
namespace {

absl::Status Instance(const ResourceInstance& instance, Synthesis& synthesis) {
  Entry& entry = synthesis.AddMain(instance, "AWS::EC2::Instance");
  const TfValue& a = instance.attributes;
  CopyAll(synthesis, a, entry.properties,
          {{"ami", "ImageId"},
           {"instance_type", "InstanceType"},
           {"iam_instance_profile", "IamInstanceProfile"}});
  CopyLists(synthesis, a, entry.properties,
            {{"security_groups", "SecurityGroups"}});
  const TfValue* public_ip = Attribute(a, "associate_public_ip_address");
  if (public_ip == nullptr) {
    Copy(synthesis, a, "subnet_id", entry.properties, "SubnetId");
    CopyLists(synthesis, a, entry.properties,
              {{"vpc_security_group_ids", "SecurityGroupIds"}});
    return absl::OkStatus();
  }
  // CloudFormation says whether an instance gets a public address on its
  // primary network interface, which then holds the subnet and groups.
  const SourceLocation at = KeyLocation(a, "associate_public_ip_address");
  Value primary = evaluation::MakeObject(at);
  Put(primary, "DeviceIndex", Text("0", at), at);
  Put(primary, "AssociatePublicIpAddress", synthesis.Convert(*public_ip), at);
  Copy(synthesis, a, "subnet_id", primary, "SubnetId");
  CopyLists(synthesis, a, primary, {{"vpc_security_group_ids", "GroupSet"}});
  Put(entry.properties, "NetworkInterfaces",
      evaluation::MakeArray({std::move(primary)}, at), at);
  return absl::OkStatus();
}

absl::Status LoadBalancer(const ResourceInstance& instance,
                          Synthesis& synthesis) {
  Entry& entry =
      synthesis.AddMain(instance, "AWS::ElasticLoadBalancingV2::LoadBalancer");
  const TfValue& a = instance.attributes;
  CopyAll(synthesis, a, entry.properties,
          {{"name", "Name"}, {"load_balancer_type", "Type"}});
  CopyLists(synthesis, a, entry.properties,
            {{"subnets", "Subnets"}, {"security_groups", "SecurityGroups"}});
  if (const TfValue* internal = Attribute(a, "internal")) {
    const SourceLocation at = KeyLocation(a, "internal");
    if (internal->kind == TfValue::Kind::kBool) {
      Put(entry.properties, "Scheme",
          Text(internal->boolean ? "internal" : "internet-facing",
               internal->location),
          at);
    } else {
      Put(entry.properties, "Scheme", synthesis.Convert(*internal), at);
    }
  }
  std::vector<const TfValue*> mappings = Blocks(a, "subnet_mapping");
  if (!mappings.empty()) {
    Value list = evaluation::MakeArray({}, KeyLocation(a, "subnet_mapping"));
    for (const TfValue* mapping : mappings) {
      Value item = evaluation::MakeObject(mapping->location);
      Copy(synthesis, *mapping, "subnet_id", item, "SubnetId");
      Copy(synthesis, *mapping, "allocation_id", item, "AllocationId");
      list.items.push_back(std::move(item));
    }
    Put(entry.properties, "SubnetMappings", std::move(list),
        KeyLocation(a, "subnet_mapping"));
  }
  return absl::OkStatus();
}

absl::Status Listener(const ResourceInstance& instance, Synthesis& synthesis) {
  Entry& entry =
      synthesis.AddMain(instance, "AWS::ElasticLoadBalancingV2::Listener");
  CopyAll(synthesis, instance.attributes, entry.properties,
          {{"load_balancer_arn", "LoadBalancerArn"},
           {"port", "Port"},
           {"protocol", "Protocol"},
           {"ssl_policy", "SslPolicy"}});
  return absl::OkStatus();
}

absl::Status EcsService(const ResourceInstance& instance,
                        Synthesis& synthesis) {
  Entry& entry = synthesis.AddMain(instance, "AWS::ECS::Service");
  const TfValue& a = instance.attributes;
  CopyAll(synthesis, a, entry.properties,
          {{"name", "ServiceName"},
           {"cluster", "Cluster"},
           {"task_definition", "TaskDefinition"},
           {"launch_type", "LaunchType"},
           {"desired_count", "DesiredCount"}});
  std::vector<const TfValue*> breaker = Blocks(a, "deployment_circuit_breaker");
  if (!breaker.empty()) {
    Value circuit = evaluation::MakeObject(breaker.front()->location);
    CopyAll(synthesis, *breaker.front(), circuit,
            {{"enable", "Enable"}, {"rollback", "Rollback"}});
    Value deployment = evaluation::MakeObject(breaker.front()->location);
    Put(deployment, "DeploymentCircuitBreaker", std::move(circuit),
        KeyLocation(a, "deployment_circuit_breaker"));
    Put(entry.properties, "DeploymentConfiguration", std::move(deployment),
        KeyLocation(a, "deployment_circuit_breaker"));
  }
  std::vector<const TfValue*> controller = Blocks(a, "deployment_controller");
  if (!controller.empty()) {
    Value type = evaluation::MakeObject(controller.front()->location);
    Copy(synthesis, *controller.front(), "type", type, "Type");
    Put(entry.properties, "DeploymentController", std::move(type),
        KeyLocation(a, "deployment_controller"));
  }
  std::vector<const TfValue*> network = Blocks(a, "network_configuration");
  if (!network.empty()) {
    const TfValue& block = *network.front();
    Value vpc = evaluation::MakeObject(block.location);
    CopyLists(synthesis, block, vpc,
              {{"subnets", "Subnets"}, {"security_groups", "SecurityGroups"}});
    if (const TfValue* assign = Attribute(block, "assign_public_ip")) {
      const SourceLocation at = KeyLocation(block, "assign_public_ip");
      Put(vpc, "AssignPublicIp",
          assign->kind == TfValue::Kind::kBool
              ? Text(assign->boolean ? "ENABLED" : "DISABLED", assign->location)
              : synthesis.Convert(*assign),
          at);
    }
    Value configuration = evaluation::MakeObject(block.location);
    Put(configuration, "AwsvpcConfiguration", std::move(vpc), block.location);
    Put(entry.properties, "NetworkConfiguration", std::move(configuration),
        KeyLocation(a, "network_configuration"));
  }
  std::vector<const TfValue*> balancers = Blocks(a, "load_balancer");
  if (!balancers.empty()) {
    Value list = evaluation::MakeArray({}, KeyLocation(a, "load_balancer"));
    for (const TfValue* balancer : balancers) {
      Value item = evaluation::MakeObject(balancer->location);
      CopyAll(synthesis, *balancer, item,
              {{"container_name", "ContainerName"},
               {"container_port", "ContainerPort"},
               {"target_group_arn", "TargetGroupArn"}});
      list.items.push_back(std::move(item));
    }
    Put(entry.properties, "LoadBalancers", std::move(list),
        KeyLocation(a, "load_balancer"));
  }
  return absl::OkStatus();
}

// Container definitions' keys in CloudFormation's case ("portMappings" ->
// "PortMappings"); maps of user keys (log options, labels) are kept.
void CapitalizeKeys(Value& value) {
  for (size_t i = 0; i < value.keys.size(); ++i) {
    const std::string& key = value.keys[i];
    const bool user_keys =
        key == "options" || key == "dockerLabels" || key == "secretOptions";
    if (!user_keys) CapitalizeKeys(value.items[i]);
    if (!value.keys[i].empty()) {
      value.keys[i][0] = static_cast<char>(
          std::toupper(static_cast<unsigned char>(value.keys[i][0])));
    }
  }
  if (value.is_array()) {
    for (Value& item : value.items) CapitalizeKeys(item);
  }
}

absl::Status TaskDefinition(const ResourceInstance& instance,
                            Synthesis& synthesis) {
  Entry& entry = synthesis.AddMain(instance, "AWS::ECS::TaskDefinition");
  const TfValue& a = instance.attributes;
  CopyAll(synthesis, a, entry.properties,
          {{"family", "Family"},
           {"network_mode", "NetworkMode"},
           {"task_role_arn", "TaskRoleArn"},
           {"execution_role_arn", "ExecutionRoleArn"},
           {"cpu", "Cpu"},
           {"memory", "Memory"}});
  if (const TfValue* containers = Attribute(a, "container_definitions")) {
    absl::StatusOr<Value> parsed = synthesis.ConvertPolicy(*containers);
    if (!parsed.ok()) return parsed.status();
    CapitalizeKeys(*parsed);
    Put(entry.properties, "ContainerDefinitions", *std::move(parsed),
        KeyLocation(a, "container_definitions"));
  }
  return absl::OkStatus();
}

absl::Status LambdaFunction(const ResourceInstance& instance,
                            Synthesis& synthesis) {
  Entry& entry = synthesis.AddMain(instance, "AWS::Lambda::Function");
  const TfValue& a = instance.attributes;
  CopyAll(synthesis, a, entry.properties,
          {{"function_name", "FunctionName"},
           {"role", "Role"},
           {"runtime", "Runtime"},
           {"handler", "Handler"},
           {"kms_key_arn", "KmsKeyArn"},
           {"memory_size", "MemorySize"},
           {"timeout", "Timeout"}});
  CopyLists(synthesis, a, entry.properties, {{"layers", "Layers"}});
  std::vector<const TfValue*> environment = Blocks(a, "environment");
  if (!environment.empty()) {
    Value variables = evaluation::MakeObject(environment.front()->location);
    Copy(synthesis, *environment.front(), "variables", variables, "Variables");
    Put(entry.properties, "Environment", std::move(variables),
        KeyLocation(a, "environment"));
  }
  std::vector<const TfValue*> snap_start = Blocks(a, "snap_start");
  if (!snap_start.empty()) {
    Value apply_on = evaluation::MakeObject(snap_start.front()->location);
    Copy(synthesis, *snap_start.front(), "apply_on", apply_on, "ApplyOn");
    Put(entry.properties, "SnapStart", std::move(apply_on),
        KeyLocation(a, "snap_start"));
  }
  std::vector<const TfValue*> vpc = Blocks(a, "vpc_config");
  if (!vpc.empty()) {
    Value config = evaluation::MakeObject(vpc.front()->location);
    CopyLists(synthesis, *vpc.front(), config,
              {{"subnet_ids", "SubnetIds"},
               {"security_group_ids", "SecurityGroupIds"}});
    Put(entry.properties, "VpcConfig", std::move(config),
        KeyLocation(a, "vpc_config"));
  }
  return absl::OkStatus();
}

absl::Status DbCluster(const ResourceInstance& instance, Synthesis& synthesis) {
  Entry& entry = synthesis.AddMain(instance, "AWS::RDS::DBCluster");
  const TfValue& a = instance.attributes;
  CopyAll(synthesis, a, entry.properties,
          {{"cluster_identifier", "DBClusterIdentifier"},
           {"engine", "Engine"},
           {"port", "Port"},
           {"db_subnet_group_name", "DBSubnetGroupName"},
           {"storage_encrypted", "StorageEncrypted"},
           {"kms_key_id", "KmsKeyId"},
           {"backup_retention_period", "BackupRetentionPeriod"},
           {"deletion_protection", "DeletionProtection"},
           {"master_password", "MasterUserPassword"},
           {"manage_master_user_password", "ManageMasterUserPassword"},
           {"snapshot_identifier", "SnapshotIdentifier"}});
  CopyLists(synthesis, a, entry.properties,
            {{"vpc_security_group_ids", "VpcSecurityGroupIds"}});
  return absl::OkStatus();
}

absl::Status DbInstance(const ResourceInstance& instance,
                        Synthesis& synthesis) {
  Entry& entry = synthesis.AddMain(instance, "AWS::RDS::DBInstance");
  const TfValue& a = instance.attributes;
  CopyAll(synthesis, a, entry.properties,
          {{"identifier", "DBInstanceIdentifier"},
           {"cluster_identifier", "DBClusterIdentifier"},
           {"engine", "Engine"},
           {"instance_class", "DBInstanceClass"},
           {"port", "Port"},
           {"publicly_accessible", "PubliclyAccessible"},
           {"db_subnet_group_name", "DBSubnetGroupName"},
           {"storage_encrypted", "StorageEncrypted"},
           {"kms_key_id", "KmsKeyId"},
           {"backup_retention_period", "BackupRetentionPeriod"},
           {"deletion_protection", "DeletionProtection"},
           {"multi_az", "MultiAZ"},
           {"password", "MasterUserPassword"},
           {"manage_master_user_password", "ManageMasterUserPassword"},
           {"snapshot_identifier", "DBSnapshotIdentifier"},
           {"replicate_source_db", "SourceDBInstanceIdentifier"}});
  CopyLists(synthesis, a, entry.properties,
            {{"vpc_security_group_ids", "VPCSecurityGroups"}});
  return absl::OkStatus();
}

absl::Status DbSubnetGroup(const ResourceInstance& instance,
                           Synthesis& synthesis) {
  Entry& entry = synthesis.AddMain(instance, "AWS::RDS::DBSubnetGroup");
  const TfValue& a = instance.attributes;
  Put(entry.properties, "DBSubnetGroupDescription",
      Attribute(a, "description") != nullptr
          ? synthesis.Convert(*Attribute(a, "description"))
          : Text("Managed by Terraform", instance.location),
      KeyLocation(a, "description"));
  Copy(synthesis, a, "name", entry.properties, "DBSubnetGroupName");
  CopyLists(synthesis, a, entry.properties, {{"subnet_ids", "SubnetIds"}});
  return absl::OkStatus();
}

}  // namespace

Mappers ComputeMapper(std::string_view type) {
  static constexpr std::pair<std::string_view, Mapper> kMappers[] = {
      {"aws_instance", &Instance},
      {"aws_lb", &LoadBalancer},
      {"aws_alb", &LoadBalancer},
      {"aws_lb_listener", &Listener},
      {"aws_alb_listener", &Listener},
      {"aws_ecs_service", &EcsService},
      {"aws_ecs_task_definition", &TaskDefinition},
      {"aws_lambda_function", &LambdaFunction},
      {"aws_rds_cluster", &DbCluster},
      {"aws_rds_cluster_instance", &DbInstance},
      {"aws_db_instance", &DbInstance},
      {"aws_db_subnet_group", &DbSubnetGroup},
  };
  for (const auto& [name, mapper] : kMappers) {
    if (name == type) return Mappers{.first = mapper, .merge = nullptr};
  }
  return {};
}

}  // namespace polygraph::ingest::terraform_internal
