// IAM decisions over the differential test's requests.
//
// BM_DecideOracleCases decides every request of cases.jsonl
// (tests/iam_oracle) with Authorizers compiled beforehand; its baseline is
// benchmarks/iam_simulate_throughput.mjs, which runs the same requests
// through the independent simulator that produced the expected answers.
// Parsing and validating the AWS managed policies is measured by
// iam_validation_benchmark.cc.
//
//   export POLYGRAPH_IAM_CASES=build/test/tests/iam_oracle/cases.jsonl
//   build/release/benchmarks/iam_cases_benchmark --benchmark_repetitions=5
//
// Without POLYGRAPH_IAM_CASES the benchmark reports an error and is skipped.

#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "benchmark/benchmark.h"
#include "nlohmann/json.hpp"
#include "polygraph/document.h"
#include "polygraph/iam_decision.h"
#include "polygraph/iam_policy.h"

namespace polygraph::iam {
namespace {

using Json = nlohmann::ordered_json;

// The requests of cases.jsonl, each with the index of its compiled policy
// set.
struct LoadedCases {
  std::vector<PolicySet> policy_sets;
  std::vector<Authorizer> authorizers;  // parallel to policy_sets
  std::vector<std::pair<size_t, Request>> requests;
  std::string error;  // non-empty when loading failed
};

std::optional<Policy> ParsePolicyText(const std::string& text,
                                      const std::string& role) {
  absl::StatusOr<Value> document = ParseJson(text, "policy.json");
  if (!document.ok()) return std::nullopt;
  absl::StatusOr<Policy> policy = ParsePolicy(
      *document, {.kind = role == "resource" ? PolicyKind::kResource
                                             : PolicyKind::kIdentity});
  if (!policy.ok()) return std::nullopt;
  return *std::move(policy);
}

LoadedCases LoadCases() {
  LoadedCases loaded;
  const char* path = std::getenv("POLYGRAPH_IAM_CASES");
  if (path == nullptr || *path == '\0') {
    loaded.error = "set POLYGRAPH_IAM_CASES to tests/iam_oracle's cases.jsonl";
    return loaded;
  }
  std::ifstream in(path);
  if (!in) {
    loaded.error = std::string("cannot open ") + path;
    return loaded;
  }
  std::map<std::string, Policy> policies;
  std::map<std::string, size_t> sets;  // policy-set names -> authorizer
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const Json record = Json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (record.is_discarded()) {
      loaded.error = "malformed line in cases file";
      return loaded;
    }
    if (record.value("type", "") == "policy") {
      std::optional<Policy> policy =
          ParsePolicyText(record.at("document").dump(), record.at("role"));
      if (!policy) {
        loaded.error = "policy does not parse: " + record.value("name", "");
        return loaded;
      }
      policies.emplace(record.at("name"), *std::move(policy));
      continue;
    }
    const Json& names = record.at("policies");
    auto [it, inserted] = sets.emplace(names.dump(), loaded.authorizers.size());
    if (inserted) {
      PolicySet set;
      for (const Json& name : names.at("identity")) {
        set.identity.push_back(policies.at(name));
      }
      if (!names.at("permissions_boundary").is_null()) {
        set.permissions_boundary.emplace();
        for (const Json& name : names.at("permissions_boundary")) {
          set.permissions_boundary->push_back(policies.at(name));
        }
      }
      for (const Json& level : names.at("scps")) {
        std::vector<Policy>& scps = set.service_control_policies.emplace_back();
        for (const Json& name : level) scps.push_back(policies.at(name));
      }
      if (!names.at("resource_policy").is_null()) {
        set.resource_policy = policies.at(names.at("resource_policy"));
      }
      absl::StatusOr<Authorizer> authorizer = Authorizer::Compile(set);
      if (!authorizer.ok()) {
        loaded.error = std::string(authorizer.status().message());
        return loaded;
      }
      loaded.authorizers.push_back(*std::move(authorizer));
      loaded.policy_sets.push_back(std::move(set));
    }
    const Json& r = record.at("request");
    Request request;
    request.principal = r.at("principal");
    request.action = r.at("action");
    request.resource = r.at("resource");
    request.resource_account = r.at("resource_account");
    for (const auto& [key, values] : r.at("context").items()) {
      request.context[key] = values.get<std::vector<std::string>>();
    }
    loaded.requests.emplace_back(it->second, std::move(request));
  }
  return loaded;
}

const LoadedCases& Cases() {
  static const LoadedCases* const cases = new LoadedCases(LoadCases());
  return *cases;
}

void BM_DecideOracleCases(benchmark::State& state) {
  const LoadedCases* const cases = &Cases();
  if (!cases->error.empty()) {
    state.SkipWithError(cases->error.c_str());
    return;
  }
  for (auto _ : state) {
    int allowed = 0;
    for (const auto& [set, request] : cases->requests) {
      allowed +=
          cases->authorizers[set].Decide(request).kind == DecisionKind::kAllow;
    }
    benchmark::DoNotOptimize(allowed);
  }
  state.SetItemsProcessed(state.iterations() *
                          static_cast<int64_t>(cases->requests.size()));
  state.counters["cases"] = static_cast<double>(cases->requests.size());
  state.counters["policy_sets"] =
      static_cast<double>(cases->authorizers.size());
}
BENCHMARK(BM_DecideOracleCases)->Unit(benchmark::kMillisecond);

// The same requests, compiling the policy set again for each one: the work
// of a caller that does not keep Authorizers, as the simulator does not.
void BM_CompileAndDecideOracleCases(benchmark::State& state) {
  const LoadedCases& cases = Cases();
  if (!cases.error.empty()) {
    state.SkipWithError(cases.error.c_str());
    return;
  }
  for (auto _ : state) {
    int allowed = 0;
    for (const auto& [set, request] : cases.requests) {
      absl::StatusOr<Authorizer> authorizer =
          Authorizer::Compile(cases.policy_sets[set]);
      allowed += authorizer.ok() &&
                 authorizer->Decide(request).kind == DecisionKind::kAllow;
    }
    benchmark::DoNotOptimize(allowed);
  }
  state.SetItemsProcessed(state.iterations() *
                          static_cast<int64_t>(cases.requests.size()));
}
BENCHMARK(BM_CompileAndDecideOracleCases)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace polygraph::iam

BENCHMARK_MAIN();
