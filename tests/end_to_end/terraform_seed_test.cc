// The guide's Terraform (examples/seed/terraform), read by the Terraform
// front-end from the files as written: the VPC's subnets with the CIDRs
// Terraform computes from count and cidrsubnet, the security-group chain
// ALB -> app -> database linked by group references, no egress rules
// (Terraform removes AWS's default allow-all), the load balancer and the
// Aurora cluster as workloads in the right subnets and groups, and what
// PG-NET-002 concludes from it. tests/end_to_end/seed_network_test.cc
// builds the same network by hand, with the ECS service the guide does not
// write.

#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "polygraph/check.h"
#include "polygraph/loader.h"
#include "polygraph/model.h"
#include "polygraph/network_model.h"
#include "tests/testing.h"

namespace polygraph::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

const std::string kFolder = SourcePath("examples/seed/terraform");

// The 1-based line of `file` (in kFolder) holding `needle`.
int LineOf(const std::string& file, const std::string& needle) {
  std::ifstream in(kFolder + "/" + file);
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (line.find(needle) != std::string::npos) return number;
  }
  ADD_FAILURE() << needle << " not in " << file;
  return 0;
}

class TerraformSeedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<LoadResult> loaded = LoadPaths({kFolder}, {});
    ASSERT_TRUE(loaded.ok()) << loaded.status();
    model_ = std::move(loaded->model);
    for (size_t i = 0; i < model_.resources().size(); ++i) {
      index_[model_.resources()[i].name] = i;
    }
  }
  size_t Index(const std::string& name) {
    auto it = index_.find(name);
    EXPECT_NE(it, index_.end()) << name;
    return it == index_.end() ? kNoResource : it->second;
  }
  std::string Name(size_t index) {
    return index < model_.resources().size() ? model_.resources()[index].name
                                             : "(none)";
  }

  Model model_;
  std::map<std::string, size_t> index_;
};

TEST_F(TerraformSeedTest, SubnetsAreTheOnesCountAndCidrsubnetMake) {
  std::map<std::string, std::string> cidrs;
  for (const Subnet& subnet : model_.subnets()) {
    EXPECT_EQ(subnet.vpc, Index("aws_vpc.main")) << Name(subnet.resource);
    cidrs[Name(subnet.resource)] = subnet.ipv4_cidr;
  }
  EXPECT_EQ(cidrs, (std::map<std::string, std::string>{
                       {"aws_subnet.public[0]", "10.0.0.0/24"},
                       {"aws_subnet.public[1]", "10.0.1.0/24"},
                       {"aws_subnet.public[2]", "10.0.2.0/24"},
                       {"aws_subnet.private[0]", "10.0.10.0/24"},
                       {"aws_subnet.private[1]", "10.0.11.0/24"},
                       {"aws_subnet.private[2]", "10.0.12.0/24"}}));
  const Resource& first = model_.resources()[Index("aws_subnet.private[0]")];
  EXPECT_EQ(first.type, "aws_subnet");
  EXPECT_EQ(first.format, SourceFormat::kTerraform);
  EXPECT_EQ(first.location,
            (SourceLocation{
                kFolder + "/vpc.tf",
                LineOf("vpc.tf", "resource \"aws_subnet\" \"private\""), 1}));
  // The VPC block and the subnets' blocks as an address plan sees them.
  std::vector<std::string> vpc_blocks;
  for (const NetworkBlock& block : model_.network_blocks()) {
    if (!block.subnet) vpc_blocks.push_back(block.cidr);
  }
  EXPECT_THAT(vpc_blocks, ElementsAre("10.0.0.0/16"));
}

TEST_F(TerraformSeedTest, TheChainIsLinkedByGroupReferencesWithoutEgress) {
  std::vector<std::string> rules;
  for (const SecurityGroupRule& rule : model_.security_group_rules()) {
    rules.push_back(
        Name(rule.group) + (rule.ingress ? " in " : " out ") + rule.protocol +
        "/" + std::to_string(rule.from_port) + "-" +
        std::to_string(rule.to_port) + " " +
        (rule.peer_group != kNoResource ? Name(rule.peer_group) : rule.cidr));
  }
  EXPECT_THAT(rules, UnorderedElementsAre(
                         "aws_security_group.alb in tcp/443-443 0.0.0.0/0",
                         "aws_security_group.app in tcp/3000-3000 "
                         "aws_security_group.alb",
                         "aws_security_group.db in tcp/3306-3306 "
                         "aws_security_group.app",
                         "aws_security_group.aurora in tcp/3306-3306 "
                         "aws_security_group.app"));
  ASSERT_EQ(model_.security_groups().size(), 4u);
  for (const SecurityGroup& group : model_.security_groups()) {
    EXPECT_FALSE(group.default_egress) << Name(group.resource);
    EXPECT_EQ(group.vpc, Index("aws_vpc.main")) << Name(group.resource);
  }
}

TEST_F(TerraformSeedTest, LoadBalancerAndClusterAreWorkloadsInTheirTiers) {
  std::map<std::string, const Workload*> workloads;
  for (const Workload& workload : model_.workloads()) {
    workloads[Name(workload.resource)] = &workload;
  }
  ASSERT_TRUE(workloads.contains("aws_lb.main"));
  const Workload& alb = *workloads["aws_lb.main"];
  EXPECT_THAT(alb.security_groups,
              ElementsAre(Index("aws_security_group.alb")));
  EXPECT_THAT(alb.subnets, ElementsAre(Index("aws_subnet.public[0]"),
                                       Index("aws_subnet.public[1]"),
                                       Index("aws_subnet.public[2]")));
  ASSERT_TRUE(workloads.contains("aws_rds_cluster.aurora"));
  const Workload& aurora = *workloads["aws_rds_cluster.aurora"];
  EXPECT_THAT(aurora.security_groups,
              ElementsAre(Index("aws_security_group.aurora")));
  EXPECT_THAT(aurora.subnets, ElementsAre(Index("aws_subnet.private[0]"),
                                          Index("aws_subnet.private[1]"),
                                          Index("aws_subnet.private[2]")));
}

TEST_F(TerraformSeedTest, NoTierCanOpenAConnectionToTheNext) {
  CheckOptions options;
  options.only_rules = {"PG-NET-002"};
  absl::StatusOr<CheckResult> result = Check({kFolder}, options);
  ASSERT_TRUE(result.ok()) << result.status();
  std::vector<std::string> seen;
  for (const Finding& finding : result->findings) {
    seen.push_back(finding.resource + " " + finding.location.ToString());
  }
  const std::string vpc = kFolder + "/vpc.tf";
  const int alb = LineOf("vpc.tf", "resource \"aws_security_group\" \"alb\"");
  const int app = LineOf("vpc.tf", "resource \"aws_security_group\" \"app\"");
  EXPECT_THAT(
      seen,
      ElementsAre(
          "aws_security_group.alb " + SourceLocation{vpc, alb, 1}.ToString(),
          "aws_security_group.app " + SourceLocation{vpc, app, 1}.ToString(),
          "aws_security_group.app " + SourceLocation{vpc, app, 1}.ToString()));
  EXPECT_THAT(result->findings[0].fix,
              ::testing::HasSubstr("security_groups = "
                                   "[aws_security_group.app.id]"));
}

TEST_F(TerraformSeedTest, NothingIsLeftOutOrInError) {
  absl::StatusOr<LoadResult> loaded = LoadPaths({kFolder}, {});
  ASSERT_TRUE(loaded.ok());
  std::vector<std::string> errors;
  for (const Diagnostic& diagnostic : loaded->diagnostics) {
    if (diagnostic.level != Diagnostic::Level::kNote) {
      errors.push_back(diagnostic.ToString());
    }
  }
  EXPECT_THAT(errors, IsEmpty());
  EXPECT_EQ(loaded->model.files().size(), 5u);
}

}  // namespace
}  // namespace polygraph::testing
