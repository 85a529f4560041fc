// End to end: Check() (load, detect, parse, normalize, run every rule) over
// the bundled seed infrastructure and over the public CloudFormation corpus
// in ../shared/corpus (about 300 AWS sample templates).
//
//   build/release/benchmarks/api_benchmark --benchmark_min_time=0.5

#include <string>

#include "benchmark/benchmark.h"
#include "polygraph/check.h"

namespace polygraph {
namespace {

void CheckPaths(benchmark::State& state, const std::string& path) {
  size_t files = 0;
  for (auto _ : state) {
    absl::StatusOr<CheckResult> result = Check({path}, {});
    if (!result.ok()) {
      state.SkipWithError(std::string(result.status().message()).c_str());
      return;
    }
    files = result->files.size();
    benchmark::DoNotOptimize(result->findings.size());
  }
  state.counters["files"] = static_cast<double>(files);
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(files));
}

void BM_CheckSeed(benchmark::State& state) {
  CheckPaths(state, POLYGRAPH_SOURCE_DIR "/examples/seed");
}
BENCHMARK(BM_CheckSeed)->Unit(benchmark::kMicrosecond);

void BM_CheckCloudFormationCorpus(benchmark::State& state) {
  CheckPaths(state, POLYGRAPH_SOURCE_DIR
             "/../shared/corpus/cloudformation/aws-cloudformation-templates");
}
BENCHMARK(BM_CheckCloudFormationCorpus)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace polygraph

BENCHMARK_MAIN();
