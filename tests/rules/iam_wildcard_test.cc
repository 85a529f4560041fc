#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/rules/rules_testing.h"

namespace polygraph::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

std::vector<Finding> Findings(
    std::vector<iam::Statement> statements, size_t owner = kNoResource,
    iam::PolicyKind kind = iam::PolicyKind::kIdentity) {
  ModelBuilder builder;
  builder.AddResource(
      MakeResource("AppRole", ResourceKind::kRole, "AWS::IAM::Role", 1));
  PolicyDocument policy = MakePolicy("AppPolicy", std::move(statements));
  policy.owner = owner;
  policy.kind = kind;
  builder.AddPolicy(policy);
  Model model = std::move(builder).Build();
  return RunRule("PG-IAM-001", model);
}

// "*" on "*" without conditions is administrator access: PG-IAM-002 reports
// it, PG-IAM-001 does not report it again.
TEST(IamWildcardTest, AdministratorAccessIsLeftToTheAdminRule) {
  EXPECT_THAT(Findings({MakeStatement({"*"}, {"*"}, /*line=*/12)}), IsEmpty());
}

TEST(IamWildcardTest, FullWildcardOnEveryResourceUnderACondition) {
  iam::Statement statement = MakeStatement({"*"}, {"*"}, /*line=*/12);
  statement.conditions.push_back(
      {.op = "StringEquals",
       .key = "aws:RequestedRegion",
       .values = {{.value = "eu-west-1", .location = {}, .symbolic = false}},
       .location = {}});
  std::vector<Finding> findings = Findings({statement});
  ASSERT_THAT(findings, SizeIs(1));
  const Finding& finding = findings[0];
  EXPECT_EQ(finding.rule_id, "PG-IAM-001");
  EXPECT_EQ(finding.severity, Severity::kHigh);
  EXPECT_EQ(finding.title,
            "IAM policy allows every action of a service on every resource");
  EXPECT_EQ(finding.location, At(12, 10));
  EXPECT_EQ(finding.resource, "AppPolicy");
  EXPECT_EQ(finding.message,
            "policy \"AppPolicy\" allows \"*\" on Resource \"*\"");
  EXPECT_THAT(finding.fix,
              HasSubstr("replace Action \"*\" with the specific actions"));
}

TEST(IamWildcardTest, ServiceWildcardInAnyCase) {
  std::vector<Finding> findings = Findings(
      {MakeStatement({"s3:GetObject", "S3:*", "ec2:*"}, {"*"}, /*line=*/5)});
  ASSERT_THAT(findings, SizeIs(2));
  EXPECT_EQ(findings[0].location, At(6, 10));
  EXPECT_EQ(findings[0].message,
            "policy \"AppPolicy\" allows \"S3:*\" on Resource \"*\"");
  EXPECT_THAT(findings[0].fix,
              HasSubstr("replace \"S3:*\" with the S3 actions"));
  EXPECT_EQ(findings[1].location, At(7, 10));
  EXPECT_THAT(findings[1].message, HasSubstr("\"ec2:*\""));
}

TEST(IamWildcardTest, NamesTheOwnerAndTheStatement) {
  iam::Statement statement = MakeStatement({"iam:*"}, {"arn:aws:s3:::a", "*"});
  statement.sid = "Admin";
  std::vector<Finding> findings = Findings({statement}, /*owner=*/0);
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].resource, "AppRole");
  EXPECT_EQ(findings[0].message,
            "policy \"AppPolicy\" statement \"Admin\" allows \"iam:*\" on "
            "Resource \"*\"");
}

TEST(IamWildcardTest, ResourcePoliciesAreScopedToTheirResource) {
  // A KMS key policy's standard statement: kms:* on "*" is this key only.
  EXPECT_THAT(Findings({MakeStatement({"kms:*"}, {"*"})}, kNoResource,
                       iam::PolicyKind::kResource),
              IsEmpty());
  EXPECT_THAT(Findings({MakeStatement({"kms:*"}, {"*"})}, kNoResource,
                       iam::PolicyKind::kAny),
              SizeIs(1));
}

TEST(IamWildcardTest, ScopedResourcesPass) {
  EXPECT_THAT(Findings({MakeStatement({"s3:*"}, {"arn:aws:s3:::assets/*"})}),
              IsEmpty());
  EXPECT_THAT(Findings({MakeStatement({"*"}, {"arn:aws:s3:::*"})}), IsEmpty());
}

TEST(IamWildcardTest, SpecificOrPartialActionsPass) {
  EXPECT_THAT(Findings({MakeStatement({"s3:GetObject", "s3:Get*", "s3:*Object"},
                                      {"*"})}),
              IsEmpty());
  EXPECT_THAT(Findings({MakeStatement({":*", "a:b:*"}, {"*"})}), IsEmpty());
}

TEST(IamWildcardTest, DenyPasses) {
  EXPECT_THAT(Findings({MakeStatement({"*"}, {"*"}, 10, iam::Effect::kDeny)}),
              IsEmpty());
}

TEST(IamWildcardTest, NotActionAndNotResourceAreLeftToOtherRules) {
  iam::Statement not_action = MakeStatement({"iam:*"}, {"*"});
  not_action.not_action = true;
  iam::Statement not_resource = MakeStatement({"s3:*"}, {"arn:aws:s3:::logs"});
  not_resource.not_resource = true;
  EXPECT_THAT(Findings({not_action, not_resource}), IsEmpty());
}

TEST(IamWildcardTest, SymbolicValuesAreNotPatterns) {
  iam::Statement statement = MakeStatement({"*"}, {"*"});
  statement.resources[0].symbolic = true;
  EXPECT_THAT(Findings({statement}), IsEmpty());
  statement = MakeStatement({"*"}, {"*"});
  statement.actions[0].symbolic = true;
  EXPECT_THAT(Findings({statement}), IsEmpty());
}

TEST(IamWildcardTest, StatementWithoutResource) {
  iam::Statement statement = MakeStatement({"sts:*"}, {});
  EXPECT_THAT(Findings({statement}), IsEmpty());
}

TEST(IamWildcardTest, UnknownActionLocationFallsBackToStatement) {
  iam::Statement statement = MakeStatement({"s3:*"}, {"*"}, /*line=*/8);
  statement.actions[0].location = {};
  std::vector<Finding> findings = Findings({statement});
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].location, At(7, 7));
}

TEST(IamWildcardTest, TerraformFixNamesTerraformArguments) {
  ModelBuilder builder;
  builder.AddResource(MakeResource("aws_iam_role_policy.app",
                                   ResourceKind::kRole, "aws_iam_role_policy",
                                   1, SourceFormat::kTerraform));
  PolicyDocument policy =
      MakePolicy("app", {MakeStatement({"s3:*", "ec2:*"}, {"*"})});
  policy.owner = 0;
  builder.AddPolicy(policy);
  std::vector<Finding> findings =
      RunRule("PG-IAM-001", std::move(builder).Build());
  ASSERT_THAT(findings, SizeIs(2));
  EXPECT_THAT(findings[0].fix,
              HasSubstr("replace \"s3:*\" in Action (actions in an "
                        "aws_iam_policy_document) in the policy of "
                        "aws_iam_role_policy.app with the s3 actions"));
  EXPECT_THAT(findings[1].fix,
              HasSubstr("replace \"ec2:*\" in Action (actions in an "
                        "aws_iam_policy_document)"));
}

}  // namespace
}  // namespace polygraph::testing
