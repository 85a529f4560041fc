// Effective permissions and the privilege-escalation graph of a synthetic
// account: 2,000 roles and 100 users drawing 2-5 managed policies each from
// a shared pool of 5,000. Target: both together under 2 s on one core.
//
// The pool mixes, by policy index: data and compute access on named
// resources (most), broad reads, iam:PassRole with Lambda/EC2 creation,
// iam:PutRolePolicy on a role prefix, sts:AssumeRole on every role,
// credential actions on users, policy versioning, and administrators.
// Trust policies: 60% a service, 30% the account root, 10% named roles.
// Baseline: effective permissions alone (the graph's input).

#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "polygraph/document.h"
#include "polygraph/iam_account.h"
#include "polygraph/iam_effective.h"
#include "polygraph/iam_escalation.h"
#include "polygraph/iam_policy.h"

namespace polygraph::iam {
namespace {

constexpr int kRoles = 2000;
constexpr int kUsers = 100;
constexpr int kPolicies = 5000;
constexpr char kAccountId[] = "111122223333";

Policy Parse(const std::string& statements, const std::string& name) {
  absl::StatusOr<Value> document = ParseJson(
      R"({"Version": "2012-10-17", "Statement": [)" + statements + "]}",
      name + ".json");
  if (!document.ok()) std::abort();
  absl::StatusOr<Policy> policy =
      ParsePolicy(*document, {.kind = PolicyKind::kAny});
  if (!policy.ok()) std::abort();
  return *std::move(policy);
}

std::string Allow(const std::string& actions, const std::string& resource) {
  return R"({"Effect": "Allow", "Action": )" + actions + R"(, "Resource": ")" +
         resource + "\"}";
}

std::string RoleArn(int i) {
  return std::string("arn:aws:iam::") + kAccountId + ":role/app-" +
         std::to_string(i);
}

// Policy i of the pool.
std::string PoolStatements(int i) {
  const std::string n = std::to_string(i);
  const std::string acct = kAccountId;
  if (i % 500 == 0) return Allow(R"("*")", "*");
  if (i % 100 == 1) {
    return Allow(R"("iam:PassRole")", "arn:aws:iam::" + acct + ":role/*") +
           ", " +
           Allow(R"(["lambda:CreateFunction", "lambda:InvokeFunction",
                    "ec2:RunInstances"])",
                 "*");
  }
  if (i % 100 == 2) {
    return Allow(R"(["iam:PutRolePolicy", "iam:AttachRolePolicy"])",
                 "arn:aws:iam::" + acct + ":role/app-1*");
  }
  if (i % 200 == 3) {
    return Allow(R"("sts:AssumeRole")", "arn:aws:iam::" + acct + ":role/*");
  }
  if (i % 250 == 4) {
    return Allow(R"(["iam:CreateAccessKey", "iam:UpdateLoginProfile"])",
                 "arn:aws:iam::" + acct + ":user/*");
  }
  if (i % 1000 == 5) {
    return Allow(R"("iam:CreatePolicyVersion")",
                 "arn:aws:iam::" + acct + ":policy/*");
  }
  if (i % 7 == 0) {
    return Allow(R"(["ec2:Describe*", "s3:List*", "cloudwatch:Get*"])", "*");
  }
  return Allow(R"(["s3:GetObject", "s3:PutObject"])",
               "arn:aws:s3:::bucket-" + n + "/*") +
         ", " +
         Allow(R"(["dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem"])",
               "arn:aws:dynamodb:us-east-1:" + acct + ":table/t-" + n) +
         ", " +
         R"({"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*",
             "Condition": {"StringEquals": {"aws:RequestedRegion":
             "us-east-1"}}})";
}

const char* const kServices[] = {
    "lambda.amazonaws.com",         "ec2.amazonaws.com",
    "ecs-tasks.amazonaws.com",      "glue.amazonaws.com",
    "cloudformation.amazonaws.com", "codebuild.amazonaws.com"};

const Account& SyntheticAccount() {
  static const Account* const account = [] {
    std::vector<Policy> pool;
    pool.reserve(kPolicies);
    for (int i = 0; i < kPolicies; ++i) {
      pool.push_back(Parse(PoolStatements(i), "policy-" + std::to_string(i)));
    }
    std::mt19937 random(42);
    auto* out = new Account;
    out->id = kAccountId;
    auto attach = [&](AccountPrincipal& principal) {
      int count = 2 + static_cast<int>(random() % 4);
      for (int k = 0; k < count; ++k) {
        int p = static_cast<int>(random() % kPolicies);
        principal.policies.identity.push_back(pool[p]);
        principal.identity_sources.push_back(
            {"managed policy \"policy-" + std::to_string(p) + "\"",
             {"policy-" + std::to_string(p) + ".json", 1, 1}});
      }
    };
    for (int i = 0; i < kRoles; ++i) {
      AccountPrincipal role;
      role.kind = PrincipalKind::kRole;
      role.name = "app-" + std::to_string(i);
      role.arn = RoleArn(i);
      attach(role);
      std::string principal;
      int kind = static_cast<int>(random() % 10);
      if (kind < 6) {
        const char* service = kServices[random() % 6];
        principal = std::string(R"({"Service": ")") + service + "\"}";
        role.service_principals = {service};
      } else if (kind < 9) {
        principal = std::string(R"({"AWS": "arn:aws:iam::)") + kAccountId +
                    R"(:root"})";
      } else {
        principal = R"({"AWS": [")" + RoleArn(random() % kRoles) + R"(", ")" +
                    RoleArn(random() % kRoles) + R"("]})";
      }
      role.trust_policy =
          Parse(R"({"Effect": "Allow", "Action": "sts:AssumeRole",
                    "Principal": )" +
                    principal + "}",
                "trust-" + role.name);
      out->principals.push_back(std::move(role));
    }
    for (int i = 0; i < kUsers; ++i) {
      AccountPrincipal user;
      user.kind = PrincipalKind::kUser;
      user.name = "user-" + std::to_string(i);
      user.arn =
          std::string("arn:aws:iam::") + kAccountId + ":user/" + user.name;
      attach(user);
      out->principals.push_back(std::move(user));
    }
    return out;
  }();
  return *account;
}

// range(0): 0 both, 1 effective permissions alone, 2 the graph alone.
void BM_Account(benchmark::State& state) {
  const Account& account = SyntheticAccount();
  absl::StatusOr<std::vector<EffectivePermissions>> precomputed =
      ComputeEffectivePermissions(account);
  if (!precomputed.ok()) std::abort();
  size_t edges = 0;
  for (auto _ : state) {
    if (state.range(0) == 2) {
      absl::StatusOr<EscalationGraph> graph =
          EscalationGraph::Build(account, *precomputed);
      if (!graph.ok()) std::abort();
      edges = graph->edges().size();
      benchmark::DoNotOptimize(graph);
      continue;
    }
    absl::StatusOr<std::vector<EffectivePermissions>> permissions =
        ComputeEffectivePermissions(account);
    if (!permissions.ok()) std::abort();
    if (state.range(0) == 0) {
      absl::StatusOr<EscalationGraph> graph =
          EscalationGraph::Build(account, *permissions);
      if (!graph.ok()) std::abort();
      edges = graph->edges().size();
      benchmark::DoNotOptimize(graph);
    }
    benchmark::DoNotOptimize(permissions);
  }
  state.SetItemsProcessed(state.iterations() * account.principals.size());
  state.counters["edges"] = static_cast<double>(edges);
  if (state.range(0) == 2) {
    // Edges per technique, for reading the result.
    absl::StatusOr<EscalationGraph> graph =
        EscalationGraph::Build(account, *precomputed);
    if (!graph.ok()) std::abort();
    for (const EscalationEdge& edge : graph->edges()) {
      state.counters[std::string(EscalationTechniqueName(edge.technique))] += 1;
    }
    state.counters["admin_reaches"] =
        static_cast<double>(graph->AdminReaches().size());
  }
  state.SetLabel(state.range(0) == 0   ? "effective+graph"
                 : state.range(0) == 1 ? "effective"
                                       : "graph");
}
BENCHMARK(BM_Account)->Arg(0)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace polygraph::iam

BENCHMARK_MAIN();
