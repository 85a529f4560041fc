#include <optional>
#include <string>
#include <vector>

#include "api/diff_internal.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "polygraph/document.h"
#include "polygraph/iam_policy.h"
#include "polygraph/model.h"

namespace polygraph::diff_internal {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

PolicyDocument Identity(const std::string& json) {
  absl::StatusOr<Value> value = ParseJson(json, "p.json");
  EXPECT_TRUE(value.ok()) << value.status();
  absl::StatusOr<iam::Policy> policy =
      iam::ParsePolicy(*value, {.kind = iam::PolicyKind::kIdentity});
  EXPECT_TRUE(policy.ok()) << policy.status();
  PolicyDocument document;
  document.name = "app";
  document.kind = iam::PolicyKind::kIdentity;
  document.policy = *policy;
  return document;
}

const AccessSubject kWho = {
    .resource = "AppRole", .subject = "role AppRole", .verb = " may now "};

std::vector<std::string> Descriptions(
    const std::optional<std::vector<DeltaItem>>& items) {
  std::vector<std::string> out;
  if (!items.has_value()) return out;
  for (const DeltaItem& item : *items) out.push_back(item.description);
  return out;
}

TEST(ExactAccessItemsTest, DroppedConditionIsNewAccess) {
  PolicyDocument before = Identity(R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*",
     "Condition": {"Bool": {"aws:SecureTransport": "true"}}}]})");
  PolicyDocument after = Identity(R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]})");
  std::optional<std::vector<DeltaItem>> items =
      ExactAccessItems({&before}, {&after}, kWho);
  ASSERT_TRUE(items.has_value());
  EXPECT_THAT(Descriptions(items),
              ElementsAre("role AppRole may now s3:GetObject on "
                          "arn:aws:s3:::b/*"));
  EXPECT_EQ(items->front().location.line, 2);
  // The converse takes nothing new.
  EXPECT_THAT(Descriptions(ExactAccessItems({&after}, {&before}, kWho)),
              IsEmpty());
}

TEST(ExactAccessItemsTest, RemovedDenyIsNewAccess) {
  PolicyDocument before = Identity(R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
    {"Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*"}]})");
  PolicyDocument after = Identity(R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]})");
  EXPECT_THAT(Descriptions(ExactAccessItems({&before}, {&after}, kWho)),
              ElementsAre("role AppRole may now s3:DeleteBucket on *"));
}

TEST(ExactAccessItemsTest, RewrittenButEquivalentIsNothing) {
  PolicyDocument before = Identity(R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"],
     "Resource": "arn:aws:s3:::b/*"}]})");
  PolicyDocument after = Identity(R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"},
    {"Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::b/*"}]})");
  std::optional<std::vector<DeltaItem>> items =
      ExactAccessItems({&before}, {&after}, kWho);
  ASSERT_TRUE(items.has_value());
  EXPECT_THAT(*items, IsEmpty());
}

TEST(AsPolicySetTest, TrustPoliciesAndSecondResourcePoliciesAreNotSets) {
  PolicyDocument trust = Identity(R"({"Statement": []})");
  trust.kind = iam::PolicyKind::kTrust;
  EXPECT_FALSE(AsPolicySet({&trust}).has_value());
  PolicyDocument resource = Identity(R"({"Statement": []})");
  resource.kind = iam::PolicyKind::kResource;
  EXPECT_TRUE(AsPolicySet({&resource}).has_value());
  EXPECT_FALSE(AsPolicySet({&resource, &resource}).has_value());
}

}  // namespace
}  // namespace polygraph::diff_internal
