#include "ingest/format.h"

#include <string>

#include "gtest/gtest.h"
#include "polygraph/document.h"
#include "tests/testing.h"

namespace polygraph::ingest {
namespace {

DocumentFormat Detect(const std::string& json) {
  absl::StatusOr<Value> value = ParseJson(json, "f.json");
  EXPECT_TRUE(value.ok()) << value.status();
  return value.ok() ? DetectDocumentFormat(*value) : DocumentFormat::kUnknown;
}

TEST(FormatTest, ClassifiesByExtension) {
  EXPECT_EQ(ClassifyPath("a/b.json"), FileClass::kJson);
  EXPECT_EQ(ClassifyPath("a/B.JSON"), FileClass::kJson);
  EXPECT_EQ(ClassifyPath("x.yaml"), FileClass::kYaml);
  EXPECT_EQ(ClassifyPath("x.yml"), FileClass::kYaml);
  EXPECT_EQ(ClassifyPath("stack.template"), FileClass::kTemplate);
  EXPECT_EQ(ClassifyPath("main.tf"), FileClass::kTerraform);
  EXPECT_EQ(ClassifyPath("main.tf.json"), FileClass::kTerraformOther);
  EXPECT_EQ(ClassifyPath("prod.tfvars"), FileClass::kTerraformVariables);
  EXPECT_EQ(ClassifyPath("prod.tfvars.json"), FileClass::kTerraformVariables);
  EXPECT_EQ(ClassifyPath("terragrunt.hcl"), FileClass::kTerraformOther);
  EXPECT_EQ(ClassifyPath("README.md"), FileClass::kOther);
  EXPECT_EQ(ClassifyPath("json"), FileClass::kOther);
  EXPECT_EQ(ClassifyPath("dir.json/file"), FileClass::kOther);
}

TEST(FormatTest, DetectsDocumentsByContent) {
  EXPECT_EQ(Detect(R"({"Resources": {}})"), DocumentFormat::kCloudFormation);
  EXPECT_EQ(Detect(R"({"AWSTemplateFormatVersion": "2010-09-09"})"),
            DocumentFormat::kCloudFormation);
  EXPECT_EQ(Detect(R"({"Version": "2012-10-17", "Statement": []})"),
            DocumentFormat::kIamPolicy);
  EXPECT_EQ(Detect(R"({"family": "web", "containerDefinitions": []})"),
            DocumentFormat::kEcsTaskDefinition);
  EXPECT_EQ(Detect(R"({"taskDefinition": {"family": "web",
                       "containerDefinitions": []}, "tags": []})"),
            DocumentFormat::kEcsTaskDefinition);
  EXPECT_EQ(Detect(R"({"family": "web"})"), DocumentFormat::kUnknown);
  EXPECT_EQ(Detect(R"({"name": "package"})"), DocumentFormat::kUnknown);
  EXPECT_EQ(Detect(R"([{"Resources": {}}])"), DocumentFormat::kUnknown);
  EXPECT_EQ(Detect("null"), DocumentFormat::kUnknown);
}

TEST(FormatTest, DetectsMultiDocumentYaml) {
  EXPECT_TRUE(IsMultiDocumentYaml("a: 1\n---\nb: 2\n"));
  EXPECT_TRUE(IsMultiDocumentYaml("---\na: 1\n--- \nb: 2\n"));
  EXPECT_TRUE(IsMultiDocumentYaml("--- a\n---\n"));
  EXPECT_TRUE(IsMultiDocumentYaml("a: 1\r\n...\r\nb: 2\r\n"));
  EXPECT_FALSE(IsMultiDocumentYaml("# c\n---\na: 1\n"));
  EXPECT_FALSE(IsMultiDocumentYaml("%YAML 1.2\n---\na: 1\n...\n"));
  EXPECT_FALSE(IsMultiDocumentYaml("a: |\n  ---\n  x\nb: ----\n"));
  EXPECT_FALSE(IsMultiDocumentYaml(""));
}

TEST(FormatTest, Reasons) {
  EXPECT_NE(NotAnalysedReason(FileClass::kTerraformOther).find(".tf.json"),
            std::string::npos);
  EXPECT_NE(
      NotAnalysedReason(FileClass::kTerraformVariables).find("--var-file"),
      std::string::npos);
  EXPECT_NE(NotAnalysedReason(FileClass::kOther).find("not a format"),
            std::string::npos);
  EXPECT_NE(NotRecognizedReason().find("not a recognized document"),
            std::string::npos);
}

}  // namespace
}  // namespace polygraph::ingest
