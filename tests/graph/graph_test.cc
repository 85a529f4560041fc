#include "polygraph/graph.h"

#include <string>
#include <utility>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace polygraph {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

size_t AddResource(ModelBuilder& builder, std::string name, ResourceKind kind,
                   std::string type, int line) {
  Resource resource;
  resource.name = std::move(name);
  resource.type = std::move(type);
  resource.kind = kind;
  resource.location = {"t.yaml", line, 3};
  return builder.AddResource(std::move(resource));
}

// An ingress rule of `group` from `peer_group` (when set) or `cidr`.
SecurityGroupRule Rule(size_t group, std::string protocol, int from_port,
                       int to_port, size_t peer_group, std::string cidr = "") {
  SecurityGroupRule rule;
  rule.group = group;
  rule.protocol = std::move(protocol);
  rule.from_port = from_port;
  rule.to_port = to_port;
  rule.peer_group = peer_group;
  rule.cidr = std::move(cidr);
  return rule;
}

// A VPC, an app and a database group (the database admits the app on 3306,
// twice), a role with an inline policy, and a bucket.
Model ThreeTierModel() {
  ModelBuilder builder;
  builder.AddFile("t.yaml");
  size_t vpc =
      AddResource(builder, "Vpc", ResourceKind::kVpc, "AWS::EC2::VPC", 2);
  size_t app = AddResource(builder, "AppSG", ResourceKind::kSecurityGroup,
                           "AWS::EC2::SecurityGroup", 5);
  size_t db = AddResource(builder, "DbSG", ResourceKind::kSecurityGroup,
                          "AWS::EC2::SecurityGroup", 12);
  size_t role = AddResource(builder, "AppRole", ResourceKind::kRole,
                            "AWS::IAM::Role", 20);
  size_t bucket = AddResource(builder, "Assets", ResourceKind::kBucket,
                              "AWS::S3::Bucket", 30);
  builder.AddReference({app, vpc, "", "VpcId", {"t.yaml", 7, 14}});
  builder.AddReference({db, vpc, "", "VpcId", {"t.yaml", 14, 14}});
  builder.AddReference(
      {db, app, "GroupId", "SecurityGroupIngress", {"t.yaml", 16, 30}});
  builder.AddReference({db, 99, "", "Dangling", {"t.yaml", 17, 3}});
  builder.AddSecurityGroupRule(
      Rule(app, "tcp", 443, 443, kNoResource, "0.0.0.0/0"));
  builder.AddSecurityGroupRule(Rule(db, "tcp", 3306, 3306, app));
  builder.AddSecurityGroupRule(Rule(db, "tcp", 3306, 3306, app));
  SecurityGroupRule outside = Rule(db, "tcp", 3306, 3306, kNoResource);
  outside.peer_group_id = "sg-0123abcd";
  builder.AddSecurityGroupRule(outside);
  SecurityGroupRule egress = Rule(db, "-1", -1, -1, app);
  egress.ingress = false;
  builder.AddSecurityGroupRule(egress);

  iam::Statement statement;
  statement.effect = iam::Effect::kAllow;
  statement.actions = {{"s3:GetObject", {"t.yaml", 25, 20}}};
  statement.resources = {{"arn:aws:s3:::assets/*", {"t.yaml", 26, 22}}};
  statement.has_resource = true;
  iam::Policy policy;
  policy.version = "2012-10-17";
  policy.location = {"t.yaml", 23, 9};
  policy.statements = {statement};
  builder.AddPolicy({role, "ReadAssets", iam::PolicyKind::kIdentity, policy});

  Bucket assets;
  assets.resource = bucket;
  assets.bucket_name = "assets";
  assets.public_access_block.present = true;
  assets.public_access_block.block_public_acls = {
      true, true, {"t.yaml", 33, 26}};
  assets.public_access_block.block_public_policy = {
      false, true, {"t.yaml", 34, 28}};
  builder.AddBucket(assets);
  return std::move(builder).Build();
}

TEST(GraphTest, NodesForEveryResourceThenEveryPolicy) {
  Model model = ThreeTierModel();
  Graph graph = Graph::Build(model);
  ASSERT_EQ(graph.nodes().size(), 6u);
  EXPECT_EQ(graph.nodes()[1].kind, "security_group");
  EXPECT_EQ(graph.nodes()[1].name, "AppSG");
  EXPECT_EQ(graph.nodes()[1].resource, 1u);
  EXPECT_EQ(graph.nodes()[1].policy, kNoResource);
  EXPECT_EQ(graph.nodes()[5].kind, "policy");
  EXPECT_EQ(graph.nodes()[5].name, "ReadAssets");
  EXPECT_EQ(graph.nodes()[5].resource, kNoResource);
  EXPECT_EQ(graph.nodes()[5].policy, 0u);
}

TEST(GraphTest, EdgesForReferencesAttachmentsAndPeers) {
  Model model = ThreeTierModel();
  Graph graph = Graph::Build(model);
  // The dangling reference, the repeated rule and the egress rule add nothing.
  ASSERT_EQ(graph.edges().size(), 5u);
  const std::vector<GraphEdge>& edges = graph.edges();
  EXPECT_EQ(edges[0].from, 1u);
  EXPECT_EQ(edges[0].to, 0u);
  EXPECT_EQ(edges[0].kind, EdgeKind::kReferences);
  EXPECT_EQ(edges[0].label, "VpcId");
  EXPECT_EQ(edges[2].label, "SecurityGroupIngress");
  EXPECT_EQ(edges[3].from, 5u);
  EXPECT_EQ(edges[3].to, 3u);
  EXPECT_EQ(edges[3].kind, EdgeKind::kAttachedTo);
  EXPECT_EQ(edges[3].label, "identity");
  EXPECT_EQ(edges[4].from, 2u);
  EXPECT_EQ(edges[4].to, 1u);
  EXPECT_EQ(edges[4].kind, EdgeKind::kAllowsFrom);
  EXPECT_EQ(edges[4].label, "tcp 3306");
}

TEST(GraphTest, SuccessorsAreEverythingReachable) {
  Model model = ThreeTierModel();
  Graph graph = Graph::Build(model);
  EXPECT_THAT(graph.Successors(2), ElementsAre(0u, 1u));
  EXPECT_THAT(graph.Successors(5), ElementsAre(3u));
  EXPECT_THAT(graph.Successors(0), IsEmpty());
  EXPECT_THAT(graph.Successors(42), IsEmpty());
}

TEST(GraphTest, SuccessorsOfACycleExcludeTheStart) {
  ModelBuilder builder;
  size_t a = AddResource(builder, "A", ResourceKind::kSecurityGroup,
                         "AWS::EC2::SecurityGroup", 1);
  size_t b = AddResource(builder, "B", ResourceKind::kSecurityGroup,
                         "AWS::EC2::SecurityGroup", 2);
  builder.AddSecurityGroupRule(Rule(a, "-1", -1, -1, b));
  builder.AddSecurityGroupRule(Rule(b, "udp", 53, 53, a));
  Model model = std::move(builder).Build();
  Graph graph = Graph::Build(model);
  EXPECT_THAT(graph.Successors(a), ElementsAre(b));
  EXPECT_THAT(graph.Successors(b), ElementsAre(a));
  EXPECT_EQ(graph.edges()[0].label, "all traffic");
  EXPECT_EQ(graph.edges()[1].label, "udp 53");
}

TEST(GraphTest, EmptyModel) {
  Model model;
  Graph graph = Graph::Build(model);
  EXPECT_THAT(graph.nodes(), IsEmpty());
  EXPECT_EQ(graph.ToDot(),
            "digraph polygraph {\n  rankdir=LR;\n  node [shape=box];\n}\n");
  nlohmann::json json = nlohmann::json::parse(graph.ToJson());
  EXPECT_EQ(json, nlohmann::json::parse(R"({"nodes": [], "edges": []})"));
}

TEST(GraphTest, MovesKeepTheGraph) {
  Model model = ThreeTierModel();
  Graph graph = Graph::Build(model);
  Graph moved = std::move(graph);
  EXPECT_EQ(moved.nodes().size(), 6u);
  Graph other = Graph::Build(Model());
  other = std::move(moved);
  EXPECT_EQ(other.edges().size(), 5u);
}

TEST(GraphDotTest, NodesAndLabelledEdges) {
  Model model = ThreeTierModel();
  std::string dot = Graph::Build(model).ToDot();
  EXPECT_THAT(dot, HasSubstr("digraph polygraph {\n"));
  EXPECT_THAT(dot, HasSubstr("  n1 [label=\"security_group\\nAppSG\"];\n"));
  EXPECT_THAT(dot,
              HasSubstr("  n5 [label=\"policy\\nReadAssets\", shape=note];\n"));
  EXPECT_THAT(dot, HasSubstr("  n1 -> n0 [label=\"VpcId\"];\n"));
  EXPECT_THAT(dot,
              HasSubstr("  n5 -> n3 [label=\"identity\", style=dashed];\n"));
  EXPECT_THAT(dot,
              HasSubstr("  n2 -> n1 [label=\"tcp 3306\", color=firebrick];\n"));
  EXPECT_EQ(dot.back(), '\n');
}

TEST(GraphDotTest, EscapesQuotesBackslashesAndLineBreaks) {
  ModelBuilder builder;
  AddResource(builder, "say \"hi\"\\\nthere\x01", ResourceKind::kOther, "X", 1);
  Model model = std::move(builder).Build();
  std::string dot = Graph::Build(model).ToDot();
  EXPECT_THAT(dot,
              HasSubstr("n0 [label=\"other\\nsay \\\"hi\\\"\\\\\\nthere\"];"));
  EXPECT_THAT(dot, Not(HasSubstr("\x01")));
}

TEST(GraphJsonTest, ResourcesUnderAConditionSayWhichWasAssumed) {
  ModelBuilder builder;
  Resource conditional;
  conditional.name = "Audit";
  conditional.type = "AWS::S3::Bucket";
  conditional.assumed_condition =
      "\"IsProd\", true because Env is \"prod\" by default";
  builder.AddResource(std::move(conditional));
  AddResource(builder, "Always", ResourceKind::kOther, "X", 2);
  Model model = std::move(builder).Build();
  nlohmann::json json = nlohmann::json::parse(Graph::Build(model).ToJson());
  EXPECT_EQ(json["nodes"][0]["assumed_condition"],
            "\"IsProd\", true because Env is \"prod\" by default");
  EXPECT_FALSE(json["nodes"][1].contains("assumed_condition"));
}

TEST(GraphJsonTest, NodesCarryTypeLocationAndAttributes) {
  Model model = ThreeTierModel();
  nlohmann::json json = nlohmann::json::parse(Graph::Build(model).ToJson());
  ASSERT_EQ(json["nodes"].size(), 6u);
  const nlohmann::json& app = json["nodes"][1];
  EXPECT_EQ(app["id"], 1);
  EXPECT_EQ(app["kind"], "security_group");
  EXPECT_EQ(app["name"], "AppSG");
  EXPECT_EQ(app["type"], "AWS::EC2::SecurityGroup");
  EXPECT_EQ(app["file"], "t.yaml");
  EXPECT_EQ(app["line"], 5);
  EXPECT_EQ(app["column"], 3);
  EXPECT_EQ(app["attributes"]["rules"],
            nlohmann::json::parse(R"([{"direction": "ingress",
      "protocol": "tcp", "from_port": 443, "to_port": 443, "cidr": "0.0.0.0/0"}])"));
  EXPECT_EQ(app["attributes"]["cidrs"],
            nlohmann::json::parse(R"(["0.0.0.0/0"])"));

  const nlohmann::json& db_rules = json["nodes"][2]["attributes"]["rules"];
  ASSERT_EQ(db_rules.size(), 4u);
  EXPECT_EQ(db_rules[0]["peer"], "AppSG");
  EXPECT_FALSE(db_rules[0].contains("cidr"));
  EXPECT_EQ(db_rules[2]["peer"], "sg-0123abcd");
  EXPECT_EQ(db_rules[3]["direction"], "egress");
  EXPECT_EQ(db_rules[3]["protocol"], "-1");
}

TEST(GraphJsonTest, BucketPublicAccessBlock) {
  Model model = ThreeTierModel();
  nlohmann::json json = nlohmann::json::parse(Graph::Build(model).ToJson());
  const nlohmann::json& bucket = json["nodes"][4]["attributes"];
  EXPECT_EQ(bucket["bucket_name"], "assets");
  EXPECT_EQ(bucket["public_access_block"],
            nlohmann::json::parse(R"({"block_public_acls": true,
      "ignore_public_acls": null, "block_public_policy": false,
      "restrict_public_buckets": null})"));
}

TEST(GraphJsonTest, BucketWithoutPublicAccessBlock) {
  ModelBuilder builder;
  size_t bucket =
      AddResource(builder, "Logs", ResourceKind::kBucket, "AWS::S3::Bucket", 1);
  Bucket logs;
  logs.resource = bucket;
  builder.AddBucket(logs);
  Model model = std::move(builder).Build();
  nlohmann::json json = nlohmann::json::parse(Graph::Build(model).ToJson());
  EXPECT_TRUE(json["nodes"][0]["attributes"]["public_access_block"].is_null());
}

TEST(GraphJsonTest, VpcAndSubnetCidrs) {
  ModelBuilder builder;
  size_t vpc =
      AddResource(builder, "Vpc", ResourceKind::kVpc, "AWS::EC2::VPC", 1);
  size_t extra = AddResource(builder, "Extra", ResourceKind::kOther,
                             "AWS::EC2::VPCCidrBlock", 5);
  size_t subnet = AddResource(builder, "Private", ResourceKind::kSubnet,
                              "AWS::EC2::Subnet", 9);
  builder.AddNetworkBlock(
      {vpc, vpc, false, "10.0.0.0/16", "", {"t.yaml", 3, 18}});
  builder.AddNetworkBlock(
      {extra, vpc, false, "100.64.0.0/16", "", {"t.yaml", 7, 18}});
  builder.AddNetworkBlock(
      {subnet, vpc, true, "10.0.10.0/24", "us-east-1a", {"t.yaml", 11, 18}});
  Model model = std::move(builder).Build();
  nlohmann::json json = nlohmann::json::parse(Graph::Build(model).ToJson());
  EXPECT_EQ(
      json["nodes"][0]["attributes"],
      nlohmann::json::parse(R"({"cidrs": ["10.0.0.0/16", "100.64.0.0/16"]})"));
  EXPECT_EQ(json["nodes"][2]["attributes"], nlohmann::json::parse(R"({"cidrs":
      ["10.0.10.0/24"], "vpc": "Vpc", "availability_zone": "us-east-1a"})"));
}

TEST(GraphJsonTest, PolicyStatementsAndEdges) {
  Model model = ThreeTierModel();
  nlohmann::json json = nlohmann::json::parse(Graph::Build(model).ToJson());
  const nlohmann::json& policy = json["nodes"][5];
  EXPECT_EQ(policy["kind"], "policy");
  EXPECT_EQ(policy["line"], 23);
  EXPECT_EQ(policy["attributes"],
            nlohmann::json::parse(R"({"policy_kind": "identity",
      "owner": "AppRole", "statements": [{"effect": "Allow", "actions": ["s3:GetObject"],
      "resources": ["arn:aws:s3:::assets/*"]}]})"));
  EXPECT_EQ(json["edges"][4], nlohmann::json::parse(R"({"from": 2, "to": 1,
      "kind": "allows_from", "label": "tcp 3306"})"));
}

TEST(GraphJsonTest, InvalidUtf8IsReplacedNotThrown) {
  ModelBuilder builder;
  AddResource(builder, "bad\xff name", ResourceKind::kOther, "X", 1);
  Model model = std::move(builder).Build();
  std::string text = Graph::Build(model).ToJson();
  nlohmann::json json = nlohmann::json::parse(text);
  EXPECT_EQ(json["nodes"][0]["name"], "bad\xEF\xBF\xBD name");
}

}  // namespace
}  // namespace polygraph
