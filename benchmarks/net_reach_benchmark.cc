// Benchmarks for lib/net's exact reachability over a generated network:
// at 100% 1,000 subnets, 2,000 security groups with 50,000 rules, 500
// network ACLs with 20,000 entries and 10,000 workloads (targets of
// "Network: exact reachability": the whole ExposedToInternet report under
// 1 s, a single Reach under 1 ms, on one core). Each benchmark runs at 50%,
// 100% and 200% of that size to show growth; `peak_rss_MB` is the process's
// peak resident set (getrusage ru_maxrss) after the run. Inputs come from a
// fixed seed.
#include <sys/resource.h>

#include <cstdint>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "benchmark/benchmark.h"
#include "polygraph/model.h"
#include "polygraph/port_range.h"
#include "polygraph/reachability.h"

namespace polygraph::net {
namespace {

struct Size {
  int subnets;
  int groups;
  int rules;
  int acls;
  int acl_entries;
  int workloads;
};

Size SizeAt(int percent) {
  return {.subnets = 1000 * percent / 100,
          .groups = 2000 * percent / 100,
          .rules = 50000 * percent / 100,
          .acls = 500 * percent / 100,
          .acl_entries = 20000 * percent / 100,
          .workloads = 10000 * percent / 100};
}

size_t AddResource(ModelBuilder& builder, std::string name, ResourceKind kind,
                   int line) {
  Resource resource;
  resource.name = std::move(name);
  resource.kind = kind;
  resource.format = SourceFormat::kTerraform;
  resource.location = {"net.tf", line, 1};
  return builder.AddResource(std::move(resource));
}

std::string RandomCidr(std::mt19937& rng) {
  // Mostly inside the VPC, some on the internet, a few /0.
  uint32_t pick = rng() % 10;
  if (pick == 0) return "0.0.0.0/0";
  int prefix = 16 + static_cast<int>(rng() % 17);
  uint32_t address = pick < 7 ? (10u << 24) | (rng() & 0x000fffffu) : rng();
  if (prefix < 32) address &= ~((1u << (32 - prefix)) - 1);
  return absl::StrCat((address >> 24) & 255, ".", (address >> 16) & 255, ".",
                      (address >> 8) & 255, ".", address & 255, "/", prefix);
}

// One VPC 10.0.0.0/12; subnet i is 10.(i/256).(i%256).0/24, even subnets
// public (a route table to the internet gateway), odd ones private (to a
// NAT gateway); one route table per 10 subnets, one ACL per 2 subnets.
// Groups have rules/groups rules each, 80% ingress (tcp port ranges from
// CIDRs or peer groups), the rest egress; a third keep AWS's default
// egress. Workloads sit in 1-2 subnets with 1-3 groups; 10% have a public
// IP, 5% are internet-facing load balancers with a listener on 443.
std::unique_ptr<Model> Generate(const Size& size) {
  std::mt19937 rng(20261127);
  ModelBuilder builder;
  int line = 0;
  size_t vpc = AddResource(builder, "aws_vpc.main", ResourceKind::kVpc, ++line);
  builder.AddNetworkBlock({.resource = vpc,
                           .vpc = vpc,
                           .subnet = false,
                           .cidr = "10.0.0.0/12",
                           .availability_zone = "",
                           .location = {"net.tf", line, 1}});
  size_t igw = AddResource(builder, "aws_internet_gateway.main",
                           ResourceKind::kInternetGateway, ++line);
  builder.AddGateway({.resource = igw,
                      .kind = GatewayKind::kInternetGateway,
                      .vpc = vpc,
                      .subnet = kNoResource,
                      .private_nat = false,
                      .service_name = "",
                      .location = {"net.tf", line, 1}});
  std::vector<size_t> subnets;
  for (int i = 0; i < size.subnets; ++i) {
    size_t subnet = AddResource(builder, absl::StrCat("aws_subnet.s", i),
                                ResourceKind::kSubnet, ++line);
    Subnet value;
    value.resource = subnet;
    value.vpc = vpc;
    value.ipv4_cidr = absl::StrCat("10.", i / 256, ".", i % 256, ".0/24");
    value.map_public_ip_on_launch.value = i % 2 == 0;
    value.map_public_ip_on_launch.set = true;
    value.location = {"net.tf", line, 1};
    builder.AddSubnet(std::move(value));
    subnets.push_back(subnet);
  }
  size_t nat = AddResource(builder, "aws_nat_gateway.main",
                           ResourceKind::kNatGateway, ++line);
  builder.AddGateway({.resource = nat,
                      .kind = GatewayKind::kNatGateway,
                      .vpc = vpc,
                      .subnet = subnets.front(),
                      .private_nat = false,
                      .service_name = "",
                      .location = {"net.tf", line, 1}});
  for (int t = 0; t * 10 < size.subnets; ++t) {
    for (int parity = 0; parity < 2; ++parity) {
      size_t table = AddResource(
          builder, absl::StrCat("aws_route_table.t", t, "_", parity),
          ResourceKind::kRouteTable, ++line);
      builder.AddRouteTable({.resource = table,
                             .vpc = vpc,
                             .vpc_id = "",
                             .main = false,
                             .location = {"net.tf", line, 1}});
      builder.AddRoute({.route_table = table,
                        .destination_cidr = "0.0.0.0/0",
                        .destination_prefix_list = kNoResource,
                        .destination_prefix_list_id = "",
                        .target_kind = parity == 0
                                           ? RouteTargetKind::kInternetGateway
                                           : RouteTargetKind::kNatGateway,
                        .target = parity == 0 ? igw : nat,
                        .target_id = "",
                        .blackhole = false,
                        .location = {"net.tf", line, 1}});
      for (int i = t * 10 + parity; i < std::min(size.subnets, t * 10 + 10);
           i += 2) {
        builder.AddRouteTableAssociation({.route_table = table,
                                          .subnet = subnets[i],
                                          .subnet_id = "",
                                          .location = {"net.tf", line, 1}});
      }
    }
  }
  const int entries_per_acl = size.acl_entries / size.acls;
  for (int a = 0; a < size.acls; ++a) {
    size_t acl = AddResource(builder, absl::StrCat("aws_network_acl.a", a),
                             ResourceKind::kNetworkAcl, ++line);
    builder.AddNetworkAcl({.resource = acl,
                           .vpc = vpc,
                           .vpc_id = "",
                           .is_default = false,
                           .location = {"net.tf", line, 1}});
    for (int e = 0; e < entries_per_acl; ++e) {
      const bool egress = e % 2 == 1;
      const bool last = e >= entries_per_acl - 2;
      int from = static_cast<int>(rng() % 60000);
      builder.AddNetworkAclEntry(
          {.network_acl = acl,
           .rule_number = last ? 32000 : 100 + e * 10,
           .egress = egress,
           .protocol = last ? "-1" : "tcp",
           .from_port = last ? -1 : from,
           .to_port = last ? -1 : from + static_cast<int>(rng() % 2000),
           .cidr = last ? "0.0.0.0/0" : RandomCidr(rng),
           .allow = last || rng() % 4 != 0,
           .location = {"net.tf", ++line, 1}});
    }
    for (int s = 2 * a; s < std::min(size.subnets, 2 * a + 2); ++s) {
      builder.AddNetworkAclAssociation({.network_acl = acl,
                                        .subnet = subnets[s],
                                        .subnet_id = "",
                                        .location = {"net.tf", line, 1}});
    }
  }
  std::vector<size_t> groups;
  for (int g = 0; g < size.groups; ++g) {
    groups.push_back(AddResource(builder,
                                 absl::StrCat("aws_security_group.g", g),
                                 ResourceKind::kSecurityGroup, ++line));
  }
  const int rules_per_group = size.rules / size.groups;
  for (int g = 0; g < size.groups; ++g) {
    const bool default_egress = g % 3 == 0;
    builder.AddSecurityGroup({.resource = groups[g],
                              .vpc = vpc,
                              .vpc_id = "",
                              .default_egress = default_egress,
                              .location = {"net.tf", ++line, 1}});
    for (int r = 0; r < rules_per_group; ++r) {
      SecurityGroupRule rule;
      rule.group = groups[g];
      rule.ingress = r % 5 != 4;
      rule.protocol = rng() % 10 == 0 ? "udp" : "tcp";
      rule.from_port = static_cast<int>(rng() % 10 == 0 ? 443 : rng() % 60000);
      rule.to_port =
          rule.from_port + static_cast<int>(rng() % 3 == 0 ? 100 : 0);
      if (rng() % 2 == 0) {
        rule.peer_group = groups[rng() % groups.size()];
      } else {
        rule.cidr = RandomCidr(rng);
      }
      if (default_egress && r == rules_per_group - 1) {
        rule.ingress = false;
        rule.protocol = "-1";
        rule.from_port = rule.to_port = -1;
        rule.cidr = "0.0.0.0/0";
        rule.peer_group = kNoResource;
        rule.implicit_default = true;
      }
      rule.location = {"net.tf", ++line, 1};
      builder.AddSecurityGroupRule(std::move(rule));
    }
  }
  for (int w = 0; w < size.workloads; ++w) {
    const bool lb = w % 20 == 0;
    size_t resource = AddResource(
        builder, absl::StrCat(lb ? "aws_lb.w" : "aws_instance.w", w),
        lb ? ResourceKind::kLoadBalancer : ResourceKind::kInstance, ++line);
    Workload workload;
    workload.resource = resource;
    workload.kind = lb ? WorkloadKind::kLoadBalancer : WorkloadKind::kInstance;
    int first = static_cast<int>(rng() % subnets.size());
    workload.subnets.push_back(subnets[first]);
    if (lb || rng() % 4 == 0) {
      workload.subnets.push_back(subnets[(first + 2) % subnets.size()]);
    }
    int count = 1 + static_cast<int>(rng() % 3);
    for (int k = 0; k < count; ++k) {
      workload.security_groups.push_back(groups[rng() % groups.size()]);
    }
    workload.public_ip.value = lb || w % 10 == 1;
    workload.public_ip.set = true;
    if (lb) {
      workload.listeners.push_back(
          {.protocol = "tcp", .port = 443, .location = {"net.tf", line, 1}});
    }
    workload.location = {"net.tf", line, 1};
    builder.AddWorkload(std::move(workload));
  }
  return std::make_unique<Model>(std::move(builder).Build());
}

const Model& ModelAt(int percent) {
  static auto* const kModels = new std::map<int, std::unique_ptr<Model>>();
  std::unique_ptr<Model>& model = (*kModels)[percent];
  if (model == nullptr) model = Generate(SizeAt(percent));
  return *model;
}

// With `return_path` false, replies are not checked (no ephemeral ports):
// the breakdown that tells the return path's share.
const Network& NetworkAt(int percent, bool return_path = true) {
  static auto* const kNetworks =
      new std::map<std::pair<int, bool>, std::unique_ptr<Network>>();
  std::unique_ptr<Network>& network = (*kNetworks)[{percent, return_path}];
  if (network == nullptr) {
    ReachOptions options;
    if (!return_path) options.ephemeral_ports = ip::PortSet::None();
    network =
        std::make_unique<Network>(*Network::Build(ModelAt(percent), options));
  }
  return *network;
}

void ReportMemory(benchmark::State& state) {
  struct rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  state.counters["peak_rss_MB"] = static_cast<double>(usage.ru_maxrss) / 1024;
}

void BM_Build(benchmark::State& state) {
  const Model& model = ModelAt(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    absl::StatusOr<Network> network = Network::Build(model);
    benchmark::DoNotOptimize(network);
  }
  state.SetItemsProcessed(state.iterations() *
                          static_cast<int64_t>(model.workloads().size()));
  ReportMemory(state);
}

void BM_ExposedToInternet(benchmark::State& state) {
  const Network& network =
      NetworkAt(static_cast<int>(state.range(0)), state.range(1) == 1);
  size_t exposed = 0;
  for (auto _ : state) {
    std::vector<Exposure> exposures = network.ExposedToInternet();
    exposed = exposures.size();
    benchmark::DoNotOptimize(exposures);
  }
  state.counters["exposed"] = static_cast<double>(exposed);
  state.SetItemsProcessed(
      state.iterations() *
      static_cast<int64_t>(
          ModelAt(static_cast<int>(state.range(0))).workloads().size()));
  ReportMemory(state);
}

// A single question: from the internet to one public load balancer
// (workload 0), and between two instances (workloads 1 and 3).
void BM_Reach(benchmark::State& state) {
  const int percent = static_cast<int>(state.range(0));
  const bool internet = state.range(1) == 0;
  const Model& model = ModelAt(percent);
  const Network& network = NetworkAt(percent, state.range(2) == 1);
  const Endpoint from = internet
                            ? Endpoint::Internet()
                            : Endpoint::Resource(model.workloads()[1].resource);
  const Endpoint to =
      Endpoint::Resource(model.workloads()[internet ? 0 : 3].resource);
  for (auto _ : state) {
    ReachResult result = network.Reach(from, to);
    benchmark::DoNotOptimize(result);
  }
  ReportMemory(state);
}

BENCHMARK(BM_Build)->Arg(50)->Arg(100)->Arg(200)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ExposedToInternet)
    ->ArgsProduct({{50, 100, 200}, {1, 0}})
    ->ArgNames({"percent", "return_path"})
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Reach)
    ->ArgsProduct({{50, 100, 200}, {0, 1}, {1, 0}})
    ->ArgNames({"percent", "between", "return_path"})
    ->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace polygraph::net

BENCHMARK_MAIN();
