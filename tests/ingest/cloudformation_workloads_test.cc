// Workload facets (lib/ingest/cloudformation_workloads.cc).

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/ingest/ingest_testing.h"
#include "tests/testing.h"

namespace polygraph::ingest {
namespace {

using ::testing::ElementsAre;
using testing::ExpectInputError;
using testing::Imported;
using testing::ImportTemplate;

constexpr char kNetwork[] = R"(
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16}
  Public:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, MapPublicIpOnLaunch: true}
  Private:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.2.0/24}
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties: {GroupDescription: sg, VpcId: !Ref Vpc}
)";

const Workload* FindWorkload(const Imported& imported, std::string_view name) {
  const size_t index = imported.IndexOf(name);
  for (const Workload& workload : imported.model.workloads()) {
    if (workload.resource == index) return &workload;
  }
  return nullptr;
}

TEST(CloudFormationWorkloadsTest, InstancesAndInterfaces) {
  ASSERT_OK_AND_ASSIGN(Imported imported, ImportTemplate(std::string(kNetwork) +
                                                         R"(
  Web:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-1
      SubnetId: !Ref Public
      SecurityGroupIds: [!Ref Sg, sg-0abc]
  Worker:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-1
      NetworkInterfaces:
        - DeviceIndex: "0"
          SubnetId: !Ref Private
          AssociatePublicIpAddress: true
          GroupSet: [!GetAtt Sg.GroupId]
  Eni:
    Type: AWS::EC2::NetworkInterface
    Properties: {SubnetId: subnet-0def, GroupSet: [!Ref Sg]}
)"));
  const size_t sg = imported.IndexOf("Sg");
  ASSERT_EQ(imported.model.workloads().size(), 3u);
  const Workload* web = FindWorkload(imported, "Web");
  ASSERT_NE(web, nullptr);
  EXPECT_EQ(web->kind, WorkloadKind::kInstance);
  EXPECT_THAT(web->subnets, ElementsAre(imported.IndexOf("Public")));
  EXPECT_THAT(web->security_groups, ElementsAre(sg));
  EXPECT_THAT(web->security_group_ids, ElementsAre("sg-0abc"));
  // From the subnet's MapPublicIpOnLaunch.
  EXPECT_TRUE(web->public_ip.set);
  EXPECT_TRUE(web->public_ip.value);
  EXPECT_EQ(web->public_ip.location.line, 8);
  const Workload* worker = FindWorkload(imported, "Worker");
  ASSERT_NE(worker, nullptr);
  EXPECT_THAT(worker->subnets, ElementsAre(imported.IndexOf("Private")));
  EXPECT_THAT(worker->security_groups, ElementsAre(sg));
  EXPECT_TRUE(worker->public_ip.value);
  EXPECT_EQ(worker->public_ip.location.line, 29);
  const Workload* eni = FindWorkload(imported, "Eni");
  ASSERT_NE(eni, nullptr);
  EXPECT_EQ(eni->kind, WorkloadKind::kNetworkInterface);
  EXPECT_THAT(eni->subnet_ids, ElementsAre("subnet-0def"));
  EXPECT_FALSE(eni->public_ip.set);
}

TEST(CloudFormationWorkloadsTest, ServicesFunctionsAndEndpoints) {
  ASSERT_OK_AND_ASSIGN(Imported imported, ImportTemplate(std::string(kNetwork) +
                                                         R"(
  Service:
    Type: AWS::ECS::Service
    Properties:
      NetworkConfiguration:
        AwsvpcConfiguration:
          Subnets: [!Ref Private]
          SecurityGroups: [!Ref Sg]
          AssignPublicIp: ENABLED
      LoadBalancers: [{ContainerName: app, ContainerPort: 8080}]
  Bridge:
    Type: AWS::ECS::Service
    Properties: {TaskDefinition: td}
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      VpcConfig: {SubnetIds: [!Ref Private], SecurityGroupIds: [!Ref Sg]}
  Plain:
    Type: AWS::Lambda::Function
    Properties: {Runtime: python3.12}
  Api:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      VpcEndpointType: Interface
      ServiceName: com.amazonaws.us-east-1.execute-api
      SubnetIds: [!Ref Private]
      SecurityGroupIds: [!Ref Sg]
)"));
  ASSERT_EQ(imported.model.workloads().size(), 3u);
  const Workload* service = FindWorkload(imported, "Service");
  ASSERT_NE(service, nullptr);
  EXPECT_EQ(service->kind, WorkloadKind::kEcsService);
  EXPECT_THAT(service->subnets, ElementsAre(imported.IndexOf("Private")));
  EXPECT_TRUE(service->public_ip.set);
  EXPECT_TRUE(service->public_ip.value);
  ASSERT_EQ(service->listeners.size(), 1u);
  EXPECT_EQ(service->listeners[0].port, 8080);
  EXPECT_EQ(service->listeners[0].protocol, "tcp");
  const Workload* function = FindWorkload(imported, "Fn");
  ASSERT_NE(function, nullptr);
  EXPECT_EQ(function->kind, WorkloadKind::kLambdaFunction);
  EXPECT_THAT(function->security_groups, ElementsAre(imported.IndexOf("Sg")));
  const Workload* endpoint = FindWorkload(imported, "Api");
  ASSERT_NE(endpoint, nullptr);
  EXPECT_EQ(endpoint->kind, WorkloadKind::kVpcEndpoint);
  EXPECT_THAT(endpoint->subnets, ElementsAre(imported.IndexOf("Private")));
  ASSERT_EQ(imported.model.gateways().size(), 1u);
  EXPECT_EQ(imported.model.gateways()[0].subnet, imported.IndexOf("Private"));
  EXPECT_TRUE(imported.model.routes().empty());
}

TEST(CloudFormationWorkloadsTest, DatabasesAndLoadBalancers) {
  ASSERT_OK_AND_ASSIGN(Imported imported, ImportTemplate(std::string(kNetwork) +
                                                         R"(
  DbSubnets:
    Type: AWS::RDS::DBSubnetGroup
    Properties:
      DBSubnetGroupDescription: db
      SubnetIds: [!Ref Private, subnet-0def]
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBSubnetGroupName: !Ref DbSubnets
      VPCSecurityGroups: [!GetAtt Sg.GroupId]
      PubliclyAccessible: "true"
  Cluster:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-mysql
      Port: 3307
      VpcSecurityGroupIds: [!Ref Sg]
  Alb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Subnets: [!Ref Public]
      SecurityGroups: [!Ref Sg]
  Nlb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Type: network
      Scheme: internal
      SubnetMappings: [{SubnetId: !Ref Private}]
  Https:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties: {LoadBalancerArn: !Ref Alb, Port: 443, Protocol: HTTPS}
  Dns:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties: {LoadBalancerArn: !Ref Nlb, Port: "53", Protocol: UDP}
)"));
  const Workload* db = FindWorkload(imported, "Db");
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(db->kind, WorkloadKind::kDbInstance);
  EXPECT_THAT(db->subnets, ElementsAre(imported.IndexOf("Private")));
  EXPECT_THAT(db->subnet_ids, ElementsAre("subnet-0def"));
  EXPECT_THAT(db->security_groups, ElementsAre(imported.IndexOf("Sg")));
  EXPECT_TRUE(db->public_ip.value);
  ASSERT_EQ(db->listeners.size(), 1u);
  EXPECT_EQ(db->listeners[0].port, 5432);
  const Workload* cluster = FindWorkload(imported, "Cluster");
  ASSERT_NE(cluster, nullptr);
  EXPECT_EQ(cluster->kind, WorkloadKind::kDbCluster);
  ASSERT_EQ(cluster->listeners.size(), 1u);
  EXPECT_EQ(cluster->listeners[0].port, 3307);
  EXPECT_FALSE(cluster->public_ip.set);
  const Workload* alb = FindWorkload(imported, "Alb");
  ASSERT_NE(alb, nullptr);
  EXPECT_EQ(alb->kind, WorkloadKind::kLoadBalancer);
  EXPECT_TRUE(alb->public_ip.set);
  EXPECT_TRUE(alb->public_ip.value);  // internet-facing by default
  ASSERT_EQ(alb->listeners.size(), 1u);
  EXPECT_EQ(alb->listeners[0].protocol, "tcp");
  EXPECT_EQ(alb->listeners[0].port, 443);
  const Workload* nlb = FindWorkload(imported, "Nlb");
  ASSERT_NE(nlb, nullptr);
  EXPECT_FALSE(nlb->public_ip.value);
  EXPECT_THAT(nlb->subnets, ElementsAre(imported.IndexOf("Private")));
  ASSERT_EQ(nlb->listeners.size(), 1u);
  EXPECT_EQ(nlb->listeners[0].protocol, "udp");
  EXPECT_EQ(nlb->listeners[0].port, 53);
}

TEST(CloudFormationWorkloadsTest, SymbolicAndBadValues) {
  ASSERT_OK_AND_ASSIGN(Imported imported, ImportTemplate(R"(
Parameters:
  SubnetParam: {Type: "AWS::EC2::Subnet::Id"}
Resources:
  Box:
    Type: AWS::EC2::Instance
    Properties: {ImageId: ami-1, SubnetId: !Ref SubnetParam}
)"));
  ASSERT_EQ(imported.model.workloads().size(), 1u);
  EXPECT_THAT(imported.model.workloads()[0].subnet_ids,
              ElementsAre("${SubnetParam}"));
  EXPECT_FALSE(imported.model.workloads()[0].public_ip.set);
  EXPECT_EQ(imported.WithCode("symbolic-value").size(), 1u);

  ExpectInputError(ImportTemplate(R"(
Resources:
  Service:
    Type: AWS::ECS::Service
    Properties:
      NetworkConfiguration:
        AwsvpcConfiguration: {Subnets: [subnet-1], AssignPublicIp: "yes"}
)")
                       .status(),
                   7, 68, "AssignPublicIp must be ENABLED or DISABLED");
  ExpectInputError(ImportTemplate(R"(
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties: {Engine: mysql, Port: 70000}
)")
                       .status(),
                   5, 39, "Port must be a port number (1 to 65535)");
}

TEST(CloudFormationWorkloadsTest, SymbolicValuesAreNotedOnce) {
  ASSERT_OK_AND_ASSIGN(Imported imported, ImportTemplate(R"(
Parameters:
  SubnetParam: {Type: "AWS::EC2::Subnet::Id"}
  SchemeParam: {Type: String}
Resources:
  Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: vpc-1
      VpcEndpointType: Interface
      ServiceName: com.amazonaws.us-east-1.sqs
      SubnetIds: [!Ref SubnetParam]
  Lb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties: {Subnets: [subnet-1, subnet-2], Scheme: !Ref SchemeParam}
)"));
  ASSERT_EQ(imported.model.workloads().size(), 2u);
  EXPECT_THAT(imported.model.workloads()[0].subnet_ids,
              ElementsAre("${SubnetParam}"));
  EXPECT_EQ(imported.model.gateways()[0].subnet, kNoResource);
  EXPECT_FALSE(imported.model.workloads()[1].public_ip.set);
  EXPECT_THAT(imported.model.workloads()[1].subnet_ids,
              ElementsAre("subnet-1", "subnet-2"));
  std::vector<Diagnostic> notes = imported.WithCode("symbolic-value");
  ASSERT_EQ(notes.size(), 2u);
  EXPECT_EQ(notes[0].location.line, 12);
  EXPECT_EQ(notes[1].location.line, 15);
}

}  // namespace
}  // namespace polygraph::ingest
