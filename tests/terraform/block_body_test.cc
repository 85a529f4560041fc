// ModuleInstance::EvaluateBody (block_body.cc), through whole
// configurations.

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

TEST(BlockBodyTest, DynamicBlocksExpandIntoNestedBlockLists) {
  TempTree tree;
  tree.Write("main.tf", R"(
variable "ports" { default = [22, 443] }
resource "aws_security_group" "web" {
  name = "web"
  dynamic "ingress" {
    for_each = var.ports
    iterator = port
    content {
      from_port   = port.value
      to_port     = port.value
      protocol    = "tcp"
      cidr_blocks = ["0.0.0.0/0"]
    }
  }
  egress {
    from_port = 0
    to_port   = 0
    protocol  = "-1"
  }
}
)");
  Evaluated evaluated = EvaluateTree(tree);
  const TfValue& ingress =
      evaluated.Attribute("aws_security_group.web", "ingress");
  ASSERT_EQ(ingress.kind, TfValue::Kind::kList);
  ASSERT_EQ(ingress.items.size(), 2u);
  EXPECT_EQ(ingress.items[1].Find("from_port")->text, "443");
  const TfValue& egress =
      evaluated.Attribute("aws_security_group.web", "egress");
  ASSERT_EQ(egress.items.size(), 1u);
  EXPECT_EQ(egress.items[0].Find("protocol")->text, "-1");
}

}  // namespace
}  // namespace polygraph::terraform
