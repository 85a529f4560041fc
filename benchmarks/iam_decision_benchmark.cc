// Decide throughput of the IAM authorizer on the seed's ECS task role policy
// (examples/seed/iam/ecs-task-policy.json), and the cost of compiling it.
// Baseline: one GlobMatch of an action pattern, the least any decision does.

#include <fstream>
#include <sstream>
#include <string>

#include "benchmark/benchmark.h"
#include "polygraph/document.h"
#include "polygraph/glob.h"
#include "polygraph/iam_decision.h"
#include "polygraph/iam_policy.h"

namespace polygraph::iam {
namespace {

PolicySet SeedPolicies() {
  const std::string path = std::string(POLYGRAPH_SOURCE_DIR) +
                           "/examples/seed/iam/ecs-task-policy.json";
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  absl::StatusOr<Value> document = ParseJson(text.str(), path);
  if (!document.ok()) std::abort();
  absl::StatusOr<Policy> policy =
      ParsePolicy(*document, {.kind = PolicyKind::kIdentity});
  if (!policy.ok()) std::abort();
  PolicySet policies;
  policies.identity.push_back(*std::move(policy));
  return policies;
}

Request SeedRequest(const std::string& action) {
  Request request;
  request.principal = "arn:aws:sts::123456789:assumed-role/ecs-task/task-1";
  request.action = action;
  request.resource = "arn:aws:ssm:us-east-1:123456789:parameter/prod/db-url";
  request.resource_account = "123456789";
  request.context = {{"aws:SourceIp", {"10.0.4.17"}},
                     {"aws:RequestedRegion", {"us-east-1"}}};
  return request;
}

// One body for both requests: range(0) selects allowed (0) or denied (1).
void BM_Decide(benchmark::State& state) {
  absl::StatusOr<Authorizer> authorizer = Authorizer::Compile(SeedPolicies());
  if (!authorizer.ok()) std::abort();
  const Request request = SeedRequest(state.range(0) == 0 ? "ssm:GetParameters"
                                                          : "ssm:PutParameter");
  const DecisionKind expected =
      state.range(0) == 0 ? DecisionKind::kAllow : DecisionKind::kImplicitDeny;
  for (auto _ : state) {
    Decision decision = authorizer->Decide(request);
    if (decision.kind != expected) std::abort();
    benchmark::DoNotOptimize(decision);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetLabel(state.range(0) == 0 ? "allowed" : "implicit-deny");
}
BENCHMARK(BM_Decide)->Arg(0)->Arg(1);

void BM_Compile(benchmark::State& state) {
  const PolicySet policies = SeedPolicies();
  for (auto _ : state) {
    absl::StatusOr<Authorizer> authorizer = Authorizer::Compile(policies);
    benchmark::DoNotOptimize(authorizer);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Compile);

void BM_GlobBaseline(benchmark::State& state) {
  const std::string pattern = "ssm:GetParameter*";
  const std::string action = "ssm:GetParameters";
  for (auto _ : state) {
    bool match = GlobMatch(pattern, action, GlobCase::kInsensitive);
    benchmark::DoNotOptimize(match);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_GlobBaseline);

}  // namespace
}  // namespace polygraph::iam

BENCHMARK_MAIN();
