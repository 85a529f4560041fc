#include "terraform/module_config.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "polygraph/source_location.h"
#include "tests/terraform/terraform_testing.h"
#include "tests/testing.h"

namespace polygraph::terraform {
namespace {

using ::polygraph::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Key;
using testing::TempTree;
using ::testing::UnorderedElementsAre;

// The error of reading `directory` as "file:line:col: reason".
std::string ReadError(const std::string& directory) {
  absl::StatusOr<std::shared_ptr<const ModuleConfig>> config =
      ReadModuleConfig(directory);
  if (config.ok()) return "ok";
  std::optional<SourceLocation> location = ErrorLocation(config.status());
  return (location ? location->ToString() : std::string("no location")) + ": " +
         ErrorReason(config.status());
}

TEST(ModuleConfigTest, ReadsTerraformFilesInNameOrder) {
  TempTree tree;
  tree.Write("b.tf", "resource \"aws_vpc\" \"second\" {}\n");
  tree.Write("a.tf",
             "resource \"aws_vpc\" \"first\" {}\n"
             "data \"aws_region\" \"current\" {}\n");
  tree.Write(".hidden.tf", "this is not read {{{");
  tree.Write("notes.txt", "nor is this {{{");
  tree.Write("sub/c.tf", "resource \"aws_vpc\" \"nested\" {}\n");
  ASSERT_OK_AND_ASSIGN(std::shared_ptr<const ModuleConfig> config,
                       ReadModuleConfig(tree.Path()));
  EXPECT_EQ(config->directory, NormalizedPath(tree.Path()));
  EXPECT_THAT(config->paths, ElementsAre(tree.Path("a.tf"), tree.Path("b.tf")));
  ASSERT_EQ(config->files.size(), 2u);
  EXPECT_EQ(config->files[0].path, tree.Path("a.tf"));
  ASSERT_EQ(config->resources.size(), 3u);
  EXPECT_EQ(config->resources[0].name, "first");
  EXPECT_FALSE(config->resources[0].data);
  EXPECT_EQ(config->resources[1].type, "aws_region");
  EXPECT_TRUE(config->resources[1].data);
  EXPECT_EQ(config->resources[2].name, "second");
  EXPECT_EQ(config->resources[2].block, &config->files[1].body.blocks[0]);
}

TEST(ModuleConfigTest, IndexesDeclarations) {
  TempTree tree;
  tree.Write("main.tf", R"(
terraform {
  required_version = ">= 1.0"
}
provider "aws" {
  region = "us-east-1"
}
variable "cidr" {
  type = string
}
locals {
  name = "web"
}
locals {
  port = 443
}
resource "aws_vpc" "main" {
  cidr_block = var.cidr
}
data "aws_vpc" "main" {}
module "net" {
  source = "./net"
}
output "id" {
  value = aws_vpc.main.id
}
)");
  ASSERT_OK_AND_ASSIGN(std::shared_ptr<const ModuleConfig> config,
                       ReadModuleConfig(tree.Path()));
  EXPECT_THAT(config->variables, UnorderedElementsAre(Key("cidr")));
  EXPECT_THAT(config->locals, UnorderedElementsAre(Key("name"), Key("port")));
  EXPECT_EQ(config->locals.at("port")->location.line, 15);
  EXPECT_THAT(
      config->resource_index,
      UnorderedElementsAre(Key("aws_vpc.main"), Key("data.aws_vpc.main")));
  const ResourceDeclaration& data =
      config->resources[config->resource_index.at("data.aws_vpc.main")];
  EXPECT_TRUE(data.data);
  EXPECT_EQ(data.block->location.line, 20);
  ASSERT_EQ(config->module_calls.size(), 1u);
  EXPECT_EQ(config->module_calls[0].name, "net");
  EXPECT_EQ(config->module_call_index.at("net"), 0u);
  EXPECT_THAT(config->outputs, UnorderedElementsAre(Key("id")));
  EXPECT_EQ(config->outputs.at("id")->type, "output");
  EXPECT_EQ(config->variables.at("cidr")->labels[0], "cidr");
}

TEST(ModuleConfigTest, DuplicateNamesPointAtTheSecondDeclaration) {
  TempTree variables;
  const std::string a = variables.Write("a.tf", "variable \"x\" {}\n");
  const std::string b = variables.Write("b.tf", "\n  variable \"x\" {}\n");
  EXPECT_EQ(ReadError(variables.Path()),
            b + ":2:3: Duplicate variable \"x\": it is declared twice in this "
                "module");

  TempTree resources;
  const std::string main = resources.Write(
      "main.tf",
      "resource \"aws_vpc\" \"main\" {}\nresource \"aws_vpc\" \"main\" {}\n");
  EXPECT_EQ(ReadError(resources.Path()),
            main +
                ":2:1: Duplicate aws_vpc.main: it is declared twice in "
                "this module");

  TempTree locals;
  const std::string file =
      locals.Write("main.tf", "locals {\n  a = 1\n}\nlocals {\n  a = 2\n}\n");
  EXPECT_EQ(ReadError(locals.Path()),
            file + ":5:3: Duplicate local value \"a\": it is declared twice");

  TempTree modules;
  const std::string calls = modules.Write(
      "main.tf", "module \"m\" { source = \"./a\" }\nmodule \"m\" {\n}\n");
  EXPECT_EQ(ReadError(modules.Path()),
            calls +
                ":2:1: Duplicate module \"m\": it is declared twice in "
                "this module");

  TempTree outputs;
  const std::string out = outputs.Write(
      "main.tf", "output \"o\" { value = 1 }\noutput \"o\" { value = 2 }\n");
  EXPECT_EQ(ReadError(outputs.Path()),
            out +
                ":2:1: Duplicate output \"o\": it is declared twice in this "
                "module");

  // A resource and a data source may share a name.
  TempTree shared;
  shared.Write("main.tf",
               "resource \"aws_vpc\" \"x\" {}\ndata \"aws_vpc\" \"x\" {}\n");
  EXPECT_EQ(ReadError(shared.Path()), "ok");
}

TEST(ModuleConfigTest, BlocksOfTheWrongShape) {
  TempTree tree;
  const std::string file =
      tree.Write("main.tf", "\n\nresource \"aws_vpc\" {}\n");
  EXPECT_EQ(ReadError(tree.Path()),
            file + ":3:1: A resource block needs 2 labels, got 1");

  TempTree variable;
  const std::string vars = variable.Write("main.tf", "variable {}\n");
  EXPECT_EQ(ReadError(variable.Path()),
            vars + ":1:1: A variable block needs 1 label, got 0");
}

TEST(ModuleConfigTest, SyntaxErrorsAreLocated) {
  TempTree tree;
  tree.Write("a.tf", "variable \"ok\" {}\n");
  const std::string bad = tree.Write("b.tf", "resource \"x\" \"y\" {\n");
  absl::StatusOr<std::shared_ptr<const ModuleConfig>> config =
      ReadModuleConfig(tree.Path());
  ASSERT_FALSE(config.ok());
  ASSERT_TRUE(ErrorLocation(config.status()).has_value());
  EXPECT_EQ(ErrorLocation(config.status())->file, bad);
}

TEST(ModuleConfigTest, MissingFolderIsAnError) {
  TempTree tree;
  EXPECT_THAT(
      ReadModuleConfig(tree.Path("does-not-exist")),
      StatusIs(absl::StatusCode::kNotFound, HasSubstr("does-not-exist")));
}

TEST(ModuleConfigTest, LocalModulePath) {
  TempTree tree;
  tree.Write("root/main.tf", R"(
module "child"    { source = "./vpc" }
module "parent"   { source = "../shared/net" }
module "messy"    { source = "./a/../b/" }
module "here"     { source = "." }
module "registry" { source = "terraform-aws-modules/vpc/aws" }
module "git"      { source = "git::https://example.com/vpc.git?ref=v1" }
module "github"   { source = "github.com/org/vpc" }
module "archive"  { source = "https://example.com/vpc.zip" }
module "computed" { source = "./${var.name}" }
module "variable" { source = var.path }
module "none"     {}
)");
  ASSERT_OK_AND_ASSIGN(std::shared_ptr<const ModuleConfig> config,
                       ReadModuleConfig(tree.Path("root")));
  auto path = [&](const std::string& name) {
    return LocalModulePath(
        *config,
        *config->module_calls[config->module_call_index.at(name)].block);
  };
  const std::string root = NormalizedPath(tree.Path("root"));
  const std::string parent = NormalizedPath(tree.Path());
  EXPECT_EQ(path("child"), root + "/vpc");
  EXPECT_EQ(path("parent"), parent + "/shared/net");
  EXPECT_EQ(path("messy"), root + "/b");
  EXPECT_EQ(path("here"), root);
  EXPECT_EQ(path("registry"), "");
  EXPECT_EQ(path("git"), "");
  EXPECT_EQ(path("github"), "");
  EXPECT_EQ(path("archive"), "");
  EXPECT_EQ(path("computed"), "");
  EXPECT_EQ(path("variable"), "");
  EXPECT_EQ(path("none"), "");
}

TEST(ModuleConfigTest, NormalizedPath) {
  EXPECT_EQ(NormalizedPath("/a/b/../c/./d/"), "/a/c/d");
  EXPECT_EQ(NormalizedPath("/"), "/");
  // Relative paths stay relative, so findings name files as given.
  EXPECT_EQ(NormalizedPath("x/../y"), "y");
  EXPECT_EQ(NormalizedPath("./examples/seed/"), "examples/seed");
  EXPECT_EQ(NormalizedPath("a/.."), ".");
  EXPECT_EQ(NormalizedPath("../m/./n"), "../m/n");
}

}  // namespace
}  // namespace polygraph::terraform
