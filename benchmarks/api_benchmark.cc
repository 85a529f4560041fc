// End to end: Check() (load, detect, parse, normalize, run every rule) over
// the bundled seed infrastructure and over the public CloudFormation corpus
// in ../shared/corpus (about 300 AWS sample templates); and LoadPaths() on
// the generated 2,000-instance Terraform configuration of
// terraform_configuration.h (evaluate + map into the model).
//
//   build/release/benchmarks/api_benchmark --benchmark_min_time=0.5

#include <unistd.h>

#include <filesystem>
#include <string>

#include "absl/strings/str_cat.h"
#include "benchmark/benchmark.h"
#include "polygraph/check.h"
#include "polygraph/loader.h"
#include "terraform_configuration.h"

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

// The pre-commit workload (benchmarks/precommit_benchmark.sh runs the
// binary on it): every rule over all of examples/.
void BM_CheckExamples(benchmark::State& state) {
  CheckPaths(state, POLYGRAPH_SOURCE_DIR "/examples");
}
BENCHMARK(BM_CheckExamples)->Unit(benchmark::kMillisecond);

void BM_CheckCloudFormationCorpus(benchmark::State& state) {
  CheckPaths(state, POLYGRAPH_SOURCE_DIR
             "/../shared/corpus/cloudformation/aws-cloudformation-templates");
}
BENCHMARK(BM_CheckCloudFormationCorpus)->Unit(benchmark::kMillisecond);

// LoadPaths on the Terraform configuration, written once per process into
// a temporary folder that is removed after the run.
void BM_LoadTerraform(benchmark::State& state) {
  const std::filesystem::path folder =
      std::filesystem::temp_directory_path() /
      absl::StrCat("polygraph-api-tf-bench-", ::getpid());
  if (!bench::WriteTerraformConfiguration(folder)) {
    state.SkipWithError("cannot write the configuration");
    return;
  }
  size_t resources = 0;
  for (auto _ : state) {
    absl::StatusOr<LoadResult> loaded = LoadPaths({folder.string()}, {});
    if (!loaded.ok()) {
      state.SkipWithError(std::string(loaded.status().message()).c_str());
      break;
    }
    resources = loaded->model.resources().size();
    benchmark::DoNotOptimize(resources);
  }
  std::error_code ignored;
  std::filesystem::remove_all(folder, ignored);
  state.counters["instances"] = static_cast<double>(bench::kInstances);
  state.counters["model_resources"] = static_cast<double>(resources);
}
BENCHMARK(BM_LoadTerraform)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace polygraph

BENCHMARK_MAIN();
