// Module calls (module_calls.cc), through whole configurations.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/terraform/terraform_testing.h"

namespace polygraph::terraform {
namespace {

using testing::Addresses;
using ::testing::AllOf;
using ::testing::ElementsAre;
using testing::Evaluated;
using testing::EvaluateTree;
using testing::FindInstance;
using ::testing::HasSubstr;
using testing::TempTree;

TEST(ModuleCallsTest, LocalModulesTakeInputsAndGiveOutputs) {
  TempTree tree;
  tree.Write("main.tf", R"(
module "network" {
  source = "./modules/network"
  cidr   = "10.1.0.0/16"
}
module "remote" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.0.0"
}
resource "aws_security_group" "app" {
  vpc_id = module.network.vpc_id
  name   = module.network.name
  tags   = { remote = module.remote.vpc_id }
}
)");
  tree.Write("modules/network/main.tf", R"(
variable "cidr" {}
resource "aws_vpc" "this" { cidr_block = var.cidr }
module "subnets" {
  source = "../subnets"
  count  = 2
  vpc_id = aws_vpc.this.id
  cidr   = cidrsubnet(var.cidr, 8, count.index)
}
output "vpc_id" { value = aws_vpc.this.id }
output "name" { value = "net-${var.cidr}" }
)");
  tree.Write("modules/subnets/main.tf", R"(
variable "vpc_id" {}
variable "cidr" {}
resource "aws_subnet" "this" {
  vpc_id     = var.vpc_id
  cidr_block = var.cidr
}
)");
  Evaluated evaluated = EvaluateTree(tree);
  EXPECT_THAT(
      Addresses(evaluated.config),
      ElementsAre("aws_security_group.app", "module.network.aws_vpc.this",
                  "module.network.module.subnets[0].aws_subnet.this",
                  "module.network.module.subnets[1].aws_subnet.this"));
  const TfValue& vpc_id =
      evaluated.Attribute("aws_security_group.app", "vpc_id");
  EXPECT_EQ(vpc_id.resource_address, "module.network.aws_vpc.this");
  EXPECT_EQ(evaluated.Attribute("aws_security_group.app", "name").text,
            "net-10.1.0.0/16");
  EXPECT_EQ(evaluated
                .Attribute("module.network.module.subnets[1].aws_subnet.this",
                           "cidr_block")
                .text,
            "10.1.1.0/24");
  EXPECT_EQ(evaluated
                .Attribute("module.network.module.subnets[0].aws_subnet.this",
                           "vpc_id")
                .resource_address,
            "module.network.aws_vpc.this");
  const ResourceInstance* subnet = FindInstance(
      evaluated.config, "module.network.module.subnets[0].aws_subnet.this");
  EXPECT_EQ(subnet->module_path, "module.network.module.subnets[0]");
  EXPECT_THAT(subnet->location.file, HasSubstr("modules/subnets/main.tf"));
  EXPECT_FALSE(evaluated.Attribute("aws_security_group.app", "tags")
                   .Find("remote")
                   ->is_known());
  EXPECT_THAT(evaluated.Messages(Diagnostic::Level::kNote),
              ::testing::Contains(HasSubstr("module.remote is not read")));
}

TEST(ModuleCallsTest, AModuleThatCallsItselfIsAnError) {
  TempTree tree;
  tree.Write("main.tf", R"(
module "again" { source = "./" }
resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }
)");
  Evaluated evaluated = EvaluateTree(tree);
  EXPECT_THAT(Addresses(evaluated.config), ElementsAre("aws_vpc.v"));
  EXPECT_THAT(evaluated.Messages(Diagnostic::Level::kError),
              ElementsAre(AllOf(HasSubstr("main.tf:2:1"),
                                HasSubstr("already calling it"))));
}

}  // namespace
}  // namespace polygraph::terraform
