#include "polygraph/iam_access_json.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "polygraph/document.h"
#include "polygraph/iam_compare.h"
#include "polygraph/iam_effective.h"
#include "polygraph/iam_escalation.h"
#include "polygraph/iam_policy.h"

namespace polygraph::iam {
namespace {

using ::testing::ElementsAre;

Policy Parse(const std::string& json, PolicyKind kind) {
  absl::StatusOr<Value> value = ParseJson(json, "p.json");
  EXPECT_TRUE(value.ok()) << value.status();
  absl::StatusOr<Policy> policy = ParsePolicy(*value, {.kind = kind});
  EXPECT_TRUE(policy.ok()) << policy.status();
  return *policy;
}

PolicySet Identity(const std::string& json) {
  PolicySet set;
  set.identity.push_back(Parse(json, PolicyKind::kIdentity));
  return set;
}

TEST(ComparisonToJsonTest, WitnessesCarryRequestAndBothDecisions) {
  PolicySet a = Identity(R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]})");
  PolicySet b = Identity(R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "*"}]})");
  absl::StatusOr<Comparison> comparison = Compare(a, b);
  ASSERT_TRUE(comparison.ok()) << comparison.status();
  nlohmann::json json = nlohmann::json::parse(ComparisonToJson(*comparison));
  EXPECT_TRUE(json["b_allows_more"]);
  EXPECT_FALSE(json["a_allows_more"]);
  EXPECT_THAT(json["only_b_actions"].get<std::vector<std::string>>(),
              ElementsAre("s3:PutObject"));
  ASSERT_EQ(json["only_b"].size(), 1u);
  EXPECT_EQ(json["only_b"][0]["request"]["action"], "s3:PutObject");
  EXPECT_EQ(json["only_b"][0]["allowed"]["decision"], "Allow");
  EXPECT_EQ(json["only_b"][0]["denied"]["decision"], "ImplicitDeny");
  EXPECT_EQ(json["only_b"][0]["allowed"]["statements"][0]["line"], 2);
}

TEST(CheckOutcomeToJsonTest, PassAndActions) {
  CheckOutcome outcome;
  outcome.pass = false;
  outcome.actions = {"iam:PassRole"};
  outcome.notes = {"a note"};
  nlohmann::json json = nlohmann::json::parse(CheckOutcomeToJson(outcome));
  EXPECT_FALSE(json["pass"]);
  EXPECT_EQ(json["actions"][0], "iam:PassRole");
  EXPECT_EQ(json["notes"][0], "a note");
  EXPECT_TRUE(json["witnesses"].empty());
}

Account TwoRoles() {
  Account account;
  AccountPrincipal admin;
  admin.name = "Admin";
  admin.arn = "arn:aws:iam::111122223333:role/Admin";
  admin.policies = Identity(R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "*", "Resource": "*"}]})");
  admin.trust_policy = Parse(R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/Dev"},
     "Action": "sts:AssumeRole"}]})",
                             PolicyKind::kTrust);
  AccountPrincipal dev;
  dev.name = "Dev";
  dev.arn = "arn:aws:iam::111122223333:role/Dev";
  dev.policies = Identity(R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "sts:AssumeRole",
     "Resource": "arn:aws:iam::111122223333:role/Admin"}]})");
  account.principals = {admin, dev};
  return account;
}

TEST(AccountJsonTest, WhoCanPathsAndPermissions) {
  Account account = TwoRoles();
  absl::StatusOr<std::vector<EffectivePermissions>> permissions =
      ComputeEffectivePermissions(account);
  ASSERT_TRUE(permissions.ok());
  absl::StatusOr<EscalationGraph> graph =
      EscalationGraph::Build(account, *permissions);
  ASSERT_TRUE(graph.ok()) << graph.status();

  nlohmann::json who = nlohmann::json::parse(
      WhoCanReachToJson(account, *permissions, *graph, 0));
  EXPECT_EQ(who["target"], "Admin");
  EXPECT_TRUE(who["admin"]);
  ASSERT_EQ(who["principals"].size(), 1u);
  EXPECT_EQ(who["principals"][0]["name"], "Dev");
  EXPECT_EQ(who["principals"][0]["path"][0]["technique"], "assume-role");
  EXPECT_EQ(who["principals"][0]["path"][0]["statements"][0]["line"], 2);

  nlohmann::json paths =
      nlohmann::json::parse(PathsToJson(account, *graph, 1, 0, 5));
  ASSERT_EQ(paths["paths"].size(), 1u);
  EXPECT_EQ(paths["paths"][0][0]["from"], "Dev");

  std::vector<Risk> risks = ClassifyRisks(account, *permissions);
  nlohmann::json principals = nlohmann::json::parse(
      PermissionsToJson(account, *permissions, risks, *graph, {1, 0}));
  ASSERT_EQ(principals["principals"].size(), 2u);
  EXPECT_EQ(principals["principals"][0]["name"], "Dev");
  EXPECT_FALSE(principals["principals"][0]["admin"]);
  EXPECT_EQ(principals["principals"][0]["reaches_admin"][0]["to"], "Admin");
  EXPECT_TRUE(principals["principals"][1]["admin"]);
  EXPECT_EQ(principals["principals"][1]["risks"][0]["category"],
            "administrator");
}

TEST(MinimizedPolicyToJsonTest, PolicyAndProof) {
  MinimizedPolicy minimized;
  minimized.policy = Parse(R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/x"}]})",
                           PolicyKind::kIdentity);
  minimized.proof.only_a_actions = {"s3:PutObject"};
  minimized.not_allowed_by_original.push_back(
      {.action = "s3:DeleteObject",
       .resource = "*",
       .location = {.file = "used.txt", .line = 3, .column = 1}});
  nlohmann::json json = nlohmann::json::parse(MinimizedPolicyToJson(minimized));
  EXPECT_TRUE(json["proven"]);
  EXPECT_EQ(json["policy"]["Statement"][0]["Action"], "s3:GetObject");
  EXPECT_EQ(json["original_allows_more"][0], "s3:PutObject");
  EXPECT_EQ(json["not_allowed_by_original"][0]["line"], 3);
}

}  // namespace
}  // namespace polygraph::iam
