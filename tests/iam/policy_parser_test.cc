#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "polygraph/document.h"
#include "polygraph/iam_policy.h"
#include "tests/testing.h"

namespace polygraph::iam {
namespace {

using ::polygraph::testing::StatusIs;
using ::testing::HasSubstr;

absl::StatusOr<Policy> ParseJsonPolicy(const std::string& text,
                                       PolicyKind kind = PolicyKind::kAny) {
  absl::StatusOr<Value> document = ParseJson(text, "p.json");
  if (!document.ok()) return document.status();
  return ParsePolicy(*document, {.kind = kind});
}

absl::StatusOr<Policy> ParseYamlPolicy(const std::string& text,
                                       PolicyKind kind = PolicyKind::kAny) {
  absl::StatusOr<Value> document = ParseYaml(text, "p.yaml");
  if (!document.ok()) return document.status();
  return ParsePolicy(*document, {.kind = kind});
}

// Expects `status` to be an InputError at line:column with `message`.
void ExpectError(const absl::Status& status, int line, int column,
                 const std::string& message) {
  EXPECT_THAT(status,
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(message)));
  std::optional<SourceLocation> location = ErrorLocation(status);
  ASSERT_TRUE(location.has_value()) << status;
  EXPECT_EQ(location->line, line) << status;
  EXPECT_EQ(location->column, column) << status;
}

TEST(PolicyParserTest, ParsesElementsWithLocations) {
  const std::string text = R"({
  "Version": "2012-10-17",
  "Id": "example",
  "Statement": [
    {
      "Sid": "Read",
      "Effect": "Allow",
      "Action": ["s3:GetObject", "s3:ListBucket"],
      "Resource": "arn:aws:s3:::b/*",
      "Condition": {"Bool": {"aws:SecureTransport": true},
                    "NumericLessThan": {"s3:max-keys": [10, "20"]}}
    }
  ]
})";
  ASSERT_OK_AND_ASSIGN(Policy policy, ParseJsonPolicy(text));
  EXPECT_EQ(policy.version, "2012-10-17");
  EXPECT_EQ(policy.id, "example");
  EXPECT_EQ(policy.location, (SourceLocation{"p.json", 1, 1}));
  ASSERT_EQ(policy.statements.size(), 1u);
  const Statement& s = policy.statements[0];
  EXPECT_EQ(s.sid, "Read");
  EXPECT_EQ(s.location, (SourceLocation{"p.json", 5, 5}));
  EXPECT_EQ(s.effect, Effect::kAllow);
  EXPECT_EQ(s.effect_location, (SourceLocation{"p.json", 7, 17}));
  ASSERT_EQ(s.actions.size(), 2u);
  EXPECT_EQ(s.actions[1].value, "s3:ListBucket");
  EXPECT_EQ(s.actions[1].location, (SourceLocation{"p.json", 8, 34}));
  EXPECT_FALSE(s.actions[1].symbolic);
  EXPECT_FALSE(s.not_action);
  EXPECT_TRUE(s.has_resource);
  ASSERT_EQ(s.resources.size(), 1u);
  EXPECT_EQ(s.resources[0].value, "arn:aws:s3:::b/*");
  EXPECT_FALSE(s.has_principal);
  ASSERT_EQ(s.conditions.size(), 2u);
  EXPECT_EQ(s.conditions[0].op, "Bool");
  EXPECT_EQ(s.conditions[0].key, "aws:SecureTransport");
  ASSERT_EQ(s.conditions[0].values.size(), 1u);
  EXPECT_EQ(s.conditions[0].values[0].value, "true");
  EXPECT_EQ(s.conditions[0].location, (SourceLocation{"p.json", 10, 21}));
  ASSERT_EQ(s.conditions[1].values.size(), 2u);
  EXPECT_EQ(s.conditions[1].values[0].value, "10");
  EXPECT_EQ(s.conditions[1].values[1].value, "20");
}

TEST(PolicyParserTest, StatementMayBeAnObjectAndVersionAbsent) {
  ASSERT_OK_AND_ASSIGN(
      Policy policy,
      ParseJsonPolicy(R"({"Statement": {"Effect": "Deny", "NotAction": "iam:*",
                          "NotResource": ["a", "b"]}})"));
  EXPECT_EQ(policy.version, "");
  ASSERT_EQ(policy.statements.size(), 1u);
  EXPECT_EQ(policy.statements[0].effect, Effect::kDeny);
  EXPECT_TRUE(policy.statements[0].not_action);
  EXPECT_TRUE(policy.statements[0].not_resource);
  EXPECT_EQ(policy.statements[0].resources.size(), 2u);
}

TEST(PolicyParserTest, PrincipalForms) {
  ASSERT_OK_AND_ASSIGN(Policy policy, ParseYamlPolicy(R"(Statement:
  - Effect: Allow
    Principal: "*"
    Action: s3:GetObject
  - Effect: Allow
    Principal:
      AWS: 123456789012
      Service: [lambda.amazonaws.com, ec2.amazonaws.com]
    Action: sts:AssumeRole
  - Effect: Deny
    NotPrincipal: {CanonicalUser: abc, Federated: cognito-identity.amazonaws.com}
    Action: "*"
)"));
  ASSERT_EQ(policy.statements.size(), 3u);
  ASSERT_EQ(policy.statements[0].principals.size(), 1u);
  EXPECT_EQ(policy.statements[0].principals[0].type, "*");
  const Statement& second = policy.statements[1];
  EXPECT_TRUE(second.has_principal);
  ASSERT_EQ(second.principals.size(), 3u);
  EXPECT_EQ(second.principals[0].type, "AWS");
  EXPECT_EQ(second.principals[0].value.value, "123456789012");
  EXPECT_EQ(second.principals[0].value.location,
            (SourceLocation{"p.yaml", 7, 12}));
  EXPECT_EQ(second.principals[2].value.value, "ec2.amazonaws.com");
  EXPECT_TRUE(policy.statements[2].not_principal);
  EXPECT_EQ(policy.statements[2].principals[1].type, "Federated");
}

TEST(PolicyParserTest, EffectIsCaseSensitive) {
  ExpectError(ParseJsonPolicy(R"({"Statement": [{"Effect": "allow",
  "Action": "s3:*", "Resource": "*"}]})")
                  .status(),
              1, 27, R"(Effect must be "Allow" or "Deny", found "allow")");
}

TEST(PolicyParserTest, UnknownStatementElement) {
  ExpectError(ParseJsonPolicy(R"({"Statement": [{"Effect": "Allow",
    "Actions": "s3:*", "Resource": "*"}]})")
                  .status(),
              2, 5, R"(unknown statement element "Actions")");
}

TEST(PolicyParserTest, UnknownPolicyElement) {
  ExpectError(ParseJsonPolicy(R"({"Version": "2012-10-17",
 "Statements": []})")
                  .status(),
              2, 2, R"(unknown policy element "Statements")");
}

TEST(PolicyParserTest, ActionAndNotActionAreExclusive) {
  ExpectError(ParseJsonPolicy(R"({"Statement": {"Effect": "Allow",
    "Action": "s3:*", "NotAction": "iam:*", "Resource": "*"}})")
                  .status(),
              2, 23, "statement has both Action and NotAction");
  ExpectError(ParseJsonPolicy(R"({"Statement": {"Effect": "Allow",
    "Resource": "*", "NotResource": "x", "Action": "s3:*"}})")
                  .status(),
              2, 22, "statement has both Resource and NotResource");
}

TEST(PolicyParserTest, RequiredElements) {
  ExpectError(
      ParseJsonPolicy(R"({"Statement": {"Effect": "Allow", "Resource": "*"}})")
          .status(),
      1, 15, "statement has neither Action nor NotAction");
  ExpectError(
      ParseJsonPolicy(R"({"Statement": {"Action": "s3:*", "Resource": "*"}})")
          .status(),
      1, 15, "statement has no Effect");
  ExpectError(ParseJsonPolicy(R"({"Version": "2012-10-17"})").status(), 1, 1,
              "policy has no Statement");
}

TEST(PolicyParserTest, WrongShapes) {
  ExpectError(ParseJsonPolicy(R"(["x"])").status(), 1, 1,
              "a policy document must be an object, found array");
  ExpectError(ParseJsonPolicy(R"({"Statement": [{"Effect": "Allow",
    "Action": 5, "Resource": "*"}]})")
                  .status(),
              2, 15,
              "Action must be a string or an array of strings, found "
              "number");
  ExpectError(ParseJsonPolicy(R"({"Statement": [{"Effect": "Allow",
    "Action": ["s3:*", {}], "Resource": "*"}]})")
                  .status(),
              2, 24, "Action must be a string, found object");
  ExpectError(
      ParseJsonPolicy(R"({"Version": "2012-10-18", "Statement": []})").status(),
      1, 13,
      R"(Version must be "2012-10-17" or "2008-10-17", found "2012-10-18")");
  ExpectError(ParseJsonPolicy(R"({"Statement": [{"Effect": "Allow",
    "Principal": "me", "Action": "s3:*"}]})")
                  .status(),
              2, 18, R"(Principal must be "*" or an object, found "me")");
  ExpectError(ParseJsonPolicy(R"({"Statement": [{"Effect": "Allow",
    "Principal": {"Aws": "x"}, "Action": "s3:*"}]})")
                  .status(),
              2, 19, R"(unknown principal type "Aws")");
  ExpectError(
      ParseJsonPolicy(R"({"Statement": [{"Effect": "Allow",
    "Action": "s3:*", "Condition": {"StringEquals": "x"}}]})")
          .status(),
      2, 53,
      R"(condition operator "StringEquals" must be an object of condition keys, found "x")");
  ExpectError(ParseJsonPolicy(R"({"Statement": [{"Effect": "Allow",
    "Action": "s3:*", "Condition": {"Null": {"k": null}}}]})")
                  .status(),
              2, 51, R"(condition value for "k" must be a string)");
}

TEST(PolicyParserTest, PolicyKindRules) {
  const std::string with_principal = R"({"Statement": [{"Effect": "Allow",
    "Principal": "*", "Action": "s3:*", "Resource": "*"}]})";
  ExpectError(ParseJsonPolicy(with_principal, PolicyKind::kIdentity).status(),
              2, 5, "Principal is not allowed in an identity policy");
  EXPECT_OK(ParseJsonPolicy(with_principal, PolicyKind::kResource));
  ExpectError(ParseJsonPolicy(with_principal, PolicyKind::kTrust).status(), 2,
              41, "Resource is not allowed in a trust policy");

  const std::string no_principal =
      R"({"Statement": [{"Effect": "Allow", "Action": "s3:*"}]})";
  ExpectError(ParseJsonPolicy(no_principal, PolicyKind::kIdentity).status(), 1,
              16, "statement has no Resource or NotResource");
  ExpectError(ParseJsonPolicy(no_principal, PolicyKind::kResource).status(), 1,
              16, "statement has no Principal or NotPrincipal (a resource");
  ExpectError(ParseJsonPolicy(no_principal, PolicyKind::kTrust).status(), 1, 16,
              "statement has no Principal or NotPrincipal (a trust");
  EXPECT_OK(ParseJsonPolicy(no_principal, PolicyKind::kAny));
}

TEST(PolicyParserTest, ShortFormIntrinsicsAreSymbolic) {
  ASSERT_OK_AND_ASSIGN(Policy policy, ParseYamlPolicy(R"(Version: 2012-10-17
Statement:
  - Effect: Allow
    Action: !Split [",", !Ref Actions]
    Resource:
      - !GetAtt Bucket.Arn
      - !Sub "${Bucket.Arn}/*"
      - !Join ["", ["arn:aws:s3:::", !Ref Bucket, "/logs/*"]]
      - !If [IsProd, a, b]
    Principal:
      AWS: !Ref AWS::AccountId
    Condition:
      StringEquals:
        aws:SourceArn: !GetAtt [Topic, Arn]
)"));
  ASSERT_EQ(policy.statements.size(), 1u);
  const Statement& s = policy.statements[0];
  ASSERT_EQ(s.actions.size(), 1u);
  EXPECT_TRUE(s.actions[0].symbolic);
  EXPECT_EQ(s.actions[0].value, "${Fn::Split}");
  ASSERT_EQ(s.resources.size(), 4u);
  EXPECT_EQ(s.resources[0].value, "${Bucket.Arn}");
  EXPECT_TRUE(s.resources[0].symbolic);
  EXPECT_EQ(s.resources[0].location, (SourceLocation{"p.yaml", 6, 9}));
  EXPECT_EQ(s.resources[1].value, "${Bucket.Arn}/*");
  EXPECT_EQ(s.resources[2].value, "arn:aws:s3:::${Bucket}/logs/*");
  EXPECT_EQ(s.resources[3].value, "${Fn::If}");
  ASSERT_EQ(s.principals.size(), 1u);
  EXPECT_EQ(s.principals[0].value.value, "${AWS::AccountId}");
  EXPECT_TRUE(s.principals[0].value.symbolic);
  EXPECT_EQ(s.conditions[0].values[0].value, "${Topic.Arn}");
}

TEST(PolicyParserTest, LongFormIntrinsicsAreSymbolic) {
  ASSERT_OK_AND_ASSIGN(Policy policy, ParseJsonPolicy(R"({"Statement": [{
  "Effect": "Allow",
  "Action": "s3:GetObject",
  "Resource": [{"Fn::GetAtt": ["Bucket", "Arn"]}, {"Ref": "Key"},
               {"Fn::Sub": ["${B}/x", {"B": {"Ref": "Bucket"}}]},
               {"Fn::Join": ["/", [{"Fn::GetAtt": "Bucket.Arn"}, "*"]]},
               {"Fn::ImportValue": "Shared"}]}]})"));
  const Statement& s = policy.statements[0];
  ASSERT_EQ(s.resources.size(), 5u);
  EXPECT_EQ(s.resources[0].value, "${Bucket.Arn}");
  EXPECT_EQ(s.resources[0].location, (SourceLocation{"p.json", 4, 16}));
  EXPECT_EQ(s.resources[1].value, "${Key}");
  EXPECT_EQ(s.resources[2].value, "${B}/x");
  EXPECT_EQ(s.resources[3].value, "${Bucket.Arn}/*");
  EXPECT_EQ(s.resources[4].value, "${Fn::ImportValue}");
  for (const LocatedString& resource : s.resources) {
    EXPECT_TRUE(resource.symbolic);
  }
}

TEST(PolicyParserTest, ConditionalStatementsContributeBothBranches) {
  ASSERT_OK_AND_ASSIGN(Policy policy, ParseYamlPolicy(R"(Statement:
  - !If
    - IsProd
    - Effect: Deny
      Action: s3:DeleteObject
      Resource: "*"
    - !Ref AWS::NoValue
  - Fn::If:
      - HasLogs
      - Effect: Allow
        Action: logs:PutLogEvents
        Resource: "*"
      - Effect: Allow
        Action: logs:CreateLogStream
        Resource: "*"
  - !Ref AWS::NoValue
)",
                                                      PolicyKind::kIdentity));
  ASSERT_EQ(policy.statements.size(), 3u);
  EXPECT_EQ(policy.statements[0].effect, Effect::kDeny);
  EXPECT_EQ(policy.statements[2].actions[0].value, "logs:CreateLogStream");
}

TEST(PolicyParserTest, ErrorsInsideConditionalStatementsAreReported) {
  ExpectError(ParseYamlPolicy(R"(Statement:
  - !If
    - IsProd
    - Effect: deny
      Action: s3:DeleteObject
    - !Ref AWS::NoValue
)")
                  .status(),
              4, 15, R"(Effect must be "Allow" or "Deny", found "deny")");
}

}  // namespace
}  // namespace polygraph::iam
