// Benchmarks for lib/ip: CIDR parsing, AddressSet algebra over N random
// CIDRs, and PacketSet subtraction of security-group-like rule sets. Inputs
// come from fixed seeds, so runs compare. The linear-scan benchmark is the
// baseline for AddressSet::Contains.
#include <cstdint>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "polygraph/address_set.h"
#include "polygraph/cidr.h"
#include "polygraph/ip_address.h"
#include "polygraph/packet_set.h"
#include "polygraph/port_range.h"

namespace polygraph::ip {
namespace {

// `count` random CIDRs of `family` with prefixes typical of security rules.
std::vector<Cidr> RandomCidrs(int count, Family family, uint32_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<Cidr> out;
  out.reserve(count);
  for (int i = 0; i < count; ++i) {
    if (family == Family::kIpv4) {
      const int prefix = std::uniform_int_distribution<int>(8, 32)(rng);
      out.push_back(
          Cidr::Containing(IpAddress::V4(rng() & 0xffffffffu), prefix));
    } else {
      const int prefix = std::uniform_int_distribution<int>(16, 128)(rng);
      const absl::uint128 bits = absl::MakeUint128(rng(), rng());
      out.push_back(Cidr::Containing(IpAddress::V6(bits), prefix));
    }
  }
  return out;
}

std::vector<std::string> Texts(const std::vector<Cidr>& cidrs) {
  std::vector<std::string> out;
  for (const Cidr& c : cidrs) out.push_back(c.ToString());
  return out;
}

void BM_ParseCidr(benchmark::State& state) {
  const Family family = state.range(0) == 4 ? Family::kIpv4 : Family::kIpv6;
  const std::vector<std::string> texts =
      Texts(RandomCidrs(1024, family, /*seed=*/1));
  for (auto _ : state) {
    for (const std::string& text : texts) {
      benchmark::DoNotOptimize(Cidr::Parse(text));
    }
  }
  state.SetItemsProcessed(state.iterations() * texts.size());
}
BENCHMARK(BM_ParseCidr)->Arg(4)->Arg(6);

enum class SetOp { kUnion, kIntersect, kSubtract };

// One body for the three operations: two sets of N random IPv4 CIDRs each.
void SetAlgebra(benchmark::State& state, SetOp op) {
  const int n = static_cast<int>(state.range(0));
  const AddressSet a = AddressSet::Of(RandomCidrs(n, Family::kIpv4, 2));
  const AddressSet b = AddressSet::Of(RandomCidrs(n, Family::kIpv4, 3));
  for (auto _ : state) {
    switch (op) {
      case SetOp::kUnion:
        benchmark::DoNotOptimize(a.Union(b));
        break;
      case SetOp::kIntersect:
        benchmark::DoNotOptimize(a.Intersect(b));
        break;
      case SetOp::kSubtract:
        benchmark::DoNotOptimize(a.Subtract(b));
        break;
    }
  }
  state.SetItemsProcessed(state.iterations() * 2 * n);
}
void BM_AddressSetUnion(benchmark::State& s) { SetAlgebra(s, SetOp::kUnion); }
void BM_AddressSetIntersect(benchmark::State& s) {
  SetAlgebra(s, SetOp::kIntersect);
}
void BM_AddressSetSubtract(benchmark::State& s) {
  SetAlgebra(s, SetOp::kSubtract);
}
BENCHMARK(BM_AddressSetUnion)->RangeMultiplier(8)->Range(8, 4096);
BENCHMARK(BM_AddressSetIntersect)->RangeMultiplier(8)->Range(8, 4096);
BENCHMARK(BM_AddressSetSubtract)->RangeMultiplier(8)->Range(8, 4096);

// Building a set from N unsorted CIDRs (Add one at a time), then ToCidrs.
void BM_AddressSetBuild(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  const std::vector<Cidr> cidrs = RandomCidrs(n, Family::kIpv6, 4);
  for (auto _ : state) {
    AddressSet set = AddressSet::Of(cidrs);
    benchmark::DoNotOptimize(set.ToCidrs());
  }
  state.SetItemsProcessed(state.iterations() * n);
}
BENCHMARK(BM_AddressSetBuild)->RangeMultiplier(8)->Range(8, 4096);

// Membership of 256 probe addresses: AddressSet (binary search) against the
// baseline of scanning the CIDR list.
void Membership(benchmark::State& state, bool baseline) {
  const int n = static_cast<int>(state.range(0));
  const std::vector<Cidr> cidrs = RandomCidrs(n, Family::kIpv4, 5);
  const AddressSet set = AddressSet::Of(cidrs);
  std::mt19937 rng(6);
  std::vector<IpAddress> probes;
  for (int i = 0; i < 256; ++i) probes.push_back(IpAddress::V4(rng()));
  for (auto _ : state) {
    int hits = 0;
    for (const IpAddress& probe : probes) {
      if (baseline) {
        for (const Cidr& c : cidrs) {
          if (c.Contains(probe)) {
            ++hits;
            break;
          }
        }
      } else {
        hits += set.Contains(probe);
      }
    }
    benchmark::DoNotOptimize(hits);
  }
  state.SetItemsProcessed(state.iterations() * probes.size());
}
void BM_ContainsLinearScanBaseline(benchmark::State& s) { Membership(s, true); }
void BM_AddressSetContains(benchmark::State& s) { Membership(s, false); }
BENCHMARK(BM_ContainsLinearScanBaseline)->RangeMultiplier(8)->Range(8, 4096);
BENCHMARK(BM_AddressSetContains)->RangeMultiplier(8)->Range(8, 4096);

// A security group of `rules` ingress rules: tcp/udp/icmp/all, ports from a
// realistic list, sources from random IPv4 and IPv6 CIDRs.
PacketSet SecurityGroup(int rules, uint32_t seed) {
  std::mt19937 rng(seed);
  const char* const kProtocols[] = {"tcp", "tcp", "tcp", "udp", "icmp", "-1"};
  const char* const kPorts[] = {"22",   "80",         "443", "3306", "5432",
                                "8080", "1024-65535", "53",  "*",    "80-443"};
  const std::vector<Cidr> v4 = RandomCidrs(rules, Family::kIpv4, seed + 1);
  const std::vector<Cidr> v6 = RandomCidrs(rules, Family::kIpv6, seed + 2);
  const AddressSet destinations = AddressSet::All();
  PacketSet set;
  for (int i = 0; i < rules; ++i) {
    const ProtocolSet protocol =
        ParseProtocol(kProtocols[rng() % std::size(kProtocols)]).value();
    const PortSet ports =
        PortSet::Parse(kPorts[rng() % std::size(kPorts)]).value();
    const Cidr& source = (rng() % 4 == 0) ? v6[i] : v4[i];
    set.Add(protocol, AddressSet::Of(source), destinations, ports);
  }
  return set;
}

// Ingress allowed by one group and not by another: the core of "what did
// this change open up".
void BM_PacketSetSubtract(benchmark::State& state) {
  const int rules = static_cast<int>(state.range(0));
  const PacketSet a = SecurityGroup(rules, 10);
  const PacketSet b = SecurityGroup(rules, 20).Union(a.Subtract(
      PacketSet::Of(ParseProtocol("tcp").value(), AddressSet::All(),
                    AddressSet::All(), PortSet::Parse("22").value())));
  size_t boxes = 0;
  for (auto _ : state) {
    PacketSet difference = a.Subtract(b);
    boxes = difference.boxes().size();
    benchmark::DoNotOptimize(difference);
  }
  state.counters["boxes_a"] = static_cast<double>(a.boxes().size());
  state.counters["boxes_out"] = static_cast<double>(boxes);
  state.SetItemsProcessed(state.iterations() * rules);
}
BENCHMARK(BM_PacketSetSubtract)->RangeMultiplier(2)->Range(4, 64);

}  // namespace
}  // namespace polygraph::ip

BENCHMARK_MAIN();
