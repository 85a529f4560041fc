#include "ingest/load_paths.h"

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/ingest/ingest_testing.h"
#include "tests/testing.h"

namespace polygraph::ingest {
namespace {

using ::polygraph::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

// A scratch folder holding small inputs, removed after each test.
class LoadPathsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = ::testing::TempDir() + "polygraph_load_paths_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::filesystem::remove_all(root_);
    std::filesystem::create_directories(root_);
    Write("a_stack.yaml", "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n");
    Write(
        "b_policy.json",
        R"({"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}})");
    Write("main.tf", "resource \"aws_s3_bucket\" \"b\" {}\n");
    Write("other.tf.json", "{}");
    Write("README.md", "# infra\n");
    Write("sub/task.json", R"({"family": "web", "containerDefinitions": []})");
    Write("sub/package.json", R"({"name": "x"})");
    Write(".hidden/secret.json", "not json");
    Write(".dot.yaml", "Resources: [");
  }
  void TearDown() override { std::filesystem::remove_all(root_); }

  void Write(const std::string& relative, const std::string& text) {
    std::filesystem::path path = std::filesystem::path(root_) / relative;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path) << text;
  }

  std::vector<std::string> NoteFiles(const LoadResult& result) {
    std::vector<std::string> files;
    for (const Diagnostic& d : result.diagnostics) {
      if (d.code == "not-analysed") files.push_back(d.location.file);
    }
    return files;
  }

  std::string root_;
};

TEST_F(LoadPathsTest, WalksFoldersInOrder) {
  ASSERT_OK_AND_ASSIGN(LoadResult result, LoadPaths({root_}, {}));
  // A folder's Terraform configuration is read once every path is walked.
  EXPECT_THAT(result.model.files(),
              ElementsAre(root_ + "/a_stack.yaml", root_ + "/b_policy.json",
                          root_ + "/sub/task.json", root_ + "/main.tf"));
  EXPECT_THAT(NoteFiles(result),
              ElementsAre(root_ + "/README.md", root_ + "/other.tf.json",
                          root_ + "/sub/package.json"));
  EXPECT_THAT(result.diagnostics[1].message, HasSubstr(".tf.json"));
  EXPECT_EQ(result.diagnostics[1].location.line, 0);
  ASSERT_EQ(result.model.resources().size(), 4u);
  EXPECT_EQ(result.model.resources()[0].location,
            (SourceLocation{root_ + "/a_stack.yaml", 2, 3}));
  EXPECT_EQ(result.model.resources()[1].name, "b_policy");
  EXPECT_EQ(result.model.resources()[2].name, "web");
  EXPECT_EQ(result.model.resources()[3].name, "aws_s3_bucket.b");
  EXPECT_EQ(result.model.resources()[3].location,
            (SourceLocation{root_ + "/main.tf", 1, 1}));
  EXPECT_EQ(result.model.buckets().size(), 2u);
  EXPECT_EQ(result.model.policies().size(), 1u);
}

TEST_F(LoadPathsTest, KeepsPathsAsSpelled) {
  ASSERT_OK_AND_ASSIGN(
      LoadResult result,
      LoadPaths({root_ + "/sub/", root_ + "/./a_stack.yaml"}, {}));
  EXPECT_THAT(result.model.files(),
              ElementsAre(root_ + "/sub/task.json", root_ + "/./a_stack.yaml"));
}

TEST_F(LoadPathsTest, OptionsControlTheWalk) {
  ASSERT_OK_AND_ASSIGN(LoadResult flat,
                       LoadPaths({root_}, {.recursive = false}));
  EXPECT_EQ(flat.model.files().size(), 3u);
  EXPECT_THAT(LoadPaths({root_}, {.skip_hidden = false}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr(root_ + "/.dot.yaml:1:")));
}

TEST_F(LoadPathsTest, ReadsAFileOnce) {
  ASSERT_OK_AND_ASSIGN(LoadResult result,
                       LoadPaths({root_ + "/b_policy.json", root_}, {}));
  EXPECT_EQ(result.model.files().size(), 4u);
  EXPECT_EQ(result.model.files()[0], root_ + "/b_policy.json");
  EXPECT_EQ(result.model.policies().size(), 1u);
}

TEST_F(LoadPathsTest, ExplicitUnsupportedFilesAreNoted) {
  ASSERT_OK_AND_ASSIGN(
      LoadResult result,
      LoadPaths({root_ + "/sub/package.json", root_ + "/README.md"}, {}));
  EXPECT_TRUE(result.model.files().empty());
  ASSERT_EQ(result.diagnostics.size(), 2u);
  EXPECT_EQ(result.diagnostics[0].level, Diagnostic::Level::kNote);
  EXPECT_EQ(result.diagnostics[0].message,
            "not a recognized document (no Resources, Statement or "
            "containerDefinitions)");
}

TEST_F(LoadPathsTest, MultiDocumentYamlIsNoted) {
  Write("k8s/deploy.yaml", "kind: Service\n---\nkind: Deployment\n");
  Write("k8s/broken.yaml", "Resources: [\n");
  ASSERT_OK_AND_ASSIGN(LoadResult result,
                       LoadPaths({root_ + "/k8s/deploy.yaml"}, {}));
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_THAT(result.diagnostics[0].message,
              HasSubstr("a YAML stream of several documents"));
  testing::ExpectInputError(
      LoadPaths({root_ + "/k8s/broken.yaml"}, {}).status(), 2, 1, "");
}

TEST_F(LoadPathsTest, MissingPathIsNotFound) {
  EXPECT_THAT(LoadPaths({root_ + "/nope"}, {}),
              StatusIs(absl::StatusCode::kNotFound,
                       root_ + "/nope: no such file or directory"));
}

TEST_F(LoadPathsTest, ErrorsStopTheLoadWithALocation) {
  Write("sub/bad.json", "{\"Resources\": {\n  \"A\": {\"Type\": 1}}}");
  absl::StatusOr<LoadResult> result = LoadPaths({root_}, {});
  testing::ExpectInputError(result.status(), 2, 17,
                            R"(Type of resource "A" must be a string)");
  EXPECT_EQ(ErrorLocation(result.status())->file, root_ + "/sub/bad.json");

  Write("sub/bad.json", "{\"Resources\": ");
  result = LoadPaths({root_}, {});
  EXPECT_THAT(result, StatusIs(absl::StatusCode::kInvalidArgument));
  ASSERT_TRUE(ErrorLocation(result.status()).has_value());
}

}  // namespace
}  // namespace polygraph::ingest

namespace polygraph::ingest {
namespace {

const char kParameterised[] = R"(Parameters:
  Env: {Type: String, Default: dev}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Audit:
    Type: AWS::S3::Bucket
    Condition: IsProd
)";

TEST_F(LoadPathsTest, ParametersFromFilesAndOptionsReachTheTemplates) {
  Write("stack/template.yaml", kParameterised);
  Write("create-stack.json",
        R"([{"ParameterKey": "Env", "ParameterValue": "qa"}])");
  Write("deploy.json", R"(["Env=prod"])");
  LoadOptions options;
  options.parameter_files = {root_ + "/create-stack.json",
                             root_ + "/deploy.json"};
  ASSERT_OK_AND_ASSIGN(LoadResult prod,
                       ingest::LoadPaths({root_ + "/stack"}, options));
  EXPECT_EQ(prod.model.resources().size(), 1u);  // the file said prod
  options.parameters = {{"Env", "dev"}};         // the option wins
  ASSERT_OK_AND_ASSIGN(LoadResult dev,
                       ingest::LoadPaths({root_ + "/stack"}, options));
  EXPECT_TRUE(dev.model.resources().empty());
}

TEST_F(LoadPathsTest, AParameterNoTemplateDeclaresIsAnError) {
  Write("stack/template.yaml", kParameterised);
  LoadOptions options;
  options.parameters = {{"Environment", "prod"}, {"AWS::Region", "eu-west-1"}};
  EXPECT_THAT(ingest::LoadPaths({root_ + "/stack"}, options),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("parameter \"Environment\" is given but no "
                                 "template loaded declares it")));
}

TEST_F(LoadPathsTest, AMalformedParameterFileIsAnErrorWithItsLocation) {
  Write("params.json", R"({"Parameters": {"Env": ["prod"]}})");
  LoadOptions options;
  options.parameter_files = {root_ + "/params.json"};
  absl::StatusOr<LoadResult> result = ingest::LoadPaths({root_}, options);
  EXPECT_THAT(result, StatusIs(absl::StatusCode::kInvalidArgument,
                               HasSubstr("parameter \"Env\" must have a "
                                         "string value, found array")));
  ASSERT_TRUE(ErrorLocation(result.status()).has_value());
  EXPECT_EQ(ErrorLocation(result.status())->column, 24);
}

}  // namespace
}  // namespace polygraph::ingest
