#include "ingest/cloudformation.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/ingest/ingest_testing.h"
#include "tests/testing.h"

namespace polygraph::ingest {
namespace {

using testing::ExpectInputError;
using testing::Imported;
using testing::ImportTemplate;

TEST(CloudFormationTest, DeclaresOneResourcePerEntry) {
  ASSERT_OK_AND_ASSIGN(Imported imported, ImportTemplate(R"(
AWSTemplateFormatVersion: "2010-09-09"
Description: two resources
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  Queue:
    Type: AWS::SQS::Queue
)"));
  const Model& model = imported.model;
  ASSERT_EQ(model.resources().size(), 2u);
  const Resource& vpc = model.resources()[0];
  EXPECT_EQ(vpc.name, "Vpc");
  EXPECT_EQ(vpc.type, "AWS::EC2::VPC");
  EXPECT_EQ(vpc.kind, ResourceKind::kVpc);
  EXPECT_EQ(vpc.format, SourceFormat::kCloudFormation);
  EXPECT_EQ(vpc.location, (SourceLocation{"t.yaml", 5, 3}));
  ASSERT_NE(vpc.properties.Find("CidrBlock"), nullptr);
  EXPECT_EQ(vpc.properties.Find("CidrBlock")->text, "10.0.0.0/16");
  EXPECT_EQ(model.resources()[1].kind, ResourceKind::kQueue);
  EXPECT_TRUE(model.resources()[1].properties.is_null());
  EXPECT_EQ(model.FindResource("t.yaml", "Queue"), 1u);
  EXPECT_TRUE(imported.diagnostics.empty());
}

TEST(CloudFormationTest, MapsResourceKinds) {
  ASSERT_OK_AND_ASSIGN(Imported imported, ImportTemplate(R"({
  "Resources": {
    "A": {"Type": "AWS::EC2::Subnet"},
    "B": {"Type": "AWS::EC2::NetworkAcl"},
    "C": {"Type": "AWS::IAM::InstanceProfile"},
    "D": {"Type": "AWS::CloudFront::OriginAccessControl"},
    "E": {"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer"},
    "F": {"Type": "AWS::SecretsManager::Secret"},
    "G": {"Type": "AWS::RDS::DBCluster"},
    "H": {"Type": "AWS::IAM::Policy"},
    "I": {"Type": "AWS::EC2::SecurityGroupIngress"}
  }
})",
                                                         /*json=*/true));
  const std::vector<Resource>& r = imported.model.resources();
  ASSERT_EQ(r.size(), 9u);
  EXPECT_EQ(r[0].kind, ResourceKind::kSubnet);
  EXPECT_EQ(r[1].kind, ResourceKind::kNetworkAcl);
  EXPECT_EQ(r[2].kind, ResourceKind::kInstanceProfile);
  EXPECT_EQ(r[3].kind, ResourceKind::kOriginAccessControl);
  EXPECT_EQ(r[4].kind, ResourceKind::kLoadBalancer);
  EXPECT_EQ(r[5].kind, ResourceKind::kSecret);
  EXPECT_EQ(r[6].kind, ResourceKind::kDbCluster);
  EXPECT_EQ(r[7].kind, ResourceKind::kInlinePolicy);
  EXPECT_EQ(r[8].kind, ResourceKind::kOther);
  EXPECT_EQ(r[0].location, (SourceLocation{"t.json", 3, 5}));
}

TEST(CloudFormationTest, ShapeErrors) {
  ExpectInputError(ImportTemplate("Resources: [a]").status(), 1, 12,
                   "Resources must be an object, found array");
  ExpectInputError(
      ImportTemplate("AWSTemplateFormatVersion: 2010-09-09\n").status(), 1, 1,
      "template has no Resources");
  ExpectInputError(ImportTemplate("Resources:\n  A: text\n").status(), 2, 6,
                   R"(resource "A" must be an object, found "text")");
  ExpectInputError(
      ImportTemplate("Resources:\n  A:\n    Properties: {}\n").status(), 2, 3,
      R"(resource "A" has no Type)");
  ExpectInputError(ImportTemplate("Resources:\n  A:\n    Type: 5\n").status(),
                   3, 11, R"(Type of resource "A" must be a string, found 5)");
  ExpectInputError(
      ImportTemplate("Resources:\n  A:\n    Type: X\n    Properties: [1]\n")
          .status(),
      4, 17, R"(Properties of resource "A" must be an object, found array)");
  ExpectInputError(ImportTemplate("Resources: {}\nResource: {}\n").status(), 2,
                   1, R"(unknown template section "Resource")");
  ExpectInputError(
      ImportTemplate("AWSTemplateFormatVersion: 2012-10-17\nResources: {}\n")
          .status(),
      1, 27, R"(AWSTemplateFormatVersion must be "2010-09-09")");
  ExpectInputError(
      ImportTemplate("Parameters:\n  P: 5\nResources: {}\n").status(), 2, 6,
      R"(parameter "P" must be an object, found 5)");
  ExpectInputError(ImportTemplate("[1]").status(), 1, 1,
                   "a CloudFormation template must be an object, found array");
}

TEST(CloudFormationTest, DependsOnMustNameResources) {
  EXPECT_OK(ImportTemplate(R"(
Resources:
  A: {Type: X, DependsOn: [B]}
  B: {Type: X}
  C: {Type: X, DependsOn: A}
)"));
  ExpectInputError(ImportTemplate(R"(
Resources:
  A: {Type: X, DependsOn: [B, Missing]}
  B: {Type: X}
)")
                       .status(),
                   3, 31, R"(DependsOn names undefined resource "Missing")");
}

TEST(CloudFormationTest, TransformAllowsGeneratedIdsAndIsNoted) {
  ASSERT_OK_AND_ASSIGN(Imported imported, ImportTemplate(R"(
Transform: [AWS::Serverless-2016-10-31, ExampleMacro]
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt MacroRole.Arn
      Api: !Ref MacroApi
)"));
  EXPECT_EQ(imported.model.resources()[0].kind, ResourceKind::kLambdaFunction);
  std::vector<Diagnostic> notes = imported.WithCode("transform");
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0].location, (SourceLocation{"t.yaml", 2, 1}));
  // SAM itself is expanded; only the macro is left unseen.
  EXPECT_THAT(notes[0].message,
              ::testing::HasSubstr("the template uses the transform "
                                   "ExampleMacro;"));
}

TEST(CloudFormationTest, ServerlessTemplatesAreExpandedBeforeReading) {
  ASSERT_OK_AND_ASSIGN(Imported imported, ImportTemplate(R"(
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: python3.12
      CodeUri: src/
      Events:
        Get: {Type: Api, Properties: {Path: /, Method: get}}
  Uses:
    Type: AWS::Test::Thing
    Properties:
      Api: !Ref ServerlessRestApi
)"));
  ASSERT_NE(imported.Find("FnRole"), nullptr);
  EXPECT_EQ(imported.Find("FnRole")->kind, ResourceKind::kRole);
  EXPECT_EQ(imported.Find("Fn")->type, "AWS::Lambda::Function");
  EXPECT_EQ(imported.Find("Fn")->location.line, 4);
  EXPECT_NE(imported.Find("ServerlessRestApi"), nullptr);
  EXPECT_TRUE(imported.WithCode("transform").empty());
}

TEST(CloudFormationTest, ForEachLoopsAreExpanded) {
  ASSERT_OK_AND_ASSIGN(Imported imported, ImportTemplate(R"(
Transform: AWS::LanguageExtensions
Resources:
  Fn::ForEach::Topics:
    - TopicName
    - [Success, Failure]
    - SnsTopic${TopicName}:
        Type: AWS::SNS::Topic
        Properties:
          TopicName: !Ref TopicName
  Other:
    Type: AWS::SQS::Queue
    Properties:
      Fn::ForEach::Tags:
        - X
        - [a]
        - Tag${X}: !Sub "${X}"
Outputs:
  Fn::ForEach::Out:
    - Y
    - [a]
    - Out${Y}:
        Value: !Ref Y
)"));
  ASSERT_EQ(imported.model.resources().size(), 3u);
  ASSERT_NE(imported.Find("SnsTopicFailure"), nullptr);
  EXPECT_EQ(imported.Find("SnsTopicFailure")->location.line, 7);
  EXPECT_EQ(
      imported.Find("SnsTopicFailure")->properties.Find("TopicName")->text,
      "Failure");
  EXPECT_EQ(imported.Find("Other")->properties.Find("Taga")->text, "a");
  EXPECT_TRUE(imported.WithCode("not-analysed").empty());
  EXPECT_TRUE(imported.WithCode("transform").empty());
}

TEST(CloudFormationTest, RainTemplatesAreNotAnalysed) {
  ASSERT_OK_AND_ASSIGN(Imported imported, ImportTemplate(R"(
Resources:
  Vpc:
    Type: !Rain::Module ../vpc.yml
)"));
  EXPECT_TRUE(imported.model.resources().empty());
  std::vector<Diagnostic> notes = imported.WithCode("not-analysed");
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0].location, (SourceLocation{"t.yaml", 4, 11}));
  EXPECT_THAT(notes[0].message, ::testing::HasSubstr("!Rain::Module"));
}

TEST(CloudFormationTest, RainEmbedsAreSymbolic) {
  ASSERT_OK_AND_ASSIGN(Imported imported, ImportTemplate(R"(
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Code: {ZipFile: !Rain::Embed handler.py}
      Description:
        Fn::Sub: !Rain::Embed description.txt
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: {"Rain::Embed": name.txt}
)"));
  ASSERT_EQ(imported.model.resources().size(), 2u);
  EXPECT_EQ(imported.model.buckets()[0].bucket_name, "${Rain::Embed}");
}

TEST(CloudFormationTest, LoadsAPublicTemplate) {
  absl::StatusOr<Value> document =
      ReadDocumentFile(::polygraph::testing::CorpusPath(
          "cloudformation/aws-cloudformation-templates/EC2/"
          "EC2InstanceWithSecurityGroupSample.yaml"));
  ASSERT_OK(document);
  ModelBuilder builder;
  std::vector<Diagnostic> diagnostics;
  ASSERT_OK(ImportCloudFormation(*document, builder, diagnostics));
  Model model = std::move(builder).Build();
  EXPECT_GE(model.resources().size(), 2u);
  EXPECT_FALSE(model.security_group_rules().empty());
}

}  // namespace
}  // namespace polygraph::ingest
