#include "terraform/evaluator.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/terraform/terraform_testing.h"
#include "tests/testing.h"

namespace polygraph::terraform {
namespace {

using ::polygraph::testing::StatusIs;
using testing::Addresses;
using ::testing::ElementsAre;
using testing::Evaluated;
using testing::EvaluateTree;
using testing::FindInstance;
using ::testing::HasSubstr;
using testing::TempTree;

TEST(EvaluatorTest, CountExpandsWithCidrsubnetAndLinksTheVpc) {
  TempTree tree;
  tree.Write("main.tf", R"(
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_subnet" "public" {
  count      = 3
  vpc_id     = aws_vpc.main.id
  cidr_block = cidrsubnet(aws_vpc.main.cidr_block, 8, count.index)
  tags = { Name = "public-${count.index}" }
}
)");
  Evaluated evaluated = EvaluateTree(tree);
  EXPECT_THAT(Addresses(evaluated.config),
              ElementsAre("aws_vpc.main", "aws_subnet.public[0]",
                          "aws_subnet.public[1]", "aws_subnet.public[2]"));
  EXPECT_EQ(evaluated.Attribute("aws_subnet.public[2]", "cidr_block").text,
            "10.0.2.0/24");
  const TfValue& vpc = evaluated.Attribute("aws_subnet.public[1]", "vpc_id");
  EXPECT_FALSE(vpc.is_known());
  EXPECT_EQ(vpc.resource_address, "aws_vpc.main");
  EXPECT_EQ(vpc.attribute, "id");
  EXPECT_EQ(vpc.location.line, 7);
  const TfValue& tags = evaluated.Attribute("aws_subnet.public[1]", "tags");
  ASSERT_NE(tags.Find("Name"), nullptr);
  EXPECT_EQ(tags.Find("Name")->text, "public-1");
  EXPECT_EQ(
      FindInstance(evaluated.config, "aws_subnet.public[0]")->location.line, 5);
}

TEST(EvaluatorTest, ForEachOverAMapAndASet) {
  TempTree tree;
  tree.Write("main.tf", R"(
locals {
  zones = { "us-east-1a" = "10.0.1.0/24", "us-east-1b" = "10.0.2.0/24" }
}
resource "aws_subnet" "az" {
  for_each          = local.zones
  availability_zone = each.key
  cidr_block        = each.value
}
resource "aws_iam_user" "u" {
  for_each = toset(["bob", "alice"])
  name     = each.value
}
)");
  Evaluated evaluated = EvaluateTree(tree);
  EXPECT_THAT(
      Addresses(evaluated.config),
      ElementsAre("aws_subnet.az[\"us-east-1a\"]",
                  "aws_subnet.az[\"us-east-1b\"]", "aws_iam_user.u[\"alice\"]",
                  "aws_iam_user.u[\"bob\"]"));
  EXPECT_EQ(
      evaluated.Attribute("aws_subnet.az[\"us-east-1b\"]", "cidr_block").text,
      "10.0.2.0/24");
}

TEST(EvaluatorTest, VariablesFromDefaultsFilesAndOptionsInTerraformOrder) {
  TempTree tree;
  tree.Write("variables.tf", R"(
variable "cidr" { default = "10.0.0.0/16" }
variable "env" { type = string }
variable "size" { type = number }
variable "name" { default = "a" }
variable "unset" {}
)");
  tree.Write("main.tf", R"(
resource "aws_vpc" "v" {
  cidr_block = var.cidr
  tags = { env = var.env, size = var.size + 1, name = var.name, other = var.unset }
}
)");
  tree.Write("terraform.tfvars", "env = \"dev\"\nname = \"from-tfvars\"\n");
  tree.Write("x.auto.tfvars", "name = \"from-auto\"\n");
  EvaluationOptions options;
  options.variables = {{"size", "4"}, {"env", "prod"}};
  Evaluated evaluated = EvaluateTree(tree, options);
  EXPECT_EQ(evaluated.Attribute("aws_vpc.v", "cidr_block").text, "10.0.0.0/16");
  const TfValue& tags = evaluated.Attribute("aws_vpc.v", "tags");
  EXPECT_EQ(tags.Find("env")->text, "prod");
  EXPECT_EQ(tags.Find("size")->text, "5");
  EXPECT_EQ(tags.Find("name")->text, "from-auto");
  EXPECT_FALSE(tags.Find("other")->is_known());
  EXPECT_EQ(tags.Find("other")->text, "var.unset");
  EXPECT_THAT(evaluated.Messages(Diagnostic::Level::kNote),
              ElementsAre(HasSubstr("variable \"unset\" has no value")));
}

TEST(EvaluatorTest,
     ReferenceCyclesAndUndefinedNamesAreDiagnosedAndTheRestRead) {
  TempTree tree;
  tree.Write("main.tf", R"(
locals {
  a = local.b
  b = local.a
}
resource "aws_vpc" "v" {
  cidr_block = local.a
  tags       = { x = var.missing }
}
resource "aws_subnet" "s" {
  count      = "two"
  cidr_block = "10.0.0.0/24"
}
resource "aws_vpc" "ok" {
  cidr_block = cidrsubnet("10.0.0.0/16", 4, 1)
}
)");
  Evaluated evaluated = EvaluateTree(tree);
  std::vector<std::string> errors =
      evaluated.Messages(Diagnostic::Level::kError);
  EXPECT_THAT(errors, ::testing::Contains(HasSubstr("Cycle: local.")));
  EXPECT_THAT(errors, ::testing::Contains(
                          AllOf(HasSubstr("main.tf:8:22"),
                                HasSubstr("undeclared input variable"))));
  EXPECT_THAT(errors,
              ::testing::Contains(AllOf(HasSubstr("main.tf:11:16"),
                                        HasSubstr("Invalid count argument"))));
  EXPECT_EQ(evaluated.Attribute("aws_vpc.ok", "cidr_block").text,
            "10.0.16.0/20");
  EXPECT_FALSE(evaluated.Attribute("aws_vpc.v", "cidr_block").is_known());
}

TEST(EvaluatorTest, FunctionErrorsAreLocatedAtTheCall) {
  TempTree tree;
  tree.Write("main.tf", R"(
resource "aws_vpc" "v" {
  cidr_block = cidrsubnet("10.0.0.0/30", 4, 1)
}
)");
  Evaluated evaluated = EvaluateTree(tree);
  EXPECT_THAT(evaluated.Messages(Diagnostic::Level::kError),
              ElementsAre(AllOf(HasSubstr("main.tf:3:16"),
                                HasSubstr("insufficient address space"))));
}

TEST(EvaluatorTest, SplatsForExpressionsAndTemplates) {
  TempTree tree;
  tree.Write("main.tf", R"(
resource "aws_subnet" "private" {
  count      = 2
  cidr_block = "10.0.${count.index}.0/24"
}
resource "aws_db_subnet_group" "db" {
  subnet_ids = aws_subnet.private[*].id
  name       = join(",", [for s in aws_subnet.private : s.cidr_block if s.cidr_block != ""])
  description = <<-EOT
    %{ for i, s in aws_subnet.private ~}
    ${i}:${s.cidr_block}
    %{ endfor ~}
  EOT
}
)");
  Evaluated evaluated = EvaluateTree(tree);
  const TfValue& ids =
      evaluated.Attribute("aws_db_subnet_group.db", "subnet_ids");
  ASSERT_EQ(ids.items.size(), 2u);
  EXPECT_EQ(ids.items[1].resource_address, "aws_subnet.private[1]");
  EXPECT_EQ(ids.items[1].attribute, "id");
  EXPECT_EQ(evaluated.Attribute("aws_db_subnet_group.db", "name").text,
            "10.0.0.0/24,10.0.1.0/24");
  EXPECT_EQ(evaluated.Attribute("aws_db_subnet_group.db", "description").text,
            "0:10.0.0.0/24\n1:10.0.1.0/24\n");
}

TEST(EvaluatorTest, UnknownCountGivesOneRepresentativeInstance) {
  TempTree tree;
  tree.Write("main.tf", R"(
variable "azs" { type = list(string) }
resource "aws_subnet" "s" {
  count             = length(var.azs)
  availability_zone = var.azs[count.index]
  cidr_block        = cidrsubnet("10.0.0.0/16", 8, count.index)
}
resource "aws_route_table_association" "a" {
  subnet_id = aws_subnet.s[0].id
}
)");
  Evaluated evaluated = EvaluateTree(tree);
  EXPECT_THAT(Addresses(evaluated.config),
              ElementsAre("aws_subnet.s[*]", "aws_route_table_association.a"));
  EXPECT_FALSE(evaluated.Attribute("aws_subnet.s[*]", "cidr_block").is_known());
  const TfValue& subnet =
      evaluated.Attribute("aws_route_table_association.a", "subnet_id");
  EXPECT_EQ(subnet.resource_address, "aws_subnet.s[*]");
  EXPECT_EQ(subnet.attribute, "id");
}

TEST(EvaluatorTest, UnknownsInsideStringsStayTemplates) {
  TempTree tree;
  tree.Write("main.tf", R"(
resource "aws_s3_bucket" "b" { bucket = "logs" }
resource "aws_iam_policy" "p" {
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = "s3:GetObject",
                   Resource = "${aws_s3_bucket.b.arn}/*" }]
  })
  name = "read-${aws_s3_bucket.b.bucket}"
}
)");
  Evaluated evaluated = EvaluateTree(tree);
  EXPECT_EQ(evaluated.Attribute("aws_iam_policy.p", "name").text, "read-logs");
  const TfValue& policy = evaluated.Attribute("aws_iam_policy.p", "policy");
  EXPECT_FALSE(policy.is_known());
}

TEST(EvaluatorTest, MissingFilesStaySymbolicWithAWarning) {
  TempTree tree;
  tree.Write("policy.json", "{\"Statement\": []}");
  tree.Write("main.tf", R"(
resource "aws_iam_policy" "p" { policy = file("${path.module}/policy.json") }
resource "aws_lambda_function" "f" {
  source_code_hash = filebase64sha256("build/lambda.zip")
}
)");
  Evaluated evaluated = EvaluateTree(tree);
  EXPECT_EQ(evaluated.Attribute("aws_iam_policy.p", "policy").text,
            "{\"Statement\": []}");
  EXPECT_FALSE(evaluated.Attribute("aws_lambda_function.f", "source_code_hash")
                   .is_known());
  EXPECT_THAT(evaluated.Messages(Diagnostic::Level::kWarning),
              ElementsAre(AllOf(HasSubstr("main.tf:4:22"),
                                HasSubstr("build/lambda.zip"),
                                HasSubstr("stays symbolic"))));
  EXPECT_THAT(evaluated.Messages(Diagnostic::Level::kError),
              ::testing::IsEmpty());
}

TEST(EvaluatorTest, ConfiguredNamesReadThroughReferencesKeepTheirOrigin) {
  TempTree tree;
  tree.Write("main.tf", R"(
resource "aws_db_subnet_group" "private" { name = "private" }
resource "aws_db_instance" "a" { db_subnet_group_name = aws_db_subnet_group.private.name }
resource "aws_db_instance" "b" { db_subnet_group_name = aws_db_subnet_group.private.name }
)");
  Evaluated evaluated = EvaluateTree(tree);
  for (const char* address : {"aws_db_instance.a", "aws_db_instance.b"}) {
    const TfValue& name = evaluated.Attribute(address, "db_subnet_group_name");
    EXPECT_EQ(name.text, "private") << address;
    EXPECT_EQ(name.resource_address, "aws_db_subnet_group.private") << address;
    EXPECT_EQ(name.attribute, "name") << address;
  }
}

TEST(EvaluatorTest, DefaultsMustBeConstants) {
  TempTree tree;
  tree.Write("main.tf", R"(
variable "cidr" { default = local.base }
locals { base = "10.0.0.0/16" }
resource "aws_vpc" "v" { cidr_block = var.cidr }
)");
  Evaluated evaluated = EvaluateTree(tree);
  EXPECT_THAT(evaluated.Messages(Diagnostic::Level::kError),
              ElementsAre(AllOf(HasSubstr("main.tf:2:29"),
                                HasSubstr("Variables not allowed"))));
  EXPECT_FALSE(evaluated.Attribute("aws_vpc.v", "cidr_block").is_known());
}

TEST(EvaluatorTest, SyntaxErrorsAreStatuses) {
  TempTree tree;
  tree.Write("main.tf", "resource \"aws_vpc\" \"v\" {\n  cidr_block = \n}\n");
  std::vector<Diagnostic> diagnostics;
  absl::StatusOr<Configuration> config =
      EvaluateConfiguration(tree.Path(), {}, diagnostics);
  EXPECT_THAT(config, StatusIs(absl::StatusCode::kInvalidArgument,
                               HasSubstr("main.tf:2:")));
}

TEST(EvaluatorTest, DuplicateDeclarationsAreErrors) {
  TempTree tree;
  tree.Write("a.tf", "resource \"aws_vpc\" \"v\" {}\n");
  tree.Write("b.tf", "resource \"aws_vpc\" \"v\" {}\n");
  std::vector<Diagnostic> diagnostics;
  EXPECT_THAT(EvaluateConfiguration(tree.Path(), {}, diagnostics),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("b.tf:1:1"), HasSubstr("Duplicate"))));
}

TEST(EvaluatorTest, LocalModuleSourcesAreResolved) {
  TempTree tree;
  tree.Write("main.tf", R"(
module "a" { source = "./modules/a" }
module "b" { source = "../elsewhere" }
module "c" { source = "hashicorp/consul/aws" }
)");
  absl::StatusOr<std::vector<std::string>> sources =
      LocalModuleSources(tree.Path());
  ASSERT_TRUE(sources.ok()) << sources.status();
  ASSERT_EQ(sources->size(), 2u);
  EXPECT_THAT((*sources)[0], HasSubstr("/modules/a"));
  EXPECT_EQ(sources->at(1).find(".."), std::string::npos);
}

}  // namespace
}  // namespace polygraph::terraform
