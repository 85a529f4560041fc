// The analysis predicates over templates loaded from disk.

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "polygraph/loader.h"
#include "tests/rules/declarative_testing.h"

namespace polygraph::testing {
namespace {

constexpr char kTemplate[] = R"(Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16}
  Igw:
    Type: AWS::EC2::InternetGateway
  Attach:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties: {VpcId: !Ref Vpc, InternetGatewayId: !Ref Igw}
  Routes:
    Type: AWS::EC2::RouteTable
    Properties: {VpcId: !Ref Vpc}
  Default:
    Type: AWS::EC2::Route
    Properties: {RouteTableId: !Ref Routes, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Igw}
  Public:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, MapPublicIpOnLaunch: true}
  Assoc:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: {SubnetId: !Ref Public, RouteTableId: !Ref Routes}
  Ssh:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: ssh
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}
  Web:
    Type: AWS::EC2::Instance
    Properties: {ImageId: ami-1, SubnetId: !Ref Public, SecurityGroupIds: [!Ref Ssh]}
  Site:
    Type: AWS::S3::Bucket
    Properties:
      AccessControl: PublicRead
  Private:
    Type: AWS::S3::Bucket
  SitePolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Site
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: "*"
            Action: s3:GetObject
            Resource: "arn:aws:s3:::site/*"
)";

class AnalysisPredicatesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string dir = (std::filesystem::temp_directory_path() /
                       ("pg_analysis_predicates_" + std::to_string(getpid())))
                          .string();
    std::filesystem::create_directories(dir);
    path_ = dir + "/template.yaml";
    std::ofstream(path_) << kTemplate;
    absl::StatusOr<LoadResult> loaded = LoadPaths({path_}, {});
    ASSERT_TRUE(loaded.ok()) << loaded.status();
    model_ = std::move(loaded->model);
  }

  // Names of the resources of `kinds` where `require` does not hold.
  std::vector<std::string> Failing(const std::string& kinds,
                                   const std::string& require) {
    std::string text = RuleFile(absl::StrCat(
        "  resources: ", kinds, "\n  require: ", require, "\n  message: m\n"));
    std::vector<std::string> names;
    for (const Finding& finding : RunRuleText(text, model_)) {
      names.push_back(finding.resource);
    }
    return names;
  }

  std::string path_;
  Model model_;
};

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST_F(AnalysisPredicatesTest, ExposedToInternet) {
  EXPECT_THAT(
      Failing("[instance, security_group]",
              "{not: {exposed_to_internet: {port: 22, protocol: tcp}}}"),
      ElementsAre("Ssh", "Web"));
  EXPECT_THAT(
      Failing("[instance]", "{not: {exposed_to_internet: {port: 443}}}"),
      IsEmpty());
}

TEST_F(AnalysisPredicatesTest, Reachable) {
  EXPECT_THAT(
      Failing("[instance]", "{not: {reachable: {from: internet, port: 22}}}"),
      ElementsAre("Web"));
  EXPECT_THAT(Failing("[instance]",
                      "{not: {reachable: {from: 203.0.113.0/24, port: 80}}}"),
              IsEmpty());
}

TEST_F(AnalysisPredicatesTest, PubliclyReadable) {
  EXPECT_THAT(Failing("[bucket]", "{publicly_readable: false}"),
              ElementsAre("Site"));
  EXPECT_THAT(Failing("[bucket]", "{publicly_readable: true}"),
              ElementsAre("Private"));
}

TEST_F(AnalysisPredicatesTest, Allows) {
  EXPECT_THAT(Failing("[bucket]",
                      "{not: {allows: {principal: \"*\", action: "
                      "s3:GetObject, resource: \"arn:aws:s3:::site/a\"}}}"),
              ElementsAre("Site"));
  EXPECT_THAT(Failing("[bucket]",
                      "{not: {allows: {principal: \"*\", action: "
                      "s3:PutObject, resource: \"arn:aws:s3:::site/a\"}}}"),
              IsEmpty());
}

TEST_F(AnalysisPredicatesTest, References) {
  EXPECT_THAT(Failing("[subnet]",
                      "{referenced_by: {resources: [instance], attribute: "
                      "SubnetId}}"),
              IsEmpty());
  EXPECT_THAT(Failing("[security_group]",
                      "{referenced_by: {resources: [instance], attribute: "
                      "ImageId}}"),
              ElementsAre("Ssh"));
  EXPECT_THAT(
      Failing("[instance]",
              "{references: {resources: [\"AWS::EC2::SecurityGroup\"]}}"),
      IsEmpty());
  EXPECT_THAT(Failing("[instance]", "{references: {resources: [bucket]}}"),
              ElementsAre("Web"));
}

}  // namespace
}  // namespace polygraph::testing
