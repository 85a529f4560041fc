#ifndef POLYGRAPH_TESTS_RULES_NET_RULES_TESTING_H_
#define POLYGRAPH_TESTS_RULES_NET_RULES_TESTING_H_

// Helpers for the network rule tests: load a CloudFormation template or a
// Terraform main.tf written to a temporary folder, and run one rule on it.

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "polygraph/loader.h"
#include "polygraph/model.h"
#include "tests/rules/rules_testing.h"

namespace polygraph::testing {

// Writes `text` to <temp>/<test name>/<file> and returns the folder.
inline std::string WriteInput(const std::string& file,
                              const std::string& text) {
  const ::testing::TestInfo* info =
      ::testing::UnitTest::GetInstance()->current_test_info();
  std::filesystem::path dir =
      std::filesystem::path(::testing::TempDir()) /
      (std::string(info->test_suite_name()) + "." + info->name());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::ofstream(dir / file) << text;
  return (dir / file).string();
}

// Loads a template ("t.yaml") or a Terraform configuration ("main.tf").
inline Model LoadInput(const std::string& file, const std::string& text) {
  std::string path = WriteInput(file, text);
  if (file.ends_with(".tf")) {
    path = std::filesystem::path(path).parent_path().string();
  }
  absl::StatusOr<LoadResult> loaded = LoadPaths({path}, {});
  EXPECT_TRUE(loaded.ok()) << loaded.status();
  if (!loaded.ok()) return Model();
  return std::move(loaded->model);
}

// The 1-based line of the first occurrence of `needle` in `text`; 0 if none.
inline int LineOf(const std::string& text, const std::string& needle) {
  size_t at = text.find(needle);
  if (at == std::string::npos) return 0;
  return 1 +
         static_cast<int>(std::count(text.begin(), text.begin() + at, '\n'));
}

// A VPC 10.0.0.0/16 with an internet gateway, a public subnet 10.0.0.0/24
// (route table PublicRoutes: 0.0.0.0/0 to the gateway) and a private subnet
// 10.0.10.0/24 (PrivateRoutes: local only). Tests append resources.
inline constexpr char kVpcTemplate[] = R"(AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  PublicSubnet:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.0.0/24
      MapPublicIpOnLaunch: true
  PrivateSubnet:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.10.0/24
  Igw:
    Type: AWS::EC2::InternetGateway
  IgwAttachment:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties:
      VpcId: !Ref Vpc
      InternetGatewayId: !Ref Igw
  PublicRoutes:
    Type: AWS::EC2::RouteTable
    Properties:
      VpcId: !Ref Vpc
  PublicDefault:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref PublicRoutes
      DestinationCidrBlock: 0.0.0.0/0
      GatewayId: !Ref Igw
  PublicAssociation:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties:
      SubnetId: !Ref PublicSubnet
      RouteTableId: !Ref PublicRoutes
  PrivateRoutes:
    Type: AWS::EC2::RouteTable
    Properties:
      VpcId: !Ref Vpc
  PrivateAssociation:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties:
      SubnetId: !Ref PrivateSubnet
      RouteTableId: !Ref PrivateRoutes
)";

inline std::vector<Finding> RunOn(const std::string& id,
                                  const std::string& file,
                                  const std::string& text) {
  Model model = LoadInput(file, text);
  return RunRule(id, model);
}

}  // namespace polygraph::testing

#endif  // POLYGRAPH_TESTS_RULES_NET_RULES_TESTING_H_
