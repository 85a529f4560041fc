#include "ingest/terraform.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ingest/load_paths.h"
#include "polygraph/loader.h"
#include "tests/terraform/terraform_testing.h"
#include "tests/testing.h"

namespace polygraph::ingest {
namespace {

using ::polygraph::testing::StatusIs;
using terraform::testing::TempTree;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::vector<std::string> Names(const Model& model) {
  std::vector<std::string> names;
  for (const Resource& resource : model.resources()) {
    names.push_back(resource.name);
  }
  return names;
}

TEST(TerraformFoldersTest, ModuleFoldersCalledByAnotherAreNotRoots) {
  TempTree tree;
  tree.Write("examples/complete/main.tf", R"(
module "bucket" {
  source = "../.."
  name   = "logs"
}
)");
  tree.Write("main.tf", R"(
variable "name" {}
resource "aws_s3_bucket" "this" { bucket = var.name }
)");
  ASSERT_OK_AND_ASSIGN(LoadResult result, ingest::LoadPaths({tree.Path()}, {}));
  EXPECT_THAT(Names(result.model),
              ElementsAre("module.bucket.aws_s3_bucket.this"));
  ASSERT_EQ(result.model.buckets().size(), 1u);
  EXPECT_EQ(result.model.resources()[0].format, SourceFormat::kTerraform);
  EXPECT_EQ(result.model.resources()[0].type, "aws_s3_bucket");
  EXPECT_EQ(result.model.resources()[0].location,
            (SourceLocation{tree.Path("main.tf"), 3, 1}));
}

TEST(TerraformFoldersTest, VariablesGivenReachEveryRootThatDeclaresThem) {
  TempTree tree;
  tree.Write("a/main.tf", R"(
variable "cidr" { default = "10.0.0.0/16" }
resource "aws_vpc" "a" { cidr_block = var.cidr }
)");
  tree.Write("b/main.tf", R"(
variable "cidr" {}
resource "aws_vpc" "b" { cidr_block = var.cidr }
)");
  tree.Write("b/prod.tfvars", "cidr = \"10.9.0.0/16\"\n");
  LoadOptions options;
  options.terraform_variables = {{"cidr", "10.1.0.0/16"}};
  ASSERT_OK_AND_ASSIGN(LoadResult given,
                       ingest::LoadPaths({tree.Path()}, options));
  ASSERT_EQ(given.model.network_blocks().size(), 2u);
  EXPECT_EQ(given.model.network_blocks()[0].cidr, "10.1.0.0/16");
  EXPECT_EQ(given.model.network_blocks()[1].cidr, "10.1.0.0/16");

  LoadOptions from_file;
  from_file.terraform_variable_files = {tree.Path("b/prod.tfvars")};
  ASSERT_OK_AND_ASSIGN(LoadResult filed,
                       ingest::LoadPaths({tree.Path("b")}, from_file));
  ASSERT_EQ(filed.model.network_blocks().size(), 1u);
  EXPECT_EQ(filed.model.network_blocks()[0].cidr, "10.9.0.0/16");

  LoadOptions misspelt;
  misspelt.terraform_variables = {{"cdir", "10.1.0.0/16"}};
  EXPECT_THAT(ingest::LoadPaths({tree.Path()}, misspelt),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("variable \"cdir\" is given but no "
                                 "Terraform configuration")));
  EXPECT_THAT(ingest::LoadPaths({tree.Path("b/prod.tfvars")}, options),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("no Terraform configuration")));
}

TEST(TerraformFoldersTest, SyntaxErrorsStopTheLoadWithTheirLocation) {
  TempTree tree;
  tree.Write("main.tf", "resource \"aws_vpc\" \"v\" {\n  cidr_block = [\n}\n");
  absl::StatusOr<LoadResult> result = ingest::LoadPaths({tree.Path()}, {});
  ASSERT_FALSE(result.ok());
  std::optional<SourceLocation> location = ErrorLocation(result.status());
  ASSERT_TRUE(location.has_value()) << result.status();
  EXPECT_EQ(location->file, tree.Path("main.tf"));
  EXPECT_EQ(location->line, 3);
}

TEST(TerraformFoldersTest, EvaluationErrorsAreDiagnosticsAndTheRestIsLoaded) {
  TempTree tree;
  tree.Write("main.tf", R"(
resource "aws_vpc" "bad" { cidr_block = var.nope }
resource "aws_vpc" "good" { cidr_block = "10.2.0.0/16" }
)");
  ASSERT_OK_AND_ASSIGN(LoadResult result, ingest::LoadPaths({tree.Path()}, {}));
  ASSERT_EQ(result.model.network_blocks().size(), 1u);
  EXPECT_EQ(result.model.network_blocks()[0].cidr, "10.2.0.0/16");
  bool reported = false;
  for (const Diagnostic& diagnostic : result.diagnostics) {
    if (diagnostic.level == Diagnostic::Level::kError &&
        diagnostic.location.line == 2) {
      reported = true;
      EXPECT_THAT(diagnostic.message, HasSubstr("\"nope\""));
    }
  }
  EXPECT_TRUE(reported);
}

TEST(TerraformFoldersTest, PolicyDocumentsAreLocatedInTheirDataBlock) {
  TempTree tree;
  tree.Write("main.tf", R"(data "aws_iam_policy_document" "admin" {
  statement {
    actions   = ["*"]
    resources = ["*"]
  }
}
resource "aws_iam_role" "app" { name = "app" }
resource "aws_iam_role_policy" "admin" {
  role   = aws_iam_role.app.id
  policy = data.aws_iam_policy_document.admin.json
}
)");
  ASSERT_OK_AND_ASSIGN(LoadResult result, ingest::LoadPaths({tree.Path()}, {}));
  const PolicyDocument* admin = nullptr;
  for (const PolicyDocument& policy : result.model.policies()) {
    if (policy.name == "aws_iam_role_policy.admin") admin = &policy;
  }
  ASSERT_NE(admin, nullptr);
  ASSERT_EQ(admin->policy.statements.size(), 1u);
  const iam::Statement& statement = admin->policy.statements[0];
  EXPECT_EQ(statement.location, (SourceLocation{tree.Path("main.tf"), 2, 3}));
}

TEST(TerraformFoldersTest, JsonencodedPoliciesAreLocatedAndLinked) {
  TempTree tree;
  tree.Write("main.tf", R"(resource "aws_s3_bucket" "data" { bucket = "data" }
resource "aws_s3_bucket_policy" "data" {
  bucket = aws_s3_bucket.data.id
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "${aws_s3_bucket.data.arn}/*"
    }]
  })
}
)");
  ASSERT_OK_AND_ASSIGN(LoadResult result, ingest::LoadPaths({tree.Path()}, {}));
  ASSERT_EQ(result.model.buckets().size(), 1u);
  const PolicyDocument* policy = nullptr;
  for (const PolicyDocument& document : result.model.policies()) {
    if (document.kind == iam::PolicyKind::kResource) policy = &document;
  }
  ASSERT_NE(policy, nullptr);
  // Owned by the bucket although the ARN is known only after apply.
  EXPECT_EQ(policy->owner, result.model.buckets()[0].resource);
  ASSERT_EQ(policy->policy.statements.size(), 1u);
  EXPECT_EQ(policy->policy.statements[0].location,
            (SourceLocation{tree.Path("main.tf"), 5, 18}));
}

TEST(TerraformFoldersTest, PlanJsonIsRead) {
  ASSERT_OK_AND_ASSIGN(
      LoadResult result,
      ingest::LoadPaths(
          {testing::SourcePath("examples/terraform-plan/plan.json")}, {}));
  ASSERT_FALSE(result.model.resources().empty());
  bool found_group = false;
  for (const Resource& resource : result.model.resources()) {
    EXPECT_EQ(resource.format, SourceFormat::kTerraform) << resource.name;
    if (resource.type == "aws_security_group") found_group = true;
  }
  EXPECT_TRUE(found_group);
  EXPECT_FALSE(result.model.security_group_rules().empty());
}

}  // namespace
}  // namespace polygraph::ingest
