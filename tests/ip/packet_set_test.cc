#include "polygraph/packet_set.h"

#include <random>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing.h"

namespace polygraph::ip {
namespace {

using ::polygraph::testing::StatusIs;
using ::testing::HasSubstr;

AddressSet A(std::string_view text) { return AddressSet::Parse(text).value(); }
PortSet P(std::string_view text) { return PortSet::Parse(text).value(); }
ProtocolSet Proto(std::string_view text) { return ParseProtocol(text).value(); }
IpAddress Ip(std::string_view text) { return IpAddress::Parse(text).value(); }

// A security-group-like rule: protocol, source CIDRs, destination, ports.
PacketSet Rule(std::string_view protocol, std::string_view sources,
               std::string_view ports,
               std::string_view destinations = "0.0.0.0/0, ::/0") {
  return PacketSet::Of(Proto(protocol), A(sources), A(destinations), P(ports));
}

constexpr Protocol kTcp = Protocol::Tcp();
constexpr Protocol kUdp = Protocol::Udp();
constexpr Protocol kIcmp = Protocol::Icmp();

TEST(ProtocolTest, NamesAndPorts) {
  EXPECT_EQ(kTcp.Name(), "tcp");
  EXPECT_EQ(kUdp.Name(), "udp");
  EXPECT_EQ(kIcmp.Name(), "icmp");
  EXPECT_EQ(Protocol::Icmpv6().Name(), "icmpv6");
  EXPECT_EQ(Protocol(47).Name(), "47");
  EXPECT_EQ(kTcp.number(), 6);
  EXPECT_EQ(Protocol::Icmpv6().number(), 58);
  EXPECT_TRUE(kTcp.has_ports());
  EXPECT_TRUE(kUdp.has_ports());
  EXPECT_FALSE(kIcmp.has_ports());
  EXPECT_FALSE(Protocol(132).has_ports());
}

TEST(ProtocolTest, ParsesAwsSpellings) {
  EXPECT_EQ(Proto("tcp"), ProtocolSet::Of({kTcp}));
  EXPECT_EQ(Proto("TCP"), ProtocolSet::Of({kTcp}));
  EXPECT_EQ(Proto("6"), ProtocolSet::Of({kTcp}));
  EXPECT_EQ(Proto("Udp"), ProtocolSet::Of({kUdp}));
  EXPECT_EQ(Proto("icmp"), ProtocolSet::Of({kIcmp}));
  EXPECT_EQ(Proto("icmpv6"), ProtocolSet::Of({Protocol::Icmpv6()}));
  EXPECT_EQ(Proto("58"), ProtocolSet::Of({Protocol::Icmpv6()}));
  EXPECT_EQ(Proto("0"), ProtocolSet::Of({Protocol(0)}));
  EXPECT_EQ(Proto("255"), ProtocolSet::Of({Protocol(255)}));
  EXPECT_TRUE(Proto("-1").is_all());
  EXPECT_TRUE(Proto("all").is_all());
  EXPECT_TRUE(Proto("ALL").is_all());
  EXPECT_EQ(Proto("-1").size(), 256);
  EXPECT_THAT(ParseProtocol("256"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("invalid protocol \"256\"")));
  for (const char* bad : {"", "06", "-2", "tcp ", "1000", "gre", "+6"}) {
    EXPECT_FALSE(ParseProtocol(bad).ok()) << bad;
  }
}

TEST(ProtocolTest, SetAlgebraAndToString) {
  const ProtocolSet tcp_udp = ProtocolSet::Of({kUdp, kTcp});
  EXPECT_EQ(tcp_udp.ToString(), "tcp, udp");
  EXPECT_EQ(ProtocolSet::All().ToString(), "all");
  EXPECT_EQ(ProtocolSet().ToString(), "");
  EXPECT_EQ(tcp_udp.Union(ProtocolSet::Of({Protocol(200)})).ToString(),
            "tcp, udp, 200");
  EXPECT_EQ(tcp_udp.Intersect(ProtocolSet::Of({kTcp})).ToString(), "tcp");
  EXPECT_EQ(ProtocolSet::All().Subtract(tcp_udp).size(), 254);
  EXPECT_TRUE(ProtocolSet::All().Contains(tcp_udp));
  EXPECT_FALSE(tcp_udp.Contains(ProtocolSet::All()));
  EXPECT_TRUE(tcp_udp.Overlaps(ProtocolSet::Of({kTcp, kIcmp})));
  EXPECT_FALSE(tcp_udp.Overlaps(ProtocolSet::Of({kIcmp})));
  EXPECT_TRUE(ProtocolSet().empty());
  EXPECT_EQ(tcp_udp.protocols(), (std::vector<Protocol>{kTcp, kUdp}));
}

TEST(PacketSetTest, ContainsASinglePacket) {
  const PacketSet ssh = Rule("tcp", "10.0.0.0/8", "22");
  EXPECT_TRUE(ssh.Contains(kTcp, Ip("10.1.1.1"), Ip("1.2.3.4"), 22));
  EXPECT_FALSE(ssh.Contains(kTcp, Ip("10.1.1.1"), Ip("1.2.3.4"), 23));
  EXPECT_FALSE(ssh.Contains(kUdp, Ip("10.1.1.1"), Ip("1.2.3.4"), 22));
  EXPECT_FALSE(ssh.Contains(kTcp, Ip("11.1.1.1"), Ip("1.2.3.4"), 22));
  EXPECT_FALSE(ssh.Contains(kTcp, Ip("::ffff:10.1.1.1"), Ip("::1"), 22));
}

TEST(PacketSetTest, PortlessProtocolsIgnorePorts) {
  // ICMP "port 8" (an echo request type in AWS terms) is not modelled: the
  // rule admits every ICMP packet from the source.
  const PacketSet icmp = Rule("icmp", "0.0.0.0/0", "8");
  EXPECT_TRUE(icmp.Contains(kIcmp, Ip("1.1.1.1"), Ip("2.2.2.2"), 8));
  EXPECT_TRUE(icmp.Contains(kIcmp, Ip("1.1.1.1"), Ip("2.2.2.2"), -1));
  EXPECT_EQ(icmp, Rule("icmp", "0.0.0.0/0", "*"));
  EXPECT_EQ(icmp.ToString(), "icmp from 0.0.0.0/0 to 0.0.0.0/0");
  // "all" with ports: tcp/udp limited to the ports, the rest unlimited.
  const PacketSet all = Rule("-1", "0.0.0.0/0", "22");
  EXPECT_TRUE(all.Contains(Protocol(47), Ip("1.1.1.1"), Ip("2.2.2.2"), 0));
  EXPECT_TRUE(all.Contains(kTcp, Ip("1.1.1.1"), Ip("2.2.2.2"), 22));
  EXPECT_FALSE(all.Contains(kTcp, Ip("1.1.1.1"), Ip("2.2.2.2"), 80));
  // tcp/udp with no port at all is empty; icmp with no port is not.
  EXPECT_TRUE(Rule("tcp", "0.0.0.0/0", "").empty());
  EXPECT_FALSE(Rule("icmp", "0.0.0.0/0", "").empty());
}

TEST(PacketSetTest, FamiliesNeverMix) {
  // Only IPv4-to-IPv4 and IPv6-to-IPv6 packets exist.
  EXPECT_TRUE(PacketSet::Of(ProtocolSet::All(), A("0.0.0.0/0"), A("::/0"),
                            PortSet::All())
                  .empty());
  const PacketSet any = Rule("-1", "0.0.0.0/0, ::/0", "*");
  EXPECT_EQ(any, PacketSet::All());
  EXPECT_FALSE(any.Contains(kTcp, Ip("1.1.1.1"), Ip("::1"), 80));
  EXPECT_TRUE(any.Contains(kTcp, Ip("::ffff:1.1.1.1"), Ip("::1"), 80));
  EXPECT_EQ(any.boxes().size(), 2u);
  const PacketSet v4 = Rule("-1", "0.0.0.0/0", "*");
  EXPECT_TRUE(v4.IsSubsetOf(any));
  EXPECT_FALSE(any.IsSubsetOf(v4));
  EXPECT_EQ(any.Subtract(v4), Rule("-1", "::/0", "*"));
}

TEST(PacketSetTest, UnionMergesBoxesDifferingInOneDimension) {
  PacketSet set = Rule("tcp", "10.0.0.0/8", "22");
  set.Add(Rule("tcp", "192.168.0.0/16", "22"));
  set.Add(Rule("tcp", "10.0.0.0/8, 192.168.0.0/16", "80"));
  set.Add(Rule("udp", "10.0.0.0/8, 192.168.0.0/16", "22, 80"));
  ASSERT_EQ(set.boxes().size(), 1u) << set;
  EXPECT_EQ(set.ToString(),
            "tcp, udp ports 22, 80 from 10.0.0.0/8, 192.168.0.0/16 to "
            "0.0.0.0/0");
  // A box inside another disappears.
  set.Add(Rule("tcp", "10.1.0.0/16", "22", "10.0.0.0/8"));
  EXPECT_EQ(set.boxes().size(), 1u);
}

TEST(PacketSetTest, SubtractIsExact) {
  const PacketSet open = Rule("tcp", "0.0.0.0/0", "0-65535", "10.0.0.0/8");
  const PacketSet ssh = Rule("tcp", "0.0.0.0/0", "22", "10.0.0.0/8");
  const PacketSet rest = open.Subtract(ssh);
  EXPECT_EQ(rest.ToString(),
            "tcp ports 0-21, 23-65535 from 0.0.0.0/0 to 10.0.0.0/8");
  EXPECT_FALSE(rest.Contains(kTcp, Ip("1.1.1.1"), Ip("10.0.0.1"), 22));
  EXPECT_TRUE(rest.Contains(kTcp, Ip("1.1.1.1"), Ip("10.0.0.1"), 21));
  EXPECT_EQ(rest.Union(ssh), open);
  EXPECT_TRUE(rest.Intersect(ssh).empty());
  EXPECT_TRUE(open.Subtract(open).empty());
  EXPECT_EQ(open.Subtract(PacketSet()), open);
  EXPECT_EQ(PacketSet().Subtract(open), PacketSet());
}

TEST(PacketSetTest, SubtractSplitsAcrossDimensions) {
  const PacketSet all = PacketSet::All();
  const PacketSet hole = Rule("tcp", "10.0.0.0/8", "22", "10.0.0.0/8");
  const PacketSet rest = all.Subtract(hole);
  EXPECT_FALSE(rest.Contains(kTcp, Ip("10.0.0.1"), Ip("10.0.0.2"), 22));
  EXPECT_TRUE(rest.Contains(kTcp, Ip("10.0.0.1"), Ip("10.0.0.2"), 23));
  EXPECT_TRUE(rest.Contains(kTcp, Ip("11.0.0.1"), Ip("10.0.0.2"), 22));
  EXPECT_TRUE(rest.Contains(kTcp, Ip("10.0.0.1"), Ip("11.0.0.2"), 22));
  EXPECT_TRUE(rest.Contains(kUdp, Ip("10.0.0.1"), Ip("10.0.0.2"), 22));
  EXPECT_TRUE(rest.Contains(kIcmp, Ip("10.0.0.1"), Ip("10.0.0.2"), 0));
  EXPECT_TRUE(rest.Contains(kTcp, Ip("::1"), Ip("::2"), 22));
  EXPECT_EQ(rest.Union(hole), all);
  EXPECT_FALSE(all.IsSubsetOf(rest));
  EXPECT_TRUE(rest.IsSubsetOf(all));
  EXPECT_LE(rest.boxes().size(), 6u) << rest;
}

TEST(PacketSetTest, IntersectAndOverlaps) {
  const PacketSet web = Rule("tcp", "0.0.0.0/0", "80, 443");
  const PacketSet office = Rule("-1", "203.0.113.0/24", "*");
  const PacketSet both = web.Intersect(office);
  EXPECT_EQ(both, Rule("tcp", "203.0.113.0/24", "80, 443"));
  EXPECT_TRUE(web.Overlaps(office));
  EXPECT_FALSE(web.Overlaps(Rule("udp", "0.0.0.0/0", "*")));
  EXPECT_FALSE(web.Overlaps(Rule("tcp", "0.0.0.0/0", "22")));
  EXPECT_TRUE(web.Intersect(PacketSet()).empty());
}

TEST(PacketSetTest, EqualityIsSetEquality) {
  // Same packets, different boxes.
  PacketSet split = Rule("tcp", "10.0.0.0/9", "22-80");
  split.Add(Rule("tcp", "10.128.0.0/9", "22-50"));
  split.Add(Rule("tcp", "10.128.0.0/9", "51-80"));
  EXPECT_EQ(split, Rule("tcp", "10.0.0.0/8", "22-80"));
  EXPECT_NE(split, Rule("tcp", "10.0.0.0/8", "22-81"));
  EXPECT_EQ(PacketSet(), PacketSet::None());
  EXPECT_NE(PacketSet(), PacketSet::All());
}

TEST(PacketSetTest, ToStringListsSortedBoxes) {
  PacketSet set = Rule("udp", "::/0", "53");
  set.Add(Rule("tcp", "10.0.0.0/8", "443", "192.168.0.0/16"));
  EXPECT_EQ(set.ToString(),
            "tcp ports 443 from 10.0.0.0/8 to 192.168.0.0/16; udp ports 53 "
            "from ::/0 to ::/0");
  EXPECT_EQ(PacketSet().ToString(), "");
  EXPECT_EQ(PacketSet::All().ToString(),
            "all from 0.0.0.0/0 to 0.0.0.0/0; all from ::/0 to ::/0");
}

// Random security-group-like sets, checked packet by packet on a grid of
// sample packets that hits every boundary used.
TEST(PacketSetTest, AlgebraMatchesSamples) {
  std::mt19937 rng(7);
  const std::vector<std::string> cidrs = {
      "10.0.0.0/8, ::/0", "10.0.0.0/8", "10.1.0.0/16",  "0.0.0.0/0",
      "192.168.0.0/16",   "::/0",       "2001:db8::/32"};
  const std::vector<std::string> protocols = {"tcp", "udp", "icmp", "-1"};
  const std::vector<std::string> ports = {"22", "80-443", "*", "443-8080"};
  auto pick = [&](const std::vector<std::string>& from) {
    return from[std::uniform_int_distribution<size_t>(0, from.size() - 1)(rng)];
  };
  // The rules behind a set, and a direct model of their membership.
  struct RuleModel {
    ProtocolSet protocols;
    AddressSet sources, destinations;
    PortSet ports;
  };
  auto model_contains = [](const std::vector<RuleModel>& rules, Protocol p,
                           IpAddress src, IpAddress dst, int port) {
    for (const RuleModel& r : rules) {
      if (r.protocols.Contains(p) && r.sources.Contains(src) &&
          r.destinations.Contains(dst) && src.family() == dst.family() &&
          (!p.has_ports() || r.ports.Contains(port))) {
        return true;
      }
    }
    return false;
  };
  auto random_set = [&](std::vector<RuleModel>& rules) {
    PacketSet set;
    rules.clear();
    const int count = std::uniform_int_distribution<int>(0, 5)(rng);
    for (int i = 0; i < count; ++i) {
      rules.push_back({Proto(pick(protocols)), A(pick(cidrs)), A(pick(cidrs)),
                       P(pick(ports))});
      set.Add(rules.back().protocols, rules.back().sources,
              rules.back().destinations, rules.back().ports);
    }
    return set;
  };
  const std::vector<IpAddress> addresses = {Ip("10.0.0.1"), Ip("10.1.0.1"),
                                            Ip("11.0.0.1"), Ip("192.168.1.1"),
                                            Ip("::1"),      Ip("2001:db8::1")};
  const std::vector<Protocol> sample_protocols = {kTcp, kUdp, kIcmp,
                                                  Protocol(47)};
  const std::vector<int> sample_ports = {21, 22, 23, 80, 443, 444, 8080, 9000};
  for (int round = 0; round < 60; ++round) {
    std::vector<RuleModel> rules_a;
    std::vector<RuleModel> rules_b;
    const PacketSet a = random_set(rules_a);
    const PacketSet b = random_set(rules_b);
    const PacketSet u = a.Union(b);
    const PacketSet n = a.Intersect(b);
    const PacketSet d = a.Subtract(b);
    for (Protocol p : sample_protocols) {
      for (const IpAddress& src : addresses) {
        for (const IpAddress& dst : addresses) {
          for (int port : sample_ports) {
            const bool in_a = a.Contains(p, src, dst, port);
            const bool in_b = b.Contains(p, src, dst, port);
            ASSERT_EQ(in_a, model_contains(rules_a, p, src, dst, port));
            ASSERT_EQ(in_b, model_contains(rules_b, p, src, dst, port));
            ASSERT_EQ(u.Contains(p, src, dst, port), in_a || in_b);
            ASSERT_EQ(n.Contains(p, src, dst, port), in_a && in_b);
            ASSERT_EQ(d.Contains(p, src, dst, port), in_a && !in_b);
          }
        }
      }
    }
    ASSERT_EQ(d.Union(n), a);
    ASSERT_TRUE(d.IsSubsetOf(a));
    ASSERT_FALSE(d.Overlaps(b));
    ASSERT_EQ(a.IsSubsetOf(b), a.Subtract(b).empty());
  }
}

}  // namespace
}  // namespace polygraph::ip
