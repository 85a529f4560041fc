#include "terraform/iam_policy_document.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "polygraph/document.h"
#include "terraform/value.h"
#include "tests/testing.h"

namespace polygraph::terraform::internal {
namespace {

using ::polygraph::testing::StatusIs;
using ::testing::HasSubstr;

// The block's arguments written as JSON (blocks as lists of objects).
TfValue Arguments(const std::string& json) {
  absl::StatusOr<Value> document = ParseJson(json, "main.tf");
  EXPECT_TRUE(document.ok()) << document.status();
  return FromDocument(*document);
}

// `arguments` with member `key` set to `value`.
TfValue With(TfValue arguments, std::string key, TfValue value) {
  std::vector<std::string> keys = arguments.keys;
  std::vector<TfValue> items = arguments.items;
  keys.push_back(std::move(key));
  items.push_back(std::move(value));
  return TfValue::Object(std::move(keys), std::move(items), {});
}

RenderedPolicyDocument Render(const TfValue& arguments) {
  absl::StatusOr<std::optional<RenderedPolicyDocument>> rendered =
      RenderIamPolicyDocument(arguments);
  EXPECT_TRUE(rendered.ok()) << rendered.status();
  if (!rendered.ok() || !rendered->has_value()) return {};
  return **rendered;
}

TEST(IamPolicyDocumentTest, AssumeRolePolicy) {
  RenderedPolicyDocument rendered = Render(Arguments(R"({
    "statement": [{
      "actions": ["sts:AssumeRole"],
      "principals": [{"type": "Service",
                      "identifiers": ["ec2.amazonaws.com"]}]
    }]})"));
  EXPECT_EQ(rendered.json, R"({
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "sts:AssumeRole",
      "Principal": {
        "Service": "ec2.amazonaws.com"
      }
    }
  ]
})");
  EXPECT_EQ(rendered.minified_json,
            R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow",)"
            R"("Action":"sts:AssumeRole","Principal":{"Service":)"
            R"("ec2.amazonaws.com"}}]})");
}

TEST(IamPolicyDocumentTest, SetsAreDedupedAndReverseSortedConditionsGrouped) {
  RenderedPolicyDocument rendered = Render(Arguments(R"({
    "statement": [{
      "sid": "Kms",
      "actions": ["kms:Decrypt", "kms:GenerateDataKey", "kms:Decrypt"],
      "resources": ["*"],
      "condition": [
        {"test": "ForAnyValue:StringEquals",
         "variable": "kms:EncryptionContext:service", "values": ["pi"]},
        {"test": "ForAnyValue:StringEquals",
         "variable": "kms:EncryptionContext:aws:rds:db-id",
         "values": ["db-B", "db-A"]},
        {"test": "Bool", "variable": "aws:SecureTransport",
         "values": [true]}
      ]
    }]})"));
  EXPECT_EQ(rendered.json, R"({
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Kms",
      "Effect": "Allow",
      "Action": [
        "kms:GenerateDataKey",
        "kms:Decrypt"
      ],
      "Resource": "*",
      "Condition": {
        "Bool": {
          "aws:SecureTransport": "true"
        },
        "ForAnyValue:StringEquals": {
          "kms:EncryptionContext:aws:rds:db-id": [
            "db-B",
            "db-A"
          ],
          "kms:EncryptionContext:service": "pi"
        }
      }
    }
  ]
})");
}

TEST(IamPolicyDocumentTest, PrincipalsGroupedByType) {
  RenderedPolicyDocument rendered = Render(Arguments(R"({
    "statement": [{
      "effect": "Deny",
      "not_actions": ["iam:*"],
      "not_resources": ["arn:aws:s3:::b/home/&{aws:username}"],
      "principals": [
        {"type": "AWS", "identifiers": ["arn:aws:iam::111111111111:root"]},
        {"type": "Service", "identifiers": ["a.amazonaws.com",
                                            "b.amazonaws.com"]},
        {"type": "AWS", "identifiers": ["arn:aws:iam::222222222222:root"]}
      ]
    }]})"));
  EXPECT_EQ(rendered.minified_json,
            R"({"Version":"2012-10-17","Statement":[{"Effect":"Deny",)"
            R"("NotAction":"iam:*",)"
            R"("NotResource":"arn:aws:s3:::b/home/${aws:username}",)"
            R"("Principal":{"AWS":["arn:aws:iam::111111111111:root",)"
            R"("arn:aws:iam::222222222222:root"],)"
            R"("Service":["b.amazonaws.com","a.amazonaws.com"]}}]})");
}

TEST(IamPolicyDocumentTest, AnonymousPrincipal) {
  RenderedPolicyDocument star = Render(Arguments(R"({
    "statement": [{"actions": ["s3:GetObject"],
                   "resources": ["arn:aws:s3:::b/*"],
                   "principals": [{"type": "*", "identifiers": ["*"]}]}]})"));
  EXPECT_THAT(star.minified_json, HasSubstr(R"("Principal":"*")"));
  // {"AWS": "*"} is not the same principal to IAM and stays an object.
  RenderedPolicyDocument aws = Render(Arguments(R"({
    "statement": [{"actions": ["s3:GetObject"],
                   "not_principals": [{"type": "AWS",
                                       "identifiers": ["*"]}]}]})"));
  EXPECT_THAT(aws.minified_json, HasSubstr(R"("NotPrincipal":{"AWS":"*"})"));
}

TEST(IamPolicyDocumentTest, EscapesLikeGo) {
  RenderedPolicyDocument rendered = Render(Arguments(R"({
    "statement": [{"actions": ["s3:GetObject"],
                   "condition": [{"test": "StringLike", "variable": "s3:prefix",
                                  "values": ["a<b>&c", "line\nbreak"]}]}]})"));
  EXPECT_THAT(rendered.minified_json,
              HasSubstr(R"(["a\u003cb\u003e\u0026c","line\nbreak"])"));
}

TEST(IamPolicyDocumentTest, SourceAndOverrideDocumentsMergeBySid) {
  const std::string source =
      R"({"Version":"2012-10-17","Statement":[)"
      R"({"Sid":"Read","Effect":"Allow","Action":["s3:List*"],"Resource":"*"},)"
      R"({"Effect":"Allow","Action":"ec2:Describe*","Resource":"*",)"
      R"("Principal":{"AWS":["b","a"]}}]})";
  const std::string override_document =
      R"({"Id":"Final","Statement":[{"Sid":"Write","Effect":"Deny",)"
      R"("Action":"s3:PutObject","Resource":"*"}]})";
  TfValue arguments = Arguments(R"({
    "policy_id": "Mine",
    "statement": [
      {"sid": "Read", "actions": ["s3:GetObject"], "resources": ["*"]},
      {"sid": "Write", "actions": ["s3:PutObject"], "resources": ["*"]}
    ]})");
  arguments = With(arguments, "source_policy_documents",
                   TfValue::List({TfValue::String(source, {})}, {}));
  arguments = With(arguments, "override_policy_documents",
                   TfValue::List({TfValue::String(override_document, {})}, {}));
  RenderedPolicyDocument rendered = Render(arguments);
  EXPECT_EQ(rendered.json, R"({
  "Version": "2012-10-17",
  "Id": "Final",
  "Statement": [
    {
      "Sid": "Read",
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "*"
    },
    {
      "Effect": "Allow",
      "Action": "ec2:Describe*",
      "Resource": "*",
      "Principal": {
        "AWS": [
          "b",
          "a"
        ]
      }
    },
    {
      "Sid": "Write",
      "Effect": "Deny",
      "Action": "s3:PutObject",
      "Resource": "*"
    }
  ]
})");
}

TEST(IamPolicyDocumentTest, MergedDocumentsKeepTheirLists) {
  TfValue arguments = With(
      Arguments("{}"), "source_policy_documents",
      TfValue::List(
          {TfValue::String(R"({"Version":"2008-10-17","Statement":[{"Sid":"A",)"
                           R"("Effect":"Allow","Action":["s3:A","s3:B"],)"
                           R"("Resource":["*"],"Principal":"*"}]})",
                           {})},
          {}));
  EXPECT_EQ(Render(arguments).minified_json,
            R"({"Version":"2012-10-17","Statement":[{"Sid":"A",)"
            R"("Effect":"Allow","Action":["s3:A","s3:B"],"Resource":["*"],)"
            R"("Principal":"*"}]})");
}

TEST(IamPolicyDocumentTest, UnknownValuesRenderAsText) {
  TfValue statement = Arguments(R"({"actions": ["s3:GetObject"]})");
  statement = With(
      statement, "resources",
      TfValue::List({TfValue::ResourceAttribute("aws_s3_bucket.b", "arn", {}),
                     TfValue::Concatenation({TfValue::ResourceAttribute(
                                                 "aws_s3_bucket.b", "arn", {}),
                                             TfValue::String("/*", {})},
                                            {})},
                    {}));
  TfValue arguments =
      With(Arguments("{}"), "statement", TfValue::List({statement}, {}));
  EXPECT_THAT(Render(arguments).minified_json,
              HasSubstr(R"("Resource":["${aws_s3_bucket.b.arn}/*",)"
                        R"("${aws_s3_bucket.b.arn}"])"));
}

TEST(IamPolicyDocumentTest, UnknownStructureGivesNoRendering) {
  TfValue unknown_statements = With(Arguments("{}"), "statement",
                                    TfValue::Unknown("var.statements", {}));
  absl::StatusOr<std::optional<RenderedPolicyDocument>> rendered =
      RenderIamPolicyDocument(unknown_statements);
  ASSERT_TRUE(rendered.ok());
  EXPECT_FALSE(rendered->has_value());

  TfValue unknown_source =
      With(Arguments("{}"), "source_policy_documents",
           TfValue::List({TfValue::Unknown("data.aws_iam_policy.x.policy", {})},
                         {}));
  rendered = RenderIamPolicyDocument(unknown_source);
  ASSERT_TRUE(rendered.ok());
  EXPECT_FALSE(rendered->has_value());

  TfValue statement = With(Arguments("{}"), "principals",
                           TfValue::Unknown("var.principals", {}));
  rendered = RenderIamPolicyDocument(
      With(Arguments("{}"), "statement", TfValue::List({statement}, {})));
  ASSERT_TRUE(rendered.ok());
  EXPECT_FALSE(rendered->has_value());
}

TEST(IamPolicyDocumentTest, NoStatements) {
  EXPECT_EQ(Render(Arguments("{}")).minified_json,
            R"({"Version":"2012-10-17"})");
}

TEST(IamPolicyDocumentTest, Errors) {
  EXPECT_THAT(
      RenderIamPolicyDocument(
          Arguments(R"({"statement": [{"effect": "Permit"}]})")),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("Allow or Deny")));
  EXPECT_THAT(
      RenderIamPolicyDocument(Arguments(
          R"({"statement": [{"principals": [{"identifiers": ["*"]}]}]})")),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("principals block without type")));
  EXPECT_THAT(RenderIamPolicyDocument(
                  Arguments(R"({"statement": [{"sid": "A"}, {"sid": "A"}]})")),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("duplicate Sid (A)")));
  // Any Sid is taken: a KMS key policy's default statement has spaces.
  EXPECT_THAT(
      Render(Arguments(
                 R"({"statement": [{"sid": "Enable IAM User Permissions"}]})"))
          .json,
      HasSubstr("\"Sid\": \"Enable IAM User Permissions\""));
  EXPECT_THAT(RenderIamPolicyDocument(
                  With(Arguments("{}"), "source_policy_documents",
                       TfValue::List({TfValue::String("{not json", {})}, {}))),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("source_policy_documents[0]")));
  EXPECT_THAT(RenderIamPolicyDocument(Arguments(
                  R"({"statement": [{"condition": [{"test": "Bool"}]}]})")),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("without variable")));
}

TEST(IamPolicyDocumentTest, IdIsCrc32OfTheJson) {
  EXPECT_EQ(PolicyDocumentId("123456789"), "3421780262");
  EXPECT_EQ(PolicyDocumentId(""), "0");
}

}  // namespace
}  // namespace polygraph::terraform::internal
