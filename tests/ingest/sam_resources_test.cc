// SAM APIs (implicit and explicit, REST and HTTP), simple tables, layers
// and applications (lib/ingest/sam_resources.cc).

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
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
using ::testing::HasSubstr;

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

}  // namespace
}  // namespace polygraph::ingest
