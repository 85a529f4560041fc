#ifndef POLYGRAPH_LIB_INGEST_FORMAT_H_
#define POLYGRAPH_LIB_INGEST_FORMAT_H_

// Format detection: which front-end reads a file. The file name decides
// whether a file is a JSON/YAML document at all; the parsed content decides
// which kind of document it is.
//
// Thread safety: stateless functions; thread-safe.

#include <string>
#include <string_view>

#include "polygraph/value.h"

namespace polygraph::ingest {

// What a file name says about a file.
enum class FileClass {
  kJson,                // .json: parsed as JSON
  kYaml,                // .yaml, .yml: parsed as YAML
  kTemplate,            // .template: JSON when it starts with '{', else YAML
  kTerraform,           // .tf: read per folder as a Terraform configuration
  kTerraformVariables,  // .tfvars, .tfvars.json: read with their folder
  kTerraformOther,      // .tf.json, .hcl: not analysed yet
  kOther,               // anything else: not analysed
};

FileClass ClassifyPath(std::string_view path);

// What a parsed JSON/YAML document is.
enum class DocumentFormat {
  kCloudFormation,     // an object with Resources or AWSTemplateFormatVersion
  kIamPolicy,          // an object with Statement
  kEcsTaskDefinition,  // an object with containerDefinitions and family, or
                       // {"taskDefinition": {...}} as the AWS CLI prints it
  kAwsSnapshot,        // the output of an AWS describe call ({"Vpcs": [...]},
                       // see aws_api/aws_api.h); read per folder
  kTerraformShow,      // `terraform show -json` of a plan or state
  kUnknown,
};

DocumentFormat DetectDocumentFormat(const Value& document);

// True when YAML `text` holds more than one document: a "---" or "..."
// line after content (Kubernetes manifests, for example). No template,
// policy or task definition is written that way, so such a file is noted.
bool IsMultiDocumentYaml(std::string_view text);

// The reason a file of class kTerraform or kOther, or a document of format
// kUnknown, is not analysed; the message of its "not-analysed" note.
std::string NotAnalysedReason(FileClass file_class);
std::string NotRecognizedReason();
std::string MultiDocumentReason();

}  // namespace polygraph::ingest

#endif  // POLYGRAPH_LIB_INGEST_FORMAT_H_
