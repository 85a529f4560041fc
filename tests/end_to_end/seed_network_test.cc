// The guide's network (examples/seed/terraform/vpc.tf, aurora.tf,
// supporting.tf) built through the C++ API, as the Terraform front-end will
// build it: a VPC with three public and three private subnets, the security
// group chain ALB -> app -> Aurora written with ingress rules only (so, in
// Terraform, without any egress), an internet-facing ALB, an ECS service and
// an Aurora cluster. As written, PG-NET-002 reports both links of the chain;
// the corrected copy (the egress rules added) exposes only the ALB on 443.
//
// Locations point at the lines of the .tf files, found by searching their
// text. The guide does not write the internet gateway, NAT gateway, route
// tables, the ALB's listener, the ECS service nor the egress rules of the
// corrected copy; those have unknown locations. vpc.tf's `db` group, which
// no workload uses (the cluster uses supporting.tf's `aurora`), is left
// out.

#include <fstream>
#include <sstream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "polygraph/address_set.h"
#include "polygraph/model.h"
#include "polygraph/packet_set.h"
#include "polygraph/reachability.h"
#include "tests/rules/rules_testing.h"
#include "tests/testing.h"

namespace polygraph::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

constexpr char kVpcTf[] = "examples/seed/terraform/vpc.tf";
constexpr char kAuroraTf[] = "examples/seed/terraform/aurora.tf";
constexpr char kSupportingTf[] = "examples/seed/terraform/supporting.tf";

// The location of the first line of `file` containing `needle` after the
// first line containing `after` (from the top when empty), at its first
// non-blank column. Fails the test when not found.
SourceLocation Locate(const std::string& file, const std::string& needle,
                      const std::string& after = "") {
  std::ifstream in(SourcePath(file));
  std::string line;
  int number = 0;
  bool armed = after.empty();
  while (std::getline(in, line)) {
    ++number;
    if (!armed) {
      armed = line.find(after) != std::string::npos;
      continue;
    }
    if (line.find(needle) != std::string::npos) {
      return {file, number, static_cast<int>(line.find_first_not_of(' ')) + 1};
    }
  }
  ADD_FAILURE() << needle << " not found in " << file;
  return {};
}

ip::AddressSet Addresses(const std::vector<std::string>& cidrs) {
  ip::AddressSet set;
  for (const std::string& cidr : cidrs) set.Add(*ip::AddressSet::Parse(cidr));
  return set;
}

ip::PacketSet Tcp(const ip::AddressSet& from, const ip::AddressSet& to,
                  int port) {
  return ip::PacketSet::Of(ip::ProtocolSet::Of({ip::Protocol::Tcp()}), from, to,
                           ip::PortSet::Of(ip::PortRange::Single(port)));
}

const std::vector<std::string> kPublic = {"10.0.0.0/24", "10.0.1.0/24",
                                          "10.0.2.0/24"};
const std::vector<std::string> kPrivate = {"10.0.10.0/24", "10.0.11.0/24",
                                           "10.0.12.0/24"};

struct Seed {
  Model model;
  size_t alb_group = kNoResource;
  size_t app_group = kNoResource;
  size_t aurora_group = kNoResource;
  size_t alb = kNoResource;  // the load balancer resource
  size_t app = kNoResource;  // the ECS service resource
  size_t aurora = kNoResource;
  SourceLocation alb_group_location;
  SourceLocation app_group_location;
};

size_t AddResource(ModelBuilder& builder, std::string name, ResourceKind kind,
                   std::string type, SourceLocation location) {
  Resource resource;
  resource.name = std::move(name);
  resource.type = std::move(type);
  resource.kind = kind;
  resource.format = SourceFormat::kTerraform;
  resource.location = std::move(location);
  return builder.AddResource(std::move(resource));
}

SecurityGroupRule PeerRule(size_t group, bool ingress, int port, size_t peer,
                           SourceLocation at, SourceLocation peer_at) {
  SecurityGroupRule rule;
  rule.group = group;
  rule.ingress = ingress;
  rule.protocol = "tcp";
  rule.from_port = port;
  rule.to_port = port;
  rule.peer_group = peer;
  rule.location = std::move(at);
  rule.cidr_location = std::move(peer_at);
  return rule;
}

// The seed as the guide writes it; `corrected` adds the egress rules.
Seed BuildSeed(bool corrected) {
  ModelBuilder builder;
  for (const char* file : {kVpcTf, kAuroraTf, kSupportingTf}) {
    builder.AddFile(file);
  }
  Seed seed;
  size_t vpc =
      AddResource(builder, "aws_vpc.main", ResourceKind::kVpc, "aws_vpc",
                  Locate(kVpcTf, "resource \"aws_vpc\" \"main\""));
  builder.AddNetworkBlock(
      {.resource = vpc,
       .vpc = vpc,
       .subnet = false,
       .cidr = "10.0.0.0/16",
       .availability_zone = "",
       .location = Locate(kVpcTf, "cidr_block           = \"10.0.0.0/16\"")});
  size_t igw =
      AddResource(builder, "aws_internet_gateway.main",
                  ResourceKind::kInternetGateway, "aws_internet_gateway", {});
  builder.AddGateway({.resource = igw,
                      .kind = GatewayKind::kInternetGateway,
                      .vpc = vpc,
                      .subnet = kNoResource,
                      .private_nat = false,
                      .service_name = "",
                      .location = {}});

  std::vector<size_t> public_subnets;
  std::vector<size_t> private_subnets;
  for (bool is_public : {true, false}) {
    const char* tier = is_public ? "public" : "private";
    const std::string declaration =
        absl::StrCat("resource \"aws_subnet\" \"", tier, "\"");
    SourceLocation at = Locate(kVpcTf, declaration);
    SourceLocation cidr_at = Locate(kVpcTf, "cidr_block", declaration);
    for (int i = 0; i < 3; ++i) {
      size_t subnet =
          AddResource(builder, absl::StrCat("aws_subnet.", tier, "[", i, "]"),
                      ResourceKind::kSubnet, "aws_subnet", at);
      Subnet value;
      value.resource = subnet;
      value.vpc = vpc;
      value.ipv4_cidr = (is_public ? kPublic : kPrivate)[i];
      value.location = at;
      if (is_public) {
        value.map_public_ip_on_launch = {
            .value = true,
            .set = true,
            .location = Locate(kVpcTf, "map_public_ip_on_launch = true")};
      }
      builder.AddSubnet(value);
      builder.AddNetworkBlock({.resource = subnet,
                               .vpc = vpc,
                               .subnet = true,
                               .cidr = value.ipv4_cidr,
                               .availability_zone = "",
                               .location = cidr_at});
      (is_public ? public_subnets : private_subnets).push_back(subnet);
    }
  }

  size_t nat = AddResource(builder, "aws_nat_gateway.main",
                           ResourceKind::kNatGateway, "aws_nat_gateway", {});
  builder.AddGateway({.resource = nat,
                      .kind = GatewayKind::kNatGateway,
                      .vpc = vpc,
                      .subnet = public_subnets[0],
                      .private_nat = false,
                      .service_name = "",
                      .location = {}});
  for (bool is_public : {true, false}) {
    size_t table = AddResource(
        builder,
        absl::StrCat("aws_route_table.", is_public ? "public" : "private"),
        ResourceKind::kRouteTable, "aws_route_table", {});
    builder.AddRouteTable({.resource = table,
                           .vpc = vpc,
                           .vpc_id = "",
                           .main = false,
                           .location = {}});
    builder.AddRoute({.route_table = table,
                      .destination_cidr = "0.0.0.0/0",
                      .destination_prefix_list = kNoResource,
                      .destination_prefix_list_id = "",
                      .target_kind = is_public
                                         ? RouteTargetKind::kInternetGateway
                                         : RouteTargetKind::kNatGateway,
                      .target = is_public ? igw : nat,
                      .target_id = "",
                      .blackhole = false,
                      .location = {}});
    for (size_t subnet : is_public ? public_subnets : private_subnets) {
      builder.AddRouteTableAssociation({.route_table = table,
                                        .subnet = subnet,
                                        .subnet_id = "",
                                        .location = {}});
    }
  }

  // Terraform: no egress block, so no egress at all (default_egress false,
  // no implicit rule).
  auto add_group = [&](const char* file, const char* name) {
    const std::string declaration =
        absl::StrCat("resource \"aws_security_group\" \"", name, "\"");
    SourceLocation at = Locate(file, declaration);
    size_t group =
        AddResource(builder, absl::StrCat("aws_security_group.", name),
                    ResourceKind::kSecurityGroup, "aws_security_group", at);
    builder.AddSecurityGroup({.resource = group,
                              .vpc = vpc,
                              .vpc_id = "",
                              .default_egress = false,
                              .location = at});
    return std::make_pair(group, at);
  };
  std::tie(seed.alb_group, seed.alb_group_location) = add_group(kVpcTf, "alb");
  std::tie(seed.app_group, seed.app_group_location) = add_group(kVpcTf, "app");
  seed.aurora_group = add_group(kSupportingTf, "aurora").first;

  const std::string alb_decl = "resource \"aws_security_group\" \"alb\"";
  SecurityGroupRule https;
  https.group = seed.alb_group;
  https.ingress = true;
  https.protocol = "tcp";
  https.from_port = 443;
  https.to_port = 443;
  https.cidr = "0.0.0.0/0";
  https.location = Locate(kVpcTf, "ingress {", alb_decl);
  https.cidr_location = Locate(kVpcTf, "cidr_blocks", alb_decl);
  builder.AddSecurityGroupRule(https);
  const std::string app_decl = "resource \"aws_security_group\" \"app\"";
  builder.AddSecurityGroupRule(PeerRule(
      seed.app_group, /*ingress=*/true, 3000, seed.alb_group,
      Locate(kVpcTf, "ingress {", app_decl),
      Locate(kVpcTf, "security_groups = [aws_security_group.alb.id]")));
  const std::string aurora_decl = "resource \"aws_security_group\" \"aurora\"";
  builder.AddSecurityGroupRule(PeerRule(
      seed.aurora_group, /*ingress=*/true, 3306, seed.app_group,
      Locate(kSupportingTf, "ingress {", aurora_decl),
      Locate(kSupportingTf, "security_groups = [aws_security_group.app.id]",
             aurora_decl)));
  if (corrected) {
    builder.AddSecurityGroupRule(PeerRule(seed.alb_group, /*ingress=*/false,
                                          3000, seed.app_group, {}, {}));
    builder.AddSecurityGroupRule(PeerRule(seed.app_group, /*ingress=*/false,
                                          3306, seed.aurora_group, {}, {}));
    SecurityGroupRule nat_egress = https;
    nat_egress.group = seed.app_group;
    nat_egress.ingress = false;
    nat_egress.location = {};
    nat_egress.cidr_location = {};
    builder.AddSecurityGroupRule(nat_egress);
  }

  // The ALB (internet-facing: aws_lb's `internal` defaults to false).
  SourceLocation lb_at = Locate(kSupportingTf, "resource \"aws_lb\" \"main\"");
  seed.alb = AddResource(builder, "aws_lb.main", ResourceKind::kLoadBalancer,
                         "aws_lb", lb_at);
  Workload lb;
  lb.resource = seed.alb;
  lb.kind = WorkloadKind::kLoadBalancer;
  lb.subnets = public_subnets;
  lb.security_groups = {seed.alb_group};
  lb.public_ip = {.value = true, .set = true, .location = lb_at};
  lb.listeners.push_back({.protocol = "tcp", .port = 443, .location = {}});
  lb.location = lb_at;
  builder.AddWorkload(lb);

  seed.app = AddResource(builder, "aws_ecs_service.app",
                         ResourceKind::kEcsService, "aws_ecs_service", {});
  Workload service;
  service.resource = seed.app;
  service.kind = WorkloadKind::kEcsService;
  service.subnets = private_subnets;
  service.security_groups = {seed.app_group};
  service.public_ip = {.value = false, .set = true, .location = {}};
  builder.AddWorkload(service);

  SourceLocation cluster_at =
      Locate(kAuroraTf, "resource \"aws_rds_cluster\" \"aurora\"");
  seed.aurora =
      AddResource(builder, "aws_rds_cluster.aurora", ResourceKind::kDbCluster,
                  "aws_rds_cluster", cluster_at);
  Workload cluster;
  cluster.resource = seed.aurora;
  cluster.kind = WorkloadKind::kDbCluster;
  cluster.subnets = private_subnets;  // aws_db_subnet_group.private
  cluster.security_groups = {seed.aurora_group};
  cluster.listeners.push_back(
      {.protocol = "tcp",
       .port = 3306,
       .location = Locate(kAuroraTf, "engine                 = ")});
  cluster.location = cluster_at;
  builder.AddWorkload(cluster);

  seed.model = std::move(builder).Build();
  return seed;
}

bool SamePackets(const ip::PacketSet& a, const ip::PacketSet& b) {
  return a.IsSubsetOf(b) && b.IsSubsetOf(a);
}

TEST(SeedNetworkTest, LocationsAreTheGuidesLines) {
  Seed seed = BuildSeed(/*corrected=*/false);
  EXPECT_EQ(seed.alb_group_location, (SourceLocation{kVpcTf, 27, 1}));
  EXPECT_EQ(seed.app_group_location, (SourceLocation{kVpcTf, 37, 1}));
}

TEST(SeedNetworkTest, AsWrittenNoPeerCanSend) {
  Seed seed = BuildSeed(/*corrected=*/false);
  std::vector<Finding> findings = RunRule("PG-NET-002", seed.model);
  ASSERT_THAT(findings, SizeIs(2));
  // Sorted by place: both groups are in vpc.tf, alb first.
  EXPECT_EQ(findings[0].location, seed.alb_group_location);
  EXPECT_EQ(findings[0].resource, "aws_security_group.alb");
  EXPECT_EQ(findings[0].message,
            "security group aws_security_group.alb has no egress rule, so "
            "load balancer aws_lb.main cannot open connections to "
            "aws_security_group.app on tcp/3000");
  EXPECT_EQ(findings[0].fix,
            "add to aws_security_group.alb: egress { from_port = 3000; "
            "to_port = 3000; protocol = \"tcp\"; security_groups = "
            "[aws_security_group.app.id] }");
  EXPECT_EQ(findings[1].location, seed.app_group_location);
  EXPECT_EQ(findings[1].message,
            "security group aws_security_group.app has no egress rule, so "
            "ecs service aws_ecs_service.app cannot open connections to "
            "aws_security_group.aurora on tcp/3306");
  EXPECT_THAT(findings[1].fix,
              HasSubstr("security_groups = [aws_security_group.aurora.id]"));

  ASSERT_OK_AND_ASSIGN(net::Network network, net::Network::Build(seed.model));
  net::ReachResult reach = network.Reach(net::Endpoint::Resource(seed.alb),
                                         net::Endpoint::Resource(seed.app));
  EXPECT_TRUE(reach.reachable.empty());
  // One stopped part per pair of subnets, each by alb's egress.
  ASSERT_THAT(reach.stopped, SizeIs(9));
  ip::PacketSet stopped;
  for (const net::Stopped& part : reach.stopped) {
    EXPECT_EQ(part.stopped_by.kind, net::Step::Kind::kSecurityGroupEgress);
    EXPECT_EQ(part.stopped_by.resource, seed.alb_group);
    EXPECT_EQ(part.stopped_by.rule, "no security group rule allows it");
    stopped.Add(part.packets);
  }
  EXPECT_TRUE(
      Tcp(Addresses(kPublic), Addresses(kPrivate), 3000).IsSubsetOf(stopped));
}

TEST(SeedNetworkTest, CorrectedExposesOnlyTheAlbOnHttps) {
  Seed seed = BuildSeed(/*corrected=*/true);
  EXPECT_THAT(RunRule("PG-NET-002", seed.model), IsEmpty());
  ASSERT_OK_AND_ASSIGN(net::Network network, net::Network::Build(seed.model));
  EXPECT_THAT(network.diagnostics(), IsEmpty());
  const ip::AddressSet internet =
      ip::AddressSet::All().Subtract(Addresses({"10.0.0.0/16"}));

  std::vector<net::Exposure> exposed = network.ExposedToInternet();
  ASSERT_THAT(exposed, SizeIs(1));
  EXPECT_EQ(seed.model.workloads()[exposed[0].workload].resource, seed.alb);
  EXPECT_TRUE(SamePackets(exposed[0].reach.reachable,
                          Tcp(internet, Addresses(kPublic), 443)))
      << exposed[0].reach.reachable;

  // Without the listener restriction, the ALB still admits only 443.
  net::ReachResult to_alb = network.Reach(net::Endpoint::Internet(),
                                          net::Endpoint::Resource(seed.alb));
  EXPECT_TRUE(
      SamePackets(to_alb.reachable, Tcp(internet, Addresses(kPublic), 443)))
      << to_alb.reachable;

  for (size_t private_workload : {seed.app, seed.aurora}) {
    EXPECT_TRUE(network
                    .Reach(net::Endpoint::Internet(),
                           net::Endpoint::Resource(private_workload))
                    .reachable.empty());
  }
  net::ReachResult alb_to_app = network.Reach(
      net::Endpoint::Resource(seed.alb), net::Endpoint::Resource(seed.app));
  EXPECT_TRUE(SamePackets(alb_to_app.reachable,
                          Tcp(Addresses(kPublic), Addresses(kPrivate), 3000)))
      << alb_to_app.reachable;
  net::ReachResult app_to_db = network.Reach(
      net::Endpoint::Resource(seed.app), net::Endpoint::Resource(seed.aurora));
  EXPECT_TRUE(SamePackets(app_to_db.reachable,
                          Tcp(Addresses(kPrivate), Addresses(kPrivate), 3306)))
      << app_to_db.reachable;
  // Aurora only from the app tier: not from the ALB, not by its group.
  EXPECT_TRUE(network
                  .Reach(net::Endpoint::Resource(seed.alb),
                         net::Endpoint::Resource(seed.aurora))
                  .reachable.empty());
  EXPECT_TRUE(network
                  .Reach(net::Endpoint::Resource(seed.alb_group),
                         net::Endpoint::Resource(seed.aurora_group))
                  .reachable.empty());
  // From any address in the VPC that is not the app tier: nothing.
  EXPECT_TRUE(network
                  .Reach(net::Endpoint::Cidr("10.0.0.0/16"),
                         net::Endpoint::Resource(seed.aurora))
                  .reachable.empty());
}

}  // namespace
}  // namespace polygraph::testing
