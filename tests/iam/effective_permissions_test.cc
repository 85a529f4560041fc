#include <string>
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

std::string Allow(const std::string& action, const std::string& resource,
                  const std::string& extra = "") {
  return R"({"Effect": "Allow", )" + action + ", " + resource + extra + "}";
}

AccountPrincipal Role(const std::string& name, std::vector<Policy> identity) {
  AccountPrincipal principal;
  principal.kind = PrincipalKind::kRole;
  principal.name = name;
  principal.arn = "arn:aws:iam::111122223333:role/" + name;
  principal.policies.identity = std::move(identity);
  return principal;
}

std::vector<EffectivePermissions> Compute(const Account& account) {
  absl::StatusOr<std::vector<EffectivePermissions>> result =
      ComputeEffectivePermissions(account);
  EXPECT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->size(), account.principals.size());
  return *result;
}

EffectivePermissions ComputeOne(AccountPrincipal principal) {
  Account account;
  account.principals.push_back(std::move(principal));
  return Compute(account)[0];
}

size_t A(const std::string& name) {
  std::optional<size_t> index = Catalogue::Builtin().FindAction(name);
  EXPECT_TRUE(index.has_value()) << name;
  return index.value_or(0);
}

std::vector<std::string> Patterns(const EffectivePermissions& permissions) {
  std::vector<std::string> patterns;
  for (const PermissionGrant& grant : permissions.grants) {
    patterns.push_back(grant.resource_pattern);
  }
  return patterns;
}

TEST(EffectivePermissionsTest, ActionWildcardExpandsToTheCatalogue) {
  EffectivePermissions e = ComputeOne(
      Role("App", {P(Allow(R"("Action": "s3:Get*")",
                           R"("Resource": "arn:aws:s3:::logs/*")"))}));
  ASSERT_EQ(e.grants.size(), 1u);
  const PermissionGrant& grant = e.grants[0];
  EXPECT_EQ(grant.resource_pattern, "arn:aws:s3:::logs/*");
  EXPECT_EQ(grant.actions, Catalogue::Builtin().Expand("s3:get*"));
  EXPECT_TRUE(grant.actions.Contains(A("s3:GetObject")));
  EXPECT_FALSE(grant.actions.Contains(A("s3:PutObject")));
  EXPECT_FALSE(grant.conditional);
  EXPECT_THAT(grant.unknown_actions, IsEmpty());
  ASSERT_EQ(grant.statements.size(), 1u);
  EXPECT_EQ(grant.statements[0].role, PolicyRole::kIdentity);
  EXPECT_EQ(grant.statements[0].policy_index, 0u);
  EXPECT_EQ(grant.statements[0].statement_index, 0u);
  EXPECT_EQ(grant.statements[0].location.line, 1);
  EXPECT_EQ(e.actions, grant.actions);
  EXPECT_FALSE(e.admin);
}

TEST(EffectivePermissionsTest, NotActionIsTheComplement) {
  EffectivePermissions e = ComputeOne(
      Role("App", {P(Allow(R"("NotAction": ["iam:*", "organizations:*"])",
                           R"("Resource": "*")"))}));
  ASSERT_EQ(e.grants.size(), 1u);
  ActionSet expected = Catalogue::Builtin().Expand("iam:*");
  expected |= Catalogue::Builtin().Expand("organizations:*");
  EXPECT_EQ(e.grants[0].actions, expected.Complement());
  EXPECT_FALSE(e.grants[0].actions.Contains(A("iam:PassRole")));
  EXPECT_TRUE(e.grants[0].actions.Contains(A("ec2:RunInstances")));
  // Without iam's permissions-management actions it is not administrator.
  EXPECT_FALSE(e.admin);
}

TEST(EffectivePermissionsTest, BroaderResourcesCoverNarrowerPatterns) {
  EffectivePermissions e = ComputeOne(
      Role("App",
           {P(Allow(R"("Action": "s3:GetObject")",
                    R"("Resource": "arn:aws:s3:::logs/*")") +
              "," +
              Allow(R"("Action": "s3:PutObject")",
                    R"("Resource": "arn:aws:s3:::*")") +
              "," +
              Allow(R"("Action": "sqs:SendMessage")", R"("Resource": "*")"))}));
  EXPECT_THAT(Patterns(e),
              ElementsAre("*", "arn:aws:s3:::*", "arn:aws:s3:::logs/*"));
  const PermissionGrant& logs = e.grants[2];
  EXPECT_TRUE(logs.actions.Contains(A("s3:GetObject")));
  EXPECT_TRUE(logs.actions.Contains(A("s3:PutObject")));
  EXPECT_TRUE(logs.actions.Contains(A("sqs:SendMessage")));
  EXPECT_EQ(logs.statements.size(), 3u);
  const PermissionGrant& star = e.grants[0];
  EXPECT_EQ(star.actions.Count(), 1u);
  ASSERT_EQ(star.statements.size(), 1u);
  EXPECT_EQ(star.statements[0].statement_index, 2u);
}

TEST(EffectivePermissionsTest, UnconditionalDenySubtracts) {
  EffectivePermissions e = ComputeOne(Role(
      "App", {P(Allow(R"("Action": "s3:*")", R"("Resource": "*")")),
              P(R"({"Effect": "Deny", "Action": "s3:Delete*", "Resource": "*"},
            {"Effect": "Deny", "Action": "s3:PutObject",
             "Resource": "arn:aws:s3:::logs/*"},
            {"Effect": "Deny", "Action": "s3:GetObject", "Resource": "*",
             "Condition": {"Bool": {"aws:SecureTransport": "false"}}})")}));
  ASSERT_EQ(e.grants.size(), 1u);
  const ActionSet& actions = e.grants[0].actions;
  EXPECT_FALSE(actions.Contains(A("s3:DeleteObject")));
  EXPECT_FALSE(actions.Contains(A("s3:DeleteBucket")));
  // A Deny on a narrower resource leaves the action on "*".
  EXPECT_TRUE(actions.Contains(A("s3:PutObject")));
  // A conditional Deny may not apply.
  EXPECT_TRUE(actions.Contains(A("s3:GetObject")));
}

TEST(EffectivePermissionsTest, DenyOnEverythingRemovesTheGrant) {
  EffectivePermissions e = ComputeOne(
      Role("App",
           {P(Allow(R"("Action": "s3:GetObject")",
                    R"("Resource": "arn:aws:s3:::logs/*")") +
              R"(, {"Effect": "Deny", "Action": "s3:*", "Resource": "*"})")}));
  EXPECT_THAT(e.grants, IsEmpty());
  EXPECT_TRUE(e.actions.Empty());
}

TEST(EffectivePermissionsTest, PermissionsBoundaryIntersects) {
  AccountPrincipal role =
      Role("App",
           {P(Allow(R"("Action": ["s3:*", "iam:*"])", R"("Resource": "*")"))});
  role.policies.permissions_boundary = std::vector<Policy>{P(
      Allow(R"("Action": ["s3:GetObject", "iam:Get*"])", R"("Resource": "*")") +
      R"(, {"Effect": "Deny", "Action": "iam:GetUser", "Resource": "*"})")};
  EffectivePermissions e = ComputeOne(role);
  ASSERT_EQ(e.grants.size(), 1u);
  ActionSet expected = Catalogue::Builtin().Expand("iam:Get*");
  expected.Insert(A("s3:GetObject"));
  ActionSet get_user = Catalogue::Builtin().None();
  get_user.Insert(A("iam:GetUser"));
  expected -= get_user;
  EXPECT_EQ(e.grants[0].actions, expected);
}

TEST(EffectivePermissionsTest, EmptyBoundaryAllowsNothing) {
  AccountPrincipal role =
      Role("App", {P(Allow(R"("Action": "*")", R"("Resource": "*")"))});
  role.policies.permissions_boundary = std::vector<Policy>{};
  EffectivePermissions e = ComputeOne(role);
  EXPECT_THAT(e.grants, IsEmpty());
  EXPECT_FALSE(e.admin);
}

TEST(EffectivePermissionsTest, EveryScpLevelMustAllow) {
  AccountPrincipal role =
      Role("App",
           {P(Allow(R"("Action": ["s3:*", "ec2:*"])", R"("Resource": "*")"))});
  role.policies.service_control_policies = {
      {P(Allow(R"("Action": "*")", R"("Resource": "*")"))},
      {P(Allow(R"("Action": ["s3:*", "sqs:*"])", R"("Resource": "*")") +
         R"(, {"Effect": "Deny", "Action": "s3:PutBucketPolicy", "Resource": "*"})")}};
  EffectivePermissions e = ComputeOne(role);
  ASSERT_EQ(e.grants.size(), 1u);
  ActionSet expected = Catalogue::Builtin().Expand("s3:*");
  ActionSet put = Catalogue::Builtin().None();
  put.Insert(A("s3:PutBucketPolicy"));
  expected -= put;
  EXPECT_EQ(e.grants[0].actions, expected);
  EXPECT_FALSE(e.grants[0].actions.Contains(A("ec2:RunInstances")));
}

TEST(EffectivePermissionsTest, ScpOnOtherResourcesDoesNotAllow) {
  AccountPrincipal role = Role(
      "App",
      {P(Allow(
          R"("Action": "s3:GetObject")",
          R"("Resource": ["arn:aws:s3:::logs/*", "arn:aws:s3:::data/*"])"))});
  role.policies.service_control_policies = {
      {P(Allow(R"("Action": "*")", R"("Resource": "arn:aws:s3:::logs/*")"))}};
  EffectivePermissions e = ComputeOne(role);
  EXPECT_THAT(Patterns(e), ElementsAre("arn:aws:s3:::logs/*"));
}

TEST(EffectivePermissionsTest, ConditionalGrants) {
  EffectivePermissions e = ComputeOne(Role(
      "App",
      {P(Allow(
             R"("Action": "s3:GetObject")", R"("Resource": "arn:aws:s3:::a/*")",
             R"(, "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}})") +
         "," +
         Allow(
             R"("Action": "s3:PutObject")", R"("Resource": "arn:aws:s3:::b/*")",
             R"(, "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}})") +
         "," +
         Allow(R"("Action": "s3:ListBucket")",
               R"("Resource": "arn:aws:s3:::b/*")"))}));
  ASSERT_EQ(e.grants.size(), 2u);
  EXPECT_EQ(e.grants[0].resource_pattern, "arn:aws:s3:::a/*");
  EXPECT_TRUE(e.grants[0].conditional);
  EXPECT_TRUE(e.grants[0].actions.Contains(A("s3:GetObject")));
  EXPECT_FALSE(e.grants[1].conditional);
  EXPECT_EQ(e.grants[1].statements.size(), 2u);
}

TEST(EffectivePermissionsTest, UnknownActionsAreKeptAsWritten) {
  AccountPrincipal role = Role(
      "App",
      {P(Allow(R"("Action": ["s3:GetObject", "s3:GetObjekt", "foo:Bar",
                                     "foo:*"])",
               R"("Resource": "*")") +
         R"(, {"Effect": "Deny", "Action": "FOO:bar", "Resource": "*"})")});
  EffectivePermissions e = ComputeOne(role);
  ASSERT_EQ(e.grants.size(), 1u);
  EXPECT_THAT(e.grants[0].unknown_actions, ElementsAre("s3:GetObjekt"));
  EXPECT_EQ(e.grants[0].actions.Count(), 1u);

  role.policies.permissions_boundary = std::vector<Policy>{
      P(Allow(R"("Action": "s3:Get*")", R"("Resource": "*")"))};
  e = ComputeOne(role);
  ASSERT_EQ(e.grants.size(), 1u);
  EXPECT_THAT(e.grants[0].unknown_actions, ElementsAre("s3:GetObjekt"));
  role.policies.permissions_boundary = std::vector<Policy>{
      P(Allow(R"("Action": "s3:GetObject")", R"("Resource": "*")"))};
  e = ComputeOne(role);
  ASSERT_EQ(e.grants.size(), 1u);
  EXPECT_THAT(e.grants[0].unknown_actions, IsEmpty());
}

TEST(EffectivePermissionsTest, GrantOfOnlyUnknownActions) {
  EffectivePermissions e = ComputeOne(Role(
      "App", {P(Allow(R"("Action": "s3:GetObjekt")", R"("Resource": "*")"))}));
  ASSERT_EQ(e.grants.size(), 1u);
  EXPECT_TRUE(e.grants[0].actions.Empty());
  EXPECT_THAT(e.grants[0].unknown_actions, ElementsAre("s3:GetObjekt"));
  EXPECT_EQ(e.grants[0].statements.size(), 1u);
}

TEST(EffectivePermissionsTest, AdminThroughStar) {
  EffectivePermissions e = ComputeOne(
      Role("Admin", {P(Allow(R"("Action": "*")", R"("Resource": "*")"))}));
  EXPECT_TRUE(e.admin);
  EXPECT_EQ(e.actions, Catalogue::Builtin().All());
}

TEST(EffectivePermissionsTest, AdminThroughNearlyEverything) {
  EffectivePermissions e = ComputeOne(Role(
      "Admin",
      {P(Allow(R"("NotAction": ["iam:PassRole"])", R"("Resource": "*")"))}));
  // iam:PassRole is not a permissions-management action.
  EXPECT_TRUE(e.admin);
  e = ComputeOne(Role("Ops", {P(Allow(R"("NotAction": ["iam:PutRolePolicy"])",
                                      R"("Resource": "*")"))}));
  EXPECT_FALSE(e.admin);
}

TEST(EffectivePermissionsTest, AdminAcrossStatementsOnStar) {
  EffectivePermissions e = ComputeOne(Role(
      "Admin", {P(Allow(R"("Action": "iam:*")", R"("Resource": "*")")),
                P(Allow(R"("NotAction": "iam:*")", R"("Resource": "*")"))}));
  EXPECT_TRUE(e.admin);
}

TEST(EffectivePermissionsTest, NotAdminWhenConditionedOrNarrow) {
  EffectivePermissions conditioned = ComputeOne(Role(
      "Admin",
      {P(Allow(
          R"("Action": "*")", R"("Resource": "*")",
          R"(, "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}})"))}));
  EXPECT_FALSE(conditioned.admin);
  ASSERT_EQ(conditioned.grants.size(), 1u);
  EXPECT_TRUE(conditioned.grants[0].conditional);
  EffectivePermissions narrow = ComputeOne(Role(
      "Admin",
      {P(Allow(R"("Action": "*")", R"("Resource": "arn:aws:s3:::logs/*")"))}));
  EXPECT_FALSE(narrow.admin);
  AccountPrincipal bounded =
      Role("Admin", {P(Allow(R"("Action": "*")", R"("Resource": "*")"))});
  bounded.policies.permissions_boundary = std::vector<Policy>{
      P(Allow(R"("Action": "s3:*")", R"("Resource": "*")"))};
  EXPECT_FALSE(ComputeOne(bounded).admin);
}

TEST(EffectivePermissionsTest, NotResourceGrants) {
  EffectivePermissions e = ComputeOne(Role(
      "App",
      {P(Allow(
          R"("Action": "s3:GetObject")",
          R"("NotResource": ["arn:aws:s3:::secret/*", "arn:aws:s3:::keys/*"])"))}));
  EXPECT_THAT(
      Patterns(e),
      ElementsAre("NotResource: arn:aws:s3:::secret/*, arn:aws:s3:::keys/*"));
  EXPECT_TRUE(e.Allows(A("s3:GetObject"), "arn:aws:s3:::logs/a"));
  EXPECT_FALSE(e.Allows(A("s3:GetObject"), "arn:aws:s3:::secret/a"));
  EXPECT_FALSE(e.Allows(A("s3:GetObject"), "arn:aws:s3:::keys/a"));
}

TEST(EffectivePermissionsTest, DenyWithNotResource) {
  EffectivePermissions e = ComputeOne(Role(
      "App",
      {P(Allow(
             R"("Action": "s3:GetObject")",
             R"("Resource": ["arn:aws:s3:::logs/*", "arn:aws:s3:::data/*"])") +
         R"(, {"Effect": "Deny", "Action": "s3:*",
               "NotResource": "arn:aws:s3:::logs/*"})")}));
  // Everything but logs is denied: data/* loses the action, logs/* keeps it.
  EXPECT_THAT(Patterns(e), ElementsAre("arn:aws:s3:::logs/*"));
  EXPECT_TRUE(e.Allows(A("s3:GetObject"), "arn:aws:s3:::logs/a"));
  EXPECT_FALSE(e.Allows(A("s3:GetObject"), "arn:aws:s3:::data/a"));
}

TEST(EffectivePermissionsTest, NotResourcePatternCoveredByBroaderStatements) {
  EffectivePermissions e =
      ComputeOne(Role("App", {P(R"({"Effect": "Allow", "Action": "s3:GetObject",
             "NotResource": ["arn:aws:s3:::a/*", "arn:aws:s3:::b/*"]},
            {"Effect": "Allow", "Action": "s3:PutObject",
             "NotResource": "arn:aws:s3:::a/*"},
            {"Effect": "Allow", "Action": "sqs:SendMessage",
             "NotResource": "arn:aws:s3:::c/*"})")}));
  ASSERT_EQ(e.grants.size(), 3u);
  // The pattern excluding a and b is also reached by the statement that
  // excludes only a, not by the one excluding c.
  const PermissionGrant& ab = e.grants[1];
  EXPECT_EQ(ab.resource_pattern,
            "NotResource: arn:aws:s3:::a/*, arn:aws:s3:::b/*");
  EXPECT_TRUE(ab.actions.Contains(A("s3:GetObject")));
  EXPECT_TRUE(ab.actions.Contains(A("s3:PutObject")));
  EXPECT_FALSE(ab.actions.Contains(A("sqs:SendMessage")));
}

TEST(EffectivePermissionsTest, ConditionalScpDenyDoesNotSubtract) {
  AccountPrincipal role =
      Role("App", {P(Allow(R"("Action": "s3:*")", R"("Resource": "*")"))});
  role.policies.service_control_policies = {
      {P(Allow(R"("Action": "*")", R"("Resource": "*")") +
         R"(, {"Effect": "Deny", "Action": "s3:*", "Resource": "*",
               "Condition": {"StringNotEquals":
                             {"aws:RequestedRegion": "eu-west-1"}}})")}};
  EffectivePermissions e = ComputeOne(role);
  ASSERT_EQ(e.grants.size(), 1u);
  EXPECT_EQ(e.grants[0].actions, Catalogue::Builtin().Expand("s3:*"));
}

TEST(EffectivePermissionsTest, SymbolicValuesNameNothing) {
  Policy policy = P(
      Allow(R"("Action": "s3:GetObject")",
            R"("Resource": "arn:aws:s3:::a/*")") +
      "," +
      R"({"Effect": "Deny", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::a/*"})");
  policy.statements[0].resources.push_back(LocatedString{
      .value = "${Bucket.Arn}", .location = {}, .symbolic = true});
  policy.statements[1].resources[0].symbolic = true;
  EffectivePermissions e = ComputeOne(Role("App", {policy}));
  EXPECT_THAT(Patterns(e), ElementsAre("arn:aws:s3:::a/*"));
  EXPECT_TRUE(e.grants[0].actions.Contains(A("s3:GetObject")));
}

TEST(EffectivePermissionsTest, ByLevel) {
  EffectivePermissions e = ComputeOne(
      Role("App", {P(Allow(R"("Action": ["s3:GetObject", "s3:PutObject",
                                     "s3:ListBucket", "iam:PutRolePolicy"])",
                           R"("Resource": "*")"))}));
  EXPECT_EQ(e.ByLevel(AccessLevel::kRead).Indices(),
            std::vector<size_t>{A("s3:GetObject")});
  EXPECT_EQ(e.ByLevel(AccessLevel::kList).Indices(),
            std::vector<size_t>{A("s3:ListBucket")});
  EXPECT_EQ(e.ByLevel(AccessLevel::kWrite).Indices(),
            std::vector<size_t>{A("s3:PutObject")});
  EXPECT_EQ(e.ByLevel(AccessLevel::kPermissionsManagement).Indices(),
            std::vector<size_t>{A("iam:PutRolePolicy")});
  EXPECT_TRUE(e.ByLevel(AccessLevel::kTagging).Empty());
  EXPECT_TRUE(EffectivePermissions{}.ByLevel(AccessLevel::kRead).Empty());
}

TEST(EffectivePermissionsTest, AllowsMatchesResourcesByGlob) {
  EffectivePermissions e = ComputeOne(Role(
      "App",
      {P(Allow(R"("Action": "iam:PassRole")",
               R"("Resource": "arn:aws:iam::111122223333:role/app-*")"))}));
  EXPECT_TRUE(
      e.Allows(A("iam:PassRole"), "arn:aws:iam::111122223333:role/app-worker"));
  EXPECT_FALSE(
      e.Allows(A("iam:PassRole"), "arn:aws:iam::111122223333:role/admin"));
  EXPECT_FALSE(
      e.Allows(A("iam:GetRole"), "arn:aws:iam::111122223333:role/app-worker"));
}

TEST(EffectivePermissionsTest, OneEntryPerPrincipalInOrder) {
  Account account;
  Policy shared = P(Allow(R"("Action": "s3:GetObject")", R"("Resource": "*")"));
  account.principals.push_back(Role("A", {shared}));
  account.principals.push_back(Role("B", {}));
  account.principals.push_back(
      Role("C", {shared, P(Allow(R"("Action": "*")", R"("Resource": "*")"))}));
  std::vector<EffectivePermissions> all = Compute(account);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[1].principal, 1u);
  EXPECT_EQ(all[0].grants[0].actions.Count(), 1u);
  EXPECT_THAT(all[1].grants, IsEmpty());
  EXPECT_TRUE(all[2].admin);
  ASSERT_EQ(all[2].grants.size(), 1u);
  EXPECT_EQ(all[2].grants[0].statements.size(), 2u);
  EXPECT_EQ(all[2].grants[0].statements[1].policy_index, 1u);
}

}  // namespace
}  // namespace polygraph::iam
