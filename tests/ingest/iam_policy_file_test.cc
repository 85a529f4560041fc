#include "ingest/iam_policy_file.h"

#include <string>

#include "gtest/gtest.h"
#include "polygraph/document.h"
#include "tests/ingest/ingest_testing.h"
#include "tests/testing.h"

namespace polygraph::ingest {
namespace {

using testing::ExpectInputError;

absl::StatusOr<Model> Import(const std::string& path, const std::string& json) {
  absl::StatusOr<Value> document = ParseJson(json, path);
  if (!document.ok()) return document.status();
  ModelBuilder builder;
  if (absl::Status s = ImportIamPolicyFile(path, *document, builder); !s.ok()) {
    return s;
  }
  return std::move(builder).Build();
}

TEST(IamPolicyFileTest, IdentityPolicy) {
  ASSERT_OK_AND_ASSIGN(Model model, Import("policies/admin.json", R"({
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]
})"));
  ASSERT_EQ(model.resources().size(), 1u);
  const Resource& resource = model.resources()[0];
  EXPECT_EQ(resource.name, "admin");
  EXPECT_EQ(resource.kind, ResourceKind::kPolicyDocument);
  EXPECT_EQ(resource.format, SourceFormat::kIamPolicy);
  EXPECT_EQ(resource.location, (SourceLocation{"policies/admin.json", 1, 1}));
  ASSERT_EQ(model.policies().size(), 1u);
  const PolicyDocument& policy = model.policies()[0];
  EXPECT_EQ(policy.owner, 0u);
  EXPECT_EQ(policy.name, "admin.json");
  EXPECT_EQ(policy.kind, iam::PolicyKind::kIdentity);
  EXPECT_EQ(policy.policy.statements.size(), 1u);
}

TEST(IamPolicyFileTest, InfersResourceAndTrustPolicies) {
  ASSERT_OK_AND_ASSIGN(Model bucket, Import("bucket.policy.json", R"({
  "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
                 "Resource": "arn:aws:s3:::b/*"}]})"));
  EXPECT_EQ(bucket.resources()[0].name, "bucket.policy");
  EXPECT_EQ(bucket.policies()[0].kind, iam::PolicyKind::kResource);
  ASSERT_OK_AND_ASSIGN(Model trust, Import("trust.json", R"({
  "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
                 "Action": "sts:AssumeRole"}]})"));
  EXPECT_EQ(trust.policies()[0].kind, iam::PolicyKind::kTrust);
}

TEST(IamPolicyFileTest, KindRulesAreChecked) {
  ExpectInputError(Import("p.json", R"({"Statement": [
  {"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
  {"Effect": "Allow", "Action": "s3:*"}]})")
                       .status(),
                   3, 3, "statement has no Resource or NotResource");
  ExpectInputError(Import("p.json", R"({"Statement": [
  {"Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": "*"},
  {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]})")
                       .status(),
                   3, 3, "statement has no Principal or NotPrincipal");
  ExpectInputError(Import("p.json", R"({"Statement": [{"Effect": "Alow",
    "Action": "s3:*", "Resource": "*"}]})")
                       .status(),
                   1, 27, R"(Effect must be "Allow" or "Deny", found "Alow")");
}

}  // namespace
}  // namespace polygraph::ingest
