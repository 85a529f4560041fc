#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/rules/iam_rules_testing.h"

namespace polygraph::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

// A role whose trust statement has `principal` (the lines under Principal:)
// and `rest` (more statement lines).
std::string Role(const std::string& principal, const std::string& rest = "",
                 const std::string& action = "sts:AssumeRole") {
  return R"(Resources:
  VendorRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
)" + principal +
         "            Action: " + action + "\n" + rest;
}

TEST(IamCrossAccountTrustTest, OtherAccountsWithoutExternalId) {
  std::vector<Finding> findings = RunRuleOnText(
      "PG-IAM-009",
      Role("              AWS:\n"
           "                - arn:aws:iam::444455556666:root\n"
           "                - \"777788889999\"\n"
           "                - arn:aws:iam::444455556666:role/ci\n"));
  ASSERT_THAT(findings, SizeIs(3));
  EXPECT_EQ(findings[0].location.line, 11);
  EXPECT_EQ(findings[0].severity, Severity::kHigh);
  EXPECT_THAT(findings[0].message,
              HasSubstr("trust policy of role \"VendorRole\" lets account "
                        "444455556666 (Principal AWS "
                        "\"arn:aws:iam::444455556666:root\") call "
                        "sts:AssumeRole without"));
  EXPECT_THAT(findings[1].message, HasSubstr("lets account 777788889999"));
  EXPECT_EQ(findings[2].location.line, 13);
  EXPECT_THAT(findings[0].fix, HasSubstr("sts:ExternalId"));
}

TEST(IamCrossAccountTrustTest, AnyAccount) {
  std::vector<Finding> findings =
      RunRuleOnText("PG-IAM-009", Role("              AWS: \"*\"\n"));
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_THAT(findings[0].message, HasSubstr("lets any AWS account"));
}

TEST(IamCrossAccountTrustTest, GuardedOwnOrServicePrincipalsPass) {
  const std::string other =
      "              AWS: arn:aws:iam::444455556666:root\n";
  for (const char* key :
       {"sts:ExternalId", "aws:PrincipalOrgID", "aws:PrincipalOrgPaths"}) {
    EXPECT_THAT(RunRuleOnText("PG-IAM-009",
                              Role(other, std::string("            Condition:\n"
                                                      "              "
                                                      "StringEquals:\n"
                                                      "                ") +
                                              key + ": x\n")),
                IsEmpty())
        << key;
  }
  EXPECT_THAT(RunRuleOnText("PG-IAM-009",
                            Role("              AWS: !Sub "
                                 "\"arn:aws:iam::${AWS::AccountId}:root\"\n")),
              IsEmpty());
  EXPECT_THAT(
      RunRuleOnText("PG-IAM-009",
                    Role("              Service: lambda.amazonaws.com\n")),
      IsEmpty());
  // An action other than sts:AssumeRole is not decided by this rule.
  EXPECT_THAT(RunRuleOnText("PG-IAM-009", Role(other, "", "sts:TagSession")),
              IsEmpty());
}

constexpr char kProvider[] =
    "oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";

std::string Irsa(const std::string& conditions) {
  return Role(absl::StrCat("              Federated: arn:aws:iam::"
                           "111122223333:oidc-provider/",
                           kProvider, "\n"),
              conditions, "sts:AssumeRoleWithWebIdentity");
}

std::string Condition(const std::string& op, const std::string& key,
                      const std::string& value) {
  return absl::StrCat("            Condition:\n              ", op,
                      ":\n                ", kProvider, ":", key, ": \"", value,
                      "\"\n");
}

TEST(EksIrsaTrustTest, NoSubjectCondition) {
  std::vector<Finding> findings = RunRuleOnText("PG-EKS-002", Irsa(""));
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].location.line, 10);
  EXPECT_THAT(findings[0].message,
              HasSubstr("call sts:AssumeRoleWithWebIdentity without a "
                        "condition on its \"sub\" key"));
  EXPECT_THAT(findings[0].message, HasSubstr("(nor on its \"aud\" key)"));
  EXPECT_THAT(findings[0].fix, HasSubstr(absl::StrCat(kProvider, ":sub")));
  EXPECT_THAT(RunRuleOnText("PG-EKS-002", Irsa(Condition("StringEquals", "aud",
                                                         "sts.amazonaws.com"))),
              SizeIs(1));
  EXPECT_THAT(
      RunRuleOnText("PG-EKS-002", Irsa(Condition("StringLike", "sub",
                                                 "system:serviceaccount:*"))),
      SizeIs(1));
}

TEST(EksIrsaTrustTest, SubjectConditionPasses) {
  EXPECT_THAT(RunRuleOnText("PG-EKS-002",
                            Irsa(Condition("StringEquals", "sub",
                                           "system:serviceaccount:app:api"))),
              IsEmpty());
  EXPECT_THAT(RunRuleOnText("PG-EKS-002",
                            Irsa(Condition("StringLike", "sub",
                                           "system:serviceaccount:app:*"))),
              IsEmpty());
}

}  // namespace
}  // namespace polygraph::testing
