#ifndef POLYGRAPH_TESTS_FUZZ_TEMPLATE_FRONT_END_H_
#define POLYGRAPH_TESTS_FUZZ_TEMPLATE_FRONT_END_H_

// What `polygraph check` does with one CloudFormation template file, on
// bytes in memory: parse (YAML or JSON), detect the format, import the
// template into a model, run every built-in rule and render both reports.
// Shared by template_yaml_fuzzer.cc and template_json_fuzzer.cc.
//
// Contract checked (std::abort() otherwise, so the fuzzer reports it): a
// parse or import error is an InvalidArgument InputError that carries a
// location; nothing crashes, hangs or leaks.
//
// Thread safety: not thread-safe (libFuzzer calls targets on one thread).

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ingest/cloudformation.h"
#include "ingest/format.h"
#include "polygraph/check.h"
#include "polygraph/diagnostic.h"
#include "polygraph/document.h"
#include "polygraph/model.h"
#include "polygraph/report.h"
#include "polygraph/rules.h"
#include "polygraph/source_location.h"
#include "polygraph/value.h"

namespace polygraph::fuzz {

enum class TemplateSyntax { kYaml, kJson };

// An error of a reader or front-end must be an InputError with a location.
inline void CheckInputError(const absl::Status& status) {
  if (status.code() != absl::StatusCode::kInvalidArgument) std::abort();
  if (!ErrorLocation(status).has_value()) std::abort();
}

inline void RunTemplateFrontEnd(const uint8_t* data, size_t size,
                                TemplateSyntax syntax) {
  // The rule pack is compiled-in metadata: built once per process.
  static const RuleSet* const rules = [] {
    absl::StatusOr<RuleSet> builtin = RuleSet::Builtin();
    if (!builtin.ok()) std::abort();
    return new RuleSet(*std::move(builtin));
  }();

  const std::string_view text(reinterpret_cast<const char*>(data), size);
  ParseOptions options;
  options.max_nodes = 100'000;  // keeps alias bombs fast under the fuzzer
  const std::string file = syntax == TemplateSyntax::kYaml
                               ? "fuzz/template.yaml"
                               : "fuzz/template.json";
  absl::StatusOr<Value> document = syntax == TemplateSyntax::kYaml
                                       ? ParseYaml(text, file, options)
                                       : ParseJson(text, file, options);
  if (!document.ok()) {
    CheckInputError(document.status());
    return;
  }
  if (ingest::DetectDocumentFormat(*document) !=
      ingest::DocumentFormat::kCloudFormation) {
    return;
  }
  ModelBuilder builder;
  builder.AddFile(file);
  std::vector<Diagnostic> diagnostics;
  const absl::Status imported =
      ingest::ImportCloudFormation(*document, builder, diagnostics);
  if (!imported.ok()) {
    // LoadPaths stops here and `check` reports the error.
    CheckInputError(imported);
    return;
  }
  const Model model = std::move(builder).Build();
  CheckResult result;
  result.diagnostics = std::move(diagnostics);
  result.findings = rules->Run(model, &result.diagnostics);
  result.files = model.files();
  (void)FormatText(result);
  (void)FormatJson(result);
}

}  // namespace polygraph::fuzz

#endif  // POLYGRAPH_TESTS_FUZZ_TEMPLATE_FRONT_END_H_
