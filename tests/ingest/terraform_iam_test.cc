#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/ingest/terraform_testing.h"
#include "tests/testing.h"

namespace polygraph::ingest::testing {
namespace {

TEST(TerraformIamTest, RoleTrustPolicyFromJsonString) {
  ASSERT_OK_AND_ASSIGN(Imported imported,
                       ImportInstances({Instance("aws_iam_role.task", R"({
  "name": "task",
  "assume_role_policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ecs-tasks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}",
  "inline_policy": [{"name": "logs", "policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"logs:*\",\"Resource\":\"*\"}]}"}]
})")}));
  const size_t role = imported.IndexOf("aws_iam_role.task");
  ASSERT_NE(role, kNoResource);
  EXPECT_EQ(imported.model.resources()[role].kind, ResourceKind::kRole);
  std::vector<PolicyDocument> trust =
      Named(imported, "AssumeRolePolicyDocument");
  ASSERT_EQ(trust.size(), 1u);
  EXPECT_EQ(trust[0].owner, role);
  EXPECT_EQ(trust[0].kind, iam::PolicyKind::kTrust);
  ASSERT_EQ(trust[0].policy.statements.size(), 1u);
  // The parsed policy is located at the attribute in the .tf file.
  EXPECT_EQ(trust[0].policy.statements[0].location.file, "main.tf");
  EXPECT_EQ(trust[0].policy.statements[0].location.line, 3);
  std::vector<PolicyDocument> logs = Named(imported, "logs");
  ASSERT_EQ(logs.size(), 1u);
  EXPECT_EQ(logs[0].owner, role);
}

TEST(TerraformIamTest, PoliciesWithoutANameAreNamedByTheirAddress) {
  ASSERT_OK_AND_ASSIGN(
      Imported imported,
      ImportInstances({Instance("aws_iam_role.app", R"({"name": "app"})"),
                       Instance("aws_iam_role_policy.admin", R"({
  "role": "${aws_iam_role.app.id}",
  "policy": "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"})")}));
  std::vector<PolicyDocument> named =
      Named(imported, "aws_iam_role_policy.admin");
  ASSERT_EQ(named.size(), 1u);
  // Owned by the declaring resource, which references its role, as for
  // CloudFormation's AWS::IAM::RolePolicy.
  EXPECT_EQ(named[0].owner, imported.IndexOf("aws_iam_role_policy.admin"));
}

TEST(TerraformIamTest, PolicyWithReferencesInsideItsJson) {
  terraform::ResourceInstance policy = Instance("aws_iam_policy.read", R"({
  "name": "read", "policy": "x"})");
  // jsonencode over a reference: a string template of parts.
  const SourceLocation at = policy.attributes.Find("policy")->location;
  policy.attributes.items[1] = terraform::TfValue::Concatenation(
      {terraform::TfValue::String(
           R"({"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":")",
           at),
       terraform::TfValue::ResourceAttribute("aws_s3_bucket.data", "arn", at),
       terraform::TfValue::String(R"(/*"}]})", at)},
      at);
  ASSERT_OK_AND_ASSIGN(
      Imported imported,
      ImportInstances(
          {Instance("aws_s3_bucket.data", R"({"bucket": "d"})"), policy}));
  std::vector<PolicyDocument> read = Named(imported, "read");
  ASSERT_EQ(read.size(), 1u);
  EXPECT_EQ(read[0].owner, imported.IndexOf("aws_iam_policy.read"));
  bool linked = false;
  for (const Reference& reference : imported.model.references()) {
    linked =
        linked || (reference.from == imported.IndexOf("aws_iam_policy.read") &&
                   reference.to == imported.IndexOf("aws_s3_bucket.data"));
  }
  EXPECT_TRUE(linked);
}

TEST(TerraformIamTest, AttachmentAddsToTheRolesManagedPolicies) {
  ASSERT_OK_AND_ASSIGN(
      Imported imported,
      ImportInstances({Instance("aws_iam_role.r", R"({"name": "r"})"),
                       Instance("aws_iam_role_policy_attachment.ro", R"({
  "role": "${aws_iam_role.r.name}",
  "policy_arn": "arn:aws:iam::aws:policy/ReadOnlyAccess"})")}));
  const Resource* role = imported.Find("aws_iam_role.r");
  ASSERT_NE(role, nullptr);
  const Value* arns = role->properties.Find("ManagedPolicyArns");
  ASSERT_NE(arns, nullptr);
  ASSERT_EQ(arns->items.size(), 1u);
  EXPECT_EQ(arns->items[0].text, "arn:aws:iam::aws:policy/ReadOnlyAccess");
  const Resource* attachment =
      imported.Find("aws_iam_role_policy_attachment.ro");
  ASSERT_NE(attachment, nullptr);
  EXPECT_EQ(attachment->type, "aws_iam_role_policy_attachment");
  EXPECT_EQ(attachment->kind, ResourceKind::kOther);
}

TEST(TerraformIamTest, UnknownPolicyStaysSymbolic) {
  ASSERT_OK_AND_ASSIGN(Imported imported,
                       ImportInstances({Instance("aws_iam_role_policy.p", R"({
  "role": "r", "name": "p",
  "policy": "${data.aws_iam_policy_document.p.json}"})")}));
  EXPECT_TRUE(imported.model.policies().empty());
  std::vector<Diagnostic> notes = imported.WithCode("symbolic-value");
  ASSERT_FALSE(notes.empty());
  EXPECT_EQ(notes[0].location.file, "main.tf");
  EXPECT_THAT(notes[0].message,
              ::testing::HasSubstr("data.aws_iam_policy_document.p.json"));
}

TEST(TerraformIamTest, QueuePolicyGovernsItsQueue) {
  ASSERT_OK_AND_ASSIGN(
      Imported imported,
      ImportInstances({Instance("aws_sqs_queue.q", R"({"name": "q"})"),
                       Instance("aws_sqs_queue_policy.q", R"({
  "queue_url": "${aws_sqs_queue.q.id}",
  "policy": "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"sqs:SendMessage\",\"Resource\":\"*\"}]}"})")}));
  ASSERT_EQ(imported.model.policies().size(), 1u);
  EXPECT_EQ(imported.model.policies()[0].owner,
            imported.IndexOf("aws_sqs_queue.q"));
}

}  // namespace
}  // namespace polygraph::ingest::testing
