#include "rules/check_context.h"

#include <utility>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/rules/rules_testing.h"

namespace polygraph::rules::internal {
namespace {

using ::polygraph::testing::At;
using ::polygraph::testing::MakeResource;
using ::testing::SizeIs;

Model OneBucket(CannedAcl acl) {
  ModelBuilder builder;
  Bucket bucket;
  bucket.resource = builder.AddResource(
      MakeResource("Assets", ResourceKind::kBucket, "AWS::S3::Bucket", 2));
  bucket.access_control = acl;
  bucket.access_control_location = At(5, 22);
  builder.AddBucket(std::move(bucket));
  return std::move(builder).Build();
}

TEST(CheckContextTest, ExposuresAreComputedOnceAndShared) {
  Model model = OneBucket(CannedAcl::kPublicRead);
  CheckContext context(model);
  const std::vector<storage::BucketExposure>& first =
      context.bucket_exposures();
  ASSERT_THAT(first, SizeIs(1));
  EXPECT_TRUE(first[0].public_acl);
  EXPECT_EQ(&context.bucket_exposures(), &first);
  EXPECT_THAT(context.diagnostics(), SizeIs(0));
}

TEST(CheckContextTest, DiagnosticsAreRecordedOnce) {
  Model model = OneBucket(CannedAcl::kPrivate);
  CheckContext context(model);
  Diagnostic diagnostic{.level = Diagnostic::Level::kError,
                        .code = "policy-not-analysed",
                        .location = At(7, 9),
                        .message = "bad CIDR"};
  context.AddDiagnostic(diagnostic);
  context.AddDiagnostic(diagnostic);
  diagnostic.location = At(8, 9);
  context.AddDiagnostic(diagnostic);
  ASSERT_THAT(context.diagnostics(), SizeIs(2));
  EXPECT_EQ(context.diagnostics()[0].location.line, 7);
  EXPECT_EQ(context.diagnostics()[1].location.line, 8);
}

TEST(CheckContextTest, NetworkIsBuiltOnceAndItsDiagnosticsKept) {
  ModelBuilder builder;
  SecurityGroup group;
  group.resource = builder.AddResource(MakeResource(
      "AppSG", ResourceKind::kSecurityGroup, "AWS::EC2::SecurityGroup", 3));
  builder.AddSecurityGroup(group);
  SecurityGroupRule rule;
  rule.group = group.resource;
  rule.protocol = "tcp";
  rule.from_port = 3000;
  rule.to_port = 3000;
  rule.peer_group_id = "sg-0123abcd";  // declared nowhere
  rule.location = At(9, 11);
  builder.AddSecurityGroupRule(rule);
  Model model = std::move(builder).Build();
  CheckContext context(model);
  const net::Network& network = context.network();
  EXPECT_EQ(&context.network(), &network);
  EXPECT_TRUE(network.ExposedToInternet().empty());
  std::vector<Diagnostic> diagnostics = context.diagnostics();
  ASSERT_THAT(diagnostics, SizeIs(1));
  EXPECT_EQ(diagnostics[0].code, "unresolved-reference");
  EXPECT_EQ(diagnostics[0].location.line, 9);
}

}  // namespace
}  // namespace polygraph::rules::internal

namespace polygraph::rules::internal {
namespace {

TEST(CheckContextTest, AccountIsAnalysedOnce) {
  ModelBuilder builder;
  builder.AddResource(::polygraph::testing::MakeResource(
      "App", ResourceKind::kRole, "AWS::IAM::Role", 2));
  builder.AddResource(::polygraph::testing::MakeResource(
      "Assets", ResourceKind::kBucket, "AWS::S3::Bucket", 9));
  Model model = std::move(builder).Build();
  CheckContext context(model);
  const AccountAnalysis& first = context.account();
  ASSERT_THAT(first.account.principals, ::testing::SizeIs(1));
  EXPECT_EQ(first.account.principals[0].name, "App");
  EXPECT_EQ(first.permissions.size(), 1u);
  EXPECT_FALSE(first.permissions[0].admin);
  EXPECT_EQ(&context.account(), &first);
  EXPECT_THAT(context.diagnostics(), ::testing::IsEmpty());
}

}  // namespace
}  // namespace polygraph::rules::internal
