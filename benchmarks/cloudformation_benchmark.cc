// The CloudFormation front-end on one generated, realistic 500-resource
// template (cloudformation_template.h), written as YAML (short-form tags)
// and as JSON, measured three ways:
//   - BM_Parse*: ParseYaml / ParseJson only;
//   - BM_Import* (parse + ImportCloudFormation + Model) and BM_LoadPaths*
//     (the same from a file, as polygraph::LoadPaths does it);
//   - BM_Check*: polygraph::Check on the file (load + every rule), what
//     `polygraph check FILE` does before printing.
//
//   build/bench/benchmarks/cloudformation_benchmark
//   build/bench/benchmarks/cloudformation_benchmark --write-template=t.yaml
//
// --write-template=PATH writes the template (JSON when PATH ends in .json,
// else YAML) and exits; benchmarks/cloudformation_side_by_side.sh uses it.

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "benchmark/benchmark.h"
#include "cloudformation_template.h"
#include "ingest/cloudformation.h"
#include "polygraph/check.h"
#include "polygraph/diagnostic.h"
#include "polygraph/document.h"
#include "polygraph/loader.h"
#include "polygraph/model.h"

namespace polygraph {
namespace {

const std::string& Text(bool json) {
  static const std::string* const yaml =
      new std::string(bench::CloudFormationTemplate(false));
  static const std::string* const json_text =
      new std::string(bench::CloudFormationTemplate(true));
  return json ? *json_text : *yaml;
}

// The template written once into a temporary folder per process.
const std::string& TemplateFile(bool json) {
  static const std::filesystem::path* const folder = [] {
    auto* path = new std::filesystem::path(
        std::filesystem::temp_directory_path() /
        absl::StrCat("polygraph-cfn-bench-", ::getpid()));
    std::filesystem::create_directories(*path);
    return path;
  }();
  static std::string files[2];
  std::string& file = files[json ? 1 : 0];
  if (file.empty()) {
    file = (*folder / (json ? "stack.json" : "stack.yaml")).string();
    std::ofstream(file, std::ios::binary) << Text(json);
  }
  return file;
}

absl::StatusOr<Value> Parse(bool json) {
  return json ? ParseJson(Text(json), "stack.json")
              : ParseYaml(Text(json), "stack.yaml");
}

void SetBytes(benchmark::State& state, bool json) {
  state.SetBytesProcessed(state.iterations() *
                          static_cast<int64_t>(Text(json).size()));
}

void BM_Parse(benchmark::State& state, bool json) {
  for (auto _ : state) {
    absl::StatusOr<Value> document = Parse(json);
    if (!document.ok()) {
      state.SkipWithError(std::string(document.status().message()).c_str());
      return;
    }
    benchmark::DoNotOptimize(document->items.size());
  }
  SetBytes(state, json);
}

void BM_Import(benchmark::State& state, bool json) {
  size_t resources = 0;
  for (auto _ : state) {
    absl::StatusOr<Value> document = Parse(json);
    if (!document.ok()) {
      state.SkipWithError(std::string(document.status().message()).c_str());
      return;
    }
    ModelBuilder builder;
    builder.AddFile(json ? "stack.json" : "stack.yaml");
    std::vector<Diagnostic> diagnostics;
    absl::Status status =
        ingest::ImportCloudFormation(*document, builder, diagnostics);
    if (!status.ok()) {
      state.SkipWithError(std::string(status.message()).c_str());
      return;
    }
    Model model = std::move(builder).Build();
    resources = model.resources().size();
    benchmark::DoNotOptimize(resources);
  }
  state.counters["resources"] = static_cast<double>(resources);
  SetBytes(state, json);
}

void BM_LoadPaths(benchmark::State& state, bool json) {
  const std::string& file = TemplateFile(json);
  size_t resources = 0;
  for (auto _ : state) {
    absl::StatusOr<LoadResult> loaded = LoadPaths({file}, {});
    if (!loaded.ok()) {
      state.SkipWithError(std::string(loaded.status().message()).c_str());
      return;
    }
    resources = loaded->model.resources().size();
    benchmark::DoNotOptimize(resources);
  }
  state.counters["resources"] = static_cast<double>(resources);
  SetBytes(state, json);
}

void BM_Check(benchmark::State& state, bool json) {
  const std::string& file = TemplateFile(json);
  size_t findings = 0;
  for (auto _ : state) {
    absl::StatusOr<CheckResult> result = Check({file}, {});
    if (!result.ok()) {
      state.SkipWithError(std::string(result.status().message()).c_str());
      return;
    }
    findings = result->findings.size();
    benchmark::DoNotOptimize(findings);
  }
  state.counters["findings"] = static_cast<double>(findings);
  SetBytes(state, json);
}

BENCHMARK_CAPTURE(BM_Parse, yaml, false)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Parse, json, true)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Import, yaml, false)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Import, json, true)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_LoadPaths, yaml, false)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_LoadPaths, json, true)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Check, yaml, false)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Check, json, true)->Unit(benchmark::kMillisecond);

// Writes the template for --write-template=PATH; returns the exit status.
int WriteTemplate(const std::string& path) {
  const bool json = path.size() >= 5 && path.ends_with(".json");
  std::ofstream out(path, std::ios::binary);
  out << Text(json);
  out.close();
  if (!out) {
    std::fprintf(stderr, "cannot write %s\n", path.c_str());
    return 1;
  }
  return 0;
}

}  // namespace
}  // namespace polygraph

int main(int argc, char** argv) {
  constexpr std::string_view kWrite = "--write-template=";
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg.starts_with(kWrite)) {
      return polygraph::WriteTemplate(std::string(arg.substr(kWrite.size())));
    }
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  const std::filesystem::path folder =
      std::filesystem::temp_directory_path() /
      absl::StrCat("polygraph-cfn-bench-", ::getpid());
  std::error_code ignored;
  std::filesystem::remove_all(folder, ignored);
  return 0;
}
