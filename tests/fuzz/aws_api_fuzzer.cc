// Fuzz target for the AWS snapshot front-end: any bytes are read as JSON
// and, when they parse, imported as a one-file account snapshot (a file may
// hold several describe keys, so ids still cross-reference). It may not
// crash, hang or leak; errors are fine.

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "ingest/aws_api/aws_api.h"
#include "polygraph/diagnostic.h"
#include "polygraph/document.h"
#include "polygraph/model.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  polygraph::ParseOptions options;
  options.max_nodes = 100'000;  // keeps each run fast
  absl::StatusOr<polygraph::Value> json =
      polygraph::ParseJson(text, "fuzz.json", options);
  if (!json.ok()) return 0;
  (void)polygraph::ingest::IsAwsSnapshotDocument(*json);
  std::vector<polygraph::ingest::AwsSnapshotFile> files;
  files.push_back({.path = "fuzz.json", .document = *std::move(json)});
  polygraph::ModelBuilder builder;
  std::vector<polygraph::Diagnostic> diagnostics;
  if (polygraph::ingest::ImportAwsSnapshot(files, builder, diagnostics).ok()) {
    (void)std::move(builder).Build();
  }
  return 0;
}
