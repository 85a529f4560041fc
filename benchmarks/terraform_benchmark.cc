// The Terraform front-end (lib/terraform) on one generated, realistic
// configuration of 20 .tf files that plans 2,000 resource instances
// (terraform_configuration.h), measured two ways:
//   - BM_ParseFiles: ParseHclFile over the 20 files' text, in memory;
//   - BM_Evaluate: EvaluateConfiguration on the folder (read, parse and
//     evaluate the root module and the three calls of its local module).
// The target: the 2,000-instance configuration parsed and evaluated in
// under 100 ms on one core. BM_Evaluate checks that every iteration gives
// exactly 2,000 instances and no error diagnostic.
//
//   build/bench/benchmarks/terraform_benchmark
//   build/bench/benchmarks/terraform_benchmark --write-configuration=DIR
//
// --write-configuration=DIR writes the configuration into DIR and exits (to
// read it, or to run `terraform validate` / `terraform plan` on it).

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "benchmark/benchmark.h"
#include "polygraph/diagnostic.h"
#include "terraform/configuration.h"
#include "terraform/evaluator.h"
#include "terraform/hcl_parser.h"
#include "terraform/hcl_syntax.h"
#include "terraform_configuration.h"

namespace polygraph {
namespace {

const std::vector<bench::TerraformFile>& Files() {
  static const std::vector<bench::TerraformFile>* const files =
      new std::vector<bench::TerraformFile>(bench::TerraformConfiguration());
  return *files;
}

int64_t TotalBytes() {
  int64_t bytes = 0;
  for (const bench::TerraformFile& file : Files()) {
    bytes += static_cast<int64_t>(file.text.size());
  }
  return bytes;
}

std::filesystem::path Folder() {
  return std::filesystem::temp_directory_path() /
         absl::StrCat("polygraph-tf-bench-", ::getpid());
}

// The configuration written once into a temporary folder per process;
// empty when it cannot be written.
const std::string& ConfigurationFolder() {
  static const std::string* const folder = [] {
    const std::filesystem::path path = Folder();
    return new std::string(
        bench::WriteTerraformConfiguration(path) ? path.string() : "");
  }();
  return *folder;
}

void BM_ParseFiles(benchmark::State& state) {
  size_t items = 0;
  for (auto _ : state) {
    items = 0;
    for (const bench::TerraformFile& file : Files()) {
      absl::StatusOr<terraform::HclFile> parsed =
          terraform::ParseHclFile(file.text, file.path);
      if (!parsed.ok()) {
        state.SkipWithError(std::string(parsed.status().message()).c_str());
        return;
      }
      items += parsed->body.attributes.size() + parsed->body.blocks.size();
    }
    benchmark::DoNotOptimize(items);
  }
  state.counters["files"] = static_cast<double>(Files().size());
  state.counters["top_level_items"] = static_cast<double>(items);
  state.SetBytesProcessed(state.iterations() * TotalBytes());
}
BENCHMARK(BM_ParseFiles)->Unit(benchmark::kMillisecond);

void BM_Evaluate(benchmark::State& state) {
  const std::string& folder = ConfigurationFolder();
  if (folder.empty()) {
    state.SkipWithError("cannot write the configuration");
    return;
  }
  size_t instances = 0;
  size_t notes = 0;
  for (auto _ : state) {
    std::vector<Diagnostic> diagnostics;
    absl::StatusOr<terraform::Configuration> configuration =
        terraform::EvaluateConfiguration(folder, {}, diagnostics);
    if (!configuration.ok()) {
      state.SkipWithError(
          std::string(configuration.status().message()).c_str());
      return;
    }
    for (const Diagnostic& diagnostic : diagnostics) {
      if (diagnostic.level == Diagnostic::Level::kError) {
        state.SkipWithError(diagnostic.ToString().c_str());
        return;
      }
    }
    instances = configuration->resources.size();
    if (instances != static_cast<size_t>(bench::kInstances)) {
      state.SkipWithError(absl::StrCat("expected ", bench::kInstances,
                                       " instances, got ", instances)
                              .c_str());
      return;
    }
    notes = diagnostics.size();
    benchmark::DoNotOptimize(configuration->resources.data());
  }
  state.counters["instances"] = static_cast<double>(instances);
  state.counters["notes"] = static_cast<double>(notes);
  state.counters["instances_per_second"] = benchmark::Counter(
      static_cast<double>(instances) * static_cast<double>(state.iterations()),
      benchmark::Counter::kIsRate);
  state.SetBytesProcessed(state.iterations() * TotalBytes());
}
BENCHMARK(BM_Evaluate)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace polygraph

int main(int argc, char** argv) {
  constexpr std::string_view kWrite = "--write-configuration=";
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg.starts_with(kWrite)) {
      if (!polygraph::bench::WriteTerraformConfiguration(
              std::string(arg.substr(kWrite.size())))) {
        std::fprintf(stderr, "cannot write %s\n", argv[i] + kWrite.size());
        return 1;
      }
      return 0;
    }
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  std::error_code ignored;
  std::filesystem::remove_all(polygraph::Folder(), ignored);
  return 0;
}
