#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "polygraph/document.h"
#include "polygraph/iam_compare.h"
#include "polygraph/iam_decision.h"
#include "polygraph/iam_policy.h"

namespace polygraph::iam {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Not;

Policy P(const std::string& statements) {
  std::string text =
      R"({"Version": "2012-10-17", "Statement": [)" + statements + "]}";
  absl::StatusOr<Value> document = ParseJson(text, "p.json");
  EXPECT_TRUE(document.ok()) << document.status();
  absl::StatusOr<Policy> policy = ParsePolicy(*document, {});
  EXPECT_TRUE(policy.ok()) << policy.status();
  return *policy;
}

PolicySet Identity(const std::string& statements) {
  PolicySet set;
  set.identity.push_back(P(statements));
  return set;
}

void ExpectAllowed(const CheckOutcome& outcome, const PolicySet& policies) {
  for (const Witness& w : outcome.witnesses) {
    absl::StatusOr<Decision> d = Decide(w.request, policies);
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(d->kind, DecisionKind::kAllow) << w.request.action;
    EXPECT_EQ(w.allowed.kind, DecisionKind::kAllow);
    EXPECT_NE(w.denied.kind, DecisionKind::kAllow);
  }
}

TEST(CheckNoNewAccessTest, PassesAndFails) {
  PolicySet existing =
      Identity(R"({"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"})");
  PolicySet narrower = Identity(
      R"({"Effect": "Allow", "Action": "s3:GetObject",
          "Resource": "arn:aws:s3:::logs/*"})");
  absl::StatusOr<CheckOutcome> pass = CheckNoNewAccess(existing, narrower);
  ASSERT_TRUE(pass.ok()) << pass.status();
  EXPECT_TRUE(pass->pass);
  EXPECT_THAT(pass->witnesses, IsEmpty());

  PolicySet wider = Identity(
      R"({"Effect": "Allow", "Action": ["s3:Get*", "s3:PutObject"],
          "Resource": "*"})");
  absl::StatusOr<CheckOutcome> fail = CheckNoNewAccess(existing, wider);
  ASSERT_TRUE(fail.ok()) << fail.status();
  EXPECT_FALSE(fail->pass);
  EXPECT_THAT(fail->actions, ElementsAre("s3:PutObject"));
  ExpectAllowed(*fail, wider);
  for (const Witness& w : fail->witnesses) {
    EXPECT_NE(Decide(w.request, existing)->kind, DecisionKind::kAllow);
  }
}

TEST(CheckAccessNotGrantedTest, PassesAndFails) {
  PolicySet policies = Identity(
      R"({"Effect": "Allow", "Action": "s3:*",
          "Resource": "arn:aws:s3:::logs/*"},
         {"Effect": "Deny", "Action": "s3:DeleteObject",
          "Resource": "arn:aws:s3:::logs/keep/*"})");
  absl::StatusOr<CheckOutcome> pass =
      CheckAccessNotGranted(policies, {"iam:*", "ec2:RunInstances"}, {});
  ASSERT_TRUE(pass.ok()) << pass.status();
  EXPECT_TRUE(pass->pass);

  absl::StatusOr<CheckOutcome> denied = CheckAccessNotGranted(
      policies, {"s3:DeleteObject"}, {"arn:aws:s3:::logs/keep/*"});
  ASSERT_TRUE(denied.ok()) << denied.status();
  EXPECT_TRUE(denied->pass);

  absl::StatusOr<CheckOutcome> fail =
      CheckAccessNotGranted(policies, {"s3:Delete*"}, {});
  ASSERT_TRUE(fail.ok()) << fail.status();
  EXPECT_FALSE(fail->pass);
  EXPECT_THAT(fail->actions, Contains("s3:DeleteObject"));
  EXPECT_THAT(fail->actions, Not(Contains("s3:GetObject")));
  ExpectAllowed(*fail, policies);
  for (const Witness& w : fail->witnesses) {
    EXPECT_EQ(w.denied.reason, "not permitted by the check");
  }

  absl::StatusOr<CheckOutcome> other_bucket = CheckAccessNotGranted(
      policies, {"s3:GetObject"}, {"arn:aws:s3:::other/*"});
  ASSERT_TRUE(other_bucket.ok());
  EXPECT_TRUE(other_bucket->pass);
}

TEST(CheckAccessNotGrantedTest, Errors) {
  PolicySet policies =
      Identity(R"({"Effect": "Allow", "Action": "s3:*", "Resource": "*"})");
  EXPECT_FALSE(CheckAccessNotGranted(policies, {}, {}).ok());
  EXPECT_FALSE(CheckAccessNotGranted(policies, {"nonsense"}, {}).ok());
  // A service:Name-shaped unknown name is its own action.
  absl::StatusOr<CheckOutcome> unknown =
      CheckAccessNotGranted(policies, {"foo:Bar"}, {});
  ASSERT_TRUE(unknown.ok()) << unknown.status();
  EXPECT_TRUE(unknown->pass);
}

TEST(CheckNoPublicAccessTest, PassesForOwnAccountAndConditions) {
  Policy own = P(
      R"({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
          "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket/*"})");
  absl::StatusOr<CheckOutcome> pass =
      CheckNoPublicAccess(own, "AWS::S3::Bucket");
  ASSERT_TRUE(pass.ok()) << pass.status();
  EXPECT_TRUE(pass->pass);
  for (const Witness& w : pass->witnesses) {
    ADD_FAILURE() << w.request.principal << " " << w.request.action << " "
                  << w.request.resource << " " << w.allowed.reason;
  }

  Policy org = P(
      R"({"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
          "Resource": "arn:aws:s3:::bucket/*",
          "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-123"}}})");
  absl::StatusOr<CheckOutcome> org_pass =
      CheckNoPublicAccess(org, "AWS::S3::Bucket");
  ASSERT_TRUE(org_pass.ok());
  EXPECT_TRUE(org_pass->pass);
}

TEST(CheckNoPublicAccessTest, FailsForEveryone) {
  Policy open = P(
      R"({"Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage",
          "Resource": "*",
          "Condition": {"StringEquals": {"aws:RequestedRegion": "us-east-1"}}})");
  absl::StatusOr<CheckOutcome> fail =
      CheckNoPublicAccess(open, "AWS::SQS::Queue");
  ASSERT_TRUE(fail.ok()) << fail.status();
  EXPECT_FALSE(fail->pass);
  EXPECT_THAT(fail->actions, ElementsAre("sqs:SendMessage"));
  ASSERT_EQ(fail->witnesses.size(), 1u);
  PolicySet alone;
  alone.resource_policy = open;
  const Request& r = fail->witnesses[0].request;
  EXPECT_TRUE(r.principal == Request::kAnonymous ||
              r.principal.find("999999999999") != std::string::npos);
  // Anonymous callers need nothing but the resource policy.
  Request anonymous = r;
  anonymous.principal = std::string(Request::kAnonymous);
  EXPECT_EQ(Decide(anonymous, alone)->kind, DecisionKind::kAllow);
}

TEST(CheckNoPublicAccessTest, UnknownTypeIsAnError) {
  Policy p = P(R"({"Effect": "Allow", "Principal": "*", "Action": "s3:*",
                   "Resource": "*"})");
  EXPECT_FALSE(CheckNoPublicAccess(p, "AWS::Nope::Thing").ok());
  EXPECT_THAT(PublicAccessResourceTypes(), Contains("AWS::KMS::Key"));
}

}  // namespace
}  // namespace polygraph::iam
