// Fuzz target for the Terraform front-end: any bytes, as the one .tf file
// of a folder, go through what `polygraph check` does with the folder
// (parse, evaluate, map into the model, every rule, both reports).
//
// Contract checked (std::abort() otherwise): a load error is an
// InvalidArgument InputError that carries a location; nothing crashes,
// hangs or leaks.

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "absl/status/statusor.h"
#include "polygraph/check.h"
#include "polygraph/report.h"
#include "polygraph/source_location.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // One folder per process, its main.tf rewritten for every input.
  static const std::string* const folder = [] {
    auto* path = new std::string(
        (std::filesystem::temp_directory_path() /
         ("polygraph_terraform_fuzz_" + std::to_string(getpid())))
            .string());
    std::filesystem::create_directories(*path);
    return path;
  }();
  {
    std::ofstream out(*folder + "/main.tf", std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data),
              static_cast<std::streamsize>(size));
  }
  absl::StatusOr<polygraph::CheckResult> result =
      polygraph::Check({*folder}, {});
  if (!result.ok()) {
    if (result.status().code() != absl::StatusCode::kInvalidArgument) {
      std::abort();
    }
    if (!polygraph::ErrorLocation(result.status()).has_value()) std::abort();
    return 0;
  }
  (void)polygraph::FormatText(*result);
  (void)polygraph::FormatJson(*result);
  return 0;
}
