// Fuzz target for the CloudFormation front-end: any bytes are read as YAML
// (then JSON) and, when they parse, run through ImportCloudFormation and the
// IAM policy grammar. Neither may crash, hang or leak; errors are fine.

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "ingest/cloudformation.h"
#include "polygraph/diagnostic.h"
#include "polygraph/document.h"
#include "polygraph/iam_policy.h"
#include "polygraph/model.h"

namespace {

void Run(const polygraph::Value& document) {
  polygraph::ModelBuilder builder;
  std::vector<polygraph::Diagnostic> diagnostics;
  (void)polygraph::ingest::ImportCloudFormation(document, builder, diagnostics);
  for (polygraph::iam::PolicyKind kind :
       {polygraph::iam::PolicyKind::kAny, polygraph::iam::PolicyKind::kTrust}) {
    (void)polygraph::iam::ParsePolicy(document, {.kind = kind});
  }
  (void)polygraph::iam::RenderSymbolic(document);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  polygraph::ParseOptions options;
  options.max_nodes = 100'000;  // keeps each run fast
  absl::StatusOr<polygraph::Value> yaml =
      polygraph::ParseYaml(text, "fuzz.yaml", options);
  if (yaml.ok()) Run(*yaml);
  absl::StatusOr<polygraph::Value> json =
      polygraph::ParseJson(text, "fuzz.json", options);
  if (json.ok()) Run(*json);
  return 0;
}
