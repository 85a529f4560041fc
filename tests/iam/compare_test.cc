#include <algorithm>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "polygraph/document.h"
#include "polygraph/iam_catalogue.h"
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

// Every witness is re-decided here: allowed by one side, not by the other.
void ExpectWitnessesHold(const Comparison& c, const PolicySet& a,
                         const PolicySet& b) {
  for (const Witness& w : c.only_b) {
    absl::StatusOr<Decision> in_b = Decide(w.request, b);
    absl::StatusOr<Decision> in_a = Decide(w.request, a);
    ASSERT_TRUE(in_b.ok() && in_a.ok());
    EXPECT_EQ(in_b->kind, DecisionKind::kAllow) << w.request.action;
    EXPECT_NE(in_a->kind, DecisionKind::kAllow) << w.request.action;
    EXPECT_EQ(w.allowed.kind, in_b->kind);
    EXPECT_EQ(w.denied.kind, in_a->kind);
  }
  for (const Witness& w : c.only_a) {
    absl::StatusOr<Decision> in_b = Decide(w.request, b);
    absl::StatusOr<Decision> in_a = Decide(w.request, a);
    ASSERT_TRUE(in_b.ok() && in_a.ok());
    EXPECT_EQ(in_a->kind, DecisionKind::kAllow) << w.request.action;
    EXPECT_NE(in_b->kind, DecisionKind::kAllow) << w.request.action;
  }
}

Comparison CompareChecked(const PolicySet& a, const PolicySet& b) {
  absl::StatusOr<Comparison> c = Compare(a, b);
  EXPECT_TRUE(c.ok()) << c.status();
  if (!c.ok()) return {};
  ExpectWitnessesHold(*c, a, b);
  return *c;
}

TEST(CompareTest, WildcardAndExpandedListAreEquivalent) {
  const Catalogue& catalogue = Catalogue::Builtin();
  std::string list;
  for (size_t i : catalogue.Expand("s3:Get*").Indices()) {
    if (!list.empty()) list += ",";
    list += "\"" + catalogue.action(i).FullName() + "\"";
  }
  PolicySet a =
      Identity(R"({"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"})");
  PolicySet b = Identity(R"({"Effect": "Allow", "Action": [)" + list +
                         R"(], "Resource": "*"})");
  Comparison c = CompareChecked(a, b);
  EXPECT_TRUE(c.equivalent());
  EXPECT_THAT(c.notes, IsEmpty());
}

TEST(CompareTest, SplitStatementsAreEquivalent) {
  PolicySet a = Identity(
      R"({"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"],
          "Resource": ["arn:aws:s3:::a/*", "arn:aws:s3:::b/*"]})");
  PolicySet b = Identity(
      R"({"Effect": "Allow", "Action": "s3:GetObject",
          "Resource": ["arn:aws:s3:::a/*", "arn:aws:s3:::b/*"]},
         {"Effect": "Allow", "Action": "s3:PutObject",
          "Resource": "arn:aws:s3:::a/*"},
         {"Effect": "Allow", "Action": "s3:PutObject",
          "Resource": "arn:aws:s3:::b/*"})");
  EXPECT_TRUE(CompareChecked(a, b).equivalent());
}

TEST(CompareTest, AddedActionIsReportedWithWitness) {
  PolicySet a = Identity(
      R"({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"})");
  PolicySet b = Identity(
      R"({"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"],
          "Resource": "*"})");
  Comparison c = CompareChecked(a, b);
  EXPECT_THAT(c.only_b_actions, ElementsAre("s3:PutObject"));
  ASSERT_EQ(c.only_b.size(), 1u);
  EXPECT_EQ(c.only_b[0].request.action, "s3:PutObject");
  EXPECT_FALSE(c.a_allows_more());
}

TEST(CompareTest, WidenedResourceWitnessMatchesOnlyTheWiderPattern) {
  PolicySet a = Identity(
      R"({"Effect": "Allow", "Action": "s3:GetObject",
          "Resource": "arn:aws:s3:::logs/app/*"})");
  PolicySet b = Identity(
      R"({"Effect": "Allow", "Action": "s3:GetObject",
          "Resource": "arn:aws:s3:::logs/*"})");
  Comparison c = CompareChecked(a, b);
  EXPECT_THAT(c.only_b_actions, ElementsAre("s3:GetObject"));
  ASSERT_EQ(c.only_b.size(), 1u);
  const std::string& resource = c.only_b[0].request.resource;
  EXPECT_TRUE(resource.starts_with("arn:aws:s3:::logs/")) << resource;
  EXPECT_FALSE(resource.starts_with("arn:aws:s3:::logs/app/")) << resource;
  EXPECT_FALSE(c.a_allows_more());
}

TEST(CompareTest, DroppedConditionGivesWitnessContext) {
  PolicySet a = Identity(
      R"({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
          "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}})");
  PolicySet b = Identity(
      R"({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"})");
  Comparison c = CompareChecked(a, b);
  ASSERT_EQ(c.only_b.size(), 1u);
  EXPECT_FALSE(c.a_allows_more());
  // Either no address or one outside 10/8.
  const auto& context = c.only_b[0].request.context;
  auto it = context.find("aws:SourceIp");
  if (it != context.end() && it->second.size() == 1) {
    EXPECT_FALSE(it->second[0].starts_with("10.")) << it->second[0];
  }
}

TEST(CompareTest, NumericAndDateBoundaries) {
  PolicySet a = Identity(
      R"({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
          "Condition": {"NumericLessThan": {"s3:max-keys": "10"},
                        "DateLessThan": {"aws:CurrentTime": "2030-01-01T00:00:00Z"}}})");
  PolicySet b = Identity(
      R"({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
          "Condition": {"NumericLessThanEquals": {"s3:max-keys": "10"},
                        "DateLessThan": {"aws:CurrentTime": "2030-01-01T00:00:00Z"}}})");
  Comparison c = CompareChecked(a, b);
  ASSERT_EQ(c.only_b.size(), 1u);
  EXPECT_EQ(c.only_b[0].request.context.at("s3:max-keys"),
            std::vector<std::string>{"10"});
  EXPECT_FALSE(c.a_allows_more());
}

TEST(CompareTest, DenyInBNotInA) {
  PolicySet a =
      Identity(R"({"Effect": "Allow", "Action": "s3:*", "Resource": "*"})");
  PolicySet b = Identity(
      R"({"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
         {"Effect": "Deny", "Action": "s3:DeleteObject",
          "Resource": "arn:aws:s3:::prod/*"})");
  Comparison c = CompareChecked(a, b);
  EXPECT_FALSE(c.b_allows_more());
  EXPECT_THAT(c.only_a_actions, ElementsAre("s3:DeleteObject"));
  ASSERT_EQ(c.only_a.size(), 1u);
  EXPECT_EQ(c.only_a[0].denied.kind, DecisionKind::kExplicitDeny);
}

TEST(CompareTest, NotActionAndNotResource) {
  PolicySet a =
      Identity(R"({"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"})");
  PolicySet b = Identity(
      R"({"Effect": "Allow", "NotAction": ["iam:*", "s3:DeleteBucket"],
          "NotResource": "arn:aws:s3:::secret/*"})");
  Comparison c = CompareChecked(a, b);
  EXPECT_FALSE(c.b_allows_more());
  EXPECT_THAT(c.only_a_actions, Contains("s3:DeleteBucket"));
  EXPECT_THAT(c.only_a_actions, Contains("s3:GetObject"));
  EXPECT_THAT(c.only_a_actions, Not(Contains("iam:CreateUser")));
}

TEST(CompareTest, UnknownActionsAreDistinct) {
  PolicySet a = Identity(
      R"({"Effect": "Allow", "Action": "foo:DoThing", "Resource": "*"})");
  PolicySet b = Identity(
      R"({"Effect": "Allow", "Action": ["foo:DoThing", "foo:OtherThing"],
          "Resource": "*"})");
  Comparison c = CompareChecked(a, b);
  EXPECT_THAT(c.unknown_actions, ElementsAre("foo:DoThing", "foo:OtherThing"));
  EXPECT_THAT(c.only_b_actions, ElementsAre("foo:OtherThing"));
  EXPECT_FALSE(c.a_allows_more());
}

TEST(CompareTest, ResourcePolicyPrincipals) {
  PolicySet a, b;
  a.resource_policy = P(
      R"({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"},
          "Action": "s3:GetObject", "Resource": "arn:aws:s3:::shared/*"})");
  b.resource_policy = P(
      R"({"Effect": "Allow", "Principal": "*",
          "Action": "s3:GetObject", "Resource": "arn:aws:s3:::shared/*"})");
  Comparison c = CompareChecked(a, b);
  EXPECT_THAT(c.only_b_actions, ElementsAre("s3:GetObject"));
  EXPECT_FALSE(c.a_allows_more());
}

TEST(CompareTest, BothDirections) {
  PolicySet a = Identity(
      R"({"Effect": "Allow", "Action": "ec2:Describe*", "Resource": "*"})");
  PolicySet b = Identity(
      R"({"Effect": "Allow", "Action": "ec2:DescribeInstances", "Resource": "*"},
         {"Effect": "Allow", "Action": "ec2:StartInstances", "Resource": "*"})");
  Comparison c = CompareChecked(a, b);
  EXPECT_THAT(c.only_b_actions, ElementsAre("ec2:StartInstances"));
  EXPECT_THAT(c.only_a_actions, Contains("ec2:DescribeVpcs"));
  EXPECT_THAT(c.only_a_actions, Not(Contains("ec2:DescribeInstances")));
  EXPECT_LE(c.only_a.size(), 20u);
}

TEST(CompareTest, StringConditionCells) {
  PolicySet a = Identity(
      R"({"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*",
          "Condition": {"StringLike": {"s3:prefix": "home/*"}}})");
  PolicySet b = Identity(
      R"({"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*",
          "Condition": {"StringLike": {"s3:prefix": "home*"}}})");
  Comparison c = CompareChecked(a, b);
  ASSERT_EQ(c.only_b.size(), 1u);
  EXPECT_FALSE(c.a_allows_more());
}

TEST(CompareTest, MultiValuedKeyNeedsTwoValues) {
  // B allows when the key holds both values at once: no single value does.
  PolicySet a = Identity(
      R"({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
          "Condition": {"ForAnyValue:StringEquals": {"aws:TagKeys": "x"}}})");
  PolicySet b = Identity(
      R"({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
          "Condition": {"ForAnyValue:StringEquals": {"aws:TagKeys": "x"}}},
         {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
          "Condition": {"ForAnyValue:StringEquals": {"aws:TagKeys": "y"},
                        "ForAllValues:StringEquals": {"aws:TagKeys": ["y", "z"]}}})");
  Comparison c = CompareChecked(a, b);
  ASSERT_EQ(c.only_b.size(), 1u);
  EXPECT_FALSE(c.a_allows_more());
}

TEST(CompareTest, PolicyVariablesAreComparedWithOneValue) {
  PolicySet a = Identity(
      R"({"Effect": "Allow", "Action": "s3:GetObject",
          "Resource": "arn:aws:s3:::home/${aws:username}/*"})");
  PolicySet b = Identity(
      R"({"Effect": "Allow", "Action": "s3:GetObject",
          "Resource": "arn:aws:s3:::home/*"})");
  Comparison c = CompareChecked(a, b);
  EXPECT_THAT(c.only_b_actions, ElementsAre("s3:GetObject"));
  EXPECT_FALSE(c.a_allows_more());
  EXPECT_THAT(c.notes, Not(IsEmpty()));
}

TEST(CompareTest, ManyWildcardsStayBounded) {
  std::string resources;
  for (int i = 0; i < 40; ++i) {
    if (!resources.empty()) resources += ",";
    resources += "\"arn:aws:s3:::*a" + std::to_string(i) + "*b*?c*\"";
  }
  PolicySet a = Identity(R"({"Effect": "Allow", "Action": "s3:GetObject",
                            "Resource": [)" +
                         resources + "]}");
  PolicySet b = Identity(
      R"({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"})");
  // Terminates; whatever it reports verifies.
  absl::StatusOr<Comparison> c = Compare(a, b);
  ASSERT_TRUE(c.ok());
  ExpectWitnessesHold(*c, a, b);
  EXPECT_TRUE(c->b_allows_more());
}

TEST(CompareTest, BoundariesAndServiceControlPolicies) {
  PolicySet a = Identity(
      R"({"Effect": "Allow", "Action": ["s3:GetObject", "ec2:StartInstances"],
          "Resource": "*"})");
  PolicySet b = a;
  b.permissions_boundary = std::vector<Policy>{
      P(R"({"Effect": "Allow", "Action": "s3:*", "Resource": "*"})")};
  Comparison c = CompareChecked(a, b);
  EXPECT_THAT(c.only_a_actions, ElementsAre("ec2:StartInstances"));
  EXPECT_FALSE(c.b_allows_more());

  PolicySet d = a;
  d.service_control_policies.push_back(
      {P(R"({"Effect": "Allow", "Action": "*", "Resource": "*"},
            {"Effect": "Deny", "Action": "s3:*", "Resource": "*",
             "Condition": {"StringNotEquals": {"aws:RequestedRegion": "eu-west-1"}}})")});
  Comparison e = CompareChecked(a, d);
  EXPECT_THAT(e.only_a_actions, ElementsAre("s3:GetObject"));
  EXPECT_FALSE(e.b_allows_more());
}

TEST(CompareTest, EmptySetsAreEquivalent) {
  Comparison c = CompareChecked(PolicySet{}, PolicySet{});
  EXPECT_TRUE(c.equivalent());
  EXPECT_THAT(c.unknown_actions, IsEmpty());
}

TEST(CompareTest, CompileErrorsPropagate) {
  PolicySet a = Identity(
      R"({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
          "Condition": {"NumericLessThan": {"s3:max-keys": "ten"}}})");
  absl::StatusOr<Comparison> c = Compare(a, a);
  EXPECT_FALSE(c.ok());
}

}  // namespace
}  // namespace polygraph::iam
