// Fuzz target for the HCL2 native-syntax parser: ParseHclFile,
// ParseHclExpression and ParseHclTemplate on the same bytes must never
// crash; a failure must be an InvalidArgument input error, and every node
// of a successful parse must be located (line >= 1, column >= 1).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "polygraph/source_location.h"
#include "terraform/hcl_parser.h"
#include "terraform/hcl_syntax.h"

namespace {

using polygraph::SourceLocation;
using polygraph::terraform::Block;
using polygraph::terraform::Body;
using polygraph::terraform::Expression;
using polygraph::terraform::TemplatePart;

void CheckLocation(const SourceLocation& location) {
  if (location.line < 1 || location.column < 1) std::abort();
}

void CheckParts(const std::vector<TemplatePart>& parts);

// The parser bounds the tree height by max_depth, so recursion is safe.
void CheckExpression(const Expression* expression) {
  if (expression == nullptr) return;
  CheckLocation(expression->location);
  for (const auto& operand : expression->operands) {
    if (operand == nullptr) std::abort();
    CheckExpression(operand.get());
  }
  for (const auto& item : expression->object_items) {
    if (item.key == nullptr || item.value == nullptr) std::abort();
    CheckExpression(item.key.get());
    CheckExpression(item.value.get());
  }
  CheckParts(expression->template_parts);
  CheckExpression(expression->for_key.get());
  CheckExpression(expression->for_condition.get());
}

void CheckParts(const std::vector<TemplatePart>& parts) {
  for (const TemplatePart& part : parts) {
    CheckLocation(part.location);
    if (part.kind != TemplatePart::Kind::kLiteral &&
        part.expression == nullptr) {
      std::abort();
    }
    CheckExpression(part.expression.get());
    CheckParts(part.body);
    CheckParts(part.else_body);
  }
}

void CheckBody(const Body& body) {
  CheckLocation(body.location);
  for (const Body::Attribute& attribute : body.attributes) {
    CheckLocation(attribute.location);
    if (attribute.expression == nullptr) std::abort();
    CheckExpression(attribute.expression.get());
  }
  for (const Block& block : body.blocks) {
    CheckLocation(block.location);
    if (block.labels.size() != block.label_locations.size()) std::abort();
    CheckBody(block.body);
  }
}

void CheckError(const absl::Status& status) {
  if (status.code() != absl::StatusCode::kInvalidArgument) std::abort();
  const auto location = polygraph::ErrorLocation(status);
  if (!location.has_value()) std::abort();
  CheckLocation(*location);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto file = polygraph::terraform::ParseHclFile(text, "fuzz.tf");
  if (file.ok()) {
    CheckBody(file->body);
  } else {
    CheckError(file.status());
  }
  SourceLocation start;
  start.file = "fuzz.tfvars";
  start.line = 3;
  start.column = 5;
  auto expression = polygraph::terraform::ParseHclExpression(text, start);
  if (expression.ok()) {
    CheckExpression(expression->get());
  } else {
    CheckError(expression.status());
  }
  auto parts = polygraph::terraform::ParseHclTemplate(text, "fuzz.tftpl");
  if (parts.ok()) {
    CheckParts(*parts);
  } else {
    CheckError(parts.status());
  }
  return 0;
}
