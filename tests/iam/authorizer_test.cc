#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "polygraph/document.h"
#include "polygraph/iam_decision.h"
#include "tests/testing.h"

namespace polygraph::iam {
namespace {

using ::polygraph::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr char kAlice[] = "arn:aws:iam::111122223333:user/alice";
constexpr char kSession[] = "arn:aws:sts::111122223333:assumed-role/app/s1";
constexpr char kRoleArn[] = "arn:aws:iam::111122223333:role/svc/app";
constexpr char kBucketObject[] = "arn:aws:s3:::logs/a.txt";

Policy P(const std::string& statements,
         const std::string& version = "2012-10-17") {
  std::string text =
      "{\"Version\": \"" + version + "\", \"Statement\": [" + statements + "]}";
  absl::StatusOr<Value> document = ParseJson(text, "p.json");
  EXPECT_TRUE(document.ok()) << document.status();
  absl::StatusOr<Policy> policy = ParsePolicy(*document, {});
  EXPECT_TRUE(policy.ok()) << policy.status();
  return *policy;
}

const std::string kAllowGet =
    R"({"Sid": "Get", "Effect": "Allow", "Action": "s3:GetObject",
        "Resource": "arn:aws:s3:::logs/*"})";

Decision DecideFor(const PolicySet& policies, const std::string& principal,
                   const std::string& action = "s3:GetObject",
                   const std::string& resource = kBucketObject,
                   const std::string& resource_account = "111122223333") {
  absl::StatusOr<Authorizer> authorizer = Authorizer::Compile(policies);
  EXPECT_TRUE(authorizer.ok()) << authorizer.status();
  Request request;
  request.principal = principal;
  request.action = action;
  request.resource = resource;
  request.resource_account = resource_account;
  return authorizer->Decide(request);
}

std::string ResourceGrant(const std::string& principal_json) {
  return R"({"Sid": "Grant", "Effect": "Allow", "Principal": )" +
         principal_json + R"(, "Action": "s3:GetObject", "Resource": "*"})";
}

TEST(AuthorizerTest, IdentityPolicyAllowsAndImplicitlyDenies) {
  PolicySet policies;
  policies.identity.push_back(P(kAllowGet));
  Decision allowed = DecideFor(policies, kAlice, "S3:getobject");
  EXPECT_EQ(allowed.kind, DecisionKind::kAllow);
  ASSERT_EQ(allowed.statements.size(), 1u);
  EXPECT_EQ(allowed.statements[0].sid, "Get");
  EXPECT_EQ(allowed.statements[0].role, PolicyRole::kIdentity);
  EXPECT_EQ(allowed.statements[0].location, (SourceLocation{"p.json", 1, 41}));
  Decision denied = DecideFor(policies, kAlice, "s3:PutObject");
  EXPECT_EQ(denied.kind, DecisionKind::kImplicitDeny);
  EXPECT_TRUE(denied.statements.empty());
  EXPECT_EQ(denied.reason, "no identity-based policy allows s3:PutObject");
}

TEST(AuthorizerTest, ExplicitDenyInAnyPolicyWins) {
  PolicySet policies;
  policies.identity.push_back(P(kAllowGet));
  policies.resource_policy =
      P(ResourceGrant(R"("*")") + "," +
        R"({"Sid": "NoAlice", "Effect": "Deny",
                                   "Principal": {"AWS": ")" +
        std::string(kAlice) + R"("}, "Action": "s3:*", "Resource": "*"})");
  Decision decision = DecideFor(policies, kAlice);
  EXPECT_EQ(decision.kind, DecisionKind::kExplicitDeny);
  ASSERT_EQ(decision.statements.size(), 1u);
  EXPECT_EQ(decision.statements[0].role, PolicyRole::kResource);
  EXPECT_EQ(decision.statements[0].statement_index, 1u);
  EXPECT_EQ(decision.statements[0].effect, Effect::kDeny);
  EXPECT_THAT(decision.reason, HasSubstr("explicitly denied"));
}

TEST(AuthorizerTest, EverySCPLevelMustAllow) {
  PolicySet policies;
  policies.identity.push_back(P(kAllowGet));
  const std::string all =
      R"({"Effect": "Allow", "Action": "*", "Resource": "*"})";
  const std::string s3 =
      R"({"Effect": "Allow", "Action": "s3:*", "Resource": "*"})";
  policies.service_control_policies = {{P(all)}, {P(s3)}};
  EXPECT_EQ(DecideFor(policies, kAlice).kind, DecisionKind::kAllow);
  EXPECT_EQ(DecideFor(policies, kAlice).statements.size(), 3u);
  policies.service_control_policies.push_back(
      {P(R"({"Effect": "Allow", "Action": "ec2:*", "Resource": "*"})")});
  Decision denied = DecideFor(policies, kAlice);
  EXPECT_EQ(denied.kind, DecisionKind::kImplicitDeny);
  EXPECT_EQ(denied.reason,
            "the service control policies at level 2 do not allow "
            "s3:GetObject");
  // SCPs do not restrict anonymous or service principals.
  policies.resource_policy = P(ResourceGrant(R"("*")"));
  EXPECT_EQ(DecideFor(policies, std::string(Request::kAnonymous)).kind,
            DecisionKind::kAllow);
}

TEST(AuthorizerTest, RCPsGuardTheResourceForEveryCaller) {
  PolicySet policies;
  policies.resource_policy = P(ResourceGrant(R"("*")"));
  policies.resource_control_policies = {
      {P(R"({"Effect": "Allow", "Principal": "*", "Action": "sqs:*",
             "Resource": "*"})")}};
  Decision anonymous = DecideFor(policies, std::string(Request::kAnonymous));
  EXPECT_EQ(anonymous.kind, DecisionKind::kImplicitDeny);
  EXPECT_THAT(anonymous.reason, HasSubstr("resource control policies"));
  // Regression: service principals were exempt from RCPs, but AWS's own
  // RCP examples (EnforceConfusedDeputyProtection) restrict them.
  EXPECT_EQ(DecideFor(policies, "cloudtrail.amazonaws.com").kind,
            DecisionKind::kImplicitDeny);
  policies.resource_control_policies = {
      {P(R"({"Effect": "Allow", "Principal": "*", "Action": "*",
             "Resource": "*"})"),
       P(R"({"Effect": "Deny", "Principal": "*", "Action": "s3:*",
             "Resource": "*",
             "Condition": {"StringNotEqualsIfExists":
                               {"aws:SourceAccount": "111122223333"}}})")}};
  EXPECT_EQ(DecideFor(policies, "cloudtrail.amazonaws.com").kind,
            DecisionKind::kExplicitDeny);
}

TEST(AuthorizerTest, SameAccountResourcePolicyNamingUserGrantsDirectly) {
  PolicySet policies;
  policies.permissions_boundary = {
      P(R"({"Effect": "Allow", "Action": "ec2:*", "Resource": "*"})")};
  policies.resource_policy =
      P(ResourceGrant(std::string(R"({"AWS": ")") + kAlice + "\"}"));
  Decision decision = DecideFor(policies, kAlice);
  EXPECT_EQ(decision.kind, DecisionKind::kAllow);
  ASSERT_EQ(decision.statements.size(), 1u);
  EXPECT_EQ(decision.statements[0].role, PolicyRole::kResource);
  // Another user of the account is not named.
  EXPECT_EQ(DecideFor(policies, "arn:aws:iam::111122223333:user/bob").kind,
            DecisionKind::kImplicitDeny);
}

TEST(AuthorizerTest, SessionArnGrantsDirectlyRoleArnIsLimitedByBoundary) {
  PolicySet policies;
  policies.resource_policy =
      P(ResourceGrant(std::string(R"({"AWS": ")") + kSession + "\"}"));
  policies.permissions_boundary = {
      P(R"({"Effect": "Allow", "Action": "ec2:*", "Resource": "*"})")};
  policies.session = {
      P(R"({"Effect": "Allow", "Action": "ec2:*", "Resource": "*"})")};
  EXPECT_EQ(DecideFor(policies, kSession).kind, DecisionKind::kAllow);

  PolicySet by_role;
  by_role.resource_policy =
      P(ResourceGrant(R"({"AWS": "arn:aws:iam::111122223333:role/svc/app"})"));
  // No identity allow needed...
  EXPECT_EQ(DecideFor(by_role, kSession).kind, DecisionKind::kAllow);
  // ...but an implicit deny in the boundary or session policy limits it.
  by_role.permissions_boundary = policies.permissions_boundary;
  Decision limited = DecideFor(by_role, kSession);
  EXPECT_EQ(limited.kind, DecisionKind::kImplicitDeny);
  EXPECT_THAT(limited.reason, HasSubstr("permissions boundary"));
  by_role.permissions_boundary.reset();
  by_role.session = policies.session;
  EXPECT_EQ(DecideFor(by_role, kSession).kind, DecisionKind::kImplicitDeny);
  // The role ARN itself as requester is matched as the role.
  by_role.session.reset();
  EXPECT_EQ(DecideFor(by_role, kRoleArn).kind, DecisionKind::kAllow);
}

// Regression: Principal "*" granted a role session directly, past its
// session policy. AWS lifts the session policy only for a resource-based
// policy that "specifically references" the session.
TEST(AuthorizerTest, EveryoneGrantIsLimitedBySessionPolicy) {
  PolicySet policies;
  policies.resource_policy = P(ResourceGrant(R"("*")"));
  EXPECT_EQ(DecideFor(policies, kSession).kind, DecisionKind::kAllow);
  policies.session = {
      P(R"({"Effect": "Allow", "Action": "ec2:*", "Resource": "*"})")};
  Decision limited = DecideFor(policies, kSession);
  EXPECT_EQ(limited.kind, DecisionKind::kImplicitDeny);
  EXPECT_THAT(limited.reason, HasSubstr("session policy"));
  policies.session = {
      P(R"({"Effect": "Allow", "Action": "s3:*", "Resource": "*"})")};
  EXPECT_EQ(DecideFor(policies, kSession).kind, DecisionKind::kAllow);
  // A user has no session policy: "*" still grants it directly.
  policies.session.reset();
  policies.permissions_boundary = {
      P(R"({"Effect": "Allow", "Action": "ec2:*", "Resource": "*"})")};
  EXPECT_EQ(DecideFor(policies, kAlice).kind, DecisionKind::kAllow);
}

TEST(AuthorizerTest, NamingTheAccountDelegatesToIdentityPolicies) {
  for (const char* account : {R"({"AWS": "111122223333"})",
                              R"({"AWS": "arn:aws:iam::111122223333:root"})"}) {
    PolicySet policies;
    policies.resource_policy = P(ResourceGrant(account));
    Decision denied = DecideFor(policies, kAlice);
    EXPECT_EQ(denied.kind, DecisionKind::kImplicitDeny) << account;
    EXPECT_EQ(denied.reason, "no identity-based policy allows s3:GetObject");
    policies.identity.push_back(P(kAllowGet));
    EXPECT_EQ(DecideFor(policies, kAlice).kind, DecisionKind::kAllow)
        << account;
  }
}

TEST(AuthorizerTest, BoundaryAndSessionIntersectIdentity) {
  PolicySet policies;
  policies.identity.push_back(P(kAllowGet));
  policies.permissions_boundary = {
      P(R"({"Effect": "Allow", "Action": "s3:*", "Resource": "*"})")};
  policies.session = {
      P(R"({"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"})")};
  Decision allowed = DecideFor(policies, kSession);
  EXPECT_EQ(allowed.kind, DecisionKind::kAllow);
  EXPECT_EQ(allowed.statements.size(), 3u);
  policies.session = {
      P(R"({"Effect": "Allow", "Action": "s3:List*", "Resource": "*"})")};
  Decision denied = DecideFor(policies, kSession);
  EXPECT_EQ(denied.kind, DecisionKind::kImplicitDeny);
  EXPECT_EQ(denied.reason, "the session policy does not allow s3:GetObject");
}

TEST(AuthorizerTest, CrossAccountNeedsBothSides) {
  const std::string other = "arn:aws:iam::444455556666:user/carol";
  PolicySet policies;
  policies.identity.push_back(P(kAllowGet));
  Decision no_resource = DecideFor(policies, other);
  EXPECT_EQ(no_resource.kind, DecisionKind::kImplicitDeny);
  EXPECT_THAT(no_resource.reason, HasSubstr("across accounts"));
  policies.resource_policy = P(ResourceGrant(R"({"AWS": "444455556666"})"));
  Decision both = DecideFor(policies, other);
  EXPECT_EQ(both.kind, DecisionKind::kAllow);
  EXPECT_EQ(both.statements.size(), 2u);
  policies.identity.clear();
  EXPECT_EQ(DecideFor(policies, other).kind, DecisionKind::kImplicitDeny);
}

TEST(AuthorizerTest, ResourceAccountDefaultsToTheArnAccount) {
  PolicySet policies;
  policies.identity.push_back(
      P(R"({"Effect": "Allow", "Action": "sqs:*", "Resource": "*"})"));
  // The queue belongs to 444455556666: cross-account, no queue policy.
  EXPECT_EQ(DecideFor(policies, kAlice, "sqs:SendMessage",
                      "arn:aws:sqs:us-east-1:444455556666:q", "")
                .kind,
            DecisionKind::kImplicitDeny);
  EXPECT_EQ(DecideFor(policies, kAlice, "sqs:SendMessage",
                      "arn:aws:sqs:us-east-1:111122223333:q", "")
                .kind,
            DecisionKind::kAllow);
}

TEST(AuthorizerTest, AnonymousOnlyThroughTheResourcePolicy) {
  PolicySet policies;
  policies.identity.push_back(P(kAllowGet));
  EXPECT_EQ(DecideFor(policies, std::string(Request::kAnonymous)).kind,
            DecisionKind::kImplicitDeny);
  policies.resource_policy = P(ResourceGrant(R"({"AWS": "111122223333"})"));
  EXPECT_EQ(DecideFor(policies, std::string(Request::kAnonymous)).kind,
            DecisionKind::kImplicitDeny);
  policies.resource_policy = P(ResourceGrant(R"({"AWS": "*"})"));
  EXPECT_EQ(DecideFor(policies, std::string(Request::kAnonymous)).kind,
            DecisionKind::kAllow);
}

TEST(AuthorizerTest, ServicePrincipalThroughTheResourcePolicy) {
  PolicySet policies;
  policies.resource_policy =
      P(ResourceGrant(R"({"Service": "cloudtrail.amazonaws.com"})"));
  EXPECT_EQ(DecideFor(policies, "cloudtrail.amazonaws.com").kind,
            DecisionKind::kAllow);
  EXPECT_EQ(DecideFor(policies, "config.amazonaws.com").kind,
            DecisionKind::kImplicitDeny);
}

TEST(AuthorizerTest, TrustPolicyMustAllowAssumeRoleEvenInTheAccount) {
  PolicySet policies;
  policies.identity.push_back(
      P(R"({"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"})"));
  policies.resource_policy = P(
      R"({"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
          "Action": "sts:AssumeRole"})");
  const std::string role = "arn:aws:iam::111122223333:role/target";
  Decision denied = DecideFor(policies, kAlice, "sts:AssumeRole", role);
  EXPECT_EQ(denied.kind, DecisionKind::kImplicitDeny);
  EXPECT_EQ(denied.reason,
            "the role trust policy does not allow sts:AssumeRole");
  policies.resource_policy = P(
      R"({"Effect": "Allow", "Principal": {"AWS": "111122223333"},
          "Action": "sts:AssumeRole"})");
  EXPECT_EQ(DecideFor(policies, kAlice, "sts:AssumeRole", role).kind,
            DecisionKind::kAllow);
  policies.identity.clear();
  EXPECT_EQ(DecideFor(policies, kAlice, "sts:AssumeRole", role).kind,
            DecisionKind::kImplicitDeny);
  EXPECT_EQ(
      DecideFor(policies, "ec2.amazonaws.com", "sts:AssumeRole", role).kind,
      DecisionKind::kImplicitDeny);
}

TEST(AuthorizerTest, KeyPolicyMustAllowRootGrantDelegates) {
  const std::string key =
      "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab";
  PolicySet policies;
  policies.identity.push_back(
      P(R"({"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*"})"));
  policies.resource_policy = P(
      R"({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/bob"},
          "Action": "kms:*", "Resource": "*"})");
  Decision denied = DecideFor(policies, kAlice, "kms:Decrypt", key, "");
  EXPECT_EQ(denied.kind, DecisionKind::kImplicitDeny);
  EXPECT_EQ(denied.reason, "the key policy does not allow kms:Decrypt");
  policies.resource_policy = P(
      R"({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
          "Action": "kms:*", "Resource": "*"})");
  EXPECT_EQ(DecideFor(policies, kAlice, "kms:Decrypt", key, "").kind,
            DecisionKind::kAllow);
  policies.identity.clear();
  EXPECT_EQ(DecideFor(policies, kAlice, "kms:Decrypt", key, "").kind,
            DecisionKind::kImplicitDeny);
}

TEST(AuthorizerTest, KeyWithoutAKeyPolicyIgnoresIdentityGrants) {
  // "Unless the key policy explicitly allows it, you cannot use IAM
  // policies to allow access to a KMS key."
  const std::string key = "arn:aws:kms:us-east-1:111122223333:key/k-1";
  PolicySet policies;
  policies.identity.push_back(
      P(R"({"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*"})"));
  Decision decision = DecideFor(policies, kAlice, "kms:Decrypt", key, "");
  EXPECT_EQ(decision.kind, DecisionKind::kImplicitDeny);
  EXPECT_THAT(decision.reason, HasSubstr("no key policy was given"));
  // Other KMS resources (aliases) are not keys.
  EXPECT_EQ(DecideFor(policies, kAlice, "kms:Decrypt",
                      "arn:aws:kms:us-east-1:111122223333:alias/a", "")
                .kind,
            DecisionKind::kAllow);
}

TEST(AuthorizerTest, GetCallerIdentityNeedsNoPermission) {
  PolicySet policies;
  policies.identity.push_back(
      P(R"({"Effect": "Deny", "Action": "sts:*", "Resource": "*"})"));
  Decision decision =
      DecideFor(policies, kSession, "STS:getCallerIdentity", "*", "");
  EXPECT_EQ(decision.kind, DecisionKind::kAllow);
  EXPECT_THAT(decision.reason, HasSubstr("needs no permission"));
  // The explicit Deny still applies to every other STS action...
  EXPECT_EQ(DecideFor(policies, kSession, "sts:GetSessionToken", "*", "").kind,
            DecisionKind::kExplicitDeny);
  // ...and an unsigned caller has no identity to return.
  EXPECT_EQ(DecideFor(PolicySet{}, std::string(Request::kAnonymous),
                      "sts:GetCallerIdentity", "*", "")
                .kind,
            DecisionKind::kImplicitDeny);
}

TEST(AuthorizerTest, ReportsMissingContextKeysOfMatchingStatements) {
  PolicySet policies;
  policies.identity.push_back(P(
      R"({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
          "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"},
                        "IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}},
         {"Effect": "Allow", "Action": "ec2:*", "Resource": "*",
          "Condition": {"StringEquals": {"aws:Unrelated": "x"}}})"));
  Decision decision = DecideFor(policies, kAlice);
  EXPECT_EQ(decision.kind, DecisionKind::kImplicitDeny);
  EXPECT_THAT(decision.missing_context_keys,
              ElementsAre("aws:MultiFactorAuthPresent", "aws:SourceIp"));
}

TEST(AuthorizerTest, ConditionsAndVariablesInDecisions) {
  PolicySet policies;
  policies.identity.push_back(P(
      R"({"Effect": "Allow", "Action": "s3:GetObject",
          "Resource": "arn:aws:s3:::logs/${aws:username}/*",
          "Condition": {"StringEquals": {"aws:RequestedRegion": "eu-west-1"}}})"));
  absl::StatusOr<Authorizer> authorizer = Authorizer::Compile(policies);
  ASSERT_OK(authorizer);
  Request request{.principal = kAlice,
                  .action = "s3:GetObject",
                  .resource = "arn:aws:s3:::logs/alice/x",
                  .resource_account = "111122223333",
                  .context = {{"aws:RequestedRegion", {"eu-west-1"}}}};
  EXPECT_EQ(authorizer->Decide(request).kind, DecisionKind::kAllow);
  request.context["aws:RequestedRegion"] = {"us-east-1"};
  EXPECT_EQ(authorizer->Decide(request).kind, DecisionKind::kImplicitDeny);
  request.context["aws:RequestedRegion"] = {"eu-west-1"};
  request.resource = "arn:aws:s3:::logs/bob/x";
  EXPECT_EQ(authorizer->Decide(request).kind, DecisionKind::kImplicitDeny);
}

TEST(AuthorizerTest, CompileErrorsCarryTheValueLocation) {
  PolicySet policies;
  policies.identity.push_back(P(
      R"({"Effect": "Allow", "Action": "*", "Resource": "*",
          "Condition": {"DateLessThan": {"aws:CurrentTime": "soon"}}})"));
  absl::StatusOr<Authorizer> bad_date = Authorizer::Compile(policies);
  EXPECT_THAT(bad_date, StatusIs(absl::StatusCode::kInvalidArgument,
                                 HasSubstr("is not a date")));
  EXPECT_EQ(polygraph::testing::ErrorAt(bad_date), "2:61");
  policies.identity[0] = P(
      R"({"Effect": "Allow", "Action": "*", "Resource": "*",
          "Condition": {"StringEqualsAny": {"k": "v"}}})");
  absl::StatusOr<Authorizer> bad_operator = Authorizer::Compile(policies);
  EXPECT_THAT(bad_operator, StatusIs(absl::StatusCode::kInvalidArgument,
                                     HasSubstr("unknown condition operator")));
  EXPECT_EQ(polygraph::testing::ErrorAt(bad_operator), "2:25");
  policies.identity[0] = P(
      R"({"Effect": "Allow", "Action": "*", "Resource": "*",
          "Condition": {"NumericEquals": {"k": "ten"}}})");
  EXPECT_THAT(Authorizer::Compile(policies),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("is not a number")));
}

TEST(AuthorizerTest, OneShotDecideAndNames) {
  PolicySet policies;
  policies.identity.push_back(P(kAllowGet));
  Request request{.principal = kAlice,
                  .action = "s3:GetObject",
                  .resource = kBucketObject,
                  .resource_account = "",
                  .context = {}};
  ASSERT_OK_AND_ASSIGN(Decision decision, Decide(request, policies));
  EXPECT_EQ(decision.kind, DecisionKind::kAllow);
  EXPECT_EQ(DecisionKindName(DecisionKind::kExplicitDeny), "ExplicitDeny");
  EXPECT_EQ(PolicyRoleName(PolicyRole::kPermissionsBoundary),
            "permissions-boundary");
  EXPECT_EQ(PolicyRoleName(PolicyRole::kResourceControl), "rcp");
}

}  // namespace
}  // namespace polygraph::iam
