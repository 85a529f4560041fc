#include <utility>

#include "gtest/gtest.h"
#include "net/internal.h"
#include "tests/net/net_testing.h"

namespace polygraph::net::internal {
namespace {

using ::polygraph::testing::Ip;

ip::PacketSet Tcp(const char* sources, const char* ports) {
  return ip::PacketSet::Of(ip::ProtocolSet::Of({ip::Protocol::Tcp()}),
                           *ip::AddressSet::Parse(sources),
                           ip::AddressSet::All(), *ip::PortSet::Parse(ports));
}

AclEntry Entry(int number, bool allow, ip::PacketSet packets) {
  return {.rule_number = number,
          .allow = allow,
          .packets = std::move(packets),
          .text = "rule " + std::to_string(number),
          .location = {"acl.yaml", number, 1}};
}

TEST(AclEvaluationTest, FirstMatchThenDefaultDeny) {
  Acl acl;
  acl.resource = 7;
  acl.inbound.push_back(Entry(100, false, Tcp("0.0.0.0/0", "22")));
  acl.inbound.push_back(Entry(200, true, Tcp("0.0.0.0/0", "0-1000")));
  Decision d =
      EvaluateAcl(acl, /*egress=*/false, Step::Kind::kNetworkAclInbound,
                  Tcp("0.0.0.0/0", "0-2000"));
  ASSERT_EQ(d.allowed.size(), 1u);
  EXPECT_EQ(d.allowed[0].first, Tcp("0.0.0.0/0", "0-21, 23-1000"));
  EXPECT_EQ(d.allowed[0].second.rule, "rule 200");
  ASSERT_EQ(d.denied.size(), 2u);
  EXPECT_EQ(d.denied[0].first, Tcp("0.0.0.0/0", "22"));
  EXPECT_EQ(d.denied[0].second.location.line, 100);
  EXPECT_EQ(d.denied[1].first, Tcp("0.0.0.0/0", "1001-2000"));
  EXPECT_EQ(d.denied[1].second.rule, "default deny (*)");
  EXPECT_EQ(d.denied[1].second.resource, 7u);
}

TEST(AclEvaluationTest, DefaultAclAllowsEverything) {
  Decision d =
      EvaluateAcl(DefaultAcl(), /*egress=*/true,
                  Step::Kind::kNetworkAclOutbound, ip::PacketSet::All());
  ASSERT_EQ(d.allowed.size(), 1u);
  EXPECT_TRUE(d.denied.empty());
}

TEST(AclEvaluationTest, EntryText) {
  NetworkAclEntry entry;
  entry.rule_number = 100;
  entry.protocol = "tcp";
  entry.from_port = 443;
  entry.to_port = 443;
  entry.cidr = "0.0.0.0/0";
  entry.allow = true;
  EXPECT_EQ(AclEntryText(entry), "rule 100 allow tcp 443 from 0.0.0.0/0");
  entry.egress = true;
  entry.protocol = "-1";
  entry.allow = false;
  EXPECT_EQ(AclEntryText(entry), "rule 100 deny all to 0.0.0.0/0");
}

}  // namespace
}  // namespace polygraph::net::internal
