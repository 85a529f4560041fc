// The search's tables (compare_prepare.cc): conditions read alike are
// evaluated once, statements equal on both sides are compiled once, and
// Resource elements are matched by service first; none of it changes what
// the search finds.

#include <algorithm>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "iam/compare_internal.h"
#include "polygraph/document.h"
#include "polygraph/iam_compare.h"
#include "polygraph/iam_decision.h"
#include "polygraph/iam_policy.h"

namespace polygraph::iam::internal {
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

PolicySet Identity(const std::string& statements) {
  PolicySet set;
  set.identity.push_back(P(statements));
  return set;
}

std::string Statement(const std::string& action, const std::string& resource,
                      const std::string& condition) {
  return R"({"Effect": "Allow", "Action": ")" + action + R"(", "Resource": ")" +
         resource + "\"" + condition + "}";
}

// Many statements with one condition: read once, yet each still decides.
TEST(ComparePrepareTest, RepeatedConditionsAreOneCondition) {
  const std::string ip =
      R"(, "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/16"}})";
  std::string a, b;
  for (int i = 0; i < 6; ++i) {
    const std::string resource =
        "arn:aws:sqs:us-east-1:111122223333:q" + std::to_string(i);
    if (i > 0) a += ",", b += ",";
    a += Statement("sqs:SendMessage", resource, ip);
    // B drops the condition of the fourth statement only.
    b += Statement("sqs:SendMessage", resource, i == 3 ? "" : ip);
  }
  absl::StatusOr<SearchResult> r =
      Search(Identity(b), nullptr, SearchFocus{}, CompareOptions{});
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_THAT(r->notes, IsEmpty());
  const PolicySet in_a = Identity(a), in_b = Identity(b);
  absl::StatusOr<Comparison> c = Compare(in_a, in_b);
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_THAT(c->notes, IsEmpty());
  EXPECT_THAT(c->only_b_actions, ElementsAre("sqs:SendMessage"));
  EXPECT_THAT(c->only_a_actions, IsEmpty());
  ASSERT_EQ(c->only_b.size(), 1u);
  const Request& w = c->only_b[0].request;
  EXPECT_EQ(w.resource, "arn:aws:sqs:us-east-1:111122223333:q3");
  absl::StatusOr<Decision> d = Decide(w, in_a);
  ASSERT_TRUE(d.ok());
  EXPECT_NE(d->kind, DecisionKind::kAllow);
}

// Statements equal on both sides but for their sid and place are compared
// as equal; a moved statement too.
TEST(ComparePrepareTest, SharedStatementsKeepTheirMeaning) {
  const std::string s1 = Statement("s3:GetObject", "arn:aws:s3:::b/*", "");
  const std::string s2 = Statement("kms:Decrypt", "*", "");
  const std::string s3 = R"({"Sid": "X", "Effect": "Deny",
      "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/secret"})";
  absl::StatusOr<Comparison> c =
      Compare(Identity(s1 + "," + s2 + "," + s3), Identity(s3 + "," + s1));
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_THAT(c->only_b_actions, IsEmpty());
  EXPECT_THAT(c->only_a_actions, ElementsAre("kms:Decrypt"));
}

// A resource of another service never matches a Resource element naming
// its services literally; NotResource and wildcard services still do.
TEST(ComparePrepareTest, ServicesAreMatchedExactly) {
  const PolicySet a = Identity(
      R"({"Effect": "Allow", "Action": "*",
          "Resource": "arn:aws:sqs:us-east-1:111122223333:q"})");
  const PolicySet b = Identity(
      R"({"Effect": "Allow", "Action": "*",
          "NotResource": "arn:aws:sqs:us-east-1:111122223333:q"},
         {"Effect": "Allow", "Action": "sns:Publish",
          "Resource": "arn:aws:s*:us-east-1:111122223333:q"})");
  absl::StatusOr<Comparison> c = Compare(a, b);
  ASSERT_TRUE(c.ok()) << c.status();
  // B grants everything but q, so A's q is only in A for all but
  // sns:Publish; B grants other resources.
  EXPECT_FALSE(c->only_b_actions.empty());
  EXPECT_FALSE(c->only_a_actions.empty());
  EXPECT_TRUE(std::find(c->only_a_actions.begin(), c->only_a_actions.end(),
                        "sns:Publish") == c->only_a_actions.end());
  for (const Witness& w : c->only_a) {
    absl::StatusOr<Decision> in_b = Decide(w.request, b);
    ASSERT_TRUE(in_b.ok());
    EXPECT_NE(in_b->kind, DecisionKind::kAllow) << w.request.action;
  }
}

}  // namespace
}  // namespace polygraph::iam::internal
