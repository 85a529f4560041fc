#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/ingest/aws_api_testing.h"
#include "tests/ingest/ingest_testing.h"
#include "tests/testing.h"

namespace polygraph::ingest {
namespace {

using testing::ExpectInputError;
using testing::FacetOf;
using testing::Imported;
using testing::LoadCorpusSnapshot;
using testing::LoadSnapshot;

constexpr char kRouteTables[] = R"({"RouteTables": [{
  "RouteTableId": "rtb-1",
  "VpcId": "vpc-1",
  "Associations": [
    {"Main": true, "RouteTableId": "rtb-1"},
    {"Main": false, "RouteTableId": "rtb-1", "SubnetId": "subnet-1"},
    {"Main": false, "RouteTableId": "rtb-1", "SubnetId": "subnet-other"}
  ],
  "Routes": [
    {"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local"},
    {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-1"},
    {"DestinationIpv6CidrBlock": "::/0",
     "EgressOnlyInternetGatewayId": "eigw-1"},
    {"DestinationPrefixListId": "pl-1", "GatewayId": "vpce-1"},
    {"DestinationCidrBlock": "10.8.0.0/16", "NatGatewayId": "nat-1"},
    {"DestinationCidrBlock": "10.9.0.0/16", "InstanceId": "i-1",
     "NetworkInterfaceId": "eni-1", "State": "blackhole"},
    {"DestinationCidrBlock": "10.10.0.0/16",
     "VpcPeeringConnectionId": "pcx-1"},
    {"DestinationCidrBlock": "10.11.0.0/16", "TransitGatewayId": "tgw-1"}
  ]
}]})";

constexpr char kGateways[] = R"({"InternetGateways": [
  {"InternetGatewayId": "igw-1", "Attachments": [{"VpcId": "vpc-1"}]}
]})";

constexpr char kNatGateways[] = R"({"NatGateways": [
  {"NatGatewayId": "nat-1", "SubnetId": "subnet-1", "VpcId": "vpc-1",
   "ConnectivityType": "private"}
]})";

constexpr char kEndpoints[] = R"({"VpcEndpoints": [
  {"VpcEndpointId": "vpce-1", "VpcId": "vpc-1", "VpcEndpointType": "Gateway",
   "ServiceName": "com.amazonaws.us-east-1.s3", "RouteTableIds": ["rtb-1"]}
]})";

constexpr char kPrefixLists[] = R"({"PrefixLists": [
  {"PrefixListId": "pl-1", "Cidrs": ["52.216.0.0/15", "3.5.0.0/19"]},
  {"PrefixListId": "pl-2", "Entries": [{"Cidr": "2600:1f18::/40"}]}
]})";

const Route* RouteTo(const Imported& imported, std::string_view cidr) {
  for (const Route& route : imported.model.routes()) {
    if (route.destination_cidr == cidr) return &route;
  }
  return nullptr;
}

TEST(AwsApiRoutingTest, RouteTablesRoutesAndAssociations) {
  ASSERT_OK_AND_ASSIGN(
      Imported imported,
      LoadSnapshot(
          {{"RouteTables.json", kRouteTables},
           {"Subnets.json", R"({"Subnets": [{"SubnetId": "subnet-1"}]})"},
           {"Vpcs.json", R"({"Vpcs": [{"VpcId": "vpc-1"}]})"},
           {"InternetGateways.json", kGateways},
           {"NatGateways.json", kNatGateways},
           {"VpcEndpoints.json", kEndpoints},
           {"PrefixLists.json", kPrefixLists}}));
  const size_t table = imported.IndexOf("rtb-1");
  ASSERT_EQ(imported.model.route_tables().size(), 1u);
  EXPECT_TRUE(imported.model.route_tables()[0].main);
  EXPECT_EQ(imported.model.route_tables()[0].vpc, imported.IndexOf("vpc-1"));
  ASSERT_EQ(imported.model.route_table_associations().size(), 2u);
  const RouteTableAssociation& first =
      imported.model.route_table_associations()[0];
  EXPECT_EQ(first.route_table, table);
  EXPECT_EQ(first.subnet, imported.IndexOf("subnet-1"));
  EXPECT_EQ(first.location.line, 6);
  const RouteTableAssociation& other =
      imported.model.route_table_associations()[1];
  EXPECT_EQ(other.subnet, kNoResource);
  EXPECT_EQ(other.subnet_id, "subnet-other");

  ASSERT_EQ(imported.model.routes().size(), 8u);
  const Route* local = RouteTo(imported, "10.0.0.0/16");
  ASSERT_NE(local, nullptr);
  EXPECT_EQ(local->target_kind, RouteTargetKind::kLocal);
  EXPECT_EQ(local->route_table, table);
  EXPECT_EQ(local->location.line, 10);
  const Route* internet = RouteTo(imported, "0.0.0.0/0");
  ASSERT_NE(internet, nullptr);
  EXPECT_EQ(internet->target_kind, RouteTargetKind::kInternetGateway);
  EXPECT_EQ(internet->target, imported.IndexOf("igw-1"));
  const Route* ipv6 = RouteTo(imported, "::/0");
  ASSERT_NE(ipv6, nullptr);
  EXPECT_EQ(ipv6->target_kind, RouteTargetKind::kEgressOnlyInternetGateway);
  EXPECT_EQ(ipv6->target, kNoResource);
  EXPECT_EQ(ipv6->target_id, "eigw-1");
  const Route& endpoint = imported.model.routes()[3];
  EXPECT_EQ(endpoint.destination_cidr, "");
  EXPECT_EQ(endpoint.destination_prefix_list, imported.IndexOf("pl-1"));
  EXPECT_EQ(endpoint.destination_prefix_list_id, "pl-1");
  EXPECT_EQ(endpoint.target_kind, RouteTargetKind::kVpcEndpoint);
  EXPECT_EQ(endpoint.target, imported.IndexOf("vpce-1"));
  const Route* nat = RouteTo(imported, "10.8.0.0/16");
  ASSERT_NE(nat, nullptr);
  EXPECT_EQ(nat->target_kind, RouteTargetKind::kNatGateway);
  EXPECT_EQ(nat->target, imported.IndexOf("nat-1"));
  const Route* blackhole = RouteTo(imported, "10.9.0.0/16");
  ASSERT_NE(blackhole, nullptr);
  EXPECT_EQ(blackhole->target_kind, RouteTargetKind::kInstance);
  EXPECT_EQ(blackhole->target_id, "i-1");
  EXPECT_TRUE(blackhole->blackhole);
  EXPECT_FALSE(nat->blackhole);
  EXPECT_EQ(RouteTo(imported, "10.10.0.0/16")->target_kind,
            RouteTargetKind::kVpcPeering);
  EXPECT_EQ(RouteTo(imported, "10.11.0.0/16")->target_kind,
            RouteTargetKind::kTransitGateway);

  const Gateway* igw =
      FacetOf(imported.model.gateways(), imported.IndexOf("igw-1"));
  ASSERT_NE(igw, nullptr);
  EXPECT_EQ(igw->kind, GatewayKind::kInternetGateway);
  EXPECT_EQ(igw->vpc, imported.IndexOf("vpc-1"));
  const Gateway* nat_gateway =
      FacetOf(imported.model.gateways(), imported.IndexOf("nat-1"));
  ASSERT_NE(nat_gateway, nullptr);
  EXPECT_EQ(nat_gateway->kind, GatewayKind::kNatGateway);
  EXPECT_EQ(nat_gateway->subnet, imported.IndexOf("subnet-1"));
  EXPECT_TRUE(nat_gateway->private_nat);
  const Gateway* vpce =
      FacetOf(imported.model.gateways(), imported.IndexOf("vpce-1"));
  ASSERT_NE(vpce, nullptr);
  EXPECT_EQ(vpce->kind, GatewayKind::kVpcEndpoint);
  EXPECT_EQ(vpce->service_name, "com.amazonaws.us-east-1.s3");

  ASSERT_EQ(imported.model.prefix_lists().size(), 2u);
  const PrefixList* s3 =
      FacetOf(imported.model.prefix_lists(), imported.IndexOf("pl-1"));
  ASSERT_NE(s3, nullptr);
  EXPECT_EQ(s3->id, "pl-1");
  EXPECT_EQ(s3->cidrs,
            (std::vector<std::string>{"52.216.0.0/15", "3.5.0.0/19"}));
  const PrefixList* v6 =
      FacetOf(imported.model.prefix_lists(), imported.IndexOf("pl-2"));
  ASSERT_NE(v6, nullptr);
  EXPECT_EQ(v6->cidrs, (std::vector<std::string>{"2600:1f18::/40"}));
}

TEST(AwsApiRoutingTest, BadRoutesAreInputErrors) {
  absl::StatusOr<Imported> cidr =
      LoadSnapshot({{"RouteTables.json",
                     R"({"RouteTables": [{"RouteTableId": "rtb-1", "Routes": [
  {"DestinationCidrBlock": "10.0.0.0/33", "GatewayId": "local"}]}]})"}});
  ExpectInputError(cidr.status(), 2, 28, "DestinationCidrBlock");
  absl::StatusOr<Imported> main = LoadSnapshot(
      {{"RouteTables.json",
        R"({"RouteTables": [{"RouteTableId": "rtb-1", "Associations": [
  {"Main": "yes"}]}]})"}});
  ExpectInputError(main.status(), 2, 12, "Main must be true or false");
}

TEST(AwsApiRoutingTest, NatGatewayCorpus) {
  ASSERT_OK_AND_ASSIGN(
      Imported imported,
      LoadCorpusSnapshot("aws-api/batfish/test-nat-gateway/aws_configs"));
  ASSERT_EQ(imported.model.route_tables().size(), 3u);
  EXPECT_EQ(imported.model.routes().size(), 5u);
  const size_t nat = imported.IndexOf("nat-07ab4846da51f4612");
  const size_t igw = imported.IndexOf("igw-071753b9c23d8a9b2");
  ASSERT_NE(nat, kNoResource);
  ASSERT_NE(igw, kNoResource);
  int nat_routes = 0;
  int igw_routes = 0;
  for (const Route& route : imported.model.routes()) {
    if (route.target_kind == RouteTargetKind::kNatGateway) {
      ++nat_routes;
      EXPECT_EQ(route.target, nat);
      EXPECT_EQ(route.route_table, imported.IndexOf("rtb-02fe228b42de92a7c"));
      EXPECT_EQ(route.destination_cidr, "0.0.0.0/0");
    }
    if (route.target_kind == RouteTargetKind::kInternetGateway) {
      ++igw_routes;
      EXPECT_EQ(route.target, igw);
      EXPECT_EQ(route.route_table, imported.IndexOf("rtb-0ddf14681733ed0b7"));
    }
  }
  EXPECT_EQ(nat_routes, 1);
  EXPECT_EQ(igw_routes, 1);
  const RouteTable* main = FacetOf(imported.model.route_tables(),
                                   imported.IndexOf("rtb-0e169c4a1e0b27b55"));
  ASSERT_NE(main, nullptr);
  EXPECT_TRUE(main->main);
  EXPECT_EQ(imported.model.route_table_associations().size(), 2u);
  const Gateway* nat_gateway = FacetOf(imported.model.gateways(), nat);
  ASSERT_NE(nat_gateway, nullptr);
  EXPECT_EQ(nat_gateway->subnet, imported.IndexOf("subnet-0428892a357fa1f94"));
  EXPECT_FALSE(nat_gateway->private_nat);
  const Gateway* internet = FacetOf(imported.model.gateways(), igw);
  ASSERT_NE(internet, nullptr);
  EXPECT_EQ(internet->vpc, imported.IndexOf("vpc-0008a7b45e3ddf1dd"));
}

TEST(AwsApiRoutingTest, VpcEndpointGatewayCorpus) {
  ASSERT_OK_AND_ASSIGN(
      Imported imported,
      LoadCorpusSnapshot(
          "aws-api/batfish/test-vpc-endpoint-gateway/aws_configs/us-east-1"));
  int endpoint_routes = 0;
  for (const Route& route : imported.model.routes()) {
    if (route.target_kind != RouteTargetKind::kVpcEndpoint) continue;
    ++endpoint_routes;
    EXPECT_FALSE(route.destination_prefix_list_id.empty());
    EXPECT_NE(route.target, kNoResource) << route.target_id;
  }
  EXPECT_GT(endpoint_routes, 0);
}

TEST(AwsApiRoutingTest, PeeringAndTransitGatewayCorpus) {
  ASSERT_OK_AND_ASSIGN(
      Imported peering,
      LoadCorpusSnapshot("aws-api/batfish/test-vpc-peering/aws_configs"));
  int peering_routes = 0;
  for (const Route& route : peering.model.routes()) {
    if (route.target_kind != RouteTargetKind::kVpcPeering) continue;
    ++peering_routes;
    ASSERT_NE(route.target, kNoResource) << route.target_id;
    EXPECT_EQ(peering.model.resources()[route.target].name, route.target_id);
    const Gateway* gateway = FacetOf(peering.model.gateways(), route.target);
    ASSERT_NE(gateway, nullptr);
    EXPECT_EQ(gateway->kind, GatewayKind::kVpcPeering);
    EXPECT_NE(gateway->vpc, kNoResource);
  }
  EXPECT_EQ(peering_routes, 4);

  ASSERT_OK_AND_ASSIGN(
      Imported transit,
      LoadCorpusSnapshot("aws-api/batfish/test-transit-gateway/aws_configs"));
  const size_t tgw = transit.IndexOf("tgw-044be4464fcc69aff");
  ASSERT_NE(tgw, kNoResource);
  int transit_routes = 0;
  for (const Route& route : transit.model.routes()) {
    if (route.target_kind != RouteTargetKind::kTransitGateway) continue;
    ++transit_routes;
    EXPECT_EQ(route.target, tgw);
  }
  EXPECT_EQ(transit_routes, 2);
  const Gateway* gateway = FacetOf(transit.model.gateways(), tgw);
  ASSERT_NE(gateway, nullptr);
  EXPECT_EQ(gateway->kind, GatewayKind::kTransitGateway);
}

}  // namespace
}  // namespace polygraph::ingest
