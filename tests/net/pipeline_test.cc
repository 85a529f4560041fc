#include "net/pipeline.h"

#include <utility>

#include "gtest/gtest.h"
#include "tests/net/net_testing.h"

namespace polygraph::net::internal {
namespace {

ip::PacketSet Tcp(const char* sources, const char* destinations,
                  const char* ports) {
  return ip::PacketSet::Of(ip::ProtocolSet::Of({ip::Protocol::Tcp()}),
                           *ip::AddressSet::Parse(sources),
                           *ip::AddressSet::Parse(destinations),
                           *ip::PortSet::Parse(ports));
}

TEST(PipelineTest, RepliesAndForward) {
  ip::PacketSet forward = Tcp("192.0.2.0/24", "10.0.1.0/24", "443");
  ip::PacketSet replies = Replies(forward, *ip::PortSet::Parse("1024-2047"));
  EXPECT_EQ(replies, Tcp("10.0.1.0/24", "192.0.2.0/24", "1024-2047"));
  EXPECT_EQ(ForwardOf(replies), Tcp("192.0.2.0/24", "10.0.1.0/24", "0-65535"));
}

TEST(PipelineTest, ReturnPathStopsFlowsWithAnyDeniedReply) {
  NetworkState state;
  state.options.ephemeral_ports = *ip::PortSet::Parse("1000-1003");
  Acl acl;
  acl.resource = 3;
  // Replies to 192.0.2.0/25 are allowed on every ephemeral port; replies to
  // 192.0.2.128/25 only on 1000-1001.
  acl.outbound.push_back(
      {.rule_number = 10,
       .allow = true,
       .packets = Tcp("0.0.0.0/0", "192.0.2.0/25", "0-65535"),
       .text = "rule 10",
       .location = {"acl.yaml", 10, 1}});
  acl.outbound.push_back({.rule_number = 20,
                          .allow = true,
                          .packets = Tcp("0.0.0.0/0", "0.0.0.0/0", "1000-1001"),
                          .text = "rule 20",
                          .location = {"acl.yaml", 20, 1}});
  ReachResult result;
  Pipeline pipeline(state, result);
  pipeline.Start(Tcp("192.0.2.0/24", "10.0.1.0/24", "443"), {});
  pipeline.ApplyReturn({{&acl, /*egress=*/true}});
  std::vector<Stopped> stopped = pipeline.TakeStopped();
  EXPECT_EQ(result.reachable, Tcp("192.0.2.0/25", "10.0.1.0/24", "443"));
  ASSERT_EQ(result.flows.size(), 1u);
  ASSERT_EQ(result.flows[0].steps.size(), 1u);
  EXPECT_EQ(result.flows[0].steps[0].rule, "rule 10");
  ASSERT_EQ(stopped.size(), 1u);
  EXPECT_EQ(stopped[0].packets, Tcp("192.0.2.128/25", "10.0.1.0/24", "443"));
  EXPECT_EQ(stopped[0].stopped_by.rule, "default deny (*)");
  EXPECT_EQ(stopped[0].stopped_by.kind, Step::Kind::kNetworkAclReturn);
}

}  // namespace
}  // namespace polygraph::net::internal
