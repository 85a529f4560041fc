#include "polygraph/reach_report.h"

#include <string>
#include <utility>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "polygraph/model.h"
#include "polygraph/packet_set.h"

namespace polygraph::net {
namespace {

using ::testing::HasSubstr;

size_t AddResource(ModelBuilder& builder, std::string name, ResourceKind kind,
                   std::string type, int line) {
  Resource resource;
  resource.name = std::move(name);
  resource.type = std::move(type);
  resource.kind = kind;
  resource.location = {"net.yaml", line, 3};
  return builder.AddResource(std::move(resource));
}

// Resources: 0 Web (instance), 1 WebSG, 2 Routes, 3 Private (subnet),
// 4 Igw (not an endpoint).
Model MakeModel() {
  ModelBuilder builder;
  const size_t web = AddResource(builder, "Web", ResourceKind::kInstance,
                                 "AWS::EC2::Instance", 1);
  const size_t group =
      AddResource(builder, "WebSG", ResourceKind::kSecurityGroup,
                  "AWS::EC2::SecurityGroup", 2);
  AddResource(builder, "Routes", ResourceKind::kOther, "AWS::EC2::RouteTable",
              3);
  const size_t subnet = AddResource(builder, "Private", ResourceKind::kSubnet,
                                    "AWS::EC2::Subnet", 4);
  AddResource(builder, "Igw", ResourceKind::kOther, "AWS::EC2::InternetGateway",
              5);
  builder.AddSecurityGroup({.resource = group,
                            .vpc = kNoResource,
                            .vpc_id = "",
                            .default_egress = false,
                            .location = {"net.yaml", 2, 3}});
  Subnet s;
  s.resource = subnet;
  s.ipv4_cidr = "10.0.2.0/24";
  builder.AddSubnet(s);
  Workload w;
  w.resource = web;
  w.kind = WorkloadKind::kInstance;
  w.subnets = {subnet};
  w.location = {"net.yaml", 1, 3};
  builder.AddWorkload(w);
  return std::move(builder).Build();
}

ip::PacketSet Packets(std::string_view protocol, std::string_view ports) {
  return ip::PacketSet::Of(
      *ip::ParseProtocol(protocol), *ip::AddressSet::Parse("0.0.0.0/0"),
      *ip::AddressSet::Parse("10.0.2.0/24"), *ip::PortSet::Parse(ports));
}

ReachResult MakeResult() {
  ReachResult result;
  Flow flow{.packets = Packets("tcp", "443"),
            .steps = {{.kind = Step::Kind::kRoute,
                       .resource = 2,
                       .rule = "route 0.0.0.0/0 -> internet-gateway Igw",
                       .location = {"net.yaml", 3, 3}},
                      {.kind = Step::Kind::kSecurityGroupIngress,
                       .resource = 1,
                       .rule = "ingress tcp 443 from 0.0.0.0/0",
                       .location = {"net.yaml", 9, 11}}}};
  result.reachable = flow.packets;
  result.flows.push_back(std::move(flow));
  result.stopped.push_back(
      {.packets = Packets("tcp", "22"),
       .stopped_by = {.kind = Step::Kind::kNetworkAclInbound,
                      .resource = kNoResource,
                      .rule = "default deny (*)",
                      .location = {}}});
  return result;
}

TEST(ReachReportTest, ParseEndpoint) {
  const Model model = MakeModel();
  EXPECT_EQ(ParseEndpoint(model, "Internet")->kind, Endpoint::Kind::kInternet);
  EXPECT_EQ(ParseEndpoint(model, "10.0.0.0/8")->cidr, "10.0.0.0/8");
  EXPECT_EQ(ParseEndpoint(model, "203.0.113.7")->cidr, "203.0.113.7/32");
  EXPECT_EQ(ParseEndpoint(model, "Web")->resource, 0u);
  EXPECT_EQ(ParseEndpoint(model, "WebSG")->resource, 1u);
  EXPECT_EQ(ParseEndpoint(model, "Private")->resource, 3u);
  EXPECT_EQ(ParseEndpoint(model, "Wbe").status().message(),
            "unknown resource \"Wbe\"; closest: Web, WebSG, Private");
  EXPECT_EQ(ParseEndpoint(model, "Igw").status().message(),
            "\"Igw\" is a AWS::EC2::InternetGateway, not a workload, security "
            "group or subnet");
  EXPECT_THAT(
      std::string(ParseEndpoint(model, "10.0.0.1/8").status().message()),
      HasSubstr("host bits set"));
}

TEST(ReachReportTest, TrafficFilterAndRestrict) {
  EXPECT_FALSE(TrafficFilter(70000, "").ok());
  EXPECT_FALSE(TrafficFilter(std::nullopt, "tpc").ok());
  EXPECT_FALSE(TrafficFilter(7, "icmp").ok());
  const ReachResult result = MakeResult();
  ReachResult only_22 = RestrictReach(result, *TrafficFilter(22, "tcp"));
  EXPECT_TRUE(only_22.reachable.empty());
  EXPECT_TRUE(only_22.flows.empty());
  ASSERT_EQ(only_22.stopped.size(), 1u);
  ReachResult udp = RestrictReach(result, *TrafficFilter(std::nullopt, "udp"));
  EXPECT_TRUE(udp.flows.empty() && udp.stopped.empty());
  ReachResult any = RestrictReach(result, *TrafficFilter(std::nullopt, ""));
  EXPECT_EQ(any.flows.size(), 1u);
  EXPECT_EQ(any.stopped.size(), 1u);
}

TEST(ReachReportTest, Text) {
  EXPECT_EQ(
      FormatReachText(MakeModel(), {"internet", "Web"}, MakeResult()),
      "internet -> Web: reachable\n"
      "  tcp ports 443 from 0.0.0.0/0 to 10.0.2.0/24\n"
      "    -> route Routes: route 0.0.0.0/0 -> internet-gateway Igw "
      "(net.yaml:3:3)\n"
      "    -> security-group-ingress WebSG: ingress tcp 443 from 0.0.0.0/0 "
      "(net.yaml:9:11)\n"
      "  stopped: tcp ports 22 from 0.0.0.0/0 to 10.0.2.0/24\n"
      "    stopped by network-acl-inbound (default network ACL): default "
      "deny (*)\n");
  EXPECT_EQ(FormatReachText(MakeModel(), {"internet", "Web"}, ReachResult()),
            "internet -> Web: not reachable\n");
}

TEST(ReachReportTest, Json) {
  const std::string text =
      FormatReachJson(MakeModel(), {"internet", "Web"}, MakeResult());
  EXPECT_EQ(text.back(), '\n');
  EXPECT_EQ(nlohmann::ordered_json::parse(text).dump(),
            nlohmann::ordered_json::parse(R"json({
    "from": "internet", "to": "Web",
    "reachable": [{"protocol": "tcp", "sources": ["0.0.0.0/0"],
                   "destinations": ["10.0.2.0/24"], "ports": ["443"]}],
    "flows": [{"packets": [{"protocol": "tcp", "sources": ["0.0.0.0/0"],
                            "destinations": ["10.0.2.0/24"], "ports": ["443"]}],
               "steps": [{"kind": "route", "resource": "Routes",
                          "rule": "route 0.0.0.0/0 -> internet-gateway Igw",
                          "file": "net.yaml", "line": 3, "column": 3},
                         {"kind": "security-group-ingress", "resource": "WebSG",
                          "rule": "ingress tcp 443 from 0.0.0.0/0",
                          "file": "net.yaml", "line": 9, "column": 11}]}],
    "stopped": [{"packets": [{"protocol": "tcp", "sources": ["0.0.0.0/0"],
                              "destinations": ["10.0.2.0/24"], "ports": ["22"]}],
                 "stopped_by": {"kind": "network-acl-inbound", "resource": "",
                                "rule": "default deny (*)", "file": "",
                                "line": 0, "column": 0}}]})json")
                .dump());
}

TEST(ReachReportTest, Dot) {
  const std::string dot =
      FormatReachDot(MakeModel(), {"internet", "Web"}, MakeResult());
  EXPECT_THAT(dot, HasSubstr("digraph reach {\n"));
  EXPECT_THAT(dot, HasSubstr("\"source\" -> \"route:r2\" [color=green, "
                             "fontcolor=green, label=\"route 0.0.0.0/0 -> "
                             "internet-gateway Igw\"];"));
  EXPECT_THAT(dot, HasSubstr("\"security-group-ingress:r1\" -> "
                             "\"destination\" [color=green, fontcolor=green, "
                             "label=\"tcp 443\"];"));
  EXPECT_THAT(dot, HasSubstr("\"network-acl-inbound:default\" -> "
                             "\"destination\" [color=red, fontcolor=red, "
                             "label=\"stopped: default deny (*)\"];"));
  EXPECT_THAT(dot, HasSubstr("\"network-acl-inbound:default\" [label=\"network-"
                             "acl-inbound\\n(default network ACL)\", "
                             "color=red];"));
}

TEST(ReachReportTest, Exposure) {
  const Model model = MakeModel();
  std::vector<Exposure> exposures = {{.workload = 0, .reach = MakeResult()}};
  EXPECT_EQ(FormatExposureText(model, exposures),
            "instance Web (net.yaml:1:3)\n"
            "  tcp ports 443 from 0.0.0.0/0 to 10.0.2.0/24\n"
            "    -> route Routes: route 0.0.0.0/0 -> internet-gateway Igw "
            "(net.yaml:3:3)\n"
            "    -> security-group-ingress WebSG: ingress tcp 443 from "
            "0.0.0.0/0 (net.yaml:9:11)\n"
            "1 workload reachable from the internet\n");
  EXPECT_EQ(FormatExposureText(model, {}),
            "no workload is reachable from the internet\n");
  nlohmann::json json =
      nlohmann::json::parse(FormatExposureJson(model, exposures));
  EXPECT_EQ(json["exposed"][0]["workload"], "Web");
  EXPECT_EQ(json["exposed"][0]["kind"], "instance");
  EXPECT_EQ(json["exposed"][0]["line"], 1);
  EXPECT_TRUE(RestrictExposures(exposures, *TrafficFilter(22, "tcp")).empty());
  EXPECT_EQ(RestrictExposures(exposures, *TrafficFilter(443, "tcp")).size(),
            1u);
  EXPECT_THAT(FormatExposureDot(model, exposures),
              HasSubstr("\"workload:0\" [label=\"instance\\nWeb\", "
                        "shape=box3d, color=green];"));
}

}  // namespace
}  // namespace polygraph::net
