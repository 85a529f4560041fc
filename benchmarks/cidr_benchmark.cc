// Benchmarks for lib/cidr's address plans: the overlap sweep over 10,000
// VPCs and 200,000 subnets (the target of "CIDR plans": under 100 ms on one
// core), the whole AnalysePlan over the same synthetic model, and a
// pairwise baseline for the sweep. Inputs come from fixed seeds.
#include <cstdint>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "benchmark/benchmark.h"
#include "cidr/plan_internal.h"
#include "polygraph/cidr.h"
#include "polygraph/cidr_plan.h"
#include "polygraph/ip_address.h"
#include "polygraph/model.h"

namespace polygraph::cidr {
namespace {

using internal::SweepBlock;

constexpr int kVpcs = 10000;
constexpr int kSubnetsPerVpc = 20;  // 200,000 subnets

// Messy: VPC v is a random /16 (some collide: 10,000 of 65,536) in file
// v / 100; its subnets are random /24s inside it (some collide too), in 3
// zones. Clean: distinct /16s and distinct /24s, so no problem at all.
struct Synthetic {
  std::vector<ip::Cidr> vpcs;
  std::vector<std::vector<ip::Cidr>> subnets;
};

Synthetic* Generate(bool messy) {
  auto* d = new Synthetic;
  std::mt19937 rng(20261126);
  for (int v = 0; v < kVpcs; ++v) {
    uint32_t base = messy ? (rng() & 0xffffu) << 16 : uint32_t(v) << 16;
    d->vpcs.push_back(ip::Cidr::Containing(ip::IpAddress::V4(base), 16));
    std::vector<ip::Cidr>& subnets = d->subnets.emplace_back();
    for (int s = 0; s < kSubnetsPerVpc; ++s) {
      // 64 /24s for 20 subnets: some overlap.
      uint32_t third = messy ? rng() % 64 : uint32_t(s);
      subnets.push_back(
          ip::Cidr::Containing(ip::IpAddress::V4(base | (third << 8)), 24));
    }
  }
  return d;
}

const Synthetic& Data(bool messy = true) {
  static const Synthetic* const kMessy = Generate(/*messy=*/true);
  static const Synthetic* const kClean = Generate(/*messy=*/false);
  return messy ? *kMessy : *kClean;
}

SweepBlock Block(const ip::Cidr& cidr, uint32_t group, uint32_t owner,
                 uint32_t id) {
  return {cidr.first().bits(),
          cidr.last().bits(),
          group,
          owner,
          id,
          static_cast<uint8_t>(cidr.prefix_length()),
          cidr.family()};
}

// The sweeps AnalysePlan runs: subnets grouped by VPC, VPCs by file.
void BM_FindOverlaps(benchmark::State& state) {
  const Synthetic& data = Data();
  std::vector<SweepBlock> subnets, vpcs;
  for (int v = 0; v < kVpcs; ++v) {
    vpcs.push_back(Block(data.vpcs[v], v / 100, v, v));
    for (int s = 0; s < kSubnetsPerVpc; ++s) {
      uint32_t id = v * kSubnetsPerVpc + s;
      subnets.push_back(Block(data.subnets[v][s], v, id, id));
    }
  }
  size_t pairs = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::vector<SweepBlock> a = subnets, b = vpcs;  // unsorted each time
    state.ResumeTiming();
    pairs = internal::FindOverlaps(a).size() + internal::FindOverlaps(b).size();
    benchmark::DoNotOptimize(pairs);
  }
  state.counters["pairs"] = static_cast<double>(pairs);
  state.SetItemsProcessed(state.iterations() * (subnets.size() + vpcs.size()));
}
BENCHMARK(BM_FindOverlaps)->Unit(benchmark::kMillisecond);

NetworkBlock Network(size_t resource, size_t vpc, bool subnet,
                     const ip::Cidr& cidr, std::string zone,
                     SourceLocation location) {
  NetworkBlock block;
  block.resource = resource;
  block.vpc = vpc;
  block.subnet = subnet;
  block.cidr = cidr.ToString();
  block.availability_zone = std::move(zone);
  block.location = std::move(location);
  return block;
}

Model SyntheticModel(bool messy) {
  const Synthetic& data = Data(messy);
  ModelBuilder builder;
  for (int v = 0; v < kVpcs; ++v) {
    std::string file = absl::StrCat("stack", v / 100, ".yaml");
    Resource vpc;
    vpc.name = absl::StrCat("Vpc", v);
    vpc.type = "AWS::EC2::VPC";
    vpc.kind = ResourceKind::kVpc;
    vpc.location = {file, 1 + v, 3};
    size_t vpc_index = builder.AddResource(std::move(vpc));
    builder.AddNetworkBlock(Network(vpc_index, vpc_index, false, data.vpcs[v],
                                    "", {file, 1 + v, 18}));
    for (int s = 0; s < kSubnetsPerVpc; ++s) {
      Resource subnet;
      subnet.name = absl::StrCat("Subnet", v, "x", s);
      subnet.type = "AWS::EC2::Subnet";
      subnet.kind = ResourceKind::kSubnet;
      subnet.location = {file, 1 + s, 3};
      size_t index = builder.AddResource(std::move(subnet));
      builder.AddNetworkBlock(Network(
          index, vpc_index, true, data.subnets[v][s],
          std::string("us-east-1") + "abc" [s % 3], { file, 1 + s, 18 }));
    }
  }
  return std::move(builder).Build();
}

// Everything: parsing the model's blocks, utilisation per VPC and zone,
// tiers, all problems with their messages and suggested fixes. Arg 1: the
// messy model (~27,000 problems, each with a message and a fix); 0: clean.
void BM_AnalysePlan(benchmark::State& state) {
  static const Model* const kMessy = new Model(SyntheticModel(true));
  static const Model* const kClean = new Model(SyntheticModel(false));
  const Model* model = state.range(0) == 1 ? kMessy : kClean;
  size_t problems = 0;
  for (auto _ : state) {
    absl::StatusOr<AddressPlan> plan = AnalysePlan(*model, {});
    problems = plan.ok() ? plan->problems.size() : 0;
    benchmark::DoNotOptimize(problems);
  }
  state.counters["problems"] = static_cast<double>(problems);
  state.SetItemsProcessed(state.iterations() * model->network_blocks().size());
}
BENCHMARK(BM_AnalysePlan)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

// Baseline: every pair of N VPC blocks in one group, against the sweep on
// the same blocks.
std::vector<SweepBlock> OneGroup(int n) {
  std::vector<SweepBlock> blocks;
  for (int v = 0; v < n; ++v) blocks.push_back(Block(Data().vpcs[v], 0, v, v));
  return blocks;
}

void BM_PairwiseBaseline(benchmark::State& state) {
  const std::vector<SweepBlock> blocks = OneGroup(state.range(0));
  for (auto _ : state) {
    size_t pairs = 0;
    for (size_t i = 0; i < blocks.size(); ++i) {
      for (size_t j = i + 1; j < blocks.size(); ++j) {
        pairs += blocks[i].first <= blocks[j].last &&
                 blocks[j].first <= blocks[i].last;
      }
    }
    benchmark::DoNotOptimize(pairs);
  }
  state.SetItemsProcessed(state.iterations() * blocks.size());
}
BENCHMARK(BM_PairwiseBaseline)
    ->Range(1000, 10000)
    ->Unit(benchmark::kMillisecond);

void BM_SweepSameBlocks(benchmark::State& state) {
  const std::vector<SweepBlock> blocks = OneGroup(state.range(0));
  for (auto _ : state) {
    std::vector<SweepBlock> copy = blocks;
    benchmark::DoNotOptimize(internal::FindOverlaps(copy).size());
  }
  state.SetItemsProcessed(state.iterations() * blocks.size());
}
BENCHMARK(BM_SweepSameBlocks)
    ->Range(1000, 10000)
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace polygraph::cidr

BENCHMARK_MAIN();
