#include "ingest/format.h"

#include <string>
#include <string_view>

#include "ingest/aws_api/aws_api.h"
#include "ingest/terraform_plan.h"

namespace polygraph::ingest {
namespace {

// The file name without its folders, lower-cased for extension matching.
std::string BaseNameLower(std::string_view path) {
  size_t slash = path.find_last_of("/\\");
  std::string_view base =
      slash == std::string_view::npos ? path : path.substr(slash + 1);
  std::string lower(base);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

}  // namespace

FileClass ClassifyPath(std::string_view path) {
  const std::string name = BaseNameLower(path);
  // Terraform first: ".tf.json" also ends with ".json".
  if (name.ends_with(".tf")) return FileClass::kTerraform;
  if (name.ends_with(".tfvars") || name.ends_with(".tfvars.json")) {
    return FileClass::kTerraformVariables;
  }
  if (name.ends_with(".tf.json") || name.ends_with(".hcl")) {
    return FileClass::kTerraformOther;
  }
  if (name.ends_with(".json")) return FileClass::kJson;
  if (name.ends_with(".yaml") || name.ends_with(".yml")) {
    return FileClass::kYaml;
  }
  if (name.ends_with(".template")) return FileClass::kTemplate;
  return FileClass::kOther;
}

DocumentFormat DetectDocumentFormat(const Value& document) {
  if (!document.is_object()) return DocumentFormat::kUnknown;
  if (document.Find("Resources") != nullptr ||
      document.Find("AWSTemplateFormatVersion") != nullptr) {
    return DocumentFormat::kCloudFormation;
  }
  if (document.Find("Statement") != nullptr) return DocumentFormat::kIamPolicy;
  if (document.Find("containerDefinitions") != nullptr &&
      document.Find("family") != nullptr) {
    return DocumentFormat::kEcsTaskDefinition;
  }
  const Value* wrapped = document.Find("taskDefinition");
  if (document.keys.size() <= 2 && wrapped != nullptr && wrapped->is_object() &&
      wrapped->Find("containerDefinitions") != nullptr &&
      wrapped->Find("family") != nullptr) {
    return DocumentFormat::kEcsTaskDefinition;
  }
  if (IsAwsSnapshotDocument(document)) return DocumentFormat::kAwsSnapshot;
  if (IsTerraformShowJson(document)) return DocumentFormat::kTerraformShow;
  return DocumentFormat::kUnknown;
}

bool IsMultiDocumentYaml(std::string_view text) {
  bool content = false;  // the current document has content
  bool ended = false;    // a document was closed with "..."
  while (!text.empty()) {
    const size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view()
                                         : text.substr(end + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const std::string_view head = line.substr(0, 3);
    const bool marker = (head == "---" || head == "...") &&
                        (line.size() == 3 || line[3] == ' ' || line[3] == '\t');
    const size_t first = line.find_first_not_of(" \t", marker ? 3 : 0);
    const bool has_content =
        first != std::string_view::npos && line[first] != '#' && line[0] != '%';
    if (marker && head == "...") {
      ended = ended || content;
      content = false;
      continue;
    }
    if (marker) {  // "---": a document starts
      if (content || ended) return true;
      content = has_content;
      continue;
    }
    if (has_content) {
      if (ended) return true;
      content = true;
    }
  }
  return false;
}

std::string NotAnalysedReason(FileClass file_class) {
  if (file_class == FileClass::kTerraformOther) {
    return "Terraform's JSON syntax (.tf.json) and other HCL files are not "
           "analysed yet";
  }
  if (file_class == FileClass::kTerraformVariables) {
    return "a variable file other than terraform.tfvars and *.auto.tfvars is "
           "read only when given with --var-file";
  }
  return "not a format polygraph reads (IAM policy JSON, CloudFormation "
         "YAML/JSON, ECS task definition JSON)";
}

std::string MultiDocumentReason() {
  return "a YAML stream of several documents (not a CloudFormation template, "
         "IAM policy or ECS task definition)";
}

std::string NotRecognizedReason() {
  return "not a recognized document (no Resources, Statement or "
         "containerDefinitions)";
}

}  // namespace polygraph::ingest
