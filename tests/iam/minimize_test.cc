#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "polygraph/document.h"
#include "polygraph/iam_catalogue.h"
#include "polygraph/iam_decision.h"
#include "polygraph/iam_json.h"
#include "polygraph/iam_minimize.h"
#include "tests/testing.h"

namespace polygraph::iam {
namespace {

using ::polygraph::testing::SourcePath;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Not;

using Context = std::map<std::string, std::vector<std::string>>;

Policy ParsePolicyText(const std::string& text) {
  absl::StatusOr<Value> value = ParseJson(text, "p.json");
  EXPECT_TRUE(value.ok()) << value.status();
  absl::StatusOr<Policy> policy = ParsePolicy(*value, {});
  EXPECT_TRUE(policy.ok()) << policy.status();
  return *policy;
}

std::vector<UsedAccess> Used(const std::string& text) {
  absl::StatusOr<std::vector<UsedAccess>> used = ParseUsedAccess(text, "u");
  EXPECT_TRUE(used.ok()) << used.status();
  return *used;
}

DecisionKind DecideUnder(const Policy& policy, const std::string& action,
                         const std::string& resource,
                         const Context& context = {}) {
  PolicySet set;
  set.identity.push_back(policy);
  absl::StatusOr<Decision> decision =
      Decide(Request{.principal = "arn:aws:iam::111122223333:user/principal",
                     .action = action,
                     .resource = resource,
                     .resource_account = "",
                     .context = context},
             set);
  EXPECT_TRUE(decision.ok()) << decision.status();
  return decision->kind;
}

std::vector<std::string> Texts(const std::vector<LocatedString>& strings) {
  std::vector<std::string> out;
  for (const LocatedString& s : strings) out.push_back(s.value);
  return out;
}

// Every Action entry of the Allow statements.
std::vector<std::string> AllowedEntries(const Policy& policy) {
  std::vector<std::string> out;
  for (const Statement& statement : policy.statements) {
    if (statement.effect != Effect::kAllow) continue;
    for (const std::string& action : Texts(statement.actions)) {
      out.push_back(action);
    }
  }
  return out;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

constexpr char kBroad[] = R"({"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": ["s3:*", "sqs:SendMessage"],
   "Resource": ["arn:aws:s3:::logs", "arn:aws:s3:::logs/*",
                "arn:aws:sqs:us-east-1:111122223333:jobs"]},
  {"Effect": "Allow", "Action": "cloudwatch:PutMetricData", "Resource": "*",
   "Condition": {"StringEquals": {"cloudwatch:namespace": "App"}}},
  {"Effect": "Deny", "Action": "s3:DeleteObject",
   "Resource": "arn:aws:s3:::logs/keep/*"},
  {"Effect": "Deny", "Action": "ec2:*", "Resource": "*"}]})";

TEST(MinimizeTest, AllowsEveryUsedAccessAndNothingElse) {
  const Policy original = ParsePolicyText(kBroad);
  const std::vector<UsedAccess> used = Used(
      "s3:GetObject arn:aws:s3:::logs/a.txt\n"
      "s3:DeleteObject arn:aws:s3:::logs/tmp/b\n"
      "s3:ListBucket arn:aws:s3:::logs\n"
      "sqs:SendMessage arn:aws:sqs:us-east-1:111122223333:jobs\n");
  absl::StatusOr<MinimizedPolicy> minimized = Minimize(original, used);
  ASSERT_OK(minimized.status());
  const Policy& policy = minimized->policy;
  EXPECT_EQ(policy.version, "2012-10-17");
  EXPECT_THAT(minimized->not_allowed_by_original, IsEmpty());
  EXPECT_THAT(minimized->unknown_actions, IsEmpty());
  for (const UsedAccess& access : used) {
    EXPECT_EQ(DecideUnder(policy, access.action, access.resource),
              DecisionKind::kAllow)
        << access.action << " " << access.resource;
  }
  // Same actions on other resources, other actions on the same resources.
  EXPECT_NE(DecideUnder(policy, "s3:GetObject", "arn:aws:s3:::logs/other"),
            DecisionKind::kAllow);
  EXPECT_NE(DecideUnder(policy, "s3:PutObject", "arn:aws:s3:::logs/a.txt"),
            DecisionKind::kAllow);
  // A random sample of other catalogue actions is denied everywhere.
  const Catalogue& catalogue = Catalogue::Builtin();
  std::mt19937 random(7);
  for (int i = 0; i < 300; ++i) {
    const std::string action =
        catalogue.action(random() % catalogue.action_count()).FullName();
    bool used_action = false;
    for (const UsedAccess& access : used)
      used_action |= access.action == action;
    if (used_action) continue;
    for (const UsedAccess& access : used) {
      EXPECT_NE(DecideUnder(policy, action, access.resource),
                DecisionKind::kAllow)
          << action;
    }
  }
  // The Deny on s3:DeleteObject still applies; the one on ec2 does not.
  size_t denies = 0;
  for (const Statement& statement : policy.statements) {
    if (statement.effect != Effect::kDeny) continue;
    ++denies;
    EXPECT_THAT(Texts(statement.actions), ElementsAre("s3:DeleteObject"));
  }
  EXPECT_EQ(denies, 1u);
  // Each used action once; statements sorted by action.
  std::vector<std::string> entries = AllowedEntries(policy);
  std::sort(entries.begin(), entries.end());
  EXPECT_THAT(entries, ElementsAre("s3:DeleteObject", "s3:GetObject",
                                   "s3:ListBucket", "sqs:SendMessage"));
}

TEST(MinimizeTest, UnknownResourceTakesTheOriginalPatterns) {
  const Policy original = ParsePolicyText(kBroad);
  ASSERT_OK_AND_ASSIGN(MinimizedPolicy minimized,
                       Minimize(original, Used("s3:GetObject\n")));
  ASSERT_EQ(minimized.policy.statements.size(), 1u);
  const Statement& statement = minimized.policy.statements[0];
  EXPECT_THAT(Texts(statement.actions), ElementsAre("s3:GetObject"));
  EXPECT_THAT(Texts(statement.resources),
              ElementsAre("arn:aws:s3:::logs", "arn:aws:s3:::logs/*",
                          "arn:aws:sqs:us-east-1:111122223333:jobs"));
  EXPECT_EQ(
      DecideUnder(minimized.policy, "s3:GetObject", "arn:aws:s3:::logs/x"),
      DecisionKind::kAllow);
  EXPECT_NE(
      DecideUnder(minimized.policy, "s3:GetObject", "arn:aws:s3:::other/x"),
      DecisionKind::kAllow);
}

TEST(MinimizeTest, ConditionsAreKept) {
  const Policy original = ParsePolicyText(kBroad);
  ASSERT_OK_AND_ASSIGN(MinimizedPolicy minimized,
                       Minimize(original, Used("cloudwatch:PutMetricData\n")));
  ASSERT_EQ(minimized.policy.statements.size(), 1u);
  const Statement& statement = minimized.policy.statements[0];
  ASSERT_EQ(statement.conditions.size(), 1u);
  EXPECT_EQ(statement.conditions[0].op, "StringEquals");
  EXPECT_EQ(statement.conditions[0].key, "cloudwatch:namespace");
  EXPECT_EQ(DecideUnder(minimized.policy, "cloudwatch:PutMetricData", "*",
                        {{"cloudwatch:namespace", {"App"}}}),
            DecisionKind::kAllow);
  EXPECT_NE(DecideUnder(minimized.policy, "cloudwatch:PutMetricData", "*",
                        {{"cloudwatch:namespace", {"Other"}}}),
            DecisionKind::kAllow);
}

TEST(MinimizeTest, NotAllowedAndUnknownAreReported) {
  const Policy original = ParsePolicyText(kBroad);
  ASSERT_OK_AND_ASSIGN(
      MinimizedPolicy minimized,
      Minimize(original, Used("s3:GetObject arn:aws:s3:::logs/a\n"
                              "iam:CreateUser\n"
                              "ec2:DescribeInstances\n"
                              "s3:GetObject arn:aws:s3:::elsewhere/a\n"
                              "s3:NoSuchAction arn:aws:s3:::logs/a\n"
                              "nosuchservice:Thing\n")));
  std::vector<std::string> rejected;
  for (const UsedAccess& access : minimized.not_allowed_by_original) {
    rejected.push_back(access.action + " " + access.resource);
  }
  EXPECT_THAT(rejected,
              ElementsAre("iam:CreateUser *", "ec2:DescribeInstances *",
                          "s3:GetObject arn:aws:s3:::elsewhere/a",
                          "nosuchservice:Thing *"));
  EXPECT_EQ(minimized.not_allowed_by_original[0].location.ToString(), "u:2:1");
  EXPECT_THAT(minimized.unknown_actions,
              ElementsAre("s3:NoSuchAction", "nosuchservice:Thing"));
  // The original allows the unknown s3 name (s3:*), so the result does too.
  EXPECT_THAT(AllowedEntries(minimized.policy), Contains("s3:NoSuchAction"));
}

TEST(MinimizeTest, WildcardsOnlyWhenTheyAddNothing) {
  const Catalogue& catalogue = Catalogue::Builtin();
  std::string all_get_object;
  std::vector<std::string> names;
  for (size_t i : catalogue.Expand("s3:GetObject*").Indices()) {
    names.push_back(catalogue.action(i).FullName());
  }
  ASSERT_GT(names.size(), 2u);
  std::string text;
  for (const std::string& name : names) text += name + "\n";
  const Policy original = ParsePolicyText(kBroad);
  ASSERT_OK_AND_ASSIGN(MinimizedPolicy full, Minimize(original, Used(text)));
  EXPECT_THAT(AllowedEntries(full.policy), ElementsAre("s3:GetObject*"));

  // One missing: no pattern names it.
  std::string partial;
  for (size_t i = 0; i + 1 < names.size(); ++i) partial += names[i] + "\n";
  ASSERT_OK_AND_ASSIGN(MinimizedPolicy some, Minimize(original, Used(partial)));
  EXPECT_THAT(AllowedEntries(some.policy), Not(Contains("s3:GetObject*")));
  EXPECT_NE(DecideUnder(some.policy, names.back(), "arn:aws:s3:::logs/a"),
            DecisionKind::kAllow);
  for (size_t i = 0; i + 1 < names.size(); ++i) {
    EXPECT_EQ(DecideUnder(some.policy, names[i], "arn:aws:s3:::logs/a"),
              DecisionKind::kAllow)
        << names[i];
  }

  // Without wildcards, every action is listed.
  MinimizeOptions options;
  options.use_wildcards = false;
  ASSERT_OK_AND_ASSIGN(MinimizedPolicy listed,
                       Minimize(original, Used(text), options));
  EXPECT_EQ(AllowedEntries(listed.policy).size(), names.size());
}

TEST(MinimizeTest, EmptyUsedIsAnError) {
  EXPECT_FALSE(Minimize(ParsePolicyText(kBroad), {}).ok());
}

TEST(MinimizeTest, ResultRoundTripsThroughJson) {
  const Policy original = ParsePolicyText(kBroad);
  ASSERT_OK_AND_ASSIGN(
      MinimizedPolicy minimized,
      Minimize(original, Used("s3:GetObject arn:aws:s3:::logs/a*b?$\n")));
  const Policy back = ParsePolicyText(PolicyToJson(minimized.policy));
  EXPECT_EQ(DecideUnder(back, "s3:GetObject", "arn:aws:s3:::logs/a*b?$"),
            DecisionKind::kAllow);
  // The ARN's '*' is literal: it matches nothing else.
  EXPECT_NE(DecideUnder(back, "s3:GetObject", "arn:aws:s3:::logs/aXb?$"),
            DecisionKind::kAllow);
}

// The proof: the minimized policy allows nothing more than the original.
TEST(MinimizeProofTest, SampleFilesMinimizeWithAnEmptyOnlyB) {
  const std::string dir = SourcePath("tests/data/iam/minimize/");
  const Policy original = ParsePolicyText(ReadFile(dir + "policy.json"));
  for (const char* file :
       {"cloudtrail.json", "access-advisor.json", "used.txt"}) {
    SCOPED_TRACE(file);
    ASSERT_OK_AND_ASSIGN(std::vector<UsedAccess> used,
                         ParseUsedAccess(ReadFile(dir + file), file));
    ASSERT_OK_AND_ASSIGN(MinimizedPolicy minimized, Minimize(original, used));
    EXPECT_THAT(minimized.not_allowed_by_original, IsEmpty());
    for (const UsedAccess& access : used) {
      if (access.resource == "*") continue;
      EXPECT_EQ(DecideUnder(minimized.policy, access.action, access.resource),
                DecisionKind::kAllow)
          << access.action;
    }
    EXPECT_THAT(minimized.proof.only_b, IsEmpty());
    EXPECT_THAT(minimized.proof.only_b_actions, IsEmpty());
    EXPECT_TRUE(minimized.proof.a_allows_more());
  }
}

TEST(MinimizeProofTest, ProofListsWhatTheOriginalAllowsBeyond) {
  const Policy original = ParsePolicyText(kBroad);
  ASSERT_OK_AND_ASSIGN(
      MinimizedPolicy minimized,
      Minimize(original, Used("s3:GetObject arn:aws:s3:::logs/a\n")));
  EXPECT_FALSE(minimized.proof.b_allows_more());
  EXPECT_THAT(minimized.proof.only_a_actions, Contains("s3:PutObject"));
  EXPECT_THAT(minimized.proof.only_a_actions, Contains("sqs:SendMessage"));
}

}  // namespace
}  // namespace polygraph::iam
