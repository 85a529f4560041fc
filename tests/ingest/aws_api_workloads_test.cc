#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/ingest/aws_api_testing.h"
#include "tests/ingest/ingest_testing.h"
#include "tests/testing.h"

namespace polygraph::ingest {
namespace {

using ::testing::ElementsAre;
using testing::ExpectInputError;
using testing::FacetOf;
using testing::Imported;
using testing::LoadCorpusSnapshot;
using testing::LoadSnapshot;

constexpr char kReservations[] = R"({"Reservations": [{"Instances": [
  {"InstanceId": "i-web", "SubnetId": "subnet-1",
   "PublicIpAddress": "203.0.113.7",
   "SecurityGroups": [{"GroupId": "sg-1", "GroupName": "web"}],
   "NetworkInterfaces": [
     {"SubnetId": "subnet-2", "Groups": [{"GroupId": "sg-other"}]}],
   "State": {"Name": "running"}},
  {"InstanceId": "i-private", "SubnetId": "subnet-1",
   "State": {"Name": "running"}},
  {"InstanceId": "i-gone", "State": {"Name": "terminated"}}
]}]})";

constexpr char kInterfaces[] = R"({"NetworkInterfaces": [
  {"NetworkInterfaceId": "eni-web", "SubnetId": "subnet-1",
   "Attachment": {"InstanceId": "i-web"}, "InterfaceType": "interface"},
  {"NetworkInterfaceId": "eni-nat", "SubnetId": "subnet-1",
   "InterfaceType": "nat_gateway"},
  {"NetworkInterfaceId": "eni-lambda", "SubnetId": "subnet-1",
   "InterfaceType": "lambda", "Groups": [{"GroupId": "sg-1"}],
   "Association": {"PublicIp": "198.51.100.1"}}
]})";

constexpr char kEndpoints[] = R"({"VpcEndpoints": [
  {"VpcEndpointId": "vpce-api", "VpcEndpointType": "Interface",
   "SubnetIds": ["subnet-1", "subnet-9"], "Groups": [{"GroupId": "sg-1"}]},
  {"VpcEndpointId": "vpce-s3", "VpcEndpointType": "Gateway"}
]})";

constexpr char kLoadBalancers[] = R"({"LoadBalancers": [
  {"LoadBalancerArn": "arn:aws:elasticloadbalancing:lb/app/web/1",
   "LoadBalancerName": "web", "Scheme": "internet-facing",
   "AvailabilityZones": [{"SubnetId": "subnet-1"}, {"SubnetId": "subnet-2"}],
   "SecurityGroups": ["sg-1"]}
]})";

constexpr char kListeners[] = R"({"Listeners": [
  {"LoadBalancerArn": "arn:aws:elasticloadbalancing:lb/app/web/1",
   "Port": 443, "Protocol": "HTTPS"},
  {"LoadBalancerArn": "arn:aws:elasticloadbalancing:lb/app/web/1",
   "Port": 53, "Protocol": "TCP_UDP"}
]})";

TEST(AwsApiWorkloadsTest, InstancesInterfacesEndpointsLoadBalancers) {
  ASSERT_OK_AND_ASSIGN(
      Imported imported,
      LoadSnapshot(
          {{"Reservations.json", kReservations},
           {"NetworkInterfaces.json", kInterfaces},
           {"VpcEndpoints.json", kEndpoints},
           {"LoadBalancers.json", kLoadBalancers},
           {"Listeners.json", kListeners},
           {"Subnets.json", R"({"Subnets": [{"SubnetId": "subnet-1"}]})"},
           {"SecurityGroups.json",
            R"({"SecurityGroups": [{"GroupId": "sg-1"}]})"}}));
  const size_t subnet = imported.IndexOf("subnet-1");
  const size_t group = imported.IndexOf("sg-1");
  const Resource* instance = imported.Find("i-web");
  ASSERT_NE(instance, nullptr);
  EXPECT_EQ(instance->type, "AWS::EC2::Instance");
  EXPECT_EQ(instance->kind, ResourceKind::kInstance);
  EXPECT_EQ(instance->location.line, 2);
  // i-web, i-private, eni-lambda, vpce-api, web; not the terminated
  // instance, the instance's interface or the NAT gateway's.
  ASSERT_EQ(imported.model.workloads().size(), 5u);
  const Workload* web =
      FacetOf(imported.model.workloads(), imported.IndexOf("i-web"));
  ASSERT_NE(web, nullptr);
  EXPECT_EQ(web->kind, WorkloadKind::kInstance);
  EXPECT_THAT(web->subnets, ElementsAre(subnet));
  EXPECT_THAT(web->subnet_ids, ElementsAre("subnet-2"));
  EXPECT_THAT(web->security_groups, ElementsAre(group));
  EXPECT_THAT(web->security_group_ids, ElementsAre("sg-other"));
  EXPECT_TRUE(web->public_ip.set);
  EXPECT_TRUE(web->public_ip.value);
  EXPECT_EQ(web->public_ip.location.line, 3);
  const Workload* private_instance =
      FacetOf(imported.model.workloads(), imported.IndexOf("i-private"));
  ASSERT_NE(private_instance, nullptr);
  EXPECT_TRUE(private_instance->public_ip.set);
  EXPECT_FALSE(private_instance->public_ip.value);
  EXPECT_EQ(FacetOf(imported.model.workloads(), imported.IndexOf("i-gone")),
            nullptr);

  const Workload* lambda =
      FacetOf(imported.model.workloads(), imported.IndexOf("eni-lambda"));
  ASSERT_NE(lambda, nullptr);
  EXPECT_EQ(lambda->kind, WorkloadKind::kNetworkInterface);
  EXPECT_THAT(lambda->security_groups, ElementsAre(group));
  EXPECT_TRUE(lambda->public_ip.value);

  const Workload* endpoint =
      FacetOf(imported.model.workloads(), imported.IndexOf("vpce-api"));
  ASSERT_NE(endpoint, nullptr);
  EXPECT_EQ(endpoint->kind, WorkloadKind::kVpcEndpoint);
  EXPECT_THAT(endpoint->subnets, ElementsAre(subnet));
  EXPECT_THAT(endpoint->subnet_ids, ElementsAre("subnet-9"));

  const Resource* balancer = imported.Find("web");
  ASSERT_NE(balancer, nullptr);
  EXPECT_EQ(balancer->kind, ResourceKind::kLoadBalancer);
  const Workload* lb =
      FacetOf(imported.model.workloads(), imported.IndexOf("web"));
  ASSERT_NE(lb, nullptr);
  EXPECT_EQ(lb->kind, WorkloadKind::kLoadBalancer);
  EXPECT_TRUE(lb->public_ip.value);
  EXPECT_THAT(lb->subnets, ElementsAre(subnet));
  EXPECT_THAT(lb->subnet_ids, ElementsAre("subnet-2"));
  EXPECT_THAT(lb->security_groups, ElementsAre(group));
  ASSERT_EQ(lb->listeners.size(), 3u);
  EXPECT_EQ(lb->listeners[0].protocol, "tcp");
  EXPECT_EQ(lb->listeners[0].port, 443);
  EXPECT_EQ(lb->listeners[1].protocol, "tcp");
  EXPECT_EQ(lb->listeners[1].port, 53);
  EXPECT_EQ(lb->listeners[2].protocol, "udp");
}

TEST(AwsApiWorkloadsTest, BadValuesAreInputErrors) {
  absl::StatusOr<Imported> listener = LoadSnapshot(
      {{"Listeners.json",
        R"({"Listeners": [{"LoadBalancerArn": "arn:x", "Port": 80, )"
        R"("Protocol": "SCTP"}]})"},
       {"LoadBalancers.json",
        R"({"LoadBalancers": [{"LoadBalancerArn": "arn:x"}]})"}});
  ExpectInputError(listener.status(), 1, 69, "Protocol must be HTTP");
  absl::StatusOr<Imported> groups =
      LoadSnapshot({{"LoadBalancers.json",
                     R"({"LoadBalancers": [{"LoadBalancerArn": "arn:x", )"
                     R"("SecurityGroups": [7]}]})"}});
  ExpectInputError(groups.status(), 1, 68, "SecurityGroups entries must be");
}

TEST(AwsApiWorkloadsTest, NatGatewayCorpus) {
  ASSERT_OK_AND_ASSIGN(
      Imported imported,
      LoadCorpusSnapshot("aws-api/batfish/test-nat-gateway/aws_configs"));
  // Three instances; every interface belongs to one or to the NAT gateway.
  ASSERT_EQ(imported.model.workloads().size(), 3u);
  const size_t jump_host = imported.IndexOf("i-0b31b509174d7f5de");
  const Resource& resource = imported.model.resources()[jump_host];
  EXPECT_EQ(resource.location.line, 6);
  EXPECT_EQ(resource.location.column, 5);
  const Workload* jump = FacetOf(imported.model.workloads(), jump_host);
  ASSERT_NE(jump, nullptr);
  EXPECT_THAT(jump->subnets,
              ElementsAre(imported.IndexOf("subnet-0428892a357fa1f94")));
  EXPECT_THAT(jump->security_groups,
              ElementsAre(imported.IndexOf("sg-0253af84ae6485905")));
  EXPECT_TRUE(jump->public_ip.value);
  EXPECT_EQ(jump->public_ip.location.line, 97);
  const Workload* inner = FacetOf(imported.model.workloads(),
                                  imported.IndexOf("i-0a73a1a6021c03ddb"));
  ASSERT_NE(inner, nullptr);
  EXPECT_THAT(inner->subnets,
              ElementsAre(imported.IndexOf("subnet-02ff259e663e9613e")));
  EXPECT_TRUE(inner->public_ip.set);
  EXPECT_FALSE(inner->public_ip.value);
}

TEST(AwsApiWorkloadsTest, LoadBalancerCorpus) {
  ASSERT_OK_AND_ASSIGN(
      Imported imported,
      LoadCorpusSnapshot("aws-api/batfish/test-load-balancer/aws_configs"));
  const Workload* lb =
      FacetOf(imported.model.workloads(), imported.IndexOf("test-lb"));
  ASSERT_NE(lb, nullptr);
  EXPECT_EQ(lb->kind, WorkloadKind::kLoadBalancer);
  EXPECT_TRUE(lb->public_ip.set);
  EXPECT_FALSE(lb->public_ip.value);  // Scheme internal
  EXPECT_THAT(lb->subnets,
              ElementsAre(imported.IndexOf("subnet-0873d71031a560a88"),
                          imported.IndexOf("subnet-090fe152cd18ced20")));
  ASSERT_EQ(lb->listeners.size(), 1u);
  EXPECT_EQ(lb->listeners[0].protocol, "tcp");
  EXPECT_EQ(lb->listeners[0].port, 80);
  // The load balancer's own interfaces are not separate workloads.
  for (const Workload& workload : imported.model.workloads()) {
    EXPECT_NE(workload.kind, WorkloadKind::kNetworkInterface)
        << imported.model.resources()[workload.resource].name;
  }
}

}  // namespace
}  // namespace polygraph::ingest
