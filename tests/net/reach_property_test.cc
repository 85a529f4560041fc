// Property test: Reach(Internet -> workload) on a few thousand small random
// networks agrees with a packet-by-packet reference written independently
// here from the semantics in reachability.h.

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "polygraph/cidr.h"
#include "polygraph/reachability.h"
#include "tests/net/net_testing.h"
#include "tests/testing.h"

namespace polygraph::net {
namespace {

using ::polygraph::testing::Ip;
using ::polygraph::testing::NetBuilder;

const std::vector<std::string> kCidrs = {"0.0.0.0/0",         "198.51.100.0/24",
                                         "198.51.100.128/25", "203.0.113.0/24",
                                         "10.0.0.0/16",       "::/0",
                                         "2001:db8::/32"};
const std::vector<std::pair<int, int>> kPorts = {
    {-1, -1}, {22, 22}, {80, 443}, {1000, 1001}, {1002, 1003}, {0, 1000}};
const std::vector<std::string> kProtocols = {"tcp", "udp", "icmp", "-1"};

// The reference's view of the random network.
struct RefEntry {
  int number;
  bool egress;
  std::string protocol;
  int from, to;
  std::string cidr;
  bool allow;
};
struct RefRoute {
  std::string cidr;
  bool igw;
  bool blackhole;
};
struct RefRule {
  std::string protocol;
  int from, to;
  std::string cidr;
};
struct RefSubnet {
  std::string ipv4, ipv6;
  int acl = -1;  // index into acls, -1: AWS default (allow all)
  bool has_table = false;
  std::vector<RefRoute> routes;
};
struct RefNet {
  std::vector<RefSubnet> subnets;
  std::vector<std::vector<RefEntry>> acls;
  std::vector<std::vector<RefRule>> groups;
  std::vector<int> workload_subnets;
  std::vector<int> workload_groups;
  bool public_ip = false;
};

// Parsing is cached: the reference runs millions of times.
ip::IpAddress Addr(const std::string& text) {
  static auto* cache = new std::map<std::string, ip::IpAddress>();
  auto it = cache->find(text);
  if (it == cache->end()) it = cache->emplace(text, Ip(text.c_str())).first;
  return it->second;
}

const ip::Cidr& Net(const std::string& text) {
  static auto* cache = new std::map<std::string, ip::Cidr>();
  auto it = cache->find(text);
  if (it == cache->end())
    it = cache->emplace(text, *ip::Cidr::Parse(text)).first;
  return it->second;
}

bool In(const std::string& cidr, const char* address) {
  if (cidr.empty()) return false;
  return Net(cidr).Contains(Addr(address));
}

int ProtocolNumber(const std::string& name) {
  if (name == "tcp") return 6;
  if (name == "udp") return 17;
  if (name == "icmp") return 1;
  return -1;
}

bool ProtocolAndPortMatch(const std::string& protocol, int from, int to,
                          int packet_protocol, int port) {
  if (protocol == "-1") return true;
  if (ProtocolNumber(protocol) != packet_protocol) return false;
  if ((packet_protocol == 6 || packet_protocol == 17) && from >= 0) {
    return port >= from && port <= to;
  }
  return true;
}

// First match over one direction; `peer` is the source (inbound) or the
// destination (outbound) of the packet.
bool AclAllows(const RefNet& net, int acl, bool egress, int protocol,
               const char* peer, int port) {
  if (acl < 0) return true;
  std::vector<RefEntry> entries;
  for (const RefEntry& e : net.acls[acl]) {
    if (e.egress == egress) entries.push_back(e);
  }
  std::sort(
      entries.begin(), entries.end(),
      [](const RefEntry& a, const RefEntry& b) { return a.number < b.number; });
  for (const RefEntry& e : entries) {
    if (In(e.cidr, peer) &&
        ProtocolAndPortMatch(e.protocol, e.from, e.to, protocol, port)) {
      return e.allow;
    }
  }
  return false;
}

bool Reference(const RefNet& net, int protocol, const char* src,
               const char* dst, int port, const std::vector<int>& ephemeral) {
  if (In("10.0.0.0/16", src) || In("2600::/56", src)) return false;
  if (Addr(src).family() != Addr(dst).family()) return false;  // no such packet
  for (int s : net.workload_subnets) {
    const RefSubnet& subnet = net.subnets[s];
    const bool v4 = In(subnet.ipv4, dst);
    const bool v6 = In(subnet.ipv6, dst);
    if (!v4 && !v6) continue;
    if (v4 && !net.public_ip) return false;
    // Longest prefix route to the client.
    int best = -1;
    const RefRoute* route = nullptr;
    for (const RefRoute& r : subnet.routes) {
      if (!In(r.cidr, src)) continue;
      int length = Net(r.cidr).prefix_length();
      if (length > best) {
        best = length;
        route = &r;
      }
    }
    if (route == nullptr || !route->igw || route->blackhole) return false;
    if (!AclAllows(net, subnet.acl, false, protocol, src, port)) return false;
    bool admitted = false;
    for (int g : net.workload_groups) {
      for (const RefRule& rule : net.groups[g]) {
        if (In(rule.cidr, src) &&
            ProtocolAndPortMatch(rule.protocol, rule.from, rule.to, protocol,
                                 port)) {
          admitted = true;
        }
      }
    }
    if (!admitted) return false;
    for (int e : ephemeral) {
      if (!AclAllows(net, subnet.acl, true, protocol, src, e)) return false;
    }
    return true;
  }
  return false;
}

TEST(ReachPropertyTest, MatchesPacketByPacketReference) {
  std::mt19937 rng(20260427);
  auto pick = [&](int n) {
    return static_cast<int>(std::uniform_int_distribution<int>(0, n - 1)(rng));
  };
  const std::vector<int> ephemeral = {1000, 1001, 1002, 1003};
  ReachOptions options;
  options.ephemeral_ports = *ip::PortSet::Parse("1000-1003");
  const std::vector<const char*> sources = {
      "198.51.100.1", "198.51.100.200", "203.0.113.5", "8.8.8.8",
      "10.0.0.5",     "2001:db8::1",    "2a00::1",     "2600::5"};
  const std::vector<int> ports = {0,    22,   80,   443,  444,  999,
                                  1000, 1001, 1002, 1003, 1004, 5000};
  int reachable_count = 0;
  constexpr int kNetworks = 2000;
  for (int iteration = 0; iteration < kNetworks; ++iteration) {
    NetBuilder b;
    RefNet net;
    size_t vpc = b.Vpc("Vpc", "10.0.0.0/16", "2600::/56");
    size_t igw = b.Igw("Igw", vpc);
    const int acl_count = pick(3);
    std::vector<size_t> acls;
    for (int a = 0; a < acl_count; ++a) {
      acls.push_back(b.Acl("Acl" + std::to_string(a), vpc));
      net.acls.emplace_back();
      std::vector<int> numbers = {1, 2, 3, 4, 5, 6, 7, 8};
      std::shuffle(numbers.begin(), numbers.end(), rng);
      const int entries = pick(7);
      for (int e = 0; e < entries; ++e) {
        RefEntry entry{.number = numbers[e] * 10,
                       .egress = pick(2) == 1,
                       .protocol = kProtocols[pick(4)],
                       .from = -1,
                       .to = -1,
                       .cidr = kCidrs[pick(kCidrs.size())],
                       .allow = pick(3) != 0};
        auto [from, to] = kPorts[pick(kPorts.size())];
        entry.from = from;
        entry.to = to;
        b.Entry(acls.back(), entry.number, entry.egress, entry.protocol,
                entry.from, entry.to, entry.cidr, entry.allow);
        net.acls.back().push_back(entry);
      }
    }
    const int subnet_count = 1 + pick(3);
    std::vector<size_t> subnets;
    for (int s = 0; s < subnet_count; ++s) {
      RefSubnet subnet;
      subnet.ipv4 = "10.0." + std::to_string(s + 1) + ".0/24";
      if (pick(2) == 1)
        subnet.ipv6 = "2600:0:0:" + std::to_string(s + 1) + "::/64";
      subnets.push_back(
          b.SubnetIn("S" + std::to_string(s), vpc, subnet.ipv4, subnet.ipv6));
      if (acl_count > 0 && pick(4) != 0) {
        subnet.acl = pick(acl_count);
        b.AssociateAcl(acls[subnet.acl], subnets.back());
      }
      if (pick(5) != 0) {
        subnet.has_table = true;
        size_t table = b.Table("Rt" + std::to_string(s), vpc);
        b.Associate(table, subnets.back());
        const int routes = pick(4);
        std::vector<std::string> used;
        for (int r = 0; r < routes; ++r) {
          RefRoute route{.cidr = kCidrs[pick(kCidrs.size())],
                         .igw = pick(4) != 0,
                         .blackhole = pick(6) == 0};
          if (route.cidr == "10.0.0.0/16" ||
              std::find(used.begin(), used.end(), route.cidr) != used.end()) {
            continue;  // the local route, or a duplicate destination
          }
          used.push_back(route.cidr);
          b.RouteTo(table, route.cidr,
                    route.igw ? RouteTargetKind::kInternetGateway
                              : RouteTargetKind::kNatGateway,
                    igw, route.blackhole);
          subnet.routes.push_back(route);
        }
      }
      net.subnets.push_back(subnet);
    }
    const int group_count = 1 + pick(2);
    std::vector<size_t> groups;
    for (int g = 0; g < group_count; ++g) {
      groups.push_back(b.Group("G" + std::to_string(g), vpc));
      net.groups.emplace_back();
      const int rules = pick(4);
      for (int r = 0; r < rules; ++r) {
        std::string protocol = kProtocols[pick(4)];
        auto [from, to] = kPorts[pick(kPorts.size())];
        if (protocol != "tcp" && protocol != "udp") from = to = -1;
        RefRule rule{.protocol = protocol,
                     .from = from,
                     .to = to,
                     .cidr = kCidrs[pick(kCidrs.size())]};
        b.Ingress(groups.back(), rule.protocol, rule.from, rule.to, rule.cidr);
        net.groups.back().push_back(rule);
      }
    }
    std::vector<size_t> workload_subnets;
    for (int s = 0; s < subnet_count; ++s) {
      if (pick(2) == 1 || (s == subnet_count - 1 && workload_subnets.empty())) {
        workload_subnets.push_back(subnets[s]);
        net.workload_subnets.push_back(s);
      }
    }
    std::vector<size_t> workload_groups;
    for (int g = 0; g < group_count; ++g) {
      if (pick(3) != 0) {
        workload_groups.push_back(groups[g]);
        net.workload_groups.push_back(g);
      }
    }
    net.public_ip = pick(3) != 0;
    size_t workload =
        b.Instance("W", workload_subnets, workload_groups, net.public_ip);
    Model model = std::move(b).Build();
    ASSERT_OK_AND_ASSIGN(Network network, Network::Build(model, options));
    ReachResult r =
        network.Reach(Endpoint::Internet(), Endpoint::Resource(workload));

    std::vector<std::string> destinations = {"10.0.9.9"};
    for (int s = 0; s < subnet_count; ++s) {
      destinations.push_back("10.0." + std::to_string(s + 1) + ".7");
      destinations.push_back("2600:0:0:" + std::to_string(s + 1) + "::7");
    }
    for (int protocol : {1, 6, 17}) {
      for (const char* src : sources) {
        for (const std::string& dst : destinations) {
          for (int port : ports) {
            const ip::Protocol p(static_cast<uint8_t>(protocol));
            const bool expected =
                Reference(net, protocol, src, dst.c_str(), port, ephemeral);
            const bool actual =
                r.reachable.Contains(p, Ip(src), Ip(dst.c_str()), port);
            ASSERT_EQ(actual, expected)
                << "network " << iteration << ": protocol " << protocol << " "
                << src << " -> " << dst << " port " << port
                << "\nreachable: " << r.reachable;
            reachable_count += actual;
            int stopped_count = 0;
            for (const Stopped& s : r.stopped) {
              stopped_count +=
                  s.packets.Contains(p, Addr(src), Addr(dst), port);
            }
            ASSERT_LE(stopped_count + (actual ? 1 : 0), 1)
                << "network " << iteration << ": parts overlap";
          }
        }
      }
    }
    // The flows are disjoint and their union is `reachable`.
    ip::PacketSet flows;
    for (const Flow& flow : r.flows) {
      ASSERT_FALSE(flow.packets.Overlaps(flows));
      flows.Add(flow.packets);
    }
    ASSERT_EQ(flows, r.reachable);
  }
  // The random networks are not all closed.
  EXPECT_GT(reachable_count, kNetworks);
}

// Workload to workload within one VPC: two workloads in random subnets of
// 10.0.0.0/16 (with IPv6 blocks), random ACLs, and random ingress and
// egress rules with CIDR or peer-group peers.
struct WRule {
  bool ingress;
  std::string protocol;
  int from, to;
  std::string cidr;  // "" for a peer-group rule
  int peer_group;    // -1 for a CIDR rule
};

struct WNet {
  std::vector<std::string> ipv4, ipv6;  // per subnet
  std::vector<int> acl;                 // per subnet, -1: allow all
  std::vector<std::vector<RefEntry>> acls;
  std::vector<std::vector<WRule>> groups;
  int subnet[2];                  // of workload 0 and 1
  std::vector<int> member_of[2];  // group indices of workload 0 and 1
};

bool IsMemberOf(const WNet& net, int workload, int group) {
  for (int g : net.member_of[workload]) {
    if (g == group) return true;
  }
  return false;
}

// `w` (0 or 1) admits the packet in the given direction; `peer` is the
// other end's address, `peer_workload` the other workload.
bool GroupsAdmit(const WNet& net, int w, bool ingress, int protocol,
                 const char* peer, int peer_workload, int port) {
  for (int g : net.member_of[w]) {
    for (const WRule& rule : net.groups[g]) {
      if (rule.ingress != ingress) continue;
      const bool peer_ok = rule.peer_group >= 0
                               ? IsMemberOf(net, peer_workload, rule.peer_group)
                               : In(rule.cidr, peer);
      if (peer_ok && ProtocolAndPortMatch(rule.protocol, rule.from, rule.to,
                                          protocol, port)) {
        return true;
      }
    }
  }
  return false;
}

bool WAclAllows(const WNet& net, int subnet, bool egress, int protocol,
                const char* peer, int port) {
  RefNet ref;
  ref.acls = net.acls;
  return AclAllows(ref, net.acl[subnet], egress, protocol, peer, port);
}

bool BetweenReference(const WNet& net, int protocol, const char* src,
                      const char* dst, int port,
                      const std::vector<int>& ephemeral) {
  const int s1 = net.subnet[0];
  const int s2 = net.subnet[1];
  const bool src_in = In(net.ipv4[s1], src) || In(net.ipv6[s1], src);
  const bool dst_in = In(net.ipv4[s2], dst) || In(net.ipv6[s2], dst);
  if (!src_in || !dst_in) return false;
  if (Addr(src).family() != Addr(dst).family()) return false;
  if (!GroupsAdmit(net, 0, false, protocol, dst, 1, port)) return false;
  if (s1 != s2) {
    if (!WAclAllows(net, s1, true, protocol, dst, port)) return false;
    if (!WAclAllows(net, s2, false, protocol, src, port)) return false;
  }
  if (!GroupsAdmit(net, 1, true, protocol, src, 0, port)) return false;
  if (s1 != s2) {
    for (int e : ephemeral) {
      if (!WAclAllows(net, s2, true, protocol, src, e)) return false;
      if (!WAclAllows(net, s1, false, protocol, dst, e)) return false;
    }
  }
  return true;
}

TEST(ReachPropertyTest, WorkloadToWorkloadMatchesReference) {
  std::mt19937 rng(424242);
  auto pick = [&](int n) {
    return static_cast<int>(std::uniform_int_distribution<int>(0, n - 1)(rng));
  };
  const std::vector<std::string> cidrs = {
      "0.0.0.0/0", "10.0.1.0/24",     "10.0.2.0/24",     "10.0.1.0/25",
      "::/0",      "2600:0:0:1::/64", "2600:0:0:2::/64", "10.0.0.0/16"};
  const std::vector<int> ephemeral = {1000, 1001, 1002, 1003};
  ReachOptions options;
  options.ephemeral_ports = *ip::PortSet::Parse("1000-1003");
  const std::vector<int> ports = {0, 22, 80, 443, 999, 1000, 1002, 1004};
  int reachable_count = 0;
  constexpr int kNetworks = 1000;
  for (int iteration = 0; iteration < kNetworks; ++iteration) {
    NetBuilder b;
    WNet net;
    size_t vpc = b.Vpc("Vpc", "10.0.0.0/16", "2600::/56");
    const int acl_count = pick(3);
    std::vector<size_t> acls;
    for (int a = 0; a < acl_count; ++a) {
      acls.push_back(b.Acl("Acl" + std::to_string(a), vpc));
      net.acls.emplace_back();
      std::vector<int> numbers = {1, 2, 3, 4, 5, 6, 7, 8};
      std::shuffle(numbers.begin(), numbers.end(), rng);
      const int entries = pick(7);
      for (int e = 0; e < entries; ++e) {
        auto [from, to] = kPorts[pick(kPorts.size())];
        RefEntry entry{.number = numbers[e] * 10,
                       .egress = pick(2) == 1,
                       .protocol = kProtocols[pick(4)],
                       .from = from,
                       .to = to,
                       .cidr = cidrs[pick(cidrs.size())],
                       .allow = pick(3) != 0};
        b.Entry(acls.back(), entry.number, entry.egress, entry.protocol,
                entry.from, entry.to, entry.cidr, entry.allow);
        net.acls.back().push_back(entry);
      }
    }
    std::vector<size_t> subnets;
    for (int s = 0; s < 2; ++s) {
      net.ipv4.push_back("10.0." + std::to_string(s + 1) + ".0/24");
      net.ipv6.push_back(
          pick(2) == 1 ? "2600:0:0:" + std::to_string(s + 1) + "::/64" : "");
      subnets.push_back(
          b.SubnetIn("S" + std::to_string(s), vpc, net.ipv4[s], net.ipv6[s]));
      net.acl.push_back(acl_count > 0 && pick(4) != 0 ? pick(acl_count) : -1);
      if (net.acl[s] >= 0) b.AssociateAcl(acls[net.acl[s]], subnets[s]);
    }
    const int group_count = 1 + pick(3);
    std::vector<size_t> groups;
    for (int g = 0; g < group_count; ++g) {
      const bool default_egress = pick(2) == 1;
      groups.push_back(b.Group("G" + std::to_string(g), vpc, default_egress));
      net.groups.emplace_back();
      if (default_egress) {
        net.groups.back().push_back({.ingress = false,
                                     .protocol = "-1",
                                     .from = -1,
                                     .to = -1,
                                     .cidr = "0.0.0.0/0",
                                     .peer_group = -1});
      }
    }
    for (int g = 0; g < group_count; ++g) {
      const int rules = pick(5);
      for (int r = 0; r < rules; ++r) {
        std::string protocol = kProtocols[pick(4)];
        auto [from, to] = kPorts[pick(kPorts.size())];
        if (protocol != "tcp" && protocol != "udp") from = to = -1;
        WRule rule{.ingress = pick(3) != 0,
                   .protocol = protocol,
                   .from = from,
                   .to = to,
                   .cidr = "",
                   .peer_group = -1};
        if (pick(3) == 0) {
          rule.peer_group = pick(group_count);
        } else {
          rule.cidr = cidrs[pick(cidrs.size())];
        }
        SecurityGroupRule model_rule =
            b.Rule(groups[g], rule.ingress, rule.protocol, rule.from, rule.to,
                   rule.cidr);
        if (rule.peer_group >= 0)
          model_rule.peer_group = groups[rule.peer_group];
        b.AddRule(std::move(model_rule));
        net.groups[g].push_back(rule);
      }
    }
    size_t workloads[2];
    for (int w = 0; w < 2; ++w) {
      net.subnet[w] = pick(2);
      std::vector<size_t> member_groups;
      for (int g = 0; g < group_count; ++g) {
        if (pick(2) == 1) {
          member_groups.push_back(groups[g]);
          net.member_of[w].push_back(g);
        }
      }
      workloads[w] = b.Instance("W" + std::to_string(w),
                                {subnets[net.subnet[w]]}, member_groups, false);
    }
    Model model = std::move(b).Build();
    ASSERT_OK_AND_ASSIGN(Network network, Network::Build(model, options));
    ReachResult r = network.Reach(Endpoint::Resource(workloads[0]),
                                  Endpoint::Resource(workloads[1]));
    const std::vector<std::string> addresses = {
        "10.0.1.7",      "10.0.1.200",    "10.0.2.7",
        "2600:0:0:1::7", "2600:0:0:2::7", "8.8.8.8"};
    for (int protocol : {1, 6, 17}) {
      const ip::Protocol p(static_cast<uint8_t>(protocol));
      for (const std::string& src : addresses) {
        for (const std::string& dst : addresses) {
          for (int port : ports) {
            const bool expected = BetweenReference(
                net, protocol, src.c_str(), dst.c_str(), port, ephemeral);
            const bool actual =
                r.reachable.Contains(p, Addr(src), Addr(dst), port);
            ASSERT_EQ(actual, expected)
                << "network " << iteration << ": protocol " << protocol << " "
                << src << " -> " << dst << " port " << port
                << "\nreachable: " << r.reachable;
            reachable_count += actual;
            for (const Stopped& s : r.stopped) {
              ASSERT_FALSE(actual &&
                           s.packets.Contains(p, Addr(src), Addr(dst), port));
            }
          }
        }
      }
    }
  }
  EXPECT_GT(reachable_count, kNetworks);
}

}  // namespace
}  // namespace polygraph::net
