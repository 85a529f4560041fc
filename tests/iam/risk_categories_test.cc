// Risk classification (risk_categories.cc): which categories a principal's
// effective permissions fall into, with their actions, statements and
// messages.

#include <string>
#include <string_view>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "polygraph/document.h"
#include "polygraph/iam_account.h"
#include "polygraph/iam_catalogue.h"
#include "polygraph/iam_effective.h"
#include "polygraph/iam_policy.h"
#include "tests/testing.h"

namespace polygraph::iam {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

Policy P(const std::string& statements) {
  std::string text =
      R"({"Version": "2012-10-17", "Statement": [)" + statements + "]}";
  absl::StatusOr<Value> document = ParseJson(text, "p.json");
  EXPECT_TRUE(document.ok()) << document.status();
  absl::StatusOr<Policy> policy = ParsePolicy(*document, {});
  EXPECT_TRUE(policy.ok()) << policy.status();
  return *policy;
}

std::string Allow(const std::string& actions, const std::string& resource) {
  return R"({"Effect": "Allow", "Action": )" + actions + R"(, "Resource": ")" +
         resource + R"("})";
}

AccountPrincipal Role(const std::string& name, std::vector<Policy> identity) {
  AccountPrincipal principal;
  principal.kind = PrincipalKind::kRole;
  principal.name = name;
  principal.arn = "arn:aws:iam::111122223333:role/" + name;
  principal.policies.identity = std::move(identity);
  return principal;
}

std::vector<Risk> Classify(const Account& account) {
  absl::StatusOr<std::vector<EffectivePermissions>> permissions =
      ComputeEffectivePermissions(account);
  EXPECT_TRUE(permissions.ok()) << permissions.status();
  return ClassifyRisks(account, *permissions);
}

std::vector<Risk> ClassifyOne(const std::string& actions,
                              const std::string& resource) {
  Account account;
  account.principals.push_back(Role("App", {P(Allow(actions, resource))}));
  return Classify(account);
}

std::vector<std::string> Categories(const std::vector<Risk>& risks) {
  std::vector<std::string> names;
  for (const Risk& risk : risks) {
    names.emplace_back(RiskCategoryName(risk.category));
  }
  return names;
}

TEST(RiskCategoriesTest, CategoryNames) {
  EXPECT_EQ(RiskCategoryName(RiskCategory::kPrivilegeEscalation),
            "privilege-escalation");
  EXPECT_EQ(RiskCategoryName(RiskCategory::kDataExfiltration),
            "data-exfiltration");
  EXPECT_EQ(RiskCategoryName(RiskCategory::kResourceExposure),
            "resource-exposure");
  EXPECT_EQ(RiskCategoryName(RiskCategory::kInfrastructureModification),
            "infrastructure-modification");
  EXPECT_EQ(RiskCategoryName(RiskCategory::kCredentialsExposure),
            "credentials-exposure");
  EXPECT_EQ(RiskCategoryName(RiskCategory::kAdministrator), "administrator");
}

TEST(RiskCategoriesTest, DataExfiltration) {
  std::vector<Risk> risks = ClassifyOne(
      R"(["secretsmanager:GetSecretValue", "s3:GetObject", "s3:ListBucket"])",
      "*");
  ASSERT_EQ(risks.size(), 1u);
  const Risk& risk = risks[0];
  EXPECT_EQ(risk.category, RiskCategory::kDataExfiltration);
  EXPECT_EQ(risk.principal, 0u);
  EXPECT_THAT(risk.actions,
              ElementsAre("s3:GetObject", "secretsmanager:GetSecretValue"));
  EXPECT_EQ(risk.resource_pattern, "*");
  ASSERT_EQ(risk.statements.size(), 1u);
  EXPECT_EQ(risk.statements[0].statement_index, 0u);
  EXPECT_EQ(risk.message,
            "role \"App\" can read data anywhere: s3:GetObject, "
            "secretsmanager:GetSecretValue on \"*\"");
  EXPECT_THAT(ClassifyOne(R"(["s3:GetObject"])", "arn:aws:s3:::logs/*"),
              IsEmpty());
}

TEST(RiskCategoriesTest, ResourceExposure) {
  std::vector<Risk> risks =
      ClassifyOne(R"(["s3:PutBucketPolicy", "kms:PutKeyPolicy"])", "*");
  ASSERT_EQ(risks.size(), 1u);
  EXPECT_EQ(risks[0].category, RiskCategory::kResourceExposure);
  EXPECT_THAT(risks[0].actions,
              ElementsAre("kms:PutKeyPolicy", "s3:PutBucketPolicy"));
  EXPECT_THAT(ClassifyOne(R"(["s3:PutBucketPolicy"])", "arn:aws:s3:::logs"),
              IsEmpty());
}

TEST(RiskCategoriesTest, InfrastructureModification) {
  std::vector<Risk> risks = ClassifyOne(
      R"(["ec2:RunInstances", "dynamodb:CreateTable", "ec2:DescribeInstances"])",
      "*");
  ASSERT_EQ(risks.size(), 1u);
  EXPECT_EQ(risks[0].category, RiskCategory::kInfrastructureModification);
  EXPECT_THAT(risks[0].actions,
              ElementsAre("dynamodb:CreateTable", "ec2:RunInstances"));
  EXPECT_THAT(risks[0].message,
              ::testing::StartsWith("role \"App\" can modify infrastructure"));
  // Item-level writes and invocations change no infrastructure.
  EXPECT_THAT(
      ClassifyOne(R"(["dynamodb:PutItem", "lambda:InvokeFunction"])", "*"),
      IsEmpty());
  EXPECT_THAT(ClassifyOne(R"(["ec2:RunInstances"])",
                          "arn:aws:ec2:us-east-1:111122223333:instance/*"),
              IsEmpty());
}

TEST(RiskCategoriesTest, CredentialsExposure) {
  std::vector<Risk> risks =
      ClassifyOne(R"(["ecr:GetAuthorizationToken"])", "*");
  ASSERT_EQ(risks.size(), 1u);
  EXPECT_EQ(risks[0].category, RiskCategory::kCredentialsExposure);
  EXPECT_THAT(risks[0].actions, ElementsAre("ecr:GetAuthorizationToken"));
  EXPECT_THAT(ClassifyOne(R"(["redshift:GetClusterCredentials"])",
                          "arn:aws:redshift:us-east-1:111122223333:dbuser:c/u"),
              IsEmpty());
}

TEST(RiskCategoriesTest, PrivilegeEscalationOnIamResources) {
  std::vector<Risk> risks =
      ClassifyOne(R"(["iam:PutRolePolicy", "iam:GetRole"])",
                  "arn:aws:iam::111122223333:role/*");
  ASSERT_EQ(risks.size(), 1u);
  EXPECT_EQ(risks[0].category, RiskCategory::kPrivilegeEscalation);
  EXPECT_THAT(risks[0].actions, ElementsAre("iam:PutRolePolicy"));
  EXPECT_EQ(risks[0].resource_pattern, "arn:aws:iam::111122223333:role/*");
  EXPECT_EQ(risks[0].message,
            "role \"App\" can escalate privileges: iam:PutRolePolicy on "
            "\"arn:aws:iam::111122223333:role/*\"");
  // Write actions of other services on IAM patterns mean nothing.
  EXPECT_THAT(ClassifyOne(R"(["iam:PutRolePolicy"])", "arn:aws:s3:::x/*"),
              IsEmpty());
}

TEST(RiskCategoriesTest, PassRoleNeedsComputeToEscalate) {
  EXPECT_THAT(ClassifyOne(R"(["iam:PassRole"])", "*"), IsEmpty());
  Account account;
  account.principals.push_back(
      Role("Ci",
           {P(Allow(R"(["iam:PassRole"])", "arn:aws:iam::111122223333:role/*") +
              "," +
              Allow(R"(["lambda:CreateFunction"])",
                    "arn:aws:lambda:us-east-1:111122223333:function:*"))}));
  std::vector<Risk> risks = Classify(account);
  ASSERT_EQ(risks.size(), 1u);
  EXPECT_EQ(risks[0].category, RiskCategory::kPrivilegeEscalation);
  EXPECT_THAT(risks[0].actions,
              ElementsAre("iam:PassRole", "lambda:CreateFunction"));
  EXPECT_EQ(risks[0].resource_pattern, "arn:aws:iam::111122223333:role/*");
  ASSERT_EQ(risks[0].statements.size(), 2u);
  EXPECT_EQ(risks[0].statements[0].statement_index, 0u);
  EXPECT_EQ(risks[0].statements[1].statement_index, 1u);
}

TEST(RiskCategoriesTest, NotResourceGrantsAreBroad) {
  Account account;
  account.principals.push_back(
      Role("App", {P(R"({"Effect": "Allow", "Action": "s3:GetObject",
                    "NotResource": "arn:aws:s3:::public/*"})")}));
  std::vector<Risk> risks = Classify(account);
  EXPECT_THAT(Categories(risks), ElementsAre("data-exfiltration"));
  EXPECT_EQ(risks[0].resource_pattern, "NotResource: arn:aws:s3:::public/*");
}

TEST(RiskCategoriesTest, AdministratorGetsOnlyTheAdministratorRisk) {
  std::vector<Risk> risks = ClassifyOne(R"("*")", "*");
  ASSERT_EQ(risks.size(), 1u);
  EXPECT_EQ(risks[0].category, RiskCategory::kAdministrator);
  EXPECT_EQ(risks[0].resource_pattern, "*");
  EXPECT_THAT(risks[0].message,
              ::testing::StartsWith("role \"App\" is an administrator: "));
  EXPECT_FALSE(risks[0].actions.empty());
  EXPECT_EQ(risks[0].statements.size(), 1u);
  // Near-admin without iam permissions management is not administrator and
  // gets the other categories.
  Account account;
  account.principals.push_back(Role(
      "Ops",
      {P(R"({"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"})")}));
  EXPECT_THAT(
      Categories(Classify(account)),
      ElementsAre("data-exfiltration", "resource-exposure",
                  "infrastructure-modification", "credentials-exposure"));
}

TEST(RiskCategoriesTest, SortedByPrincipalThenCategory) {
  Account account;
  account.principals.push_back(
      Role("B", {P(Allow(R"(["ecr:GetAuthorizationToken", "s3:GetObject",
                         "iam:AttachUserPolicy"])",
                         "*"))}));
  account.principals.push_back(Role("Admin", {P(Allow(R"("*")", "*"))}));
  account.principals.push_back(Role("None", {}));
  std::vector<Risk> risks = Classify(account);
  EXPECT_THAT(Categories(risks),
              ElementsAre("privilege-escalation", "data-exfiltration",
                          "credentials-exposure", "administrator"));
  EXPECT_EQ(risks[0].principal, 0u);
  EXPECT_EQ(risks[3].principal, 1u);
}

}  // namespace
}  // namespace polygraph::iam
