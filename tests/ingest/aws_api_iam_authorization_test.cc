#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/ingest/aws_api_testing.h"
#include "tests/ingest/ingest_testing.h"
#include "tests/testing.h"

namespace polygraph::ingest {
namespace {

using testing::ExpectInputError;
using testing::Imported;
using testing::LoadSnapshot;

// The trust policy is URL-encoded, as IAM returns it; the inline role policy
// is a plain JSON string; the others are objects.
constexpr char kDetails[] = R"({
"UserDetailList": [{
  "UserName": "alice", "Arn": "arn:aws:iam::123456789012:user/alice",
  "GroupList": ["devs", "gone"],
  "UserPolicyList": [{"PolicyName": "own-keys", "PolicyDocument": {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "iam:CreateAccessKey",
                   "Resource": "arn:aws:iam::123456789012:user/alice"}]}}],
  "AttachedManagedPolicies": [
    {"PolicyName": "ReadOnlyAccess",
     "PolicyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}],
  "PermissionsBoundary": {"PermissionsBoundaryType": "Policy",
    "PermissionsBoundaryArn": "arn:aws:iam::123456789012:policy/bound"}
}],
"GroupDetailList": [{
  "GroupName": "devs", "Arn": "arn:aws:iam::123456789012:group/devs",
  "GroupPolicyList": [],
  "AttachedManagedPolicies": [
    {"PolicyName": "bound",
     "PolicyArn": "arn:aws:iam::123456789012:policy/bound"}]
}],
"RoleDetailList": [{
  "RoleName": "app", "Arn": "arn:aws:iam::123456789012:role/app",
  "AssumeRolePolicyDocument": "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%7B%22Service%22%3A%22ec2.amazonaws.com%22%7D%2C%22Action%22%3A%22sts%3AAssumeRole%22%7D%5D%7D",
  "RolePolicyList": [{"PolicyName": "logs", "PolicyDocument":
    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"*\"}]}"}],
  "InstanceProfileList": [{
    "InstanceProfileName": "app-profile",
    "Arn": "arn:aws:iam::123456789012:instance-profile/app-profile",
    "Roles": [{"RoleName": "app",
               "Arn": "arn:aws:iam::123456789012:role/app"}]}],
  "AttachedManagedPolicies": []
}],
"Policies": [{
  "PolicyName": "bound", "Arn": "arn:aws:iam::123456789012:policy/bound",
  "PolicyVersionList": [
    {"VersionId": "v1", "IsDefaultVersion": false, "Document": {
      "Version": "2012-10-17",
      "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}},
    {"VersionId": "v2", "IsDefaultVersion": true, "Document": {
      "Version": "2012-10-17",
      "Statement": [{"Effect": "Allow", "Action": "s3:*",
                     "Resource": "*"}]}}]
}]
})";

const PolicyDocument* PolicyOf(const Imported& imported, size_t owner,
                               const std::string& name) {
  for (const PolicyDocument& policy : imported.model.policies()) {
    if (policy.owner == owner && policy.name == name) return &policy;
  }
  return nullptr;
}

bool HasReference(const Imported& imported, size_t from, size_t to,
                  const std::string& property) {
  for (const Reference& reference : imported.model.references()) {
    if (reference.from == from && reference.to == to &&
        reference.property == property && reference.attribute.empty()) {
      return true;
    }
  }
  return false;
}

TEST(AwsApiIamAuthorizationTest, DeclaresPrincipalsPoliciesAndProfiles) {
  ASSERT_OK_AND_ASSIGN(Imported imported,
                       LoadSnapshot({{"iam/details.json", kDetails}}));
  struct Expected {
    const char* name;
    const char* type;
    ResourceKind kind;
  };
  for (const Expected& expected :
       {Expected{"alice", "AWS::IAM::User", ResourceKind::kUser},
        Expected{"devs", "AWS::IAM::Group", ResourceKind::kGroup},
        Expected{"app", "AWS::IAM::Role", ResourceKind::kRole},
        Expected{"bound", "AWS::IAM::ManagedPolicy",
                 ResourceKind::kManagedPolicy},
        Expected{"app-profile", "AWS::IAM::InstanceProfile",
                 ResourceKind::kInstanceProfile}}) {
    const Resource* resource = imported.Find(expected.name);
    ASSERT_NE(resource, nullptr) << expected.name;
    EXPECT_EQ(resource->type, expected.type);
    EXPECT_EQ(resource->kind, expected.kind);
    EXPECT_EQ(resource->format, SourceFormat::kAwsSnapshot);
    ASSERT_NE(resource->properties.Find("Arn"), nullptr);
  }
  EXPECT_EQ(imported.Find("alice")->properties.Find("Arn")->text,
            "arn:aws:iam::123456789012:user/alice");
  EXPECT_EQ(imported.model.resources().size(), 5u);
}

TEST(AwsApiIamAuthorizationTest, PolicyDocumentsOfEachKind) {
  ASSERT_OK_AND_ASSIGN(Imported imported,
                       LoadSnapshot({{"iam/details.json", kDetails}}));
  ASSERT_EQ(imported.model.policies().size(), 4u);
  const PolicyDocument* own =
      PolicyOf(imported, imported.IndexOf("alice"), "own-keys");
  ASSERT_NE(own, nullptr);
  EXPECT_EQ(own->kind, iam::PolicyKind::kIdentity);
  ASSERT_EQ(own->policy.statements.size(), 1u);
  EXPECT_EQ(own->policy.statements[0].actions[0].value, "iam:CreateAccessKey");
  EXPECT_EQ(own->policy.statements[0].location.line, 7);  // its own node

  const PolicyDocument* trust =
      PolicyOf(imported, imported.IndexOf("app"), "AssumeRolePolicyDocument");
  ASSERT_NE(trust, nullptr);
  EXPECT_EQ(trust->kind, iam::PolicyKind::kTrust);
  ASSERT_EQ(trust->policy.statements.size(), 1u);
  const iam::Statement& statement = trust->policy.statements[0];
  ASSERT_EQ(statement.principals.size(), 1u);
  EXPECT_EQ(statement.principals[0].type, "Service");
  EXPECT_EQ(statement.principals[0].value.value, "ec2.amazonaws.com");
  // Every node of a decoded string sits at the string.
  EXPECT_EQ(statement.location.line, 24);
  EXPECT_EQ(statement.location.column, 31);
  EXPECT_EQ(statement.principals[0].value.location.line, 24);

  const PolicyDocument* logs =
      PolicyOf(imported, imported.IndexOf("app"), "logs");
  ASSERT_NE(logs, nullptr);
  EXPECT_EQ(logs->kind, iam::PolicyKind::kIdentity);
  EXPECT_EQ(logs->policy.statements[0].actions[0].value, "logs:PutLogEvents");
  EXPECT_EQ(logs->policy.statements[0].location.line, 26);

  // The default version only.
  const PolicyDocument* bound =
      PolicyOf(imported, imported.IndexOf("bound"), "bound");
  ASSERT_NE(bound, nullptr);
  EXPECT_EQ(bound->kind, iam::PolicyKind::kIdentity);
  EXPECT_EQ(bound->policy.statements[0].actions[0].value, "s3:*");
}

TEST(AwsApiIamAuthorizationTest,
     AttachmentsMembershipAndProfilesAreReferences) {
  ASSERT_OK_AND_ASSIGN(Imported imported,
                       LoadSnapshot({{"iam/details.json", kDetails}}));
  const size_t alice = imported.IndexOf("alice");
  const size_t devs = imported.IndexOf("devs");
  const size_t app = imported.IndexOf("app");
  const size_t bound = imported.IndexOf("bound");
  const size_t profile = imported.IndexOf("app-profile");
  EXPECT_TRUE(HasReference(imported, alice, devs, "GroupList[0]"));
  EXPECT_TRUE(HasReference(imported, alice, bound,
                           "PermissionsBoundary.PermissionsBoundaryArn"));
  EXPECT_TRUE(HasReference(imported, devs, bound,
                           "AttachedManagedPolicies[0].PolicyArn"));
  EXPECT_TRUE(HasReference(imported, profile, app, "Roles[0]"));
  EXPECT_EQ(imported.model.references().size(), 4u);
  // The AWS-managed policy and the unknown group are noted, not errors.
  std::vector<Diagnostic> notes = imported.WithCode("not-analysed");
  ASSERT_EQ(notes.size(), 2u);
  EXPECT_THAT(notes[0].message, ::testing::HasSubstr("group gone"));
  EXPECT_EQ(notes[0].location.line, 4);
  EXPECT_THAT(notes[1].message,
              ::testing::HasSubstr("arn:aws:iam::aws:policy/ReadOnlyAccess"));
  EXPECT_EQ(notes[1].location.line, 11);
}

TEST(AwsApiIamAuthorizationTest, PolicyStringThatIsNotJsonIsAnError) {
  absl::StatusOr<Imported> imported = LoadSnapshot({{"details.json",
                                                     R"({"RoleDetailList": [
{"RoleName": "r", "Arn": "arn:aws:iam::1:role/r",
 "AssumeRolePolicyDocument": "%7Bnot json"}]})"}});
  ExpectInputError(imported.status(), 3, 30,
                   "AssumeRolePolicyDocument is not a JSON document");
}

TEST(AwsApiIamAuthorizationTest, BadPercentEscapeIsAnError) {
  absl::StatusOr<Imported> imported = LoadSnapshot({{"details.json",
                                                     R"({"RoleDetailList": [
{"RoleName": "r", "AssumeRolePolicyDocument": "%7B%2"}]})"}});
  ExpectInputError(imported.status(), 2, 47, "bad percent escape");
}

TEST(AwsApiIamAuthorizationTest, TrustPolicyWithoutPrincipalIsAnError) {
  absl::StatusOr<Imported> imported = LoadSnapshot({{"details.json",
                                                     R"({"RoleDetailList": [
{"RoleName": "r", "AssumeRolePolicyDocument": {"Statement": [
  {"Effect": "Allow", "Action": "sts:AssumeRole"}]}}]})"}});
  ASSERT_FALSE(imported.ok());
  EXPECT_THAT(imported.status().message(), ::testing::HasSubstr("Principal"));
}

TEST(AwsApiIamAuthorizationTest, WrongTypesAreErrors) {
  ExpectInputError(
      LoadSnapshot({{"d.json", R"({"UserDetailList": [{"UserName": 3}]})"}})
          .status(),
      1, 34, "UserName must be a string");
  ExpectInputError(
      LoadSnapshot(
          {{"d.json",
            R"({"UserDetailList": [{"UserName": "u", "GroupList": [1]}]})"}})
          .status(),
      1, 53, "GroupList entries must be group names");
  ExpectInputError(
      LoadSnapshot({{"d.json", R"({"GroupDetailList": [{"GroupName": "g",
"AttachedManagedPolicies": [{"PolicyName": "p"}]}]})"}})
          .status(),
      2, 29, "has no PolicyArn");
  ExpectInputError(
      LoadSnapshot({{"d.json", R"({"GroupDetailList": [], "Policies": [
{"PolicyName": "p", "PolicyVersionList": []}]})"}})
          .status(),
      2, 1, "has no PolicyVersionList entry with IsDefaultVersion true");
}

TEST(AwsApiIamAuthorizationTest, ArnDeclaredTwiceIsAnError) {
  absl::StatusOr<Imported> imported = LoadSnapshot({{"d.json",
                                                     R"({"UserDetailList": [
{"UserName": "a", "Arn": "arn:aws:iam::1:user/a"},
{"UserName": "a", "Arn": "arn:aws:iam::1:user/a"}]})"}});
  ExpectInputError(imported.status(), 3, 19, "is declared twice");
}

}  // namespace
}  // namespace polygraph::ingest
