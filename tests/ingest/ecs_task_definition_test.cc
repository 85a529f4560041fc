#include "ingest/ecs_task_definition.h"

#include <string>

#include "gtest/gtest.h"
#include "polygraph/document.h"
#include "tests/ingest/ingest_testing.h"
#include "tests/testing.h"

namespace polygraph::ingest {
namespace {

using testing::ExpectInputError;

absl::StatusOr<Model> Import(const std::string& json) {
  absl::StatusOr<Value> document = ParseJson(json, "task.json");
  if (!document.ok()) return document.status();
  ModelBuilder builder;
  if (absl::Status s = ImportEcsTaskDefinition(*document, builder); !s.ok()) {
    return s;
  }
  return std::move(builder).Build();
}

TEST(EcsTaskDefinitionTest, AddsOneResourceNamedAfterFamily) {
  ASSERT_OK_AND_ASSIGN(Model model, Import(R"({
  "family": "web",
  "taskRoleArn": "arn:aws:iam::111122223333:role/web",
  "containerDefinitions": [{"name": "app", "image": "nginx"}]
})"));
  ASSERT_EQ(model.resources().size(), 1u);
  const Resource& task = model.resources()[0];
  EXPECT_EQ(task.name, "web");
  EXPECT_EQ(task.type, "ecs_task_definition");
  EXPECT_EQ(task.kind, ResourceKind::kEcsTaskDefinition);
  EXPECT_EQ(task.format, SourceFormat::kEcsTaskDefinition);
  EXPECT_EQ(task.location, (SourceLocation{"task.json", 1, 1}));
  ASSERT_NE(task.properties.Find("taskRoleArn"), nullptr);
}

TEST(EcsTaskDefinitionTest, AcceptsDescribeOutput) {
  ASSERT_OK_AND_ASSIGN(Model model, Import(R"({"taskDefinition": {
  "family": "api", "containerDefinitions": []}, "tags": []})"));
  ASSERT_EQ(model.resources().size(), 1u);
  EXPECT_EQ(model.resources()[0].name, "api");
  EXPECT_EQ(model.resources()[0].location,
            (SourceLocation{"task.json", 1, 20}));
}

TEST(EcsTaskDefinitionTest, Errors) {
  ExpectInputError(
      Import(R"({"family": 3, "containerDefinitions": []})").status(), 1, 12,
      "family must be a non-empty string, found number");
  ExpectInputError(
      Import(R"({"family": "", "containerDefinitions": []})").status(), 1, 12,
      "family must be a non-empty string");
  ExpectInputError(
      Import(R"({"family": "a", "containerDefinitions": {}})").status(), 1, 41,
      "containerDefinitions must be an array, found object");
  ExpectInputError(
      Import(R"({"family": "a", "containerDefinitions": [1]})").status(), 1, 42,
      "a container definition must be an object, found number");
}

}  // namespace
}  // namespace polygraph::ingest
