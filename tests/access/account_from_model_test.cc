#include "polygraph/account_from_model.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "polygraph/iam_decision.h"
#include "polygraph/loader.h"
#include "tests/testing.h"

namespace polygraph {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

namespace fs = std::filesystem;

class AccountFromModelTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const ::testing::TestInfo* info =
        ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           (std::string("polygraph_account_test_") + info->name() + "_" +
            std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  iam::Account Load(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
    absl::StatusOr<LoadResult> loaded = LoadPaths({dir_.string()}, {});
    EXPECT_TRUE(loaded.ok()) << loaded.status();
    if (!loaded.ok()) return {};
    absl::StatusOr<iam::Account> account = AccountFromModel(loaded->model);
    EXPECT_TRUE(account.ok()) << account.status();
    return account.ok() ? *account : iam::Account{};
  }

  fs::path dir_;
};

bool Allows(const iam::AccountPrincipal& principal, const std::string& action,
            const std::string& resource) {
  iam::Request request;
  request.principal = principal.arn;
  request.action = action;
  request.resource = resource;
  absl::StatusOr<iam::Decision> decision =
      iam::Decide(request, principal.policies);
  EXPECT_TRUE(decision.ok()) << decision.status();
  return decision.ok() && decision->kind == iam::DecisionKind::kAllow;
}

constexpr char kTemplate[] = R"(AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Bucket:
    Type: AWS::S3::Bucket
  Deploy:
    Type: AWS::IAM::Role
    Properties:
      RoleName: deploy
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {Service: lambda.amazonaws.com}
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/AdministratorAccess
  Ci:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {Service: codebuild.amazonaws.com}
            Action: sts:AssumeRole
      PermissionsBoundary: !Ref Boundary
      Policies:
        - PolicyName: pass
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: iam:PassRole
                Resource: !GetAtt Deploy.Arn
              - Effect: Allow
                Action: s3:GetObject
                Resource: !Sub "${Bucket.Arn}/*"
  Boundary:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: ["iam:PassRole", "lambda:*"]
            Resource: "*"
  Readers:
    Type: AWS::IAM::Group
    Properties:
      Policies:
        - PolicyName: read
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: ec2:Describe*
                Resource: "*"
  Alice:
    Type: AWS::IAM::User
    Properties:
      Groups: [!Ref Readers]
)";

TEST_F(AccountFromModelTest, RolesAndUsersWithTheirPolicies) {
  iam::Account account = Load("t.yaml", kTemplate);
  ASSERT_EQ(account.principals.size(), 3u);

  std::optional<size_t> deploy = account.Find("Deploy");
  ASSERT_TRUE(deploy.has_value());
  const iam::AccountPrincipal& d = account.principals[*deploy];
  EXPECT_EQ(d.kind, iam::PrincipalKind::kRole);
  EXPECT_EQ(d.arn, "arn:aws:iam::111122223333:role/deploy");
  EXPECT_THAT(d.service_principals, ElementsAre("lambda.amazonaws.com"));
  ASSERT_TRUE(d.trust_policy.has_value());
  ASSERT_EQ(d.identity_sources.size(), 1u);
  EXPECT_THAT(d.identity_sources[0].label, HasSubstr("AdministratorAccess"));
  EXPECT_TRUE(Allows(d, "iam:CreateUser", "*"));

  std::optional<size_t> ci = account.Find("Ci");
  ASSERT_TRUE(ci.has_value());
  const iam::AccountPrincipal& c = account.principals[*ci];
  EXPECT_EQ(c.arn, "arn:aws:iam::111122223333:role/Ci");
  // The symbolic !GetAtt Deploy.Arn became Deploy's ARN.
  EXPECT_TRUE(Allows(c, "iam:PassRole", d.arn));
  EXPECT_FALSE(
      Allows(c, "iam:PassRole", "arn:aws:iam::111122223333:role/other"));
  // The boundary is a boundary, not an identity policy: s3:GetObject is
  // allowed by the identity policy but not by the boundary.
  ASSERT_TRUE(c.policies.permissions_boundary.has_value());
  EXPECT_EQ(c.boundary_sources.size(), 1u);
  EXPECT_EQ(c.identity_sources.size(), 1u);
  EXPECT_FALSE(Allows(c, "s3:GetObject", "arn:aws:s3:::any/key"));

  std::optional<size_t> alice = account.Find("alice");  // case-insensitive
  ASSERT_TRUE(alice.has_value());
  const iam::AccountPrincipal& a = account.principals[*alice];
  EXPECT_EQ(a.kind, iam::PrincipalKind::kUser);
  EXPECT_THAT(a.groups, ElementsAre("Readers"));
  ASSERT_EQ(a.identity_sources.size(), 1u);
  EXPECT_THAT(a.identity_sources[0].label, HasSubstr("group \"Readers\""));
  EXPECT_TRUE(Allows(a, "ec2:DescribeInstances", "*"));
  EXPECT_FALSE(a.trust_policy.has_value());
}

TEST_F(AccountFromModelTest, NoSymbolicValueIsLeft) {
  iam::Account account = Load("t.yaml", kTemplate);
  for (const iam::AccountPrincipal& principal : account.principals) {
    for (const iam::Policy& policy : principal.policies.identity) {
      for (const iam::Statement& statement : policy.statements) {
        for (const iam::LocatedString& value : statement.resources) {
          EXPECT_FALSE(value.symbolic) << value.value;
          EXPECT_EQ(value.value.find("${"), std::string::npos) << value.value;
        }
      }
    }
    // Every policy set compiles.
    iam::Request request;
    request.principal = principal.arn;
    request.action = "s3:GetObject";
    request.resource = "*";
    EXPECT_TRUE(iam::Decide(request, principal.policies).ok());
  }
}

TEST_F(AccountFromModelTest, TerraformAttachmentsAndReferences) {
  iam::Account account = Load("main.tf", R"(
resource "aws_iam_role" "worker" {
  name               = "worker"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow", Action = "sts:AssumeRole",
      Principal = { Service = "ecs-tasks.amazonaws.com" }
    }]
  })
}

resource "aws_iam_policy" "write" {
  name   = "write"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow", Action = ["iam:PutRolePolicy"],
      Resource = aws_iam_role.worker.arn
    }]
  })
}

resource "aws_iam_role_policy_attachment" "worker_write" {
  role       = aws_iam_role.worker.name
  policy_arn = aws_iam_policy.write.arn
}
)");
  ASSERT_EQ(account.principals.size(), 1u);
  const iam::AccountPrincipal& worker = account.principals[0];
  EXPECT_EQ(worker.arn, "arn:aws:iam::111122223333:role/worker");
  EXPECT_THAT(worker.service_principals,
              ElementsAre("ecs-tasks.amazonaws.com"));
  ASSERT_EQ(worker.policies.identity.size(), 1u);
  EXPECT_TRUE(Allows(worker, "iam:PutRolePolicy", worker.arn));
}

TEST_F(AccountFromModelTest, EmptyModelHasNoPrincipals) {
  iam::Account account = Load("t.yaml", R"(Resources:
  Bucket:
    Type: AWS::S3::Bucket
)");
  EXPECT_THAT(account.principals, IsEmpty());
  EXPECT_EQ(account.id, "111122223333");
}

}  // namespace
}  // namespace polygraph
