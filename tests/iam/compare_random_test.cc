// Randomized proof of Compare: for generated policy pairs (mutations of
// base policies), when Compare finds nothing that B allows more, random
// requests find nothing either; when it gives witnesses, each verifies.

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "polygraph/document.h"
#include "polygraph/iam_catalogue.h"
#include "polygraph/iam_compare.h"
#include "polygraph/iam_decision.h"
#include "polygraph/iam_policy.h"

namespace polygraph::iam {
namespace {

Policy P(const std::string& statements) {
  std::string text =
      R"({"Version": "2012-10-17", "Statement": [)" + statements + "]}";
  absl::StatusOr<Value> document = ParseJson(text, "p.json");
  EXPECT_TRUE(document.ok()) << document.status();
  absl::StatusOr<Policy> policy = ParsePolicy(*document, {});
  EXPECT_TRUE(policy.ok()) << policy.status();
  return *policy;
}

const char* const kBases[] = {
    R"({"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"],
        "Resource": ["arn:aws:s3:::logs", "arn:aws:s3:::logs/app/*"]},
       {"Effect": "Allow", "Action": "ec2:Describe*", "Resource": "*",
        "Condition": {"StringEquals": {"aws:RequestedRegion": "us-east-1"}}},
       {"Effect": "Deny", "Action": "s3:DeleteObject",
        "Resource": "arn:aws:s3:::logs/*"})",
    R"({"Effect": "Allow", "Action": "dynamodb:*",
        "Resource": "arn:aws:dynamodb:us-east-1:111122223333:table/orders*",
        "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/16"},
                      "NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}}},
       {"Effect": "Allow", "NotAction": ["iam:*", "dynamodb:*"],
        "Resource": "arn:aws:sqs:*:111122223333:jobs-?"})",
    R"({"Effect": "Allow", "Action": ["kms:Decrypt", "kms:Encrypt"],
        "Resource": "*",
        "Condition": {"ForAnyValue:StringLike": {"aws:TagKeys": ["team-*", "env"]},
                      "Bool": {"aws:SecureTransport": "true"}}},
       {"Effect": "Allow", "Action": "sqs:SendMessage",
        "NotResource": "arn:aws:sqs:us-east-1:111122223333:private"})",
};

// The strings written in a policy set, to draw requests from.
struct Pools {
  std::vector<std::string> actions, resources, keys, values;
};

void Collect(const Policy& policy, Pools& pools) {
  const Catalogue& catalogue = Catalogue::Builtin();
  for (const Statement& s : policy.statements) {
    for (const LocatedString& a : s.actions) {
      std::vector<size_t> hits = catalogue.Expand(a.value).Indices();
      for (size_t i = 0; i < hits.size() && i < 40; ++i) {
        pools.actions.push_back(catalogue.action(hits[i]).FullName());
      }
      if (hits.empty()) pools.actions.push_back(a.value);
    }
    for (const LocatedString& r : s.resources)
      pools.resources.push_back(r.value);
    for (const Condition& c : s.conditions) {
      pools.keys.push_back(c.key);
      for (const LocatedString& v : c.values) pools.values.push_back(v.value);
    }
  }
}

std::string Mutate(std::string text, std::mt19937& rng) {
  static const char* const kPieces[] = {"", "x", "app/", "a/b", "-1", ":", "Z"};
  std::string out;
  for (char c : text) {
    if (c == '*') {
      out += kPieces[rng() % 7];
    } else if (c == '?') {
      out += "xz1"[rng() % 3];
    } else {
      out += c;
    }
  }
  switch (rng() % 8) {
    case 0:
      if (!out.empty()) out[rng() % out.size()] = "aZ/:0"[rng() % 5];
      break;
    case 1:
      if (!out.empty()) out.resize(rng() % out.size());
      break;
    case 2:
      out += kPieces[rng() % 7];
      break;
    default:
      break;
  }
  return out;
}

std::string MutateValue(const std::string& value, std::mt19937& rng) {
  // Numbers and addresses near the written ones, strings as patterns.
  if (!value.empty() && value[0] >= '0' && value[0] <= '9') {
    if (value.find('/') != std::string::npos) {
      static const char* const kIps[] = {"10.0.3.4", "10.1.0.0", "10.0.255.255",
                                         "192.168.0.1", "9.255.255.255"};
      return kIps[rng() % 5];
    }
    int64_t n = std::atoll(value.c_str());
    return std::to_string(n + static_cast<int64_t>(rng() % 3) - 1);
  }
  if (value == "true" || value == "false") return rng() % 2 ? "true" : "false";
  return Mutate(value, rng);
}

Request RandomRequest(const Pools& pools, std::mt19937& rng) {
  const Catalogue& catalogue = Catalogue::Builtin();
  Request r;
  r.principal = "arn:aws:iam::111122223333:user/principal";
  if (rng() % 4 == 0 || pools.actions.empty()) {
    r.action = catalogue.action(rng() % catalogue.action_count()).FullName();
  } else {
    r.action = pools.actions[rng() % pools.actions.size()];
  }
  r.resource =
      pools.resources.empty()
          ? "*"
          : Mutate(pools.resources[rng() % pools.resources.size()], rng);
  for (const std::string& key : pools.keys) {
    if (rng() % 3 == 0) continue;
    std::vector<std::string> values;
    size_t n = rng() % 3;
    for (size_t i = 0; i < n + (rng() % 4 != 0); ++i) {
      values.push_back(
          MutateValue(pools.values[rng() % pools.values.size()], rng));
    }
    r.context[key] = values;
  }
  return r;
}

// Mutations of a policy: B from A.
Policy MutatePolicy(Policy policy, int kind, std::mt19937& rng) {
  Statement& s = policy.statements[rng() % policy.statements.size()];
  switch (kind % 6) {
    case 0:  // add an action
      s.actions.push_back({"s3:PutObject", {}, false});
      break;
    case 1:  // remove an action
      if (s.actions.size() > 1) s.actions.pop_back();
      break;
    case 2:  // widen a resource
      if (!s.resources.empty()) {
        std::string& r = s.resources[0].value;
        r = r.substr(0, r.size() / 2 + 8) + "*";
      }
      break;
    case 3:  // drop a condition
      if (!s.conditions.empty()) s.conditions.pop_back();
      break;
    case 4: {  // add a Deny
      Statement deny = s;
      deny.effect = Effect::kDeny;
      deny.conditions.clear();
      if (!deny.actions.empty() && !deny.not_action) deny.actions.resize(1);
      policy.statements.push_back(deny);
      break;
    }
    case 5:  // narrow: add a condition
      s.conditions.push_back(Condition{
          "StringLike", "aws:PrincipalTag/team", {{"data-*", {}, false}}, {}});
      break;
  }
  return policy;
}

TEST(CompareRandomTest, RandomRequestsAgreeWithCompare) {
  std::mt19937 rng(20260927);
  int pairs = 0, proven = 0;
  bool a_full_run = false, b_full_run = false;
  for (size_t base = 0; base < std::size(kBases); ++base) {
    for (int kind = 0; kind < 6; ++kind) {
      PolicySet a, b;
      a.identity.push_back(P(kBases[base]));
      b.identity.push_back(MutatePolicy(a.identity[0], kind, rng));
      absl::StatusOr<Comparison> c = Compare(a, b);
      ASSERT_TRUE(c.ok()) << c.status();
      absl::StatusOr<Authorizer> in_a = Authorizer::Compile(a);
      absl::StatusOr<Authorizer> in_b = Authorizer::Compile(b);
      ASSERT_TRUE(in_a.ok() && in_b.ok());
      for (const Witness& w : c->only_b) {
        EXPECT_EQ(in_b->Decide(w.request).kind, DecisionKind::kAllow);
        EXPECT_NE(in_a->Decide(w.request).kind, DecisionKind::kAllow);
      }
      for (const Witness& w : c->only_a) {
        EXPECT_EQ(in_a->Decide(w.request).kind, DecisionKind::kAllow);
        EXPECT_NE(in_b->Decide(w.request).kind, DecisionKind::kAllow);
      }
      ++pairs;
      ASSERT_TRUE(c->notes.empty()) << c->notes.front();
      // Each direction Compare proves empty is tried with random requests.
      const bool b_proven = !c->b_allows_more();
      const bool a_proven = !c->a_allows_more();
      if (!b_proven && !a_proven) continue;
      ++proven;
      Pools pools;
      Collect(a.identity[0], pools);
      Collect(b.identity[0], pools);
      // The first pair proven in each direction gets the full run, the
      // others fewer.
      const bool first = (b_proven && !b_full_run) || (a_proven && !a_full_run);
      b_full_run = b_full_run || b_proven;
      a_full_run = a_full_run || a_proven;
      const int requests = first ? 100000 : 5000;
      for (int i = 0; i < requests; ++i) {
        Request r = RandomRequest(pools, rng);
        const bool allowed_a = in_a->Decide(r).kind == DecisionKind::kAllow;
        const bool allowed_b = in_b->Decide(r).kind == DecisionKind::kAllow;
        if (b_proven) {
          ASSERT_FALSE(allowed_b && !allowed_a)
              << "base " << base << " mutation " << kind << ": " << r.action
              << " on " << r.resource;
        }
        if (a_proven) {
          ASSERT_FALSE(allowed_a && !allowed_b)
              << "base " << base << " mutation " << kind << ": " << r.action
              << " on " << r.resource;
        }
      }
    }
  }
  EXPECT_EQ(pairs, 18);
  EXPECT_GE(proven, 1);
}

}  // namespace
}  // namespace polygraph::iam
