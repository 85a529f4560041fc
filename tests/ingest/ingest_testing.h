#ifndef POLYGRAPH_TESTS_INGEST_INGEST_TESTING_H_
#define POLYGRAPH_TESTS_INGEST_INGEST_TESTING_H_

// Helpers for the front-end tests: run the CloudFormation front-end on
// inline template text, and check InputErrors by location and message.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ingest/cloudformation.h"
#include "polygraph/diagnostic.h"
#include "polygraph/document.h"
#include "polygraph/model.h"
#include "tests/testing.h"

namespace polygraph::ingest::testing {

struct Imported {
  Model model;
  std::vector<Diagnostic> diagnostics;

  // The resource named `name`, or nullptr.
  const Resource* Find(std::string_view name) const {
    for (const Resource& resource : model.resources()) {
      if (resource.name == name) return &resource;
    }
    return nullptr;
  }
  size_t IndexOf(std::string_view name) const {
    for (size_t i = 0; i < model.resources().size(); ++i) {
      if (model.resources()[i].name == name) return i;
    }
    return kNoResource;
  }
  // The diagnostics with `code`.
  std::vector<Diagnostic> WithCode(std::string_view code) const {
    std::vector<Diagnostic> found;
    for (const Diagnostic& diagnostic : diagnostics) {
      if (diagnostic.code == code) found.push_back(diagnostic);
    }
    return found;
  }
};

// The policy documents of `imported` named `name`, in model order.
inline std::vector<PolicyDocument> Named(const Imported& imported,
                                         const std::string& name) {
  std::vector<PolicyDocument> found;
  for (const PolicyDocument& document : imported.model.policies()) {
    if (document.name == name) found.push_back(document);
  }
  return found;
}

// A location in the inline template "t.yaml".
inline SourceLocation At(int line, int column) {
  return SourceLocation{"t.yaml", line, column};
}

inline absl::StatusOr<Imported> ImportTemplate(
    const std::string& text, bool json = false,
    const TemplateInputs& inputs = {}) {
  absl::StatusOr<Value> document =
      json ? ParseJson(text, "t.json") : ParseYaml(text, "t.yaml");
  if (!document.ok()) return document.status();
  ModelBuilder builder;
  Imported imported;
  absl::Status status =
      ImportCloudFormation(*document, builder, imported.diagnostics, inputs);
  if (!status.ok()) return status;
  imported.model = std::move(builder).Build();
  return imported;
}

// Expects an InvalidArgument status at line:column whose message contains
// `message`.
inline void ExpectInputError(const absl::Status& status, int line, int column,
                             const std::string& message) {
  EXPECT_THAT(status,
              ::polygraph::testing::StatusIs(absl::StatusCode::kInvalidArgument,
                                             ::testing::HasSubstr(message)));
  std::optional<SourceLocation> location = ErrorLocation(status);
  ASSERT_TRUE(location.has_value()) << status;
  EXPECT_EQ(location->line, line) << status;
  EXPECT_EQ(location->column, column) << status;
}

// The import succeeded, with exactly one "invalid-value" error diagnostic at
// line:col whose message contains `message`: the element was left out and
// the rest of the template was read.
inline void ExpectInvalidValue(const absl::StatusOr<Imported>& imported,
                               int line, int column,
                               const std::string& message) {
  ASSERT_TRUE(imported.ok()) << imported.status();
  std::vector<Diagnostic> invalid = imported->WithCode("invalid-value");
  ASSERT_EQ(invalid.size(), 1u) << message;
  EXPECT_EQ(invalid[0].level, Diagnostic::Level::kError);
  EXPECT_EQ(invalid[0].location.line, line) << invalid[0].message;
  EXPECT_EQ(invalid[0].location.column, column) << invalid[0].message;
  EXPECT_THAT(invalid[0].message, ::testing::HasSubstr(message));
}

}  // namespace polygraph::ingest::testing

#endif  // POLYGRAPH_TESTS_INGEST_INGEST_TESTING_H_
