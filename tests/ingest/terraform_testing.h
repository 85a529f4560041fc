#ifndef POLYGRAPH_TESTS_INGEST_TERRAFORM_TESTING_H_
#define POLYGRAPH_TESTS_INGEST_TERRAFORM_TESTING_H_

// Helpers for the Terraform resource front-end tests: resource instances
// written as JSON text, as plan JSON shows them ("main.tf" locations).
//
// Convention: a string that is exactly "${...}" stands for an unknown:
// "${aws_vpc.main.id}" is TfValue::ResourceAttribute("aws_vpc.main", "id")
// (an address starting "aws_" or "module."), anything else
// ("${var.vpc_id}", "${data.aws_region.current.name}") an unknown of that
// text. Text around "${...}" makes a string template of those parts.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "ingest/terraform_resources.h"
#include "polygraph/document.h"
#include "polygraph/model.h"
#include "terraform/configuration.h"
#include "terraform/value.h"
#include "tests/ingest/ingest_testing.h"

namespace polygraph::ingest::testing {

// The unknown that `reference` ("aws_vpc.main.id", "var.x") stands for.
inline terraform::TfValue UnknownOf(const std::string& reference,
                                    const SourceLocation& at) {
  if (reference.starts_with("aws_") || reference.starts_with("module.")) {
    const size_t dot = reference.rfind('.');
    return terraform::TfValue::ResourceAttribute(reference.substr(0, dot),
                                                 reference.substr(dot + 1), at);
  }
  return terraform::TfValue::Unknown(reference, at);
}

// Replaces "${...}" in the strings of `value` by unknowns.
inline terraform::TfValue WithUnknowns(terraform::TfValue value) {
  using terraform::TfValue;
  for (TfValue& item : value.items) item = WithUnknowns(std::move(item));
  if (value.kind != TfValue::Kind::kString) return value;
  const std::string& text = value.text;
  if (text.find("${") == std::string::npos) return value;
  std::vector<TfValue> parts;
  size_t i = 0;
  while (i < text.size()) {
    const size_t open = text.find("${", i);
    const size_t close =
        open == std::string::npos ? open : text.find('}', open);
    if (close == std::string::npos) {
      parts.push_back(TfValue::String(text.substr(i), value.location));
      break;
    }
    if (open > i) {
      parts.push_back(
          TfValue::String(text.substr(i, open - i), value.location));
    }
    parts.push_back(
        UnknownOf(text.substr(open + 2, close - open - 2), value.location));
    i = close + 1;
  }
  return TfValue::Concatenation(std::move(parts), value.location);
}

// An instance at `address` ("aws_subnet.private[1]") whose attributes are
// the JSON object `json`, located in "main.tf".
inline terraform::ResourceInstance Instance(const std::string& address,
                                            const std::string& json) {
  absl::StatusOr<Value> document = ParseJson(json, "main.tf");
  EXPECT_TRUE(document.ok()) << document.status();
  terraform::ResourceInstance instance;
  instance.address = address;
  // Past the "module.<name>." prefixes: "<type>.<name>[<key>]".
  std::string_view rest = address;
  while (rest.starts_with("module.")) {
    rest.remove_prefix(rest.find('.', 7) + 1);
  }
  const size_t dot = rest.find('.');
  instance.type = std::string(rest.substr(0, dot));
  instance.name = std::string(rest.substr(dot + 1, rest.find('[') - dot - 1));
  instance.module_path = address.substr(
      0, address.size() - rest.size() - (rest.size() < address.size() ? 1 : 0));
  if (document.ok()) {
    instance.attributes = WithUnknowns(terraform::FromDocument(*document));
    instance.location = document->location;
  }
  return instance;
}

// Imports the instances; the model and diagnostics, or the error.
inline absl::StatusOr<Imported> ImportInstances(
    std::vector<terraform::ResourceInstance> instances) {
  terraform::Configuration configuration;
  configuration.resources = std::move(instances);
  configuration.files = {"main.tf"};
  ModelBuilder builder;
  Imported imported;
  absl::Status status =
      ImportTerraformResources(configuration, builder, imported.diagnostics);
  if (!status.ok()) return status;
  imported.model = std::move(builder).Build();
  return imported;
}

}  // namespace polygraph::ingest::testing

#endif  // POLYGRAPH_TESTS_INGEST_TERRAFORM_TESTING_H_
