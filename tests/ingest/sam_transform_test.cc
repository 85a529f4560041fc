// The SAM transform: template handling, Globals, APIs, other SAM types, the
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
using testing::ExpectInputError;
using ::testing::HasSubstr;

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

TEST(SamTransformTest, GlobalsMergeAsSamDoes) {
  ASSERT_OK_AND_ASSIGN(Expanded expanded, ExpandYaml(R"(
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: python3.11
    Timeout: 10
    Layers: [!Ref Common]
    Environment:
      Variables: {STAGE: prod, LOG: info}
    Tags: {owner: platform}
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: a.h
      CodeUri: src
      Timeout: 30
      Layers: [!Ref Extra]
      Environment:
        Variables: {LOG: debug}
  Plain:
    Type: AWS::Serverless::Function
    IgnoreGlobals: [Timeout, Layers]
    Properties: {Handler: b.h, CodeUri: src}
)"));
  const Value& fn = expanded.Properties("Fn");
  EXPECT_EQ(DumpMember(fn, "Runtime"), "\"python3.11\"");
  EXPECT_EQ(DumpMember(fn, "Timeout"), "30");
  EXPECT_EQ(DumpMember(fn, "Layers"), "[!Ref Common,!Ref Extra]");
  EXPECT_EQ(DumpMember(fn, "Environment"),
            "{Variables:{STAGE:\"prod\",LOG:\"debug\"}}");
  EXPECT_EQ(DumpMember(fn, "Tags"),
            "[{Key:\"lambda:createdBy\",Value:\"SAM\"},"
            "{Key:\"owner\",Value:\"platform\"}]");
  // A merged value keeps the location it was written at.
  EXPECT_EQ(fn.Find("Runtime")->location, (SourceLocation{"t.yaml", 5, 14}));
  EXPECT_EQ(fn.Find("Timeout")->location, (SourceLocation{"t.yaml", 17, 16}));
  const Value& plain = expanded.Properties("Plain");
  EXPECT_EQ(DumpMember(plain, "Timeout"), "<absent>");
  EXPECT_EQ(DumpMember(plain, "Layers"), "<absent>");
  EXPECT_EQ(DumpMember(plain, "Runtime"), "\"python3.11\"");
}

TEST(SamTransformTest, BadGlobals) {
  ExpectInputError(ExpandYaml("Globals: [a]\n").status(), 1, 10,
                   "Globals must be an object, found array");
  ExpectInputError(ExpandYaml("Globals:\n  Functions: {Timeout: 3}\n").status(),
                   2, 3, "unknown Globals section Functions");
  ExpectInputError(ExpandYaml("Globals:\n  Function: {Role: r}\n").status(), 2,
                   14, "Role is not a property Globals Function may set");
  ExpectInputError(ExpandYaml("Globals:\n  Api: 3\n").status(), 2, 8,
                   "Globals Api must be an object, found number");
  ExpectInputError(ExpandYaml("Resources: [a]\n").status(), 1, 12,
                   "Resources must be an object, found array");
}

TEST(SamTransformTest, ImplicitRestApi) {
  ASSERT_OK_AND_ASSIGN(Expanded expanded, ExpandYaml(R"(
Transform: AWS::Serverless-2016-10-31
Globals:
  Api:
    EndpointConfiguration: REGIONAL
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: a.h
      Runtime: python3.12
      CodeUri: src
      Events:
        List:
          Type: Api
          Properties: {Path: /items/, Method: get}
        Any:
          Type: Api
          Properties: {Path: "/items/{id}", Method: ANY}
)"));
  const std::vector<std::string> ids = expanded.Ids();
  ASSERT_EQ(ids.size(), 7u);
  EXPECT_THAT(std::vector<std::string>(ids.begin(), ids.begin() + 5),
              ElementsAre("Fn", "FnRole", "FnListPermissionProd",
                          "FnAnyPermissionProd", "ServerlessRestApi"));
  EXPECT_THAT(ids[5], ::testing::MatchesRegex(
                          "ServerlessRestApiDeployment[0-9a-f]{10}"));
  EXPECT_EQ(ids[6], "ServerlessRestApiProdStage");
  EXPECT_EQ(
      DumpMember(expanded.Properties("FnListPermissionProd"), "SourceArn"),
      "{Fn::Sub:[\"arn:${AWS::Partition}:execute-api:${AWS::Region}:"
      "${AWS::AccountId}:${__ApiId__}/${__Stage__}/GET/items\","
      "{__ApiId__:{Ref:\"ServerlessRestApi\"},__Stage__:\"*\"}]}");
  EXPECT_THAT(
      DumpMember(expanded.Properties("FnAnyPermissionProd"), "SourceArn"),
      HasSubstr("${__ApiId__}/${__Stage__}/*/items/{id}\""));
  EXPECT_EQ(DumpMember(expanded.Properties("FnAnyPermissionProd"), "Principal"),
            "\"apigateway.amazonaws.com\"");
  const Value& api = expanded.Properties("ServerlessRestApi");
  EXPECT_EQ(DumpMember(api, "EndpointConfiguration"), "{Types:[\"REGIONAL\"]}");
  const Value& paths = *api.Find("Body")->Find("paths");
  EXPECT_THAT(paths.keys, ElementsAre("/items", "/items/{id}"));
  EXPECT_EQ(DumpMember(*paths.Find("/items"), "get"),
            "{x-amazon-apigateway-integration:{type:\"aws_proxy\",httpMethod:"
            "\"POST\",uri:{Fn::Sub:\"arn:${AWS::Partition}:apigateway:"
            "${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/"
            "invocations\"}},responses:{}}");
  EXPECT_EQ(paths.Find("/items/{id}")->keys[0],
            "x-amazon-apigateway-any-method");
  EXPECT_EQ(Dump(expanded.Properties("ServerlessRestApiProdStage")),
            absl::StrCat("{RestApiId:{Ref:\"ServerlessRestApi\"},DeploymentId:"
                         "{Ref:\"",
                         ids[5], "\"},StageName:\"Prod\"}"));
  // The implicit API is located at the first event that needs it.
  EXPECT_EQ(
      expanded.document.Find("Resources")->KeyLocation("ServerlessRestApi"),
      (SourceLocation{"t.yaml", 14, 9}));
}

TEST(SamTransformTest, ExplicitApis) {
  ASSERT_OK_AND_ASSIGN(Expanded expanded, ExpandYaml(R"(
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: a.h
      Runtime: python3.12
      CodeUri: src
      Events:
        Get:
          Type: Api
          Properties: {Path: /, Method: get, RestApiId: !Ref Rest}
        Http:
          Type: HttpApi
          Properties: {ApiId: !Ref Http}
        Implicit:
          Type: HttpApi
          Properties: {Path: /x, Method: POST}
  Rest:
    Type: AWS::Serverless::Api
    Properties:
      StageName: v1
      Auth: {DefaultAuthorizer: AWS_IAM}
      Tags: {a: b}
  Http:
    Type: AWS::Serverless::HttpApi
)"));
  EXPECT_THAT(DumpMember(expanded.Properties("FnGetPermissionv1"), "SourceArn"),
              HasSubstr("/GET/\",{__ApiId__:!Ref Rest,__Stage__:\"*\"}"));
  EXPECT_THAT(DumpMember(expanded.Properties("FnHttpPermission"), "SourceArn"),
              HasSubstr("${__ApiId__}/${__Stage__}/$default\","
                        "{__ApiId__:!Ref Http,"));
  EXPECT_THAT(
      DumpMember(expanded.Properties("FnImplicitPermission"), "SourceArn"),
      HasSubstr("/POST/x\",{__ApiId__:{Ref:\"ServerlessHttpApi\"}"));
  EXPECT_EQ(expanded.TypeOf("Rest"), "AWS::ApiGateway::RestApi");
  EXPECT_THAT(expanded.Properties("Rest").Find("Body")->Find("paths")->keys,
              ElementsAre("/"));
  EXPECT_EQ(DumpMember(expanded.Properties("Restv1Stage"), "Tags"),
            "[{Key:\"a\",Value:\"b\"}]");
  EXPECT_EQ(expanded.TypeOf("Http"), "AWS::ApiGatewayV2::Api");
  EXPECT_EQ(
      DumpMember(
          expanded.Properties("Http").Find("Body")->Find("paths")->items[0],
          "x-amazon-apigateway-any-method"),
      "{x-amazon-apigateway-integration:{type:\"aws_proxy\",httpMethod:"
      "\"POST\",uri:{Fn::Sub:\"arn:${AWS::Partition}:apigateway:"
      "${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/"
      "invocations\"},payloadFormatVersion:\"2.0\"},responses:{}}");
  EXPECT_EQ(Dump(expanded.Properties("HttpApiGatewayDefaultStage")),
            "{ApiId:{Ref:\"Http\"},StageName:\"$default\",AutoDeploy:true}");
  EXPECT_EQ(expanded.TypeOf("ServerlessHttpApi"), "AWS::ApiGatewayV2::Api");
  EXPECT_EQ(expanded.TypeOf("ServerlessHttpApiApiGatewayDefaultStage"),
            "AWS::ApiGatewayV2::Stage");
  std::vector<Diagnostic> notes = expanded.WithCode("not-analysed");
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0].location, (SourceLocation{"t.yaml", 24, 7}));
  EXPECT_THAT(notes[0].message, HasSubstr("Auth of API Rest"));
}

TEST(SamTransformTest, TablesLayersApplicationsAndOthers) {
  ASSERT_OK_AND_ASSIGN(Expanded expanded, ExpandYaml(R"(
Transform: AWS::Serverless-2016-10-31
Resources:
  Table:
    Type: AWS::Serverless::SimpleTable
  Keyed:
    Type: AWS::Serverless::SimpleTable
    Properties:
      PrimaryKey: {Name: pk, Type: Number}
      ProvisionedThroughput: {ReadCapacityUnits: 1, WriteCapacityUnits: 1}
  Layer:
    Type: AWS::Serverless::LayerVersion
    Properties:
      ContentUri: s3://layers/common.zip
      RetentionPolicy: Retain
  Nested:
    Type: AWS::Serverless::Application
    Properties:
      Location: https://example.com/t.yaml
      Parameters: {A: b}
  Link:
    Type: AWS::Serverless::Connector
    Properties: {Source: {Id: Fn}}
)"));
  EXPECT_EQ(expanded.TypeOf("Table"), "AWS::DynamoDB::Table");
  EXPECT_EQ(
      Dump(expanded.Properties("Table")),
      "{AttributeDefinitions:[{AttributeName:\"id\",AttributeType:\"S\"}],"
      "KeySchema:[{AttributeName:\"id\",KeyType:\"HASH\"}],"
      "BillingMode:\"PAY_PER_REQUEST\"}");
  EXPECT_EQ(DumpMember(expanded.Properties("Keyed"), "AttributeDefinitions"),
            "[{AttributeName:\"pk\",AttributeType:\"N\"}]");
  EXPECT_EQ(DumpMember(expanded.Properties("Keyed"), "BillingMode"),
            "<absent>");
  EXPECT_EQ(expanded.TypeOf("Layer"), "AWS::Lambda::LayerVersion");
  EXPECT_EQ(Dump(expanded.Properties("Layer")),
            "{LayerName:\"Layer\",Content:{S3Bucket:\"layers\",S3Key:"
            "\"common.zip\"}}");
  EXPECT_EQ(DumpMember(*expanded.Resource("Layer"), "DeletionPolicy"),
            "\"Retain\"");
  EXPECT_EQ(expanded.TypeOf("Nested"), "AWS::CloudFormation::Stack");
  EXPECT_EQ(
      Dump(expanded.Properties("Nested")),
      "{TemplateURL:\"https://example.com/t.yaml\",Parameters:{A:\"b\"}}");
  EXPECT_EQ(expanded.TypeOf("Link"), "AWS::Serverless::Connector");
  std::vector<Diagnostic> notes = expanded.WithCode("not-analysed");
  ASSERT_EQ(notes.size(), 2u);
  EXPECT_EQ(notes[0].location, (SourceLocation{"t.yaml", 16, 3}));
  EXPECT_EQ(notes[1].location, (SourceLocation{"t.yaml", 21, 3}));
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
