// QuickDecide against Authorizer::Decide: for random policy sets (identity,
// boundary, session, SCP and RCP levels, resource policies naming
// principals) and random requests, the verdict from the statements that
// apply is Decide's.

#include "iam/compare_decision.h"

#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "iam/compare_universe.h"
#include "polygraph/document.h"
#include "polygraph/iam_decision.h"
#include "polygraph/iam_policy.h"

namespace polygraph::iam::internal {
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

const char* const kIdentity[] = {
    R"({"Effect": "Allow", "Action": ["s3:*", "kms:Decrypt"], "Resource": "*"})",
    R"({"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"})",
    R"({"Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*",
        "Condition": {"Bool": {"aws:SecureTransport": "false"}}})",
    R"({"Effect": "Allow", "NotAction": "iam:*",
        "Resource": "arn:aws:s3:::data/*"})",
};
const char* const kResource[] = {
    R"({"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"})",
    R"({"Effect": "Allow", "Principal": {"AWS": "111122223333"},
        "Action": ["s3:GetObject", "kms:Decrypt", "sts:AssumeRole"],
        "Resource": "*"})",
    R"({"Effect": "Allow",
        "Principal": {"AWS": "arn:aws:iam::111122223333:role/app"},
        "Action": "*", "Resource": "*"})",
    R"({"Effect": "Allow",
        "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"},
        "Action": "s3:*", "Resource": "*"})",
    R"({"Effect": "Allow", "Principal": {"AWS": "999999999999"},
        "Action": "*", "Resource": "*"})",
    R"({"Effect": "Deny", "NotPrincipal": {"AWS": "111122223333"},
        "Action": "s3:PutObject", "Resource": "*"})",
    R"({"Effect": "Allow", "Principal": {"Service": "logs.amazonaws.com"},
        "Action": "kms:Decrypt", "Resource": "*"})",
};
const char* const kLimit[] = {
    R"({"Effect": "Allow", "Action": "*", "Resource": "*"})",
    R"({"Effect": "Allow", "Action": ["s3:*", "sts:*"], "Resource": "*"})",
    R"({"Effect": "Allow", "Action": "kms:*", "Resource": "*"})",
    R"({"Effect": "Deny", "Action": "s3:PutObject", "Resource": "*"})",
};

std::string Pick(const char* const* from, size_t n, std::mt19937& rng) {
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    if (rng() % 2 == 0) continue;
    if (!out.empty()) out += ",";
    out += from[i];
  }
  if (out.empty()) out = from[rng() % n];
  return out;
}

PolicySet RandomSet(std::mt19937& rng) {
  PolicySet set;
  set.identity.push_back(P(Pick(kIdentity, std::size(kIdentity), rng)));
  const size_t nl = std::size(kLimit);
  if (rng() % 3 == 0) {
    set.permissions_boundary = std::vector<Policy>{P(Pick(kLimit, nl, rng))};
  }
  if (rng() % 3 == 0)
    set.session = std::vector<Policy>{P(Pick(kLimit, nl, rng))};
  for (size_t l = rng() % 3; l > 0; --l) {
    set.service_control_policies.push_back({P(Pick(kLimit, nl, rng))});
  }
  if (rng() % 3 == 0) {
    set.resource_control_policies.push_back({P(Pick(kLimit, nl, rng))});
  }
  if (rng() % 3 != 0) {
    set.resource_policy = P(Pick(kResource, std::size(kResource), rng));
  }
  return set;
}

Request RandomRequest(std::mt19937& rng) {
  static const char* const kPrincipals[] = {
      "arn:aws:iam::111122223333:user/alice",
      "arn:aws:iam::111122223333:root",
      "arn:aws:iam::111122223333:role/app",
      "arn:aws:sts::111122223333:assumed-role/app/session",
      "arn:aws:iam::999999999999:user/bob",
      "arn:aws:iam::444455556666:root",
      std::string_view(Request::kAnonymous).data(),
      "logs.amazonaws.com",
  };
  static const char* const kActions[] = {
      "s3:GetObject", "s3:PutObject",   "s3:DeleteObject",
      "kms:Decrypt",  "sts:AssumeRole", "sts:GetCallerIdentity",
      "iam:PassRole",
  };
  static const char* const kResources[] = {
      "arn:aws:s3:::data/x",
      "arn:aws:kms:us-east-1:111122223333:key/k",
      "arn:aws:iam::111122223333:role/app",
      "arn:aws:sqs:us-east-1:999999999999:q",
      "*",
  };
  static const char* const kAccounts[] = {"", "", "111122223333",
                                          "999999999999"};
  Request r;
  r.principal = kPrincipals[rng() % std::size(kPrincipals)];
  r.action = kActions[rng() % std::size(kActions)];
  r.resource = kResources[rng() % std::size(kResources)];
  r.resource_account = kAccounts[rng() % std::size(kAccounts)];
  if (rng() % 2 == 0) {
    r.context["aws:SecureTransport"] = {rng() % 2 ? "true" : "false"};
  }
  return r;
}

TEST(QuickDecideTest, AgreesWithDecide) {
  std::mt19937 rng(20261127);
  int allowed = 0, via_resource = 0;
  for (int round = 0; round < 300; ++round) {
    const PolicySet set = RandomSet(rng);
    absl::StatusOr<Authorizer> authorizer = Authorizer::Compile(set);
    ASSERT_TRUE(authorizer.ok()) << authorizer.status();
    SideStatements side;
    ASSERT_TRUE(side.Add(set).ok());
    const SideShape shape = ShapeOf(set);
    for (int i = 0; i < 60; ++i) {
      const Request request = RandomRequest(rng);
      const PrincipalInfo principal = ParsePrincipal(request.principal);
      const RequestContext context(request, principal);
      const ArnView arn = SplitArn(request.resource);
      StatementInput input;
      input.context = &context;
      input.principal = &principal;
      input.action = request.action;
      input.resource = &arn;
      input.has_permissions_boundary = shape.boundary;
      std::vector<StatementHit> hits;
      for (const SideStatements::Entry& e : side.entries) {
        const PrincipalMatch via = e.compiled().MatchTarget(input);
        if (via == PrincipalMatch::kNone) continue;
        if (!e.compiled().ConditionsHold(context, nullptr)) continue;
        hits.push_back(StatementHit{e.role, e.level, e.source->effect, via});
      }
      const RequestTraits traits =
          TraitsOf(request.action, principal, arn, request.resource_account);
      const QuickDecision quick =
          QuickDecide(shape, traits, hits.data(), hits.size());
      const Decision decision = authorizer->Decide(request);
      bool cites = false;
      for (const DecidingStatement& s : decision.statements) {
        cites = cites || s.role == PolicyRole::kResource;
      }
      ASSERT_EQ(quick.allow, decision.kind == DecisionKind::kAllow)
          << request.principal << " " << request.action << " "
          << request.resource << ": " << decision.reason;
      if (quick.allow) {
        ++allowed;
        EXPECT_EQ(quick.cites_resource, cites) << decision.reason;
        via_resource += cites ? 1 : 0;
      }
    }
  }
  // Both outcomes and both paths were exercised.
  EXPECT_GT(allowed, 500);
  EXPECT_GT(via_resource, 200);
}

TEST(QuickDecideTest, TraitsFollowTheRequest) {
  const PrincipalInfo user =
      ParsePrincipal("arn:aws:iam::111122223333:user/alice");
  const std::string key = "arn:aws:kms:us-east-1:111122223333:key/k";
  RequestTraits t = TraitsOf("kms:Decrypt", user, SplitArn(key), "");
  EXPECT_TRUE(t.principal_side);
  EXPECT_TRUE(t.same_account);
  EXPECT_TRUE(t.key_policy);
  EXPECT_FALSE(t.trust_policy);
  t = TraitsOf("kms:Decrypt", user, SplitArn(key), "999999999999");
  EXPECT_FALSE(t.same_account);
  const std::string role = "arn:aws:iam::111122223333:role/app";
  t = TraitsOf("STS:AssumeRoleWithSAML", user, SplitArn(role), "");
  EXPECT_TRUE(t.trust_policy);
  t = TraitsOf("sts:getcalleridentity", user, SplitArn("*"), "");
  EXPECT_TRUE(t.get_caller_identity);
  EXPECT_TRUE(t.same_account);  // no account in the ARN: the principal's
}

}  // namespace
}  // namespace polygraph::iam::internal
