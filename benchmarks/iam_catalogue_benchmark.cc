// The IAM action catalogue: the one-time parse of the embedded text that
// Catalogue::Builtin() pays on first use, FindAction, and Expand against the
// obvious baseline, GlobMatch over every action's full name.
//
//   build/release/benchmarks/iam_catalogue_benchmark --benchmark_min_time=0.2

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "iam/catalogue_tables.h"
#include "polygraph/glob.h"
#include "polygraph/iam_catalogue.h"

namespace polygraph::iam {
namespace {

void BM_ParseCatalogue(benchmark::State& state) {
  size_t actions = 0;
  for (auto _ : state) {
    auto tables = catalogue_internal::ParseCatalogue(
        catalogue_internal::EmbeddedCatalogueChunks());
    if (!tables.ok()) {
      state.SkipWithError("the embedded catalogue does not parse");
      return;
    }
    actions = (*tables)->actions.size();
    benchmark::DoNotOptimize(tables);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * actions));
}
BENCHMARK(BM_ParseCatalogue)->Unit(benchmark::kMillisecond);

void BM_FindAction(benchmark::State& state) {
  const Catalogue& catalogue = Catalogue::Builtin();
  const std::vector<std::string> names = {"s3:GetObject", "IAM:PASSROLE",
                                          "ec2:RunInstances", "kms:Decrypt",
                                          "nosuch:Action"};
  size_t found = 0;
  for (auto _ : state) {
    for (const std::string& name : names) {
      found += catalogue.FindAction(name).has_value();
    }
  }
  benchmark::DoNotOptimize(found);
  state.SetItemsProcessed(
      static_cast<int64_t>(state.iterations() * names.size()));
}
BENCHMARK(BM_FindAction);

const char* const kPatterns[] = {"s3:Get*", "iam:*", "*:Get*",
                                 "ec2:Describe?pc*", "*"};

// Catalogue::Expand, which scans only the services the pattern's service
// part matches.
void BM_Expand(benchmark::State& state) {
  const Catalogue& catalogue = Catalogue::Builtin();
  const char* pattern = kPatterns[state.range(0)];
  state.SetLabel(pattern);
  size_t count = 0;
  for (auto _ : state) {
    count = catalogue.Expand(pattern).Count();
  }
  benchmark::DoNotOptimize(count);
  state.counters["actions"] = static_cast<double>(count);
}
BENCHMARK(BM_Expand)->DenseRange(0, 4);

// Baseline: the same set by matching the pattern against every action's
// "service:Name" (names prepared outside the loop).
void BM_ExpandBaseline(benchmark::State& state) {
  const Catalogue& catalogue = Catalogue::Builtin();
  std::vector<std::string> names;
  for (size_t i = 0; i < catalogue.action_count(); ++i) {
    names.push_back(catalogue.action(i).FullName());
  }
  const char* pattern = kPatterns[state.range(0)];
  state.SetLabel(pattern);
  size_t count = 0;
  for (auto _ : state) {
    ActionSet set = catalogue.None();
    for (size_t i = 0; i < names.size(); ++i) {
      if (GlobMatch(pattern, names[i], GlobCase::kInsensitive)) set.Insert(i);
    }
    count = set.Count();
  }
  benchmark::DoNotOptimize(count);
  state.counters["actions"] = static_cast<double>(count);
}
BENCHMARK(BM_ExpandBaseline)->DenseRange(0, 4);

}  // namespace
}  // namespace polygraph::iam

BENCHMARK_MAIN();
