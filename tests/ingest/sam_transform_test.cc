// The SAM transform: template handling, resources kept as written, the
// corpus and the CloudFormation front-end on the result
// (lib/ingest/sam_transform.cc).

#include "ingest/sam_transform.h"

#include <filesystem>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ingest/cloudformation.h"
#include "polygraph/document.h"
#include "polygraph/model.h"
#include "tests/ingest/ingest_testing.h"
#include "tests/ingest/sam_testing.h"
#include "tests/testing.h"

namespace polygraph::ingest {
namespace {

using testing::Dump;
using testing::DumpMember;
using ::testing::ElementsAre;
using testing::Expanded;
using testing::ExpandYaml;

Value Yaml(const std::string& text) {
  absl::StatusOr<Value> value = ParseYaml(text, "t.yaml");
  EXPECT_TRUE(value.ok()) << value.status();
  return value.ok() ? *value : Value();
}

TEST(SamTransformTest, HasServerlessTransform) {
  EXPECT_TRUE(
      HasServerlessTransform(Yaml("Transform: AWS::Serverless-2016-10-31\n")));
  EXPECT_TRUE(HasServerlessTransform(Yaml(
      "Transform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]\n")));
  EXPECT_FALSE(HasServerlessTransform(Yaml("Transform: AWS::Include\n")));
  EXPECT_FALSE(HasServerlessTransform(Yaml("Resources: {}\n")));
  EXPECT_FALSE(HasServerlessTransform(Yaml("[1]\n")));
}

TEST(SamTransformTest, TemplateSectionsAndOtherResources) {
  ASSERT_OK_AND_ASSIGN(Expanded expanded, ExpandYaml(R"(
AWSTemplateFormatVersion: "2010-09-09"
Transform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]
Globals:
  Function: {Timeout: 3}
Parameters:
  Env: {Type: String}
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties: {BucketName: !Sub "${Env}-b"}
Outputs:
  Name: {Value: !Ref Bucket}
)"));
  EXPECT_THAT(expanded.document.keys,
              ElementsAre("AWSTemplateFormatVersion", "Transform", "Parameters",
                          "Resources", "Outputs"));
  EXPECT_EQ(DumpMember(expanded.document, "Transform"),
            "[\"AWS::LanguageExtensions\"]");
  EXPECT_EQ(Dump(*expanded.Resource("Bucket")),
            "{Type:\"AWS::S3::Bucket\",Properties:{BucketName:!Sub "
            "${Env}-b}}");
  EXPECT_EQ(expanded.Resource("Bucket")->location,
            (SourceLocation{"t.yaml", 10, 5}));
}

TEST(SamTransformTest, ImportedByTheCloudFormationFrontEnd) {
  ASSERT_OK_AND_ASSIGN(Expanded expanded, ExpandYaml(R"(
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: a.h
      Runtime: python3.12
      CodeUri: src
      VpcConfig:
        SubnetIds: [subnet-0123]
        SecurityGroupIds: [sg-0123]
      Policies:
        - S3ReadPolicy:
            BucketName: !Ref Bucket
      Events:
        Get:
          Type: Api
          Properties: {Path: /, Method: get}
  Bucket:
    Type: AWS::S3::Bucket
)"));
  ModelBuilder builder;
  std::vector<Diagnostic> diagnostics;
  ASSERT_OK(ImportCloudFormation(expanded.document, builder, diagnostics));
  const Model model = std::move(builder).Build();
  size_t function = kNoResource;
  size_t role = kNoResource;
  for (size_t i = 0; i < model.resources().size(); ++i) {
    if (model.resources()[i].name == "Fn") function = i;
    if (model.resources()[i].name == "FnRole") role = i;
  }
  ASSERT_NE(function, kNoResource);
  ASSERT_NE(role, kNoResource);
  EXPECT_EQ(model.resources()[function].kind, ResourceKind::kLambdaFunction);
  EXPECT_EQ(model.resources()[function].location,
            (SourceLocation{"t.yaml", 4, 3}));
  EXPECT_EQ(model.resources()[role].kind, ResourceKind::kRole);
  EXPECT_EQ(model.resources()[role].location, (SourceLocation{"t.yaml", 4, 3}));
  bool lambda_workload = false;
  for (const Workload& workload : model.workloads()) {
    lambda_workload =
        lambda_workload || (workload.resource == function &&
                            workload.kind == WorkloadKind::kLambdaFunction);
  }
  EXPECT_TRUE(lambda_workload);

  const PolicyDocument* trust = nullptr;
  const PolicyDocument* identity = nullptr;
  for (const PolicyDocument& policy : model.policies()) {
    if (policy.owner != role) continue;
    if (policy.kind == iam::PolicyKind::kTrust) trust = &policy;
    if (policy.kind == iam::PolicyKind::kIdentity) identity = &policy;
  }
  ASSERT_NE(trust, nullptr);
  ASSERT_EQ(trust->policy.statements.size(), 1u);
  ASSERT_EQ(trust->policy.statements[0].actions.size(), 1u);
  EXPECT_EQ(trust->policy.statements[0].actions[0].value, "sts:AssumeRole");
  ASSERT_NE(identity, nullptr);
  EXPECT_EQ(identity->name, "FnRolePolicy0");
  ASSERT_EQ(identity->policy.statements.size(), 1u);
  const iam::Statement& statement = identity->policy.statements[0];
  EXPECT_EQ(statement.location, (SourceLocation{"t.yaml", 14, 11}));
  EXPECT_EQ(statement.actions[0].value, "s3:GetObject");
  ASSERT_EQ(statement.resources.size(), 2u);
  for (const Resource& resource : model.resources()) {
    if (resource.name == "FnGetPermissionProd") {
      EXPECT_EQ(resource.type, "AWS::Lambda::Permission");
    }
  }
}

TEST(SamTransformTest, CorpusTemplatesExpand) {
  const std::string root = ::polygraph::testing::CorpusPath(
      "cloudformation/aws-cloudformation-templates");
  if (!std::filesystem::exists(root)) GTEST_SKIP() << "no corpus at " << root;
  int expanded_templates = 0;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(root)) {
    const std::string path = entry.path().string();
    if (!entry.is_regular_file() || (entry.path().extension() != ".yaml" &&
                                     entry.path().extension() != ".yml" &&
                                     entry.path().extension() != ".json")) {
      continue;
    }
    absl::StatusOr<Value> document = ReadDocumentFile(path);
    if (!document.ok() || !HasServerlessTransform(*document)) continue;
    std::vector<Diagnostic> diagnostics;
    absl::StatusOr<Value> expanded =
        ExpandServerlessTransform(*document, diagnostics);
    ASSERT_TRUE(expanded.ok()) << path << ": " << expanded.status();
    EXPECT_FALSE(HasServerlessTransform(*expanded)) << path;
    int functions = 0;
    const Value* resources = expanded->Find("Resources");
    ASSERT_NE(resources, nullptr) << path;
    for (const Value& resource : resources->items) {
      const Value* type = resource.Find("Type");
      if (type != nullptr && type->text == "AWS::Lambda::Function") ++functions;
      EXPECT_FALSE(type != nullptr &&
                   (type->text == "AWS::Serverless::Function"))
          << path;
    }
    EXPECT_GT(functions, 0) << path;
    ModelBuilder builder;
    std::vector<Diagnostic> import_diagnostics;
    EXPECT_OK(ImportCloudFormation(*expanded, builder, import_diagnostics))
        << path;
    for (const Diagnostic& diagnostic : import_diagnostics) {
      EXPECT_NE(diagnostic.level, Diagnostic::Level::kError)
          << path << ": " << diagnostic.ToString();
    }
    ++expanded_templates;
  }
  EXPECT_GE(expanded_templates, 5);
}

}  // namespace
}  // namespace polygraph::ingest
